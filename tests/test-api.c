/* test-api.c - the public C API's paths, error paths above all: a missing
 * index, a locked one, bad queries, NULL handles (as notmuch's
 * T560-lib-error does). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "saekin.h"
#include "xapian-shim.h"

#include "fixture.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SAEKIN_HAS_ASAN 1
#endif
#endif
#ifndef SAEKIN_HAS_ASAN
#define SAEKIN_HAS_ASAN 0
#endif

START_TEST (status_strings)
{
    for (int s = 0; s < SAEKIN_STATUS_LAST_STATUS; s++) {
        const char *str = saekin_status_to_string ((saekin_status_t) s);
        ck_assert_ptr_nonnull (str);
        ck_assert_str_ne (str, "unknown status");
    }
    ck_assert_str_eq (saekin_status_to_string (SAEKIN_STATUS_LAST_STATUS),
                      "unknown status");
}
END_TEST

START_TEST (missing_index)
{
    saekin_searcher_t *s = (saekin_searcher_t *) 1;
    char *msg = NULL;
    char path[600];
    snprintf (path, sizeof path, "%s/nowhere", tmpdir);
    const char *dbs[] = { path };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_NO_INDEX);
    ck_assert_ptr_null (s);
    ck_assert_ptr_nonnull (msg);
    ck_assert_ptr_nonnull (strstr (msg, "nowhere"));
    free (msg);
}
END_TEST

START_TEST (not_an_index)
{
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { notes }; /* a folder, but no index */
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_NO_INDEX);
    ck_assert_ptr_null (s);
    ck_assert_ptr_nonnull (msg);
    free (msg);
}
END_TEST

START_TEST (no_paths_given)
{
    saekin_searcher_t *s;
    char *msg = NULL;
    ck_assert_int_eq (saekin_searcher_open (NULL, 0, &s, &msg),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    free (msg);
}
END_TEST

START_TEST (locked_index)
{
    saekin_index_t *a, *b = (saekin_index_t *) 1;
    char *msg = NULL;
    ck_assert_int_eq (saekin_index_open (db, &a, &msg), SAEKIN_STATUS_SUCCESS);
    /* Xapian's lock is per process through fcntl; a second writer in the
     * same process must be refused too. */
    ck_assert_int_eq (saekin_index_open (db, &b, &msg), SAEKIN_STATUS_LOCKED);
    ck_assert_ptr_null (b);
    ck_assert_ptr_nonnull (msg);
    ck_assert_ptr_nonnull (strstr (msg, "updated"));
    free (msg);
    saekin_index_close (a);
}
END_TEST

/* Looking inside needs no lock: read-only handles open beside a writer,
 * count what it committed, and refuse to change anything. */
START_TEST (readonly_beside_writer)
{
    write_note ("a.md", "# A\n\nalpha\n");
    update_notes (NULL);
    saekin_index_t *w, *r;
    ck_assert_int_eq (saekin_index_open (db, &w, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_index_open_readonly (db, &r, NULL), SAEKIN_STATUS_SUCCESS);
    const saekin_index_info_t *info;
    ck_assert_int_eq (saekin_index_info (r, &info), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (info->files, 1);
    ck_assert_uint_eq (info->entries, 1);
    ck_assert_uint_eq (info->n_roots, 1);
    /* a change asked of it is refused as such, not as a bad argument */
    ck_assert_int_eq (saekin_index_update (r, NULL, 0, NULL), SAEKIN_STATUS_READ_ONLY);
    ck_assert_ptr_nonnull (strstr (saekin_index_status_string (r), "read-only"));
    ck_assert_int_eq (saekin_index_compact (r), SAEKIN_STATUS_READ_ONLY);
    ck_assert_int_eq (saekin_index_forget (r, notes, NULL), SAEKIN_STATUS_READ_ONLY);
    saekin_index_close (r);
    saekin_index_close (w);
    /* where there is no index yet: nothing, and nothing is created */
    char none[600];
    snprintf (none, sizeof none, "%s/none", tmpdir);
    ck_assert_int_eq (saekin_index_open_readonly (none, &r, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_index_info (r, &info), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (info->entries, 0);
    saekin_index_close (r);
    struct stat st;
    ck_assert_int_ne (stat (none, &st), 0);
}
END_TEST

START_TEST (bad_queries)
{
    write_note ("a.md", "# 인증서\n\n인증서를 갱신한다.\n");
    update_notes (NULL);
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    saekin_hits_t *hits = (saekin_hits_t *) 1;
    const char *bad[] = { "", "   ", "!!! ???", "-인증서", "\xff\xfe", "\"", "OR" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq (saekin_searcher_query (s, bad[i], 10, &hits),
                          SAEKIN_STATUS_BAD_QUERY);
        ck_assert_ptr_null (hits);
        ck_assert_str_ne (saekin_searcher_status_string (s), "no error");
    }
    ck_assert_int_eq (saekin_searcher_query (s, "인증서", 10, &hits),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (hits), 1);
    const saekin_hit_t *h = saekin_hits_get (hits, 0);
    ck_assert_str_eq (h->title, "인증서");
    ck_assert_uint_eq (h->line, 1);
    ck_assert_uint_eq (h->rank, 1);
    ck_assert_ptr_null (saekin_hits_get (hits, 1));
    saekin_hits_free (hits);
    saekin_searcher_close (s);
}
END_TEST

START_TEST (null_handles)
{
    saekin_index_close (NULL);
    saekin_searcher_close (NULL);
    saekin_hits_free (NULL);
    ck_assert_uint_eq (saekin_hits_count (NULL), 0);
    ck_assert_ptr_null (saekin_hits_get (NULL, 0));
    ck_assert_str_eq (saekin_index_status_string (NULL), "no error");
    ck_assert_int_eq (saekin_index_update (NULL, NULL, 0, NULL),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    /* issue 14, defect 7: these three crashed on a NULL handle */
    const saekin_index_info_t *info;
    ck_assert_int_eq (saekin_index_info (NULL, &info), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_index_dump_entries (NULL, stdout),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_index_compact (NULL), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_index_forget (NULL, "/x", NULL), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_ptr_null (saekin_index_report (NULL));
    /* and the other calls that take a handle or an out-pointer */
    saekin_hits_t *hits;
    ck_assert_int_eq (saekin_searcher_query (NULL, "KMS", 10, &hits),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_ptr_null (hits);
    ck_assert_int_eq (saekin_docs_lookup (NULL, &hits), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_docs_lookup ("KMS", NULL), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_ptr_null (saekin_hit_json (NULL));
    ck_assert_int_eq (saekin_settings_set_threads (NULL, 1), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_index_options_set_rebuild (NULL, true),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_index_open (db, NULL, NULL), SAEKIN_STATUS_BAD_ARGUMENT);
}
END_TEST

START_TEST (report_counts)
{
    write_note ("a.md", "# A\n\nalpha\n");
    write_note ("b.md", "# B\n\nbeta\n");
    write_note ("skip.org", "not a note (.txt is one: issue 10)\n");
    saekin_index_report_t rep = update_notes (NULL);
    ck_assert_uint_eq (rep.files_seen, 2);
    ck_assert_uint_eq (rep.files_added, 2);
    rep = update_notes (NULL);
    ck_assert_uint_eq (rep.files_unchanged, 2);
    ck_assert_uint_eq (rep.files_added, 0);
}
END_TEST

static void
count_problem (void *ctx, const char *file, unsigned line, const char *msg, bool fatal)
{
    (void) line;
    (void) fatal;
    if (strcmp (file, db) == 0 && strstr (msg, "older saekin"))
        ++*(int *) ctx;
}

/* How many hits QUERY finds in DB. */
static size_t
rank_count (const char *query)
{
    saekin_searcher_t *s;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, NULL), SAEKIN_STATUS_SUCCESS);
    saekin_hits_t *hits = NULL;
    ck_assert_int_eq (saekin_searcher_query (s, query, 10, &hits), SAEKIN_STATUS_SUCCESS);
    size_t n = saekin_hits_count (hits);
    saekin_hits_free (hits);
    saekin_searcher_close (s);
    return n;
}

/* Set (or, with VALUE NULL, clear) the index format DB records. */
static void
set_format (const char *value)
{
    _saekin_xwriter_t *w;
    ck_assert_int_eq (_saekin_xwriter_open (db, &w, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (_saekin_xwriter_set_metadata (w, "saekin:format",
                                                    value ? value : "",
                                                    value ? strlen (value) : 0),
                      SAEKIN_STATUS_SUCCESS);
    _saekin_xwriter_close (w);
}

/* An index an older saekin made (another format, or none recorded) is
 * rebuilt from its folders at the next update, whatever paths it names,
 * and says so once. */
START_TEST (old_format_rebuilt)
{
    write_note ("a.md", "# A\n\nalpha\n");
    write_note ("b.md", "# B\n\nbeta\n");
    update_notes (NULL);
    /* the rebuild in shards, as a big index's is: the writer then swaps
     * in a new database, and what follows must read that one */
    saekin_settings_t *settings;
    ck_assert_int_eq (saekin_settings_new (&settings), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_settings_set_threads (settings, 2), SAEKIN_STATUS_SUCCESS);
    const char *olds[] = { NULL, "1" };
    for (size_t i = 0; i < 2; i++) {
        set_format (olds[i]);
        saekin_index_t *ix;
        ck_assert_int_eq (saekin_index_open_with_settings (db, SAEKIN_INDEX_READ_WRITE,
                                                           settings, &ix, NULL),
                          SAEKIN_STATUS_SUCCESS);
        int said = 0;
        saekin_index_options_t *opt;
        ck_assert_int_eq (saekin_index_options_new (&opt), SAEKIN_STATUS_SUCCESS);
        saekin_index_options_set_problem_callback (opt, count_problem);
        saekin_index_options_set_callback_data (opt, &said);
        char a[600];
        snprintf (a, sizeof a, "%s/a.md", notes);
        const char *one[] = { a };
        /* a single note named: the whole index is still rebuilt */
        ck_assert_int_eq (saekin_index_update (ix, i ? one : NULL, i ? 1 : 0, opt),
                          SAEKIN_STATUS_SUCCESS);
        ck_assert_int_eq (said, 1);
        /* and then it is current: the next update changes nothing */
        said = 0;
        ck_assert_int_eq (saekin_index_update (ix, NULL, 0, opt), SAEKIN_STATUS_SUCCESS);
        ck_assert_int_eq (said, 0);
        ck_assert_uint_eq (saekin_index_report (ix)->files_unchanged, 2);
        saekin_index_options_free (opt);
        saekin_index_close (ix);
        ck_assert_uint_eq (rank_count ("beta"), 1);
    }
    saekin_settings_free (settings);
}
END_TEST

/* Every setting's getter answers the default for NULL and for new
 * settings, what was set after a setter, and a refused value leaves the
 * setting as it was. */
START_TEST (settings_getters)
{
    ck_assert_ptr_null (saekin_settings_get_vocabulary_path (NULL));
    ck_assert_ptr_null (saekin_settings_get_synonyms_path (NULL));
    ck_assert_uint_eq (saekin_settings_get_threads (NULL), 0);
    ck_assert (saekin_settings_get_timeout (NULL) == 0);
    saekin_settings_t *st;
    ck_assert_int_eq (saekin_settings_new (&st), SAEKIN_STATUS_SUCCESS);
    ck_assert_ptr_null (saekin_settings_get_vocabulary_path (st));
    ck_assert_ptr_null (saekin_settings_get_synonyms_path (st));
    ck_assert_uint_eq (saekin_settings_get_threads (st), 0);
    ck_assert (saekin_settings_get_timeout (st) == 0);

    char path[] = "/v/vocabulary.tsv";
    ck_assert_int_eq (saekin_settings_set_vocabulary_path (st, path),
                      SAEKIN_STATUS_SUCCESS);
    path[1] = 'x'; /* copied: the caller's string may change */
    ck_assert_str_eq (saekin_settings_get_vocabulary_path (st), "/v/vocabulary.tsv");
    ck_assert_int_eq (saekin_settings_set_synonyms_path (st, "/s.tsv"),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (saekin_settings_get_synonyms_path (st), "/s.tsv");
    ck_assert_int_eq (saekin_settings_set_synonyms_path (st, NULL),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_ptr_null (saekin_settings_get_synonyms_path (st));
    ck_assert_int_eq (saekin_settings_set_threads (st, 3), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_settings_get_threads (st), 3);
    ck_assert_int_eq (saekin_settings_set_timeout (st, 2.5), SAEKIN_STATUS_SUCCESS);
    ck_assert (saekin_settings_get_timeout (st) == 2.5);

    ck_assert_int_eq (saekin_settings_set_timeout (st, -1), SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_settings_set_timeout (st, 0.0 / 0.0),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert (saekin_settings_get_timeout (st) == 2.5);
    ck_assert_int_eq (saekin_settings_set_vocabulary_path (NULL, "/v"),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_int_eq (saekin_settings_set_timeout (NULL, 1), SAEKIN_STATUS_BAD_ARGUMENT);
    saekin_settings_free (st);
}
END_TEST

/* The note memory and the watch limit: defaults, setters, refusals. */
START_TEST (index_option_limits)
{
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (NULL), 512);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (NULL), 0);
    saekin_index_options_t *opt;
    ck_assert_int_eq (saekin_index_options_new (&opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 512);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 0);

    ck_assert_int_eq (saekin_index_options_set_note_memory_mb (opt, 64),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 64);
    /* no room at all is refused, and changes nothing */
    ck_assert_int_eq (saekin_index_options_set_note_memory_mb (opt, 0),
                      SAEKIN_STATUS_BAD_ARGUMENT);
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 64);
    ck_assert_int_eq (saekin_index_options_set_note_memory_mb (NULL, 64),
                      SAEKIN_STATUS_BAD_ARGUMENT);

    ck_assert_int_eq (saekin_index_options_set_watch_limit (opt, 7),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 7);
    ck_assert_int_eq (saekin_index_options_set_watch_limit (opt, 0),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 0);
    ck_assert_int_eq (saekin_index_options_set_watch_limit (NULL, 7),
                      SAEKIN_STATUS_BAD_ARGUMENT);

    saekin_index_options_free (opt);
}
END_TEST

static void
keep_problem (void *ctx, const char *file, unsigned line, const char *msg, bool fatal)
{
    (void) file;
    (void) line;
    if (fatal)
        snprintf (ctx, 200, "%s", msg);
}

/* The note memory reaches the child that parses a costly note: a table
 * of 90,000 cells (about 45 MB to parse) fails with 16 MB of room and
 * is indexed with the default 512. */
START_TEST (note_memory_used)
{
    char path[600];
    snprintf (path, sizeof path, "%s/mid.md", notes);
    FILE *f = fopen (path, "w");
    ck_assert_ptr_nonnull (f);
    fputs ("# mid\n\n- zqxmid\n\n|", f);
    for (int i = 0; i < 100; i++)
        fputs ("h|", f);
    fputs ("\n|", f);
    for (int i = 0; i < 100; i++)
        fputs ("-|", f);
    for (int r = 0; r < 900; r++) {
        fputs ("\n|", f);
        for (int i = 0; i < 100; i++)
            fputs ("x|", f);
    }
    fputs ("\n", f);
    ck_assert_int_eq (fclose (f), 0);
    char problem[200] = "";
    saekin_index_options_t *opt;
    ck_assert_int_eq (saekin_index_options_new (&opt), SAEKIN_STATUS_SUCCESS);
    saekin_index_options_set_problem_callback (opt, keep_problem);
    saekin_index_options_set_callback_data (opt, problem);
    ck_assert_int_eq (saekin_index_options_set_note_memory_mb (opt, 16),
                      SAEKIN_STATUS_SUCCESS);
    saekin_index_report_t rep = update_notes (opt);
    ck_assert_uint_eq (rep.files_failed, 1);
    ck_assert_str_eq (problem, "too costly to parse (out of memory), skipped");
    saekin_index_options_free (opt);
    rep = update_notes (NULL);
    ck_assert_uint_eq (rep.files_added, 1);
    ck_assert_uint_eq (rep.files_failed, 0);
}
END_TEST

static void
clear_environment (void)
{
    static const char *const names[] = { "SAEKIN_VOCABULARY",
                                         "SAEKIN_INDEX_THREADS",
                                         "SAEKIN_QUERY_TIMEOUT",
                                         "SAEKIN_NOTE_MEMORY_MB",
                                         "SAEKIN_WATCH_MAX",
                                         "XDG_CONFIG_HOME",
                                         "HOME" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        unsetenv (names[i]);
}

/* saekin_read_environment() makes what the programs made of each
 * variable; an unset, empty or bad one leaves the setting as it was. */
START_TEST (read_environment)
{
    clear_environment ();
    ck_assert_int_eq (saekin_read_environment (NULL, NULL), SAEKIN_STATUS_BAD_ARGUMENT);

    /* Nothing set: the caller's values stay, no home, no synonyms. */
    saekin_settings_t *st;
    saekin_index_options_t *opt;
    ck_assert_int_eq (saekin_settings_new (&st), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_index_options_new (&opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_settings_set_timeout (st, 30), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_read_environment (st, opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_ptr_null (saekin_settings_get_vocabulary_path (st));
    ck_assert_ptr_null (saekin_settings_get_synonyms_path (st));
    ck_assert_uint_eq (saekin_settings_get_threads (st), 0);
    ck_assert (saekin_settings_get_timeout (st) == 30);
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 512);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 0);

    /* Every variable. */
    setenv ("SAEKIN_VOCABULARY", "/v/mine.tsv", 1);
    setenv ("HOME", "/h", 1);
    setenv ("SAEKIN_INDEX_THREADS", "3", 1);
    setenv ("SAEKIN_QUERY_TIMEOUT", "0", 1);
    setenv ("SAEKIN_NOTE_MEMORY_MB", "16", 1);
    setenv ("SAEKIN_WATCH_MAX", "1", 1);
    ck_assert_int_eq (saekin_read_environment (st, opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (saekin_settings_get_vocabulary_path (st), "/v/mine.tsv");
    ck_assert_str_eq (saekin_settings_get_synonyms_path (st),
                      "/h/.config/saekin/synonyms.tsv");
    ck_assert_uint_eq (saekin_settings_get_threads (st), 3);
    ck_assert (saekin_settings_get_timeout (st) == 0);
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 16);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 1);
    setenv ("XDG_CONFIG_HOME", "/c", 1);
    setenv ("SAEKIN_QUERY_TIMEOUT", "7", 1);
    ck_assert_int_eq (saekin_read_environment (st, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (saekin_settings_get_synonyms_path (st), "/c/saekin/synonyms.tsv");
    ck_assert (saekin_settings_get_timeout (st) == 7);

    /* Values the programs always ignored leave the settings as they were. */
    static const char *const bad_threads[] = { "0", "1025", "two", "2x", "-1", "" };
    for (size_t i = 0; i < sizeof bad_threads / sizeof *bad_threads; i++) {
        setenv ("SAEKIN_INDEX_THREADS", bad_threads[i], 1);
        ck_assert_int_eq (saekin_read_environment (st, NULL), SAEKIN_STATUS_SUCCESS);
        ck_assert_uint_eq (saekin_settings_get_threads (st), 3);
    }
    static const char *const bad_timeouts[] = { "-1", "1.5", "soon",
                                                "99999999999999999999", "" };
    for (size_t i = 0; i < sizeof bad_timeouts / sizeof *bad_timeouts; i++) {
        setenv ("SAEKIN_QUERY_TIMEOUT", bad_timeouts[i], 1);
        ck_assert_int_eq (saekin_read_environment (st, NULL), SAEKIN_STATUS_SUCCESS);
        ck_assert (saekin_settings_get_timeout (st) == 7);
    }
    static const char *const bad_memory[] = { "0", "-5", "lots", "" };
    for (size_t i = 0; i < sizeof bad_memory / sizeof *bad_memory; i++) {
        setenv ("SAEKIN_NOTE_MEMORY_MB", bad_memory[i], 1);
        ck_assert_int_eq (saekin_read_environment (NULL, opt), SAEKIN_STATUS_SUCCESS);
        ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 16);
    }
    /* (as atol read it: the number it starts with) */
    setenv ("SAEKIN_NOTE_MEMORY_MB", "32MB", 1);
    ck_assert_int_eq (saekin_read_environment (NULL, opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_note_memory_mb (opt), 32);
    /* An empty SAEKIN_WATCH_MAX is unset; one that is no number, no limit. */
    setenv ("SAEKIN_WATCH_MAX", "", 1);
    ck_assert_int_eq (saekin_read_environment (NULL, opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 1);
    setenv ("SAEKIN_WATCH_MAX", "none", 1);
    ck_assert_int_eq (saekin_read_environment (NULL, opt), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_index_options_get_watch_limit (opt), 0);
    /* An empty SAEKIN_VOCABULARY keeps the vocabulary set. */
    setenv ("SAEKIN_VOCABULARY", "", 1);
    ck_assert_int_eq (saekin_read_environment (st, NULL), SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (saekin_settings_get_vocabulary_path (st), "/v/mine.tsv");
    saekin_settings_free (st);
    saekin_index_options_free (opt);
    clear_environment (); /* CK_FORK=no runs the next tests in this process */
}
END_TEST

START_TEST (default_db_path)
{
    setenv ("SAEKIN_DB", "/x/y", 1);
    char *p = saekin_default_db_path ();
    ck_assert_str_eq (p, "/x/y");
    free (p);
    unsetenv ("SAEKIN_DB");
    setenv ("XDG_DATA_HOME", "/d", 1);
    p = saekin_default_db_path ();
    ck_assert_str_eq (p, "/d/saekin");
    free (p);
    unsetenv ("XDG_DATA_HOME");
    setenv ("HOME", "/h", 1);
    p = saekin_default_db_path ();
    ck_assert_str_eq (p, "/h/.local/share/saekin");
    free (p);
}
END_TEST

int
main (void)
{
    Suite *suite = suite_create ("api");
    TCase *tc = tcase_create ("api");
    tcase_add_checked_fixture (tc, setup, teardown);
    tcase_set_timeout (tc, 60);
    tcase_add_test (tc, status_strings);
    tcase_add_test (tc, missing_index);
    tcase_add_test (tc, not_an_index);
    tcase_add_test (tc, no_paths_given);
    tcase_add_test (tc, locked_index);
    tcase_add_test (tc, readonly_beside_writer);
    tcase_add_test (tc, bad_queries);
    tcase_add_test (tc, null_handles);
    tcase_add_test (tc, report_counts);
    tcase_add_test (tc, default_db_path);
    tcase_add_test (tc, settings_getters);
    tcase_add_test (tc, index_option_limits);
    tcase_add_test (tc, read_environment);
    tcase_add_test (tc, old_format_rebuilt);
    suite_add_tcase (suite, tc);
    /* Memory limits (RLIMIT_AS in the parse child) cannot work under
     * AddressSanitizer, which reserves terabytes of address space, nor
     * under valgrind: tagged "slow", which the valgrind pass of
     * tools/test.sh leaves out (CK_EXCLUDE_TAGS=slow). */
#if ! defined(__SANITIZE_ADDRESS__) && ! SAEKIN_HAS_ASAN
    TCase *limits = tcase_create ("limits");
    tcase_set_tags (limits, "slow");
    tcase_add_checked_fixture (limits, setup, teardown);
    tcase_set_timeout (limits, 120);
    tcase_add_test (limits, note_memory_used);
    suite_add_tcase (suite, limits);
#endif
    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? 1 : 0;
}
