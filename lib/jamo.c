/* jamo.c - words as the keys typed for them (see jamo.h). */
#include <stdlib.h>
#include <string.h>

#include "jamo.h"
#include "unicode.h"

#define SYLLABLE_FIRST 0xAC00u
#define SYLLABLE_LAST  0xD7A3u

/* Hangul Compatibility Jamo: the letters a keyboard types. */
static const uint16_t initials[19] = {
    0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
    0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
};
/* Index 0 is "no final". */
static const uint16_t finals[28] = {
    0,      0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A,
    0x313B, 0x313C, 0x313D, 0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145,
    0x3146, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
};
/* Compound letters, typed as two keys: 과 is ㄱ ㅗ ㅏ, 닭 is ㄷ ㅏ ㄹ ㄱ. */
static const struct {
    uint16_t letter, first, second;
} compounds[] = {
    { 0x3133, 0x3131, 0x3145 }, /* ㄳ */ { 0x3135, 0x3134, 0x3148 }, /* ㄵ */
    { 0x3136, 0x3134, 0x314E }, /* ㄶ */ { 0x313A, 0x3139, 0x3131 }, /* ㄺ */
    { 0x313B, 0x3139, 0x3141 }, /* ㄻ */ { 0x313C, 0x3139, 0x3142 }, /* ㄼ */
    { 0x313D, 0x3139, 0x3145 }, /* ㄽ */ { 0x313E, 0x3139, 0x314C }, /* ㄾ */
    { 0x313F, 0x3139, 0x314D }, /* ㄿ */ { 0x3140, 0x3139, 0x314E }, /* ㅀ */
    { 0x3144, 0x3142, 0x3145 }, /* ㅄ */ { 0x3158, 0x3157, 0x314F }, /* ㅘ */
    { 0x3159, 0x3157, 0x3150 }, /* ㅙ */ { 0x315A, 0x3157, 0x3163 }, /* ㅚ */
    { 0x315D, 0x315C, 0x3153 }, /* ㅝ */ { 0x315E, 0x315C, 0x3154 }, /* ㅞ */
    { 0x315F, 0x315C, 0x3163 }, /* ㅟ */ { 0x3162, 0x3161, 0x3163 }, /* ㅢ */
};

uint32_t
_saekin_utf8_next (const char *s, size_t *len)
{
    if (! *s) {
        *len = 0;
        return 0;
    }
    /* (a character is at most 4 bytes: no need to measure all of S) */
    size_t n = strnlen (s, 4), i = 0;
    UChar32 c = _saekin_u8_next (s, n, &i);
    *len = i;
    return c < 0 ? 0xFFFD : (uint32_t) c;
}

typedef struct {
    uint32_t *out;
    size_t cap;
    size_t n;
} keys_t;

static void
put (keys_t *k, uint32_t key)
{
    if (k->n < k->cap)
        k->out[k->n] = key;
    k->n++;
}

/* A letter, split when it is typed as two keys. */
static void
put_letter (keys_t *k, uint32_t letter)
{
    for (size_t i = 0; i < sizeof compounds / sizeof *compounds; i++)
        if (compounds[i].letter == letter) {
            put (k, compounds[i].first);
            put (k, compounds[i].second);
            return;
        }
    put (k, letter);
}

size_t
_saekin_jamo_keys (const char *word, uint32_t *out, size_t cap)
{
    keys_t k = { out, cap, 0 };
    size_t len;
    for (uint32_t cp; (cp = _saekin_utf8_next (word, &len)) != 0 || len; word += len) {
        if (cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST) {
            uint32_t s = cp - SYLLABLE_FIRST;
            put_letter (&k, initials[s / (21 * 28)]);
            put_letter (&k, 0x314F + (s / 28) % 21);
            if (s % 28)
                put_letter (&k, finals[s % 28]);
        } else if (cp >= 0x1100 && cp <= 0x1112) { /* conjoining initial */
            put_letter (&k, initials[cp - 0x1100]);
        } else if (cp >= 0x1161 && cp <= 0x1175) { /* conjoining vowel */
            put_letter (&k, 0x314F + (cp - 0x1161));
        } else if (cp >= 0x11A8 && cp <= 0x11C2) { /* conjoining final */
            put_letter (&k, finals[cp - 0x11A8 + 1]);
        } else if (cp >= 'A' && cp <= 'Z') {
            put (&k, cp + ('a' - 'A'));
        } else {
            put_letter (&k, cp);
        }
    }
    return k.n;
}

size_t
_saekin_hangul_syllables (const char *word)
{
    size_t n = 0, len;
    for (uint32_t cp; (cp = _saekin_utf8_next (word, &len)) != 0 || len; word += len)
        n += cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST;
    return n;
}

static size_t
min3 (size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Damerau's restricted distance (optimal string alignment) over three
 * rows, given up as soon as two rows in a row are all above MAX: no
 * later cell can come back under it. */
unsigned
_saekin_jamo_distance (const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                       unsigned max)
{
    if ((na > nb ? na - nb : nb - na) > max)
        return max + 1;
    size_t stack[3 * 65];
    size_t *mem = nb < 65 ? stack : malloc (3 * (nb + 1) * sizeof *mem);
    if (! mem)
        return max + 1;
    size_t *prev2 = mem, *prev = mem + nb + 1, *cur = mem + 2 * (nb + 1);
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    size_t prev_min = 0, result = max + 1;
    bool over = false;
    for (size_t i = 1; i <= na && ! over; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            cur[j] = min3 (prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        over = row_min > max && prev_min > max;
        prev_min = row_min;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    if (! over && prev[nb] <= max)
        result = prev[nb];
    if (mem != stack)
        free (mem);
    return (unsigned) result;
}

bool
_saekin_jamo_is_prefix (const uint32_t *p, size_t np, const uint32_t *w, size_t nw)
{
    return np <= nw && memcmp (p, w, np * sizeof *p) == 0;
}
