/* frontmatter.c - the metadata block at a note's top.
 *
 * Obsidian, Jekyll, Hugo, Zola and most note apps start a note with a
 * block of metadata: YAML between two "---" lines, or TOML between two
 * "+++" lines (Hugo, Zola).  Only a few keys matter to a search engine
 * (title, tags or tag, aliases or alias), so this reads the subset of
 * YAML and TOML those keys are written in - scalars, quoted strings,
 * [flow, lists] and "- item" lists - and skips everything else,
 * nested maps and TOML tables included.  A block that is not even that
 * (a line that is no "key: value", an unclosed quote or list) is told
 * to the caller and left as text: a person reading the results sees
 * what the note holds rather than losing it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "unicode.h"

/* Tags longer than this are cut (Xapian terms are short). */
#define TAG_MAX_BYTES 100

typedef enum { KEY_OTHER, KEY_TITLE, KEY_TAGS, KEY_ALIASES } key_t_;

/* One line of the block. */
typedef struct {
    const char *s;
    size_t n;
} span_t;

static bool
is_blank_char (char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static span_t
trim (span_t v)
{
    while (v.n && is_blank_char (v.s[0])) {
        v.s++;
        v.n--;
    }
    while (v.n && (is_blank_char (v.s[v.n - 1]) || v.s[v.n - 1] == '\r'))
        v.n--;
    return v;
}

static bool
span_is (span_t v, const char *word)
{
    size_t k = strlen (word);
    if (v.n != k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = v.s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char) (c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

static key_t_
key_of (span_t k)
{
    k = trim (k);
    if (k.n >= 2 && (k.s[0] == '"' || k.s[0] == '\'') && k.s[k.n - 1] == k.s[0]) {
        k.s++;
        k.n -= 2;
    }
    if (span_is (k, "title"))
        return KEY_TITLE;
    if (span_is (k, "tags") || span_is (k, "tag") || span_is (k, "keywords"))
        return KEY_TAGS;
    if (span_is (k, "aliases") || span_is (k, "alias"))
        return KEY_ALIASES;
    return KEY_OTHER;
}

static int
push_string (char ***arr, size_t *n, const char *s, size_t len)
{
    for (size_t i = 0; i < *n; i++)
        if (strlen ((*arr)[i]) == len && memcmp ((*arr)[i], s, len) == 0)
            return 0;
    char **a = realloc (*arr, (*n + 1) * sizeof *a);
    if (! a)
        return -1;
    *arr = a;
    if (! (a[*n] = strndup (s, len)))
        return -1;
    ++*n;
    return 0;
}

int
_saekin_note_meta_add_tag (_saekin_note_meta_t *meta, const char *s, size_t n)
{
    while (n && (*s == '#' || is_blank_char (*s))) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == '/' || is_blank_char (s[n - 1])))
        n--;
    if (n == 0)
        return 0;
    if (n > TAG_MAX_BYTES) {
        n = TAG_MAX_BYTES;
        while (n && ((unsigned char) s[n] & 0xC0) == 0x80)
            n--; /* not inside a character */
    }
    char *t = strndup (s, n);
    if (! t)
        return -1;
    for (char *p = t; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char) (*p - 'A' + 'a');
    int r = push_string (&meta->tags, &meta->n_tags, t, n);
    /* A nested tag (Obsidian's "cs/os") is also its parent's. */
    char *slash = strrchr (t, '/');
    if (r == 0 && slash && slash != t)
        r = _saekin_note_meta_add_tag (meta, t, (size_t) (slash - t));
    free (t);
    return r;
}

/* Add the value V to META under KEY; a tags scalar may name several tags
 * ("a, b" or "a b", as Jekyll reads it). */
static int
add_value (_saekin_note_meta_t *meta, key_t_ key, span_t v)
{
    v = trim (v);
    if (v.n >= 2 && (v.s[0] == '"' || v.s[0] == '\'') && v.s[v.n - 1] == v.s[0]) {
        v.s++;
        v.n -= 2;
        v = trim (v);
    }
    if (v.n == 0)
        return 0;
    switch (key) {
    case KEY_TITLE:
        if (meta->title)
            return 0;
        return (meta->title = strndup (v.s, v.n)) ? 0 : -1;
    case KEY_ALIASES:
        return push_string (&meta->aliases, &meta->n_aliases, v.s, v.n);
    case KEY_TAGS:
        for (size_t i = 0; i < v.n;) {
            while (i < v.n && (v.s[i] == ',' || is_blank_char (v.s[i])))
                i++;
            size_t start = i;
            while (i < v.n && v.s[i] != ',' && ! is_blank_char (v.s[i]))
                i++;
            if (i > start && _saekin_note_meta_add_tag (meta, v.s + start, i - start) < 0)
                return -1;
        }
        return 0;
    default:
        return 0;
    }
}

/* Add each item of the flow list V ("[a, 'b', c]", brackets included) to
 * META under KEY.  Returns 0, -1 when out of memory, 1 when V is not a
 * closed list. */
static int
add_flow_list (_saekin_note_meta_t *meta, key_t_ key, span_t v)
{
    v = trim (v);
    if (v.n < 2 || v.s[0] != '[' || v.s[v.n - 1] != ']')
        return 1;
    size_t i = 1, end = v.n - 1;
    while (i < end) {
        while (i < end && (is_blank_char (v.s[i]) || v.s[i] == ','))
            i++;
        if (i >= end)
            break;
        size_t start = i;
        if (v.s[i] == '"' || v.s[i] == '\'') {
            char q = v.s[i++];
            while (i < end && v.s[i] != q)
                i++;
            if (i >= end)
                return 1;
            i++;
        } else {
            while (i < end && v.s[i] != ',')
                i++;
        }
        if (add_value (meta, key, (span_t){ v.s + start, i - start }) < 0)
            return -1;
    }
    return 0;
}

/* Whether V has an unclosed quote at its start. */
static bool
unclosed_quote (span_t v)
{
    v = trim (v);
    return v.n && (v.s[0] == '"' || v.s[0] == '\'')
           && (v.n == 1 || v.s[v.n - 1] != v.s[0]);
}

/* Read the block's lines LINES[0..N) (without the fences) into META.
 * TOML: "key = value" and [tables]; else YAML.  Returns 0, -1 when out
 * of memory, or the 1-based index of the first line it cannot read
 * (with *WHY what was expected). */
static long
read_block (const span_t *lines, size_t n, bool toml, _saekin_note_meta_t *meta,
            const char **why)
{
    key_t_ list_key = KEY_OTHER; /* the key a "- item" line belongs to */
    bool in_table = false;       /* TOML: keys inside [a table] are not ours */
    span_t open = { NULL, 0 };   /* TOML: a multi-line [array] being read */
    size_t open_line = 0;
    key_t_ open_key = KEY_OTHER;
    for (size_t i = 0; i < n; i++) {
        span_t l = trim (lines[i]);
        if (open.s) {
            /* The array runs until a line ending with ']'. */
            open.n = (size_t) (l.s + l.n - open.s);
            if (l.n && l.s[l.n - 1] == ']') {
                int r = add_flow_list (meta, open_key, open);
                if (r < 0)
                    return -1;
                if (r > 0) {
                    *why = "a list that is never closed";
                    return (long) open_line;
                }
                open.s = NULL;
            }
            continue;
        }
        if (l.n == 0 || l.s[0] == '#')
            continue;
        bool indented = is_blank_char (lines[i].s[0]);
        if (! toml && l.s[0] == '-' && (l.n == 1 || is_blank_char (l.s[1]))) {
            /* "- item" under "key:" (indented or not, as Obsidian writes) */
            span_t item = { l.s + 1, l.n - 1 };
            if (unclosed_quote (item)) {
                *why = "a closing quote";
                return (long) i + 1;
            }
            if (add_value (meta, list_key, item) < 0)
                return -1;
            continue;
        }
        if (! toml && indented)
            continue; /* inside a nested map: not ours */
        if (toml && l.s[0] == '[') {
            if (l.s[l.n - 1] != ']') {
                *why = "a [table] header";
                return (long) i + 1;
            }
            in_table = true;
            continue;
        }
        const char *sep = memchr (l.s, toml ? '=' : ':', l.n);
        if (! toml)
            /* The colon of a key is followed by a space or the line's end
             * ("url: https://x" has its key before the first colon). */
            while (sep && (size_t) (sep - l.s) + 1 < l.n && ! is_blank_char (sep[1]))
                sep = memchr (sep + 1, ':', l.n - (size_t) (sep + 1 - l.s));
        if (! sep || sep == l.s) {
            *why = toml ? "'key = value'" : "'key: value'";
            return (long) i + 1;
        }
        key_t_ key = key_of ((span_t){ l.s, (size_t) (sep - l.s) });
        if (in_table)
            key = KEY_OTHER;
        span_t v = trim ((span_t){ sep + 1, l.n - (size_t) (sep + 1 - l.s) });
        list_key = key;
        if (unclosed_quote (v)) {
            *why = "a closing quote";
            return (long) i + 1;
        }
        if (v.n && v.s[0] == '[') {
            if (v.s[v.n - 1] != ']') {
                if (! toml) {
                    *why = "a closing ']'";
                    return (long) i + 1;
                }
                open = v;
                open_line = i + 1;
                open_key = key;
                continue;
            }
            int r = add_flow_list (meta, key, v);
            if (r < 0)
                return -1;
            if (r > 0) {
                *why = "a closing quote";
                return (long) i + 1;
            }
        } else if (add_value (meta, key, v) < 0) {
            return -1;
        }
    }
    if (open.s) {
        *why = "a closing ']'";
        return (long) open_line;
    }
    return 0;
}

/* Whether the line S[0..N) is the fence F ("---" or "+++"), trailing
 * blanks allowed. */
static bool
is_fence (const char *s, size_t n, const char *f)
{
    span_t l = trim ((span_t){ s, n });
    return l.s == s && l.n == 3 && memcmp (l.s, f, 3) == 0;
}

int
_saekin_frontmatter_read (char *text, size_t len, _saekin_note_meta_t *meta,
                          _saekin_frontmatter_warn_fn warn, void *warn_ctx)
{
    size_t at = 0;
    if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
        at = 3;
    const char *nl = memchr (text + at, '\n', len - at);
    if (! nl)
        return 0;
    size_t first_len = (size_t) (nl - (text + at));
    bool toml = is_fence (text + at, first_len, "+++");
    if (! toml && ! is_fence (text + at, first_len, "---"))
        return 0;
    /* The lines up to the closing fence ("..." also ends YAML). */
    span_t *lines = NULL;
    size_t n = 0, cap = 0, end = 0;
    bool closed = false;
    for (size_t p = (size_t) (nl - text) + 1; p < len;) {
        const char *e = memchr (text + p, '\n', len - p);
        size_t k = e ? (size_t) (e - (text + p)) : len - p;
        if (is_fence (text + p, k, toml ? "+++" : "---")
            || (! toml && is_fence (text + p, k, "..."))) {
            closed = true;
            end = p + k;
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            span_t *nl2 = realloc (lines, cap * sizeof *nl2);
            if (! nl2) {
                free (lines);
                return -1;
            }
            lines = nl2;
        }
        lines[n++] = (span_t){ text + p, k };
        p += k + 1;
    }
    if (! closed) {
        /* "---" then text is a thematic break, unless what follows reads
         * as metadata: then the block was meant and lacks its end. */
        bool meant = n > 0 && memchr (lines[0].s, toml ? '=' : ':', lines[0].n);
        if (meant && warn)
            warn (warn_ctx, 1,
                  toml ? "front matter has no closing '+++': read as text"
                       : "front matter has no closing '---': read as text");
        free (lines);
        return 0;
    }
    _saekin_note_meta_t m = { 0 };
    const char *why = NULL;
    long bad = read_block (lines, n, toml, &m, &why);
    free (lines);
    if (bad < 0) {
        _saekin_note_meta_clear (&m);
        return -1;
    }
    if (bad > 0) {
        _saekin_note_meta_clear (&m);
        if (warn) {
            char msg[128];
            snprintf (msg, sizeof msg,
                      "malformed front matter (expected %s): read as text", why);
            warn (warn_ctx, (unsigned) bad + 1, msg);
        }
        return 0;
    }
    unsigned last = 1;
    for (size_t i = 0; i < end; i++)
        if (text[i] == '\n')
            last++;
    _saekin_note_meta_clear (meta);
    *meta = m;
    meta->first_line = 1;
    meta->last_line = last;
    for (size_t i = 0; i < end; i++)
        if (text[i] != '\n')
            text[i] = ' ';
    return 0;
}

void
_saekin_note_meta_clear (_saekin_note_meta_t *meta)
{
    free (meta->title);
    for (size_t i = 0; i < meta->n_tags; i++)
        free (meta->tags[i]);
    free (meta->tags);
    for (size_t i = 0; i < meta->n_aliases; i++)
        free (meta->aliases[i]);
    free (meta->aliases);
    memset (meta, 0, sizeof *meta);
}

/* Whether the byte at S[I] may be part of a tag: ASCII letters, digits,
 * '_', '-', '/', and any character outside ASCII but the punctuation
 * blocks U+2000-U+207F, U+3000-U+303F and the full-width forms
 * U+FF00-U+FF7F; an ill-formed sequence ends the tag. */
static size_t
tag_char_len (const char *s, size_t i, size_t n)
{
    unsigned char c = (unsigned char) s[i];
    if (c < 0x80)
        return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '/')
                   ? 1
                   : 0;
    size_t end = i;
    UChar32 cp = _saekin_u8_next (s, n, &end);
    if (cp < 0 || (cp >= 0x2000 && cp <= 0x207F) || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF00 && cp <= 0xFF7F)) /* full-width forms */
        return 0;
    return end - i;
}

void
_saekin_inline_tags (const char *s, size_t n,
                     void (*fn) (void *ctx, const char *tag, size_t len), void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '#')
            continue;
        if (i > 0 && ! (is_blank_char (s[i - 1]) || s[i - 1] == '\n' || s[i - 1] == '('))
            continue;
        size_t j = i + 1, k;
        bool word = false;
        while (j < n && (k = tag_char_len (s, j, n)) > 0) {
            if (! (s[j] >= '0' && s[j] <= '9') && s[j] != '-' && s[j] != '/')
                word = true;
            j += k;
        }
        if (word && j > i + 1)
            fn (ctx, s + i + 1, j - i - 1);
        i = j > i ? j - 1 : i;
    }
}
