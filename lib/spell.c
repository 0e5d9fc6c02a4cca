/* spell.c - index words near a query word (see spell.h).
 *
 * Both searches read the stems of the index in one range of the term
 * list, the range that can hold an answer: Hangul stems for a Hangul
 * word, Latin stems for a Latin one, and for a completion only the stems
 * that start like the prefix (down to the initial consonant of its last
 * syllable: 글 may become 그룹, so every stem of 그, 글... is read).  The
 * comparison is over keys (jamo.h); a Xapian spelling table would
 * compare code points, where 인증서 and 인증섯 differ in a whole
 * syllable. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "document.h"
#include "jamo.h"
#include "spell.h"

/* A word of the index found in at most this many passages, one edit
 * from a query word found in more, may be the notes' misspelling of it. */
#define MISSPELT_MAX 3
/* A query word found in at most this many passages may be a typo for a
 * word one edit away found in far more. */
#define RARE_FREQ 3
/* Longest word, in keys, that is corrected or completed. */
#define KEYS_MAX 64

#define SYLLABLE_FIRST 0xAC00u
#define SYLLABLE_END   0xD7A4u /* one past the last syllable */

void
_saekin_words_clear (_saekin_words_t *w)
{
    for (size_t i = 0; i < w->n; i++)
        free (w->words[i]);
    free (w->words);
    free (w->freqs);
    memset (w, 0, sizeof *w);
}

typedef struct {
    bool correct; /* correcting, else completing */
    bool written; /* correcting a word as typed against stems: only a
                   * prefix of it about a stem's length counts */
    uint32_t keys[KEYS_MAX];
    size_t n_keys;
    const char *self;
    size_t field_len; /* bytes of the term prefix before the word */
    unsigned max_edits;
    size_t own_freq;  /* correcting a word the index holds: its documents */
    size_t far_more;  /* and how many times more a typo's fix must hold */
    bool misspelt_ok; /* whether rarer words may be the notes' misspellings */
    size_t max;
    char **words; /* the best so far, best first */
    size_t *freqs;
    unsigned *dists;
    size_t n;
    bool failed;
} scan_t;

static bool
better (const scan_t *s, unsigned da, size_t fa, unsigned db, size_t fb)
{
    if (s->correct && da != db)
        return da < db;
    return fa > fb;
}

/* Keep WORD among the best S->max. */
static void
keep (scan_t *s, const char *word, size_t freq, unsigned dist)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp (s->words[i], word) == 0) {
            /* Titles "보안 그룹" and "보안 그룹 규칙" both count for 그룹. */
            s->freqs[i] += s->correct ? 0 : freq;
            for (; i > 0
                   && better (s, s->dists[i], s->freqs[i], s->dists[i - 1],
                              s->freqs[i - 1]);
                 i--) {
                char *w = s->words[i];
                size_t f = s->freqs[i];
                unsigned d = s->dists[i];
                s->words[i] = s->words[i - 1];
                s->freqs[i] = s->freqs[i - 1];
                s->dists[i] = s->dists[i - 1];
                s->words[i - 1] = w;
                s->freqs[i - 1] = f;
                s->dists[i - 1] = d;
            }
            return;
        }
    size_t at = s->n;
    while (at > 0 && better (s, dist, freq, s->dists[at - 1], s->freqs[at - 1]))
        at--;
    if (at >= s->max)
        return;
    char *copy = strdup (word);
    if (! copy) {
        s->failed = true;
        return;
    }
    if (s->n == s->max)
        free (s->words[--s->n]);
    memmove (s->words + at + 1, s->words + at, (s->n - at) * sizeof *s->words);
    memmove (s->freqs + at + 1, s->freqs + at, (s->n - at) * sizeof *s->freqs);
    memmove (s->dists + at + 1, s->dists + at, (s->n - at) * sizeof *s->dists);
    s->words[at] = copy;
    s->freqs[at] = freq;
    s->dists[at] = dist;
    s->n++;
    /* Only the closest are kept: nothing further need be measured. */
    if (s->correct && ! s->written)
        s->max_edits = s->dists[0];
}

/* The initial consonant of each syllable of WORD (Hangul) into OUT,
 * their number; other code points as they are. */
static size_t
initials_of (const char *word, uint32_t *out, size_t cap)
{
    size_t n = 0, len;
    for (uint32_t cp; (cp = _saekin_utf8_next (word, &len)) != 0; word += len, n++)
        if (n < cap)
            out[n] = cp >= SYLLABLE_FIRST && cp < SYLLABLE_END
                         ? (cp - SYLLABLE_FIRST) / (21 * 28)
                         : cp;
    return n;
}

/* Whether WORD, one edit from the query's RIGHT, looks like a slip in
 * writing it rather than another word: for Hangul, the same syllables
 * with the same first consonants (트렌잭션, 과부화, 복제복; not 인스턴트
 * for 인스턴스); for Latin, no letter more (acess; not transmit). */
static bool
slip_of (const char *word, const char *right)
{
    uint32_t a[KEYS_MAX], b[KEYS_MAX];
    size_t na = initials_of (word, a, KEYS_MAX), nb = initials_of (right, b, KEYS_MAX);
    if (_saekin_hangul_syllables (right))
        return na == nb && na <= KEYS_MAX && memcmp (a, b, na * sizeof *a) == 0;
    return strlen (word) <= strlen (right);
}

static int
on_term (void *vctx, const char *term, size_t freq)
{
    scan_t *s = vctx;
    char word[_SAEKIN_MAX_TERM + 1];
    /* A key term ("Kvisibl timeout") stands for its first word only. */
    snprintf (word, sizeof word, "%s", term + s->field_len);
    word[strcspn (word, " ")] = '\0';
    if (! *word || strcmp (word, s->self) == 0)
        return 0;
    /* A word the index holds rarely is corrected to one far more
     * frequent (the query's typo: 1 cloudtrial, 300 cloudtrail); a word
     * long enough to tell, to one found in a few passages only, fewer
     * than it, that looks like a slip (the notes' own misspelling: 과부화
     * beside 과부하). */
    if (s->own_freq && ! (s->own_freq <= RARE_FREQ && freq >= s->own_freq * s->far_more)
        && ! (s->misspelt_ok && freq <= MISSPELT_MAX && freq < s->own_freq
              && slip_of (word, s->self)))
        return 0;
    uint32_t keys[KEYS_MAX];
    size_t n = _saekin_jamo_keys (word, keys, KEYS_MAX);
    if (s->written) {
        /* securty against secur (security): the typed word's prefixes
         * of about the stem's length; the stem stands for longer words,
         * so it may be up to four keys shorter than the word, never
         * more than one longer.  A rough cut: the caller compares the
         * words written for these stems with the word typed. */
        if (n > KEYS_MAX || n + 4 < s->n_keys || n > s->n_keys + 1)
            return 0;
        unsigned d = s->max_edits + 1;
        for (size_t len = n > 1 ? n - 1 : 1; len <= n + 1 && len <= s->n_keys; len++) {
            unsigned dl = _saekin_jamo_distance (s->keys, len, keys, n, s->max_edits);
            if (dl < d)
                d = dl;
        }
        /* Ranked by that distance and by how much shorter than the word
         * the stem is beyond one key (lat is no stem of latncy). */
        if (d <= s->max_edits)
            keep (s, word, freq,
                  d + (s->n_keys > n + 1 ? (unsigned) (s->n_keys - n - 1) : 0));
    } else if (s->correct) {
        if (n > KEYS_MAX)
            return 0;
        unsigned d = _saekin_jamo_distance (s->keys, s->n_keys, keys, n, s->max_edits);
        if (d <= s->max_edits)
            keep (s, word, freq, d);
    } else if (_saekin_jamo_is_prefix (s->keys, s->n_keys, keys,
                                       n < KEYS_MAX ? n : KEYS_MAX)) {
        keep (s, word, freq, 0);
    }
    return s->failed;
}

static saekin_status_t
scan (_saekin_xreader_t *r, scan_t *s, const char *from, const char *to,
      _saekin_words_t *out)
{
    s->words = calloc (s->max + 1, sizeof *s->words);
    s->freqs = calloc (s->max + 1, sizeof *s->freqs);
    s->dists = calloc (s->max + 1, sizeof *s->dists);
    saekin_status_t st = SAEKIN_STATUS_OUT_OF_MEMORY;
    if (s->words && s->freqs && s->dists)
        st = _saekin_xreader_terms_between (r, from, to, on_term, s);
    if (st == SAEKIN_STATUS_SUCCESS && s->failed)
        st = SAEKIN_STATUS_OUT_OF_MEMORY;
    /* Corrections: only the closest. */
    size_t n = s->n;
    for (size_t i = 1; s->correct && ! s->written && i < s->n; i++)
        if (s->dists[i] != s->dists[0] && n == s->n)
            n = i;
    if (st == SAEKIN_STATUS_SUCCESS && n == 0) {
        /* Nothing found: nothing handed out, nothing for the caller to free. */
        free (s->words);
        free (s->freqs);
    } else if (st == SAEKIN_STATUS_SUCCESS) {
        out->words = s->words;
        out->freqs = s->freqs;
        out->n = n;
        s->words = NULL;
        s->freqs = NULL;
        for (size_t i = n; i < s->n; i++)
            free (out->words[i]);
    } else {
        for (size_t i = 0; i < s->n; i++)
            free (s->words[i]);
        free (s->words);
        free (s->freqs);
    }
    free (s->dists);
    return st;
}

/* The UTF-8 of CP into OUT (room for 5); its length. */
static size_t
put_utf8 (uint32_t cp, char *out)
{
    out[0] = (char) (0xE0 | (cp >> 12));
    out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char) (0x80 | (cp & 0x3F));
    out[3] = '\0';
    return 3;
}

/* Whether every code point of WORD is a Hangul syllable (HANGUL), or a
 * lower-case ASCII letter (! HANGUL). */
static bool
all_of (const char *word, bool hangul)
{
    size_t len;
    if (! *word)
        return false;
    for (uint32_t cp; (cp = _saekin_utf8_next (word, &len)) != 0; word += len) {
        bool ok = hangul ? cp >= SYLLABLE_FIRST && cp < SYLLABLE_END
                         : cp >= 'a' && cp <= 'z';
        if (! ok)
            return false;
    }
    return true;
}

unsigned
_saekin_spell_max_edits (const char *word)
{
    if (all_of (word, true)) {
        size_t n = _saekin_hangul_syllables (word);
        return n <= 1 ? 0 : n <= 3 ? 1 : 2;
    }
    if (all_of (word, false)) {
        size_t n = strlen (word);
        return n <= 3 ? 0 : n <= 7 ? 1 : 2;
    }
    return 0;
}

saekin_status_t
_saekin_spell_correct (_saekin_xreader_t *r, const char *word, size_t own_freq,
                       size_t far_more, size_t max, _saekin_words_t *out)
{
    memset (out, 0, sizeof *out);
    scan_t s = { .correct = true, .self = word, .max = max };
    s.field_len = strlen (_SAEKIN_PREFIX_STEM);
    s.max_edits = _saekin_spell_max_edits (word);
    s.n_keys = _saekin_jamo_keys (word, s.keys, KEYS_MAX);
    if (s.max_edits == 0 || s.n_keys > KEYS_MAX || max == 0)
        return SAEKIN_STATUS_SUCCESS;
    char from[16], to[16];
    size_t len;
    if (own_freq) {
        /* The word is known: only what one edit could make of it, among
         * the words starting as it does (the first syllable, the first
         * three letters), a short read. */
        s.max_edits = 1;
        s.own_freq = own_freq;
        s.far_more = far_more;
        bool hangul = all_of (word, true);
        s.misspelt_ok = hangul ? _saekin_hangul_syllables (word) >= 3
                               : strlen (word) >= 6;
        _saekin_utf8_next (word, &len);
        if (! hangul)
            len = 3;
        strcpy (from, _SAEKIN_PREFIX_STEM);
        memcpy (from + 1, word, len);
        from[1 + len] = '\0';
        strcpy (to, from);
        strcat (to, "\xFF");
    } else if (all_of (word, true)) {
        strcpy (from, _SAEKIN_PREFIX_STEM);
        put_utf8 (SYLLABLE_FIRST, from + 1);
        strcpy (to, _SAEKIN_PREFIX_STEM);
        put_utf8 (SYLLABLE_END, to + 1);
    } else {
        strcpy (from, _SAEKIN_PREFIX_STEM "a");
        strcpy (to, _SAEKIN_PREFIX_STEM "{"); /* '{' follows 'z' */
    }
    return scan (r, &s, from, to, out);
}

saekin_status_t
_saekin_spell_candidates (_saekin_xreader_t *r, const char *word, size_t max,
                          _saekin_words_t *out)
{
    memset (out, 0, sizeof *out);
    scan_t s = { .correct = true, .written = true, .self = word, .max = max };
    s.field_len = strlen (_SAEKIN_PREFIX_STEM);
    s.max_edits = _saekin_spell_max_edits (word);
    s.n_keys = _saekin_jamo_keys (word, s.keys, KEYS_MAX);
    if (s.max_edits == 0 || s.n_keys > KEYS_MAX || max == 0 || ! all_of (word, false))
        return SAEKIN_STATUS_SUCCESS;
    return scan (r, &s, _SAEKIN_PREFIX_STEM "a", _SAEKIN_PREFIX_STEM "{", out);
}

/* Index of the initial consonant of a syllable that the compatibility
 * letter CP can start, or -1. */
static int
initial_of_letter (uint32_t cp)
{
    static const uint16_t initials[19] = {
        0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
        0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    };
    for (int i = 0; i < 19; i++)
        if (initials[i] == cp)
            return i;
    /* The fold (NFKC) makes a lone ㄱ the conjoining ᄀ. */
    if (cp >= 0x1100 && cp <= 0x1112)
        return (int) (cp - 0x1100);
    return -1;
}

saekin_status_t
_saekin_spell_complete (_saekin_xreader_t *r, const char *field, const char *prefix,
                        size_t max, _saekin_words_t *out)
{
    memset (out, 0, sizeof *out);
    scan_t s = { .correct = false, .self = "", .max = max };
    s.n_keys = _saekin_jamo_keys (prefix, s.keys, KEYS_MAX);
    size_t plen = strlen (prefix), base = strlen (field);
    s.field_len = base;
    if (s.n_keys == 0 || s.n_keys > KEYS_MAX || max == 0
        || base + plen + 8 > _SAEKIN_MAX_TERM)
        return SAEKIN_STATUS_SUCCESS;
    /* The last code point and where it starts. */
    size_t last_at = 0, len;
    uint32_t last = 0;
    for (size_t at = 0; at < plen; at += len) {
        last = _saekin_utf8_next (prefix + at, &len);
        last_at = at;
    }
    int initial = last >= SYLLABLE_FIRST && last < SYLLABLE_END
                      ? (int) ((last - SYLLABLE_FIRST) / (21 * 28))
                      : initial_of_letter (last);
    char from[_SAEKIN_MAX_TERM + 8], to[_SAEKIN_MAX_TERM + 8];
    memcpy (from, field, base);
    if (initial >= 0) {
        /* Every syllable with that initial consonant: 가..깋 for ㄱ. */
        memcpy (from + base, prefix, last_at);
        memcpy (to, from, base + last_at);
        put_utf8 (SYLLABLE_FIRST + (uint32_t) initial * 21 * 28, from + base + last_at);
        put_utf8 (SYLLABLE_FIRST + (uint32_t) (initial + 1) * 21 * 28,
                  to + base + last_at);
    } else {
        memcpy (from + base, prefix, plen + 1);
        memcpy (to, from, base + plen);
        memcpy (to + base + plen, "\xFF", 2); /* after every UTF-8 follower */
    }
    return scan (r, &s, from, to, out);
}
