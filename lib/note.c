/* note.c - a passage of an indexed note as safe HTML, for a preview
 * (saekin-serve's /api/note).  The index says which files may be read
 * and where the passage starts and ends; the text comes from the note
 * on disk, so the preview shows its Markdown as written. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "document.h"
#include "entry.h"
#include "markdown.h"
#include "note.h"

/* A preview is for reading, not for a note of any size. */
#define MAX_PREVIEW_BYTES (8u << 20)

typedef struct {
    unsigned line;
    bool in_index;
    unsigned first, last; /* the passage chosen; 0 when none */
} find_t;

/* Keep the narrowest entry holding LINE; one that starts there wins. */
static int
on_entry (void *vctx, const char *data, size_t len)
{
    find_t *f = vctx;
    char *file;
    _saekin_entry_t e;
    if (! _saekin_entry_parse (data, len, &file, &e))
        return 0;
    f->in_index = true;
    unsigned a = e.first_line, b = e.last_line;
    free (file);
    _saekin_entry_clear (&e);
    if (f->line < a || f->line > b)
        return 0;
    bool starts = a == f->line, chosen_starts = f->first == f->line;
    if (! f->first || (starts && ! chosen_starts)
        || (starts == chosen_starts && b - a < f->last - f->first)) {
        f->first = a;
        f->last = b;
    }
    return 0;
}

static char *
read_note (const char *path, size_t *len)
{
    FILE *in = fopen (path, "rb");
    if (! in)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc (cap);
    while (buf) {
        size_t got = fread (buf + n, 1, cap - n, in);
        n += got;
        if (got == 0 || n > MAX_PREVIEW_BYTES)
            break;
        if (n == cap) {
            char *nb = realloc (buf, cap * 2);
            if (! nb) {
                free (buf);
                buf = NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (ferror (in) || n > MAX_PREVIEW_BYTES) {
        free (buf);
        buf = NULL;
    }
    fclose (in);
    *len = n;
    return buf;
}

/* Lines FIRST..LAST (1-based, inclusive; LAST 0 for all) of BUF, with
 * the indent they share taken off, so that a nested list item reads as
 * a list and not as code.  Malloc'd. */
static char *
cut_lines (const char *buf, size_t len, unsigned first, unsigned last, size_t *out_len)
{
    const char *start = buf, *end = buf + len;
    unsigned l = 1;
    for (const char *p = buf; p < end && l < first; p++)
        if (*p == '\n') {
            l++;
            start = p + 1;
        }
    const char *stop = end;
    if (last) {
        for (const char *p = start; p < end; p++)
            if (*p == '\n' && l++ == last) {
                stop = p + 1;
                break;
            }
    }
    /* the shared indent: spaces only (tabs are rare in notes) */
    size_t indent = (size_t) -1;
    for (const char *p = start; p < stop;) {
        const char *eol = memchr (p, '\n', (size_t) (stop - p));
        if (! eol)
            eol = stop;
        size_t sp = 0;
        while (p + sp < eol && p[sp] == ' ')
            sp++;
        if (p + sp < eol && sp < indent) /* blank lines do not count */
            indent = sp;
        p = eol + 1;
    }
    if (indent == (size_t) -1)
        indent = 0;
    char *out = malloc ((size_t) (stop - start) + 1), *o = out;
    if (! out)
        return NULL;
    for (const char *p = start; p < stop;) {
        const char *eol = memchr (p, '\n', (size_t) (stop - p));
        eol = eol ? eol + 1 : stop;
        size_t skip = 0;
        while (skip < indent && p + skip < eol && p[skip] == ' ')
            skip++;
        memcpy (o, p + skip, (size_t) (eol - p - skip));
        o += eol - p - skip;
        p = eol;
    }
    *o = '\0';
    *out_len = (size_t) (o - out);
    return out;
}

saekin_status_t
_saekin_note_html (_saekin_xreader_t *r, const char *file, unsigned line, char **html,
                   char **message)
{
    *html = NULL;
    *message = NULL;
    char *term = _saekin_document_file_term (file);
    if (! term)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    find_t f = { line ? line : 1, false, 0, 0 };
    saekin_status_t st = _saekin_xreader_each_with_term (r, term, on_entry, &f);
    free (term);
    if (st != SAEKIN_STATUS_SUCCESS)
        return st;
    if (! f.in_index) {
        if (asprintf (message, "%s: not in the index", file) < 0)
            *message = NULL;
        return SAEKIN_STATUS_FILE_ERROR;
    }
    if (line && ! f.first) {
        if (asprintf (message, "%s: no passage at line %u", file, line) < 0)
            *message = NULL;
        return SAEKIN_STATUS_FILE_ERROR;
    }
    size_t len = 0;
    char *buf = read_note (file, &len);
    if (! buf) {
        if (asprintf (message, "%s: cannot be read", file) < 0)
            *message = NULL;
        return SAEKIN_STATUS_FILE_ERROR;
    }
    size_t cut_len = 0;
    char *cut = line ? cut_lines (buf, len, f.first, f.last, &cut_len)
                     : cut_lines (buf, len, 1, 0, &cut_len);
    free (buf);
    char *text = cut ? _saekin_normalize (cut, cut_len, &len, NULL) : NULL;
    free (cut);
    if (text)
        *html = _saekin_markdown_html (text, len);
    free (text);
    return *html ? SAEKIN_STATUS_SUCCESS : SAEKIN_STATUS_OUT_OF_MEMORY;
}
