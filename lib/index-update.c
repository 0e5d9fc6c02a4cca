/* index-update.c - an update run: walk the roots, index what changed,
 * drop what is gone, all in one Xapian transaction (see index.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index-private.h"

static void
on_walk_warning (void *vctx, const char *path, const char *msg)
{
    run_t *r = vctx;
    _saekin_sink_problem (&r->sink, path, 0, msg, false);
    /* A folder that could not be read may still hold its notes: they
     * must not be taken for deleted ones. */
    struct stat st;
    if (lstat (path, &st) == 0 && S_ISDIR (st.st_mode)) {
        char **u = realloc (r->unread, (r->n_unread + 1) * sizeof *u);
        if (u) {
            r->unread = u;
            if ((u[r->n_unread] = strdup (path)))
                r->n_unread++;
        }
    }
}

/* True when every path of PATHS names something other than a folder
 * (a note, or nothing): then nothing is walked. */
static bool
only_files (const char *const *paths, size_t n_paths)
{
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat (paths[i], &st) == 0 && S_ISDIR (st.st_mode))
            return false;
    }
    return n_paths > 0;
}

/* Whether the note FILE, given by path, must be recorded as a root of its
 * own to be kept by later runs: when the walk of a root that covers it
 * would pass it over (glossary.org under the notes folder).  A note
 * outside every root is kept anyway: no walk ever misses it. */
static bool
keep_as_root (const saekin_index_t *ix, const char *file)
{
    const char *slash = strrchr (file, '/');
    if (_saekin_is_note_name (slash ? slash + 1 : file))
        return false;
    for (size_t i = 0; i < ix->n_roots; i++)
        if (_saekin_path_under (file, ix->roots[i]))
            return true;
    return false;
}

/* True when PATH is one of the roots recorded in IX. */
static bool
is_root (const saekin_index_t *ix, const char *path)
{
    for (size_t i = 0; i < ix->n_roots; i++)
        if (strcmp (ix->roots[i], path) == 0)
            return true;
    return false;
}

static saekin_status_t
run_update (run_t *r, const char *const *paths, size_t n_paths)
{
    saekin_index_t *ix = r->ix;
    const saekin_index_options_t *opt = r->opt;
    records_t records = { 0 };
    _saekin_found_list_t found = { 0 };
    saekin_status_t s = _saekin_index_load_roots (ix);
    if (s != SAEKIN_STATUS_SUCCESS)
        return s;
    /* Single notes: only their records.  Otherwise all of them, as notes
     * gone from a walked folder must be found. */
    if (! opt->rebuild && only_files (paths, n_paths))
        s = _saekin_records_load_of (ix, paths, n_paths, &records);
    else {
        s = _saekin_xwriter_metadata_each (ix->w, META_FILE, _saekin_record_parse,
                                           &records);
        if (s != SAEKIN_STATUS_SUCCESS)
            _saekin_index_failed (ix, s);
    }
    if (s != SAEKIN_STATUS_SUCCESS) {
        _saekin_records_clear (&records);
        return s;
    }
    if (records.n > 1) /* qsort's base must not be NULL, even for 0 items */
        qsort (records.items, records.n, sizeof *records.items, _saekin_record_cmp);
    /* With no paths, every recorded root is updated. */
    size_t n_targets = n_paths ? n_paths : ix->n_roots;
    char **targets = calloc (n_targets + 1, sizeof *targets);
    bool *walked = calloc (n_targets + 1, sizeof *walked);
    if (! targets || ! walked)
        s = SAEKIN_STATUS_OUT_OF_MEMORY;
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < n_targets; i++)
        if (! (targets[i] = strdup (n_paths ? paths[i] : ix->roots[i])))
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < n_targets; i++) {
        struct stat st;
        const char *t = targets[i];
        bool root = is_root (ix, t);
        if (stat (t, &st) != 0) {
            /* A recorded root gone from disk (unmounted, renamed, a link
             * whose target moved) keeps its notes: an index must not
             * empty itself because a disk is missing.  The person says
             * so with --forget.  A path the person typed that does not
             * exist is their mistake, unless notes were indexed there:
             * then it was deleted (an editor's hook running
             * "saekin-index FILE" after a delete), and its notes go. */
            if (root && _saekin_records_find (&records, t)) {
                /* A note given by path and kept as a root (below): it
                 * was deleted, so it goes, and so does its root. */
                walked[i] = true;
                if (! opt->dry_run
                    && (s = _saekin_index_remove_root (ix, t)) != SAEKIN_STATUS_SUCCESS)
                    break;
            } else if (root) {
                char msg[160];
                snprintf (msg, sizeof msg,
                          "indexed folder cannot be read (%s); its notes are kept "
                          "(saekin-index --forget drops them)",
                          strerror (errno));
                _saekin_sink_problem (&r->sink, t, 0, msg, true);
                r->report->files_failed++;
            } else if (n_paths && errno == ENOENT
                       && _saekin_records_indexed_at (&records, t)) {
                walked[i] = true;
            } else {
                _saekin_sink_problem (&r->sink, t, 0, strerror (errno), true);
                r->report->files_failed++;
            }
            continue;
        }
        if (S_ISDIR (st.st_mode)) {
            /* A folder that cannot be listed is no empty folder: its
             * notes stay, and the run says it failed. */
            if (access (t, R_OK | X_OK) != 0) {
                char msg[160];
                snprintf (msg, sizeof msg, "%s; its notes are kept", strerror (errno));
                _saekin_sink_problem (&r->sink, t, 0, msg, true);
                r->report->files_failed++;
                continue;
            }
            walked[i] = true;
            if (! opt->dry_run
                && (s = _saekin_index_add_root (ix, t)) != SAEKIN_STATUS_SUCCESS)
                break;
        }
        if (S_ISREG (st.st_mode) && n_paths && ! root && ! opt->dry_run
            && keep_as_root (ix, t)
            && (s = _saekin_index_add_root (ix, t)) != SAEKIN_STATUS_SUCCESS)
            break;
        if (_saekin_walk (t, &found, on_walk_warning, r) < 0) {
            if (errno == ENOMEM) {
                s = SAEKIN_STATUS_OUT_OF_MEMORY;
                break;
            }
            _saekin_sink_problem (&r->sink, t, 0, strerror (errno), true);
            r->report->files_failed++;
            walked[i] = false;
        }
    }
    _saekin_found_list_sort (&found);
    r->report->files_seen = found.n;
    r->report->skipped_images = found.skipped_images;
    r->report->skipped_other = found.skipped_other;
    for (size_t i = 0; opt->dry_run && i < found.n_skipped; i++)
        if (opt->callbacks.change) {
            /* "skip image PATH": what is left out, and why */
            char *tab = strchr (found.skipped[i], '\t');
            *tab = '\0';
            char *action = NULL;
            if (asprintf (&action, "skip %s", found.skipped[i]) >= 0)
                opt->callbacks.change (opt->callbacks.ctx, action, tab + 1);
            free (action);
            *tab = '\t';
        }
    /* A fresh build of many notes goes to shards; the rest on this thread. */
    size_t n_doc = 0;
    bool fresh = false;
    if (s == SAEKIN_STATUS_SUCCESS && ! opt->dry_run) {
        fresh = opt->rebuild;
        if (! fresh && records.n == 0
            && _saekin_xwriter_doc_count (ix->w, &n_doc) == SAEKIN_STATUS_SUCCESS)
            fresh = n_doc == 0;
    }
    size_t n_shards = fresh ? _saekin_shard_count (ix->settings->threads, found.n) : 1;
    if (s == SAEKIN_STATUS_SUCCESS && opt->rebuild && ! opt->dry_run) {
        if (n_shards > 1) {
            /* The merge replaces everything: no need to delete first. */
            _saekin_records_clear (&records);
        } else {
            s = _saekin_xwriter_clear (ix->w);
            if (s != SAEKIN_STATUS_SUCCESS)
                _saekin_index_failed (ix, s);
            for (size_t i = 0; i < records.n && s == SAEKIN_STATUS_SUCCESS; i++)
                s = _saekin_note_drop (&r->sink, records.items[i].path);
            _saekin_records_clear (&records);
        }
    }
    if (s == SAEKIN_STATUS_SUCCESS && n_shards > 1)
        s = _saekin_build_in_shards (r, &found, n_shards);
    else
        for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < found.n; i++) {
            s = _saekin_note_visit (&r->sink, &records, &found.items[i]);
            if (opt->callbacks.progress)
                opt->callbacks.progress (opt->callbacks.ctx, i + 1, found.n);
        }
    /* Notes recorded under a walked root but not found there are gone. */
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < records.n; i++) {
        record_t *rec = &records.items[i];
        if (rec->seen)
            continue;
        bool gone = false;
        for (size_t t = 0; t < n_targets && ! gone; t++)
            gone = walked[t]
                   && (_saekin_path_under (rec->path, targets[t])
                       || strcmp (rec->path, targets[t]) == 0);
        for (size_t u = 0; u < r->n_unread && gone; u++)
            gone = ! _saekin_path_under (rec->path, r->unread[u]);
        if (! gone)
            continue;
        r->report->files_removed++;
        if (opt->dry_run)
            _saekin_index_change (opt, "remove", rec->path);
        else
            s = _saekin_note_drop (&r->sink, rec->path);
    }
    for (size_t i = 0; targets && i < n_targets; i++)
        free (targets[i]);
    free (targets);
    free (walked);
    _saekin_found_list_clear (&found);
    _saekin_records_clear (&records);
    return s;
}

/* Whether IX holds documents made by another version of document.c
 * (see META_FORMAT); *STALE is false for an empty index. */
static saekin_status_t
index_is_stale (saekin_index_t *ix, bool *stale)
{
    *stale = false;
    size_t n_doc = 0;
    char *v = NULL;
    size_t len = 0;
    saekin_status_t s = _saekin_xwriter_doc_count (ix->w, &n_doc);
    if (s == SAEKIN_STATUS_SUCCESS && n_doc)
        s = _saekin_xwriter_get_metadata (ix->w, META_FORMAT, &v, &len);
    if (s != SAEKIN_STATUS_SUCCESS)
        return _saekin_index_failed (ix, s);
    *stale = n_doc
             && ! (v && len == strlen (INDEX_FORMAT)
                   && memcmp (v, INDEX_FORMAT, len) == 0);
    free (v);
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_index_update (saekin_index_t *ix, const char *const *paths, size_t n_paths,
                     const saekin_index_options_t *options)
{
    saekin_index_options_t none = { 0 };
    if (! ix || (n_paths && ! paths))
        return SAEKIN_STATUS_BAD_ARGUMENT;
    if (ix->readonly)
        return _saekin_index_refuse_readonly (ix);
    if (! options)
        options = &none;
    /* An index an older saekin made is rebuilt from its folders first
     * (then the paths asked for are looked at, on the new index). */
    bool stale = false;
    saekin_status_t st = options->rebuild || options->dry_run
                             ? SAEKIN_STATUS_SUCCESS
                             : index_is_stale (ix, &stale);
    if (st != SAEKIN_STATUS_SUCCESS)
        return st;
    if (stale) {
        if (options->callbacks.problem)
            options->callbacks.problem (
                options->callbacks.ctx, ix->path, 0,
                "made by an older saekin: rebuilt from its folders", false);
        saekin_index_options_t again = *options;
        again.rebuild = true;
        st = saekin_index_update (ix, NULL, 0, &again);
        if (st != SAEKIN_STATUS_SUCCESS || n_paths == 0)
            return st;
    }
    run_t r = { ix, options, &ix->report, { 0 }, NULL, 0 };
    memset (r.report, 0, sizeof *r.report);
    r.sink = (sink_t){ ix->w, ix, r.opt, r.report, false, NULL, 0, 0, NULL };
    saekin_status_t s = _saekin_xwriter_begin (ix->w);
    if (s != SAEKIN_STATUS_SUCCESS)
        return _saekin_index_failed (ix, s);
    /* Paths as absolute, clean ones: see _saekin_absolute_path(). */
    char **abs = calloc (n_paths + 1, sizeof *abs);
    for (size_t i = 0; abs && i < n_paths; i++)
        if (! (abs[i] = _saekin_absolute_path (paths[i]))) {
            for (size_t k = 0; k < i; k++)
                free (abs[k]);
            free (abs);
            abs = NULL;
        }
    s = abs ? run_update (&r, (const char *const *) abs, n_paths)
            : SAEKIN_STATUS_OUT_OF_MEMORY;
    for (size_t i = 0; abs && i < n_paths; i++)
        free (abs[i]);
    free (abs);
    for (size_t i = 0; i < r.n_unread; i++)
        free (r.unread[i]);
    free (r.unread);
    if (s == SAEKIN_STATUS_SUCCESS && ! r.opt->dry_run) {
        s = _saekin_xwriter_set_metadata (ix->w, META_FORMAT, INDEX_FORMAT,
                                          strlen (INDEX_FORMAT));
        if (s == SAEKIN_STATUS_SUCCESS)
            s = _saekin_xwriter_commit (ix->w);
        if (s != SAEKIN_STATUS_SUCCESS)
            _saekin_index_failed (ix, s);
    } else {
        /* A failed run leaves the index exactly as it was. */
        if (s == SAEKIN_STATUS_OUT_OF_MEMORY)
            _saekin_index_set_message (ix, "out of memory", "");
        _saekin_xwriter_cancel (ix->w);
    }
    return s;
}

saekin_status_t
saekin_index_forget (saekin_index_t *ix, const char *root,
                     const saekin_index_options_t *options)
{
    saekin_index_options_t none = { 0 };
    if (! ix || ! root || ! *root)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    if (ix->readonly)
        return _saekin_index_refuse_readonly (ix);
    if (! options)
        options = &none;
    saekin_index_report_t *report = &ix->report;
    memset (report, 0, sizeof *report);
    char *abs = _saekin_absolute_path (root);
    if (! abs)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    saekin_status_t s = _saekin_index_load_roots (ix);
    if (s == SAEKIN_STATUS_SUCCESS && ! is_root (ix, abs)) {
        _saekin_index_set_message (ix, abs,
                                   ": not an indexed folder (saekin-index --status "
                                   "lists them)");
        s = SAEKIN_STATUS_BAD_ARGUMENT;
    }
    records_t records = { 0 };
    if (s == SAEKIN_STATUS_SUCCESS
        && (s = _saekin_xwriter_begin (ix->w)) != SAEKIN_STATUS_SUCCESS)
        _saekin_index_failed (ix, s);
    if (s == SAEKIN_STATUS_SUCCESS && ! options->dry_run)
        s = _saekin_index_remove_root (ix, abs);
    if (s == SAEKIN_STATUS_SUCCESS
        && (s = _saekin_xwriter_metadata_each (ix->w, META_FILE, _saekin_record_parse,
                                               &records))
               != SAEKIN_STATUS_SUCCESS)
        _saekin_index_failed (ix, s);
    sink_t sink = { ix->w, ix, options, report, false, NULL, 0, 0, NULL };
    /* Its notes go, but not those another root still covers. */
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < records.n; i++) {
        const char *p = records.items[i].path;
        if (! _saekin_path_under (p, abs) && strcmp (p, abs) != 0)
            continue;
        bool kept = false;
        for (size_t k = 0; k < ix->n_roots && ! kept; k++)
            kept = strcmp (ix->roots[k], abs) != 0
                   && _saekin_path_under (p, ix->roots[k]);
        if (kept)
            continue;
        report->files_removed++;
        if (options->dry_run)
            _saekin_index_change (options, "remove", p);
        else
            s = _saekin_note_drop (&sink, p);
    }
    _saekin_records_clear (&records);
    free (abs);
    if (s == SAEKIN_STATUS_SUCCESS && ! options->dry_run) {
        if ((s = _saekin_xwriter_commit (ix->w)) != SAEKIN_STATUS_SUCCESS)
            _saekin_index_failed (ix, s);
    } else
        _saekin_xwriter_cancel (ix->w);
    return s;
}
