/* translit.c - English words a Hangul word may transcribe (translit.h).
 *
 * Both words become a string of sounds.  A consonant is its class, the
 * sounds Korean writes with one letter: K (ㄱ ㅋ; k, hard c and g, q), T
 * (ㄷ ㅌ; t, d), P (ㅂ ㅍ; p, b, f, v), S (ㅅ ㅈ ㅊ; s, z, j, ch, sh, th,
 * soft c and g), L (ㄹ; l, r), M, N (and ㅇ as a final: ng), H.  A stem's
 * last c or g, whose e the stemmer took, may be either (C, G).  A Korean
 * vowel is kept as which of it is; an English vowel letter as itself.
 * The costs (in twentieths of an edit) were set on a list of fifty
 * loanwords of the evaluation notes and checked on Korean words the
 * notes use rarely or never (tools/bench/translit-check.py). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "jamo.h"
#include "translit.h"

#define SYLLABLE_FIRST 0xAC00u
#define SYLLABLE_END   0xD7A4u
/* Longest word compared, in sounds. */
#define SOUNDS_MAX 48
#define FAR        1000u

/* Costs, in twentieths of an edit. */
enum {
    COST_CONSONANT = 20,   /* a consonant apart, or one more */
    COST_VOWEL_OTHER = 12, /* a vowel Korean would not write for that letter */
    COST_KO_VOWEL = 8,     /* a Korean vowel English has no letter for */
    COST_KO_EU = 2,        /* the ㅡ Korean puts between consonants (스, 트) */
    COST_EN_VOWEL = 6,     /* an English vowel letter Korean does not write (silent e) */
    COST_EN_GLIDE = 3,     /* y, w, h */
    COST_TAIL = 4,         /* a Korean tail the English stem lost */
    MARGIN = 6             /* how much better than any other family a guess must be */
};

/* The class of each initial consonant, ㄱ..ㅎ ('\0': ㅇ, no sound). */
static const char initial_class[19] = { 'K', 'K', 'N', 'T', 'T', 'L', 'M', 'P', 'P', 'S',
                                        'S', 0,   'S', 'S', 'S', 'K', 'T', 'P', 'H' };
/* The class of each final, none..ㅎ: ㅅ ends a syllable as t (넷, 셋). */
static const char final_class[28] = { 0,   'K', 'K', 'K', 'N', 'N', 'N', 'T', 'L', 'L',
                                      'L', 'L', 'L', 'L', 'L', 'L', 'M', 'P', 'P', 'T',
                                      'T', 'N', 'T', 'T', 'K', 'T', 'P', 0 };
/* The English vowel letters each Korean vowel (ㅏ..ㅣ) may stand for. */
static const char *const vowel_letters[21] = {
    "aou", "ae",  "aiy", "ae",   "aeiou", "eai", "eiyaou", "e", "oau", "aow", "aew",
    "ew",  "ouy", "uo",  "oauw", "ew",    "iew", "u",      "",  "i",   "iey",
};
#define VOWEL_EU 18 /* ㅡ */

/* A sound: a consonant class ('K'...), a Korean vowel (1 + its index,
 * below ' '), or an English vowel or glide letter ('a'...'y'). */
typedef unsigned char sound_t;

static bool
is_ko_vowel (sound_t s)
{
    return s >= 1 && s <= 21;
}

static bool
is_en_vowel (sound_t s)
{
    return s == 'a' || s == 'e' || s == 'i' || s == 'o' || s == 'u' || s == 'y'
           || s == 'w' || s == 'h';
}

/* Append S to OUT (N sounds so far, room for SOUNDS_MAX), a consonant
 * only once in a row (ㄹㄹ of 밸런서, ll of roll). */
static void
put (sound_t *out, size_t *n, sound_t s)
{
    if (*n && out[*n - 1] == s && s >= 'A' && s <= 'Z')
        return;
    if (*n < SOUNDS_MAX)
        out[(*n)++] = s;
}

/* The sounds of Hangul WORD into OUT; how many, 0 when WORD holds
 * anything but syllables or is too long. */
static size_t
hangul_sounds (const char *word, sound_t *out, size_t *syllables)
{
    size_t n = 0, len;
    *syllables = 0;
    for (uint32_t cp; (cp = _saekin_utf8_next (word, &len)) != 0; word += len) {
        if (cp < SYLLABLE_FIRST || cp >= SYLLABLE_END)
            return 0;
        unsigned c = cp - SYLLABLE_FIRST;
        unsigned i = c / 588, v = (c % 588) / 28, f = c % 28;
        if (initial_class[i])
            put (out, &n, (sound_t) initial_class[i]);
        put (out, &n, (sound_t) (1 + v));
        if (final_class[f])
            put (out, &n, (sound_t) final_class[f]);
        ++*syllables;
    }
    return n < SOUNDS_MAX ? n : 0;
}

static bool
vowel_letter (char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* The sounds of the Latin STEM into OUT; how many, 0 when STEM holds
 * anything but a-z or is too long. */
static size_t
latin_sounds (const char *s, sound_t *out)
{
    size_t n = 0, len = strlen (s);
    for (size_t i = 0; i < len; i++) {
        char c = s[i], a = s[i + 1]; /* a: '\0' at the end */
        if (c < 'a' || c > 'z')
            return 0;
        if (vowel_letter (c) || c == 'w' || c == 'h') {
            put (out, &n, (sound_t) c);
            continue;
        }
        if ((c == 'c' || c == 's' || c == 't') && a == 'h') {
            put (out, &n, 'S'); /* cache's ch is 시 too */
            i++;
        } else if (c == 'p' && a == 'h') {
            put (out, &n, 'P');
            i++;
        } else if (c == 'c' && a == 'k') {
            put (out, &n, 'K');
            i++;
        } else if (c == 'x') {
            put (out, &n, 'K');
            put (out, &n, 'S');
        } else if (c == 't' && a == 'i' && vowel_letter (s[i + 2])) {
            put (out, &n, 'S'); /* -tion, -tial: 션, 셜 */
        } else if (c == 'c' || c == 'g') {
            if (c == 'g' && i > 0 && s[i - 1] == 'n' && ! vowel_letter (a))
                continue; /* ng: the ㅇ final, one N */
            put (out, &n,
                 a == 'e' || a == 'i' || a == 'y' ? 'S'
                 : a == '\0'                      ? (c == 'c' ? 'C' : 'G')
                                                  : 'K');
        } else if (c == 'r') {
            if (vowel_letter (a))
                put (out, &n, 'L'); /* r before a consonant is not written */
        } else {
            static const char from[] = "bdfjklmnpqstvz", to[] = "PTPSKLMNPKSTPS";
            const char *p = strchr (from, c);
            if (p)
                put (out, &n, (sound_t) to[p - from]);
        }
    }
    return n < SOUNDS_MAX ? n : 0;
}

static unsigned
substitute (sound_t k, sound_t e)
{
    if (is_ko_vowel (k)) {
        if (! is_en_vowel (e) || e == 'h')
            return FAR;
        return strchr (vowel_letters[k - 1], e) ? 0 : COST_VOWEL_OTHER;
    }
    if (is_en_vowel (e))
        return k == 'H' && e == 'h' ? 0 : FAR;
    if (k == e || ((e == 'C' || e == 'G') && (k == 'K' || k == 'S')))
        return 0;
    return COST_CONSONANT;
}

static unsigned
drop_korean (sound_t k)
{
    if (is_ko_vowel (k))
        return k == 1 + VOWEL_EU ? COST_KO_EU : COST_KO_VOWEL;
    return COST_CONSONANT;
}

static unsigned
drop_english (sound_t e)
{
    if (e == 'y' || e == 'w' || e == 'h')
        return COST_EN_GLIDE;
    return is_en_vowel (e) ? COST_EN_VOWEL : COST_CONSONANT;
}

/* Korean tails an English stem loses (-tion, -ing, -s, -ed, -ment,
 * -er...), as the sounds hangul_sounds() makes of them. */
static const char *const tails[] = { "션", "에이션", "레이션", "링", "닝", "킹",
                                     "팅", "싱",     "징",     "핑", "밍", "스",
                                     "즈", "드",     "먼트",   "티", "리", "러",
                                     "너", "서",     "터",     "어", "이", NULL };

#define TAILS_MAX 8

/* A Hangul word's sounds, with where a tail its English stem may have
 * lost could begin (tail_at: the number of sounds before it), found once
 * per word rather than once per stem compared. */
typedef struct {
    sound_t k[SOUNDS_MAX];
    size_t nk;
    size_t tail_at[TAILS_MAX];
    size_t n_tails;
} word_t;

/* WORD's sounds into W; false when WORD holds anything but syllables. */
static bool
word_of (const char *word, word_t *w)
{
    size_t syl;
    w->n_tails = 0;
    w->nk = hangul_sounds (word, w->k, &syl);
    for (size_t t = 0; w->nk && tails[t] && w->n_tails < TAILS_MAX; t++) {
        sound_t ts[SOUNDS_MAX];
        size_t nt = hangul_sounds (tails[t], ts, &syl);
        if (nt && nt < w->nk && memcmp (w->k + w->nk - nt, ts, nt) == 0)
            w->tail_at[w->n_tails++] = w->nk - nt;
    }
    return w->nk > 0;
}

static unsigned
cost_of (const word_t *w, const sound_t *e, size_t ne)
{
    const sound_t *k = w->k;
    size_t nk = w->nk;
    unsigned d[SOUNDS_MAX + 1][SOUNDS_MAX + 1]; /* no static: readers run in threads */
    d[0][0] = 0;
    for (size_t i = 0; i <= nk; i++)
        for (size_t j = 0; j <= ne; j++) {
            if (! i && ! j)
                continue;
            unsigned best = FAR * 4;
            if (i && d[i - 1][j] + drop_korean (k[i - 1]) < best)
                best = d[i - 1][j] + drop_korean (k[i - 1]);
            if (j && d[i][j - 1] + drop_english (e[j - 1]) < best)
                best = d[i][j - 1] + drop_english (e[j - 1]);
            if (i && j && d[i - 1][j - 1] + substitute (k[i - 1], e[j - 1]) < best)
                best = d[i - 1][j - 1] + substitute (k[i - 1], e[j - 1]);
            d[i][j] = best;
        }
    unsigned c = d[nk][ne];
    for (size_t t = 0; t < w->n_tails; t++)
        if (d[w->tail_at[t]][ne] + COST_TAIL < c)
            c = d[w->tail_at[t]][ne] + COST_TAIL;
    return c;
}

unsigned
_saekin_translit_cost (const char *word, const char *stem)
{
    word_t w;
    sound_t e[SOUNDS_MAX];
    size_t ne = latin_sounds (stem, e);
    return word_of (word, &w) && ne ? cost_of (&w, e, ne) : FAR * 4;
}

/* Whether syllable C (0-based from 가) is one that Sino-Korean and most
 * native words lack: a consonant with a bare ㅡ (스 트 드 크 프 브 즈
 * 츠 그 흐 르 므 느), any ㅋ but 쾌, 워 and 웨, or 테 페 데 레 태 패 대
 * 래 without a final. */
static bool
foreign_syllable (unsigned c)
{
    unsigned i = c / 588, v = (c % 588) / 28, f = c % 28;
    if (v == VOWEL_EU && f == 0 && i != 11 && i != 1 && i != 4 && i != 8 && i != 10
        && i != 13)
        return true;
    if (i == 15 && ! (v == 10 && f == 0))
        return true;
    if (v == 14 || v == 15)
        return true;
    return f == 0 && (v == 1 || v == 5) && (i == 16 || i == 17 || i == 3 || i == 5);
}

bool
_saekin_translit_loanlike (const char *word)
{
    size_t len, n = 0;
    bool foreign = false;
    for (uint32_t cp; (cp = _saekin_utf8_next (word, &len)) != 0; word += len, n++) {
        if (cp < SYLLABLE_FIRST || cp >= SYLLABLE_END)
            return false;
        unsigned c = cp - SYLLABLE_FIRST;
        unsigned i = c / 588, v = (c % 588) / 28, f = c % 28;
        /* Loanword spelling: the seven finals ㄱㄴㄹㅁㅂㅅㅇ, no tense
         * initial (ㄲ ㄸ ㅃ ㅆ ㅉ), no ㅚ or ㅢ. */
        if (! (f == 0 || f == 1 || f == 4 || f == 8 || f == 16 || f == 17 || f == 19
               || f == 21))
            return false;
        if (i == 1 || i == 4 || i == 8 || i == 10 || i == 13 || v == 11 || v == 19)
            return false;
        foreign |= foreign_syllable (c);
    }
    return n >= 3 && foreign;
}

/* Stems of one family: one starts the other, or they share five letters
 * (kubernet, kubernetes; replic, replica). */
static bool
same_family (const char *a, const char *b)
{
    size_t na = strlen (a), nb = strlen (b);
    return strncmp (a, b, na < nb ? na : nb) == 0
           || (na >= 5 && nb >= 5 && strncmp (a, b, 5) == 0);
}

typedef struct {
    word_t w;
    unsigned limit;
    /* The closest stems so far, closest first. */
    char *best[8];
    unsigned cost[8];
    size_t freq[8];
    size_t n;
    bool failed;
} scan_t;

static int
on_stem (void *vctx, const char *term, size_t freq)
{
    scan_t *s = vctx;
    const char *stem = term + strlen (_SAEKIN_PREFIX_STEM);
    size_t len = strlen (stem);
    if (len < 4)
        return 0;
    sound_t e[SOUNDS_MAX];
    size_t ne = latin_sounds (stem, e);
    /* Lengths too far apart cannot be close: skip the comparison. */
    if (! ne || ne > 2 * s->w.nk + 2 || 2 * ne + 2 < s->w.nk)
        return 0;
    unsigned c = cost_of (&s->w, e, ne);
    if (c > s->limit)
        return 0;
    size_t at = s->n;
    while (at > 0
           && (c < s->cost[at - 1] || (c == s->cost[at - 1] && freq > s->freq[at - 1])))
        at--;
    if (at >= 8)
        return 0;
    char *copy = strdup (stem);
    if (! copy) {
        s->failed = true;
        return 1;
    }
    if (s->n == 8)
        free (s->best[--s->n]);
    memmove (s->best + at + 1, s->best + at, (s->n - at) * sizeof *s->best);
    memmove (s->cost + at + 1, s->cost + at, (s->n - at) * sizeof *s->cost);
    memmove (s->freq + at + 1, s->freq + at, (s->n - at) * sizeof *s->freq);
    s->best[at] = copy;
    s->cost[at] = c;
    s->freq[at] = freq;
    s->n++;
    return 0;
}

saekin_status_t
_saekin_translit_find (_saekin_xreader_t *r, const char *word, size_t max,
                       _saekin_words_t *out)
{
    memset (out, 0, sizeof *out);
    if (max == 0 || ! _saekin_translit_loanlike (word))
        return SAEKIN_STATUS_SUCCESS;
    scan_t s = { 0 };
    if (! word_of (word, &s.w))
        return SAEKIN_STATUS_SUCCESS;
    /* A tenth of an edit per sound, and a third of an edit. */
    s.limit = (unsigned) (2 * s.w.nk + 6);
    saekin_status_t st = _saekin_xreader_terms_between (
        r, _SAEKIN_PREFIX_STEM "a", _SAEKIN_PREFIX_STEM "{", on_stem, &s);
    if (st == SAEKIN_STATUS_SUCCESS && s.failed)
        st = SAEKIN_STATUS_OUT_OF_MEMORY;
    /* The closest family, unless another is about as close. */
    size_t keep = 0;
    bool sure = st == SAEKIN_STATUS_SUCCESS && s.n > 0;
    for (size_t i = 1; sure && i < s.n; i++)
        if (! same_family (s.best[i], s.best[0]) && s.cost[i] < s.cost[0] + MARGIN)
            sure = false;
    if (sure) {
        out->words = calloc (max, sizeof *out->words);
        out->freqs = calloc (max, sizeof *out->freqs);
        if (! out->words || ! out->freqs) {
            free (out->words);
            free (out->freqs);
            memset (out, 0, sizeof *out);
            st = SAEKIN_STATUS_OUT_OF_MEMORY;
        }
    }
    for (size_t i = 0; i < s.n; i++) {
        if (sure && out->words && keep < max && same_family (s.best[i], s.best[0])) {
            out->words[keep] = s.best[i];
            out->freqs[keep++] = s.freq[i];
        } else {
            free (s.best[i]);
        }
    }
    out->n = keep;
    return st;
}
