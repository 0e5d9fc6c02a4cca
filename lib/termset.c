/* termset.c - a small set of terms (few: the analysed words of one query),
 * kept as a plain array. */
#include <stdlib.h>
#include <string.h>

#include "termset.h"

/* Query term sets are small (tens of terms): a linear scan is the
 * fastest there is. */
long
_saekin_termset_find (const _saekin_termset_t *set, const char *term)
{
    if (! set)
        return -1;
    for (size_t i = 0; i < set->n; i++)
        if (strcmp (set->terms[i], term) == 0)
            return (long) i;
    return -1;
}

/* Add a copy of TERM to SET unless it is there already.  Returns 0, or
 * -1 when out of memory (SET is then unchanged). */
int
_saekin_termset_add (_saekin_termset_t *set, const char *term)
{
    if (_saekin_termset_find (set, term) >= 0)
        return 0;
    char *copy = strdup (term);
    char **terms = realloc (set->terms, (set->n + 1) * sizeof *terms);
    if (! copy || ! terms) {
        free (copy);
        if (terms)
            set->terms = terms;
        return -1;
    }
    terms[set->n++] = copy;
    set->terms = terms;
    return 0;
}

/** Non-zero when SET holds TERM. */
int
_saekin_termset_has (const _saekin_termset_t *set, const char *term)
{
    return _saekin_termset_find (set, term) >= 0;
}

/** Free the terms of SET and leave it empty (ready for reuse). */
void
_saekin_termset_clear (_saekin_termset_t *set)
{
    for (size_t i = 0; i < set->n; i++)
        free (set->terms[i]);
    free (set->terms);
    set->terms = NULL;
    set->n = 0;
}
