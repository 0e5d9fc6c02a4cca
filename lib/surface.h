/* surface.h - the word as the notes write it for a stem of the index.
 * The index keeps only the stem of a word that has one (document.c), so
 * a correction found among the stems (spell.h) is shown as a word read
 * back from a passage that holds it: "instance", not Snowball's
 * "instanc".  Private to lib/. */
#ifndef SAEKIN_SURFACE_H
#define SAEKIN_SURFACE_H

#include "xapian-shim.h"

/** The word of the notes whose stem is STEM (an index stem, without its
 * prefix) that is closest to TYPED (the word as the user typed it,
 * case-folded) over keys (jamo.h), among equals the shorter, then the
 * more often written, read from the first passages holding STEM (a few, more until one
 * writes a form at most ENOUGH edits from TYPED).  *WORD gets a
 * malloc'd copy (the caller frees it), or NULL when those passages do
 * not write it; *DIST its distance from
 * TYPED (capped at MAX_DIST + 1).  Returns SUCCESS, the reader's failure,
 * or OUT_OF_MEMORY. */
saekin_status_t _saekin_surface_word (_saekin_xreader_t *r, const char *stem,
                                      const char *typed, unsigned enough,
                                      unsigned max_dist, char **word, unsigned *dist);

#endif
