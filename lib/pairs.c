/* pairs.c - finding the Korean-English term pairs a note writes.
 *
 * Korean study notes name a concept in both languages side by side:
 * 가용 영역(Availability Zone), Semaphores(세마포), 고가용성(HA), Global
 * Interpreter Lock (GIL), or a glossary table with one column each.
 * Only the shapes below count, and only when both sides are plain words
 * of one script, so f(x), (1), (2024), (예: ...) and a Korean aside in
 * parentheses after Korean text are not pairs.
 *
 * How far a side reaches back is the hard part: in "이때 파티션 키(Partition
 * Key)" the Korean side is two words.  The English side's word count (or
 * an acronym's letters) bounds it, and a word ending in a particle
 * (은/는/을/를...) ends it, since a name does not hold one. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "pairs.h"
#include "unicode.h"

/* A side holds at most this many words. */
#define MAX_KOREAN_WORDS  4
#define MAX_ENGLISH_WORDS 6
/* Parentheses further apart than this hold no name. */
#define MAX_INNER_BYTES 120

typedef enum { W_OTHER, W_HANGUL, W_LATIN } script_t;

typedef struct {
    const char *p;
    size_t n;
} span_t;

static bool
is_hangul (UChar32 c)
{
    return c >= 0xAC00 && c <= 0xD7A3;
}

static bool
is_ascii_letter (int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The script of the word S..S+N: all Hangul syllables, or ASCII letters
 * and digits (with inner hyphens) starting with a letter; else OTHER. */
static script_t
word_script (const char *s, size_t n)
{
    if (n == 0)
        return W_OTHER;
    if ((unsigned char) s[0] < 0x80) {
        if (! is_ascii_letter (s[0]))
            return W_OTHER;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char) s[i];
            bool ok = is_ascii_letter (c) || (c >= '0' && c <= '9')
                      || (c == '-' && i + 1 < n && s[i + 1] != '-');
            if (! ok)
                return W_OTHER;
        }
        return W_LATIN;
    }
    for (size_t i = 0; i < n;)
        if (! is_hangul (_saekin_u8_next (s, n, &i)))
            return W_OTHER;
    return W_HANGUL;
}

/* Split S..S+N at spaces into at most MAX words; returns their number, or
 * MAX + 1 when there are more. */
static size_t
split_words (const char *s, size_t n, span_t *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i == n)
            break;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (k == max)
            return max + 1;
        out[k].p = s + i;
        out[k].n = j - i;
        k++;
        i = j;
    }
    return k;
}

/* The script all words of a phrase share, or OTHER. */
static script_t
phrase_script (const span_t *w, size_t n)
{
    if (n == 0)
        return W_OTHER;
    script_t s = word_script (w[0].p, w[0].n);
    for (size_t i = 1; i < n && s != W_OTHER; i++)
        if (word_script (w[i].p, w[i].n) != s)
            s = W_OTHER;
    return s;
}

/* An acronym: one word of 2 to 8 characters, two or more capital letters
 * and no small one (KMS, HA, EC2). */
static bool
is_acronym (const char *s, size_t n)
{
    if (n < 2 || n > 8 || word_script (s, n) != W_LATIN)
        return false;
    size_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return false;
        caps += s[i] >= 'A' && s[i] <= 'Z';
    }
    return caps >= 2;
}

static bool
is_stopword (const char *s, size_t n)
{
    static const char *const stop[] = { "a",  "an", "the", "of", "and", "or",  "to",
                                        "in", "on", "for", "is", "are", "with", "by",
                                        "as", "at", "vs",  NULL };
    for (size_t i = 0; stop[i]; i++)
        if (strlen (stop[i]) == n && strncasecmp (stop[i], s, n) == 0)
            return true;
    return false;
}

/* Whether the Hangul word S..S+N ends in a particle or an ending that no
 * name ends in (it closes the phrase before a name). */
static bool
ends_in_particle (const char *s, size_t n)
{
    static const UChar32 endings[] = { 0xC740 /* 은 */, 0xB294 /* 는 */, 0xC744 /* 을 */,
                                       0xB97C /* 를 */, 0xC5D0 /* 에 */, 0xC758 /* 의 */,
                                       0xC640 /* 와 */, 0xACFC /* 과 */, 0xB3C4 /* 도 */,
                                       0xACE0 /* 고 */, 0xBA70 /* 며 */, 0xBA74 /* 면 */,
                                       0xB2E4 /* 다 */, 0xAC8C /* 게 */, 0xD55C /* 한 */,
                                       0xB41C /* 된 */, 0xD560 /* 할 */, 0xB420 /* 될 */,
                                       0xB358 /* 던 */, 0xB780 /* 란 */, 0xBC0F /* 및 */,
                                       0xC989 /* 즉 */ };
    /* the last syllable (word_script() said: all Hangul, 3 bytes each) */
    size_t i = n - 3;
    UChar32 c = _saekin_u8_next (s, n, &i);
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++)
        if (c == endings[k])
            return true;
    return false;
}

/* Walk back from END (exclusive) over the words before it in LINE: fill
 * OUT (last word first) with at most MAX words of script S, stopping at
 * anything else.  Returns how many. */
static size_t
words_before (const char *line, const char *end, script_t s, span_t *out, size_t max)
{
    size_t k = 0;
    const char *p = end;
    while (k < max) {
        const char *q = p;
        while (q > line && q[-1] == ' ')
            q--;
        if (q == line || (k == 0 && p - q > 1))
            break;
        const char *b = q;
        while (b > line && b[-1] != ' ' && b[-1] != '\t')
            b--;
        if (word_script (b, (size_t) (q - b)) != s)
            break;
        out[k].p = b;
        out[k].n = (size_t) (q - b);
        k++;
        p = b;
        if (b > line && b[-1] == '\t')
            break;
    }
    return k;
}

/* Call FN with the phrase of words W[0..N) (in text order) as one side. */
static int
emit (_saekin_pair_fn fn, void *ctx, const char *a, size_t na, const char *b, size_t nb)
{
    char *s = malloc (na + nb + 2);
    if (! s)
        return 0; /* out of memory: the pair is lost, the note is not */
    memcpy (s, a, na);
    s[na] = '\0';
    memcpy (s + na + 1, b, nb);
    s[na + 1 + nb] = '\0';
    int r = fn (ctx, s, s + na + 1);
    free (s);
    return r;
}

/* Whether the Hangul word S..S+N is a verb's modifier (사용하는, 저장된,
 * 읽을): the noun after it is a generic head ("사용하는 방식"), not a
 * name. */
static bool
is_modifier (const char *s, size_t n)
{
    static const char *const endings[] = { "하는", "되는", "있는", "없는", "하던",
                                           "한",   "된",   "할",   "될",   "던",
                                           NULL };
    for (size_t i = 0; endings[i]; i++) {
        size_t m = strlen (endings[i]);
        if (n >= m && memcmp (s + n - m, endings[i], m) == 0)
            return true;
    }
    return false;
}

/* The Korean words before an English name: as many as the name has words
 * (letters, for an acronym), fewer when one ends in a particle; none when
 * a verb's modifier stands right before them. */
static size_t
korean_reach (const span_t *before, size_t n_before, size_t want)
{
    if (want > MAX_KOREAN_WORDS)
        want = MAX_KOREAN_WORDS;
    size_t k = 0;
    while (k < n_before && k < want) {
        if (k > 0 && ends_in_particle (before[k].p, before[k].n))
            return is_modifier (before[k].p, before[k].n) ? 0 : k;
        k++;
    }
    return k;
}

/* The English words before a Korean term: the adjacent one, and more of
 * the same capitalisation up to WANT. */
static size_t
english_reach (const span_t *before, size_t n_before, size_t want)
{
    if (n_before == 0 || is_stopword (before[0].p, before[0].n))
        return 0;
    bool upper = before[0].p[0] >= 'A' && before[0].p[0] <= 'Z';
    /* Capitalised names may take a word more than the Korean side has
     * (Critical Section(임계영역)); lower-case prose may not. */
    if (! upper && want > 1)
        want--;
    size_t k = 1;
    while (k < n_before && k < want) {
        const span_t *w = &before[k];
        if (is_stopword (w->p, w->n) || (w->p[0] >= 'A' && w->p[0] <= 'Z') != upper)
            break;
        k++;
    }
    return k;
}

/* How many of the words before an acronym (last first) spell it by their
 * initials, stopwords allowed between them; 0 when they do not. */
static size_t
initials_reach (const span_t *before, size_t n_before, const char *acr, size_t n_acr)
{
    size_t letters = 0;
    for (size_t i = 0; i < n_acr; i++)
        letters += is_ascii_letter (acr[i]);
    if (letters < 2)
        return 0;
    size_t k = 0, want = n_acr;
    while (want > 0) {
        while (want > 0 && ! is_ascii_letter (acr[want - 1]))
            want--;
        if (want == 0)
            break;
        if (k >= n_before)
            return 0;
        if (k > 0 && is_stopword (before[k].p, before[k].n)) {
            k++;
            continue;
        }
        int c = before[k].p[0] | 0x20, a = acr[want - 1] | 0x20;
        if (c != a)
            return 0;
        k++;
        want--;
    }
    return k;
}

/* The pairs of one parenthesis: (P, Q) are the positions of '(' and ')'
 * in LINE. */
static int
paren_pairs (const char *line, const char *p, const char *q, _saekin_pair_fn fn,
             void *ctx)
{
    span_t inner[MAX_ENGLISH_WORDS + 1];
    size_t n_inner = split_words (p + 1, (size_t) (q - p - 1), inner, MAX_ENGLISH_WORDS);
    if (n_inner == 0 || n_inner > MAX_ENGLISH_WORDS)
        return 0;
    script_t s = phrase_script (inner, n_inner);
    if (s == W_OTHER)
        return 0;
    const char *in_p = inner[0].p;
    size_t in_n = (size_t) (inner[n_inner - 1].p + inner[n_inner - 1].n - in_p);
    span_t before[MAX_ENGLISH_WORDS];
    if (s == W_HANGUL) {
        if (n_inner > MAX_KOREAN_WORDS)
            return 0;
        size_t nb = words_before (line, p, W_LATIN, before, MAX_ENGLISH_WORDS);
        size_t k = english_reach (before, nb, n_inner + 1);
        if (k == 0)
            return 0;
        const char *b = before[k - 1].p;
        return emit (fn, ctx, in_p, in_n, b, (size_t) (before[0].p + before[0].n - b));
    }
    /* English inside: a Korean term before it, or (both English) a full
     * name and its acronym. */
    bool acronym = n_inner == 1 && is_acronym (in_p, in_n);
    size_t nb = words_before (line, p, W_HANGUL, before, MAX_KOREAN_WORDS);
    if (nb) {
        size_t letters = 0;
        for (size_t i = 0; acronym && i < in_n; i++)
            letters += is_ascii_letter (in_p[i]);
        size_t k = korean_reach (before, nb, acronym ? letters : n_inner);
        if (k == 0)
            return 0;
        const char *b = before[k - 1].p;
        return emit (fn, ctx, b, (size_t) (before[0].p + before[0].n - b), in_p, in_n);
    }
    nb = words_before (line, p, W_LATIN, before, MAX_ENGLISH_WORDS);
    if (nb == 0)
        return 0;
    if (acronym) {
        size_t k = initials_reach (before, nb, in_p, in_n);
        if (k < 2)
            return 0;
        const char *b = before[k - 1].p;
        return emit (fn, ctx, b, (size_t) (before[0].p + before[0].n - b), in_p, in_n);
    }
    /* GIL(Global Interpreter Lock): the acronym before, the name inside. */
    if (n_inner >= 2 && is_acronym (before[0].p, before[0].n)) {
        span_t rev[MAX_ENGLISH_WORDS];
        for (size_t i = 0; i < n_inner; i++)
            rev[i] = inner[n_inner - 1 - i];
        if (initials_reach (rev, n_inner, before[0].p, before[0].n) == n_inner)
            return emit (fn, ctx, in_p, in_n, before[0].p, before[0].n);
    }
    return 0;
}

/* What a table cell holds: a short phrase of one script, or OTHER. */
static script_t
cell_script (const char *p, size_t n, span_t *phrase)
{
    span_t w[MAX_ENGLISH_WORDS + 1];
    size_t k = split_words (p, n, w, MAX_ENGLISH_WORDS);
    if (k == 0 || k > MAX_ENGLISH_WORDS)
        return W_OTHER;
    script_t s = phrase_script (w, k);
    if (s == W_HANGUL && k > MAX_KOREAN_WORDS)
        return W_OTHER;
    phrase->p = w[0].p;
    phrase->n = (size_t) (w[k - 1].p + w[k - 1].n - w[0].p);
    return s;
}

/* A glossary row: exactly one cell a Hangul term and one an English
 * name, side by side.  A row of several English cells ("방식 | Linked
 * List | Red Black Tree") compares things and names none of them. */
static int
row_pairs (const char *line, size_t n, _saekin_pair_fn fn, void *ctx)
{
    const char *end = line + n, *cell = line;
    size_t i = 0, ko_at = 0, en_at = 0, n_ko = 0, n_en = 0;
    span_t ko = { 0 }, en = { 0 }, phrase;
    if (! memchr (line, '\t', n))
        return 0;
    for (const char *p = line; p <= end; p++) {
        if (p < end && *p != '\t')
            continue;
        if (p > cell) {
            script_t s = cell_script (cell, (size_t) (p - cell), &phrase);
            if (s == W_HANGUL) {
                ko = phrase;
                ko_at = i;
                n_ko++;
            } else if (s == W_LATIN) {
                en = phrase;
                en_at = i;
                n_en++;
            }
            i++;
        }
        cell = p + 1;
    }
    if (n_ko != 1 || n_en != 1 || (ko_at + 1 != en_at && en_at + 1 != ko_at))
        return 0;
    return emit (fn, ctx, ko.p, ko.n, en.p, en.n);
}

static int
line_pairs (const char *line, size_t n, _saekin_pair_fn fn, void *ctx)
{
    const char *end = line + n;
    int r = 0;
    for (const char *p = line; p < end && ! r; p++) {
        if (*p != '(')
            continue;
        const char *q = p + 1;
        while (q < end && q - p <= MAX_INNER_BYTES && *q != ')' && *q != '(' && *q != '\t')
            q++;
        if (q < end && *q == ')')
            r = paren_pairs (line, p, q, fn, ctx);
    }
    return r ? r : row_pairs (line, n, fn, ctx);
}

int
_saekin_pairs_find (const char *text, size_t len, _saekin_pair_fn fn, void *ctx)
{
    const char *p = text, *end = text + len;
    int r = 0;
    while (p < end && ! r) {
        const char *nl = memchr (p, '\n', (size_t) (end - p));
        if (! nl)
            nl = end;
        r = line_pairs (p, (size_t) (nl - p), fn, ctx);
        p = nl + 1;
    }
    return r;
}

typedef struct {
    char *out;
    size_t len, cap;
    bool failed;
} keybuf_t;

static int
on_word (void *vctx, const _saekin_token_t *tok)
{
    keybuf_t *k = vctx;
    if (tok->kind != _SAEKIN_TOK_WORD)
        return 0;
    size_t n = strlen (tok->term);
    if (k->len + n + 2 > k->cap) {
        size_t cap = (k->len + n + 2) * 2;
        char *p = realloc (k->out, cap);
        if (! p) {
            k->failed = true;
            return 1;
        }
        k->out = p;
        k->cap = cap;
    }
    if (k->len)
        k->out[k->len++] = ' ';
    memcpy (k->out + k->len, tok->term, n);
    k->len += n;
    k->out[k->len] = '\0';
    return 0;
}

char *
_saekin_pairs_key (const char *text, size_t len)
{
    keybuf_t k = { 0 };
    if (_saekin_analyze (text, len, on_word, &k) < 0 || k.failed) {
        free (k.out);
        return NULL;
    }
    return k.out ? k.out : strdup ("");
}
