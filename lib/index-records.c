/* index-records.c - what the index keeps of each note.
 *
 * For each note the index keeps a record in Xapian metadata, under
 * "f:" + the note's file term, of its size, modification time, content
 * hash, entry count and path: an update compares them with the note on
 * disk to skip what did not change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "index-private.h"

/* The metadata key of PATH: Xapian keys are short, so a long path is
 * keyed by its file term (a hash and its tail). */
char *
_saekin_record_key (const char *path)
{
    char *term = _saekin_document_file_term (path);
    char *key = NULL;
    if (term && asprintf (&key, "%s%s", META_FILE, term + 1) < 0)
        key = NULL;
    free (term);
    return key;
}

int
_saekin_record_parse (void *ctx, const char *key, const char *value, size_t len)
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

int
_saekin_record_cmp (const void *a, const void *b)
{
    return strcmp (((const record_t *) a)->path, ((const record_t *) b)->path);
}

record_t *
_saekin_records_find (records_t *rs, const char *path)
{
    record_t key = { .path = (char *) path };
    if (rs->n == 0)
        return NULL; /* bsearch's base must not be NULL */
    return bsearch (&key, rs->items, rs->n, sizeof *rs->items, _saekin_record_cmp);
}

void
_saekin_records_clear (records_t *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        free (rs->items[i].path);
    free (rs->items);
    memset (rs, 0, sizeof *rs);
}

/* Load into RS the records of PATHS alone, one key each: a run on single
 * notes must not read every record of a big index. */
saekin_status_t
_saekin_records_load_of (saekin_index_t *ix, const char *const *paths, size_t n_paths,
                         records_t *rs)
{
    for (size_t i = 0; i < n_paths; i++) {
        char *key = _saekin_record_key (paths[i]), *v = NULL;
        size_t len = 0;
        if (! key)
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        saekin_status_t s = _saekin_xwriter_get_metadata (ix->w, key, &v, &len);
        if (s != SAEKIN_STATUS_SUCCESS) {
            free (key);
            return _saekin_index_failed (ix, s);
        }
        int stop = len ? _saekin_record_parse (rs, key, v, len) : 0;
        free (key);
        free (v);
        if (stop)
            return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    return SAEKIN_STATUS_SUCCESS;
}

/* True when RECORDS hold the note PATH or notes under the folder PATH. */
bool
_saekin_records_indexed_at (const records_t *records, const char *path)
{
    for (size_t i = 0; i < records->n; i++)
        if (strcmp (records->items[i].path, path) == 0
            || _saekin_path_under (records->items[i].path, path))
            return true;
    return false;
}

saekin_status_t
_saekin_record_write (sink_t *k, const record_t *r)
{
    char *key = _saekin_record_key (r->path), *value = NULL;
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
    return s == SAEKIN_STATUS_SUCCESS ? s : _saekin_sink_failed (k, s);
}

saekin_status_t
_saekin_note_drop (sink_t *k, const char *path)
{
    char *term = _saekin_document_file_term (path);
    char *key = _saekin_record_key (path);
    saekin_status_t s = SAEKIN_STATUS_OUT_OF_MEMORY;
    if (term && key) {
        s = _saekin_xwriter_replace (k->w, term, NULL, 0);
        if (s == SAEKIN_STATUS_SUCCESS)
            s = _saekin_xwriter_set_metadata (k->w, key, "", 0);
        if (s != SAEKIN_STATUS_SUCCESS)
            _saekin_sink_failed (k, s);
    }
    free (term);
    free (key);
    return s;
}
