/* query.h - from what a person typed to a query tree and the terms to
 * highlight.  Private to lib/. */
#ifndef SAEKIN_QUERY_H
#define SAEKIN_QUERY_H

#include "qtree.h"
#include "saekin.h"
#include "snippet.h"
#include "vocabulary.h"
#include "xapian-shim.h"

/** What the query builder may consult; any member may be NULL. */
typedef struct {
    _saekin_xreader_t *reader;         /* term statistics, prefix* expansion */
    const _saekin_vocabulary_t *vocab; /* synonyms across languages */
    bool prefix;                       /* the last word is still being typed */
} _saekin_query_ctx_t;

/** Parse QUERY (UTF-8) -- words, "phrases", -excluded, OR, prefix*,
 * title:word -- into a tree (with CTX->prefix, the last word, when no
 * blank ends QUERY, also stands for the index words it may become) in *TREE (the caller frees it with
 * _saekin_qnode_free()) and add the analysed terms worth highlighting to
 * HIGHLIGHT.  Returns SUCCESS, BAD_QUERY with a malloc'd *ERROR when the
 * query holds nothing to search for or is not valid UTF-8, or
 * OUT_OF_MEMORY. */
saekin_status_t _saekin_query_build (const char *query, const _saekin_query_ctx_t *ctx,
                                     _saekin_qnode_t **tree, _saekin_termset_t *highlight,
                                     char **error);

#endif
