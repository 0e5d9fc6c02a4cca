/* markdown.c - split a Markdown note into entries with cmark-gfm.
 *
 * An entry is a passage a reader would jump to:
 *
 *   - the text before the first heading;
 *   - a heading's section: from the heading to the line before the next
 *     heading of the same or a higher level.  Its text is the heading's
 *     own content (what comes before the next heading of any level); the
 *     subsections are entries of their own;
 *   - in a section that is mostly a list (a glossary, nested study notes),
 *     each top-level item with what is nested under it.  The heading's
 *     entry then holds its paragraphs and the items' lead words, like a
 *     table of contents;
 *   - an item too long to take in at a glance is split again at its
 *     nested items: its own entry keeps its lead paragraphs and the lead
 *     words of the nested items, and each nested item becomes an entry
 *     whose heading path ends with the parent items' titles;
 *   - in a section of questions and answers (two or more collapsible
 *     blocks, <details><summary>question</summary>answer</details>, as
 *     interview notes write them, or names each followed by a quote
 *     explaining it: "2. Semaphores" and under it "> Wait 과 Signal을
 *     …"), each block, titled by its question or name.  The heading's
 *     entry holds the questions, as it holds items' lead words: a page
 *     of questions, navigation unless the section says something of its
 *     own (a 400-line 질의응답 chapter is not the answer to a word its
 *     questions name).
 *
 * The items of an outline (a list of short lines only: a table of
 * contents without links, a list of topics) are navigation, as link
 * lists are: they name what other passages hold; so is a section that
 * holds nothing else.
 *
 * A section ends at its last line with words; an item ends where cmark
 * ends it, at the line before what follows (the blank line between two
 * items included), as the evaluation's passages do.
 *
 * Text is plain: markup, URLs and HTML tags are dropped, link words and
 * code kept, tables become cells joined by tabs, one row a line.
 * Struck-through text (~~only double tildes~~) is kept apart.
 *
 * Everything walks cmark's tree with its iterator, never by recursion
 * over the tree, so thousands of nesting levels cannot overflow the
 * stack; only the item splitting recurses, and only to SPLIT_DEPTH. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "frontmatter.h"
#include "html-text.h"
#include "markdown.h"
#include "unicode.h"

/* An item longer than this (in lines, or in bytes of Markdown) is split
 * at its nested items: the outline notes have items of hundreds of lines
 * whose nested items are the passages people look for.  Chosen with a
 * BM25 run of the dev queries over the evaluation corpus, where 20 to 60
 * lines ranked alike. */
#define ITEM_MAX_LINES 40
#define ITEM_MAX_BYTES 2500
/* A section whose own content is at most this small stays one entry even
 * when it is a list: a few bullets under a heading read as one passage.
 * On the same run nDCG@10 was 0.48 with these, 0.43 when every list
 * split and 0.41 when no section did. */
#define SECTION_SMALL_LINES 20
#define SECTION_SMALL_BYTES 1500
/* Items are split again at most this deep. */
#define SPLIT_DEPTH 24
/* Titles are cut to this many characters (at a word boundary). */
#define ITEM_TITLE_CHARS    80
#define OUTLINE_LINE_CHARS  40
#define OUTLINE_MIN_ITEMS   3
/* A section with this many titled blocks (collapsible <details>, or a
 * name and the quote under it) or more is a list of questions and
 * answers, or of named explanations: each block is an entry. */
#define TITLED_MIN          2
#define HEADING_TITLE_CHARS 160
/* Text gathered for a title before the walk stops. */
#define TITLE_SOURCE_BYTES 1024
/* How many of the latest links are checked for a repeat. */
#define LINK_DEDUP 16
/* Warnings about invalid UTF-8 given for one note at most. */
#define MAX_WARNINGS 10

/* ------------------------------------------------------------------ */
/* Growable buffers                                                    */
/* ------------------------------------------------------------------ */

/* A byte buffer that is always NUL-terminated once allocated; a failed
 * allocation sets OOM and later appends do nothing, so callers check
 * once at the end. */
typedef struct {
    char *p;
    size_t len;
    size_t cap;
    bool oom;
} buf_t;

static void
buf_add (buf_t *b, const char *s, size_t n)
{
    if (b->oom || n == 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc (b->p, cap);
        if (! p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy (b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void
buf_addc (buf_t *b, char c)
{
    buf_add (b, &c, 1);
}

static void
buf_truncate (buf_t *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->p[len] = '\0';
    }
}

/* End the current block: one '\n' unless the text is empty or already
 * ends a line. */
static bool
is_space_char (char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void
buf_break (buf_t *b)
{
    if (b->len > 0 && b->p[b->len - 1] != '\n')
        buf_addc (b, '\n');
}

/* Remove white space from both ends of B. */
static void
trim_buf (buf_t *b)
{
    size_t lead = 0;
    while (lead < b->len && is_space_char (b->p[lead]))
        lead++;
    if (lead) {
        memmove (b->p, b->p + lead, b->len - lead);
        buf_truncate (b, b->len - lead);
    }
    while (b->len && is_space_char (b->p[b->len - 1]))
        buf_truncate (b, b->len - 1);
}

/* The buffer's string, handed over (never NULL unless out of memory). */
static char *
buf_take (buf_t *b)
{
    char *s = b->p;
    if (! s && ! b->oom)
        s = strdup ("");
    b->p = NULL;
    b->len = b->cap = 0;
    return s;
}

static void
buf_free (buf_t *b)
{
    free (b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* A growable array of links. */
typedef struct {
    _saekin_entry_link_t *v;
    size_t n;
    size_t cap;
} linkvec_t;

static void
linkvec_free (linkvec_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free (l->v[i].url);
        free (l->v[i].text);
    }
    free (l->v);
    memset (l, 0, sizeof *l);
}

/* Append copies of URL and TEXT unless the same link is among the last
 * few (notes repeat a link close by; looking further back would make a
 * paragraph of thousands of links quadratic).  Returns -1 when out of
 * memory. */
static int
linkvec_add (linkvec_t *l, const char *url, size_t url_len, const char *text,
             size_t text_len)
{
    for (size_t i = l->n > LINK_DEDUP ? l->n - LINK_DEDUP : 0; i < l->n; i++)
        if (strlen (l->v[i].url) == url_len && memcmp (l->v[i].url, url, url_len) == 0
            && strlen (l->v[i].text) == text_len
            && memcmp (l->v[i].text, text, text_len) == 0)
            return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        _saekin_entry_link_t *v = realloc (l->v, cap * sizeof *v);
        if (! v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    char *u = strndup (url, url_len), *t = strndup (text, text_len);
    if (! u || ! t) {
        free (u);
        free (t);
        return -1;
    }
    l->v[l->n].url = u;
    l->v[l->n].text = t;
    l->n++;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Plain text                                                          */
/* ------------------------------------------------------------------ */

/* Append S[0..N) to B with every run of white space (U+00A0 too, which
 * &nbsp; gives) folded into one space, without leading or trailing
 * space. */
static void
add_collapsed (buf_t *b, const char *s, size_t n)
{
    bool pending = false;
    size_t start = b->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char) s[i];
        if (is_space_char ((char) c)
            || (c == 0xc2 && i + 1 < n && (unsigned char) s[i + 1] == 0xa0)) {
            if (c == 0xc2)
                i++;
            pending = b->len > start;
            continue;
        }
        if (pending)
            buf_addc (b, ' ');
        pending = false;
        buf_addc (b, (char) c);
    }
}

/* S[0..N) folded as add_collapsed() does and cut to at most MAX_CHARS
 * characters, at a word boundary when one is near, with "…" where it was
 * cut.  Returns a malloc'd string, NULL when out of memory. */
static char *
make_title (const char *s, size_t n, size_t max_chars)
{
    buf_t b = { 0 };
    add_collapsed (&b, s, n);
    if (b.oom)
        return NULL;
    if (! b.p)
        return strdup ("");
    size_t chars = 0, cut = 0, last_space = 0, space_chars = 0;
    for (size_t i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char) b.p[i];
        if ((c & 0xc0) == 0x80)
            continue;
        if (chars == max_chars) {
            cut = i;
            break;
        }
        if (c == ' ') {
            last_space = i;
            space_chars = chars;
        }
        chars++;
    }
    if (cut) {
        /* Prefer the last space when it keeps at least half the title. */
        if (last_space && space_chars >= max_chars / 2)
            cut = last_space;
        buf_truncate (&b, cut);
        buf_add (&b, "\xe2\x80\xa6", 3); /* … */
    }
    return buf_take (&b);
}

/* Append the HTML S[0..N) to B as plain text (html-text.h). */
static void
add_bytes (void *ctx, const char *s, size_t n)
{
    buf_add (ctx, s, n);
}

static void
add_html (buf_t *b, const char *s, size_t n, char brk)
{
    _saekin_html_text (s, n, brk, add_bytes, b);
}

/* ------------------------------------------------------------------ */
/* Collecting the text of nodes                                        */
/* ------------------------------------------------------------------ */

typedef enum {
    EXT_NONE,
    EXT_TABLE,
    EXT_ROW,
    EXT_CELL,
    EXT_STRIKE,
} ext_kind_t;

/* The kind of an extension node, from its type string: the extensions'
 * node type values are not in the installed headers. */
static ext_kind_t
ext_kind (cmark_node *node)
{
    const char *t = cmark_node_get_type_string (node);
    if (! t)
        return EXT_NONE;
    if (strcmp (t, "table_cell") == 0)
        return EXT_CELL;
    if (strcmp (t, "table_row") == 0 || strcmp (t, "table_header") == 0)
        return EXT_ROW;
    if (strcmp (t, "table") == 0)
        return EXT_TABLE;
    if (strcmp (t, "strikethrough") == 0)
        return EXT_STRIKE;
    return EXT_NONE;
}

/* What the walk over some blocks gathers for one entry. */
typedef struct {
    buf_t text;      /* plain text, blocks ended by '\n' */
    buf_t struck;    /* struck-through text, pieces ended by ' ' */
    buf_t link_text; /* the text of the link being walked */
    buf_t tags;      /* inline #tags met, each ended by '\n' */
    linkvec_t links;
    int strike;       /* how deep inside strikethrough */
    int image;        /* how deep inside images (their alt is skipped) */
    cmark_node *link; /* the link being walked, or NULL */
    size_t text_mark, struck_mark;
    size_t limit; /* stop once the text is this long; 0: no limit */
    /* Letters and digits gathered inside links and outside them: a
     * passage of link words only is navigation (see is_navigation). */
    size_t chars_in, chars_out;
    size_t bare_urls; /* links written as their URL ("- https://...") */
    size_t chars_in_mark; /* chars_in when the link being walked began */
    bool oom;
} collect_t;

static void
collect_free (collect_t *c)
{
    buf_free (&c->text);
    buf_free (&c->struck);
    buf_free (&c->link_text);
    buf_free (&c->tags);
    linkvec_free (&c->links);
}

static bool
collect_failed (const collect_t *c)
{
    return c->oom || c->text.oom || c->struck.oom || c->link_text.oom || c->tags.oom;
}

/* How many characters of S[0..N) are not ASCII space or punctuation:
 * letters, digits, Hangul, anything else that may be a word. */
static size_t
word_chars (const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char) s[i];
        if (b >= 0xc0 || (b < 0x80 && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
            || (b >= '0' && b <= '9'))
            k++;
    }
    return k;
}

/* Whether what C gathered points elsewhere rather than says something:
 * link words, and next to nothing outside them ("- [x] [교착상태](...)",
 * "- 출처: [a blog post](...)"), or bare URLs alone ("- https://..."). */
static bool
is_navigation (const collect_t *c)
{
    return (c->chars_in > 0 && c->chars_out * 4 <= c->chars_in)
           || (c->chars_in == 0 && c->chars_out == 0 && c->bare_urls > 0);
}

/* Inline text of S[0..N) goes to the struck or the plain text, and to
 * the link text when inside a link. */
static void
emit (collect_t *c, const char *s, size_t n)
{
    if (c->image)
        return;
    if (c->link)
        c->chars_in += word_chars (s, n);
    else
        c->chars_out += word_chars (s, n);
    /* '\r' never reaches here from cmark, but stay safe for code. */
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\r')
            continue;
        buf_add (c->strike ? &c->struck : &c->text, s + start, i - start);
        if (c->link)
            buf_add (&c->link_text, s + start, i - start);
        start = i + 1;
    }
}

static void
on_inline_tag (void *ctx, const char *tag, size_t len)
{
    collect_t *c = ctx;
    buf_add (&c->tags, tag, len);
    buf_addc (&c->tags, '\n');
}

/* Text as a person wrote it, with Obsidian's syntax read: an embed
 * "![[Pasted image 2024.png]]" shows a file, not words, and goes; a wiki
 * link "[[Note]]" reads "Note", "[[Note|alias]]" reads "alias" and
 * "[[Note#Part]]" reads "Note Part".  Inline #tags are kept as words and
 * noted as tags.  (cmark leaves all of this as literal text, merged into
 * one text node by cmark_consolidate_text_nodes().) */
static void
emit_text (collect_t *c, const char *s, size_t n)
{
    if (! c->image && ! c->strike)
        _saekin_inline_tags (s, n, on_inline_tag, c);
    size_t run = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        bool embed = s[i] == '!' && i + 2 < n && s[i + 1] == '[' && s[i + 2] == '[';
        if (! embed && ! (s[i] == '[' && s[i + 1] == '['))
            continue;
        size_t open = i + (embed ? 3 : 2);
        const char *close = NULL;
        for (size_t j = open; j + 1 < n && s[j] != '\n'; j++)
            if (s[j] == ']' && s[j + 1] == ']') {
                close = s + j;
                break;
            }
        if (! close)
            continue;
        emit (c, s + run, i - run);
        size_t len = (size_t) (close - (s + open));
        if (! embed) {
            const char *t = s + open;
            const char *bar = memchr (t, '|', len);
            if (bar) {
                len -= (size_t) (bar + 1 - t);
                t = bar + 1;
            }
            for (size_t k = 0; k < len; k++) {
                /* "Note#Part" and "Note#^block": the words, not the marks */
                size_t from = k;
                while (k < len && t[k] != '#' && t[k] != '^')
                    k++;
                if (k > from) {
                    if (from)
                        emit (c, " ", 1);
                    emit (c, t + from, k - from);
                }
            }
        }
        run = i = (size_t) (close - s) + 2;
        i--;
    }
    emit (c, s + run, n - run);
}

/* True when a link's TEXT just repeats its URL (an autolink, a bare URL,
 * a mail address), so it adds nothing a reader would search for. */
static bool
text_is_url (const char *text, size_t n, const char *url)
{
    static const char *const schemes[] = { "", "mailto:", "http://", "https://" };
    size_t ulen = strlen (url);
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t k = strlen (schemes[i]);
        if (ulen == k + n && memcmp (url, schemes[i], k) == 0
            && memcmp (url + k, text, n) == 0)
            return true;
    }
    return false;
}

static void
link_enter (collect_t *c, cmark_node *node)
{
    if (c->link || c->image)
        return;
    c->link = node;
    c->chars_in_mark = c->chars_in;
    c->text_mark = c->text.len;
    c->struck_mark = c->struck.len;
    buf_truncate (&c->link_text, 0);
}

static void
link_exit (collect_t *c, cmark_node *node)
{
    if (c->link != node)
        return;
    c->link = NULL;
    const char *url = cmark_node_get_url (node);
    if (! url || ! *url)
        return;
    buf_t t = { 0 };
    add_collapsed (&t, c->link_text.p ? c->link_text.p : "", c->link_text.len);
    if (t.oom) {
        c->oom = true;
        return;
    }
    const char *text = t.p ? t.p : "";
    size_t text_len = t.len;
    if (text_is_url (text, text_len, url)) {
        /* URLs are not words to search: take them back out. */
        buf_truncate (&c->text, c->text_mark);
        buf_truncate (&c->struck, c->struck_mark);
        /* nor link words: "- **AssumeRole** - https://..." is a term
         * with its reference, not navigation */
        c->chars_in = c->chars_in_mark;
        c->bare_urls++;
        text_len = 0;
    }
    if (linkvec_add (&c->links, url, strlen (url), text, text_len) < 0)
        c->oom = true;
    buf_free (&t);
}

/* Gather the text, struck text and links of NODE and all it holds (or
 * until the text reaches C's limit). */
static void
collect_node (collect_t *c, cmark_node *node)
{
    cmark_iter *it = cmark_iter_new (node);
    if (! it) {
        c->oom = true;
        return;
    }
    cmark_event_type ev;
    while ((ev = cmark_iter_next (it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node (it);
        bool enter = ev == CMARK_EVENT_ENTER;
        const char *lit;
        switch (cmark_node_get_type (n)) {
        case CMARK_NODE_TEXT:
            lit = cmark_node_get_literal (n);
            if (lit)
                emit_text (c, lit, strlen (lit));
            break;
        case CMARK_NODE_CODE:
            lit = cmark_node_get_literal (n);
            if (lit)
                emit (c, lit, strlen (lit));
            break;
        case CMARK_NODE_SOFTBREAK:
            emit (c, " ", 1);
            break;
        case CMARK_NODE_LINEBREAK:
            emit (c, "\n", 1);
            break;
        case CMARK_NODE_HTML_INLINE:
            lit = cmark_node_get_literal (n);
            if (lit && ! c->image) {
                buf_t *b = c->strike ? &c->struck : &c->text;
                size_t before = b->len;
                add_html (b, lit, strlen (lit), ' ');
                if (c->link && b->len > before)
                    buf_add (&c->link_text, b->p + before, b->len - before);
                if (b->len > before)
                    *(c->link ? &c->chars_in : &c->chars_out) += word_chars (
                        b->p + before, b->len - before);
            }
            break;
        case CMARK_NODE_HTML_BLOCK:
            lit = cmark_node_get_literal (n);
            if (lit) {
                size_t before = c->text.len;
                add_html (&c->text, lit, strlen (lit), '\n');
                if (c->text.len > before)
                    c->chars_out += word_chars (c->text.p + before, c->text.len - before);
            }
            buf_break (&c->text);
            break;
        case CMARK_NODE_CODE_BLOCK:
            lit = cmark_node_get_literal (n);
            if (lit)
                emit (c, lit, strlen (lit));
            buf_break (&c->text);
            break;
        case CMARK_NODE_LINK:
            if (enter)
                link_enter (c, n);
            else
                link_exit (c, n);
            break;
        case CMARK_NODE_IMAGE:
            c->image += enter ? 1 : -1;
            break;
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_LIST:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            buf_break (&c->text);
            break;
        default:
            switch (ext_kind (n)) {
            case EXT_STRIKE:
                c->strike += enter ? 1 : -1;
                if (! enter && c->struck.len && c->struck.p[c->struck.len - 1] != ' ')
                    buf_addc (&c->struck, ' ');
                break;
            case EXT_CELL:
                /* A tab, not a space: pairs.c reads glossary tables by
                 * their cells; to the analyser both are blanks. */
                if (! enter)
                    buf_addc (&c->text, '\t');
                break;
            case EXT_ROW:
            case EXT_TABLE:
                buf_break (&c->text);
                break;
            case EXT_NONE:
                break;
            }
            break;
        }
        if (c->limit && c->text.len >= c->limit)
            break;
    }
    cmark_iter_free (it);
}

/* ------------------------------------------------------------------ */
/* The splitter                                                        */
/* ------------------------------------------------------------------ */

/* One level of the heading path: a heading or a parent item. */
typedef struct {
    int level; /* heading level 1-6; items are deeper than 6 */
    char *title;
    linkvec_t links; /* the links in the heading (or the item's lead) */
} level_t;

typedef struct {
    const char *src; /* the note, BOM skipped, line ends '\n' */
    size_t len;
    size_t *line; /* line[i] is where line i+1 starts; line[n_lines] = len */
    unsigned n_lines;
    _saekin_entry_list_t *out;
    level_t *path;
    size_t n_path;
    size_t cap_path;
    bool oom;
} split_t;

static bool
line_blank (const split_t *s, unsigned line)
{
    if (line < 1 || line > s->n_lines)
        return true;
    for (size_t i = s->line[line - 1]; i < s->line[line]; i++)
        if (s->src[i] != ' ' && s->src[i] != '\t' && s->src[i] != '\n')
            return false;
    return true;
}

/* LAST moved back over blank lines, but not before FIRST. */
static unsigned
trim_last (const split_t *s, unsigned first, unsigned last)
{
    if (last > s->n_lines)
        last = s->n_lines;
    if (last < first)
        return first;
    while (last > first && line_blank (s, last))
        last--;
    return last;
}

/* Bytes of the note from line FIRST to line LAST, both included. */
static size_t
span_bytes (const split_t *s, unsigned first, unsigned last)
{
    if (first < 1 || last > s->n_lines || last < first)
        return 0;
    return s->line[last] - s->line[first - 1];
}

static unsigned
node_first (cmark_node *n)
{
    int l = cmark_node_get_start_line (n);
    return l > 0 ? (unsigned) l : 1;
}

/* The last line of N as cmark gives it. */
static unsigned
node_end (const split_t *s, cmark_node *n)
{
    int l = cmark_node_get_end_line (n);
    unsigned first = node_first (n);
    unsigned last = l > 0 ? (unsigned) l : first;
    if (last > s->n_lines)
        last = s->n_lines;
    return last < first ? first : last;
}

/* The last line of N with words on it. */
static unsigned
node_last (const split_t *s, cmark_node *n)
{
    int l = cmark_node_get_end_line (n);
    unsigned first = node_first (n);
    return trim_last (s, first, l > 0 ? (unsigned) l : first);
}

static void
path_pop (split_t *s)
{
    level_t *l = &s->path[--s->n_path];
    free (l->title);
    linkvec_free (&l->links);
}

/* Push TITLE (taken) and a copy of LINKS onto the heading path. */
static void
path_push (split_t *s, int level, char *title, const linkvec_t *links)
{
    if (! title) {
        s->oom = true;
        return;
    }
    if (s->n_path == s->cap_path) {
        size_t cap = s->cap_path ? s->cap_path * 2 : 8;
        level_t *p = realloc (s->path, cap * sizeof *p);
        if (! p) {
            free (title);
            s->oom = true;
            return;
        }
        s->path = p;
        s->cap_path = cap;
    }
    level_t *l = &s->path[s->n_path++];
    l->level = level;
    l->title = title;
    memset (&l->links, 0, sizeof l->links);
    for (size_t i = 0; i < links->n; i++)
        if (linkvec_add (&l->links, links->v[i].url, strlen (links->v[i].url),
                         links->v[i].text, strlen (links->v[i].text))
            < 0)
            s->oom = true;
}

/* Whether TITLE names a section of references ("참고 자료", "References",
 * "## 📚 출처", "5. Reference:"): what is under it points elsewhere.
 * Leading numbering, symbols and emoji and trailing punctuation do not
 * count; case does not either. */
static bool
is_reference_title (const char *title)
{
    static const char *const names[] = {
        "참고",      "참고 자료",  "참고자료",     "참고 문헌",       "참고문헌",
        "참고 링크", "참고링크",   "참고 사항",    "참고사항",        "출처",
        "reference", "references", "see also",     "further reading", "관련 링크",
        "링크",      "links",      "bibliography",
    };
    const unsigned char *s = (const unsigned char *) title;
    /* Skip what leads: ASCII that is no letter, and symbols (U+2000 and
     * up outside Hangul and CJK: emoji, arrows, bullets). */
    for (;;) {
        if (*s && *s < 0x80 && ! ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
            s++;
        else if (*s == 0xe2 || *s == 0xf0 || *s == 0xef) {
            s++;
            while ((*s & 0xc0) == 0x80)
                s++;
        } else
            break;
    }
    size_t n = strlen ((const char *) s);
    while (n && s[n - 1] < 0x80
           && ! ((s[n - 1] | 0x20) >= 'a' && (s[n - 1] | 0x20) <= 'z'))
        n--;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen (names[i]) == n && strncasecmp ((const char *) s, names[i], n) == 0)
            return true;
    return false;
}

/* Append an entry for lines FIRST..LAST with TITLE (taken) and what C
 * gathered (taken); its heading path is the current path.  Returns the
 * entry, NULL when none was added (nothing to find, or out of memory). */
static _saekin_entry_t *
add_entry (split_t *s, unsigned first, unsigned last, char *title, collect_t *c)
{
    /* Leading and trailing breaks and spaces carry nothing. */
    trim_buf (&c->text);
    trim_buf (&c->struck);
    if (title && ! *title && ! c->text.len && ! c->struck.len && ! c->links.n
        && ! collect_failed (c)) {
        /* Nothing to find or show: an item holding only an image. */
        free (title);
        return NULL;
    }
    _saekin_entry_t *e = _saekin_entry_list_push (s->out);
    if (! e || ! title || collect_failed (c)) {
        free (title);
        s->oom = true;
        return NULL;
    }
    e->first_line = first;
    e->last_line = last < first ? first : last;
    e->title = title;
    e->navigation = is_navigation (c) || is_reference_title (title);
    for (size_t i = 0; i < s->n_path && ! e->navigation; i++)
        e->navigation = is_reference_title (s->path[i].title);
    e->text = buf_take (&c->text);
    e->struck = buf_take (&c->struck);
    e->links = c->links.v;
    e->n_links = c->links.n;
    e->tags = c->tags.len ? buf_take (&c->tags) : NULL;
    memset (&c->links, 0, sizeof c->links);
    if (! e->text || ! e->struck) {
        s->oom = true;
        return e;
    }
    if (s->n_path) {
        e->heading = calloc (s->n_path, sizeof *e->heading);
        if (! e->heading) {
            s->oom = true;
            return e;
        }
        for (size_t i = 0; i < s->n_path; i++) {
            /* An empty heading ("## <br>") keeps its place in the
             * hierarchy but says nothing. */
            if (! *s->path[i].title)
                continue;
            e->heading[e->n_heading] = strdup (s->path[i].title);
            if (! e->heading[e->n_heading]) {
                s->oom = true;
                return e;
            }
            e->n_heading++;
        }
    }
    linkvec_t hl = { 0 };
    for (size_t i = s->n_path; i-- > 0;)
        for (size_t j = 0; j < s->path[i].links.n; j++) {
            const _saekin_entry_link_t *l = &s->path[i].links.v[j];
            if (linkvec_add (&hl, l->url, strlen (l->url), l->text, strlen (l->text)) < 0)
                s->oom = true;
        }
    e->heading_links = hl.v;
    e->n_heading_links = hl.n;
    return e;
}

/* A title made of the first line of S[0..N) that has words, cut to
 * MAX_CHARS. */
static char *
title_of_text (const char *s, size_t n, size_t max_chars)
{
    while (n) {
        const char *nl = memchr (s, '\n', n);
        size_t k = nl ? (size_t) (nl - s) : n;
        for (size_t i = 0; i < k; i++)
            if (! is_space_char (s[i]))
                return make_title (s, k, max_chars);
        s += k;
        n -= k;
        if (nl) {
            s++;
            n--;
        }
    }
    return strdup ("");
}

/* A title for what C gathered: the lead words of its first line with
 * words; failing that its struck words or its first link, rather than
 * nothing.  NULL when out of memory. */
static char *
first_words (const collect_t *c)
{
    char *title = title_of_text (c->text.p ? c->text.p : "", c->text.len,
                                 ITEM_TITLE_CHARS);
    if (title && ! *title && c->struck.len) {
        free (title);
        title = make_title (c->struck.p, c->struck.len, ITEM_TITLE_CHARS);
    } else if (title && ! *title && c->links.n) {
        const _saekin_entry_link_t *l = &c->links.v[0];
        const char *t = *l->text ? l->text : l->url;
        free (title);
        title = make_title (t, strlen (t), ITEM_TITLE_CHARS);
    }
    return title;
}

/* The title of an item: the first words of what it holds; *NAV (when
 * not NULL) tells whether the item is only links. */
static char *
item_title (cmark_node *item, bool *nav)
{
    collect_t c = { .limit = TITLE_SOURCE_BYTES };
    collect_node (&c, item);
    char *title = collect_failed (&c) ? NULL : first_words (&c);
    if (nav)
        *nav = is_navigation (&c);
    collect_free (&c);
    return title;
}

/* Append TITLE to C's text as a line of its own, its words counted as
 * link words when LINK_WORDS (a table of contents' entry). */
static void
add_title_line (collect_t *c, const char *title, bool link_words)
{
    *(link_words ? &c->chars_in : &c->chars_out) += word_chars (title, strlen (title));
    buf_break (&c->text);
    buf_add (&c->text, title, strlen (title));
    buf_addc (&c->text, '\n');
}

/* Append the titles of LIST's items to C's text, one a line.  The
 * titles of items that are only links, or of an OUTLINE's, count as link
 * words: a heading over a table of contents is navigation too. */
static void
add_item_titles (collect_t *c, cmark_node *list, bool outline)
{
    for (cmark_node *it = cmark_node_first_child (list); it; it = cmark_node_next (it)) {
        bool nav = false;
        char *t = item_title (it, &nav);
        if (! t) {
            c->oom = true;
            return;
        }
        add_title_line (c, t, nav || outline);
        free (t);
    }
}

/* Whether paragraph P is a short line: one line showing at most
 * OUTLINE_LINE_CHARS characters (link targets are not shown) and no bare
 * URL ("- **AssumeRole** - https://...": a term with its reference). */
static bool
short_line (const split_t *s, cmark_node *p)
{
    if (node_first (p) != node_last (s, p))
        return false;
    cmark_iter *it = cmark_iter_new (p);
    if (! it)
        return false;
    size_t k = 0;
    bool ok = true;
    cmark_event_type ev;
    while (ok && (ev = cmark_iter_next (it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node (it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (cmark_node_get_type (n) == CMARK_NODE_LINK) {
            cmark_node *t = cmark_node_first_child (n);
            const char *lit = t ? cmark_node_get_literal (t) : NULL;
            const char *url = cmark_node_get_url (n);
            ok = ! (lit && url && text_is_url (lit, strlen (lit), url));
            continue;
        }
        const char *lit = cmark_node_get_literal (n);
        for (; lit && *lit; lit++)
            k += ((unsigned char) *lit & 0xc0) != 0x80;
        ok = k <= OUTLINE_LINE_CHARS;
    }
    cmark_iter_free (it);
    return ok;
}

/* Whether LIST is an outline: at least OUTLINE_MIN_ITEMS items, each a
 * short line with perhaps an outline under it: a table of contents
 * written without links, a list of topics to study.  Its items name what
 * other passages hold. */
static bool
is_outline (const split_t *s, cmark_node *list)
{
    size_t n = 0;
    for (cmark_node *it = cmark_node_first_child (list); it; it = cmark_node_next (it))
        n++;
    bool ok = n >= OUTLINE_MIN_ITEMS;
    cmark_iter *iter = ok ? cmark_iter_new (list) : NULL;
    ok = ok && iter;
    cmark_event_type ev;
    while (ok && (ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE) {
        cmark_node *item = cmark_iter_get_node (iter);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type (item) != CMARK_NODE_ITEM)
            continue;
        /* (nested lists' items come in turn) */
        cmark_node *p = cmark_node_first_child (item);
        ok = p && cmark_node_get_type (p) == CMARK_NODE_PARAGRAPH && short_line (s, p);
        for (cmark_node *ch = p ? cmark_node_next (p) : NULL; ok && ch; ch = cmark_node_next (ch))
            ok = cmark_node_get_type (ch) == CMARK_NODE_LIST;
    }
    if (iter)
        cmark_iter_free (iter);
    return ok;
}

static void emit_items (split_t *s, cmark_node *list, int depth);

/* Add the entries of ITEM: one, or when it is long and holds lists, one
 * for its own lead and (recursively) one for each nested item.  An item
 * of an OUTLINE (is_outline) is navigation. */
static void
emit_item (split_t *s, cmark_node *item, int depth, bool outline)
{
    /* An item reaches to the line before what follows it (a blank line
     * between items included), as cmark and the evaluation's passages
     * see it. */
    unsigned first = node_first (item), last = node_end (s, item);
    bool has_list = false;
    for (cmark_node *ch = cmark_node_first_child (item); ch; ch = cmark_node_next (ch))
        if (cmark_node_get_type (ch) == CMARK_NODE_LIST)
            has_list = true;
    bool big = last - first + 1 > ITEM_MAX_LINES
               || span_bytes (s, first, last) > ITEM_MAX_BYTES;
    collect_t c = { 0 };
    char *title = item_title (item, NULL);
    if (! (has_list && big && depth < SPLIT_DEPTH)) {
        collect_node (&c, item);
        _saekin_entry_t *e = add_entry (s, first, last, title, &c);
        collect_free (&c);
        if (e && outline)
            e->navigation = true;
        return;
    }
    for (cmark_node *ch = cmark_node_first_child (item); ch; ch = cmark_node_next (ch)) {
        if (cmark_node_get_type (ch) == CMARK_NODE_LIST)
            add_item_titles (&c, ch, false);
        else
            collect_node (&c, ch);
    }
    /* The nested items' path ends with this item: its title and the
     * links of its lead (copied now, as add_entry takes C's). */
    char *path_title = title ? strdup (title) : NULL;
    linkvec_t lead_links = { 0 };
    for (size_t i = 0; i < c.links.n; i++)
        if (linkvec_add (&lead_links, c.links.v[i].url, strlen (c.links.v[i].url),
                         c.links.v[i].text, strlen (c.links.v[i].text))
            < 0)
            s->oom = true;
    add_entry (s, first, last, title, &c);
    collect_free (&c);
    path_push (s, 7 + depth, path_title, &lead_links);
    linkvec_free (&lead_links);
    if (s->oom)
        return;
    for (cmark_node *ch = cmark_node_first_child (item); ch && ! s->oom;
         ch = cmark_node_next (ch))
        if (cmark_node_get_type (ch) == CMARK_NODE_LIST)
            emit_items (s, ch, depth + 1);
    path_pop (s);
}

/* Add the entries of the items of LIST, DEPTH lists deep. */
static void
emit_items (split_t *s, cmark_node *list, int depth)
{
    bool outline = is_outline (s, list);
    for (cmark_node *it = cmark_node_first_child (list); it && ! s->oom;
         it = cmark_node_next (it))
        emit_item (s, it, depth, outline);
}

/* Where the HTML block N's literal holds TAG ("<details", "</summary"),
 * case aside, followed by '>' or a space; NULL when it does not. */
static const char *
html_tag (cmark_node *n, const char *tag)
{
    if (cmark_node_get_type (n) != CMARK_NODE_HTML_BLOCK)
        return NULL;
    const char *lit = cmark_node_get_literal (n);
    size_t k = strlen (tag);
    for (const char *p = lit; p && *p; p++)
        if (strncasecmp (p, tag, k) == 0 && (p[k] == '>' || p[k] == ' ' || p[k] == '\n'))
            return p;
    return NULL;
}

/* Whether the block N opens a collapsible block: <details>. */
static bool
details_open (cmark_node *n)
{
    const char *lit = cmark_node_get_literal (n);
    if (cmark_node_get_type (n) != CMARK_NODE_HTML_BLOCK || ! lit)
        return false;
    while (*lit == ' ')
        lit++;
    return strncasecmp (lit, "<details", 8) == 0
           && (lit[8] == '>' || lit[8] == ' ' || lit[8] == '\n');
}

/* The block that closes the collapsible block (<details>) N opens, N
 * itself when it holds both tags; NULL when N opens none, or another
 * opens (they do not nest here) or the section ends (STOP) first. */
static cmark_node *
details_end (cmark_node *n, cmark_node *stop)
{
    if (! details_open (n))
        return NULL;
    for (cmark_node *m = n; m && m != stop; m = cmark_node_next (m)) {
        if (m != n && details_open (m))
            return NULL;
        if (html_tag (m, "</details"))
            return m;
    }
    return NULL;
}

/* The block quote explaining the name the block N gives, NULL when N
 * gives none: a list of one short item, then at once a quote, as notes
 * write "2. Semaphores" and under it, not indented, "> Wait 과 Signal을
 * 이용하여 …", or a question and "> 답변".  (A quote after a longer
 * list is about the whole list: "> **Exam Tip**: …".) */
static cmark_node *
quote_after_name (const split_t *s, cmark_node *n, cmark_node *stop)
{
    if (cmark_node_get_type (n) != CMARK_NODE_LIST)
        return NULL;
    cmark_node *item = cmark_node_first_child (n);
    cmark_node *p = item && ! cmark_node_next (item) ? cmark_node_first_child (item) : NULL;
    if (! p || cmark_node_next (p) || cmark_node_get_type (p) != CMARK_NODE_PARAGRAPH
        || ! short_line (s, p))
        return NULL;
    cmark_node *q = cmark_node_next (n);
    return q && q != stop && cmark_node_get_type (q) == CMARK_NODE_BLOCK_QUOTE ? q : NULL;
}

/* The last block of the titled block N begins: a collapsible block's
 * closing one, or the quote under a name; NULL when N begins none. */
static cmark_node *
titled_end (const split_t *s, cmark_node *n, cmark_node *stop)
{
    cmark_node *end = details_end (n, stop);
    return end ? end : quote_after_name (s, n, stop);
}

/* How many titled blocks the blocks FIRST..STOP hold. */
static size_t
count_titled (const split_t *s, cmark_node *first, cmark_node *stop)
{
    size_t n = 0;
    for (cmark_node *b = first; b && b != stop; b = cmark_node_next (b)) {
        cmark_node *end = titled_end (s, b, stop);
        if (end) {
            n++;
            b = end;
        }
    }
    return n;
}

/* The title of the titled block N begins: a collapsible block's
 * <summary> text (the question of a question-and-answer note), "" when
 * it has none; a name's words.  NULL when out of memory. */
static char *
titled_title (cmark_node *n)
{
    if (cmark_node_get_type (n) == CMARK_NODE_LIST)
        return item_title (cmark_node_first_child (n), NULL);
    const char *open = html_tag (n, "<summary");
    const char *from = open ? strchr (open, '>') : NULL;
    const char *to = from ? html_tag (n, "</summary") : NULL;
    if (! to || to < from)
        return strdup ("");
    buf_t b = { 0 };
    add_html (&b, from + 1, (size_t) (to - from - 1), ' ');
    char *title = b.oom ? NULL : make_title (b.p ? b.p : "", b.len, ITEM_TITLE_CHARS);
    buf_free (&b);
    return title;
}

/* Whether the blocks FIRST..STOP (STOP excluded) are mostly a list and
 * too long to read as one passage, so their items become entries. */
static bool
section_splits (const split_t *s, cmark_node *first, cmark_node *stop)
{
    size_t total = 0, list = 0;
    unsigned lo = 0, hi = 0;
    for (cmark_node *n = first; n && n != stop; n = cmark_node_next (n)) {
        unsigned a = node_first (n), b = node_last (s, n);
        size_t bytes = span_bytes (s, a, b);
        total += bytes;
        if (cmark_node_get_type (n) == CMARK_NODE_LIST)
            list += bytes;
        if (! lo)
            lo = a;
        hi = b;
    }
    if (list == 0 || list * 2 < total)
        return false;
    return hi - lo + 1 > SECTION_SMALL_LINES || total > SECTION_SMALL_BYTES;
}

/* Gather the content blocks FIRST..STOP of a section into C; when SPLIT,
 * a list gives only its items' lead words.  Returns whether any content
 * was not split off into items. */
static bool
gather_section (const split_t *s, collect_t *c, cmark_node *first, cmark_node *stop, bool split,
                bool titled)
{
    bool own = false;
    for (cmark_node *n = first; n && n != stop; n = cmark_node_next (n)) {
        cmark_node *end = titled ? titled_end (s, n, stop) : NULL;
        if (end) {
            char *t = titled_title (n);
            if (! t) {
                c->oom = true;
                return own;
            }
            /* (a question names what its own entry holds) */
            add_title_line (c, t, true);
            free (t);
            n = end;
        } else if (split && cmark_node_get_type (n) == CMARK_NODE_LIST) {
            add_item_titles (c, n, is_outline (s, n));
        } else {
            collect_node (c, n);
            own = true;
        }
    }
    return own;
}

/* Add the entry of HEADING, whose section's own content C gathered and
 * which ends at line LAST, then put the heading on the path. */
static void
emit_heading (split_t *s, cmark_node *heading, collect_t *c, unsigned last)
{
    collect_t h = { 0 };
    collect_node (&h, heading);
    int level = cmark_node_get_heading_level (heading);
    char *title = NULL, *path_title = NULL;
    if (collect_failed (&h)
        || ! (title = make_title (h.text.p ? h.text.p : "", h.text.len,
                                  HEADING_TITLE_CHARS))
        || ! (path_title = strdup (title))) {
        free (title);
        s->oom = true;
        collect_free (&h);
        return;
    }
    if (! *title) {
        /* A heading with no words ("##### <br>") is named by its first
         * words, and left out when it holds nothing at all. */
        free (title);
        title = first_words (c);
    }
    /* The heading's own links belong to its entry. */
    for (size_t i = 0; i < h.links.n; i++)
        if (linkvec_add (&c->links, h.links.v[i].url, strlen (h.links.v[i].url),
                         h.links.v[i].text, strlen (h.links.v[i].text))
            < 0)
            c->oom = true;
    add_entry (s, node_first (heading), last, title, c);
    path_push (s, level, path_title, &h.links);
    collect_free (&h);
}

/* Add the entry of the titled block from FIRST to END (both blocks of
 * the section): titled by its summary or name, or failing that by its
 * first words. */
static void
emit_titled (split_t *s, cmark_node *first, cmark_node *end)
{
    collect_t c = { 0 };
    for (cmark_node *n = first;; n = cmark_node_next (n)) {
        collect_node (&c, n);
        if (n == end)
            break;
    }
    char *title = titled_title (first);
    if (title && ! *title) {
        free (title);
        title = first_words (&c);
    }
    add_entry (s, node_first (first), node_last (s, end), title, &c);
    collect_free (&c);
}

/* Add the entries of one section: HEADING (NULL for the text before the
 * first heading) with its content blocks FIRST..STOP, ending at line
 * LAST.  The heading path holds the headings above it. */
static void
emit_section (split_t *s, cmark_node *heading, cmark_node *first, cmark_node *stop,
              unsigned last)
{
    bool split = section_splits (s, first, stop);
    bool titled = count_titled (s, first, stop) >= TITLED_MIN;
    collect_t c = { 0 };
    bool own = gather_section (s, &c, first, stop, split, titled);
    if (heading)
        emit_heading (s, heading, &c, last);
    else if (own)
        /* Text before the first heading; when it is all split into
         * items, the items say it all. */
        add_entry (s, node_first (first), last, first_words (&c), &c);
    collect_free (&c);
    for (cmark_node *n = first; n && n != stop && ! s->oom; n = cmark_node_next (n)) {
        cmark_node *end = titled ? titled_end (s, n, stop) : NULL;
        if (end) {
            emit_titled (s, n, end);
            n = end;
        } else if (split && cmark_node_get_type (n) == CMARK_NODE_LIST) {
            emit_items (s, n, 0);
        }
    }
}

/* The last line of the section of HEADING: the line before the next
 * top-level heading of the same or a higher level, blank lines left out. */
static unsigned
section_last (const split_t *s, cmark_node *heading)
{
    int level = cmark_node_get_heading_level (heading);
    unsigned end = s->n_lines;
    for (cmark_node *n = cmark_node_next (heading); n; n = cmark_node_next (n))
        if (cmark_node_get_type (n) == CMARK_NODE_HEADING
            && cmark_node_get_heading_level (n) <= level) {
            end = node_first (n) - 1;
            break;
        }
    return trim_last (s, node_first (heading), end);
}

/* Walk the document's top-level blocks section by section. */
static void
split_document (split_t *s, cmark_node *doc)
{
    cmark_node *n = cmark_node_first_child (doc);
    cmark_node *stop = n;
    while (stop && cmark_node_get_type (stop) != CMARK_NODE_HEADING)
        stop = cmark_node_next (stop);
    if (n != stop) {
        unsigned last = stop ? node_first (stop) - 1 : s->n_lines;
        emit_section (s, NULL, n, stop, trim_last (s, node_first (n), last));
    }
    for (n = stop; n && ! s->oom; n = stop) {
        cmark_node *body = cmark_node_next (n);
        stop = body;
        while (stop && cmark_node_get_type (stop) != CMARK_NODE_HEADING)
            stop = cmark_node_next (stop);
        int level = cmark_node_get_heading_level (n);
        while (s->n_path && s->path[s->n_path - 1].level >= level)
            path_pop (s);
        emit_section (s, n, body, stop, section_last (s, n));
    }
}

/* Tell WARN about invalid UTF-8 (the caller should have repaired it, so
 * this is a safety net); returns true when there was any, so that cmark
 * is asked to replace it. */
static bool
check_utf8 (const char *text, size_t len, _saekin_markdown_warn_fn warn, void *warn_ctx)
{
    unsigned line = 1, warned = 0, last_warned = 0;
    bool bad = false;
    for (size_t i = 0; i < len;) {
        if (text[i] == '\n')
            line++;
        if (_saekin_u8_next (text, len, &i) >= 0)
            continue;
        bad = true;
        if (warn && warned < MAX_WARNINGS && line != last_warned) {
            warn (warn_ctx, line, "invalid UTF-8 replaced with U+FFFD");
            warned++;
            last_warned = line;
        }
    }
    return bad;
}

/* cmark-gfm registers its extensions in a global list without a lock:
 * do it once, whichever thread splits first. */
static pthread_once_t registered = PTHREAD_ONCE_INIT;

/* cmark-gfm 0.29 is not thread-safe either once registered: a parser
 * with extensions switches characters on and off in tables shared by
 * every parser (cmark_manage_extensions_special_characters()), so two
 * notes parsed at once (the indexer's shard threads) can lose each
 * other's autolinks.  Markdown is a few percent of a build: one parser
 * at a time. */
static pthread_mutex_t parser_lock = PTHREAD_MUTEX_INITIALIZER;

/* A process forked to parse a costly note (note-guard.c) must not start
 * with PARSER_LOCK held by a thread it did not take along. */
static void
lock_parser (void)
{
    pthread_mutex_lock (&parser_lock);
}

static void
unlock_parser (void)
{
    pthread_mutex_unlock (&parser_lock);
}

static void
register_extensions (void)
{
    cmark_gfm_core_extensions_ensure_registered ();
    pthread_atfork (lock_parser, unlock_parser, unlock_parser);
}

void
_saekin_markdown_init (void)
{
    pthread_once (&registered, register_extensions);
}

int
_saekin_markdown_split (const char *text, size_t len, _saekin_entry_list_t *out,
                        _saekin_markdown_warn_fn warn, void *warn_ctx)
{
    if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (len == 0)
        return 0;

    /* cmark takes CR and CRLF as line ends already; making them '\n'
     * keeps the line table simple and no '\r' can reach the text. */
    char *copy = NULL;
    if (memchr (text, '\r', len)) {
        copy = malloc (len);
        if (! copy)
            return -1;
        size_t o = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] != '\r')
                copy[o++] = text[i];
            else if (i + 1 >= len || text[i + 1] != '\n')
                copy[o++] = '\n';
        }
        text = copy;
        len = o;
    }

    split_t s = { .src = text, .len = len, .out = out };
    unsigned n_lines = 1;
    for (const char *p = text; (p = memchr (p, '\n', len - (size_t) (p - text))); p++)
        if ((size_t) (p - text) + 1 < len)
            n_lines++;
    s.line = malloc ((n_lines + 1) * sizeof *s.line);
    if (! s.line) {
        free (copy);
        return -1;
    }
    s.line[0] = 0;
    unsigned l = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' && i + 1 < len)
            s.line[l++] = i + 1;
    s.line[n_lines] = len;
    s.n_lines = n_lines;

    /* Only ~~ strikes through: in Korean notes a single ~ is a range
     * ("1~3년", "5~10초"), which GitHub's single-tilde rule would strike. */
    int options = CMARK_OPT_SOURCEPOS | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    if (check_utf8 (text, len, warn, warn_ctx))
        options |= CMARK_OPT_VALIDATE_UTF8;
    _saekin_markdown_init ();
    pthread_mutex_lock (&parser_lock);
    cmark_parser *parser = cmark_parser_new (options);
    if (! parser) {
        pthread_mutex_unlock (&parser_lock);
        free (s.line);
        free (copy);
        return -1;
    }
    static const char *const extensions[] = { "table", "strikethrough", "autolink" };
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension (extensions[i]);
        if (ext)
            cmark_parser_attach_syntax_extension (parser, ext);
    }
    cmark_parser_feed (parser, text, len);
    cmark_node *doc = cmark_parser_finish (parser);
    if (doc) {
        /* "[[Note]]" reaches us in pieces ("[", "[", "Note", ...) */
        cmark_consolidate_text_nodes (doc);
        split_document (&s, doc);
    } else
        s.oom = true;

    while (s.n_path)
        path_pop (&s);
    free (s.path);
    cmark_node_free (doc);
    cmark_parser_free (parser);
    pthread_mutex_unlock (&parser_lock);
    free (s.line);
    free (copy);
    return s.oom ? -1 : 0;
}

/* Whether the path of E already starts with TITLE (an "# H1" repeating the
 * front matter's title), or E is that heading. */
static bool
titled_so (const _saekin_entry_t *e, const char *title)
{
    if (e->n_heading)
        return strcmp (e->heading[0], title) == 0;
    return e->title && strcmp (e->title, title) == 0;
}

/* Put the note's TITLE at the top of every entry's heading path: it is
 * the note's name, as an "# H1" would be. */
static int
add_note_title (_saekin_entry_list_t *out, size_t from, const char *title)
{
    for (size_t i = from; i < out->n; i++) {
        _saekin_entry_t *e = &out->items[i];
        if (titled_so (e, title))
            continue;
        char **h = realloc (e->heading, (e->n_heading + 1) * sizeof *h);
        if (! h)
            return -1;
        e->heading = h;
        memmove (h + 1, h, e->n_heading * sizeof *h);
        if (! (h[0] = strdup (title))) {
            memmove (h, h + 1, e->n_heading * sizeof *h);
            return -1;
        }
        e->n_heading++;
    }
    return 0;
}

static void
on_tag_line (_saekin_note_meta_t *meta, const char *tags, int *failed)
{
    for (const char *p = tags; p && *p;) {
        const char *nl = strchr (p, '\n');
        size_t n = nl ? (size_t) (nl - p) : strlen (p);
        if (_saekin_note_meta_add_tag (meta, p, n) < 0)
            *failed = 1;
        p += n + (nl ? 1 : 0);
    }
}

int
_saekin_markdown_split_note (const char *text, size_t len, _saekin_entry_list_t *out,
                             _saekin_note_meta_t *meta, _saekin_markdown_warn_fn warn,
                             void *warn_ctx)
{
    size_t from = out->n;
    char *copy = NULL;
    size_t skip = len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    if (len > skip + 3
        && (memcmp (text + skip, "---", 3) == 0 || memcmp (text + skip, "+++", 3) == 0)) {
        if (! (copy = malloc (len + 1)))
            return -1;
        memcpy (copy, text, len);
        copy[len] = '\0';
        if (_saekin_frontmatter_read (copy, len, meta, warn, warn_ctx) < 0) {
            free (copy);
            return -1;
        }
        text = copy;
    }
    int r = _saekin_markdown_split (text, len, out, warn, warn_ctx);
    free (copy);
    if (r < 0)
        return r;
    int failed = 0;
    for (size_t i = from; i < out->n; i++)
        on_tag_line (meta, out->items[i].tags, &failed);
    if (failed)
        return -1;
    if (! meta->title)
        return 0;
    if (out->n == from) {
        /* Only metadata: the note is still found by its title. */
        _saekin_entry_t *e = _saekin_entry_list_push (out);
        if (! e)
            return -1;
        e->first_line = meta->first_line;
        e->last_line = meta->last_line;
        e->title = strdup (meta->title);
        e->text = strdup ("");
        e->struck = strdup ("");
        return e->title && e->text && e->struck ? 0 : -1;
    }
    return add_note_title (out, from, meta->title);
}

char *
_saekin_markdown_html (const char *text, size_t len)
{
    /* Safe mode (no CMARK_OPT_UNSAFE): raw HTML becomes a comment and
     * javascript:, vbscript:, file: and data: links lose their address;
     * the tagfilter extension is a second guard for raw HTML. */
    int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
                  | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
    pthread_once (&registered, register_extensions);
    pthread_mutex_lock (&parser_lock);
    char *html = NULL;
    cmark_parser *parser = cmark_parser_new (options);
    if (parser) {
        static const char *const extensions[] = { "table", "strikethrough", "autolink",
                                                  "tagfilter" };
        for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
            cmark_syntax_extension *ext = cmark_find_syntax_extension (extensions[i]);
            if (ext)
                cmark_parser_attach_syntax_extension (parser, ext);
        }
        cmark_parser_feed (parser, text, len);
        cmark_node *doc = cmark_parser_finish (parser);
        if (doc) {
            char *out = cmark_render_html (doc, options,
                                           cmark_parser_get_syntax_extensions (parser));
            /* cmark's allocator is malloc, but hand back our own copy
             * so that the caller's free() is beyond doubt. */
            if (out) {
                html = strdup (out);
                cmark_get_default_mem_allocator ()->free (out);
            }
            cmark_node_free (doc);
        }
        cmark_parser_free (parser);
    }
    pthread_mutex_unlock (&parser_lock);
    return html;
}
