/* translit.h - English words of the index that a Hangul word may be the
 * transcription of (로드 애버리지 for load average, 서브타입 for subtype),
 * for a query word the notes write only in English.  Private to lib/.
 *
 * Korean writes an English word by its sound, by the rules of the
 * National Institute of Korean Language: so both are read here as a
 * string of sounds (consonant classes and vowels) and compared by a
 * weighted edit distance in which what transcription keeps apart costs
 * much and what it blurs costs little (English vowels, the ㅡ Korean adds
 * between consonants, the r it drops before a consonant).  Only the
 * stems of the index are at hand (kubernet, averag), so a Korean tail
 * that English stemming drops (-스, -션, -링) is free. */
#ifndef SAEKIN_TRANSLIT_H
#define SAEKIN_TRANSLIT_H

#include <stdbool.h>

#include "spell.h"
#include "xapian-shim.h"

/** Whether WORD (NFC UTF-8) may be an English word written in Hangul:
 * three syllables or more, spelt only as loanword spelling allows (its
 * finals among ㄱㄴㄹㅁㅂㅅㅇ, no tense initial, no ㅚ or ㅢ), with at least
 * one syllable that Sino-Korean and most native words lack (스, 트, 크,
 * 프..., any ㅋ, 워, 웨, 테, 페...).  Most Korean words fail it. */
bool _saekin_translit_loanlike (const char *word);

/** What reading the Hangul WORD as the Latin STEM (lower-case a-z)
 * costs, in twentieths of an edit (0: they sound alike; 20: one
 * consonant apart); a large number when either is not of its script. */
unsigned _saekin_translit_cost (const char *word, const char *stem);

/** The Latin stems of the index that the Hangul WORD most likely
 * transcribes, at most MAX of one family (kubernet and kubernetes), into
 * OUT (empty; the caller clears it): nothing when WORD is not loanlike,
 * when no stem is close enough for its length, or when two unrelated
 * stems are about as close (an unsure guess is worse than none).
 * Returns SUCCESS (OUT possibly empty), or the reader's failure or
 * OUT_OF_MEMORY. */
saekin_status_t _saekin_translit_find (_saekin_xreader_t *r, const char *word, size_t max,
                                       _saekin_words_t *out);

#endif
