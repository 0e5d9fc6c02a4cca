/* fixture.h - a temporary folder of notes and an index in it, for the
 * Check unit tests that run the whole library (test-api, test-query,
 * test-robust).  Included once per test program: everything is static
 * (inline where a program may not use it). */
#ifndef SAEKIN_TEST_FIXTURE_H
#define SAEKIN_TEST_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "saekin.h"

static char tmpdir[64]; /* made fresh for every test */
static char db[512];    /* TMPDIR/db: the index */
static char notes[512]; /* TMPDIR/notes: the notes */

/* Write TEXT to the note NAME under NOTES, opened with MODE ("w", "a"). */
static inline void
write_note_mode (const char *name, const char *text, const char *mode)
{
    char path[600];
    snprintf (path, sizeof path, "%s/%s", notes, name);
    FILE *f = fopen (path, mode);
    ck_assert_ptr_nonnull (f);
    fputs (text, f);
    ck_assert_int_eq (fclose (f), 0);
}

static inline void
write_note (const char *name, const char *text)
{
    write_note_mode (name, text, "w");
}

/* Index NOTES into DB with OPT (NULL: defaults) and return the report. */
static inline saekin_index_report_t
update_notes (const saekin_index_options_t *opt)
{
    saekin_index_t *ix;
    char *msg = NULL;
    ck_assert_int_eq (saekin_index_open (db, &ix, &msg), SAEKIN_STATUS_SUCCESS);
    const char *paths[] = { notes };
    ck_assert_int_eq (saekin_index_update (ix, paths, 1, opt), SAEKIN_STATUS_SUCCESS);
    saekin_index_report_t rep = *saekin_index_report (ix);
    saekin_index_close (ix);
    return rep;
}

static void
setup (void)
{
    strcpy (tmpdir, "/tmp/saekin-unit.XXXXXX");
    ck_assert_ptr_nonnull (mkdtemp (tmpdir));
    snprintf (db, sizeof db, "%s/db", tmpdir);
    snprintf (notes, sizeof notes, "%s/notes", tmpdir);
    ck_assert_int_eq (mkdir (notes, 0777), 0);
}

static void
teardown (void)
{
    char cmd[600];
    snprintf (cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", tmpdir,
              tmpdir);
    ck_assert_int_eq (system (cmd), 0);
}

#endif
