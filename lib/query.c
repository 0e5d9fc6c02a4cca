/* query.c - from what a person typed to a query tree.
 *
 * The query is cut into chunks at white space ("quoted phrases" are one
 * chunk); each chunk may be -excluded, title:restricted, a prefix* or the
 * operator OR.  Words go through the very analysis the indexer used
 * (analyze.c), so a query word meets its stems, parts and bigrams in the
 * index, and the same terms drive the highlighter.  Xapian's own
 * QueryParser is not used: its CJK handling in 1.4 matches unrelated
 * syllable pairs and throws on some mixed Korean/English queries. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "document.h"
#include "query.h"

/* How much a kind of match counts beside the exact word. */
#define SCALE_NGRAM 0.3
#define SCALE_STRUCK 0.2
#define SCALE_ALL_WORDS 2.0
#define SCALE_ADJACENT 1.0

/* ---- analysing one chunk ---- */

/* The tokens of one word position. */
typedef struct {
    char *word;            /* WORD term, or NULL */
    size_t n_alt;
    char **alt;            /* STEM (Z-prefixed) and PART terms */
    size_t n_ngram;
    char **ngram;          /* B-prefixed bigrams */
} qword_t;

typedef struct {
    qword_t *words;
    size_t n;
    size_t cap;
    unsigned last_pos;
    _saekin_termset_t *highlight;
    int failed;
} chunk_t;

static void
chunk_clear (chunk_t *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free (c->words[i].word);
        for (size_t j = 0; j < c->words[i].n_alt; j++)
            free (c->words[i].alt[j]);
        free (c->words[i].alt);
        for (size_t j = 0; j < c->words[i].n_ngram; j++)
            free (c->words[i].ngram[j]);
        free (c->words[i].ngram);
    }
    free (c->words);
    memset (c, 0, sizeof *c);
}

static int
push_str (char ***arr, size_t *n, const char *prefix, const char *s)
{
    char *v = NULL;
    if (asprintf (&v, "%s%s", prefix, s) < 0)
        return -1;
    for (size_t i = 0; i < *n; i++)
        if (strcmp ((*arr)[i], v) == 0) {
            free (v);
            return 0;
        }
    char **p = realloc (*arr, (*n + 1) * sizeof *p);
    if (! p) {
        free (v);
        return -1;
    }
    p[(*n)++] = v;
    *arr = p;
    return 0;
}

static int
on_query_token (void *vctx, const _saekin_token_t *tok)
{
    chunk_t *c = vctx;
    if (c->n == 0 || tok->pos != c->last_pos) {
        if (c->n == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 8;
            qword_t *w = realloc (c->words, cap * sizeof *w);
            if (! w)
                goto fail;
            c->words = w;
            c->cap = cap;
        }
        memset (&c->words[c->n++], 0, sizeof (qword_t));
        c->last_pos = tok->pos;
    }
    qword_t *w = &c->words[c->n - 1];
    int r = 0;
    switch (tok->kind) {
    case _SAEKIN_TOK_WORD:
        if (! w->word && ! (w->word = strdup (tok->term)))
            goto fail;
        break;
    case _SAEKIN_TOK_STEM:
        r = push_str (&w->alt, &w->n_alt, _SAEKIN_PREFIX_STEM, tok->term);
        break;
    case _SAEKIN_TOK_PART:
        r = push_str (&w->alt, &w->n_alt, "", tok->term);
        break;
    case _SAEKIN_TOK_NGRAM:
        r = push_str (&w->ngram, &w->n_ngram, _SAEKIN_PREFIX_NGRAM, tok->term);
        break;
    }
    if (r < 0 || (c->highlight && _saekin_termset_add (c->highlight, tok->term) < 0))
        goto fail;
    return 0;
fail:
    c->failed = 1;
    return -1;
}

static int
analyze_chunk (const char *text, size_t len, chunk_t *c, _saekin_termset_t *hl)
{
    memset (c, 0, sizeof *c);
    c->highlight = hl;
    char *norm = _saekin_normalize (text, len, NULL, NULL);
    if (! norm)
        return -1;
    int r = _saekin_analyze (norm, strlen (norm), on_query_token, c);
    free (norm);
    return r != 0 || c->failed ? -1 : 0;
}

/* ---- building clauses ---- */

/* TERM under the field PREFIX ("" for the body, "S" for titles). */
static _saekin_qnode_t *
field_term (const char *prefix, const char *term)
{
    char *t = NULL;
    if (asprintf (&t, "%s%s", prefix, term) < 0)
        return NULL;
    _saekin_qnode_t *n = _saekin_qnode_term (t, 1);
    free (t);
    return n;
}

/* One query word: its exact form and its stems as one synonym (a stem
 * match counts like the word, as Xapian's STEM_SOME does), with its
 * Hangul bigrams as a weaker fallback for spacing and compounds. */
static _saekin_qnode_t *
word_clause (const qword_t *w, const char *prefix)
{
    _saekin_qnode_t *syn = _saekin_qnode_new (_SAEKIN_Q_SYNONYM);
    if (! syn)
        return NULL;
    if (w->word && _saekin_qnode_add (syn, field_term (prefix, w->word)) < 0)
        goto fail;
    for (size_t i = 0; i < w->n_alt; i++)
        if (_saekin_qnode_add (syn, field_term (prefix, w->alt[i])) < 0)
            goto fail;
    if (*prefix == '\0' && w->word) {
        /* Struck-through text may answer too, far below anything else. */
        _saekin_qnode_t *sc = _saekin_qnode_new (_SAEKIN_Q_SCALE);
        if (! sc)
            goto fail;
        sc->scale = SCALE_STRUCK;
        if (_saekin_qnode_add (sc, field_term (_SAEKIN_PREFIX_STRUCK, w->word)) < 0
            || _saekin_qnode_add (syn, sc) < 0)
            goto fail;
    }
    if (w->n_ngram == 0)
        return syn;
    _saekin_qnode_t *grams = _saekin_qnode_new (_SAEKIN_Q_AND);
    _saekin_qnode_t *sc = _saekin_qnode_new (_SAEKIN_Q_SCALE);
    _saekin_qnode_t *top = _saekin_qnode_new (_SAEKIN_Q_OR);
    if (! grams || ! sc || ! top) {
        _saekin_qnode_free (grams);
        _saekin_qnode_free (sc);
        _saekin_qnode_free (top);
        goto fail;
    }
    for (size_t i = 0; i < w->n_ngram; i++)
        if (_saekin_qnode_add (grams, field_term (prefix, w->ngram[i])) < 0)
            break;
    sc->scale = SCALE_NGRAM;
    _saekin_qnode_add (sc, grams);
    if (_saekin_qnode_add (top, syn) < 0) {
        _saekin_qnode_free (sc);
        _saekin_qnode_free (top);
        return NULL;
    }
    if (_saekin_qnode_add (top, sc) < 0) {
        _saekin_qnode_free (top);
        return NULL;
    }
    return top;
fail:
    _saekin_qnode_free (syn);
    return NULL;
}

/* An exact phrase of the chunk's surface words. */
static _saekin_qnode_t *
phrase_clause (const chunk_t *c, const char *prefix, unsigned window)
{
    if (c->n == 1)
        return word_clause (&c->words[0], prefix);
    _saekin_qnode_t *ph = _saekin_qnode_new (_SAEKIN_Q_PHRASE);
    if (! ph)
        return NULL;
    ph->window = window;
    for (size_t i = 0; i < c->n; i++) {
        const char *t = c->words[i].word ? c->words[i].word : NULL;
        if (t && _saekin_qnode_add (ph, field_term (prefix, t)) < 0) {
            _saekin_qnode_free (ph);
            return NULL;
        }
    }
    return ph;
}

/* ---- the whole query ---- */

typedef struct {
    _saekin_qnode_t **items;
    size_t n;
} nodes_t;

static int
nodes_push (nodes_t *l, _saekin_qnode_t *n)
{
    if (! n)
        return -1;
    _saekin_qnode_t **p = realloc (l->items, (l->n + 1) * sizeof *p);
    if (! p) {
        _saekin_qnode_free (n);
        return -1;
    }
    p[l->n++] = n;
    l->items = p;
    return 0;
}

static void
nodes_clear (nodes_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        _saekin_qnode_free (l->items[i]);
    free (l->items);
    memset (l, 0, sizeof *l);
}

/* An inner node of OP over the items of L, which it takes. */
static _saekin_qnode_t *
nodes_join (nodes_t *l, _saekin_qop_t op)
{
    if (l->n == 1) {
        _saekin_qnode_t *one = l->items[0];
        free (l->items);
        memset (l, 0, sizeof *l);
        return one;
    }
    _saekin_qnode_t *n = _saekin_qnode_new (op);
    if (! n) {
        nodes_clear (l);
        return NULL;
    }
    n->children = l->items;
    n->n_children = l->n;
    memset (l, 0, sizeof *l);
    return n;
}

static bool
valid_utf8 (const char *s)
{
    const unsigned char *p = (const unsigned char *) s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xC2))
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

/* A copy of the tree's positive clauses for an all-words / adjacency
 * boost needs fresh nodes: rebuild them from the chunks' words. */
typedef struct {
    nodes_t positive;       /* clauses, OR-groups already joined */
    nodes_t negative;
    nodes_t all_words;      /* surface words of plain chunks, in order */
    int or_pending;
} build_t;

saekin_status_t
_saekin_query_build (const char *query, const _saekin_query_ctx_t *ctx,
                     _saekin_qnode_t **tree, _saekin_termset_t *highlight,
                     char **error)
{
    *tree = NULL;
    if (error)
        *error = NULL;
    if (! query || ! valid_utf8 (query)) {
        if (error)
            *error = strdup ("the query is not valid UTF-8");
        return SAEKIN_STATUS_BAD_QUERY;
    }
    build_t b = { 0 };
    const char *p = query;
    saekin_status_t status = SAEKIN_STATUS_SUCCESS;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (! *p)
            break;
        bool neg = false, title = false, phrase = false, wildcard = false;
        if (*p == '-' && p[1] && p[1] != ' ') {
            neg = true;
            p++;
        }
        if (strncmp (p, "title:", 6) == 0 && p[6] && p[6] != ' ') {
            title = true;
            p += 6;
        }
        const char *start, *end;
        if (*p == '"') {
            phrase = true;
            start = ++p;
            end = strchr (p, '"');
            if (! end)  /* an unbalanced quote runs to the end */
                end = p + strlen (p);
            p = *end ? end + 1 : end;
        } else {
            start = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                p++;
            end = p;
            if (end - start == 2 && strncmp (start, "OR", 2) == 0) {
                b.or_pending = b.positive.n > 0;
                continue;
            }
            if (end > start && end[-1] == '*') {
                wildcard = true;
                end--;
            }
        }
        chunk_t c;
        if (analyze_chunk (start, (size_t) (end - start), &c,
                           neg ? NULL : highlight) < 0) {
            chunk_clear (&c);
            status = SAEKIN_STATUS_OUT_OF_MEMORY;
            break;
        }
        if (c.n == 0) {
            chunk_clear (&c);
            continue;
        }
        const char *prefix = title ? _SAEKIN_PREFIX_TITLE : "";
        _saekin_qnode_t *clause = NULL;
        if (wildcard && c.n == 1 && c.words[0].word) {
            char *t = NULL;
            if (asprintf (&t, "%s%s", prefix, c.words[0].word) >= 0) {
                clause = _saekin_qnode_new (_SAEKIN_Q_WILDCARD);
                if (clause)
                    clause->term = t;
                else
                    free (t);
            }
        } else if (phrase) {
            clause = phrase_clause (&c, prefix, 0);
        } else {
            /* Several words in one chunk (CloudTrail을, dead-letter): all
             * must match, as if typed apart. */
            nodes_t words = { 0 };
            for (size_t i = 0; i < c.n; i++)
                if (nodes_push (&words, word_clause (&c.words[i], prefix)) < 0)
                    break;
            clause = words.n == c.n ? nodes_join (&words, _SAEKIN_Q_AND) : NULL;
            nodes_clear (&words);
            if (! neg)
                for (size_t i = 0; i < c.n; i++)
                    if (c.words[i].word)
                        nodes_push (&b.all_words, field_term ("", c.words[i].word));
        }
        chunk_clear (&c);
        if (! clause) {
            status = SAEKIN_STATUS_OUT_OF_MEMORY;
            break;
        }
        if (neg) {
            nodes_push (&b.negative, clause);
        } else if (b.or_pending) {
            /* "a OR b": widen the last clause into an OR. */
            _saekin_qnode_t *last = b.positive.items[b.positive.n - 1];
            if (last->op != _SAEKIN_Q_OR || last->n_children < 2) {
                _saekin_qnode_t *o = _saekin_qnode_new (_SAEKIN_Q_OR);
                if (! o || _saekin_qnode_add (o, last) < 0) {
                    _saekin_qnode_free (clause);
                    status = SAEKIN_STATUS_OUT_OF_MEMORY;
                    break;
                }
                last = b.positive.items[b.positive.n - 1] = o;
            }
            _saekin_qnode_add (last, clause);
            b.or_pending = 0;
        } else {
            nodes_push (&b.positive, clause);
        }
    }
    if (status == SAEKIN_STATUS_SUCCESS && b.positive.n == 0) {
        status = SAEKIN_STATUS_BAD_QUERY;
        if (error)
            *error = strdup (b.negative.n
                             ? "the query only excludes words: add a word to search for"
                             : "the query has no words to search for");
    }
    _saekin_qnode_t *top = NULL;
    if (status == SAEKIN_STATUS_SUCCESS) {
        size_t n_pos = b.positive.n;
        /* Any clause may match; passages holding all of them get the AND
         * boost on top, and adjacent words a phrase boost. */
        _saekin_qnode_t *any = NULL, *all = NULL;
        if (n_pos > 1) {
            /* The AND needs its own copies of the clauses: rebuild from the
             * query text would double the work, so the OR takes the
             * originals and the AND the word terms only. */
            nodes_t all_terms = { 0 };
            for (size_t i = 0; i < b.all_words.n; i++)
                nodes_push (&all_terms, _saekin_qnode_term (b.all_words.items[i]->term, 1));
            any = nodes_join (&b.positive, _SAEKIN_Q_OR);
            if (all_terms.n > 1) {
                _saekin_qnode_t *near = _saekin_qnode_new (_SAEKIN_Q_NEAR);
                if (near) {
                    near->window = (unsigned) all_terms.n + 2;
                    near->children = all_terms.items;
                    near->n_children = all_terms.n;
                    memset (&all_terms, 0, sizeof all_terms);
                    all = _saekin_qnode_new (_SAEKIN_Q_SCALE);
                    if (all) {
                        all->scale = SCALE_ADJACENT;
                        _saekin_qnode_add (all, near);
                    } else {
                        _saekin_qnode_free (near);
                    }
                }
            }
            nodes_clear (&all_terms);
            if (any && all) {
                top = _saekin_qnode_new (_SAEKIN_Q_AND_MAYBE);
                if (top) {
                    _saekin_qnode_add (top, any);
                    _saekin_qnode_add (top, all);
                } else {
                    _saekin_qnode_free (any);
                    _saekin_qnode_free (all);
                }
            } else {
                top = any;
                _saekin_qnode_free (all);
            }
        } else {
            top = nodes_join (&b.positive, _SAEKIN_Q_OR);
        }
        if (top && b.negative.n) {
            _saekin_qnode_t *not = _saekin_qnode_new (_SAEKIN_Q_AND_NOT);
            if (not && _saekin_qnode_add (not, top) == 0) {
                for (size_t i = 0; i < b.negative.n; i++)
                    _saekin_qnode_add (not, b.negative.items[i]);
                free (b.negative.items);
                memset (&b.negative, 0, sizeof b.negative);
                top = not;
            } else {
                top = NULL;
            }
        }
        if (! top)
            status = SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    (void) ctx;
    (void) SCALE_ALL_WORDS;
    nodes_clear (&b.positive);
    nodes_clear (&b.negative);
    nodes_clear (&b.all_words);
    *tree = top;
    return status;
}
