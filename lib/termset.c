/* termset.c - a small set of terms (the analysed words of one query, and
 * the other names it finds: tens of terms), an array with a hash index.
 * The snippet maker looks up every word of every passage shown, so a
 * lookup must not grow with the set. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "termset.h"

/* FNV-1a */
static size_t
hash (const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char) *s) * 1099511628211u;
    return (size_t) h;
}

/* The slot of TERM in SET's index: the one holding it, or the empty one
 * where it would go.  SET has slots. */
static size_t
slot_of (const _saekin_termset_t *set, const char *term)
{
    size_t mask = set->n_slots - 1, i = hash (term) & mask;
    while (set->slots[i] && strcmp (set->terms[set->slots[i] - 1], term) != 0)
        i = (i + 1) & mask;
    return i;
}

long
_saekin_termset_find (const _saekin_termset_t *set, const char *term)
{
    if (! set || ! set->n_slots)
        return -1;
    size_t s = set->slots[slot_of (set, term)];
    return s ? (long) (s - 1) : -1;
}

/* Index SET's terms anew in N_SLOTS slots (a power of two).  0 or -1. */
static int
reindex (_saekin_termset_t *set, size_t n_slots)
{
    size_t *slots = calloc (n_slots, sizeof *slots);
    if (! slots)
        return -1;
    free (set->slots);
    set->slots = slots;
    set->n_slots = n_slots;
    for (size_t i = 0; i < set->n; i++)
        set->slots[slot_of (set, set->terms[i])] = i + 1;
    return 0;
}

/* Add a copy of TERM to SET unless it is there already.  Returns 0, or
 * -1 when out of memory (SET is then unchanged). */
int
_saekin_termset_add (_saekin_termset_t *set, const char *term)
{
    if (_saekin_termset_find (set, term) >= 0)
        return 0;
    /* at most half full */
    if ((set->n + 1) * 2 > set->n_slots
        && reindex (set, set->n_slots ? set->n_slots * 2 : 16) < 0)
        return -1;
    char *copy = strdup (term);
    char **terms = realloc (set->terms, (set->n + 1) * sizeof *terms);
    if (! copy || ! terms) {
        free (copy);
        if (terms)
            set->terms = terms;
        return -1;
    }
    terms[set->n] = copy;
    set->terms = terms;
    set->slots[slot_of (set, copy)] = ++set->n;
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
    free (set->slots);
    memset (set, 0, sizeof *set);
}
