/* note-guard.c - what one note may cost the indexer.
 *
 * cmark-gfm holds a whole note in memory as a tree, a table cell costing
 * about half a kilobyte and an ordinary byte about thirty; when malloc
 * fails it aborts the process, and with it every other note of the run.
 * Its table extension is also quadratic in a table's width.  So a note
 * is measured before it is parsed, in one pass over its lines, and one
 * past these bounds is skipped with a message naming the line.  The
 * bounds are far above any note of the evaluation corpus (largest: 190
 * KB, 1,550 lines, tables of 8 columns and 82 rows) and keep the worst
 * note accepted to some 60 MB. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "note-guard.h"

#define NOTE_MAX_BYTES         (2u * 1024 * 1024)
#define NOTE_MAX_LINES         50000u
#define NOTE_MAX_TABLE_COLUMNS 200u
#define NOTE_MAX_TABLE_CELLS   100000u

/* Whether the line [P, END) is a GFM table delimiter row (| --- | :-: |):
 * only '|', '-', ':' and blanks, at least one '|' and one '-'; its
 * number of cells (the parts holding a '-') in *COLUMNS. */
static bool
delimiter_row (const char *p, const char *end, unsigned *columns)
{
    unsigned cells = 0;
    bool pipe = false, dash_in_cell = false;
    for (; p < end; p++) {
        if (*p == '|') {
            pipe = true;
            cells += dash_in_cell;
            dash_in_cell = false;
        } else if (*p == '-') {
            dash_in_cell = true;
        } else if (*p != ':' && *p != ' ' && *p != '\t' && *p != '\r') {
            return false;
        }
    }
    cells += dash_in_cell;
    if (! pipe || cells == 0)
        return false;
    *columns = cells;
    return true;
}

static bool
blank (const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    return true;
}

static bool
refuse (char **why, unsigned *line, unsigned at, const char *fmt, unsigned long a,
        unsigned long b)
{
    *line = at;
    char *m = NULL;
    char text[200];
    snprintf (text, sizeof text, fmt, a, b);
    if (asprintf (&m, "%s: too costly to index, skipped", text) < 0)
        m = NULL;
    *why = m;
    return false;
}

bool
_saekin_note_within_bounds (const char *buf, size_t len, unsigned *line, char **why)
{
    *line = 0;
    *why = NULL;
    if (len > NOTE_MAX_BYTES)
        return refuse (why, line, 0, "%lu bytes (at most %lu)", (unsigned long) len,
                       NOTE_MAX_BYTES);
    const char *p = buf, *end = buf + len;
    unsigned n = 0;
    unsigned long cells = 0;
    unsigned columns = 0;    /* of the table being read, 0 outside one */
    unsigned table_line = 0; /* where it started */
    const char *prev = NULL, *prev_end = NULL;
    while (p < end) {
        const char *eol = memchr (p, '\n', (size_t) (end - p));
        if (! eol)
            eol = end;
        n++;
        if (n > NOTE_MAX_LINES)
            return refuse (why, line, n, "more than %lu lines", NOTE_MAX_LINES,
                           NOTE_MAX_LINES);
        unsigned w;
        if (columns && blank (p, eol)) {
            columns = 0;
        } else if (columns) {
            cells += columns;
        } else if (prev && memchr (prev, '|', (size_t) (prev_end - prev))
                   && delimiter_row (p, eol, &w)) {
            /* the line before is the header row */
            columns = w;
            table_line = n - 1;
            if (w > NOTE_MAX_TABLE_COLUMNS)
                return refuse (why, line, table_line,
                               "a table of %lu columns (at most %lu)", w,
                               NOTE_MAX_TABLE_COLUMNS);
            cells += 2ul * w;
        }
        if (cells > NOTE_MAX_TABLE_CELLS)
            return refuse (why, line, table_line,
                           "tables of more than %lu cells in one note",
                           NOTE_MAX_TABLE_CELLS, NOTE_MAX_TABLE_CELLS);
        prev = p;
        prev_end = eol;
        p = eol + 1;
    }
    return true;
}

bool
_saekin_note_is_utf16 (const char *buf, size_t len)
{
    const unsigned char *b = (const unsigned char *) buf;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return true;
    /* No mark: UTF-16 text of mostly ASCII (Markdown's syntax, English)
     * has a NUL in every other byte, on one side only. */
    size_t n = len < 512 ? len & ~(size_t) 1 : 512;
    if (n < 4)
        return false;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += b[i] == 0;
        odd += b[i + 1] == 0;
    }
    size_t pairs = n / 2;
    return (even * 10 >= pairs * 4 && odd == 0) || (odd * 10 >= pairs * 4 && even == 0);
}
