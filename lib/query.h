/* query.h - from what a person typed to a query tree and the terms to
 * highlight.  Private to lib/. */
#ifndef SAEKIN_QUERY_H
#define SAEKIN_QUERY_H

#include "qtree.h"
#include "saekin.h"
#include "snippet.h"
#include "vocabulary.h"
#include "xapian-shim.h"

/** A query word searched as another too (typo tolerance). */
typedef struct {
    char *typed;    /* the word as typed, case-folded */
    char *searched; /* what is shown as searched for it: a word as the notes
                     * write it, or "left right" for a joined typo */
    bool applied;   /* searched; else only a suggestion ("a phrase", title:) */
} _saekin_correction_t;

typedef struct {
    _saekin_correction_t *items;
    size_t n;
} _saekin_corrections_t;

void _saekin_corrections_clear (_saekin_corrections_t *c);

/** What the query builder may consult; any member may be NULL. */
typedef struct {
    _saekin_xreader_t *reader;         /* term statistics, prefix* expansion */
    const _saekin_vocabulary_t *vocab; /* synonyms across languages */
    bool prefix;                       /* the last word is still being typed */
    _saekin_corrections_t *corrections; /* out: the corrections made (with a
                                         * reader only), or NULL */
} _saekin_query_ctx_t;

/** Parse QUERY (UTF-8) -- words, "phrases", -excluded, OR, prefix*,
 * title:word -- into a tree (a word the index lacks, or holds far less
 * than a word one edit away, also stands, weaker, for the closest words
 * of the index: CTX->corrections; one the notes misspell, for that) (with CTX->prefix, the last word, when no
 * blank ends QUERY, also stands for the index words it may become) in *TREE (the caller frees it with
 * _saekin_qnode_free()) and add the analysed terms worth highlighting to
 * HIGHLIGHT.  Returns SUCCESS, BAD_QUERY with a malloc'd *ERROR when the
 * query holds nothing to search for or is not valid UTF-8, or
 * OUT_OF_MEMORY. */
saekin_status_t _saekin_query_build (const char *query, const _saekin_query_ctx_t *ctx,
                                     _saekin_qnode_t **tree, _saekin_termset_t *highlight,
                                     char **error);

#endif
