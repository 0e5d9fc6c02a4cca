/* markdown.h - Markdown (cmark-gfm) to entries.  Private to lib/. */
#ifndef SAEKIN_MARKDOWN_H
#define SAEKIN_MARKDOWN_H

#include "entry.h"
#include "frontmatter.h"

/** Called for each problem the splitter meets (invalid UTF-8 replaced,
 * say): LINE is 1-based, 0 when unknown. */
typedef void (*_saekin_markdown_warn_fn) (void *ctx, unsigned line, const char *message);

/** Split the Markdown note TEXT (LEN bytes of valid NFC UTF-8: the caller
 * has already repaired encoding damage with _saekin_normalize(); a BOM and
 * CRLF line ends are fine) into
 * entries appended to OUT, in file order.  Titles, heading paths and
 * text are plain (markup and HTML tags stripped).
 * Safe to call from several threads (cmark-gfm is not: its parsing is
 * serialised inside).
 * Returns 0 on success, -1 when out of memory (OUT then holds what was
 * made so far; the caller clears it). */
int _saekin_markdown_split (const char *text, size_t len, _saekin_entry_list_t *out,
                            _saekin_markdown_warn_fn warn, void *warn_ctx);

/** As _saekin_markdown_split(), for a whole note: its front matter
 * (frontmatter.h) is read into META (zeroed by the caller, cleared with
 * _saekin_note_meta_clear()) instead of becoming a passage, a malformed
 * block is told to WARN and read as text, META's title heads every
 * entry's heading path (an entry of its own when the note has no
 * other), and the inline #tags of every entry are added to META's tags.
 * Returns 0, or -1 when out of memory. */
int _saekin_markdown_split_note (const char *text, size_t len, _saekin_entry_list_t *out,
                                 _saekin_note_meta_t *meta, _saekin_markdown_warn_fn warn,
                                 void *warn_ctx);

/** TEXT (LEN bytes of UTF-8 Markdown) rendered to HTML by cmark-gfm in
 * its safe mode: raw HTML left out and javascript:, vbscript:, file: and
 * data: link addresses dropped.  Thread-safe.  Malloc'd; NULL when out
 * of memory. */
char *_saekin_markdown_html (const char *text, size_t len);

/** Register cmark-gfm's extensions and make fork() safe for the parser
 * (done by the first split; call it before forking a process that will
 * parse).  Idempotent and thread-safe. */
void _saekin_markdown_init (void);

#endif
