/* fuzz-analyze.c - libFuzzer target for the analysis chain that indexing,
 * querying and highlighting share: any bytes are normalised, analysed
 * into tokens, and snippets are cut from them.  Checks the promises of
 * analyze.h and snippet.h: terms non-empty, valid UTF-8, at most
 * _SAEKIN_MAX_TERM bytes; byte ranges inside the text; positions that
 * never go back; highlights inside the snippet, in order, on character
 * boundaries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "fuzz-common.h"
#include "snippet.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
    const char *text;
    size_t len;
    unsigned last_pos;
    size_t n;
    _saekin_termset_t terms; /* a few terms to highlight */
} ctx_t;

static int
on_token (void *vctx, const _saekin_token_t *t)
{
    ctx_t *c = vctx;
    size_t n = strlen (t->term);
    fuzz_check (n > 0, "empty term");
    fuzz_check (n <= _SAEKIN_MAX_TERM, "term longer than _SAEKIN_MAX_TERM");
    fuzz_utf8 (t->term, "term");
    fuzz_check (t->start <= t->end && t->end <= c->len, "token range outside the text");
    fuzz_check (t->pos >= 1 && t->pos >= c->last_pos, "token position went back");
    fuzz_check (t->kind <= _SAEKIN_TOK_TERM, "unknown token kind");
    c->last_pos = t->pos;
    if (c->n++ % 7 == 0 && c->terms.n < 16)
        fuzz_check (_saekin_termset_add (&c->terms, t->term) == 0, "termset add failed");
    return 0;
}

static int
is_continuation (unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    size_t len = 0;
    char *text = _saekin_normalize ((const char *) data, size, &len, NULL);
    fuzz_check (text != NULL, "normalize failed");
    /* Text with a NUL never reaches the analyser (notes with one are
     * skipped, C strings end there), so analyse what comes before it. */
    len = strlen (text);
    ctx_t c = { text, len, 0, 0, { 0 } };
    fuzz_check (_saekin_analyze (text, len, on_token, &c) == 0, "analyze failed");
    /* Normalising is idempotent. */
    size_t len2 = 0;
    char *again = _saekin_normalize (text, len, &len2, NULL);
    fuzz_check (again && len2 == len && memcmp (again, text, len) == 0,
                "normalize is not idempotent");
    free (again);
    for (size_t max = 24; max <= 2400; max *= 100) {
        saekin_span_t *spans = NULL;
        size_t n_spans = 0;
        char *snip = _saekin_snippet_make (text, &c.terms, max, &spans, &n_spans);
        fuzz_check (snip != NULL, "snippet failed");
        fuzz_utf8 (snip, "snippet");
        size_t slen = strlen (snip);
        size_t at = 0;
        for (size_t i = 0; i < n_spans; i++) {
            fuzz_check (spans[i].start >= at && spans[i].start < spans[i].end
                            && spans[i].end <= slen,
                        "highlight out of order or range");
            fuzz_check (! is_continuation ((unsigned char) snip[spans[i].start])
                            && ! is_continuation ((unsigned char) snip[spans[i].end]),
                        "highlight cuts a character");
            at = spans[i].end;
        }
        free (spans);
        free (snip);
    }
    _saekin_termset_clear (&c.terms);
    free (text);
    return 0;
}
