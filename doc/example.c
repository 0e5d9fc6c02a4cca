/* example.c - a program using libsaekin as any outside caller does:
 * built with nothing but
 *
 *     cc example.c -o example $(pkg-config --cflags --libs saekin)
 *
 * against the installed header and library (`make installcheck`, hence
 * `make distcheck`, builds and runs it).  It indexes one note into a
 * fresh index under DIR and searches it; exit status 0 when the note is
 * found.  Usage: example DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <saekin.h>

#if ! SAEKIN_CHECK_VERSION(0, 1, 0)
#error "this example needs saekin 0.1.0 or newer"
#endif

static void
on_problem (void *data, const char *file, unsigned line, const char *message, bool fatal)
{
    (void) fatal;
    fprintf (stderr, "%s: %s:%u: %s\n", (const char *) data, file, line, message);
}

int
main (int argc, char **argv)
{
    if (argc != 2) {
        fprintf (stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    /* The library found at run time is the one the header describes. */
    if (saekin_version () >> 16 != SAEKIN_VERSION_MAJOR
        || strcmp (saekin_version_string (), SAEKIN_VERSION) != 0) {
        fprintf (stderr, "built against saekin %s, running with %s\n", SAEKIN_VERSION,
                 saekin_version_string ());
        return 1;
    }

    char notes[4096], note[4200], db[4200];
    snprintf (notes, sizeof notes, "%s/notes", argv[1]);
    snprintf (note, sizeof note, "%s/kms.md", notes);
    snprintf (db, sizeof db, "%s/db", argv[1]);
    mkdir (argv[1], 0777);
    mkdir (notes, 0777);
    FILE *f = fopen (note, "w");
    if (! f || fputs ("# KMS\n\n키 관리 서비스는 envelope encryption 을 쓴다.\n", f) < 0
        || fclose (f) != 0) {
        perror (note);
        return 1;
    }

    /* Settings come from the program (here: two threads at most). */
    saekin_settings_t *settings;
    if (saekin_settings_new (&settings) != SAEKIN_STATUS_SUCCESS)
        return 1;
    saekin_settings_set_threads (settings, 2);

    saekin_index_t *index;
    char *message = NULL;
    saekin_status_t s = saekin_index_open_with_settings (db, SAEKIN_INDEX_READ_WRITE,
                                                         settings, &index, &message);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", db, message ? message : saekin_status_to_string (s));
        free (message);
        return 1;
    }
    saekin_index_options_t *options;
    if (saekin_index_options_new (&options) != SAEKIN_STATUS_SUCCESS)
        return 1;
    saekin_index_options_set_problem_callback (options, on_problem);
    saekin_index_options_set_callback_data (options, argv[0]);
    const char *paths[] = { notes };
    s = saekin_index_update (index, paths, 1, options);
    saekin_index_options_free (options);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", db, saekin_index_status_string (index));
        return 1;
    }
    printf ("indexed %zu note(s), %zu entries\n",
            saekin_index_report (index)->files_added,
            saekin_index_report (index)->entries_indexed);
    saekin_index_close (index);

    const char *dbs[] = { db };
    saekin_searcher_t *searcher;
    s = saekin_searcher_open_with_settings (dbs, 1, settings, &searcher, &message);
    saekin_settings_free (settings);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", db, message ? message : saekin_status_to_string (s));
        free (message);
        return 1;
    }
    saekin_hits_t *hits;
    s = saekin_searcher_query (searcher, "envelope encryption", 10, &hits);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "query: %s\n", saekin_searcher_status_string (searcher));
        saekin_searcher_close (searcher);
        return 1;
    }
    size_t n = saekin_hits_count (hits);
    for (size_t i = 0; i < n; i++) {
        char *json = saekin_hit_json (saekin_hits_get (hits, i));
        puts (json ? json : "(out of memory)");
        free (json);
    }
    saekin_hits_free (hits);
    saekin_searcher_close (searcher);
    printf ("saekin %s: %zu hit(s)\n", saekin_version_string (), n);
    return n == 1 ? 0 : 1;
}
