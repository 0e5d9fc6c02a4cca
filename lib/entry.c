/* entry.c - entries: lists of them, and their form inside the index.
 *
 * A document's data is one line per field, "key\tvalue\n", values escaped
 * (\\, \n, \t) so that any text survives: f file, l first line, e last
 * line, t title, h a heading (repeated, outermost first), x text, s struck
 * text, k a link (url \t text), K a heading link.  Line-based and
 * self-describing, so a newer saekin can add fields an older one skips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"

static void
free_links (_saekin_entry_link_t *links, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free (links[i].url);
        free (links[i].text);
    }
    free (links);
}

void
_saekin_entry_clear (_saekin_entry_t *entry)
{
    if (! entry)
        return;
    free (entry->title);
    for (size_t i = 0; i < entry->n_heading; i++)
        free (entry->heading[i]);
    free (entry->heading);
    free (entry->text);
    free (entry->struck);
    free (entry->tags);
    free_links (entry->links, entry->n_links);
    free_links (entry->heading_links, entry->n_heading_links);
    memset (entry, 0, sizeof *entry);
}

void
_saekin_entry_list_clear (_saekin_entry_list_t *list)
{
    for (size_t i = 0; i < list->n; i++)
        _saekin_entry_clear (&list->items[i]);
    free (list->items);
    memset (list, 0, sizeof *list);
}

_saekin_entry_t *
_saekin_entry_list_push (_saekin_entry_list_t *list)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        _saekin_entry_t *items = realloc (list->items, cap * sizeof *items);
        if (! items)
            return NULL;
        list->items = items;
        list->cap = cap;
    }
    _saekin_entry_t *e = &list->items[list->n++];
    memset (e, 0, sizeof *e);
    return e;
}

/* ---- serialising ---- */

typedef struct {
    char *buf;
    size_t len;
    size_t cap;
    int failed;
} sbuf_t;

static void
sbuf_reserve (sbuf_t *b, size_t more)
{
    if (b->failed || b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc (b->buf, cap);
    if (! p) {
        b->failed = 1;
        return;
    }
    b->buf = p;
    b->cap = cap;
}

static void
sbuf_put (sbuf_t *b, const char *s, size_t n)
{
    sbuf_reserve (b, n);
    if (b->failed)
        return;
    memcpy (b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void
sbuf_put_escaped (sbuf_t *b, const char *s)
{
    if (! s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *esc = NULL;
        switch (*s) {
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            continue;
        }
        sbuf_put (b, run, (size_t) (s - run));
        sbuf_put (b, esc, 2);
        run = s + 1;
    }
    sbuf_put (b, run, (size_t) (s - run));
}

static void
sbuf_field (sbuf_t *b, char key, const char *value)
{
    char k[2] = { key, '\t' };
    sbuf_put (b, k, 2);
    sbuf_put_escaped (b, value);
    sbuf_put (b, "\n", 1);
}

static void
sbuf_link (sbuf_t *b, char key, const _saekin_entry_link_t *link)
{
    char k[2] = { key, '\t' };
    sbuf_put (b, k, 2);
    sbuf_put_escaped (b, link->url);
    sbuf_put (b, "\t", 1);
    sbuf_put_escaped (b, link->text);
    sbuf_put (b, "\n", 1);
}

char *
_saekin_entry_serialize (const char *file, const _saekin_entry_t *entry, size_t *len)
{
    sbuf_t b = { 0 };
    char num[32];
    sbuf_field (&b, 'f', file);
    snprintf (num, sizeof num, "%u", entry->first_line);
    sbuf_field (&b, 'l', num);
    snprintf (num, sizeof num, "%u", entry->last_line);
    sbuf_field (&b, 'e', num);
    sbuf_field (&b, 't', entry->title ? entry->title : "");
    for (size_t i = 0; i < entry->n_heading; i++)
        sbuf_field (&b, 'h', entry->heading[i]);
    sbuf_field (&b, 'x', entry->text ? entry->text : "");
    if (entry->struck && *entry->struck)
        sbuf_field (&b, 's', entry->struck);
    for (size_t i = 0; i < entry->n_links; i++)
        sbuf_link (&b, 'k', &entry->links[i]);
    for (size_t i = 0; i < entry->n_heading_links; i++)
        sbuf_link (&b, 'K', &entry->heading_links[i]);
    if (b.failed || ! b.buf) {
        free (b.buf);
        return NULL;
    }
    *len = b.len;
    return b.buf;
}

/* ---- parsing ---- */

/* Unescape S[0..N) into a new string; NULL when out of memory. */
static char *
unescape (const char *s, size_t n)
{
    char *out = malloc (n + 1), *o = out;
    if (! out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            *o++ = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static int
push_string (char ***arr, size_t *n, char *s)
{
    char **p = realloc (*arr, (*n + 1) * sizeof *p);
    if (! p) {
        free (s);
        return -1;
    }
    p[(*n)++] = s;
    *arr = p;
    return 0;
}

static int
push_link (_saekin_entry_link_t **arr, size_t *n, const char *v, size_t vn)
{
    const char *tab = memchr (v, '\t', vn);
    size_t un = tab ? (size_t) (tab - v) : vn;
    _saekin_entry_link_t l = { unescape (v, un),
                               tab ? unescape (tab + 1, vn - un - 1) : strdup ("") };
    _saekin_entry_link_t *p = realloc (*arr, (*n + 1) * sizeof *p);
    if (! l.url || ! l.text || ! p) {
        free (l.url);
        free (l.text);
        if (p)
            *arr = p;
        return -1;
    }
    p[(*n)++] = l;
    *arr = p;
    return 0;
}

bool
_saekin_entry_parse (const char *data, size_t len, char **file, _saekin_entry_t *entry)
{
    memset (entry, 0, sizeof *entry);
    *file = NULL;
    const char *p = data, *end = data + len;
    int bad = 0;
    while (p < end && ! bad) {
        const char *nl = memchr (p, '\n', (size_t) (end - p));
        if (! nl)
            nl = end;
        if (nl - p < 2 || p[1] != '\t') {
            bad = 1;
            break;
        }
        const char *v = p + 2;
        size_t vn = (size_t) (nl - v);
        char **slot = NULL;
        switch (p[0]) {
        case 'f':
            slot = file;
            break;
        case 't':
            slot = &entry->title;
            break;
        case 'x':
            slot = &entry->text;
            break;
        case 's':
            slot = &entry->struck;
            break;
        case 'l':
            entry->first_line = (unsigned) strtoul (v, NULL, 10);
            break;
        case 'e':
            entry->last_line = (unsigned) strtoul (v, NULL, 10);
            break;
        case 'h': {
            char *h = unescape (v, vn);
            bad = ! h || push_string (&entry->heading, &entry->n_heading, h) < 0;
            break;
        }
        case 'k':
            bad = push_link (&entry->links, &entry->n_links, v, vn) < 0;
            break;
        case 'K':
            bad = push_link (&entry->heading_links, &entry->n_heading_links, v, vn) < 0;
            break;
        default:
            break; /* a field from a newer saekin */
        }
        if (slot) {
            free (*slot);
            *slot = unescape (v, vn);
            bad = ! *slot;
        }
        p = nl + 1;
    }
    if (! bad && ! *file)
        bad = 1;
    if (! bad && ! entry->title)
        bad = ! (entry->title = strdup (""));
    if (! bad && ! entry->text)
        bad = ! (entry->text = strdup (""));
    if (! bad && ! entry->struck)
        bad = ! (entry->struck = strdup (""));
    if (bad) {
        free (*file);
        *file = NULL;
        _saekin_entry_clear (entry);
        return false;
    }
    return true;
}
