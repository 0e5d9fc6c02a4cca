/* surface.c - the word as the notes write it for a stem of the index
 * (see surface.h).
 *
 * The passages holding the stem are read back (their stored text,
 * entry.h) and analysed again as the indexer did: a WORD token followed
 * by a STEM token at its position is a word with that stem.  A few
 * passages are enough: a stem comes from a handful of written forms
 * (create, creates, created, creating), most of them in its first
 * passages, and the one closest to what was typed is the one to show.
 * Only a correction is looked up this way: a few reads per query. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "document.h"
#include "entry.h"
#include "jamo.h"
#include "surface.h"

/* Passages read for one stem: the first may write only one form of it
 * (instances, groups, security), the next ones another (instance,
 * group, secure).  Reading goes on, up to the most, until a form as close
 * to what was typed as the caller asks turns up, and over at least the
 * fewest (subnett: subnet may follow subnets). */
#define SURFACE_PASSAGES_MIN 2
#define SURFACE_PASSAGES_MAX 16
/* Different written forms weighed at most. */
#define SURFACE_FORMS 16
#define KEYS_MAX      64

typedef struct {
    const char *stem;
    uint32_t typed[KEYS_MAX];
    size_t n_typed;
    unsigned max_dist;
    unsigned enough;                 /* a form this close may end the reading */
    char word[_SAEKIN_MAX_TERM + 1]; /* the last WORD token */
    unsigned word_pos;               /* and its position (0: none) */
    char *forms[SURFACE_FORMS];
    unsigned dists[SURFACE_FORMS];
    size_t counts[SURFACE_FORMS];
    size_t n_forms;
    size_t passages;
    bool failed;
} surface_t;

static void
add_form (surface_t *s, const char *word)
{
    for (size_t i = 0; i < s->n_forms; i++)
        if (strcmp (s->forms[i], word) == 0) {
            s->counts[i]++;
            return;
        }
    if (s->n_forms == SURFACE_FORMS)
        return;
    uint32_t keys[KEYS_MAX];
    size_t n = _saekin_jamo_keys (word, keys, KEYS_MAX);
    char *copy = strdup (word);
    if (! copy) {
        s->failed = true;
        return;
    }
    s->forms[s->n_forms] = copy;
    s->dists[s->n_forms] = n > KEYS_MAX ? s->max_dist + 1
                                        : _saekin_jamo_distance (s->typed, s->n_typed,
                                                                 keys, n, s->max_dist);
    s->counts[s->n_forms] = 1;
    s->n_forms++;
}

/* Whether form I is better to show than form J: closer to what was
 * typed; among equals the shorter, the base form (subnett: subnet, not
 * subnets), then the one written more often. */
static bool
closer (const surface_t *s, size_t i, size_t j)
{
    if (s->dists[i] != s->dists[j])
        return s->dists[i] < s->dists[j];
    size_t li = strlen (s->forms[i]), lj = strlen (s->forms[j]);
    if (li != lj)
        return li < lj;
    return s->counts[i] > s->counts[j];
}

static int
on_token (void *vctx, const _saekin_token_t *tok)
{
    surface_t *s = vctx;
    if (tok->kind == _SAEKIN_TOK_WORD) {
        snprintf (s->word, sizeof s->word, "%s", tok->term);
        s->word_pos = tok->pos;
    } else if (tok->kind == _SAEKIN_TOK_STEM && tok->pos == s->word_pos
               && strcmp (tok->term, s->stem) == 0)
        add_form (s, s->word);
    return s->failed;
}

static void
analyze (surface_t *s, const char *text)
{
    if (! text || ! *text || s->failed)
        return;
    s->word_pos = 0;
    if (_saekin_analyze (text, strlen (text), on_token, s) < 0)
        s->failed = true;
}

static int
on_passage (void *vctx, const char *data, size_t len)
{
    surface_t *s = vctx;
    char *file = NULL;
    _saekin_entry_t e;
    if (_saekin_entry_parse (data, len, &file, &e)) {
        /* All its fields as one text, one analysis (each costs a word
         * breaker of its own).  A note's first passage also holds the
         * words of its name: the file's, or for a README its folder's
         * (document.c). */
        char *name = NULL, *folder = NULL, *slash = strrchr (file, '/'), *dot;
        if (slash) {
            *slash = '\0';
            name = slash + 1;
            if ((dot = strrchr (name, '.')) && dot > name)
                *dot = '\0';
            folder = strrchr (file, '/');
            folder = folder ? folder + 1 : NULL;
        }
        const char *parts[] = { e.title, e.text, e.struck, name, folder };
        size_t total = 1;
        for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
            total += parts[i] ? strlen (parts[i]) + 1 : 0;
        for (size_t i = 0; i < e.n_heading; i++)
            total += strlen (e.heading[i]) + 1;
        char *all = malloc (total), *at = all;
        if (! all)
            s->failed = true;
        for (size_t i = 0; all && i < sizeof parts / sizeof *parts; i++)
            if (parts[i])
                at += sprintf (at, "%s\n", parts[i]);
        for (size_t i = 0; all && i < e.n_heading; i++)
            at += sprintf (at, "%s\n", e.heading[i]);
        analyze (s, all);
        free (all);
        _saekin_entry_clear (&e);
        free (file);
    }
    bool close = false;
    for (size_t i = 0; i < s->n_forms; i++)
        close = close || s->dists[i] <= s->enough;
    ++s->passages;
    return s->failed || (close && s->passages >= SURFACE_PASSAGES_MIN)
           || s->passages >= SURFACE_PASSAGES_MAX;
}

saekin_status_t
_saekin_surface_word (_saekin_xreader_t *r, const char *stem, const char *typed,
                      unsigned enough, unsigned max_dist, char **word, unsigned *dist)
{
    *word = NULL;
    *dist = max_dist + 1;
    surface_t *s = calloc (1, sizeof *s);
    char *term = malloc (strlen (_SAEKIN_PREFIX_STEM) + strlen (stem) + 1);
    if (! s || ! term) {
        free (s);
        free (term);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    strcpy (term, _SAEKIN_PREFIX_STEM);
    strcat (term, stem);
    s->stem = stem;
    s->max_dist = max_dist;
    s->enough = enough;
    s->n_typed = _saekin_jamo_keys (typed, s->typed, KEYS_MAX);
    if (s->n_typed > KEYS_MAX)
        s->n_typed = KEYS_MAX;
    saekin_status_t st = _saekin_xreader_each_with_term (r, term, on_passage, s);
    if (st == SAEKIN_STATUS_SUCCESS && s->failed)
        st = SAEKIN_STATUS_OUT_OF_MEMORY;
    size_t best = s->n_forms;
    for (size_t i = 0; i < s->n_forms; i++)
        if (best == s->n_forms || closer (s, i, best))
            best = i;
    if (st == SAEKIN_STATUS_SUCCESS && best < s->n_forms) {
        *word = s->forms[best];
        *dist = s->dists[best];
        s->forms[best] = NULL;
    }
    for (size_t i = 0; i < s->n_forms; i++)
        free (s->forms[i]);
    free (s);
    free (term);
    return st;
}
