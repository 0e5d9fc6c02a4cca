/* html-text.c - the raw HTML a note holds (<details>, <br>, &nbsp;) as
 * plain text: tags and comments dropped, a tag that ends a line as a line
 * break, table cells apart, character references decoded.  What is left
 * is text for the index and the snippets, never HTML for a page. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unicode/utf8.h>

#include "html-text.h"

/* Decode the character reference at S[0..N) (S[0] is '&') and hand it
 * to OUT; returns the bytes used, 0 when it is not one we know. */
static size_t
decode_entity (const char *s, size_t n, _saekin_html_out_fn out, void *ctx)
{
    static const struct {
        const char *name;
        const char *utf8;
    } named[] = {
        { "amp;", "&" },
        { "lt;", "<" },
        { "gt;", ">" },
        { "quot;", "\"" },
        { "apos;", "'" },
        { "nbsp;", " " },
        { "middot;", "\xc2\xb7" },
        { "rarr;", "\xe2\x86\x92" },
        { "larr;", "\xe2\x86\x90" },
        { "hellip;", "\xe2\x80\xa6" },
        { "ndash;", "\xe2\x80\x93" },
        { "mdash;", "\xe2\x80\x94" },
        { "copy;", "\xc2\xa9" },
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t k = strlen (named[i].name);
        if (n > k && memcmp (s + 1, named[i].name, k) == 0) {
            out (ctx, named[i].utf8, strlen (named[i].utf8));
            return k + 1;
        }
    }
    if (n < 4 || s[1] != '#')
        return 0;
    size_t i = 2;
    int base = 10;
    if (s[i] == 'x' || s[i] == 'X') {
        base = 16;
        i++;
    }
    unsigned long cp = 0;
    size_t digits = 0;
    for (; i < n && digits < 8; i++, digits++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'                 ? c - '0'
                : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : base == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
        if (d < 0)
            break;
        cp = cp * (unsigned long) base + (unsigned long) d;
    }
    if (digits == 0 || i >= n || s[i] != ';')
        return 0;
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    uint8_t u[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE (u, len, (UChar32) cp);
    out (ctx, (const char *) u, (size_t) len);
    return i + 1;
}

/* True when the tag name at S[0..N) (case-insensitive) is NAME. */
static bool
tag_is (const char *s, size_t n, const char *name)
{
    size_t k = strlen (name);
    if (n != k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char) (c - 'A' + 'a');
        if (c != name[i])
            return false;
    }
    return true;
}

/* Tags that end a line of text where they stand. */
static bool
tag_breaks_line (const char *name, size_t n)
{
    static const char *const tags[] = {
        "br",      "p",       "div",     "li",         "tr",     "table", "ul",
        "ol",      "dl",      "dt",      "dd",         "h1",     "h2",    "h3",
        "h4",      "h5",      "h6",      "blockquote", "pre",    "hr",    "details",
        "summary", "section", "article", "header",     "footer",
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (tag_is (name, n, tags[i]))
            return true;
    return false;
}

void
_saekin_html_text (const char *s, size_t n, char brk, _saekin_html_out_fn out, void *ctx)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '<' && i + 3 < n && memcmp (s + i, "<!--", 4) == 0) {
            const char *end = NULL;
            for (size_t j = i + 4; j + 2 < n; j++)
                if (memcmp (s + j, "-->", 3) == 0) {
                    end = s + j + 3;
                    break;
                }
            i = end ? (size_t) (end - s) : n;
            continue;
        }
        if (c == '<' && i + 1 < n) {
            size_t j = i + 1;
            if (s[j] == '/')
                j++;
            bool letter =
                j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'));
            if (letter || s[i + 1] == '!' || s[i + 1] == '?') {
                size_t name = j;
                while (j < n
                       && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')
                           || (s[j] >= '0' && s[j] <= '9')))
                    j++;
                size_t name_len = j - name;
                char quote = 0;
                for (; j < n; j++) {
                    if (quote) {
                        if (s[j] == quote)
                            quote = 0;
                    } else if (s[j] == '"' || s[j] == '\'') {
                        quote = s[j];
                    } else if (s[j] == '>') {
                        break;
                    }
                }
                if (j < n) {
                    if (tag_breaks_line (s + name, name_len))
                        out (ctx, &brk, 1);
                    else if (tag_is (s + name, name_len, "td")
                             || tag_is (s + name, name_len, "th"))
                        out (ctx, " ", 1);
                    i = j + 1;
                    continue;
                }
            }
        }
        if (c == '&') {
            size_t used = decode_entity (s + i, n - i, out, ctx);
            if (used) {
                i += used;
                continue;
            }
        }
        /* Runs of plain text go out in one piece. */
        size_t j = i + 1;
        while (j < n && s[j] != '<' && s[j] != '&' && s[j] != '\r')
            j++;
        if (c != '\r')
            out (ctx, s + i, j - i);
        i = j;
    }
}
