/* note-guard.h - what one note may cost the indexer, checked before it
 * is parsed.  Private to lib/. */
#ifndef SAEKIN_NOTE_GUARD_H
#define SAEKIN_NOTE_GUARD_H

#include <stdbool.h>
#include <stddef.h>

/** Whether the note BUF (LEN bytes) is within what one note may cost to
 * parse: its size, its line count, and the width and rows of its
 * tables (cmark-gfm's memory grows with every table cell, its time with
 * the square of a table's width).  When it is not, *LINE receives the
 * line where a bound is passed and *WHY a malloc'd message ending in
 * "skipped" (the caller frees it; NULL when out of memory). */
bool _saekin_note_within_bounds (const char *buf, size_t len, unsigned *line, char **why);

/** Whether BUF (LEN bytes) looks like UTF-16 text: a byte-order mark,
 * or NUL bytes at every other place of its first bytes. */
bool _saekin_note_is_utf16 (const char *buf, size_t len);

#endif
