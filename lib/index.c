/* index.c - keeping an index in step with the notes on disk: the handle.
 *
 * For each note the index keeps a record in Xapian metadata, under
 * "f:" + the note's path, of its size, modification time, content hash and
 * entry count.  A run walks its roots, skips notes whose size and time
 * are unchanged, re-reads the others (and skips those whose content hash
 * is unchanged: a touch), replaces the entries of changed notes, and drops
 * notes gone from a walked root.  All of it is one Xapian transaction.
 *
 * Updates of an existing index stay on one thread: they touch few notes,
 * and a run on single notes reads only those notes' records, so adding a
 * note costs the same whatever the size of the index; a fresh build of
 * many notes runs on several threads (index-shards.c).  This file holds
 * the handle; index-private.h says which file does what. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "document.h"
#include "entry.h"
#include "index-private.h"
#include "json.h"

/* ---- messages ---- */

void
_saekin_index_set_message (saekin_index_t *ix, const char *a, const char *b)
{
    free (ix->message);
    ix->message = NULL;
    if (asprintf (&ix->message, "%s%s", a, b) < 0)
        ix->message = NULL;
}

saekin_status_t
_saekin_index_failed (saekin_index_t *ix, saekin_status_t s)
{
    _saekin_index_set_message (ix, _saekin_xwriter_message (ix->w), "");
    return s;
}

const char *
saekin_index_status_string (const saekin_index_t *ix)
{
    return ix && ix->message ? ix->message : "no error";
}

/* ---- opening and closing ---- */

/* A handle for DB_PATH with a copy of SETTINGS, or NULL when out of memory. */
static saekin_index_t *
index_new (const char *db_path, const saekin_settings_t *settings)
{
    saekin_index_t *ix = calloc (1, sizeof *ix);
    if (! ix)
        return NULL;
    if (! (ix->path = strdup (db_path))
        || _saekin_settings_copy (settings, &ix->settings) != SAEKIN_STATUS_SUCCESS) {
        free (ix->path);
        free (ix);
        return NULL;
    }
    return ix;
}

static void
index_free (saekin_index_t *ix)
{
    saekin_settings_free (ix->settings);
    free (ix->path);
    free (ix);
}

static saekin_status_t
open_read_write (const char *db_path, const saekin_settings_t *settings,
                 saekin_index_t **index, char **error_message)
{
    /* Create the parent folders (as the umask says); the index folder
     * itself is made private by the writer (0700). */
    char *dir = strdup (db_path);
    if (! dir)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    size_t n = strlen (dir);
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    for (char *p = dir + 1; *p; p++)
        if (*p == '/' && p[-1] != '/') {
            *p = '\0';
            mkdir (dir, 0777);
            *p = '/';
        }
    free (dir);
    saekin_index_t *ix = index_new (db_path, settings);
    if (! ix)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    saekin_status_t s = _saekin_xwriter_open (db_path, &ix->w, error_message);
    if (s != SAEKIN_STATUS_SUCCESS) {
        index_free (ix);
        return s;
    }
    *index = ix;
    return SAEKIN_STATUS_SUCCESS;
}

static saekin_status_t
open_read_only (const char *db_path, const saekin_settings_t *settings,
                saekin_index_t **index, char **error_message)
{
    saekin_index_t *ix = index_new (db_path, settings);
    if (! ix)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    ix->readonly = true;
    struct stat st;
    /* No index yet holds nothing: that is no error for a reader. */
    if (stat (db_path, &st) != 0 && errno == ENOENT)
        ix->w = NULL;
    else {
        saekin_status_t s = _saekin_xwriter_open_readonly (db_path, &ix->w,
                                                           error_message);
        if (s != SAEKIN_STATUS_SUCCESS) {
            index_free (ix);
            return s;
        }
    }
    *index = ix;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_index_open_with_settings (const char *db_path, saekin_index_mode_t mode,
                                 const saekin_settings_t *settings,
                                 saekin_index_t **index, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (! index)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *index = NULL;
    if (! db_path || ! *db_path) {
        if (error_message)
            *error_message = strdup ("no index folder given");
        return SAEKIN_STATUS_BAD_ARGUMENT;
    }
    switch (mode) {
    case SAEKIN_INDEX_READ_WRITE:
        return open_read_write (db_path, settings, index, error_message);
    case SAEKIN_INDEX_READ_ONLY:
        return open_read_only (db_path, settings, index, error_message);
    }
    if (error_message)
        *error_message = strdup ("unknown mode");
    return SAEKIN_STATUS_BAD_ARGUMENT;
}

saekin_status_t
saekin_index_open (const char *db_path, saekin_index_t **index, char **error_message)
{
    return saekin_index_open_with_settings (db_path, SAEKIN_INDEX_READ_WRITE, NULL, index,
                                            error_message);
}

saekin_status_t
saekin_index_open_readonly (const char *db_path, saekin_index_t **index,
                            char **error_message)
{
    return saekin_index_open_with_settings (db_path, SAEKIN_INDEX_READ_ONLY, NULL, index,
                                            error_message);
}

/* READ_ONLY, with a message, for a change asked of a read-only IX. */
saekin_status_t
_saekin_index_refuse_readonly (saekin_index_t *ix)
{
    _saekin_index_set_message (ix, "the index was opened read-only", "");
    return SAEKIN_STATUS_READ_ONLY;
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
    index_free (ix);
}

/* ---- roots ---- */

/* Load the recorded roots into IX->roots. */
saekin_status_t
_saekin_index_load_roots (saekin_index_t *ix)
{
    char *v = NULL;
    size_t len = 0;
    if (! ix->w) {
        free_roots (ix);
        return SAEKIN_STATUS_SUCCESS;
    }
    saekin_status_t s = _saekin_xwriter_get_metadata (ix->w, META_ROOTS, &v, &len);
    if (s != SAEKIN_STATUS_SUCCESS)
        return _saekin_index_failed (ix, s);
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

/* Write IX->roots into the index (in the open transaction). */
static saekin_status_t
store_roots (saekin_index_t *ix)
{
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
    return s == SAEKIN_STATUS_SUCCESS ? s : _saekin_index_failed (ix, s);
}

saekin_status_t
_saekin_index_add_root (saekin_index_t *ix, const char *root)
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
    return store_roots (ix);
}

saekin_status_t
_saekin_index_remove_root (saekin_index_t *ix, const char *root)
{
    size_t k = 0;
    for (size_t i = 0; i < ix->n_roots; i++)
        if (strcmp (ix->roots[i], root) == 0)
            free (ix->roots[i]);
        else
            ix->roots[k++] = ix->roots[i];
    if (k == ix->n_roots)
        return SAEKIN_STATUS_SUCCESS;
    ix->n_roots = k;
    return store_roots (ix);
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

const saekin_index_report_t *
saekin_index_report (const saekin_index_t *ix)
{
    return ix ? &ix->report : NULL;
}

saekin_status_t
saekin_index_info (saekin_index_t *ix, const saekin_index_info_t **infop)
{
    if (! ix || ! infop)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    saekin_index_info_t *info = &ix->info;
    memset (info, 0, sizeof *info);
    *infop = info;
    saekin_status_t s = _saekin_index_load_roots (ix);
    if (s != SAEKIN_STATUS_SUCCESS || ! ix->w)
        return s;
    s = _saekin_xwriter_doc_count (ix->w, &info->entries);
    if (s == SAEKIN_STATUS_SUCCESS)
        s = _saekin_xwriter_metadata_each (ix->w, META_FILE, count_record, &info->files);
    if (s != SAEKIN_STATUS_SUCCESS)
        return _saekin_index_failed (ix, s);
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
saekin_index_dump_entries (saekin_index_t *ix, FILE *out)
{
    if (! ix || ! out)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    if (! ix->w)
        return SAEKIN_STATUS_SUCCESS;
    saekin_status_t s = _saekin_xwriter_each_doc (ix->w, dump_one, out);
    if (s != SAEKIN_STATUS_SUCCESS)
        return _saekin_index_failed (ix, s);
    if (ferror (out)) {
        _saekin_index_set_message (ix, "cannot write the entries: ", strerror (errno));
        return SAEKIN_STATUS_WRITE_ERROR;
    }
    return SAEKIN_STATUS_SUCCESS;
}

/* Each pair is stored both ways; print it once, its "first" side first:
 * the Hangul one, else the longer (the full name before the acronym). */
static int
dump_pair (void *out, const char *term, size_t freq)
{
    const char *a = term + strlen (_SAEKIN_PREFIX_PAIR);
    const char *tab = strchr (a, '\t');
    if (! tab)
        return 0;
    const char *b = tab + 1;
    size_t na = (size_t) (tab - a), nb = strlen (b);
    bool a_hangul = (unsigned char) a[0] >= 0xE0, b_hangul = (unsigned char) b[0] >= 0xE0;
    bool first = a_hangul != b_hangul ? a_hangul : na != nb ? na > nb : strcmp (a, b) < 0;
    if (first)
        fprintf ((FILE *) out, "%.*s\t%s\t%zu\n", (int) na, a, b, freq);
    return 0;
}

saekin_status_t
saekin_index_dump_pairs (saekin_index_t *ix, FILE *out)
{
    if (! ix || ! out)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    if (! ix->w)
        return SAEKIN_STATUS_SUCCESS;
    saekin_status_t s = _saekin_xwriter_each_term (ix->w, _SAEKIN_PREFIX_PAIR, dump_pair,
                                                   out);
    if (s != SAEKIN_STATUS_SUCCESS)
        return _saekin_index_failed (ix, s);
    if (ferror (out)) {
        _saekin_index_set_message (ix, "cannot write the pairs: ", strerror (errno));
        return SAEKIN_STATUS_WRITE_ERROR;
    }
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_index_compact (saekin_index_t *ix)
{
    if (! ix)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    if (ix->readonly)
        return _saekin_index_refuse_readonly (ix);
    saekin_status_t s = _saekin_xwriter_compact (ix->w);
    return s == SAEKIN_STATUS_SUCCESS ? s : _saekin_index_failed (ix, s);
}
