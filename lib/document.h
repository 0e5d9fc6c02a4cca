/* document.h - the terms an entry puts in the index: which fields, which
 * prefixes, which weights.  query.c asks for the same prefixes, so the two
 * files change together.  Private to lib/. */
#ifndef SAEKIN_DOCUMENT_H
#define SAEKIN_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "entry.h"
#include "frontmatter.h"
#include "xapian-shim.h"

/* Term prefixes, Xapian-style (capital letters).  Unprefixed terms are
 * body words. */
#define _SAEKIN_PREFIX_FILE   "Q" /* unique id of the note a document came from */
#define _SAEKIN_PREFIX_TITLE  "S" /* words of the entry's title */
#define _SAEKIN_PREFIX_STRUCK "X" /* struck-through words */
#define _SAEKIN_PREFIX_STEM   "Z" /* stems (English Snowball, Korean particle-stripped) */
#define _SAEKIN_PREFIX_NGRAM  "B" /* Hangul bigrams */
#define _SAEKIN_PREFIX_KEY    "K" /* a whole title (or a part of it) as one term */
#define _SAEKIN_PREFIX_PARENT "P" /* the same of the nearest heading above */
#define _SAEKIN_PREFIX_ASKED  "W" /* + a question group digit (question.h): what a
                                     * title asking it asks of ("정규화는 왜
                                     * 할까요?": W0 + "정규화") */
#define _SAEKIN_PREFIX_NAVIGATION "XN" /* alone: the entry is navigation (entry.h) */
#define _SAEKIN_PREFIX_PAIR   "XL" /* a learned pair: side, '\t', other side (pairs.h) */
#define _SAEKIN_PREFIX_TAG    "T" /* a tag of the note (tag:NAME), lower-cased */
#define _SAEKIN_PREFIX_PATH   "G" /* a folder or file name below the root (path:NAME) */

/** The terms of one document; the strings live in the list. */
typedef struct {
    _saekin_xterm_t *terms;
    size_t n;
    size_t cap;
    char *pool; /* term strings */
    size_t pool_len;
    size_t pool_cap;
} _saekin_termlist_t;

/** The prefix of the asked keys of question GROUP (question.h), written
 * into PREFIX (_SAEKIN_ASKED_PREFIX_SIZE bytes), which it returns. */
#define _SAEKIN_ASKED_PREFIX_SIZE 3
char *_saekin_document_asked_prefix (int group, char *prefix);

/** Fill OUT (empty, or left by _saekin_termlist_reset()) with every term
 * of ENTRY: FILE_TERM (its note's unique term), then title, heading, body
 * and struck text, with their positions and weights.  The term strings
 * live in OUT.  Returns 0, or -1 when out of memory. */
int _saekin_document_terms (const char *file_term, const _saekin_entry_t *entry,
                            _saekin_termlist_t *out);

/** Append to OUT (filled by _saekin_document_terms()) the terms one
 * entry of a note gets from the note: its tags (META), the names on
 * REL_PATH (the note's path below its root: "os/Deadlock.md" gives "os"
 * and "deadlock"), and, for the note's FIRST entry, its title and
 * aliases as title words and keys.  Returns 0, or -1 when out of
 * memory. */
int _saekin_document_note_terms (const _saekin_note_meta_t *meta, const char *rel_path,
                                 bool first, _saekin_termlist_t *out);

/** The path term of the name S[0..N) (a folder, or a file whose
 * extension is dropped): _SAEKIN_PREFIX_PATH + the name NFC-normalised
 * and ASCII lower-cased.  Malloc'd; NULL when out of memory or S is
 * empty. */
char *_saekin_document_path_term (const char *s, size_t n, bool is_file);

/** The key of TEXT: its words' stems (the words themselves when they
 * have none) joined by spaces, without the list number or the vendor
 * name ("AWS", "Amazon") they may start with, so that the title "1. AWS
 * Transit Gateway" and the query "transit gateways" have one key.
 * Returns a malloc'd string ("" when TEXT has no words), or NULL when
 * out of memory. */
char *_saekin_document_key (const char *text, size_t len);

/** Empty OUT but keep its memory for the next entry. */
void _saekin_termlist_reset (_saekin_termlist_t *out);

/** Free what OUT holds and leave it empty. */
void _saekin_termlist_clear (_saekin_termlist_t *out);

/** The unique term for the note at PATH: _SAEKIN_PREFIX_FILE + PATH, or +
 * a hash of it when PATH is too long for a Xapian term.  Malloc'd. */
char *_saekin_document_file_term (const char *path);

/** A 64-bit FNV-1a hash of LEN bytes at DATA: names long paths in terms
 * and tells changed notes from touched ones.  Not cryptographic. */
uint64_t _saekin_hash64 (const void *data, size_t len);

#endif
