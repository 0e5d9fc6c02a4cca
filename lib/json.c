/* json.c - JSON output for entries (--dump-entries) and hits (--json). */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "saekin.h"
#include "unicode.h"

void
_saekin_json_string (FILE *out, const char *s)
{
    if (! s)
        s = "";
    size_t len = strlen (s);
    fputc ('"', out);
    for (size_t i = 0; i < len; i++) {
        const unsigned char *p = (const unsigned char *) s + i;
        switch (*p) {
        case '"':
            fputs ("\\\"", out);
            break;
        case '\\':
            fputs ("\\\\", out);
            break;
        case '\n':
            fputs ("\\n", out);
            break;
        case '\r':
            fputs ("\\r", out);
            break;
        case '\t':
            fputs ("\\t", out);
            break;
        default:
            if (*p < 0x20) {
                fprintf (out, "\\u%04x", *p);
            } else if (*p < 0x80) {
                fputc (*p, out);
            } else {
                /* File names need not be UTF-8; JSON must be. */
                size_t end = i;
                if (_saekin_u8_next (s, len, &end) < 0)
                    fputs ("\\ufffd", out);
                else
                    fwrite (p, 1, end - i, out);
                i = end - 1;
            }
        }
    }
    fputc ('"', out);
}

static void
links_json (FILE *out, const _saekin_entry_link_t *links, size_t n)
{
    fputc ('[', out);
    for (size_t i = 0; i < n; i++) {
        fputs (i ? ",{\"url\":" : "{\"url\":", out);
        _saekin_json_string (out, links[i].url);
        fputs (",\"text\":", out);
        _saekin_json_string (out, links[i].text);
        fputc ('}', out);
    }
    fputc (']', out);
}

/* Run WRITE into a memory stream and hand back the string. */
static char *
to_string (void (*write) (FILE *, const void *, const void *), const void *a,
           const void *b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream (&buf, &len);
    if (! out)
        return NULL;
    write (out, a, b);
    if (fclose (out) != 0) {
        free (buf);
        return NULL;
    }
    return buf;
}

static void
write_entry (FILE *out, const void *vfile, const void *ventry)
{
    const _saekin_entry_t *e = ventry;
    fputs ("{\"file\":", out);
    _saekin_json_string (out, vfile);
    fprintf (out, ",\"line\":%u,\"end_line\":%u,\"title\":", e->first_line, e->last_line);
    _saekin_json_string (out, e->title);
    fputs (",\"heading\":[", out);
    for (size_t i = 0; i < e->n_heading; i++) {
        if (i)
            fputc (',', out);
        _saekin_json_string (out, e->heading[i]);
    }
    fputs ("],\"text\":", out);
    _saekin_json_string (out, e->text);
    fputs (",\"struck\":", out);
    _saekin_json_string (out, e->struck);
    fputs (",\"links\":", out);
    links_json (out, e->links, e->n_links);
    fputs (",\"heading_links\":", out);
    links_json (out, e->heading_links, e->n_heading_links);
    fputc ('}', out);
}

char *
_saekin_entry_json (const char *file, const _saekin_entry_t *entry)
{
    return to_string (write_entry, file, entry);
}

/* The "C" locale, for numbers: JSON wants "33.5550" even in a program
 * that has called setlocale (LC_ALL, "") under de_DE.UTF-8, where printf
 * writes "33,5550".  uselocale() changes only the calling thread. */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void
c_locale_init (void)
{
    c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
}

/* Write X with four decimals and a '.' whatever the locale. */
static void
json_number (FILE *out, double x)
{
    pthread_once (&c_locale_once, c_locale_init);
    locale_t old = c_locale ? uselocale (c_locale) : (locale_t) 0;
    fprintf (out, "%.4f", x);
    if (old)
        uselocale (old);
}

static void
write_hit (FILE *out, const void *vhit, const void *unused)
{
    const saekin_hit_t *h = vhit;
    (void) unused;
    fprintf (out, "{\"rank\":%u,\"score\":", h->rank);
    json_number (out, h->score);
    fputs (",\"file\":", out);
    _saekin_json_string (out, h->file);
    fprintf (out, ",\"line\":%u,\"end_line\":%u,\"title\":", h->line, h->end_line);
    _saekin_json_string (out, h->title);
    fputs (",\"heading\":[", out);
    for (size_t i = 0; i < h->n_heading; i++) {
        if (i)
            fputc (',', out);
        _saekin_json_string (out, h->heading[i]);
    }
    fputs ("],\"snippet\":", out);
    _saekin_json_string (out, h->snippet);
    fputs (",\"highlights\":[", out);
    for (size_t i = 0; i < h->n_highlights; i++)
        fprintf (out, "%s[%zu,%zu]", i ? "," : "", h->highlights[i].start,
                 h->highlights[i].end);
    fputs ("],\"links\":[", out);
    for (size_t i = 0; i < h->n_links; i++) {
        const saekin_link_t *l = &h->links[i];
        fputs (i ? ",{\"url\":" : "{\"url\":", out);
        _saekin_json_string (out, l->url);
        fputs (",\"text\":", out);
        _saekin_json_string (out, l->text);
        fprintf (out, ",\"official\":%s,\"source\":", l->official ? "true" : "false");
        _saekin_json_string (out, l->source);
        fputc ('}', out);
    }
    fputs ("],\"corrections\":[", out);
    for (size_t i = 0; i < h->n_corrections; i++) {
        fputs (i ? ",{\"typed\":" : "{\"typed\":", out);
        _saekin_json_string (out, h->corrections[i].typed);
        fputs (",\"searched\":", out);
        _saekin_json_string (out, h->corrections[i].searched);
        fputc ('}', out);
    }
    fputs ("]}", out);
}

char *
saekin_hit_json (const saekin_hit_t *hit)
{
    if (! hit)
        return NULL;
    return to_string (write_hit, hit, NULL);
}
