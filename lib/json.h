/* json.h - JSON output for entries and hits.  Private to lib/. */
#ifndef SAEKIN_JSON_H
#define SAEKIN_JSON_H

#include <stdio.h>
#include "entry.h"

/** Write S as a JSON string (with quotes) to OUT. */
void _saekin_json_string (FILE *out, const char *s);

/** ENTRY of note FILE as one JSON object on one line (no newline), the
 * form of saekin-index --dump-entries: file, line, end_line, title,
 * heading, text, struck, links, heading_links.  Malloc'd; NULL when out
 * of memory. */
char *_saekin_entry_json (const char *file, const _saekin_entry_t *entry);

#endif
