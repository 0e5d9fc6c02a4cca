/* note-guard.h - what one note may cost the indexer, checked before it
 * is parsed.  Private to lib/. */
#ifndef SAEKIN_NOTE_GUARD_H
#define SAEKIN_NOTE_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "entry.h"
#include "frontmatter.h"
#include "markdown.h"

/** Whether the note BUF (LEN bytes) is within what one note may cost to
 * parse: its size, its line count, and the width and rows of its
 * tables (cmark-gfm's memory grows with every table cell, its time with
 * the square of a table's width).  When it is not, *LINE receives the
 * line where a bound is passed and *WHY a malloc'd message ending in
 * "skipped" (the caller frees it; NULL when out of memory). */
bool _saekin_note_within_bounds (const char *buf, size_t len, unsigned *line, char **why);

/** Whether the note BUF (LEN bytes, within the bounds) may cost enough
 * to parse that _saekin_note_split() should parse it apart. */
bool _saekin_note_is_costly (const char *buf, size_t len);

/** _saekin_markdown_split_note() of TEXT into OUT and META, with WARN;
 * when COSTLY, in a child process with a memory and a time limit, so
 * that a parse that runs out of either (cmark-gfm then aborts) takes
 * only the child down.  Returns 0, -1 when out of memory, or -2 when the
 * child failed: *WHY then receives a malloc'd message ending in
 * "skipped" (caller frees; NULL when out of memory).  The limits:
 * MEMORY_MB more address space than the indexer has (the update
 * options' note memory), 60 s of CPU. */
int _saekin_note_split (const char *text, size_t len, bool costly, unsigned memory_mb,
                        _saekin_entry_list_t *out, _saekin_note_meta_t *meta,
                        _saekin_markdown_warn_fn warn, void *warn_ctx, char **why);

/** Whether BUF (LEN bytes) looks like UTF-16 text: a byte-order mark,
 * or NUL bytes at every other place of its first bytes. */
bool _saekin_note_is_utf16 (const char *buf, size_t len);

#endif
