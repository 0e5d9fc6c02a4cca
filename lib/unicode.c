/* unicode.c - the one Unicode layer (see unicode.h): validation,
 * conversion to UTF-16, NFC and the NFKC_Casefold fold, all on ICU. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "unicode.h"

/* ASCII bytes from S[I] on, eight at a time: the bulk of a note. */
static size_t
skip_ascii (const char *s, size_t len, size_t i)
{
    while (len - i >= 8) {
        uint64_t w;
        memcpy (&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    while (i < len && (unsigned char) s[i] < 0x80)
        i++;
    return i;
}

size_t
_saekin_u8_invalid_at (const char *s, size_t len)
{
    size_t i = 0;
    while ((i = skip_ascii (s, len, i)) < len) {
        size_t at = i;
        if (_saekin_u8_next (s, len, &i) < 0)
            return at;
    }
    return len;
}

bool
_saekin_u8_valid (const char *s, size_t len)
{
    return _saekin_u8_invalid_at (s, len) == len;
}

int32_t
_saekin_u8_to_u16 (const char *s, size_t len, UChar *dst, size_t cap, size_t *n_bad)
{
    int32_t n = 0, subs = 0;
    UErrorCode err = U_ZERO_ERROR;
    if (n_bad)
        *n_bad = 0;
    if (len > (size_t) INT32_MAX - 1 || cap > (size_t) INT32_MAX)
        return -1;
    u_strFromUTF8WithSub (dst, (int32_t) cap, &n, s, (int32_t) len, 0xFFFD, &subs, &err);
    if (U_FAILURE (err))
        return -1;
    if (n_bad)
        *n_bad = (size_t) subs;
    return n;
}

/* A malloc'd NUL-terminated UTF-8 copy of the N units of U; NULL when
 * out of memory or ICU fails. */
static char *
u16_to_u8 (const UChar *u, int32_t n, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t n8 = 0;
    u_strToUTF8 (NULL, 0, &n8, u, n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (err))
        return NULL;
    char *out = malloc ((size_t) n8 + 1);
    if (! out)
        return NULL;
    err = U_ZERO_ERROR;
    u_strToUTF8 (out, n8 + 1, &n8, u, n, &err);
    if (U_FAILURE (err)) {
        free (out);
        return NULL;
    }
    out[n8] = '\0';
    if (out_len)
        *out_len = (size_t) n8;
    return out;
}

/* NORM applied to the N units of U, malloc'd (length in *OUT_N); NULL
 * when out of memory or ICU fails.  Normalising may grow a string (NFC a
 * little, NFKC_Casefold up to 18 times): preflight when the first guess
 * is short. */
static UChar *
normalize16 (const UNormalizer2 *norm, const UChar *u, int32_t n, int32_t *out_n)
{
    int32_t cap = n + 16;
    for (;;) {
        UChar *out = malloc ((size_t) cap * sizeof *out);
        if (! out)
            return NULL;
        UErrorCode err = U_ZERO_ERROR;
        int32_t got = unorm2_normalize (norm, u, n, out, cap, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) {
            free (out);
            if (got >= INT32_MAX - 1)
                return NULL;
            cap = got + 1;
            continue;
        }
        if (U_FAILURE (err)) {
            free (out);
            return NULL;
        }
        *out_n = got;
        return out;
    }
}

/* A malloc'd NUL-terminated copy of the LEN bytes of TEXT. */
static char *
copy (const char *text, size_t len, size_t *out_len)
{
    char *out = malloc (len + 1);
    if (! out)
        return NULL;
    if (len)
        memcpy (out, text, len);
    out[len] = '\0';
    if (out_len)
        *out_len = len;
    return out;
}

char *
_saekin_normalize (const char *text, size_t len, size_t *out_len, size_t *replaced)
{
    UErrorCode err = U_ZERO_ERROR;
    size_t n_bad = 0;

    if (replaced)
        *replaced = 0;
    if (! text)
        len = 0;
    /* Plain ASCII, the common case for much of a note, is NFC as it is. */
    if (skip_ascii (text, len, 0) == len)
        return copy (text, len, out_len);
    if (len > (size_t) INT32_MAX / 2)
        return NULL; /* beyond what ICU's int32_t lengths hold */

    const UNormalizer2 *nfc = unorm2_getNFCInstance (&err);
    UChar *u16 = malloc ((len + 1) * sizeof *u16);
    if (! u16 || U_FAILURE (err)) {
        free (u16);
        return NULL;
    }
    int32_t n16 = _saekin_u8_to_u16 (text, len, u16, len + 1, &n_bad);
    if (n16 < 0) {
        free (u16);
        return NULL;
    }
    if (replaced)
        *replaced = n_bad;
    if (n_bad == 0 && unorm2_quickCheck (nfc, u16, n16, &err) == UNORM_YES
        && U_SUCCESS (err)) {
        free (u16);
        return copy (text, len, out_len);
    }
    int32_t n_norm = 0;
    UChar *norm = normalize16 (nfc, u16, n16, &n_norm);
    free (u16);
    if (! norm)
        return NULL;
    char *out = u16_to_u8 (norm, n_norm, out_len);
    free (norm);
    return out;
}

int32_t
_saekin_fold16 (const UChar *src, int32_t n, UChar *dst, int32_t cap)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance (&err);
    if (U_FAILURE (err))
        return -1;
    int32_t got = unorm2_normalize (nfkc_cf, src, n, dst, cap, &err);
    return U_FAILURE (err) ? -1 : got;
}

char *
_saekin_fold (const char *s, size_t len, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance (&err);
    if (U_FAILURE (err) || len > (size_t) INT32_MAX / 2)
        return NULL;
    UChar *u16 = malloc ((len + 1) * sizeof *u16);
    if (! u16)
        return NULL;
    int32_t n16 = _saekin_u8_to_u16 (s, len, u16, len + 1, NULL), n_fold = 0;
    UChar *folded = n16 < 0 ? NULL : normalize16 (nfkc_cf, u16, n16, &n_fold);
    free (u16);
    if (! folded)
        return NULL;
    char *out = u16_to_u8 (folded, n_fold, out_len);
    free (folded);
    return out;
}
