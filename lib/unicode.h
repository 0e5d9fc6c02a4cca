/* unicode.h - the one Unicode layer: every UTF-8 decode, validation,
 * normalisation and case fold in libsaekin goes through here, built on
 * ICU (U8_NEXT, u_strFromUTF8WithSub, the NFC and NFKC_Casefold
 * normalizers), as FTS5 has one READ_UTF8 and omega one Utf8Iterator.
 * A second decoder would be a second opinion on what is valid UTF-8;
 * saekin had seven, and they disagreed.  Private.
 *
 * What is valid: Unicode's well-formed UTF-8 -- no overlong forms, no
 * surrogates (ED A0..BF), nothing past U+10FFFF, no C0, C1, F5..FF lead
 * bytes.  An ill-formed sequence counts once for its maximal well-formed
 * prefix ("maximal subpart", as ICU and browsers replace it).
 *
 * The one fold is NFKC_Casefold: the analyser's terms and the
 * vocabulary's keys use it alike, so "ＫＭＳ", "Kms" and "KMS" are one
 * word everywhere. */
#ifndef SAEKIN_UNICODE_H
#define SAEKIN_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/utf8.h>
#include <unicode/utypes.h>

/** Decode the character at S[*I] (S holds LEN bytes, *I < LEN) and move
 * *I past it.  Returns the code point, or -1 for an ill-formed sequence
 * (then *I moves past its maximal subpart, at least one byte). */
static inline UChar32
_saekin_u8_next (const char *s, size_t len, size_t *i)
{
    const uint8_t *p = (const uint8_t *) s + *i;
    if (p[0] < 0x80) {
        (*i)++;
        return p[0];
    }
    /* U8_NEXT wants int32_t lengths; a character is at most 4 bytes. */
    int32_t j = 0, n = len - *i < 4 ? (int32_t) (len - *i) : 4;
    UChar32 c;
    U8_NEXT (p, j, n, c);
    *i += (size_t) j;
    return c < 0 ? -1 : c;
}

/** Offset of the first ill-formed sequence in the LEN bytes of S, or LEN
 * when they are all valid UTF-8. */
size_t _saekin_u8_invalid_at (const char *s, size_t len);

/** True when the LEN bytes of S are valid UTF-8. */
bool _saekin_u8_valid (const char *s, size_t len);

/** Convert LEN bytes of UTF-8 S to UTF-16 in DST (CAP units; LEN + 1 is
 * always enough), each ill-formed sequence replaced with U+FFFD, and
 * NUL-terminate it when there is room.  Returns the number of units, or
 * -1 when CAP is too small or LEN too large for ICU.  *N_BAD (when not
 * NULL) receives the number of replacements. */
int32_t _saekin_u8_to_u16 (const char *s, size_t len, UChar *dst, size_t cap,
                           size_t *n_bad);

/** NFC-normalise LEN bytes of UTF-8 TEXT, replacing ill-formed sequences
 * with U+FFFD.  Returns a malloc'd NUL-terminated string (length in
 * *OUT_LEN when not NULL) or NULL when out of memory.  *REPLACED (when
 * not NULL) receives how many ill-formed sequences were replaced. */
char *_saekin_normalize (const char *text, size_t len, size_t *out_len, size_t *replaced);

/** The one fold (NFKC_Casefold) of the N UTF-16 units SRC into DST (CAP
 * units; 18 * N is always enough, U+FDFA being the longest).  Returns
 * the folded length, or -1 when CAP is too small or ICU fails. */
int32_t _saekin_fold16 (const UChar *src, int32_t n, UChar *dst, int32_t cap);

/** The fold of LEN bytes of UTF-8 S (ill-formed sequences as U+FFFD),
 * as malloc'd NUL-terminated UTF-8 (length in *OUT_LEN when not NULL);
 * NULL when out of memory or ICU fails. */
char *_saekin_fold (const char *s, size_t len, size_t *out_len);

#endif
