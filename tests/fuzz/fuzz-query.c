/* fuzz-query.c - libFuzzer target for the query builder and the searcher
 * behind it: any bytes, taken as what a person typed, are parsed into a
 * query tree, turned into a Xapian query by the shim and run against a
 * small index of the seed note.  The answer is hits or BAD_QUERY, never
 * another failure; every hit's JSON is valid UTF-8 and its highlights lie
 * inside its snippet. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "qtree.h"
#include "query.h"
#include "saekin.h"

#ifndef FUZZ_SEED_NOTE
#define FUZZ_SEED_NOTE "corpus/aws-word-summary.md"
#endif

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char tmpdir[] = "/tmp/saekin-fuzz-query.XXXXXX";
static saekin_searcher_t *searcher;

static void
cleanup (void)
{
    saekin_searcher_close (searcher);
    char cmd[128];
    snprintf (cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
        fprintf (stderr, "fuzz-query: could not remove %s\n", tmpdir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
    (void) argc;
    (void) argv;
    fuzz_check (mkdtemp (tmpdir) != NULL, "mkdtemp");
    atexit (cleanup);
    char db[128];
    snprintf (db, sizeof db, "%s/db", tmpdir);
    const char *note = getenv ("SAEKIN_FUZZ_NOTE");
    const char *paths[] = { note ? note : FUZZ_SEED_NOTE };
    saekin_index_t *ix;
    char *msg = NULL;
    fuzz_check (saekin_index_open (db, &ix, &msg) == SAEKIN_STATUS_SUCCESS, "index open");
    fuzz_check (saekin_index_update (ix, paths, 1, NULL) == SAEKIN_STATUS_SUCCESS
                    && saekin_index_report (ix)->entries_indexed > 0,
                "indexing the seed note (set SAEKIN_FUZZ_NOTE)");
    saekin_index_close (ix);
    const char *dbs[] = { db };
    fuzz_check (saekin_searcher_open (dbs, 1, &searcher, &msg) == SAEKIN_STATUS_SUCCESS,
                "searcher open");
    return 0;
}

static void
check_hits (const saekin_hits_t *hits)
{
    size_t n = saekin_hits_count (hits);
    fuzz_check (n <= 20, "more hits than asked for");
    for (size_t i = 0; i < n; i++) {
        const saekin_hit_t *h = saekin_hits_get (hits, i);
        fuzz_check (h && h->rank == i + 1, "ranks not 1, 2, 3...");
        fuzz_check (h->line >= 1 && h->line <= h->end_line, "hit lines");
        size_t slen = strlen (h->snippet);
        for (size_t k = 0; k < h->n_highlights; k++)
            fuzz_check (h->highlights[k].start < h->highlights[k].end
                            && h->highlights[k].end <= slen,
                        "highlight outside the snippet");
        char *json = saekin_hit_json (h);
        fuzz_check (json != NULL, "hit json");
        fuzz_utf8 (json, "hit json");
        free (json);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    char *q = malloc (size + 1);
    fuzz_check (q != NULL, "malloc");
    memcpy (q, data, size);
    q[size] = '\0';

    /* The builder alone, with nothing to consult. */
    _saekin_qnode_t *tree = NULL;
    _saekin_termset_t hl = { 0 };
    char *error = NULL;
    saekin_status_t s = _saekin_query_build (q, NULL, &tree, &hl, &error);
    fuzz_check (s == SAEKIN_STATUS_SUCCESS || s == SAEKIN_STATUS_BAD_QUERY,
                "query build: unexpected status");
    if (s == SAEKIN_STATUS_SUCCESS) {
        fuzz_check (tree != NULL, "no tree for a good query");
        char *d = _saekin_qnode_describe (tree);
        fuzz_check (d != NULL, "describe");
        free (d);
    } else {
        fuzz_check (error != NULL && *error, "BAD_QUERY without a message");
    }
    for (size_t i = 0; i < hl.n; i++)
        fuzz_utf8 (hl.terms[i], "highlight term");
    _saekin_qnode_free (tree);
    _saekin_termset_clear (&hl);
    free (error);

    /* The whole searcher. */
    saekin_hits_t *hits = NULL;
    s = saekin_searcher_query (searcher, q, 20, &hits);
    if (s != SAEKIN_STATUS_SUCCESS && s != SAEKIN_STATUS_BAD_QUERY)
        fprintf (stderr, "query failed: %s\n", saekin_searcher_status_string (searcher));
    fuzz_check (s == SAEKIN_STATUS_SUCCESS || s == SAEKIN_STATUS_BAD_QUERY,
                "search: unexpected status");
    if (s == SAEKIN_STATUS_SUCCESS)
        check_hits (hits);
    saekin_hits_free (hits);
    free (q);
    return 0;
}
