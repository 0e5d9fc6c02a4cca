/* analyze.h - one analysis of text into index terms, used alike by the
 * indexer, the query builder and the snippet highlighter.  Private. */
#ifndef SAEKIN_ANALYZE_H
#define SAEKIN_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>

/* _saekin_normalize(), which prepares the text, is the Unicode layer's. */
#include "unicode.h"

/** What kind of term a token carries; a word may yield several tokens at
 * the same position (the word, its stem, its Korean bigrams...). */
typedef enum {
    _SAEKIN_TOK_WORD = 0, /* the case-folded surface word: "cloudtrail", "인증서를" */
    _SAEKIN_TOK_STEM,     /* an English Snowball stem or a Korean noun with
                            * its particle/ending stripped: "instanc", "인증서" */
    _SAEKIN_TOK_PART,     /* a part of a compound word: "cloud", "trail" of
                            * "CloudTrail", "dead" of "dead-letter" */
    _SAEKIN_TOK_NGRAM,    /* a Hangul bigram, low-weight recall fallback */
    _SAEKIN_TOK_TERM,     /* a technical term written with punctuation
                            * ("c++", "c#", "n+1", ".net", "http/2", "3-way",
                            * "time_wait"): handed out before the words it
                            * covers (START..END spans them), at the first
                            * one's position, which they all share.  A query
                            * asks for it instead of those words. */
} _saekin_tok_kind_t;

typedef struct {
    const char *term; /* NUL-terminated, valid until the callback returns;
                            * never longer than _SAEKIN_MAX_TERM bytes */
    _saekin_tok_kind_t kind;
    unsigned pos; /* word position, from 1; tokens of one word share it */
    size_t start; /* byte range in the analysed text of what this */
    size_t end;   /* token matches (for highlights), END exclusive */
} _saekin_token_t;

/** Longest term handed out; Xapian's limit is 245 bytes with prefixes. */
#define _SAEKIN_MAX_TERM 200

/** Return non-zero to stop the analysis early. */
typedef int (*_saekin_token_fn) (void *ctx, const _saekin_token_t *token);

/** Analyse TEXT (LEN bytes of valid, NFC-normalised UTF-8): ICU word
 * breaking, case folding, English stems, Korean particle stripping and
 * bigrams.  Calls FN for every token in text order.  Returns 0, -1 when
 * out of memory or ICU fails, or FN's non-zero result. */
int _saekin_analyze (const char *text, size_t len, _saekin_token_fn fn, void *ctx);

#endif
