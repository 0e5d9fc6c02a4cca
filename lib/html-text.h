/* html-text.h - raw HTML inside a note as plain text.  Private to lib/. */
#ifndef SAEKIN_HTML_TEXT_H
#define SAEKIN_HTML_TEXT_H

#include <stddef.h>

/** Receives the text, a piece at a time. */
typedef void (*_saekin_html_out_fn) (void *ctx, const char *s, size_t n);

/** Hand the HTML S[0..N) to OUT as plain text: tags and comments removed,
 * a tag that breaks a line (<br>, <p>, <div>, <li>, <details>...) given as
 * BRK, a table cell's tag as a space, character references (&amp;, &#44032;,
 * &#xAC00;) decoded, invalid ones as U+FFFD; carriage returns dropped. */
void _saekin_html_text (const char *s, size_t n, char brk, _saekin_html_out_fn out,
                        void *ctx);

#endif
