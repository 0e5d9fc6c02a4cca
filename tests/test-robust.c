/* test-robust.c - the library keeps its promises when the world moves
 * under it: a searcher opened before many commits still answers (Xapian's
 * DatabaseModifiedError is met by reopening), notes that vanish or change
 * between the walk and the read, roots given as relative paths. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "saekin.h"

#include "fixture.h"

/* Hits for QUERY through S; -1 when the query failed. */
static long
count_hits (saekin_searcher_t *s, const char *query)
{
    saekin_hits_t *hits;
    if (saekin_searcher_query (s, query, 100, &hits) != SAEKIN_STATUS_SUCCESS)
        return -1;
    long n = (long) saekin_hits_count (hits);
    saekin_hits_free (hits);
    return n;
}

/* Write 200 notes of 120 words each, all new in ROUND. */
static void
write_round (int round)
{
    for (int k = 0; k < 200; k++) {
        char name[32], text[4096];
        size_t len = 0;
        snprintf (name, sizeof name, "n%03d.md", k);
        len += (size_t) snprintf (text, sizeof text, "# note %d\n\n- 인증서 round%d\n", k,
                                  round);
        for (int j = 0; j < 120 && len < sizeof text - 40; j++)
            len += (size_t) snprintf (text + len, sizeof text - len, "w%dx%dx%d ", k, j,
                                      round);
        write_note_mode (name, text, "w");
    }
}

START_TEST (reader_outlives_many_commits)
{
    /* An index big enough that a searcher reads more than the blocks it
     * keeps in memory. */
    write_round (0);
    update_notes (NULL);
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (count_hits (s, "round0"), 100);
    /* Commits that each rewrite every note with new words, so that the
     * blocks the searcher reads are reused by the writer and Xapian throws
     * DatabaseModifiedError, which the searcher meets by reopening: it
     * then sees a newer round than the one it opened. */
    int saw_newer = 0;
    for (int round = 1; round <= 4; round++) {
        write_round (round);
        update_notes (NULL);
        for (int k = 0; k < 200; k += 9) {
            char q[64];
            snprintf (q, sizeof q, "w%dx%dx%d", k, k % 120, round);
            long n = count_hits (s, q);
            ck_assert_msg (n >= 0, "round %d: query failed (%s)", round,
                           saekin_searcher_status_string (s));
            saw_newer |= n > 0;
        }
        ck_assert_int_ge (count_hits (s, "인증서"), 100);
    }
    ck_assert_msg (saw_newer, "the searcher never met a rewritten block: "
                              "the reopen path was not tested");
    saekin_searcher_close (s);
}
END_TEST

typedef struct {
    int step;
    const char *action; /* "delete" or "append" */
} mover_t;

/* After the first note is done, make the second vanish or change. */
static void
on_progress (void *ctx, size_t done, size_t total)
{
    mover_t *m = ctx;
    (void) total;
    if (done != 1 || m->step++)
        return;
    char path[600];
    snprintf (path, sizeof path, "%s/b.md", notes);
    if (strcmp (m->action, "delete") == 0)
        ck_assert_int_eq (unlink (path), 0);
    else
        write_note_mode ("b.md", "\n- zqxlate 늦게 덧붙인 말\n", "a");
}

static int problems_fatal, problems;

static void
on_problem (void *ctx, const char *file, unsigned line, const char *message, bool fatal)
{
    (void) ctx;
    (void) file;
    (void) line;
    (void) message;
    problems++;
    problems_fatal += fatal;
}

START_TEST (note_vanishes_during_run)
{
    write_note_mode ("a.md", "# A\n\nalpha\n", "w");
    write_note_mode ("b.md", "# B\n\nbeta zqxbeta\n", "w");
    update_notes (NULL);
    /* Both change, so both are read; b.md is deleted after the walk. */
    write_note_mode ("a.md", "more alpha\n", "a");
    write_note_mode ("b.md", "more beta\n", "a");
    mover_t m = { 0, "delete" };
    saekin_index_options_t *opt;
    ck_assert_int_eq (saekin_index_options_new (&opt), SAEKIN_STATUS_SUCCESS);
    saekin_index_options_set_progress_callback (opt, on_progress);
    saekin_index_options_set_problem_callback (opt, on_problem);
    saekin_index_options_set_callback_data (opt, &m);
    problems = problems_fatal = 0;
    saekin_index_report_t rep = update_notes (opt);
    saekin_index_options_free (opt);
    ck_assert_uint_eq (rep.files_updated, 1);
    ck_assert_uint_eq (rep.files_removed, 1);
    ck_assert_uint_eq (rep.files_failed, 0);
    ck_assert_int_eq (problems_fatal, 0);
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (count_hits (s, "zqxbeta"), 0);
    saekin_searcher_close (s);
    rep = update_notes (NULL);
    ck_assert_uint_eq (rep.files_seen, 1);
    ck_assert_uint_eq (rep.files_unchanged, 1);
}
END_TEST

START_TEST (note_changes_during_run)
{
    write_note_mode ("a.md", "# A\n\nalpha\n", "w");
    write_note_mode ("b.md", "# B\n\nbeta\n", "w");
    mover_t m = { 0, "append" };
    saekin_index_options_t *opt;
    ck_assert_int_eq (saekin_index_options_new (&opt), SAEKIN_STATUS_SUCCESS);
    saekin_index_options_set_progress_callback (opt, on_progress);
    saekin_index_options_set_callback_data (opt, &m);
    saekin_index_report_t rep = update_notes (opt);
    saekin_index_options_free (opt);
    ck_assert_uint_eq (rep.files_added, 2);
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    /* What was read is what is on disk now... */
    ck_assert_int_eq (count_hits (s, "zqxlate"), 1);
    saekin_searcher_close (s);
    /* ...and the next run knows it has it. */
    rep = update_notes (NULL);
    ck_assert_uint_eq (rep.files_unchanged, 2);
}
END_TEST

START_TEST (relative_root_is_absolute)
{
    write_note_mode ("a.md", "# A\n\nalpha\n", "w");
    char *cwd = getcwd (NULL, 0);
    ck_assert_int_eq (chdir (tmpdir), 0);
    saekin_index_t *ix;
    char *msg = NULL;
    ck_assert_int_eq (saekin_index_open (db, &ix, &msg), SAEKIN_STATUS_SUCCESS);
    const char *paths[] = { "./notes/" };
    ck_assert_int_eq (saekin_index_update (ix, paths, 1, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (chdir ("/"), 0);
    ck_assert_int_eq (saekin_index_update (ix, NULL, 0, NULL), SAEKIN_STATUS_SUCCESS);
    const saekin_index_report_t *rep = saekin_index_report (ix);
    ck_assert_uint_eq (rep->files_unchanged, 1);
    ck_assert_uint_eq (rep->files_removed, 0);
    const saekin_index_info_t *info;
    ck_assert_int_eq (saekin_index_info (ix, &info), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (info->n_roots, 1);
    ck_assert_str_eq (info->roots[0], notes);
    ck_assert_uint_eq (info->files, 1);
    saekin_index_close (ix);
    ck_assert_int_eq (chdir (cwd), 0);
    free (cwd);
}
END_TEST

START_TEST (failed_update_changes_nothing)
{
    write_note_mode ("a.md", "# A\n\nalpha zqxa\n", "w");
    update_notes (NULL);
    saekin_index_t *ix;
    char *msg = NULL;
    ck_assert_int_eq (saekin_index_open (db, &ix, &msg), SAEKIN_STATUS_SUCCESS);
    /* A missing path given is a note failure, not a run failure. */
    char missing[600];
    snprintf (missing, sizeof missing, "%s/missing.md", notes);
    const char *paths[] = { missing };
    ck_assert_int_eq (saekin_index_update (ix, paths, 1, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_report (ix)->files_failed, 1);

    /* A run that really fails: many new notes, and no file of this
     * process may grow past 64 kB (Xapian's writes then fail with EFBIG;
     * Check runs each test in a process of its own). */
    for (int i = 0; i < 200; i++) {
        char name[32], text[4096];
        snprintf (name, sizeof name, "n%03d.md", i);
        int n = snprintf (text, sizeof text, "# N%d\n\nzqxnew ", i);
        for (int k = 0; k < 300 && n < (int) sizeof text - 16; k++)
            n += snprintf (text + n, sizeof text - (size_t) n, "w%dx%d ", i, k);
        write_note (name, text);
    }
    struct rlimit old, small = { 64 * 1024, 0 };
    ck_assert_int_eq (getrlimit (RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    signal (SIGXFSZ, SIG_IGN);
    ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &small), 0);
    const char *roots[] = { notes };
    saekin_status_t st = saekin_index_update (ix, roots, 1, NULL);
    ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &old), 0);
    ck_assert_int_eq (st, SAEKIN_STATUS_WRITE_ERROR);
    ck_assert_ptr_nonnull (strstr (saekin_index_status_string (ix), "large"));
    saekin_index_close (ix);

    /* ...and the index is as it was: one note, the new ones unknown. */
    ck_assert_int_eq (saekin_index_open_readonly (db, &ix, &msg), SAEKIN_STATUS_SUCCESS);
    const saekin_index_info_t *info;
    ck_assert_int_eq (saekin_index_info (ix, &info), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (info->files, 1);
    saekin_index_close (ix);
    saekin_searcher_t *s;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (count_hits (s, "zqxa"), 1);
    ck_assert_int_eq (count_hits (s, "zqxnew"), 0);
    saekin_searcher_close (s);
}
END_TEST

int
main (void)
{
    Suite *suite = suite_create ("robust");
    /* Tagged "slow": the valgrind pass of tools/test.sh leaves it out
     * (CK_EXCLUDE_TAGS=slow); make check runs it. */
    TCase *slow = tcase_create ("commits");
    tcase_set_tags (slow, "slow");
    tcase_add_checked_fixture (slow, setup, teardown);
    tcase_set_timeout (slow, 300);
    tcase_add_test (slow, reader_outlives_many_commits);
    suite_add_tcase (suite, slow);
    TCase *tc = tcase_create ("robust");
    tcase_add_checked_fixture (tc, setup, teardown);
    tcase_set_timeout (tc, 120);
    tcase_add_test (tc, note_vanishes_during_run);
    tcase_add_test (tc, note_changes_during_run);
    tcase_add_test (tc, relative_root_is_absolute);
    tcase_add_test (tc, failed_update_changes_nothing);
    suite_add_tcase (suite, tc);
    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
