/* snippet.h - the part of an entry that best shows why it matched, with
 * the matched words marked.  Private to lib/. */
#ifndef SAEKIN_SNIPPET_H
#define SAEKIN_SNIPPET_H

#include <stddef.h>
#include "saekin.h"
#include "termset.h"


/** Make a snippet of about MAX_BYTES (cut at character boundaries, with
 * "…" where text was cut) from TEXT (NFC UTF-8), centred on the window
 * that holds the most distinct terms of TERMS, with newlines folded into
 * spaces.  Returns the malloc'd snippet and stores a malloc'd array of
 * highlight spans (byte offsets into the snippet) in *SPANS and its length
 * in *N_SPANS.  When nothing matches, the start of TEXT is used.  Returns
 * NULL when out of memory. */
char *_saekin_snippet_make (const char *text, const _saekin_termset_t *terms,
                            size_t max_bytes, saekin_span_t **spans, size_t *n_spans);

#endif
