/* termset.h - the analysed terms of a query that the snippets and the
 * other-name highlights mark.  The query builder fills a set, the
 * snippet maker reads it.  Private to lib/. */
#ifndef SAEKIN_TERMSET_H
#define SAEKIN_TERMSET_H

#include <stddef.h>

/** The analysed terms of a query that a snippet should highlight: every
 * term the analysis gives for the query words (surface words, stems,
 * bigrams), without field prefixes. */
typedef struct {
    size_t n;
    char **terms;   /* owned */
    size_t *slots;  /* hash index: 1 + the index of a term, 0 for none */
    size_t n_slots; /* a power of two, at least twice N; 0 when empty */
} _saekin_termset_t;

/** Index of TERM in SET (NULL: none), or -1. */
long _saekin_termset_find (const _saekin_termset_t *set, const char *term);
/** Add a copy of TERM to SET (ignored when already there).  0 or -1. */
int _saekin_termset_add (_saekin_termset_t *set, const char *term);
/** True when SET holds TERM. */
int _saekin_termset_has (const _saekin_termset_t *set, const char *term);
void _saekin_termset_clear (_saekin_termset_t *set);

#endif
