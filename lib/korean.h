/* korean.h - Korean word analysis: particles and endings, bigrams.
 * Private to lib/; used by analyze.c. */
#ifndef SAEKIN_KOREAN_H
#define SAEKIN_KOREAN_H

#include <stdbool.h>
#include <stddef.h>

/** Length in bytes of the stem of the Hangul word WORD (LEN bytes of NFC
 * UTF-8) once a trailing particle or ending (을, 를, 에서, 으로는, 입니다...)
 * is stripped; LEN when nothing is stripped.  Never strips the whole word. */
size_t _saekin_korean_stem_len (const char *word, size_t len);

/** True when the Hangul word WORD (LEN bytes of NFC UTF-8) is, as a
 * whole, a particle or an ending ("을", "에서는", "입니다", "하는").  Such
 * a word written right after a Latin word or a number ("S3에",
 * "CloudTrail을") carries no meaning of its own. */
bool _saekin_korean_is_particle (const char *word, size_t len);

/** True when the code point CP is a precomposed Hangul syllable
 * (U+AC00..U+D7A3). */
static inline bool
_saekin_is_hangul_syllable (unsigned cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

#endif
