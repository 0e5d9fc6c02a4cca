/* index.c - keeping an index in step with the notes on disk.
 *
 * For each note the index keeps a record in Xapian metadata, under
 * "f:" + the note's path, of its size, modification time, content hash and
 * entry count.  A run walks its roots, skips notes whose size and time
 * are unchanged, re-reads the others (and skips those whose content hash
 * is unchanged: a touch), replaces the entries of changed notes, and drops
 * notes gone from a walked root.  All of it is one Xapian transaction. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
#define META_FILE "f:"

/* Notes larger than this are not notes. */
#define MAX_NOTE_BYTES (64u * 1024 * 1024)

struct saekin_index {
    _saekin_xwriter_t *w;
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
saekin_index_open (const char *db_path, saekin_index_t **index,
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
    if (! ix)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    saekin_status_t s = _saekin_xwriter_open (db_path, &ix->w, error_message);
    if (s != SAEKIN_STATUS_SUCCESS) {
        free (ix);
        return s;
    }
    *index = ix;
    return SAEKIN_STATUS_SUCCESS;
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
    saekin_status_t s = _saekin_xwriter_get_metadata (ix->w, META_ROOTS, &v, &len);
    if (s != SAEKIN_STATUS_SUCCESS)
        return shim_failed (ix, s);
    free_roots (ix);
    for (char *line = v, *next; line && *line; line = next) {
        next = strchr (line, '\n');
        if (next)
            *next++ = '\0';
        if (! *line)
            continue;
        char **r = realloc (ix->roots, (ix->n_roots + 1) * sizeof *r);
        if (! r || ! (r[ix->n_roots] = strdup (line))) {
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
    for (size_t i = 0; i < ix->n_roots; i++)
        p += sprintf (p, "%s\n", ix->roots[i]);
    saekin_status_t s = _saekin_xwriter_set_metadata (ix->w, META_ROOTS, v, (size_t) (p - v));
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
    bool seen;    /* found on disk in this run */
} record_t;

typedef struct {
    record_t *items;
    size_t n;
    size_t cap;
} records_t;

static uint64_t
content_hash (const char *buf, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a, 64 bits */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char) buf[i];
        h *= 1099511628211ULL;
    }
    return h;
}

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
                &r.entries, &consumed) < 4 || consumed == 0)
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

static saekin_status_t
write_record (saekin_index_t *ix, const record_t *r)
{
    char *key = record_key (r->path), *value = NULL;
    if (! key || asprintf (&value, "%lld\t%lld\t%llx\t%lu\t%s", r->size, r->mtime_ns,
                           (unsigned long long) r->hash, r->entries, r->path) < 0) {
        free (key);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    saekin_status_t s = _saekin_xwriter_set_metadata (ix->w, key, value, strlen (value));
    free (key);
    free (value);
    return s == SAEKIN_STATUS_SUCCESS ? s : shim_failed (ix, s);
}

static saekin_status_t
drop_note (saekin_index_t *ix, const char *path)
{
    char *term = _saekin_document_file_term (path);
    char *key = record_key (path);
    saekin_status_t s = SAEKIN_STATUS_OUT_OF_MEMORY;
    if (term && key) {
        s = _saekin_xwriter_replace (ix->w, term, NULL, 0);
        if (s == SAEKIN_STATUS_SUCCESS)
            s = _saekin_xwriter_set_metadata (ix->w, key, "", 0);
        if (s != SAEKIN_STATUS_SUCCESS)
            shim_failed (ix, s);
    }
    free (term);
    free (key);
    return s;
}

/* ---- reading and indexing one note ---- */

typedef struct {
    saekin_index_t *ix;
    const saekin_index_options_t *opt;
    const char *path;
} note_ctx_t;

static void
problem (const saekin_index_options_t *opt, const char *file, unsigned line,
         const char *msg, bool fatal)
{
    if (opt && opt->callbacks.problem)
        opt->callbacks.problem (opt->callbacks.ctx, file, line, msg, fatal);
}

static void
on_markdown_warning (void *vctx, unsigned line, const char *message)
{
    note_ctx_t *c = vctx;
    problem (c->opt, c->path, line, message, false);
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
        int n = (c >= 0xC2 && c <= 0xDF) ? 1 : (c & 0xF0) == 0xE0 ? 2
                : (c >= 0xF0 && c <= 0xF4) ? 3 : -1;
        if (n < 0 || i + (size_t) n >= len)
            return line;
        for (int k = 1; k <= n; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return line;
        i += (size_t) n + 1;
    }
    return 0;
}

/* Index the note at PATH whose content is BUF; fills *ENTRIES.  Problems
 * go to the callbacks; returns SUCCESS, NOT_TEXT (skipped), or a failure
 * that must stop the run. */
static saekin_status_t
index_note (saekin_index_t *ix, const saekin_index_options_t *opt,
            const char *path, const char *buf, size_t len, unsigned long *entries)
{
    *entries = 0;
    const char *nul = memchr (buf, '\0', len);
    if (nul) {
        unsigned line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        problem (opt, path, line, "binary file (NUL byte), skipped", true);
        return SAEKIN_STATUS_NOT_TEXT;
    }
    size_t replaced = 0, norm_len = 0;
    char *norm = _saekin_normalize (buf, len, &norm_len, &replaced);
    if (! norm)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    if (replaced) {
        char msg[96];
        snprintf (msg, sizeof msg,
                  "invalid UTF-8 (%zu sequence%s replaced with U+FFFD)",
                  replaced, replaced == 1 ? "" : "s");
        problem (opt, path, first_invalid_line (buf, len), msg, false);
    }
    _saekin_entry_list_t list = { 0 };
    note_ctx_t nc = { ix, opt, path };
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    char *file_term = _saekin_document_file_term (path);
    if (! file_term || _saekin_markdown_split (norm, norm_len, &list, on_markdown_warning, &nc) < 0)
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
        s = _saekin_xwriter_replace (ix->w, file_term, docs, list.n);
        if (s != SAEKIN_STATUS_SUCCESS)
            shim_failed (ix, s);
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
} run_t;

static void
on_walk_warning (void *vctx, const char *path, const char *msg)
{
    run_t *r = vctx;
    problem (r->opt, path, 0, msg, false);
}

static void
change (const saekin_index_options_t *opt, const char *action, const char *file)
{
    if (opt->callbacks.change)
        opt->callbacks.change (opt->callbacks.ctx, action, file);
}

/* Look at one note found on disk and index it when it changed. */
static saekin_status_t
visit (run_t *r, records_t *records, const _saekin_found_t *f)
{
    const saekin_index_options_t *opt = r->opt;
    record_t *rec = find_record (records, f->path);
    long long mtime_ns = (long long) f->mtime.tv_sec * 1000000000LL + f->mtime.tv_nsec;
    if (rec) {
        if (rec->seen)
            return SAEKIN_STATUS_SUCCESS; /* reached twice (overlapping roots) */
        rec->seen = true;
        if (rec->size == (long long) f->size && rec->mtime_ns == mtime_ns) {
            r->report->files_unchanged++;
            return SAEKIN_STATUS_SUCCESS;
        }
    }
    char *buf;
    size_t len;
    struct stat st;
    if (read_whole (f->path, &buf, &len, &st) < 0) {
        if (errno == ENOENT) {
            /* Deleted between the walk and now: gone, like any note
             * deleted before the run, not a failure. */
            problem (opt, f->path, 0, "vanished while being indexed", false);
            if (! rec)
                return SAEKIN_STATUS_SUCCESS;
            r->report->files_removed++;
            if (opt->dry_run) {
                change (opt, "remove", f->path);
                return SAEKIN_STATUS_SUCCESS;
            }
            return drop_note (r->ix, f->path);
        }
        problem (opt, f->path, 0, strerror (errno), true);
        r->report->files_failed++;
        return SAEKIN_STATUS_SUCCESS;
    }
    record_t now = { (char *) f->path, (long long) len,
                     (long long) st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
                     content_hash (buf, len), 0, true };
    saekin_status_t s = SAEKIN_STATUS_SUCCESS;
    if (rec && rec->hash == now.hash) {
        /* Touched, not changed: remember the new time, parse nothing. */
        r->report->files_unchanged++;
        now.entries = rec->entries;
        if (! opt->dry_run)
            s = write_record (r->ix, &now);
        free (buf);
        return s;
    }
    if (opt->dry_run) {
        change (opt, rec ? "update" : "add", f->path);
        ++*(rec ? &r->report->files_updated : &r->report->files_added);
        free (buf);
        return SAEKIN_STATUS_SUCCESS;
    }
    s = index_note (r->ix, opt, f->path, buf, len, &now.entries);
    free (buf);
    if (s == SAEKIN_STATUS_NOT_TEXT) {
        r->report->files_failed++;
        /* Drop what an earlier text version of it left. */
        return rec ? drop_note (r->ix, f->path) : SAEKIN_STATUS_SUCCESS;
    }
    if (s != SAEKIN_STATUS_SUCCESS)
        return s;
    ++*(rec ? &r->report->files_updated : &r->report->files_added);
    r->report->entries_indexed += now.entries;
    return write_record (r->ix, &now);
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
    if (opt->rebuild && ! opt->dry_run) {
        s = _saekin_xwriter_clear (ix->w);
        if (s != SAEKIN_STATUS_SUCCESS)
            return shim_failed (ix, s);
    }
    s = _saekin_xwriter_metadata_each (ix->w, META_FILE, on_record, &records);
    if (s != SAEKIN_STATUS_SUCCESS) {
        records_clear (&records);
        return shim_failed (ix, s);
    }
    qsort (records.items, records.n, sizeof *records.items, by_record_path);
    if (opt->rebuild && ! opt->dry_run) {
        for (size_t i = 0; i < records.n && s == SAEKIN_STATUS_SUCCESS; i++)
            s = drop_note (ix, records.items[i].path);
        records_clear (&records);
        if (s != SAEKIN_STATUS_SUCCESS)
            return s;
    }
    /* With no paths, every recorded root is updated. */
    size_t n_targets = n_paths ? n_paths : ix->n_roots;
    char **targets = calloc (n_targets + 1, sizeof *targets);
    bool *walked = calloc (n_targets + 1, sizeof *walked);
    if (! targets || ! walked)
        s = SAEKIN_STATUS_OUT_OF_MEMORY;
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < n_targets; i++)
        if (! (targets[i] = n_paths ? absolute_path (paths[i]) : strdup (ix->roots[i])))
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
                problem (opt, t, 0, strerror (errno), true);
                r->report->files_failed++;
            } else {
                problem (opt, t, 0, "indexed folder is gone; its notes are dropped", false);
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
            problem (opt, t, 0, strerror (errno), true);
            r->report->files_failed++;
        }
    }
    _saekin_found_list_sort (&found);
    r->report->files_seen = found.n;
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < found.n; i++) {
        s = visit (r, &records, &found.items[i]);
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
            gone = walked[t] && (under (rec->path, targets[t])
                                 || strcmp (rec->path, targets[t]) == 0);
        if (! gone)
            continue;
        r->report->files_removed++;
        if (opt->dry_run)
            change (opt, "remove", rec->path);
        else
            s = drop_note (ix, rec->path);
    }
    for (size_t i = 0; targets && i < n_targets; i++)
        free (targets[i]);
    free (targets);
    free (walked);
    _saekin_found_list_clear (&found);
    records_clear (&records);
    return s;
}

saekin_status_t
saekin_index_update (saekin_index_t *ix, const char *const *paths,
                     size_t n_paths, const saekin_index_options_t *options,
                     saekin_index_report_t *report)
{
    saekin_index_options_t none = { 0 };
    saekin_index_report_t dummy;
    if (! ix)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    run_t r = { ix, options ? options : &none, report ? report : &dummy };
    memset (r.report, 0, sizeof *r.report);
    saekin_status_t s = _saekin_xwriter_begin (ix->w);
    if (s != SAEKIN_STATUS_SUCCESS)
        return shim_failed (ix, s);
    s = run_update (&r, paths, n_paths);
    if (s == SAEKIN_STATUS_SUCCESS && ! r.opt->dry_run) {
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
    if (s != SAEKIN_STATUS_SUCCESS)
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
    saekin_status_t s = _saekin_xwriter_compact (ix->w);
    return s == SAEKIN_STATUS_SUCCESS ? s : shim_failed (ix, s);
}
