/* snippet.c - the few lines of an entry that show why it matched.
 *
 * The entry text is folded to one line first (newlines, tabs and runs of
 * spaces become one space), then analysed with the same analyser the
 * index uses, so a highlight lands exactly where a term matched: on the
 * stem "인증서" inside "인증서를", on "trail" inside "CloudTrail".  Every
 * offset below is into the folded text, so the spans need no remapping. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "snippet.h"

/* How far a cut may move to land between words instead of inside one. */
#define WORD_SLACK 24
/* Text past this many bytes is not analysed: a snippet never needs it,
 * and a huge code block should not cost a query more than this. */
#define MAX_ANALYSED (1u << 20)
/* A whole-word (or stem, or part) match outweighs any number of bigram
 * matches when windows are compared. */
#define WORD_WEIGHT 1000

static const char ELLIPSIS[] = "\xe2\x80\xa6"; /* … */
#define ELLIPSIS_LEN 3

/* ------------------------------------------------------------------ */
/* Term sets                                                           */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

static bool
is_blank (char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* TEXT with every run of white space made one space and none at either
 * end; malloc'd, length in *LEN.  NULL when out of memory. */
static char *
fold (const char *text, size_t *len)
{
    size_t n = strlen (text);
    char *out = malloc (n + 1);
    if (! out)
        return NULL;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        if (is_blank (text[i])) {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = text[i];
    }
    out[o] = '\0';
    *len = o;
    return out;
}

/* ------------------------------------------------------------------ */
/* Matches                                                             */
/* ------------------------------------------------------------------ */

typedef struct {
    size_t start, end;
    size_t term; /* index in the term set */
    bool weak;   /* a Hangul bigram's match: weighs little */
} match_t;

typedef struct {
    const _saekin_termset_t *terms;
    const bool *weak_term; /* per term: a bigram of a longer query term */
    match_t *v;
    size_t n, cap;
    bool oom;
} matches_t;

static int
on_token (void *vctx, const _saekin_token_t *tok)
{
    matches_t *m = vctx;
    long t = _saekin_termset_find (m->terms, tok->term);
    if (t < 0 || tok->end <= tok->start)
        return 0;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        match_t *v = realloc (m->v, cap * sizeof *v);
        if (! v) {
            m->oom = true;
            return 1;
        }
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = (match_t){ tok->start, tok->end, (size_t) t,
                              tok->kind == _SAEKIN_TOK_NGRAM || m->weak_term[t] };
    return 0;
}

/* True when TERM is two Hangul syllables (a bigram, or a short word). */
static bool
hangul_pair (const char *term)
{
    const unsigned char *u = (const unsigned char *) term;
    if (strlen (term) != 6)
        return false;
    for (int i = 0; i < 6; i += 3) {
        unsigned cp = ((u[i] & 0x0fu) << 12) | ((u[i + 1] & 0x3fu) << 6)
                      | (u[i + 2] & 0x3fu);
        if ((u[i] & 0xf0) != 0xe0 || cp < 0xac00 || cp > 0xd7a3)
            return false;
    }
    return true;
}

/* Which terms of SET are weak: the term set does not say which terms
 * were the query's bigrams, but a two-syllable term inside a longer term
 * of the set is one (가용 of 가용영역), and a word of the text matching it
 * ("가용 자원") is no better a match than a bigram.  NULL when out of
 * memory. */
static bool *
weak_terms (const _saekin_termset_t *set)
{
    bool *weak = calloc (set->n ? set->n : 1, sizeof *weak);
    if (! weak)
        return NULL;
    for (size_t i = 0; i < set->n; i++) {
        if (! hangul_pair (set->terms[i]))
            continue;
        for (size_t j = 0; j < set->n && ! weak[i]; j++)
            if (j != i && strlen (set->terms[j]) > 6
                && strstr (set->terms[j], set->terms[i]))
                weak[i] = true;
    }
    return weak;
}

static int
by_start (const void *a, const void *b)
{
    const match_t *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* ------------------------------------------------------------------ */
/* Choosing the window                                                 */
/* ------------------------------------------------------------------ */

/* Per-term counts of the matches inside the sliding window. */
typedef struct {
    size_t *word; /* matches that are words, stems or parts */
    size_t *weak; /* weak (bigram) matches */
    size_t distinct_word, distinct_weak;
} window_t;

static void
window_add (window_t *w, const match_t *m, int dir)
{
    size_t *count = m->weak ? w->weak : w->word;
    size_t *distinct = m->weak ? &w->distinct_weak : &w->distinct_word;
    if (dir > 0 && count[m->term]++ == 0)
        (*distinct)++;
    else if (dir < 0 && --count[m->term] == 0)
        (*distinct)--;
}

/* A term counts fully when some match of it in the window is a whole
 * word (or stem, or part); a term seen only as bigrams counts little. */
static size_t
window_score (const window_t *w, size_t n_terms)
{
    size_t weak_only = 0;
    if (w->distinct_weak)
        for (size_t t = 0; t < n_terms; t++)
            if (w->weak[t] && ! w->word[t])
                weak_only++;
    return w->distinct_word * WORD_WEIGHT + weak_only;
}

/* The matches M[*FIRST..*LAST] (sorted by start) that fit in MAX bytes
 * and hold the most distinct terms, the earliest such run on ties.
 * Returns -1 when out of memory. */
static int
best_window (const match_t *m, size_t n, size_t n_terms, size_t max, size_t *first,
             size_t *last)
{
    window_t w = { calloc (n_terms, sizeof (size_t)), calloc (n_terms, sizeof (size_t)),
                   0, 0 };
    if (! w.word || ! w.weak) {
        free (w.word);
        free (w.weak);
        return -1;
    }
    size_t best = 0, j = 0;
    *first = *last = 0;
    for (size_t i = 0; i < n; i++) {
        /* Grow the window over every match that ends within MAX bytes of
         * match I's start. */
        if (j < i)
            j = i; /* match I-1 alone was longer than MAX */
        while (j < n && m[j].end - m[i].start <= max) {
            window_add (&w, &m[j], 1);
            j++;
        }
        if (j > i) {
            size_t score = window_score (&w, n_terms);
            if (score > best) {
                best = score;
                *first = i;
                *last = j - 1;
            }
            window_add (&w, &m[i], -1);
        }
    }
    free (w.word);
    free (w.weak);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Cutting                                                             */
/* ------------------------------------------------------------------ */

static bool
is_continuation (unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

/* Move START forward to the start of a word when one is near, else to
 * a character boundary; never past LIMIT (a character boundary). */
static size_t
snap_start (const char *s, size_t start, size_t limit)
{
    if (start == 0 || start >= limit || s[start - 1] == ' ')
        return start < limit ? start : limit;
    for (size_t i = start; i < limit && i - start <= WORD_SLACK; i++)
        if (s[i] == ' ')
            return i + 1;
    while (start < limit && is_continuation ((unsigned char) s[start]))
        start++;
    return start;
}

/* Move END back to the end of a word when one is near, else to a
 * character boundary; never before LIMIT (a character boundary). */
static size_t
snap_end (const char *s, size_t len, size_t end, size_t limit)
{
    if (end >= len)
        return len;
    if (s[end] == ' ')
        return end;
    for (size_t i = end; i > limit && end - i <= WORD_SLACK; i--)
        if (s[i - 1] == ' ')
            return i - 1;
    while (end > limit && is_continuation ((unsigned char) s[end]))
        end--;
    return end;
}

/* Place a window of MAX bytes around [A, B) in a text of LEN bytes:
 * centred, but not past either end. */
static void
place (size_t len, size_t max, size_t a, size_t b, size_t *start, size_t *end)
{
    if (max == 0 || len <= max) {
        *start = 0;
        *end = len;
        return;
    }
    size_t slack = b - a < max ? max - (b - a) : 0;
    size_t s = a > slack / 2 ? a - slack / 2 : 0;
    if (s + max > len)
        s = len - max;
    *start = s;
    *end = s + max;
}

/* ------------------------------------------------------------------ */
/* The snippet                                                         */
/* ------------------------------------------------------------------ */

/* Append to SPANS (at most N_MATCHES of them) the matches M[0..N)
 * that lie in [START, END), shifted by SHIFT - START, merged where they
 * overlap or touch.  Returns how many were stored. */
static size_t
make_spans (const match_t *m, size_t n, size_t start, size_t end, size_t shift,
            saekin_span_t *spans)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = m[i].start < start ? start : m[i].start;
        size_t b = m[i].end > end ? end : m[i].end;
        if (a >= b)
            continue;
        a = a - start + shift;
        b = b - start + shift;
        if (k && a <= spans[k - 1].end) {
            if (b > spans[k - 1].end)
                spans[k - 1].end = b;
        } else {
            spans[k].start = a;
            spans[k].end = b;
            k++;
        }
    }
    return k;
}

/** Make a snippet of about MAX_BYTES from TEXT around its best matches of
 * TERMS; see snippet.h.  MAX_BYTES 0 keeps the whole (folded) text.  The
 * bytes between the "…" marks are at most MAX_BYTES.  Returns the
 * malloc'd snippet (spans in *SPANS, malloc'd, NULL when there are none)
 * or NULL when out of memory. */
char *
_saekin_snippet_make (const char *text, const _saekin_termset_t *terms, size_t max_bytes,
                      saekin_span_t **spans, size_t *n_spans)
{
    *spans = NULL;
    *n_spans = 0;
    size_t len;
    char *folded = fold (text ? text : "", &len);
    if (! folded)
        return NULL;

    matches_t m = { .terms = terms };
    bool *weak = NULL;
    if (terms && terms->n && len) {
        weak = weak_terms (terms);
        if (! weak) {
            free (folded);
            return NULL;
        }
        m.weak_term = weak;
        size_t analysed = len < MAX_ANALYSED ? len : MAX_ANALYSED;
        while (analysed < len && is_continuation ((unsigned char) folded[analysed]))
            analysed--;
        int r = _saekin_analyze (folded, analysed, on_token, &m);
        free (weak);
        if (m.oom || r < 0) {
            free (m.v);
            free (folded);
            return NULL;
        }
        if (m.n)
            qsort (m.v, m.n, sizeof *m.v, by_start);
    }

    size_t start = 0, end = len;
    size_t first = 0, last = 0;
    if (m.n) {
        if (best_window (m.v, m.n, terms->n, max_bytes ? max_bytes : len, &first, &last)
            < 0) {
            free (m.v);
            free (folded);
            return NULL;
        }
        size_t a = m.v[first].start, b = m.v[first].end;
        for (size_t i = first; i <= last; i++)
            if (m.v[i].end > b)
                b = m.v[i].end;
        place (len, max_bytes, a, b, &start, &end);
        start = snap_start (folded, start, a);
        /* When even the matches do not fit, cut them: anywhere after
         * START will do. */
        end = snap_end (folded, len, end, b <= end ? b : start);
    } else if (max_bytes && len > max_bytes) {
        end = snap_end (folded, len, max_bytes, 0);
    }
    if (end <= start && start < len) {
        /* A character longer than MAX_BYTES: keep it whole. */
        end = start + 1;
        while (end < len && is_continuation ((unsigned char) folded[end]))
            end++;
    }
    /* Do not open or close on the space a cut left. */
    while (start < end && folded[start] == ' ')
        start++;
    while (end > start && folded[end - 1] == ' ')
        end--;

    bool head = start > 0, tail = end < len;
    size_t out_len = (head ? ELLIPSIS_LEN : 0) + (end - start)
                     + (tail ? ELLIPSIS_LEN : 0);
    char *out = malloc (out_len + 1);
    saekin_span_t *sp = m.n ? malloc (m.n * sizeof *sp) : NULL;
    if (! out || (m.n && ! sp)) {
        free (out);
        free (sp);
        free (m.v);
        free (folded);
        return NULL;
    }
    size_t o = 0;
    if (head) {
        memcpy (out, ELLIPSIS, ELLIPSIS_LEN);
        o = ELLIPSIS_LEN;
    }
    memcpy (out + o, folded + start, end - start);
    if (tail)
        memcpy (out + o + (end - start), ELLIPSIS, ELLIPSIS_LEN);
    out[out_len] = '\0';

    size_t k = m.n ? make_spans (m.v, m.n, start, end, o, sp) : 0;
    if (k) {
        *spans = sp;
        *n_spans = k;
    } else {
        free (sp);
    }
    free (m.v);
    free (folded);
    return out;
}
