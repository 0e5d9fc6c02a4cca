/* spell.h - index words near a query word: corrections of a typo and
 * completions of a half-typed word, compared as keys (jamo.h).  Only the
 * stems of the index (_SAEKIN_PREFIX_STEM terms, which nearly every word
 * has) are looked at.  Private to lib/. */
#ifndef SAEKIN_SPELL_H
#define SAEKIN_SPELL_H

#include <stddef.h>

#include "xapian-shim.h"

/** Words of the index (stems without their prefix), best first. */
typedef struct {
    char **words;
    size_t *freqs; /* documents holding each */
    size_t n;
} _saekin_words_t;

void _saekin_words_clear (_saekin_words_t *w);

/** Most edits a correction of WORD (a case-folded stem) may be away: 0
 * for words too short to guess at, for numbers and for words mixing
 * scripts; 1 for short words (up to 3 Hangul syllables, 7 letters); 2
 * for longer ones. */
unsigned _saekin_spell_max_edits (const char *word);

/** The index words closest to WORD (a case-folded stem), within
 * _saekin_spell_max_edits(WORD) edits, at most MAX of them: those at the
 * smallest distance, the most frequent first, into OUT (empty; the
 * caller clears it).  With OWN_FREQ > 0 (WORD itself is in OWN_FREQ
 * documents), only words one edit away that start as WORD does (the
 * same first syllable, the same first three letters) count:
 * those in at least FAR_MORE times as many documents (WORD is a typo),
 * and, for words of 3 syllables or 6 letters and more, those in at most
 * three documents and fewer than WORD (a misspelling in the notes).
 * Returns SUCCESS (OUT possibly empty), or the reader's failure or
 * OUT_OF_MEMORY. */
saekin_status_t _saekin_spell_correct (_saekin_xreader_t *r, const char *word,
                                       size_t own_freq, size_t far_more, size_t max,
                                       _saekin_words_t *out);

/** Stems of the index that a Latin WORD as typed (case-folded, not
 * stemmed) may be a typo of a word of, for when its own stem is too far
 * from theirs (securty: securti, but secur for security): those that a
 * prefix of WORD about their length is within
 * _saekin_spell_max_edits(WORD) edits of, at most MAX, the likeliest
 * first (closest, then nearest WORD's length, then most frequent), into
 * OUT (empty; the caller clears it).  A rough cut: only the words the
 * notes write for them (surface.h) tell which are typos of WORD.
 * Returns SUCCESS (OUT possibly empty), or the reader's failure or
 * OUT_OF_MEMORY. */
saekin_status_t _saekin_spell_candidates (_saekin_xreader_t *r, const char *word,
                                          size_t max, _saekin_words_t *out);

/** The index words that PREFIX (case-folded, NFC) may become as the
 * user types on: their keys start with PREFIX's keys, so 글 and ㄱ reach
 * 그룹 and 앉 reaches 안전.  Looks at the terms that start with FIELD
 * (_SAEKIN_PREFIX_STEM for the words; a stem joined before, "Z보안", for
 * compounds; a key and a space, "K보안 ", for titles), and gives what
 * follows FIELD up to a space.  At most MAX, the most frequent first,
 * into OUT (empty; the caller clears it).  Returns SUCCESS (OUT possibly
 * empty), or the reader's failure or OUT_OF_MEMORY. */
saekin_status_t _saekin_spell_complete (_saekin_xreader_t *r, const char *field,
                                        const char *prefix, size_t max,
                                        _saekin_words_t *out);

#endif
