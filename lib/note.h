/* note.h - a passage of an indexed note rendered for a preview.
 * Private to lib/. */
#ifndef SAEKIN_NOTE_H
#define SAEKIN_NOTE_H

#include "saekin.h"
#include "xapian-shim.h"

/** The passage of FILE that starts at (else holds) LINE, or the whole
 * note when LINE is 0, read from disk and rendered to safe HTML
 * (_saekin_markdown_html()) in a malloc'd *HTML.  Only a FILE that R's
 * index holds is read.  Returns SUCCESS; FILE_ERROR with a malloc'd
 * *MESSAGE when FILE is not in the index, has no passage at LINE or
 * cannot be read; OUT_OF_MEMORY; or the reader's status. */
saekin_status_t _saekin_note_html (_saekin_xreader_t *r, const char *file, unsigned line,
                                   char **html, char **message);

#endif
