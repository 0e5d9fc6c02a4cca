/* index-note.c - reading one note and indexing it into a sink (the
 * index's own writer, or a shard's), telling its problems. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze.h"
#include "document.h"
#include "entry.h"
#include "index-private.h"
#include "markdown.h"
#include "note-guard.h"
#include "unicode.h"

/* ---- problems ---- */

void
_saekin_sink_problem (sink_t *k, const char *file, unsigned line, const char *msg,
                      bool fatal)
{
    const saekin_index_options_t *opt = k->opt;
    if (! opt || ! opt->callbacks.problem)
        return;
    if (! k->defer) {
        opt->callbacks.problem (opt->callbacks.ctx, file, line, msg, fatal);
        return;
    }
    if (k->n_deferred == k->cap_deferred) {
        size_t cap = k->cap_deferred ? k->cap_deferred * 2 : 16;
        deferred_t *d = realloc (k->deferred, cap * sizeof *d);
        if (! d)
            return; /* out of memory: the warning is lost, not the note */
        k->deferred = d;
        k->cap_deferred = cap;
    }
    deferred_t *d = &k->deferred[k->n_deferred];
    d->file = strdup (file);
    d->message = strdup (msg);
    d->line = line;
    d->fatal = fatal;
    if (! d->file || ! d->message) {
        free (d->file);
        free (d->message);
        return;
    }
    k->n_deferred++;
}

/* Tell the problems K kept, in the order they were met, and forget them. */
void
_saekin_sink_flush_problems (sink_t *k)
{
    const saekin_index_options_t *opt = k->opt;
    for (size_t i = 0; i < k->n_deferred; i++) {
        deferred_t *d = &k->deferred[i];
        if (opt && opt->callbacks.problem)
            opt->callbacks.problem (opt->callbacks.ctx, d->file, d->line, d->message,
                                    d->fatal);
        free (d->file);
        free (d->message);
    }
    free (k->deferred);
    k->deferred = NULL;
    k->n_deferred = k->cap_deferred = 0;
}

/* The writer of K failed with S: keep its message. */
saekin_status_t
_saekin_sink_failed (sink_t *k, saekin_status_t s)
{
    if (k->ix)
        return _saekin_index_failed (k->ix, s);
    free (k->message);
    k->message = strdup (_saekin_xwriter_message (k->w));
    return s;
}

/* ---- reading and indexing one note ---- */

typedef struct {
    sink_t *sink;
    const char *path;
} note_ctx_t;

static void
on_markdown_warning (void *vctx, unsigned line, const char *message)
{
    note_ctx_t *c = vctx;
    _saekin_sink_problem (c->sink, c->path, line, message, false);
}

/* Line (1-based) of the first invalid UTF-8 sequence in BUF, 0 when none
 * is found. */
static unsigned
first_invalid_line (const char *buf, size_t len)
{
    size_t at = _saekin_u8_invalid_at (buf, len);
    if (at == len)
        return 0;
    unsigned line = 1;
    for (const char *p = buf; (p = memchr (p, '\n', (size_t) (buf + at - p))); p++)
        line++;
    return line;
}

/* Index the note at PATH (whose part below its root starts at BELOW)
 * whose content is BUF into K's writer; fills *ENTRIES.  Problems go to
 * K; returns SUCCESS, NOT_TEXT (skipped), or a failure that must stop
 * the run. */
static saekin_status_t
index_note (sink_t *k, const char *path, size_t below, const char *buf, size_t len,
            unsigned long *entries)
{
    *entries = 0;
    if (_saekin_note_is_utf16 (buf, len)) {
        _saekin_sink_problem (k, path, 0, "UTF-16 text (convert it to UTF-8), skipped",
                              true);
        return SAEKIN_STATUS_NOT_TEXT;
    }
    const char *nul = memchr (buf, '\0', len);
    if (nul) {
        unsigned line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        _saekin_sink_problem (k, path, line, "binary file (NUL byte), skipped", true);
        return SAEKIN_STATUS_NOT_TEXT;
    }
    /* Bounded before parsing: see note-guard.c. */
    unsigned at = 0;
    char *why = NULL;
    if (! _saekin_note_within_bounds (buf, len, &at, &why)) {
        _saekin_sink_problem (k, path, at, why ? why : "too costly to index, skipped",
                              true);
        free (why);
        return SAEKIN_STATUS_NOT_TEXT;
    }
    size_t replaced = 0, norm_len = 0;
    char *norm = _saekin_normalize (buf, len, &norm_len, &replaced);
    if (! norm)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    if (replaced) {
        char msg[96];
        snprintf (msg, sizeof msg, "invalid UTF-8 (%zu sequence%s replaced with U+FFFD)",
                  replaced, replaced == 1 ? "" : "s");
        _saekin_sink_problem (k, path, first_invalid_line (buf, len), msg, false);
    }
    _saekin_entry_list_t list = { 0 };
    _saekin_note_meta_t meta = { 0 };
    note_ctx_t nc = { k, path };
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    char *file_term = _saekin_document_file_term (path);
    int split = -1;
    if (file_term)
        split = _saekin_note_split (norm, norm_len, _saekin_note_is_costly (buf, len),
                                    saekin_index_options_get_note_memory_mb (k->opt),
                                    &list, &meta, on_markdown_warning, &nc, &why);
    if (split == -2) {
        /* The parse of a costly note failed apart: the note only. */
        _saekin_sink_problem (k, path, 0, why ? why : "too costly to parse, skipped",
                              true);
        free (why);
        free (norm);
        free (file_term);
        _saekin_entry_list_clear (&list);
        return SAEKIN_STATUS_NOT_TEXT;
    }
    if (split < 0)
        s = SAEKIN_STATUS_OUT_OF_MEMORY;
    free (norm);
    _saekin_termlist_t *terms = NULL;
    _saekin_xdoc_t *docs = NULL;
    if (s == SAEKIN_STATUS_SUCCESS && list.n) {
        terms = calloc (list.n, sizeof *terms);
        docs = calloc (list.n, sizeof *docs);
        if (! terms || ! docs)
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < list.n; i++) {
        size_t dlen = 0;
        char *data = _saekin_entry_serialize (path, &list.items[i], &dlen);
        if (! data || _saekin_document_terms (file_term, &list.items[i], &terms[i]) < 0
            || _saekin_document_note_terms (&meta, path + below, i == 0, &terms[i]) < 0) {
            free (data);
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
            break;
        }
        docs[i].data = data;
        docs[i].data_len = dlen;
        docs[i].terms = terms[i].terms;
        docs[i].n_terms = terms[i].n;
    }
    if (s == SAEKIN_STATUS_SUCCESS) {
        s = _saekin_xwriter_replace (k->w, file_term, docs, list.n);
        if (s != SAEKIN_STATUS_SUCCESS)
            _saekin_sink_failed (k, s);
        *entries = list.n;
    }
    for (size_t i = 0; docs && i < list.n; i++) {
        free ((char *) docs[i].data);
        _saekin_termlist_clear (&terms[i]);
    }
    free (docs);
    free (terms);
    free (file_term);
    _saekin_entry_list_clear (&list);
    _saekin_note_meta_clear (&meta);
    return s;
}

void
_saekin_index_change (const saekin_index_options_t *opt, const char *action,
                      const char *file)
{
    if (opt->callbacks.change)
        opt->callbacks.change (opt->callbacks.ctx, action, file);
}

/* Look at one note found on disk and index it into K when it changed. */
saekin_status_t
_saekin_note_visit (sink_t *k, records_t *records, const _saekin_found_t *f)
{
    const saekin_index_options_t *opt = k->opt;
    saekin_index_report_t *report = k->report;
    record_t *rec = _saekin_records_find (records, f->path);
    long long mtime_ns = (long long) f->mtime.tv_sec * 1000000000LL + f->mtime.tv_nsec;
    if (rec) {
        if (rec->seen)
            return SAEKIN_STATUS_SUCCESS; /* reached twice (overlapping roots) */
        rec->seen = true;
        if (rec->size == (long long) f->size && rec->mtime_ns == mtime_ns) {
            report->files_unchanged++;
            return SAEKIN_STATUS_SUCCESS;
        }
    }
    char *buf;
    size_t len;
    struct stat st;
    if (_saekin_read_whole (f->path, &buf, &len, &st) < 0) {
        if (errno == ENOENT) {
            /* Deleted between the walk and now: gone, like a note
             * deleted before the run, which is no failure. */
            _saekin_sink_problem (k, f->path, 0, "vanished while being indexed", false);
            if (! rec)
                return SAEKIN_STATUS_SUCCESS;
            report->files_removed++;
            if (opt->dry_run) {
                _saekin_index_change (opt, "remove", f->path);
                return SAEKIN_STATUS_SUCCESS;
            }
            return _saekin_note_drop (k, f->path);
        }
        _saekin_sink_problem (k, f->path, 0, strerror (errno), true);
        report->files_failed++;
        return SAEKIN_STATUS_SUCCESS;
    }
    record_t now = { (char *) f->path,
                     (long long) len,
                     (long long) st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
                     _saekin_hash64 (buf, len),
                     0,
                     true };
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    if (rec && rec->hash == now.hash) {
        /* Touched, not changed: remember the new time, parse nothing. */
        report->files_unchanged++;
        now.entries = rec->entries;
        if (! opt->dry_run)
            s = _saekin_record_write (k, &now);
        free (buf);
        return s;
    }
    if (opt->dry_run) {
        _saekin_index_change (opt, rec ? "update" : "add", f->path);
        ++*(rec ? &report->files_updated : &report->files_added);
        free (buf);
        return SAEKIN_STATUS_SUCCESS;
    }
    s = index_note (k, f->path, f->below, buf, len, &now.entries);
    free (buf);
    if (s == SAEKIN_STATUS_NOT_TEXT) {
        report->files_failed++;
        /* Drop what an earlier text version of it left. */
        return rec ? _saekin_note_drop (k, f->path) : SAEKIN_STATUS_SUCCESS;
    }
    if (s != SAEKIN_STATUS_SUCCESS)
        return s;
    ++*(rec ? &report->files_updated : &report->files_added);
    report->entries_indexed += now.entries;
    return _saekin_record_write (k, &now);
}
