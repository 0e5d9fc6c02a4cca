/* index.c - keeping an index in step with the notes on disk.
 *
 * For each note the index keeps a record in Xapian metadata, under
 * "f:" + the note's path, of its size, modification time, content hash and
 * entry count.  A run walks its roots, skips notes whose size and time
 * are unchanged, re-reads the others (and skips those whose content hash
 * is unchanged: a touch), replaces the entries of changed notes, and drops
 * notes gone from a walked root.  All of it is one Xapian transaction.
 *
 * Speed.  Xapian's writes are most of an indexing run (its in-memory
 * inverter and B-tree merges; reading, Markdown and analysis are a tenth),
 * and one WritableDatabase cannot be fed from two threads.  So a run that
 * builds an index afresh (an empty index, or --rebuild) with many notes
 * splits them, in walk order, into one contiguous range per processor;
 * each range is indexed by its own thread into its own scratch database
 * ("shard"), and the shards are then merged by Xapian's compaction, which
 * renumbers documents in shard order: the same docids, hence the same
 * ranking, as one thread would have given, in a compact index.  Updates
 * of an existing index stay on one thread: they touch few notes, and a
 * run on single notes reads only those notes' records, so adding a note
 * costs the same whatever the size of the index. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "document.h"
#include "entry.h"
#include "json.h"
#include "markdown.h"
#include "saekin.h"
#include "walk.h"
#include "xapian-shim.h"

#define META_ROOTS "saekin:roots"
#define META_FILE  "f:"
/* Which terms document.c makes: an index made otherwise is rebuilt (an
 * old index would still answer, but rank its old and new notes apart).
 * None: the first versions (words beside their stems, heading-prefixed
 * copies).  "2": a word once, as its stem; no heading copies. */
#define META_FORMAT  "saekin:format"
#define INDEX_FORMAT "2"

/* Notes larger than this are not notes. */
#define MAX_NOTE_BYTES (64u * 1024 * 1024)

/* A fresh build is split into shards only from this many notes on: below
 * it, starting threads and merging costs more than it saves. */
#define SHARD_MIN_NOTES 64
/* No more shards than this, whatever the processors. */
#define SHARD_MAX 8

struct saekin_index {
    _saekin_xwriter_t *w; /* NULL: opened read-only where there is no index yet */
    bool readonly;
    char *path;
    char *message;
    /* what saekin_index_info() hands out */
    char **roots;
    size_t n_roots;
};

/* ---- messages ---- */

static void
set_message (saekin_index_t *ix, const char *fmt, const char *a, const char *b)
{
    free (ix->message);
    ix->message = NULL;
    if (asprintf (&ix->message, fmt, a, b) < 0)
        ix->message = NULL;
}

static saekin_status_t
shim_failed (saekin_index_t *ix, saekin_status_t s)
{
    set_message (ix, "%s%s", _saekin_xwriter_message (ix->w), "");
    return s;
}

const char *
saekin_index_status_string (const saekin_index_t *ix)
{
    return ix && ix->message ? ix->message : "no error";
}

/* ---- opening and closing ---- */

saekin_status_t
saekin_index_open (const char *db_path, saekin_index_t **index, char **error_message)
{
    *index = NULL;
    if (error_message)
        *error_message = NULL;
    if (! db_path || ! *db_path) {
        if (error_message)
            *error_message = strdup ("no index folder given");
        return SAEKIN_STATUS_BAD_ARGUMENT;
    }
    /* Create the parent folders, as Xapian only creates the last one. */
    char *dir = strdup (db_path);
    if (! dir)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir (dir, 0777);
            *p = '/';
        }
    free (dir);
    saekin_index_t *ix = calloc (1, sizeof *ix);
    if (! ix || ! (ix->path = strdup (db_path))) {
        free (ix);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    saekin_status_t s = _saekin_xwriter_open (db_path, &ix->w, error_message);
    if (s != SAEKIN_STATUS_SUCCESS) {
        free (ix->path);
        free (ix);
        return s;
    }
    *index = ix;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_index_open_readonly (const char *db_path, saekin_index_t **index,
                            char **error_message)
{
    *index = NULL;
    if (error_message)
        *error_message = NULL;
    if (! db_path || ! *db_path) {
        if (error_message)
            *error_message = strdup ("no index folder given");
        return SAEKIN_STATUS_BAD_ARGUMENT;
    }
    saekin_index_t *ix = calloc (1, sizeof *ix);
    if (! ix || ! (ix->path = strdup (db_path))) {
        free (ix);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    ix->readonly = true;
    struct stat st;
    /* No index yet holds nothing: that is no error for a reader. */
    if (stat (db_path, &st) != 0 && errno == ENOENT)
        ix->w = NULL;
    else {
        saekin_status_t s = _saekin_xwriter_open_readonly (db_path, &ix->w,
                                                           error_message);
        if (s != SAEKIN_STATUS_SUCCESS) {
            free (ix->path);
            free (ix);
            return s;
        }
    }
    *index = ix;
    return SAEKIN_STATUS_SUCCESS;
}

/* BAD_ARGUMENT, with a message, for a change asked of a read-only IX. */
static saekin_status_t
refuse_readonly (saekin_index_t *ix)
{
    set_message (ix, "%s%s", "the index was opened read-only", "");
    return SAEKIN_STATUS_BAD_ARGUMENT;
}

static void
free_roots (saekin_index_t *ix)
{
    for (size_t i = 0; i < ix->n_roots; i++)
        free (ix->roots[i]);
    free (ix->roots);
    ix->roots = NULL;
    ix->n_roots = 0;
}

void
saekin_index_close (saekin_index_t *ix)
{
    if (! ix)
        return;
    _saekin_xwriter_close (ix->w);
    free_roots (ix);
    free (ix->path);
    free (ix->message);
    free (ix);
}

/* ---- roots ---- */

/* Load the recorded roots into IX->roots. */
static saekin_status_t
load_roots (saekin_index_t *ix)
{
    char *v = NULL;
    size_t len = 0;
    if (! ix->w) {
        free_roots (ix);
        return SAEKIN_STATUS_SUCCESS;
    }
    saekin_status_t s = _saekin_xwriter_get_metadata (ix->w, META_ROOTS, &v, &len);
    if (s != SAEKIN_STATUS_SUCCESS)
        return shim_failed (ix, s);
    free_roots (ix);
    /* Each root ends with a NUL, as a folder's name may hold a newline;
     * indexes written before that end each with a newline. */
    char sep = memchr (v, '\0', len) ? '\0' : '\n';
    for (size_t at = 0; at < len;) {
        const char *line = v + at, *end = memchr (line, sep, len - at);
        size_t n = end ? (size_t) (end - line) : len - at;
        at += n + 1;
        if (n == 0)
            continue;
        char **r = realloc (ix->roots, (ix->n_roots + 1) * sizeof *r);
        if (! r || ! (r[ix->n_roots] = strndup (line, n))) {
            if (r)
                ix->roots = r;
            free (v);
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        }
        ix->roots = r;
        ix->n_roots++;
    }
    free (v);
    return SAEKIN_STATUS_SUCCESS;
}

static saekin_status_t
add_root (saekin_index_t *ix, const char *root)
{
    for (size_t i = 0; i < ix->n_roots; i++)
        if (strcmp (ix->roots[i], root) == 0)
            return SAEKIN_STATUS_SUCCESS;
    char **r = realloc (ix->roots, (ix->n_roots + 1) * sizeof *r);
    if (! r)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    ix->roots = r;
    if (! (r[ix->n_roots] = strdup (root)))
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    ix->n_roots++;
    size_t len = 0;
    for (size_t i = 0; i < ix->n_roots; i++)
        len += strlen (ix->roots[i]) + 1;
    char *v = malloc (len + 1), *p = v;
    if (! v)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    for (size_t i = 0; i < ix->n_roots; i++) {
        size_t n = strlen (ix->roots[i]) + 1;
        memcpy (p, ix->roots[i], n);
        p += n;
    }
    saekin_status_t s = _saekin_xwriter_set_metadata (ix->w, META_ROOTS, v,
                                                      (size_t) (p - v));
    free (v);
    return s == SAEKIN_STATUS_SUCCESS ? s : shim_failed (ix, s);
}

/* ---- records of indexed notes ---- */

typedef struct {
    char *path;
    long long size;
    long long mtime_ns;
    uint64_t hash;
    unsigned long entries;
    bool seen; /* found on disk in this run */
} record_t;

typedef struct {
    record_t *items;
    size_t n;
    size_t cap;
} records_t;

/* The metadata key of PATH: Xapian keys are short, so a long path is
 * keyed by its file term (a hash and its tail). */
static char *
record_key (const char *path)
{
    char *term = _saekin_document_file_term (path);
    char *key = NULL;
    if (term && asprintf (&key, "%s%s", META_FILE, term + 1) < 0)
        key = NULL;
    free (term);
    return key;
}

static int
on_record (void *ctx, const char *key, const char *value, size_t len)
{
    records_t *rs = ctx;
    (void) key;
    (void) len;
    record_t r = { 0 };
    unsigned long long hash;
    int consumed = 0;
    if (sscanf (value, "%lld\t%lld\t%llx\t%lu\t%n", &r.size, &r.mtime_ns, &hash,
                &r.entries, &consumed)
            < 4
        || consumed == 0)
        return 0; /* not ours: skip */
    r.hash = hash;
    if (! (r.path = strdup (value + consumed)))
        return 1;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 256;
        record_t *p = realloc (rs->items, cap * sizeof *p);
        if (! p) {
            free (r.path);
            return 1;
        }
        rs->items = p;
        rs->cap = cap;
    }
    rs->items[rs->n++] = r;
    return 0;
}

static int
by_record_path (const void *a, const void *b)
{
    return strcmp (((const record_t *) a)->path, ((const record_t *) b)->path);
}

static record_t *
find_record (records_t *rs, const char *path)
{
    record_t key = { .path = (char *) path };
    if (rs->n == 0)
        return NULL; /* bsearch's base must not be NULL */
    return bsearch (&key, rs->items, rs->n, sizeof *rs->items, by_record_path);
}

static void
records_clear (records_t *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        free (rs->items[i].path);
    free (rs->items);
    memset (rs, 0, sizeof *rs);
}

/* ---- where a note goes ---- */

/* A problem met by a shard thread, kept until the main thread can report
 * it in note order (callbacks run on the caller's thread only). */
typedef struct {
    char *file;
    unsigned line;
    char *message;
    bool fatal;
} deferred_t;

/* Where the documents and records of the notes visited go, where their
 * problems are told and what is counted.  The main thread's sink writes
 * to the index's own writer; a shard's, to the shard's. */
typedef struct {
    _saekin_xwriter_t *w;
    saekin_index_t *ix; /* failures are told on IX; NULL in a shard */
    const saekin_index_options_t *opt;
    saekin_index_report_t *report;
    bool defer; /* keep problems in DEFERRED */
    deferred_t *deferred;
    size_t n_deferred;
    size_t cap_deferred;
    char *message; /* a shard's failure, when IX is NULL */
} sink_t;

static void
problem (sink_t *k, const char *file, unsigned line, const char *msg, bool fatal)
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
static void
sink_flush_problems (sink_t *k)
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
static saekin_status_t
sink_failed (sink_t *k, saekin_status_t s)
{
    if (k->ix)
        return shim_failed (k->ix, s);
    free (k->message);
    k->message = strdup (_saekin_xwriter_message (k->w));
    return s;
}

static saekin_status_t
write_record (sink_t *k, const record_t *r)
{
    char *key = record_key (r->path), *value = NULL;
    if (! key
        || asprintf (&value, "%lld\t%lld\t%llx\t%lu\t%s", r->size, r->mtime_ns,
                     (unsigned long long) r->hash, r->entries, r->path)
               < 0) {
        free (key);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    saekin_status_t s = _saekin_xwriter_set_metadata (k->w, key, value, strlen (value));
    free (key);
    free (value);
    return s == SAEKIN_STATUS_SUCCESS ? s : sink_failed (k, s);
}

static saekin_status_t
drop_note (sink_t *k, const char *path)
{
    char *term = _saekin_document_file_term (path);
    char *key = record_key (path);
    saekin_status_t s = SAEKIN_STATUS_OUT_OF_MEMORY;
    if (term && key) {
        s = _saekin_xwriter_replace (k->w, term, NULL, 0);
        if (s == SAEKIN_STATUS_SUCCESS)
            s = _saekin_xwriter_set_metadata (k->w, key, "", 0);
        if (s != SAEKIN_STATUS_SUCCESS)
            sink_failed (k, s);
    }
    free (term);
    free (key);
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
    problem (c->sink, c->path, line, message, false);
}

/* Read PATH whole into *BUF (malloc'd, NUL-terminated).  Returns 0, or -1
 * with errno set. */
static int
read_whole (const char *path, char **buf, size_t *len, struct stat *st)
{
    *buf = NULL;
    int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    if (fstat (fd, st) != 0 || ! S_ISREG (st->st_mode)) {
        if (S_ISDIR (st->st_mode) || ! S_ISREG (st->st_mode))
            errno = EISDIR;
        close (fd);
        return -1;
    }
    if ((uint64_t) st->st_size > MAX_NOTE_BYTES) {
        close (fd);
        errno = EFBIG;
        return -1;
    }
    size_t cap = (size_t) st->st_size + 1, n = 0;
    char *b = malloc (cap + 1);
    if (! b) {
        close (fd);
        return -1;
    }
    for (;;) {
        if (n == cap) {
            /* The file grew while we read it: read on. */
            if (cap >= MAX_NOTE_BYTES) {
                free (b);
                close (fd);
                errno = EFBIG;
                return -1;
            }
            char *nb = realloc (b, cap * 2 + 1);
            if (! nb) {
                free (b);
                close (fd);
                return -1;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read (fd, b + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free (b);
            close (fd);
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t) r;
    }
    close (fd);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

/* Line (1-based) of the first invalid UTF-8 sequence in BUF, 0 when none
 * is found (overlong forms are left to the normaliser's count). */
static unsigned
first_invalid_line (const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *) buf;
    unsigned line = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            line += c == '\n';
            i++;
            continue;
        }
        int n = (c >= 0xC2 && c <= 0xDF)   ? 1
                : (c & 0xF0) == 0xE0       ? 2
                : (c >= 0xF0 && c <= 0xF4) ? 3
                                           : -1;
        if (n < 0 || i + (size_t) n >= len)
            return line;
        for (int k = 1; k <= n; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return line;
        i += (size_t) n + 1;
    }
    return 0;
}

/* Index the note at PATH whose content is BUF into K's writer; fills
 * *ENTRIES.  Problems go to K; returns SUCCESS, NOT_TEXT (skipped), or a
 * failure that must stop the run. */
static saekin_status_t
index_note (sink_t *k, const char *path, const char *buf, size_t len,
            unsigned long *entries)
{
    *entries = 0;
    const char *nul = memchr (buf, '\0', len);
    if (nul) {
        unsigned line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        problem (k, path, line, "binary file (NUL byte), skipped", true);
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
        problem (k, path, first_invalid_line (buf, len), msg, false);
    }
    _saekin_entry_list_t list = { 0 };
    note_ctx_t nc = { k, path };
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    char *file_term = _saekin_document_file_term (path);
    int split = -1;
    if (file_term)
        split = _saekin_markdown_split (norm, norm_len, &list, on_markdown_warning, &nc);
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
        if (! data || _saekin_document_terms (file_term, &list.items[i], &terms[i]) < 0) {
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
            sink_failed (k, s);
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
    return s;
}

/* ---- a run ---- */

typedef struct {
    saekin_index_t *ix;
    const saekin_index_options_t *opt;
    saekin_index_report_t *report;
    sink_t sink;   /* the main thread's: the index's own writer */
    char **unread; /* folders the walk could not read */
    size_t n_unread;
} run_t;

static void
on_walk_warning (void *vctx, const char *path, const char *msg)
{
    run_t *r = vctx;
    problem (&r->sink, path, 0, msg, false);
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

static void
change (const saekin_index_options_t *opt, const char *action, const char *file)
{
    if (opt->callbacks.change)
        opt->callbacks.change (opt->callbacks.ctx, action, file);
}

/* Look at one note found on disk and index it into K when it changed. */
static saekin_status_t
visit (sink_t *k, records_t *records, const _saekin_found_t *f)
{
    const saekin_index_options_t *opt = k->opt;
    saekin_index_report_t *report = k->report;
    record_t *rec = find_record (records, f->path);
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
    if (read_whole (f->path, &buf, &len, &st) < 0) {
        if (errno == ENOENT) {
            /* Deleted between the walk and now: gone, like a note
             * deleted before the run, which is no failure. */
            problem (k, f->path, 0, "vanished while being indexed", false);
            if (! rec)
                return SAEKIN_STATUS_SUCCESS;
            report->files_removed++;
            if (opt->dry_run) {
                change (opt, "remove", f->path);
                return SAEKIN_STATUS_SUCCESS;
            }
            return drop_note (k, f->path);
        }
        problem (k, f->path, 0, strerror (errno), true);
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
            s = write_record (k, &now);
        free (buf);
        return s;
    }
    if (opt->dry_run) {
        change (opt, rec ? "update" : "add", f->path);
        ++*(rec ? &report->files_updated : &report->files_added);
        free (buf);
        return SAEKIN_STATUS_SUCCESS;
    }
    s = index_note (k, f->path, buf, len, &now.entries);
    free (buf);
    if (s == SAEKIN_STATUS_NOT_TEXT) {
        report->files_failed++;
        /* Drop what an earlier text version of it left. */
        return rec ? drop_note (k, f->path) : SAEKIN_STATUS_SUCCESS;
    }
    if (s != SAEKIN_STATUS_SUCCESS)
        return s;
    ++*(rec ? &report->files_updated : &report->files_added);
    report->entries_indexed += now.entries;
    return write_record (k, &now);
}

/* True when PATH lies under the folder ROOT. */
static bool
under (const char *path, const char *root)
{
    size_t n = strlen (root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    return strncmp (path, root, n) == 0 && path[n] == '/';
}

/* Load into RS the records of PATHS alone, one key each: a run on single
 * notes must not read every record of a big index. */
static saekin_status_t
load_records_of (saekin_index_t *ix, const char *const *paths, size_t n_paths,
                 records_t *rs)
{
    for (size_t i = 0; i < n_paths; i++) {
        char *key = record_key (paths[i]), *v = NULL;
        size_t len = 0;
        if (! key)
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        saekin_status_t s = _saekin_xwriter_get_metadata (ix->w, key, &v, &len);
        if (s != SAEKIN_STATUS_SUCCESS) {
            free (key);
            return shim_failed (ix, s);
        }
        int stop = len ? on_record (rs, key, v, len) : 0;
        free (key);
        free (v);
        if (stop)
            return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    return SAEKIN_STATUS_SUCCESS;
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

/* ---- a fresh build in shards ---- */

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
        s = visit (&sh->sink, &none, &sh->items[i]);
        size_t done = atomic_fetch_add (&sh->ctl->done, 1) + 1;
        if (progress && progress->opt->callbacks.progress)
            progress->opt->callbacks.progress (progress->opt->callbacks.ctx, done, total);
    }
    if (s == SAEKIN_STATUS_SUCCESS && ! atomic_load (&sh->ctl->stop)) {
        s = _saekin_xwriter_commit (sh->sink.w);
        if (s != SAEKIN_STATUS_SUCCESS)
            sink_failed (&sh->sink, s);
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
 * work.  $SAEKIN_INDEX_THREADS sets the count (1: never shard; it also
 * lifts the minimum of notes, so tests can shard a small corpus). */
static size_t
shard_count (size_t n_notes)
{
    const char *env = getenv ("SAEKIN_INDEX_THREADS");
    long n = 0;
    bool forced = false;
    if (env && *env) {
        char *end;
        n = strtol (env, &end, 10);
        forced = *end == '\0' && n >= 1;
    }
    if (! forced) {
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
static saekin_status_t
build_in_shards (run_t *r, const _saekin_found_list_t *found, size_t n_shards)
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
         * shard after it (shard_count() made N_SHARDS <= notes). */
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
        char *msg = NULL;
        if (asprintf (&sh->path, "%s.shard%zu", _saekin_xwriter_path (ix->w), k) < 0) {
            sh->path = NULL;
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
        } else if ((s = _saekin_xwriter_open_scratch (sh->path, &sh->sink.w, &msg))
                   != SAEKIN_STATUS_SUCCESS) {
            set_message (ix, "%s%s", msg ? msg : "cannot open a shard", "");
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
    const saekin_index_callbacks_t *cb = &r->opt->callbacks;
    while (atomic_load (&ctl.finished) < threads) {
        if (cb->progress)
            cb->progress (cb->ctx, atomic_load (&ctl.done), found->n);
        nanosleep (&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
    }
    for (size_t k = 1; k < n_shards; k++)
        if (shards[k].thread)
            pthread_join (shards[k].id, NULL);
    /* Problems in note order; counts; the first failure. */
    for (size_t k = 0; k < n_shards; k++) {
        shard_t *sh = &shards[k];
        sink_flush_problems (&sh->sink);
        r->report->files_added += sh->report.files_added;
        r->report->files_updated += sh->report.files_updated;
        r->report->files_unchanged += sh->report.files_unchanged;
        r->report->files_failed += sh->report.files_failed;
        r->report->entries_indexed += sh->report.entries_indexed;
        if (s == SAEKIN_STATUS_SUCCESS && sh->status != SAEKIN_STATUS_SUCCESS) {
            s = sh->status;
            if (sh->sink.message)
                set_message (ix, "%s%s", sh->sink.message, "");
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
            shim_failed (ix, s);
        free (paths);
    }
    shards_free (shards, n_shards);
    return s;
}

/* True when RECORDS hold the note PATH or notes under the folder PATH. */
static bool
indexed_at (const records_t *records, const char *path)
{
    for (size_t i = 0; i < records->n; i++)
        if (strcmp (records->items[i].path, path) == 0
            || under (records->items[i].path, path))
            return true;
    return false;
}

/* PATH made absolute (joined to the current folder) and cleaned of "."
 * and ".." components, doubled and trailing slashes, so that a root given
 * as "notes", "./notes/" or "/home/me/notes" is one root, and an update
 * run from another folder still finds it.  Malloc'd; NULL when out of
 * memory or the current folder cannot be named. */
static char *
absolute_path (const char *path)
{
    char *cwd = NULL, *joined;
    if (path[0] != '/' && ! (cwd = getcwd (NULL, 0)))
        return NULL;
    if (asprintf (&joined, "%s/%s", cwd ? cwd : "", path) < 0) {
        free (cwd);
        return NULL;
    }
    free (cwd);
    /* Clean in place: OUT never runs ahead of IN. */
    char *out = joined;
    for (const char *in = joined; *in;) {
        while (*in == '/')
            in++;
        const char *end = strchrnul (in, '/');
        size_t n = (size_t) (end - in);
        if (n == 0 || (n == 1 && in[0] == '.')) {
            /* nothing to keep */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > joined && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove (out, in, n);
            out += n;
        }
        in = end;
    }
    if (out == joined)
        *out++ = '/';
    *out = '\0';
    return joined;
}

static saekin_status_t
run_update (run_t *r, const char *const *paths, size_t n_paths)
{
    saekin_index_t *ix = r->ix;
    const saekin_index_options_t *opt = r->opt;
    records_t records = { 0 };
    _saekin_found_list_t found = { 0 };
    saekin_status_t s = load_roots (ix);
    if (s != SAEKIN_STATUS_SUCCESS)
        return s;
    /* Single notes: only their records.  Otherwise all of them, as notes
     * gone from a walked folder must be found. */
    if (! opt->rebuild && only_files (paths, n_paths))
        s = load_records_of (ix, paths, n_paths, &records);
    else {
        s = _saekin_xwriter_metadata_each (ix->w, META_FILE, on_record, &records);
        if (s != SAEKIN_STATUS_SUCCESS)
            shim_failed (ix, s);
    }
    if (s != SAEKIN_STATUS_SUCCESS) {
        records_clear (&records);
        return s;
    }
    if (records.n > 1) /* qsort's base must not be NULL, even for 0 items */
        qsort (records.items, records.n, sizeof *records.items, by_record_path);
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
        if (stat (t, &st) != 0) {
            /* A recorded root gone from disk: its notes go too.  A path
             * the person typed that does not exist is their mistake,
             * unless notes were indexed there: then it was deleted (an
             * editor's hook running "saekin-index FILE" after a delete),
             * and its notes go. */
            if (n_paths && errno == ENOENT && indexed_at (&records, t)) {
                walked[i] = true;
            } else if (n_paths) {
                problem (&r->sink, t, 0, strerror (errno), true);
                r->report->files_failed++;
            } else {
                problem (&r->sink, t, 0, "indexed folder is gone; its notes are dropped",
                         false);
                walked[i] = true;
            }
            continue;
        }
        if (S_ISDIR (st.st_mode)) {
            walked[i] = true;
            if (! opt->dry_run && (s = add_root (ix, t)) != SAEKIN_STATUS_SUCCESS)
                break;
        }
        if (_saekin_walk (t, &found, on_walk_warning, r) < 0) {
            if (errno == ENOMEM) {
                s = SAEKIN_STATUS_OUT_OF_MEMORY;
                break;
            }
            problem (&r->sink, t, 0, strerror (errno), true);
            r->report->files_failed++;
        }
    }
    _saekin_found_list_sort (&found);
    r->report->files_seen = found.n;
    /* A fresh build of many notes goes to shards; the rest on this thread. */
    size_t n_doc = 0;
    bool fresh = false;
    if (s == SAEKIN_STATUS_SUCCESS && ! opt->dry_run) {
        fresh = opt->rebuild;
        if (! fresh && records.n == 0
            && _saekin_xwriter_doc_count (ix->w, &n_doc) == SAEKIN_STATUS_SUCCESS)
            fresh = n_doc == 0;
    }
    size_t n_shards = fresh ? shard_count (found.n) : 1;
    if (s == SAEKIN_STATUS_SUCCESS && opt->rebuild && ! opt->dry_run) {
        if (n_shards > 1) {
            /* The merge replaces everything: no need to delete first. */
            records_clear (&records);
        } else {
            s = _saekin_xwriter_clear (ix->w);
            if (s != SAEKIN_STATUS_SUCCESS)
                shim_failed (ix, s);
            for (size_t i = 0; i < records.n && s == SAEKIN_STATUS_SUCCESS; i++)
                s = drop_note (&r->sink, records.items[i].path);
            records_clear (&records);
        }
    }
    if (s == SAEKIN_STATUS_SUCCESS && n_shards > 1)
        s = build_in_shards (r, &found, n_shards);
    else
        for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < found.n; i++) {
            s = visit (&r->sink, &records, &found.items[i]);
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
                   && (under (rec->path, targets[t])
                       || strcmp (rec->path, targets[t]) == 0);
        for (size_t u = 0; u < r->n_unread && gone; u++)
            gone = ! under (rec->path, r->unread[u]);
        if (! gone)
            continue;
        r->report->files_removed++;
        if (opt->dry_run)
            change (opt, "remove", rec->path);
        else
            s = drop_note (&r->sink, rec->path);
    }
    for (size_t i = 0; targets && i < n_targets; i++)
        free (targets[i]);
    free (targets);
    free (walked);
    _saekin_found_list_clear (&found);
    records_clear (&records);
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
        return shim_failed (ix, s);
    *stale = n_doc
             && ! (v && len == strlen (INDEX_FORMAT)
                   && memcmp (v, INDEX_FORMAT, len) == 0);
    free (v);
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_index_update (saekin_index_t *ix, const char *const *paths, size_t n_paths,
                     const saekin_index_options_t *options, saekin_index_report_t *report)
{
    saekin_index_options_t none = { 0 };
    saekin_index_report_t dummy;
    if (! ix)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    if (ix->readonly)
        return refuse_readonly (ix);
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
        st = saekin_index_update (ix, NULL, 0, &again, report);
        if (st != SAEKIN_STATUS_SUCCESS || n_paths == 0)
            return st;
    }
    run_t r = { ix, options, report ? report : &dummy, { 0 }, NULL, 0 };
    memset (r.report, 0, sizeof *r.report);
    r.sink = (sink_t){ ix->w, ix, r.opt, r.report, false, NULL, 0, 0, NULL };
    saekin_status_t s = _saekin_xwriter_begin (ix->w);
    if (s != SAEKIN_STATUS_SUCCESS)
        return shim_failed (ix, s);
    /* Paths as absolute, clean ones: see absolute_path(). */
    char **abs = calloc (n_paths + 1, sizeof *abs);
    for (size_t i = 0; abs && i < n_paths; i++)
        if (! (abs[i] = absolute_path (paths[i]))) {
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
            shim_failed (ix, s);
    } else {
        /* A failed run leaves the index exactly as it was. */
        if (s == SAEKIN_STATUS_OUT_OF_MEMORY)
            set_message (ix, "%s%s", "out of memory", "");
        _saekin_xwriter_cancel (ix->w);
    }
    return s;
}

/* ---- looking inside ---- */

static int
count_record (void *ctx, const char *key, const char *value, size_t len)
{
    (void) key;
    if (len)
        ++*(size_t *) ctx;
    (void) value;
    return 0;
}

saekin_status_t
saekin_index_info (saekin_index_t *ix, saekin_index_info_t *info)
{
    memset (info, 0, sizeof *info);
    saekin_status_t s = load_roots (ix);
    if (s != SAEKIN_STATUS_SUCCESS || ! ix->w)
        return s;
    s = _saekin_xwriter_doc_count (ix->w, &info->entries);
    if (s == SAEKIN_STATUS_SUCCESS)
        s = _saekin_xwriter_metadata_each (ix->w, META_FILE, count_record, &info->files);
    if (s != SAEKIN_STATUS_SUCCESS)
        return shim_failed (ix, s);
    info->n_roots = ix->n_roots;
    info->roots = (const char *const *) ix->roots;
    return SAEKIN_STATUS_SUCCESS;
}

static int
dump_one (void *ctx, const char *data, size_t len)
{
    FILE *out = ctx;
    char *file;
    _saekin_entry_t e;
    if (! _saekin_entry_parse (data, len, &file, &e))
        return 0;
    char *json = _saekin_entry_json (file, &e);
    free (file);
    _saekin_entry_clear (&e);
    if (! json)
        return 1;
    fputs (json, out);
    fputc ('\n', out);
    free (json);
    return ferror (out) ? 1 : 0;
}

saekin_status_t
saekin_index_dump_entries (saekin_index_t *ix, void *out)
{
    if (! ix->w)
        return SAEKIN_STATUS_SUCCESS;
    saekin_status_t s = _saekin_xwriter_each_doc (ix->w, dump_one, out);
    if (s != SAEKIN_STATUS_SUCCESS)
        return shim_failed (ix, s);
    if (ferror ((FILE *) out)) {
        set_message (ix, "%s%s", "cannot write the entries: ", strerror (errno));
        return SAEKIN_STATUS_WRITE_ERROR;
    }
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_index_compact (saekin_index_t *ix)
{
    if (ix->readonly)
        return refuse_readonly (ix);
    saekin_status_t s = _saekin_xwriter_compact (ix->w);
    return s == SAEKIN_STATUS_SUCCESS ? s : shim_failed (ix, s);
}
