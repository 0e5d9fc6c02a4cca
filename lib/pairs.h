/* pairs.h - the Korean-English term pairs that notes teach: 가용
 * 영역(Availability Zone), 교착상태(DeadLock), Global Interpreter Lock
 * (GIL), and two-column glossary tables.  Private to lib/.
 *
 * The indexer stores each pair a passage shows as two terms (one for each
 * direction, _SAEKIN_PREFIX_PAIR + side + '\t' + other side), so the
 * pairs follow the notes: a deleted note takes its pairs along, an
 * incremental update holds the same pairs as a clean build, and a term's
 * frequency says in how many passages the pair was seen. */
#ifndef SAEKIN_PAIRS_H
#define SAEKIN_PAIRS_H

#include <stddef.h>

/** Called for each pair found; A and B are the two sides as written
 * (NUL-terminated, valid until the call returns).  Return non-zero to
 * stop. */
typedef int (*_saekin_pair_fn) (void *ctx, const char *a, const char *b);

/** Find the pairs TEXT (LEN bytes of UTF-8, one block a line, table cells
 * separated by '\t') writes: a Hangul term followed by its English name
 * or acronym in parentheses, an English name followed by its Hangul term
 * in parentheses, a full English name followed by its acronym (or the
 * acronym by its full name) when the initials agree, and two adjacent
 * table cells of which one is Hangul and the other English.  Things
 * that only look like pairs -- f(x), (1), (2024), (예: ...) -- are not.
 * Returns 0, or FN's non-zero result. */
int _saekin_pairs_find (const char *text, size_t len, _saekin_pair_fn fn, void *ctx);

/** The form in which a side is stored and looked up: its words as the
 * analyser folds them, joined by single spaces.  Returns a malloc'd
 * string ("" when TEXT holds no word), or NULL when out of memory. */
char *_saekin_pairs_key (const char *text, size_t len);

#endif
