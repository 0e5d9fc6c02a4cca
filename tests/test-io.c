/* test-io.c - output and input that must not depend on the caller's
 * environment: JSON numbers under a locale whose decimal point is a
 * comma (a GUI or server built on libsaekin calls setlocale (LC_ALL, "")),
 * and reading a note whose fstat fails. */
#include <check.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "saekin.h"
#include "walk.h"

/* ---- fstat that fails on demand ----
 * The library's objects are linked into this program, so this fstat is
 * the one walk.c calls. */
static bool fail_fstat;

int
fstat (int fd, struct stat *st)
{
    if (fail_fstat) {
        errno = EIO;
        return -1;
    }
    static int (*real) (int, struct stat *);
    if (! real)
        real = (int (*) (int, struct stat *)) dlsym (RTLD_NEXT, "fstat");
    return real (fd, st);
}

START_TEST (read_whole_after_failed_fstat)
{
    char path[] = "/tmp/saekin-io.XXXXXX";
    int fd = mkstemp (path);
    ck_assert_int_ge (fd, 0);
    ck_assert_int_eq (write (fd, "# note\n", 7), 7);
    close (fd);

    char *buf = (char *) 1;
    size_t len = 0;
    struct stat st;
    /* st_mode 0 is not a regular file: the old code read it, unset, and
     * answered EISDIR instead of fstat's own error. */
    memset (&st, 0, sizeof st);
    fail_fstat = true;
    errno = 0;
    ck_assert_int_eq (_saekin_read_whole (path, &buf, &len, &st), -1);
    int e = errno;
    fail_fstat = false;
    ck_assert_msg (e == EIO, "errno %d (%s), wanted EIO", e, strerror (e));
    ck_assert_ptr_null (buf);

    ck_assert_int_eq (_saekin_read_whole (path, &buf, &len, &st), 0);
    ck_assert_uint_eq (len, 7);
    ck_assert_str_eq (buf, "# note\n");
    free (buf);
    unlink (path);

    /* A folder is still "not a regular file". */
    ck_assert_int_eq (_saekin_read_whole ("/tmp", &buf, &len, &st), -1);
    ck_assert_int_eq (errno, EISDIR);
}
END_TEST

/* ---- JSON under a comma locale ---- */

/* Make a locale whose decimal point is a comma available: de_DE.UTF-8
 * when installed, else one compiled with localedef into a temporary
 * folder named by LOCPATH.  Run before the tests (localedef takes longer
 * than a test's timeout on a busy machine).  False when neither can be
 * had. */
static bool have_comma_locale;
static char locale_dir[] = "/tmp/saekin-locale.XXXXXX";

static bool
prepare_comma_locale (void)
{
    if (setlocale (LC_ALL, "de_DE.UTF-8")) {
        setlocale (LC_ALL, "C");
        return true;
    }
    if (! mkdtemp (locale_dir))
        return false;
    char cmd[256];
    snprintf (cmd, sizeof cmd,
              "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", locale_dir);
    if (system (cmd) != 0)
        return false;
    setenv ("LOCPATH", locale_dir, 1);
    return true;
}

START_TEST (json_score_ignores_locale)
{
    if (! have_comma_locale || ! setlocale (LC_ALL, "de_DE.UTF-8")) {
        fprintf (stderr, "test-io: no de_DE.UTF-8 locale (install locales); "
                         "JSON locale check not run\n");
        return;
    }
    char probe[32];
    snprintf (probe, sizeof probe, "%.1f", 1.5);
    ck_assert_str_eq (probe, "1,5"); /* the locale is in force */

    saekin_hit_t hit;
    memset (&hit, 0, sizeof hit);
    hit.rank = 1;
    hit.score = 33.555;
    hit.file = "note.md";
    hit.title = "t";
    hit.snippet = "s";
    char *json = saekin_hit_json (&hit);
    setlocale (LC_ALL, "C");
    ck_assert_ptr_nonnull (json);
    ck_assert_msg (strstr (json, "\"score\":33.5550,"), "%s", json);
    free (json);
}
END_TEST

int
main (void)
{
    have_comma_locale = prepare_comma_locale ();
    Suite *suite = suite_create ("io");
    TCase *tc = tcase_create ("core");
    tcase_add_test (tc, read_whole_after_failed_fstat);
    tcase_add_test (tc, json_score_ignores_locale);
    suite_add_tcase (suite, tc);
    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    if (locale_dir[sizeof locale_dir - 2] != 'X') {
        char cmd[256];
        snprintf (cmd, sizeof cmd, "rm -rf %s", locale_dir);
        if (system (cmd) != 0)
            failed++;
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
