/* buf.c - see buf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
buf_add (buf_t *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc (b->data, cap);
        if (! d) {
            b->oom = true;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy (b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
buf_puts (buf_t *b, const char *s)
{
    buf_add (b, s, strlen (s));
}

void
buf_printf (buf_t *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start (ap, fmt);
    int n = vsnprintf (small, sizeof small, fmt, ap);
    va_end (ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if ((size_t) n < sizeof small) {
        buf_add (b, small, (size_t) n);
        return;
    }
    char *big = malloc ((size_t) n + 1);
    if (! big) {
        b->oom = true;
        return;
    }
    va_start (ap, fmt);
    vsnprintf (big, (size_t) n + 1, fmt, ap);
    va_end (ap);
    buf_add (b, big, (size_t) n);
    free (big);
}

/* Length of the valid UTF-8 sequence at P (2 to 4), 0 when none. */
static int
utf8_len (const unsigned char *p)
{
    int n = (p[0] >= 0xC2 && p[0] <= 0xDF)   ? 2
            : (p[0] & 0xF0) == 0xE0          ? 3
            : (p[0] >= 0xF0 && p[0] <= 0xF4) ? 4
                                             : 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && p[0] == 0xE0 && p[1] < 0xA0)
        || (n == 3 && p[0] == 0xED && p[1] >= 0xA0)
        || (n == 4 && p[0] == 0xF0 && p[1] < 0x90)
        || (n == 4 && p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

void
buf_json_string (buf_t *b, const char *s)
{
    buf_add (b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *) (s ? s : ""); *p;) {
        if (*p == '"' || *p == '\\') {
            char esc[2] = { '\\', (char) *p };
            buf_add (b, esc, 2);
            p++;
        } else if (*p == '\n') {
            buf_add (b, "\\n", 2);
            p++;
        } else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
            buf_printf (b, "\\u%04x", *p);
            p++;
        } else if (*p < 0x80) {
            buf_add (b, (const char *) p, 1);
            p++;
        } else {
            int n = utf8_len (p);
            if (n) {
                buf_add (b, (const char *) p, (size_t) n);
                p += n;
            } else {
                buf_add (b, "\\ufffd", 6);
                p++;
            }
        }
    }
    buf_add (b, "\"", 1);
}

char *
buf_take (buf_t *b, size_t *len)
{
    if (b->oom || ! b->data) {
        buf_free (b);
        if (! b->oom) {
            *len = 0;
            return calloc (1, 1);
        }
        return NULL;
    }
    char *d = b->data;
    *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void
buf_free (buf_t *b)
{
    free (b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
