/* index-shards.c - a fresh build on several threads.
 *
 * Xapian's writes are most of an indexing run (its in-memory inverter and
 * B-tree merges; reading, Markdown and analysis are a tenth), and one
 * WritableDatabase cannot be fed from two threads.  So a run that builds
 * an index afresh (an empty index, or --rebuild) with many notes splits
 * them, in walk order, into one contiguous range per processor; each
 * range is indexed by its own thread into its own scratch database
 * ("shard"), and the shards are then merged by Xapian's compaction, which
 * renumbers documents in shard order: the same docids, hence the same
 * ranking, as one thread would have given, in a compact index. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "index-private.h"

/* A fresh build is split into shards only from this many notes on: below
 * it, starting threads and merging costs more than it saves. */
#define SHARD_MIN_NOTES 64
/* No more shards than this, whatever the processors. */
#define SHARD_MAX 8

/* What the shard threads share. */
typedef struct {
    atomic_size_t done;  /* notes looked at, all shards together */
    atomic_int stop;     /* a shard failed: the others give up */
    atomic_int finished; /* shard threads that returned */
} shard_ctl_t;

typedef struct {
    shard_ctl_t *ctl;
    const _saekin_found_t *items; /* this shard's notes, a range of the walk */
    size_t n;
    char *path; /* its scratch database */
    sink_t sink;
    saekin_index_report_t report;
    saekin_status_t status;
    bool thread; /* runs on a thread of its own */
    pthread_t id;
} shard_t;

/* Index the notes of SH into its database and commit it.  With PROGRESS,
 * tell the run's progress after each note. */
static void
shard_run (shard_t *sh, run_t *progress, size_t total)
{
    records_t none = { 0 };
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    for (size_t i = 0; i < sh->n && s == SAEKIN_STATUS_SUCCESS; i++) {
        if (atomic_load (&sh->ctl->stop))
            break;
        s = _saekin_note_visit (&sh->sink, &none, &sh->items[i]);
        size_t done = atomic_fetch_add (&sh->ctl->done, 1) + 1;
        if (progress && progress->opt->callbacks.progress)
            progress->opt->callbacks.progress (progress->opt->callbacks.ctx, done, total);
    }
    if (s == SAEKIN_STATUS_SUCCESS && ! atomic_load (&sh->ctl->stop)) {
        s = _saekin_xwriter_commit (sh->sink.w);
        if (s != SAEKIN_STATUS_SUCCESS)
            _saekin_sink_failed (&sh->sink, s);
    }
    if (s != SAEKIN_STATUS_SUCCESS)
        atomic_store (&sh->ctl->stop, 1);
    sh->status = s;
}

static void *
shard_thread (void *v)
{
    shard_t *sh = v;
    shard_run (sh, NULL, 0);
    atomic_fetch_add (&sh->ctl->finished, 1);
    return NULL;
}

/* How many shards a run should build: 1 (no shards) unless it builds the
 * index afresh from enough notes and there are processors to share the
 * work.  THREADS (the settings') sets the count (1: never shard; it also
 * lifts the minimum of notes, so tests can shard a small corpus). */
size_t
_saekin_shard_count (unsigned threads, size_t n_notes)
{
    long n = (long) threads;
    if (threads == 0) {
        n = sysconf (_SC_NPROCESSORS_ONLN);
        if (n_notes < SHARD_MIN_NOTES)
            return 1;
    }
    if (n < 1)
        n = 1;
    if (n > SHARD_MAX)
        n = SHARD_MAX;
    if ((size_t) n > n_notes)
        n = (long) (n_notes ? n_notes : 1);
    return (size_t) n;
}

/* Remove the scratch databases of SHARDS[0..N). */
static void
shards_free (shard_t *shards, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        _saekin_xwriter_close (shards[i].sink.w);
        if (shards[i].path)
            _saekin_xdb_remove (shards[i].path);
        free (shards[i].path);
        free (shards[i].sink.message);
        for (size_t d = 0; d < shards[i].sink.n_deferred; d++) {
            free (shards[i].sink.deferred[d].file);
            free (shards[i].sink.deferred[d].message);
        }
        free (shards[i].sink.deferred);
    }
    free (shards);
}

/* Index FOUND (sorted) afresh in N_SHARDS ranges on as many threads, then
 * make the index the merge of the shards (see the top of this file). */
saekin_status_t
_saekin_build_in_shards (run_t *r, const _saekin_found_list_t *found, size_t n_shards)
{
    saekin_index_t *ix = r->ix;
    shard_t *shards = calloc (n_shards, sizeof *shards);
    shard_ctl_t ctl;
    atomic_init (&ctl.done, 0);
    atomic_init (&ctl.stop, 0);
    atomic_init (&ctl.finished, 0);
    if (! shards)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    /* Contiguous ranges of about equal bytes, so the threads end together. */
    unsigned long long total = 0, acc = 0;
    for (size_t i = 0; i < found->n; i++)
        total += (unsigned long long) found->items[i].size + 1;
    size_t at = 0;
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    for (size_t k = 0; k < n_shards && s == SAEKIN_STATUS_SUCCESS; k++) {
        shard_t *sh = &shards[k];
        size_t from = at;
        /* Each shard takes at least one note and leaves one for each
         * shard after it (_saekin_shard_count() made N_SHARDS <= notes). */
        size_t last = k == n_shards - 1 ? found->n : found->n - (n_shards - 1 - k);
        unsigned long long goal = total * (k + 1) / n_shards;
        while (at < last && (at == from || acc < goal || k == n_shards - 1)) {
            acc += (unsigned long long) found->items[at].size + 1;
            at++;
        }
        sh->ctl = &ctl;
        sh->items = found->items + from;
        sh->n = at - from;
        sh->status = SAEKIN_STATUS_SUCCESS;
        sh->sink = (sink_t){ NULL, NULL, r->opt, &sh->report, k > 0, NULL, 0, 0, NULL };
        char *msg = NULL, name[32];
        snprintf (name, sizeof name, "shard%zu", k);
        if (! (sh->path = _saekin_xwriter_scratch_path (ix->w, name))) {
            s = _saekin_index_failed (ix, SAEKIN_STATUS_WRITE_ERROR);
        } else if ((s = _saekin_xwriter_open_scratch (sh->path, &sh->sink.w, &msg))
                   != SAEKIN_STATUS_SUCCESS) {
            _saekin_index_set_message (ix, msg ? msg : "cannot open a shard", "");
        } else if (k == 0) {
            /* The merge is live from the swap on: it must say its format
             * then, not at the run's commit, or a kill between the two
             * leaves an index the next run rebuilds whole. */
            s = _saekin_xwriter_set_metadata (sh->sink.w, META_FORMAT, INDEX_FORMAT,
                                              strlen (INDEX_FORMAT));
            if (s != SAEKIN_STATUS_SUCCESS)
                _saekin_index_set_message (ix, _saekin_xwriter_message (sh->sink.w), "");
        }
        free (msg);
    }
    if (s != SAEKIN_STATUS_SUCCESS) {
        shards_free (shards, n_shards);
        return s;
    }
    /* What the threads share: Markdown parsing is serialised
     * (markdown_lock), the analysis keeps its state per thread, Xapian
     * objects are the shard's own. */
    for (size_t k = 1; k < n_shards; k++)
        shards[k].thread = pthread_create (&shards[k].id, NULL, shard_thread, &shards[k])
                           == 0;
    /* The main thread takes the first range (its problems are first in
     * note order, so they are told at once), then any range whose thread
     * could not start. */
    shard_run (&shards[0], r, found->n);
    int threads = 0;
    for (size_t k = 1; k < n_shards; k++) {
        if (shards[k].thread)
            threads++;
        else
            shard_run (&shards[k], NULL, 0);
    }
    const saekin_index_options_t *opt = r->opt;
    while (atomic_load (&ctl.finished) < threads) {
        if (opt->callbacks.progress)
            opt->callbacks.progress (opt->callbacks.ctx, atomic_load (&ctl.done),
                                     found->n);
        nanosleep (&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
    }
    for (size_t k = 1; k < n_shards; k++)
        if (shards[k].thread)
            pthread_join (shards[k].id, NULL);
    /* Problems in note order; counts; the first failure. */
    for (size_t k = 0; k < n_shards; k++) {
        shard_t *sh = &shards[k];
        _saekin_sink_flush_problems (&sh->sink);
        r->report->files_added += sh->report.files_added;
        r->report->files_updated += sh->report.files_updated;
        r->report->files_unchanged += sh->report.files_unchanged;
        r->report->files_failed += sh->report.files_failed;
        r->report->entries_indexed += sh->report.entries_indexed;
        if (s == SAEKIN_STATUS_SUCCESS && sh->status != SAEKIN_STATUS_SUCCESS) {
            s = sh->status;
            if (sh->sink.message)
                _saekin_index_set_message (ix, sh->sink.message, "");
        }
    }
    if (s == SAEKIN_STATUS_SUCCESS) {
        const char **paths = calloc (n_shards, sizeof *paths);
        if (! paths)
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
        for (size_t k = 0; paths && k < n_shards; k++) {
            _saekin_xwriter_close (shards[k].sink.w);
            shards[k].sink.w = NULL;
            paths[k] = shards[k].path;
        }
        /* The old records go (a rebuild); roots and other metadata stay. */
        if (paths
            && (s = _saekin_xwriter_replace_all (ix->w, paths, n_shards, META_FILE))
                   != SAEKIN_STATUS_SUCCESS)
            _saekin_index_failed (ix, s);
        free (paths);
    }
    shards_free (shards, n_shards);
    return s;
}
