/* jamo.h - words as the keys typed for them, for typo tolerance and for
 * completing a half-typed word.  Private to lib/.
 *
 * A Hangul syllable is cut into the letters a 2-beolsik keyboard types
 * for it, with compound vowels and finals split (과 -> ㄱ ㅗ ㅏ, 닭 ->
 * ㄷ ㅏ ㄹ ㄱ) and an initial consonant written with the same letter as
 * a final one.  So an edit distance over keys counts the jamo a person
 * mistyped (인증섯 / 인증서: one), and the keys of what the input method
 * shows while a word is being typed are a prefix of the word's keys
 * (그, 글 and ㄱ of 그룹; 앉 of 안전).  Latin letters are folded to lower
 * case; any other code point is its own key. */
#ifndef SAEKIN_JAMO_H
#define SAEKIN_JAMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Keys of the NUL-terminated UTF-8 WORD into OUT (room for CAP keys).
 * Returns how many keys WORD has, which may be more than CAP (only CAP
 * are then written); an invalid byte counts as one key of its own. */
size_t _saekin_jamo_keys (const char *word, uint32_t *out, size_t cap);

/** The edit distance between key strings A and B (insertions,
 * deletions, substitutions and swaps of two neighbours, one each), or
 * MAX + 1 when it is more than MAX (found without computing it all). */
unsigned _saekin_jamo_distance (const uint32_t *a, size_t na, const uint32_t *b,
                                size_t nb, unsigned max);

/** Whether key string P is a prefix of key string W. */
bool _saekin_jamo_is_prefix (const uint32_t *p, size_t np, const uint32_t *w, size_t nw);

/** How many precomposed Hangul syllables the UTF-8 WORD holds. */
size_t _saekin_hangul_syllables (const char *word);

/** The first code point of the NUL-terminated UTF-8 S and its length in
 * *LEN (U+FFFD for an ill-formed sequence, 0 at the end), decoded by
 * unicode.h. */
uint32_t _saekin_utf8_next (const char *s, size_t *len);

#endif
