/* query.c - from what a person typed to a query tree.
 *
 * The query is cut into chunks at white space ("quoted phrases" are one
 * chunk); each chunk may be -excluded, title:restricted, a prefix* or the
 * operator OR.  Words go through the very analysis the indexer used
 * (analyze.c), so a query word meets its stems, parts and bigrams in the
 * index, and the same terms drive the highlighter.  Xapian's own
 * QueryParser is not used: its CJK handling in 1.4 matches unrelated
 * syllable pairs and throws on some mixed Korean/English queries.
 *
 * The positive chunks become "units", each a clause that may match:
 *
 *   - a chunk's words (all of them, for CloudTrail을 or dead-letter);
 *   - a run of chunks that names a concept of the vocabulary (키 관리
 *     서비스, Auto Scaling): the words as typed, or, weaker, any other
 *     name of the concept (KMS, Key Management Service);
 *   - two single-word chunks that the notes also write joined (가용
 *     영역 / 가용영역, dead letter / dead-letter): either form.
 *
 * Any unit may match; passages matching every unit get a boost the size
 * of their own weight, so they rank first, and passages where the typed
 * words stand close together get another. */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "document.h"
#include "jamo.h"
#include "korean.h"
#include "pairs.h"
#include "query.h"
#include "question.h"
#include "unicode.h"
#include "spell.h"
#include "translit.h"
#include "surface.h"

/* How much a kind of match counts beside the exact word. */
/* These were chosen on the dev queries of the evaluation corpus, where
 * nDCG@10 stayed within 0.01 over a range around each: bigrams 0 to 0.5,
 * other names of a concept 0.6 to 1, all words 0.5 to 1, adjacency 0 to
 * 1.  A title that is just what was typed counts most (3 to 6: nDCG@10
 * 0.62 without it, 0.70 with it), the title of the section an entry sits
 * in (its nearest heading) less (2 to 3: +0.013). */
#define SCALE_NGRAM      0.3
#define SCALE_STRUCK     0.2
#define SCALE_VOCAB      0.6
#define SCALE_ALL_WORDS  1.0
#define BOOST_ADJACENT   1.25
#define SCALE_JOINED     2.0
#define SCALE_KEY        5.0
#define SCALE_PARENT_KEY 2.0
/* A question word (차이, 방법): chosen on the dev queries; see is_question_word. */
#define SCALE_QUESTION 0.3
/* A title asking the query's question of its things: far less than a
 * title that is the query (SCALE_KEY), as much again as its words.
 * Tuned on both relevance sets: 2 and 3 favoured one-line questions
 * with no answer ("CS : 프로세스/단일 스레드/멀티 스레드 차이"). */
#define SCALE_ASKED 1.0
/* The other words a word being typed may become, beside the likeliest. */
#define SCALE_COMPLETION 0.5
/* The words searched for a typo (or for the notes' misspelling of a
 * word): far enough below the word itself that what holds the word as
 * typed ranks first. */
#define SCALE_CORRECTED 0.1
/* At most this many corrections of one word, the closest. */
#define MAX_CORRECTIONS 3
/* A Hangul word found in at most this many passages may be a loanword
 * the notes write in English (translit.h). */
#define TRANSLIT_RARE 3
/* Written words further than this from the typed word are not weighed
 * (surface_fixes). */
#define SURFACE_MAX_DIST 4
/* At most this many stems are judged by their written words for a typo
 * stemming hides (written_fixes). */
#define WRITTEN_CANDIDATES 4
#define SURFACE_KEYS       64
/* A word the index holds is corrected to one this many times as frequent. */
#define CORRECT_FAR_MORE 10
/* A concept's name may span this many chunks of the query. */
#define VOCAB_MAX_WORDS 6
/* At most this many other names of one concept join the query. */
#define VOCAB_MAX_NAMES 40
/* The last word of a query typed so far (prefix mode) stands for at
 * most this many words of the index, the most frequent. */
#define MAX_COMPLETIONS 20
/* Hangul words of this many syllables and more may be split in two. */
#define SPLIT_MIN_SYLLABLES 4
#define SPLIT_MAX_SYLLABLES 10

/* What one query may cost.  Every chunk becomes a unit that Xapian
 * weighs in every passage it matches, and a prefix* becomes up to
 * WILDCARD_TERMS terms (xapian-shim.cc): past these bounds a query on a
 * 20-copy corpus no longer answers within a second, so it is refused
 * with a message saying what to cut.  Repeated chunks are dropped first:
 * they add nothing but cost. */
#define QUERY_MAX_CHUNKS    24
#define QUERY_MAX_WORDS     32
#define QUERY_MAX_WILDCARDS 2

/* ---- analysing one chunk ---- */

/* The tokens of one word position. */
typedef struct {
    char *word; /* WORD term, or NULL */
    char *stem; /* STEM term (unprefixed), or NULL */
    size_t n_alt;
    char **alt; /* STEM (Z-prefixed) and PART terms */
    size_t n_ngram;
    char **ngram;              /* B-prefixed bigrams */
    _saekin_words_t fix;       /* stems searched for it too: corrections */
    _saekin_words_t split_fix; /* "left right": a joined typo's halves,
                                * searched as a phrase (split_correct) */
} qword_t;

typedef struct {
    qword_t *words;
    size_t n;
    size_t cap;
    unsigned last_pos;
    size_t term_end; /* the technical term read covers the text up to here */
    _saekin_termset_t *highlight;
    int failed;
} chunk_t;

static void
chunk_clear (chunk_t *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free (c->words[i].word);
        free (c->words[i].stem);
        for (size_t j = 0; j < c->words[i].n_alt; j++)
            free (c->words[i].alt[j]);
        free (c->words[i].alt);
        for (size_t j = 0; j < c->words[i].n_ngram; j++)
            free (c->words[i].ngram[j]);
        free (c->words[i].ngram);
        _saekin_words_clear (&c->words[i].fix);
        _saekin_words_clear (&c->words[i].split_fix);
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
    /* A technical term (C++, N+1) stands for its words: none of them is
     * asked for, nor highlighted, on its own. */
    if (tok->kind != _SAEKIN_TOK_TERM && tok->start < c->term_end)
        return 0;
    if (c->n == 0 || tok->pos != c->last_pos || tok->kind == _SAEKIN_TOK_TERM) {
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
    case _SAEKIN_TOK_TERM: /* the term is the word */
    case _SAEKIN_TOK_WORD:
        if (tok->kind == _SAEKIN_TOK_TERM)
            c->term_end = tok->end;
        if (! w->word && ! (w->word = strdup (tok->term)))
            goto fail;
        break;
    case _SAEKIN_TOK_STEM:
        if (! w->stem && ! (w->stem = strdup (tok->term)))
            goto fail;
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
analyze_text (const char *text, size_t len, chunk_t *c, _saekin_termset_t *hl)
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

/* ---- small tree helpers ---- */

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

/* A deep copy of N; NULL when out of memory (or N is NULL). */
static _saekin_qnode_t *
clone (const _saekin_qnode_t *n)
{
    if (! n)
        return NULL;
    _saekin_qnode_t *c = _saekin_qnode_new (n->op);
    if (! c)
        return NULL;
    c->wqf = n->wqf;
    c->window = n->window;
    c->scale = n->scale;
    if (n->term && ! (c->term = strdup (n->term))) {
        _saekin_qnode_free (c);
        return NULL;
    }
    for (size_t i = 0; i < n->n_children; i++)
        if (_saekin_qnode_add (c, clone (n->children[i])) < 0) {
            _saekin_qnode_free (c);
            return NULL;
        }
    return c;
}

/* A node of OP over the given children (NULLs, from a failed
 * allocation, make the whole node fail).  With one child and a joining
 * OP the child itself is returned. */
static _saekin_qnode_t *
join (_saekin_qop_t op, _saekin_qnode_t **kids, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        ok = ok && kids[i];
    if (ok && n == 1
        && (op == _SAEKIN_Q_OR || op == _SAEKIN_Q_AND || op == _SAEKIN_Q_SYNONYM))
        return kids[0];
    _saekin_qnode_t *node = ok && n ? _saekin_qnode_new (op) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (! node) {
            _saekin_qnode_free (kids[i]);
            continue;
        }
        if (_saekin_qnode_add (node, kids[i]) < 0) {
            _saekin_qnode_free (node);
            node = NULL;
        }
    }
    return node;
}

static _saekin_qnode_t *
join2 (_saekin_qop_t op, _saekin_qnode_t *a, _saekin_qnode_t *b)
{
    _saekin_qnode_t *kids[2] = { a, b };
    return join (op, kids, 2);
}

static _saekin_qnode_t *
scaled (_saekin_qnode_t *child, double scale)
{
    if (! child)
        return NULL;
    _saekin_qnode_t *sc = _saekin_qnode_new (_SAEKIN_Q_SCALE);
    if (! sc || _saekin_qnode_add (sc, child) < 0) {
        if (sc)
            _saekin_qnode_free (sc);
        else
            _saekin_qnode_free (child);
        return NULL;
    }
    sc->scale = scale;
    return sc;
}

/* A growable list of nodes. */
typedef struct {
    _saekin_qnode_t **items;
    size_t n;
    bool failed;
} nodes_t;

static void
nodes_push (nodes_t *l, _saekin_qnode_t *n)
{
    _saekin_qnode_t **p = n ? realloc (l->items, (l->n + 1) * sizeof *p) : NULL;
    if (! p) {
        _saekin_qnode_free (n);
        l->failed = true;
        return;
    }
    p[l->n++] = n;
    l->items = p;
}

/* The node of OP over L's items, which it takes (L is left empty). */
static _saekin_qnode_t *
nodes_join (nodes_t *l, _saekin_qop_t op)
{
    _saekin_qnode_t *n = NULL;
    if (! l->failed && l->n)
        n = join (op, l->items, l->n);
    else
        for (size_t i = 0; i < l->n; i++)
            _saekin_qnode_free (l->items[i]);
    free (l->items);
    memset (l, 0, sizeof *l);
    return n;
}

static void
nodes_clear (nodes_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        _saekin_qnode_free (l->items[i]);
    free (l->items);
    memset (l, 0, sizeof *l);
}

/* How many documents hold TERM; 0 without a reader. */
static size_t
termfreq (const _saekin_query_ctx_t *ctx, const char *prefix, const char *term)
{
    if (! ctx || ! ctx->reader)
        return 0;
    char *t = NULL;
    if (asprintf (&t, "%s%s", prefix, term) < 0)
        return 0;
    size_t f = 0;
    if (_saekin_xreader_termfreq (ctx->reader, t, &f) != SAEKIN_STATUS_SUCCESS)
        f = 0;
    free (t);
    return f;
}

/* ---- clauses ---- */

/* The positional term a phrase uses for W: its stem when it has one (so
 * that 영역은 and groups match 영역 and group), else the word. */
static _saekin_qnode_t *
phrase_term (const qword_t *w, const char *prefix)
{
    if (! w->stem)
        return w->word ? field_term (prefix, w->word) : NULL;
    char *t = NULL;
    if (asprintf (&t, "%s%s%s", prefix, _SAEKIN_PREFIX_STEM, w->stem) < 0)
        return NULL;
    _saekin_qnode_t *n = _saekin_qnode_term (t, 1);
    free (t);
    return n;
}

/* An exact phrase of the words of C (by their stems, see phrase_term). */
static _saekin_qnode_t *
phrase_of (const chunk_t *c, const char *prefix)
{
    nodes_t terms = { 0 };
    for (size_t i = 0; i < c->n; i++)
        if (c->words[i].word || c->words[i].stem)
            nodes_push (&terms, phrase_term (&c->words[i], prefix));
    if (terms.n == 1)
        return nodes_join (&terms, _SAEKIN_Q_OR);
    _saekin_qnode_t *ph = nodes_join (&terms, _SAEKIN_Q_PHRASE);
    if (ph && ph->op == _SAEKIN_Q_PHRASE)
        ph->window = 0;
    return ph;
}

/* Whether S is a Hangul word long enough to be two words joined. */
static bool
splittable (const char *s)
{
    size_t len = strlen (s);
    /* Only all-Hangul words: each syllable is three bytes of UTF-8. */
    if (len % 3 || len / 3 < SPLIT_MIN_SYLLABLES || len / 3 > SPLIT_MAX_SYLLABLES)
        return false;
    for (size_t i = 0; i < len;) {
        UChar32 cp = _saekin_u8_next (s, len, &i);
        if (cp < 0 || ! _saekin_is_hangul_syllable ((unsigned) cp))
            return false;
    }
    return true;
}

/* A Hangul word typed joined (가용영역) that the notes may write apart
 * (가용 영역): the phrases of its two halves that the index knows, as
 * words or stems.  NULL when there is none (or no reader to ask). */
static _saekin_qnode_t *
split_alternatives (const qword_t *w, const _saekin_query_ctx_t *ctx)
{
    const char *s = w->stem ? w->stem : w->word;
    if (! s || ! ctx || ! ctx->reader || ! splittable (s))
        return NULL;
    size_t len = strlen (s);
    nodes_t alts = { 0 };
    for (size_t cut = 6; cut + 6 <= len; cut += 3) {
        char left[SPLIT_MAX_SYLLABLES * 3 + 1], right[SPLIT_MAX_SYLLABLES * 3 + 1];
        memcpy (left, s, cut);
        left[cut] = '\0';
        strcpy (right, s + cut);
        if (termfreq (ctx, _SAEKIN_PREFIX_STEM, left) == 0
            || termfreq (ctx, _SAEKIN_PREFIX_STEM, right) == 0)
            continue;
        nodes_push (&alts,
                    join2 (_SAEKIN_Q_PHRASE, field_term (_SAEKIN_PREFIX_STEM, left),
                           field_term (_SAEKIN_PREFIX_STEM, right)));
        if (alts.n && alts.items[alts.n - 1]->op == _SAEKIN_Q_PHRASE)
            alts.items[alts.n - 1]->window = 2;
    }
    return nodes_join (&alts, _SAEKIN_Q_OR);
}

/* The phrase of the two stems of HALVES ("left right"), as
 * split_alternatives makes it. */
static _saekin_qnode_t *
halves_phrase (const char *halves)
{
    const char *sp = strchr (halves, ' ');
    char *left = sp ? strndup (halves, (size_t) (sp - halves)) : NULL;
    _saekin_qnode_t *ph = left ? join2 (_SAEKIN_Q_PHRASE,
                                        field_term (_SAEKIN_PREFIX_STEM, left),
                                        field_term (_SAEKIN_PREFIX_STEM, sp + 1))
                               : NULL;
    free (left);
    if (ph && ph->op == _SAEKIN_Q_PHRASE)
        ph->window = 2;
    return ph;
}

/* One query word: its exact form, its stems and parts as one synonym (a
 * stem match counts like the word, as Xapian's STEM_SOME does), its
 * struck-through occurrences far below, and its Hangul bigrams (or the
 * halves of a Korean compound) as a weaker fallback for spacing. */
static _saekin_qnode_t *
word_clause (const qword_t *w, const char *prefix, const _saekin_query_ctx_t *ctx)
{
    nodes_t syn = { 0 };
    if (w->word)
        nodes_push (&syn, field_term (prefix, w->word));
    for (size_t i = 0; i < w->n_alt; i++)
        nodes_push (&syn, field_term (prefix, w->alt[i]));
    if (*prefix == '\0') {
        _saekin_qnode_t *split = split_alternatives (w, ctx);
        if (split)
            nodes_push (&syn, split);
    }
    nodes_t any = { 0 };
    nodes_push (&any, nodes_join (&syn, _SAEKIN_Q_SYNONYM));
    if (*prefix == '\0' && (w->fix.n || w->split_fix.n)) {
        /* The corrections as one with the word itself: a notes' slip is
         * rare, and alone it would weigh more than the word it stands
         * for; with it, it weighs what the word and its slips do, scaled
         * down, and a passage with the word itself has both parts. */
        nodes_t fix = { 0 };
        if (w->word)
            nodes_push (&fix, field_term (prefix, w->word));
        for (size_t i = 0; i < w->n_alt; i++)
            nodes_push (&fix, field_term (prefix, w->alt[i]));
        for (size_t i = 0; i < w->fix.n; i++)
            nodes_push (&fix, field_term (_SAEKIN_PREFIX_STEM, w->fix.words[i]));
        for (size_t i = 0; i < w->split_fix.n; i++)
            nodes_push (&fix, halves_phrase (w->split_fix.words[i]));
        nodes_push (&any, scaled (nodes_join (&fix, _SAEKIN_Q_SYNONYM), SCALE_CORRECTED));
    }
    /* Struck-through text may answer too, far below anything else (out
     * of the synonym, which would weigh it like the rest). */
    if (*prefix == '\0' && (w->stem || w->word))
        nodes_push (&any, scaled (w->stem ? field_term (
                                      _SAEKIN_PREFIX_STRUCK _SAEKIN_PREFIX_STEM, w->stem)
                                          : field_term (_SAEKIN_PREFIX_STRUCK, w->word),
                                  SCALE_STRUCK));
    if (w->n_ngram) {
        nodes_t grams = { 0 };
        for (size_t i = 0; i < w->n_ngram; i++)
            nodes_push (&grams, field_term (prefix, w->ngram[i]));
        nodes_push (&any, scaled (nodes_join (&grams, _SAEKIN_Q_AND), SCALE_NGRAM));
    }
    return nodes_join (&any, _SAEKIN_Q_OR);
}

/* The clause of a plain chunk: all its words (CloudTrail을 and
 * dead-letter are typed as one chunk but are several words). */
static _saekin_qnode_t *
chunk_clause (const chunk_t *c, const char *prefix, const _saekin_query_ctx_t *ctx)
{
    nodes_t words = { 0 };
    for (size_t i = 0; i < c->n; i++)
        nodes_push (&words, word_clause (&c->words[i], prefix, ctx));
    return nodes_join (&words, _SAEKIN_Q_AND);
}

/* ---- the query's chunks ---- */

typedef struct {
    bool neg, title, phrase, wildcard, or_prev;
    bool prefix;          /* the last word, still being typed */
    char *text;           /* the chunk as typed, without its markers */
    chunk_t a;            /* its analysis */
    _saekin_words_t done; /* PREFIX: the index words it may become */
} part_t;

typedef struct {
    part_t *parts;
    size_t n;
} parts_t;

static void
parts_clear (parts_t *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free (ps->parts[i].text);
        chunk_clear (&ps->parts[i].a);
        _saekin_words_clear (&ps->parts[i].done);
    }
    free (ps->parts);
    memset (ps, 0, sizeof *ps);
}

void
_saekin_corrections_clear (_saekin_corrections_t *c)
{
    for (size_t i = 0; c && i < c->n; i++) {
        free (c->items[i].typed);
        free (c->items[i].searched);
    }
    if (c) {
        free (c->items);
        memset (c, 0, sizeof *c);
    }
}

static int
corrections_add (_saekin_corrections_t *c, const char *typed, const char *searched,
                 bool applied)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp (c->items[i].typed, typed) == 0
            && strcmp (c->items[i].searched, searched) == 0)
            return 0;
    _saekin_correction_t *p = realloc (c->items, (c->n + 1) * sizeof *p);
    if (! p)
        return -1;
    c->items = p;
    p[c->n] = (_saekin_correction_t){ strdup (typed), strdup (searched), applied };
    if (! p[c->n].typed || ! p[c->n].searched) {
        free (p[c->n].typed);
        free (p[c->n].searched);
        return -1;
    }
    c->n++;
    return 0;
}

/* The distance between A and B over keys, up to SURFACE_MAX_DIST + 1. */
static unsigned
keys_distance (const char *a, const char *b)
{
    uint32_t ka[SURFACE_KEYS], kb[SURFACE_KEYS];
    size_t na = _saekin_jamo_keys (a, ka, SURFACE_KEYS),
           nb = _saekin_jamo_keys (b, kb, SURFACE_KEYS);
    return na <= SURFACE_KEYS && nb <= SURFACE_KEYS
               ? _saekin_jamo_distance (ka, na, kb, nb, SURFACE_MAX_DIST)
               : SURFACE_MAX_DIST + 1;
}

/* How the corrections of W (stems of the index) are shown, into
 * SHOWN[k] (malloc'd; NULL: the stem itself, as for Korean, whose stems
 * are words as written).  An English stem (STEM's correction) is
 * Snowball's (instanc), so
 * the word the notes write for it is read back (surface.h) and shown;
 * and of corrections that tie over stems, only those whose written word
 * (or the stem itself, which may be one) is closest to TYPED stay,
 * searched and shown (instanse: instance, one edit, not instant, two). */
static saekin_status_t
surface_fixes (const _saekin_query_ctx_t *ctx, qword_t *w, const char *stem,
               const char *typed, char **shown)
{
    unsigned dist[MAX_CORRECTIONS], best = UINT_MAX;
    for (size_t k = 0; k < w->fix.n; k++) {
        shown[k] = NULL;
        dist[k] = UINT_MAX;
        if (_saekin_hangul_syllables (w->fix.words[k]))
            continue;
        /* Reading stops at a form as close to TYPED as the stems are
         * (the typo's edits: cwommand/command, so commands).  And the
         * stem may be a word too (group), written in passages not read
         * (which wrote groups): as close as it is, the correction is as
         * good; but a written form is what is shown. */
        unsigned d = keys_distance (typed, w->fix.words[k]);
        saekin_status_t st = _saekin_surface_word (ctx->reader, w->fix.words[k], typed,
                                                   keys_distance (stem, w->fix.words[k]),
                                                   SURFACE_MAX_DIST, &shown[k], &dist[k]);
        if (st != SAEKIN_STATUS_SUCCESS) {
            for (size_t i = 0; i <= k; i++)
                free (shown[i]);
            return st;
        }
        if (! shown[k] || d < dist[k])
            dist[k] = d;
        if (dist[k] < best)
            best = dist[k];
    }
    size_t n = 0;
    for (size_t k = 0; k < w->fix.n; k++) {
        if (best != UINT_MAX && dist[k] > best) {
            free (w->fix.words[k]);
            free (shown[k]);
            continue;
        }
        w->fix.words[n] = w->fix.words[k];
        w->fix.freqs[n] = w->fix.freqs[k];
        shown[n++] = shown[k];
    }
    w->fix.n = n;
    return SAEKIN_STATUS_SUCCESS;
}

/* A Hangul word S (W's) the index lacks, typed joined, with no
 * correction of its own (로드밸런셔 for 로드 밸런서): the cuts where one
 * half is in the index and the other has corrections (spell.h, as for a
 * whole word) go into W->split_fix as "left right", searched as a phrase
 * (at most MAX_CORRECTIONS; one scan per cut).  Nothing when a cut has
 * both halves in the index: split_alternatives searches that. */
static saekin_status_t
split_correct (const _saekin_query_ctx_t *ctx, qword_t *w, const char *s)
{
    if (! splittable (s))
        return SAEKIN_STATUS_SUCCESS;
    size_t len = strlen (s);
    char left[SPLIT_MAX_SYLLABLES * 3 + 1], right[SPLIT_MAX_SYLLABLES * 3 + 1];
    /* First the cuts of which both halves are known: then no scan. */
    for (size_t cut = 6; cut + 6 <= len; cut += 3) {
        memcpy (left, s, cut);
        left[cut] = '\0';
        if (termfreq (ctx, _SAEKIN_PREFIX_STEM, left)
            && termfreq (ctx, _SAEKIN_PREFIX_STEM, s + cut))
            return SAEKIN_STATUS_SUCCESS;
    }
    _saekin_words_t *out = &w->split_fix;
    for (size_t cut = 6; cut + 6 <= len && out->n < MAX_CORRECTIONS; cut += 3) {
        memcpy (left, s, cut);
        left[cut] = '\0';
        strcpy (right, s + cut);
        bool has_left = termfreq (ctx, _SAEKIN_PREFIX_STEM, left) > 0;
        if (! has_left && termfreq (ctx, _SAEKIN_PREFIX_STEM, right) == 0)
            continue;
        _saekin_words_t half;
        saekin_status_t st = _saekin_spell_correct (ctx->reader, has_left ? right : left,
                                                    0, CORRECT_FAR_MORE, MAX_CORRECTIONS,
                                                    &half);
        if (st != SAEKIN_STATUS_SUCCESS)
            return st;
        for (size_t k = 0; k < half.n && out->n < MAX_CORRECTIONS; k++) {
            char *both = NULL, **words;
            size_t *freqs;
            if (asprintf (&both, "%s %s", has_left ? left : half.words[k],
                          has_left ? half.words[k] : right)
                < 0)
                both = NULL;
            words = both ? realloc (out->words, (out->n + 1) * sizeof *words) : NULL;
            if (words)
                out->words = words;
            freqs = words ? realloc (out->freqs, (out->n + 1) * sizeof *freqs) : NULL;
            if (! freqs) {
                free (both);
                _saekin_words_clear (&half);
                return SAEKIN_STATUS_OUT_OF_MEMORY;
            }
            out->freqs = freqs;
            out->words[out->n] = both;
            out->freqs[out->n++] = half.freqs[k];
        }
        _saekin_words_clear (&half);
    }
    return SAEKIN_STATUS_SUCCESS;
}

/* Put the English stems of the index that the Hangul stem S may
 * transcribe into W's FIX, and the words the notes write for them into
 * SHOWN (as surface_fixes does). */
static saekin_status_t
translit_fixes (const _saekin_query_ctx_t *ctx, qword_t *w, const char *s, char **shown)
{
    _saekin_words_clear (&w->fix);
    saekin_status_t st = _saekin_translit_find (ctx->reader, s, MAX_CORRECTIONS, &w->fix);
    if (st != SAEKIN_STATUS_SUCCESS || w->fix.n == 0)
        return st;
    return surface_fixes (ctx, w, s, s, shown);
}

/* A Latin word TYPED the index lacks, whose stem S found no correction
 * because stemming put it too far from the right one (securty: securti;
 * secur for security): the candidates of spell.h's rough cut, each
 * judged by the word the notes write for it; those within
 * _saekin_spell_max_edits(TYPED) edits of TYPED, the closest only, go
 * into W's FIX and their written words into SHOWN.  Only here do the
 * written words choose the corrections, so this costs a few passages
 * per candidate, and runs only when nothing else was found. */
static saekin_status_t
written_fixes (const _saekin_query_ctx_t *ctx, qword_t *w, const char *typed,
               char **shown)
{
    _saekin_words_t cand;
    unsigned max = _saekin_spell_max_edits (typed);
    saekin_status_t st = _saekin_spell_candidates (ctx->reader, typed, WRITTEN_CANDIDATES,
                                                   &cand);
    if (st != SAEKIN_STATUS_SUCCESS || cand.n == 0)
        return st;
    char *forms[WRITTEN_CANDIDATES] = { 0 };
    unsigned dist[WRITTEN_CANDIDATES], best = max + 1;
    for (size_t k = 0; k < cand.n && st == SAEKIN_STATUS_SUCCESS; k++) {
        st = _saekin_surface_word (ctx->reader, cand.words[k], typed, 1, max, &forms[k],
                                   &dist[k]);
        if (! forms[k])
            dist[k] = max + 1;
        if (dist[k] < best)
            best = dist[k];
    }
    _saekin_words_clear (&w->fix);
    size_t n = 0;
    if (st == SAEKIN_STATUS_SUCCESS && best <= max) {
        w->fix.words = calloc (MAX_CORRECTIONS, sizeof *w->fix.words);
        w->fix.freqs = calloc (MAX_CORRECTIONS, sizeof *w->fix.freqs);
        if (! w->fix.words || ! w->fix.freqs)
            st = SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    for (size_t k = 0; k < cand.n; k++) {
        if (st == SAEKIN_STATUS_SUCCESS && best <= max && dist[k] == best
            && n < MAX_CORRECTIONS) {
            w->fix.words[n] = cand.words[k];
            w->fix.freqs[n] = cand.freqs[k];
            shown[n++] = forms[k];
            cand.words[k] = NULL;
        } else
            free (forms[k]);
    }
    w->fix.n = n;
    if (n == 0)
        _saekin_words_clear (&w->fix);
    _saekin_words_clear (&cand);
    return st;
}

/* Typo tolerance: each word of the positive chunks that the index lacks,
 * or holds rarely beside a word one edit away (spell.h), gets the
 * closest words of the index into its FIX, searched with it (words of a
 * "phrase" or under title: are only suggested: CTX->corrections).  A
 * word being typed (prefix mode) is completed instead. */
static saekin_status_t
correct_words (parts_t *ps, const _saekin_query_ctx_t *ctx, _saekin_termset_t *highlight)
{
    if (! ctx || ! ctx->reader)
        return SAEKIN_STATUS_SUCCESS;
    for (size_t i = 0; i < ps->n; i++) {
        part_t *p = &ps->parts[i];
        if (p->neg || p->wildcard || p->prefix)
            continue;
        bool applied = ! p->title && ! (p->phrase && p->a.n > 1);
        for (size_t j = 0; j < p->a.n; j++) {
            qword_t *w = &p->a.words[j];
            const char *s = w->stem ? w->stem : w->word;
            if (! s || _saekin_spell_max_edits (s) == 0)
                continue;
            size_t freq = termfreq (ctx, _SAEKIN_PREFIX_STEM, s);
            if (! w->stem)
                freq += termfreq (ctx, "", s);
            saekin_status_t st = _saekin_spell_correct (
                ctx->reader, s, freq, CORRECT_FAR_MORE, MAX_CORRECTIONS, &w->fix);
            if (st != SAEKIN_STATUS_SUCCESS)
                return st;
            const char *typed = w->word ? w->word : s;
            char *shown[MAX_CORRECTIONS];
            if ((st = surface_fixes (ctx, w, s, typed, shown)) != SAEKIN_STATUS_SUCCESS)
                return st;
            if (freq == 0 && w->fix.n == 0
                && (st = split_correct (ctx, w, s)) != SAEKIN_STATUS_SUCCESS)
                return st;
            if (freq == 0 && w->fix.n == 0 && w->split_fix.n == 0
                && ! _saekin_hangul_syllables (typed)
                && (st = written_fixes (ctx, w, typed, shown)) != SAEKIN_STATUS_SUCCESS)
                return st;
            /* A loanword the notes write in English (애버리지: average),
             * when nothing closer was found. */
            if (freq <= TRANSLIT_RARE && w->fix.n == 0 && w->split_fix.n == 0
                && (st = translit_fixes (ctx, w, s, shown)) != SAEKIN_STATUS_SUCCESS)
                return st;
            bool failed = false;
            for (size_t k = 0; k < w->fix.n; k++)
                failed = failed
                         || (ctx->corrections
                             && corrections_add (ctx->corrections, typed,
                                                 shown[k] ? shown[k] : w->fix.words[k],
                                                 applied)
                                    < 0)
                         || (highlight && applied
                             && _saekin_termset_add (highlight, w->fix.words[k]) < 0);
            for (size_t k = 0; k < w->fix.n; k++)
                free (shown[k]);
            for (size_t k = 0; k < w->split_fix.n; k++) {
                const char *both = w->split_fix.words[k], *sp = strchr (both, ' ');
                char *left = strndup (both, (size_t) (sp - both));
                failed = failed || ! left
                         || (ctx->corrections
                             && corrections_add (ctx->corrections, typed, both, applied)
                                    < 0)
                         || (highlight && applied
                             && (_saekin_termset_add (highlight, left) < 0
                                 || _saekin_termset_add (highlight, sp + 1) < 0));
                free (left);
            }
            if (failed)
                return SAEKIN_STATUS_OUT_OF_MEMORY;
            if (! applied) {
                _saekin_words_clear (&w->fix);
                _saekin_words_clear (&w->split_fix);
            }
        }
    }
    return SAEKIN_STATUS_SUCCESS;
}

static bool
is_blank (char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- filters ---- */

/* What tag:NAME and path:NAME ask for: the notes holding every term of
 * FILTERS and none of NOT. */
typedef struct {
    nodes_t filters;
    nodes_t not ;
} filters_t;

/* Whether NAME[0..N) ends in the extension of a note file. */
static size_t
note_extension (const char *name, size_t n)
{
    static const char *const exts[] = { ".md", ".markdown", ".mdown", ".mkd", ".txt" };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t k = strlen (exts[i]);
        if (n > k && strncasecmp (name + n - k, exts[i], k) == 0)
            return k;
    }
    return 0;
}

/* The clause of "tag:NAME" (TAG) or "path:NAME" for S[0..N): the tag's
 * term, or all the folder and file names of the path.  NULL when out of
 * memory; an empty AND when S names nothing. */
static _saekin_qnode_t *
filter_clause (const char *s, size_t n, bool tag)
{
    nodes_t all = { 0 };
    if (tag) {
        _saekin_note_meta_t m = { 0 };
        char *norm = _saekin_normalize (s, n, NULL, NULL);
        if (! norm || _saekin_note_meta_add_tag (&m, norm, strlen (norm)) < 0)
            all.failed = true;
        free (norm);
        /* add_tag() puts the tag itself first */
        char *t = NULL;
        if (m.n_tags && asprintf (&t, "%s%s", _SAEKIN_PREFIX_TAG, m.tags[0]) >= 0) {
            nodes_push (&all, _saekin_qnode_term (t, 1));
            free (t);
        } else if (m.n_tags) {
            all.failed = true;
        }
        _saekin_note_meta_clear (&m);
    } else {
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && s[j] != '/')
                j++;
            size_t k = j - i;
            if (j == n)
                k -= note_extension (s + i, k);
            if (k) {
                char *t = _saekin_document_path_term (s + i, k, false);
                if (t)
                    nodes_push (&all, _saekin_qnode_term (t, 1));
                else
                    all.failed = true;
                free (t);
            }
            i = j + 1;
        }
    }
    if (all.failed) {
        nodes_clear (&all);
        return NULL;
    }
    if (all.n == 0)
        return _saekin_qnode_new (_SAEKIN_Q_AND);
    return nodes_join (&all, _SAEKIN_Q_AND);
}

/* Whether PS already holds a chunk like PT (the same text with the same
 * markers): a repeated chunk adds nothing to the query but its cost. */
static bool
repeated (const parts_t *ps, const part_t *pt)
{
    for (size_t i = 0; i < ps->n; i++) {
        const part_t *q = &ps->parts[i];
        if (q->neg == pt->neg && q->title == pt->title && q->phrase == pt->phrase
            && q->wildcard == pt->wildcard && strcmp (q->text, pt->text) == 0)
            return true;
    }
    return false;
}

/* Cut QUERY into chunks and analyse them, dropping repeated ones; tag:
 * and path: chunks go to FILTERS.  With PREFIX, a last chunk that no
 * blank ends is marked as a word still being typed (and kept even when
 * it has no word of its own: ㄱ).  0, -1 when out of memory, -2 when there are more than QUERY_MAX_CHUNKS (the
 * rest is not looked at: a long query is not analysed in full only to
 * be refused). */
static int
parse (const char *query, parts_t *ps, filters_t *filters, _saekin_termset_t *highlight,
       bool prefix)
{
    const char *p = query;
    bool or_pending = false;
    while (*p) {
        while (is_blank (*p))
            p++;
        if (! *p)
            break;
        part_t pt = { 0 };
        if (*p == '-' && p[1] && ! is_blank (p[1])) {
            pt.neg = true;
            p++;
        }
        if (strncmp (p, "title:", 6) == 0 && p[6] && ! is_blank (p[6])) {
            pt.title = true;
            p += 6;
        }
        bool tag = strncmp (p, "tag:", 4) == 0 && p[4] && ! is_blank (p[4]);
        bool path = strncmp (p, "path:", 5) == 0 && p[5] && ! is_blank (p[5]);
        if (! pt.title && (tag || path)) {
            p += tag ? 4 : 5;
            const char *start = p, *end;
            if (*p == '"') {
                start = ++p;
                end = strchr (p, '"');
                if (! end)
                    end = p + strlen (p);
                p = *end ? end + 1 : end;
            } else {
                while (*p && ! is_blank (*p))
                    p++;
                end = p;
            }
            if (ps->n + filters->filters.n + filters->not .n >= QUERY_MAX_CHUNKS)
                return -2;
            _saekin_qnode_t *f = filter_clause (start, (size_t) (end - start), tag);
            if (! f)
                return -1;
            if (f->op == _SAEKIN_Q_AND && f->n_children == 0)
                _saekin_qnode_free (f); /* "path:/" names nothing */
            else
                nodes_push (pt.neg ? &filters->not : &filters->filters, f);
            or_pending = false;
            continue;
        }
        const char *start, *end;
        if (*p == '"') {
            pt.phrase = true;
            start = ++p;
            end = strchr (p, '"');
            if (! end) /* an unbalanced quote runs to the end */
                end = p + strlen (p);
            p = *end ? end + 1 : end;
        } else {
            start = p;
            while (*p && ! is_blank (*p))
                p++;
            end = p;
            if (! pt.neg && ! pt.title && end - start == 2
                && strncmp (start, "OR", 2) == 0) {
                or_pending = ps->n > 0;
                continue;
            }
            if (end > start && end[-1] == '*') {
                pt.wildcard = true;
                end--;
            }
            pt.prefix = prefix && ! *p && ! pt.neg && ! pt.wildcard;
        }
        if (! (pt.text = strndup (start, (size_t) (end - start))))
            return -1;
        if (repeated (ps, &pt)) {
            free (pt.text);
            continue;
        }
        if (ps->n >= QUERY_MAX_CHUNKS) {
            free (pt.text);
            return -2;
        }
        if (analyze_text (start, (size_t) (end - start), &pt.a, pt.neg ? NULL : highlight)
            < 0) {
            free (pt.text);
            chunk_clear (&pt.a);
            return -1;
        }
        if (pt.a.n == 0 && ! pt.prefix) {
            free (pt.text);
            chunk_clear (&pt.a);
            continue;
        }
        pt.or_prev = or_pending && ! pt.neg;
        or_pending = false;
        part_t *np = realloc (ps->parts, (ps->n + 1) * sizeof *np);
        if (! np) {
            free (pt.text);
            chunk_clear (&pt.a);
            return -1;
        }
        ps->parts = np;
        ps->parts[ps->n++] = pt;
    }
    return 0;
}

/* A chunk the vocabulary and the joined forms may look at: plain words,
 * not excluded, quoted, restricted, wildcarded nor part of an OR. */
static bool
plain (const parts_t *ps, size_t i)
{
    const part_t *p = &ps->parts[i];
    return ! p->neg && ! p->title && ! p->phrase && ! p->wildcard && ! p->or_prev
           && ! (i + 1 < ps->n && ps->parts[i + 1].or_prev);
}

/* The clause of one chunk on its own. */
static _saekin_qnode_t *
part_clause (const part_t *p, const _saekin_query_ctx_t *ctx, const char *field)
{
    const char *prefix = p->title ? _SAEKIN_PREFIX_TITLE : field;
    if (p->prefix && p->done.n) {
        /* The word it most likely becomes (now its text), or, weaker,
         * any other, as one: a passage is not worth more for holding two
         * of them. */
        nodes_t other = { 0 };
        char *zf = NULL;
        if (asprintf (&zf, "%s%s", prefix, _SAEKIN_PREFIX_STEM) < 0)
            return NULL;
        for (size_t i = 0; i < p->done.n; i++)
            nodes_push (&other, field_term (zf, p->done.words[i]));
        free (zf);
        return join2 (_SAEKIN_Q_OR, chunk_clause (&p->a, prefix, ctx),
                      scaled (nodes_join (&other, _SAEKIN_Q_SYNONYM), SCALE_COMPLETION));
    }
    if (p->wildcard && p->a.n == 1 && p->a.words[0].word) {
        /* Words are indexed by their stems (document.c): look among the
         * words that have none and among the stems. */
        nodes_t any = { 0 };
        for (int stem = 0; stem < 2; stem++) {
            char *t = NULL;
            if (asprintf (&t, "%s%s%s", prefix, stem ? _SAEKIN_PREFIX_STEM : "",
                          p->a.words[0].word)
                < 0)
                break;
            _saekin_qnode_t *w = _saekin_qnode_new (_SAEKIN_Q_WILDCARD);
            if (w)
                w->term = t;
            else
                free (t);
            nodes_push (&any, w);
        }
        return nodes_join (&any, _SAEKIN_Q_OR);
    }
    if (p->phrase && p->a.n > 1)
        return phrase_of (&p->a, prefix);
    return chunk_clause (&p->a, prefix, ctx);
}

/* ---- the vocabulary ---- */

/* The name chunks FIRST..FIRST+N of PS spell, joined by spaces; with
 * STEMMED, the last chunk without its Korean particle (키 관리 서비스를).
 * A malloc'd string, or NULL when there is no such form (or no memory). */
static char *
span_name (const parts_t *ps, size_t first, size_t n, bool stemmed)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen (ps->parts[first + i].text) + 1;
    char *name = malloc (len + 1), *o = name;
    if (! name)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const part_t *p = &ps->parts[first + i];
        const char *t = p->text;
        if (stemmed && i == n - 1) {
            /* Korean particles only: an English stem is no name. */
            const qword_t *w = &p->a.words[p->a.n - 1];
            if (! (p->a.n == 1 && w->stem && w->word && strcmp (w->stem, w->word) != 0
                   && (unsigned char) w->stem[0] >= 0xE0)) {
                free (name);
                return NULL;
            }
            t = w->stem;
        }
        o += sprintf (o, "%s%s", i ? " " : "", t);
    }
    return name;
}

/* The concept of the vocabulary named by chunks FIRST..FIRST+N of PS. */
static const _saekin_concept_t *
concept_at (const parts_t *ps, size_t first, size_t n, const _saekin_query_ctx_t *ctx)
{
    const _saekin_concept_t *c = NULL;
    for (int stemmed = 0; stemmed < 2 && ! c && ctx->vocab; stemmed++) {
        char *name = span_name (ps, first, n, stemmed);
        if (name)
            c = _saekin_vocabulary_find (ctx->vocab, name);
        free (name);
    }
    return c;
}

/* ---- the pairs the notes teach ---- */

/* At most this many other sides of one learned pair join the query. */
#define PAIRS_MAX_NAMES 8

typedef struct {
    const char *key; /* the side asked for, as pairs.c stores it */
    size_t key_len;
    _saekin_concept_t *c; /* the other sides go to c->aliases */
    _saekin_xreader_t *reader;
    bool failed;
} pair_lookup_t;

static int
on_pair_term (void *vctx, const char *term)
{
    pair_lookup_t *l = vctx;
    if (l->c->n_aliases == PAIRS_MAX_NAMES)
        return 1;
    const char *other = term + strlen (_SAEKIN_PREFIX_PAIR) + l->key_len + 1;
    char *copy = strdup (other);
    char **a = copy ? realloc (l->c->aliases, (l->c->n_aliases + 1) * sizeof *a) : NULL;
    if (! a) {
        free (copy);
        l->failed = true;
        return 1;
    }
    l->c->aliases = a;
    a[l->c->n_aliases++] = copy;
    return 0;
}

/* Fill C with the pair the notes teach for chunks FIRST..FIRST+N of PS:
 * its name the span, its aliases the other sides written beside it
 * (pairs.h).  True when there is one. */
static bool
learned_at (const parts_t *ps, size_t first, size_t n, const _saekin_query_ctx_t *ctx,
            _saekin_concept_t *c)
{
    if (! ctx->reader)
        return false;
    for (int stemmed = 0; stemmed < 2; stemmed++) {
        char *name = span_name (ps, first, n, stemmed);
        char *key = name ? _saekin_pairs_key (name, strlen (name)) : NULL;
        char *prefix = NULL;
        if (key && *key && asprintf (&prefix, "%s%s\t", _SAEKIN_PREFIX_PAIR, key) < 0)
            prefix = NULL;
        memset (c, 0, sizeof *c);
        if (prefix) {
            pair_lookup_t l = { key, strlen (key), c, ctx->reader, false };
            _saekin_xreader_terms_with_prefix (ctx->reader, prefix, on_pair_term, &l);
        }
        free (prefix);
        free (key);
        if (c->n_aliases) {
            c->name = name;
            return true;
        }
        free (name);
    }
    return false;
}

static int
any_term (void *ctx, const char *term)
{
    (void) term;
    *(bool *) ctx = true;
    return 1;
}

/* Whether some learned pair starts with chunk FIRST's word: one look in
 * the index spares the longer spans' lookups for the words that start
 * none (most of them). */
static bool
pairs_start_at (const parts_t *ps, size_t first, const _saekin_query_ctx_t *ctx)
{
    if (! ctx->reader)
        return false;
    const part_t *p = &ps->parts[first];
    bool found = false;
    for (int stemmed = 0; stemmed < 2 && ! found; stemmed++) {
        const char *w = stemmed ? p->a.n == 1 ? p->a.words[0].stem : NULL : p->text;
        char *key = w ? _saekin_pairs_key (w, strlen (w)) : NULL;
        char *prefix = NULL;
        if (key && *key && asprintf (&prefix, "%s%s", _SAEKIN_PREFIX_PAIR, key) >= 0)
            _saekin_xreader_terms_with_prefix (ctx->reader, prefix, any_term, &found);
        free (prefix);
        free (key);
    }
    return found;
}

static void
learned_clear (_saekin_concept_t *c)
{
    free (c->name);
    for (size_t i = 0; i < c->n_aliases; i++)
        free (c->aliases[i]);
    free (c->aliases);
    memset (c, 0, sizeof *c);
}

/* Whether the analysed NAME is the same words as chunks FIRST..FIRST+N. */
static bool
same_words (const chunk_t *name, const parts_t *ps, size_t first, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const chunk_t *c = &ps->parts[first + i].a;
        for (size_t j = 0; j < c->n; j++, k++) {
            if (k >= name->n)
                return false;
            const char *a = name->words[k].stem ? name->words[k].stem
                                                : name->words[k].word;
            const char *b = c->words[j].stem ? c->words[j].stem : c->words[j].word;
            if (! a || ! b || strcmp (a, b) != 0)
                return false;
        }
    }
    return k == name->n;
}

/* One other name of a concept as a clause: a single word with its stem,
 * or the phrase of its words. */
static _saekin_qnode_t *
name_clause (const chunk_t *name, const char *field)
{
    if (name->n > 1)
        return phrase_of (name, field);
    const qword_t *w = &name->words[0];
    nodes_t syn = { 0 };
    if (w->word)
        nodes_push (&syn, field_term (field, w->word));
    if (w->stem) {
        char *t = NULL;
        if (asprintf (&t, "%s%s", field, _SAEKIN_PREFIX_STEM) >= 0)
            nodes_push (&syn, field_term (t, w->stem));
        free (t);
    }
    return nodes_join (&syn, _SAEKIN_Q_SYNONYM);
}

/* Every name of concept C but the words typed (chunks FIRST..FIRST+N), as
 * one synonym: a passage naming the concept twice is not worth more than
 * one naming it once by its commonest name.  NULL when C has no other
 * name (or out of memory: the query then goes without). */
static _saekin_qnode_t *
concept_clause (const _saekin_concept_t *c, const parts_t *ps, size_t first, size_t n,
                const char *field, _saekin_termset_t *highlight)
{
    nodes_t names = { 0 };
    char **seen = NULL;
    size_t n_seen = 0;
    for (size_t i = 0; i <= c->n_aliases && names.n < VOCAB_MAX_NAMES; i++) {
        const char *s = i == 0 ? c->name : c->aliases[i - 1];
        /* "AWS Key Management Service" is also written without the
         * vendor: the phrase of the rest finds both. */
        s += _saekin_vocabulary_vendor_prefix (s);
        chunk_t a;
        /* A passage found by another name shows that name highlighted
         * (KMS for 키 관리 서비스). */
        if (analyze_text (s, strlen (s), &a, highlight) < 0 || a.n == 0
            || same_words (&a, ps, first, n)) {
            chunk_clear (&a);
            continue;
        }
        _saekin_qnode_t *cl = name_clause (&a, field);
        chunk_clear (&a);
        char *key = cl ? _saekin_qnode_describe (cl) : NULL;
        bool dup = ! key;
        for (size_t k = 0; key && k < n_seen && ! dup; k++)
            dup = strcmp (seen[k], key) == 0;
        char **ns = dup ? NULL : realloc (seen, (n_seen + 1) * sizeof *ns);
        if (! ns) {
            free (key);
            _saekin_qnode_free (cl);
            continue;
        }
        seen = ns;
        seen[n_seen++] = key;
        nodes_push (&names, cl);
    }
    for (size_t k = 0; k < n_seen; k++)
        free (seen[k]);
    free (seen);
    return nodes_join (&names, _SAEKIN_Q_SYNONYM);
}

/* ---- units ---- */

/* A unit of the query: ANY for "may match", ALL for "matches every
 * unit"; the two are separate trees (a tree has one owner). */
typedef struct {
    _saekin_qnode_t *any;
    _saekin_qnode_t *all;
    bool weak; /* a question word (차이, 방법, 왜): may match, never required */
    bool asks; /* and one that asks (왜), not a verb around it (하는) */
    size_t first, n_parts;            /* the chunks of the query it stands for */
    const _saekin_concept_t *concept; /* the concept they name, or NULL */
} unit_t;

#define MAX_CONCEPTS 8

typedef struct {
    unit_t *items;
    size_t n;
    bool failed;
    const _saekin_concept_t *concepts[MAX_CONCEPTS]; /* those named */
    size_t n_concepts;
    _saekin_concept_t learned[MAX_CONCEPTS]; /* pairs from the notes, owned */
    size_t n_learned;
    _saekin_termset_t *highlight; /* where other names' terms go, or NULL */
} units_t;

static void
units_push (units_t *u, _saekin_qnode_t *any, _saekin_qnode_t *all, size_t first,
            size_t n_parts)
{
    unit_t *p = any && all ? realloc (u->items, (u->n + 1) * sizeof *p) : NULL;
    if (! p) {
        _saekin_qnode_free (any);
        _saekin_qnode_free (all);
        u->failed = true;
        return;
    }
    u->items = p;
    u->items[u->n++] =
        (unit_t){ .any = any, .all = all, .first = first, .n_parts = n_parts };
}

/* Words that make a query a question (프로세스와 스레드 차이, X 방법, 왜
 * X, question.h): they name no thing, so a passage need not hold them
 * and they alone pull nothing up. */
enum { NOT_QUESTION, QUESTION_VERB, QUESTION_ASKS };

/* Whether the one word of P, as typed or as its stem, is one IS says. */
static bool
word_is (const part_t *p, bool (*is) (const char *))
{
    if (p->a.n != 1)
        return false;
    const qword_t *w = &p->a.words[0];
    return (w->word && is (w->word)) || (w->stem && is (w->stem));
}

static int
question_kind (const part_t *p)
{
    return word_is (p, _saekin_question_asks)   ? QUESTION_ASKS
           : word_is (p, _saekin_question_verb) ? QUESTION_VERB
                                                : NOT_QUESTION;
}

static bool
is_question_word (const part_t *p)
{
    return question_kind (p) != NOT_QUESTION;
}

/* The stem of P's one word (its word when it has none), or NULL. */
static const char *
one_stem (const part_t *p)
{
    if (p->a.n != 1)
        return NULL;
    const qword_t *w = &p->a.words[0];
    return w->stem ? w->stem : w->word;
}

/* The question group P's word asks (question.h), or -1. */
static int
question_group (const part_t *p)
{
    const char *s = one_stem (p);
    return s ? _saekin_question_group (s) : -1;
}

/* A question word asks the same as its kin (X 하는 이유 is 왜 X; X 방법
 * is X 어떻게): CL, or any of them, as one. */
static _saekin_qnode_t *
with_question_kin (_saekin_qnode_t *cl, const part_t *p, const char *field)
{
    size_t n_asking = 0;
    const char *const *kin = _saekin_question_kin (question_group (p), &n_asking);
    const char *s = one_stem (p);
    for (size_t k = 0; kin && s && k < n_asking; k++) {
        if (strcmp (s, kin[k]) != 0)
            continue;
        char *zf = NULL;
        if (asprintf (&zf, "%s%s", field, _SAEKIN_PREFIX_STEM) < 0)
            return cl;
        nodes_t syn = { 0 };
        nodes_push (&syn, cl);
        for (size_t j = 0; kin[j]; j++)
            if (j != k)
                nodes_push (&syn, field_term (zf, kin[j]));
        free (zf);
        return nodes_join (&syn, _SAEKIN_Q_OR);
    }
    return cl;
}

static void
units_clear (units_t *u)
{
    for (size_t i = 0; i < u->n; i++) {
        _saekin_qnode_free (u->items[i].any);
        _saekin_qnode_free (u->items[i].all);
    }
    free (u->items);
    for (size_t i = 0; i < u->n_learned; i++)
        learned_clear (&u->learned[i]);
    memset (u, 0, sizeof *u);
}

/* The joined form of single-word chunks I and I+1 when the index knows
 * it (가용 영역 -> 가용영역, dead letter -> deadletter, the PART term of
 * dead-letter), else NULL. */
static _saekin_qnode_t *
joined_form (const parts_t *ps, size_t i, const _saekin_query_ctx_t *ctx,
             const char *field)
{
    const chunk_t *a = &ps->parts[i].a, *b = &ps->parts[i + 1].a;
    if (a->n != 1 || b->n != 1 || ! a->words[0].word || ! b->words[0].word)
        return NULL;
    /* The first word as typed (no particle can sit inside a compound),
     * the second as the notes may inflect it. */
    char *w = NULL, *s = NULL;
    _saekin_qnode_t *r = NULL;
    const char *bs = b->words[0].stem ? b->words[0].stem : b->words[0].word;
    if (asprintf (&w, "%s%s", a->words[0].word, b->words[0].word) >= 0
        && asprintf (&s, "%s%s", a->words[0].word, bs) >= 0) {
        nodes_t syn = { 0 };
        char *zf = NULL;
        if (asprintf (&zf, "%s%s", field, _SAEKIN_PREFIX_STEM) < 0)
            zf = NULL;
        if (termfreq (ctx, "", w) > 0)
            nodes_push (&syn, field_term (field, w));
        if (zf && termfreq (ctx, _SAEKIN_PREFIX_STEM, s) > 0)
            nodes_push (&syn, field_term (zf, s));
        free (zf);
        r = nodes_join (&syn, _SAEKIN_Q_SYNONYM);
    }
    free (w);
    free (s);
    return r;
}

/* Chunks FIRST..FIRST+N naming a concept: the words as typed (any of
 * them; all of them for the AND), or another name of the concept. */
static void
concept_unit (units_t *u, const parts_t *ps, size_t first, size_t n,
              const _saekin_concept_t *c, const _saekin_query_ctx_t *ctx,
              const char *field)
{
    nodes_t any = { 0 }, all = { 0 };
    for (size_t i = 0; i < n; i++) {
        _saekin_qnode_t *cl = part_clause (&ps->parts[first + i], ctx, field);
        nodes_push (&all, clone (cl));
        nodes_push (&any, cl);
    }
    _saekin_qnode_t *names = concept_clause (c, ps, first, n, field, u->highlight);
    _saekin_qnode_t *all_node = nodes_join (&all, _SAEKIN_Q_AND);
    /* Two words typed apart, written joined: the words themselves. */
    _saekin_qnode_t *joined = n == 2 && plain (ps, first) && plain (ps, first + 1)
                                  ? joined_form (ps, first, ctx, field)
                                  : NULL;
    if (joined) {
        joined = scaled (joined, SCALE_JOINED);
        nodes_push (&any, clone (joined));
        all_node = join2 (_SAEKIN_Q_OR, all_node, joined);
    }
    if (names) {
        _saekin_qnode_t *names2 = clone (names);
        nodes_push (&any, scaled (names, SCALE_VOCAB));
        all_node = join2 (_SAEKIN_Q_OR, all_node, scaled (names2, SCALE_VOCAB));
    }
    units_push (u, nodes_join (&any, _SAEKIN_Q_OR), all_node, first, n);
    if (! u->failed)
        u->items[u->n - 1].concept = c;
}

/* Turn the positive chunks of PS into units. */
static void
make_units (const parts_t *ps, const _saekin_query_ctx_t *ctx, const char *field,
            units_t *u)
{
    for (size_t i = 0; i < ps->n && ! u->failed; i++) {
        const part_t *p = &ps->parts[i];
        if (p->neg)
            continue;
        if (p->or_prev && u->n) {
            /* "a OR b": widen the last unit. */
            unit_t *last = &u->items[u->n - 1];
            _saekin_qnode_t *cl = part_clause (p, ctx, field);
            _saekin_qnode_t *cl2 = clone (cl);
            last->any = join2 (_SAEKIN_Q_OR, last->any, cl);
            last->all = join2 (_SAEKIN_Q_OR, last->all, cl2);
            last->n_parts = 0; /* no longer one way of naming it */
            if (! last->any || ! last->all)
                u->failed = true;
            continue;
        }
        if (plain (ps, i) && ctx && (ctx->vocab || ctx->reader)) {
            size_t run = 0;
            while (i + run < ps->n && run < VOCAB_MAX_WORDS && plain (ps, i + run))
                run++;
            const _saekin_concept_t *c = NULL;
            size_t n = run;
            for (; n > 0 && ! c; n--)
                c = concept_at (ps, i, n, ctx);
            /* The shipped vocabulary first; else a pair the notes teach. */
            bool maybe = ! c && u->n_learned < MAX_CONCEPTS
                         && pairs_start_at (ps, i, ctx);
            for (n = c ? n : run; maybe && ! c && n > 0; n--)
                if (learned_at (ps, i, n, ctx, &u->learned[u->n_learned]))
                    c = &u->learned[u->n_learned++];
            if (c) {
                n++;
                concept_unit (u, ps, i, n, c, ctx, field);
                if (u->n_concepts < MAX_CONCEPTS)
                    u->concepts[u->n_concepts++] = c;
                i += n - 1;
                continue;
            }
        }
        if (plain (ps, i) && i + 1 < ps->n && plain (ps, i + 1)) {
            _saekin_qnode_t *joined = joined_form (ps, i, ctx, field);
            if (joined) {
                _saekin_qnode_t *a = part_clause (p, ctx, field);
                _saekin_qnode_t *b = part_clause (&ps->parts[i + 1], ctx, field);
                /* The joined form stands for both words: weigh it so. */
                joined = scaled (joined, SCALE_JOINED);
                _saekin_qnode_t *j2 = clone (joined);
                _saekin_qnode_t *all = join2 (
                    _SAEKIN_Q_OR, join2 (_SAEKIN_Q_AND, clone (a), clone (b)), j2);
                _saekin_qnode_t *kids[3] = { a, b, joined };
                units_push (u, join (_SAEKIN_Q_OR, kids, 3), all, i, 2);
                i++;
                continue;
            }
        }
        _saekin_qnode_t *cl = part_clause (p, ctx, field);
        int question = plain (ps, i) ? question_kind (p) : 0;
        if (question)
            cl = with_question_kin (cl, p, field);
        units_push (u, cl, clone (cl), i, 1);
        if (! u->failed && question) {
            u->items[u->n - 1].weak = true;
            u->items[u->n - 1].asks = question == QUESTION_ASKS;
        }
    }
}

/* Titles holding every thing the query names and a word that asks of
 * them, when the query asks (X 하는 이유, X와 Y 차이); else NULL. */
static _saekin_qnode_t *
asked_clause (const parts_t *ps, const units_t *u, const _saekin_query_ctx_t *ctx)
{
    bool asks = false;
    for (size_t i = 0; i < u->n; i++)
        asks |= u->items[i].asks;
    if (! asks)
        return NULL; /* (and the titles' units are not worth making) */
    units_t t = { 0 };
    make_units (ps, ctx, _SAEKIN_PREFIX_TITLE, &t);
    nodes_t things = { 0 }, asking = { 0 };
    for (size_t i = 0; i < t.n && ! t.failed; i++) {
        unit_t *it = &t.items[i];
        if (it->asks) {
            nodes_push (&asking, it->any);
            it->any = NULL;
        } else if (! it->weak) {
            nodes_push (&things, it->all);
            it->all = NULL;
        }
    }
    _saekin_qnode_t *r = NULL;
    if (! t.failed && things.n && asking.n) {
        nodes_push (&things, nodes_join (&asking, _SAEKIN_Q_OR));
        /* (a table of contents' line has a title field too, but names
         * what another passage answers) */
        r = join2 (_SAEKIN_Q_AND_NOT, nodes_join (&things, _SAEKIN_Q_AND),
                   field_term (_SAEKIN_PREFIX_NAVIGATION, ""));
    } else {
        nodes_clear (&asking);
        nodes_clear (&things);
    }
    units_clear (&t);
    return r;
}

/* Add the key term of TEXT to L unless it is there already. */
static void
push_key (nodes_t *l, const char *prefix, const char *text)
{
    char *key = _saekin_document_key (text, strlen (text));
    if (! key) {
        l->failed = true;
        return;
    }
    bool dup = ! *key;
    for (size_t i = 0; i < l->n && ! dup; i++)
        dup = strcmp (l->items[i]->term + strlen (prefix), key) == 0;
    if (! dup)
        nodes_push (l, field_term (prefix, key));
    free (key);
}

/* At most this many keys join the names of several concepts. */
#define MAX_COMBINED_KEYS 24
/* Of each concept, this many names at most. */
#define COMBINED_NAMES 4

/* The text of chunks FIRST..FIRST+N of PS, joined by spaces, into BUF. */
static void
typed_text (const parts_t *ps, size_t first, size_t n, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = first; i < first + n && i < ps->n; i++)
        len += (size_t) snprintf (buf + len, len < cap ? cap - len : 0, "%s%s",
                                  len ? " " : "", ps->parts[i].text);
}

/* Titles in the other language, or naming the things otherwise:
 * "Cookie & Session" for 쿠키 세션 차이.  Every way of naming each unit of
 * U (as typed, or by a name of its concept), joined in the query's order,
 * as a key into KEYS; question words left out.  Only for two to four
 * units, one of them a concept. */
static void
combined_keys (const parts_t *ps, const units_t *u, const char *prefix, nodes_t *keys)
{
    const unit_t *named[4];
    size_t n = 0, choices[4], at[4] = { 0 }, total = 1;
    bool concept = false;
    for (size_t i = 0; i < u->n; i++) {
        const unit_t *it = &u->items[i];
        if (it->weak)
            continue;
        if (it->n_parts == 0 || n == 4)
            return;
        concept |= it->concept != NULL;
        size_t names = it->concept ? 1 + it->concept->n_aliases : 0;
        choices[n] = 1 + (names < COMBINED_NAMES ? names : COMBINED_NAMES);
        total *= choices[n];
        named[n++] = it;
    }
    if (n < 2 || ! concept)
        return;
    char buf[1024], part[512];
    for (size_t made = 0; made < MAX_COMBINED_KEYS && made + 1 < total;) {
        /* The next way (the first, all as typed, is the typed key). */
        size_t k = 0;
        while (k < n && ++at[k] == choices[k])
            at[k++] = 0;
        if (k == n)
            break;
        size_t len = 0;
        for (size_t j = 0; j < n; j++) {
            const unit_t *it = named[j];
            if (at[j] == 0)
                typed_text (ps, it->first, it->n_parts, part, sizeof part);
            else
                snprintf (part, sizeof part, "%s",
                          at[j] == 1 ? it->concept->name
                                     : it->concept->aliases[at[j] - 2]);
            len += (size_t) snprintf (buf + len, len < sizeof buf ? sizeof buf - len : 0,
                                      "%s%s", j ? " " : "", part);
        }
        if (len < sizeof buf)
            push_key (keys, prefix, buf);
        made++;
    }
}

/* Titles that are just what was typed, or just a name of a concept the
 * query names: the words of the positive chunks as one key, and every
 * name of the concepts. */
static _saekin_qnode_t *
key_clause (const parts_t *ps, const units_t *u, const char *prefix)
{
    nodes_t keys = { 0 };
    size_t len = 1;
    for (size_t i = 0; i < ps->n; i++)
        len += strlen (ps->parts[i].text) + 1;
    char *all = malloc (len), *o = all;
    if (! all)
        return NULL;
    *o = '\0';
    /* Question words (차이, 방법) are in no title's key: 프로세스와 스레드
     * 차이 asks for the section "프로세스와 스레드". */
    bool asked = false;
    for (size_t i = 0; i < ps->n; i++)
        asked |= ! ps->parts[i].neg && ! is_question_word (&ps->parts[i]);
    for (size_t i = 0; i < ps->n; i++)
        if (! ps->parts[i].neg && ! ps->parts[i].wildcard && ! ps->parts[i].or_prev
            && ! (asked && is_question_word (&ps->parts[i])))
            o += sprintf (o, "%s%s", o > all ? " " : "", ps->parts[i].text);
    push_key (&keys, prefix, all);
    free (all);
    if (keys.failed || keys.n == 0) {
        nodes_clear (&keys);
        return NULL;
    }
    /* The concepts' names weigh less than the words typed. */
    size_t typed = keys.n;
    /* A title naming one thing the query names answers a query of that
     * thing (with what it asks of it: 교착 상태 발생 조건), or of nothing
     * but such things (수평 확장 수직 확장); not a sentence relating
     * several to more words (스레드마다 스택을 따로 할당하는 이유:
     * "Stack" is no answer). */
    size_t strong = 0, named = 0, things = 0;
    for (size_t i = 0; i < u->n; i++)
        if (! u->items[i].weak) {
            strong += u->items[i].n_parts;
            named += u->items[i].concept ? u->items[i].n_parts : 0;
            things++;
        }
    /* But a title naming one of two things compared (Semaphore, for
     * 뮤텍스와 세마포어 차이) answers no comparison. */
    bool compares = false;
    for (size_t i = 0; i < ps->n; i++)
        compares |= ! ps->parts[i].neg && word_is (&ps->parts[i], _saekin_question_compares);
    bool names_answer = (u->n_concepts == 1 || named == strong) && ! (compares && things > 1);
    for (size_t c = 0; names_answer && c < u->n_concepts; c++) {
        const _saekin_concept_t *k = u->concepts[c];
        push_key (&keys, prefix, k->name);
        for (size_t i = 0; i < k->n_aliases; i++)
            push_key (&keys, prefix, k->aliases[i]);
    }
    combined_keys (ps, u, prefix, &keys);
    if (keys.failed) {
        nodes_clear (&keys);
        return NULL;
    }
    _saekin_qnode_t *typed_key = keys.items[0];
    nodes_t names = { 0 };
    for (size_t i = typed; i < keys.n; i++)
        nodes_push (&names, keys.items[i]);
    free (keys.items);
    if (names.n == 0)
        return typed_key;
    return join2 (_SAEKIN_Q_OR, typed_key,
                  scaled (nodes_join (&names, _SAEKIN_Q_OR), SCALE_VOCAB));
}

/* The typed words of the plain chunks, for the closeness boost: stems,
 * so that inflected forms count as close too. */
static _saekin_qnode_t *
near_words (const parts_t *ps)
{
    nodes_t terms = { 0 };
    for (size_t i = 0; i < ps->n; i++) {
        const part_t *p = &ps->parts[i];
        if (p->neg || p->title || p->wildcard || p->or_prev
            || (i + 1 < ps->n && ps->parts[i + 1].or_prev))
            continue;
        for (size_t j = 0; j < p->a.n; j++)
            if (p->a.words[j].word || p->a.words[j].stem)
                nodes_push (&terms, phrase_term (&p->a.words[j], ""));
    }
    if (terms.failed || terms.n < 2) {
        nodes_clear (&terms);
        return NULL;
    }
    size_t n = terms.n;
    _saekin_qnode_t *near = nodes_join (&terms, _SAEKIN_Q_PHRASE);
    if (near)
        near->window = (unsigned) n + 1;
    return near;
}

/* TOP kept to the passages matching every node of FILTERS (which add no
 * weight) and none of NEGATIVE; both lists are taken.  NULL when out of
 * memory. */
static _saekin_qnode_t *
with_filters (_saekin_qnode_t *top, nodes_t *filters, nodes_t *negative)
{
    if (top && filters->n) {
        nodes_t f = { 0 };
        nodes_push (&f, top);
        for (size_t i = 0; i < filters->n; i++)
            nodes_push (&f, filters->items[i]);
        free (filters->items);
        memset (filters, 0, sizeof *filters);
        top = nodes_join (&f, _SAEKIN_Q_FILTER);
    }
    if (top && negative->n) {
        nodes_t not = { 0 };
        nodes_push (&not, top);
        for (size_t i = 0; i < negative->n; i++)
            nodes_push (&not, negative->items[i]);
        free (negative->items);
        memset (negative, 0, sizeof *negative);
        top = nodes_join (&not, _SAEKIN_Q_AND_NOT);
    }
    nodes_clear (filters);
    nodes_clear (negative);
    return top;
}

/* Append to TO the words of FROM it lacks, up to MAX; FROM is emptied. */
static int
words_merge (_saekin_words_t *to, _saekin_words_t *from, size_t max)
{
    if (! to->words) {
        *to = *from;
        memset (from, 0, sizeof *from);
    }
    for (size_t i = 0; i < from->n; i++) {
        bool dup = to->n >= max;
        for (size_t k = 0; k < to->n && ! dup; k++)
            dup = strcmp (to->words[k], from->words[i]) == 0;
        char **w = dup ? NULL : realloc (to->words, (to->n + 1) * sizeof *w);
        size_t *f = w ? realloc (to->freqs, (to->n + 1) * sizeof *f) : NULL;
        if (w)
            to->words = w;
        if (f)
            to->freqs = f;
        if (! dup && (! w || ! f)) {
            _saekin_words_clear (from);
            return -1;
        }
        if (! dup) {
            to->words[to->n] = from->words[i];
            to->freqs[to->n++] = from->freqs[i];
            from->words[i] = NULL;
        }
    }
    _saekin_words_clear (from);
    return 0;
}

/* The word being typed (the last chunk, marked by parse()) is taken as
 * the index word it most likely becomes, and its other words go to its
 * DONE and HIGHLIGHT.  Likeliest are those that make, with the chunk
 * before, a title ("visibility time" -> Visibility Timeout) or a
 * compound the notes write (보안 그 -> 보안그룹), then the most frequent.
 * Without any, the chunk is searched as typed, or left out when it has
 * no word of its own (a lone ㄱ that nothing starts with). */
static saekin_status_t
complete_last (parts_t *ps, const _saekin_query_ctx_t *ctx, _saekin_termset_t *highlight)
{
    part_t *p = ps->n ? &ps->parts[ps->n - 1] : NULL;
    if (! p || ! p->prefix)
        return SAEKIN_STATUS_SUCCESS;
    saekin_status_t st = SAEKIN_STATUS_SUCCESS;
    _saekin_words_t all = { 0 }, some = { 0 };
    char *folded = NULL, *field = NULL;
    if (ctx && ctx->reader) {
        /* The one fold of the analyser (so Ｔime and TIME are time). */
        if (! (folded = _saekin_fold (p->text, strlen (p->text), NULL)))
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        const part_t *prev = ps->n > 1 ? &ps->parts[ps->n - 2] : NULL;
        if (prev && ! prev->neg && ! prev->wildcard) {
            char *key = _saekin_document_key (prev->text, strlen (prev->text));
            if (key && *key && asprintf (&field, "%s%s ", _SAEKIN_PREFIX_KEY, key) >= 0) {
                st = _saekin_spell_complete (ctx->reader, field, folded, MAX_COMPLETIONS,
                                             &some);
                if (st == SAEKIN_STATUS_SUCCESS
                    && words_merge (&all, &some, MAX_COMPLETIONS) < 0)
                    st = SAEKIN_STATUS_OUT_OF_MEMORY;
                free (field);
                field = NULL;
            }
            free (key);
            const qword_t *w = prev->a.n == 1 ? &prev->a.words[0] : NULL;
            const char *stem = w && w->stem ? w->stem : w ? w->word : NULL;
            if (st == SAEKIN_STATUS_SUCCESS && stem
                && asprintf (&field, "%s%s", _SAEKIN_PREFIX_STEM, stem) >= 0) {
                st = _saekin_spell_complete (ctx->reader, field, folded, MAX_COMPLETIONS,
                                             &some);
                if (st == SAEKIN_STATUS_SUCCESS
                    && words_merge (&all, &some, MAX_COMPLETIONS) < 0)
                    st = SAEKIN_STATUS_OUT_OF_MEMORY;
                free (field);
            }
        }
        if (st == SAEKIN_STATUS_SUCCESS)
            st = _saekin_spell_complete (ctx->reader, _SAEKIN_PREFIX_STEM, folded,
                                         MAX_COMPLETIONS, &some);
        if (st == SAEKIN_STATUS_SUCCESS && words_merge (&all, &some, MAX_COMPLETIONS) < 0)
            st = SAEKIN_STATUS_OUT_OF_MEMORY;
        free (folded);
    }
    _saekin_words_clear (&some);
    for (size_t i = 0; st == SAEKIN_STATUS_SUCCESS && highlight && i < all.n; i++)
        if (_saekin_termset_add (highlight, all.words[i]) < 0)
            st = SAEKIN_STATUS_OUT_OF_MEMORY;
    if (st == SAEKIN_STATUS_SUCCESS && all.n) {
        /* The likeliest word as if typed; the rest as alternatives. */
        chunk_t a;
        if (analyze_text (all.words[0], strlen (all.words[0]), &a, highlight) < 0) {
            _saekin_words_clear (&all);
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        }
        chunk_clear (&p->a);
        p->a = a;
        free (p->text);
        p->text = all.words[0];
        memmove (all.words, all.words + 1, (all.n - 1) * sizeof *all.words);
        memmove (all.freqs, all.freqs + 1, (all.n - 1) * sizeof *all.freqs);
        all.n--;
        p->done = all;
        return SAEKIN_STATUS_SUCCESS;
    }
    _saekin_words_clear (&all);
    if (st != SAEKIN_STATUS_SUCCESS)
        return st;
    p->prefix = false;
    if (p->a.n == 0) {
        free (p->text);
        chunk_clear (&p->a);
        ps->n--;
    }
    return SAEKIN_STATUS_SUCCESS;
}

/* Whether the chunks of PS hold more words or prefix* than a query may
 * (see QUERY_MAX_WORDS), with the message saying so in *ERROR. */
static bool
too_costly (const parts_t *ps, char **error)
{
    size_t words = 0, wildcards = 0;
    for (size_t i = 0; i < ps->n; i++) {
        words += ps->parts[i].a.n;
        wildcards += ps->parts[i].wildcard;
    }
    int r = 0;
    if (words > QUERY_MAX_WORDS)
        r = error ? asprintf (error,
                              "the query is too long: %zu words, at most %d (shorten "
                              "it)",
                              words, QUERY_MAX_WORDS)
                  : 0;
    else if (wildcards > QUERY_MAX_WILDCARDS)
        r = error ? asprintf (error, "the query has %zu prefix* searches, at most %d",
                              wildcards, QUERY_MAX_WILDCARDS)
                  : 0;
    else
        return false;
    if (r < 0 && error)
        *error = NULL;
    return true;
}

saekin_status_t
_saekin_query_build (const char *query, const _saekin_query_ctx_t *ctx,
                     _saekin_qnode_t **tree, _saekin_termset_t *highlight, char **error)
{
    *tree = NULL;
    if (error)
        *error = NULL;
    if (! query || ! _saekin_u8_valid (query, strlen (query))) {
        if (error)
            *error = strdup ("the query is not valid UTF-8");
        return SAEKIN_STATUS_BAD_QUERY;
    }
    parts_t ps = { 0 };
    filters_t fl = { 0 };
    saekin_status_t st = SAEKIN_STATUS_SUCCESS;
    int parsed = parse (query, &ps, &fl, highlight, ctx && ctx->prefix);
    if (parsed == -1 || fl.filters.failed || fl.not .failed
        || (parsed == 0
            && ((st = complete_last (&ps, ctx, highlight)) != SAEKIN_STATUS_SUCCESS
                || (st = correct_words (&ps, ctx, highlight)) != SAEKIN_STATUS_SUCCESS))) {
        parts_clear (&ps);
        nodes_clear (&fl.filters);
        nodes_clear (&fl.not );
        return st != SAEKIN_STATUS_SUCCESS ? st : SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    if (parsed == -2 || too_costly (&ps, error)) {
        if (parsed == -2 && error
            && asprintf (error,
                         "the query is too long: at most %d different words "
                         "or phrases (shorten it)",
                         QUERY_MAX_CHUNKS)
                   < 0)
            *error = NULL;
        parts_clear (&ps);
        nodes_clear (&fl.filters);
        nodes_clear (&fl.not );
        return SAEKIN_STATUS_BAD_QUERY;
    }
    units_t u = { .highlight = highlight };
    make_units (&ps, ctx, "", &u);
    nodes_t negative = { 0 };
    for (size_t i = 0; i < ps.n; i++)
        if (ps.parts[i].neg)
            nodes_push (&negative, part_clause (&ps.parts[i], ctx, ""));
    /* A -tag: or -path: excludes like a -word. */
    for (size_t i = 0; i < fl.not .n; i++)
        nodes_push (&negative, fl.not .items[i]);
    free (fl.not .items);
    memset (&fl.not, 0, sizeof fl.not );
    if (u.failed || negative.failed) {
        units_clear (&u);
        nodes_clear (&negative);
        nodes_clear (&fl.filters);
        parts_clear (&ps);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    if (u.n == 0 && fl.filters.n) {
        /* Filters alone: every passage of the notes they keep. */
        _saekin_qnode_t *top = _saekin_qnode_new (_SAEKIN_Q_ALL);
        top = with_filters (top, &fl.filters, &negative);
        units_clear (&u);
        parts_clear (&ps);
        *tree = top;
        return top ? SAEKIN_STATUS_SUCCESS : SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    if (u.n == 0) {
        if (error)
            *error = strdup (
                negative.n ? "the query only excludes words: add a word to search for"
                           : "the query has no words to search for");
        units_clear (&u);
        nodes_clear (&negative);
        nodes_clear (&fl.filters);
        parts_clear (&ps);
        return SAEKIN_STATUS_BAD_QUERY;
    }
    /* One unit of one word needs no boosts: they would only double its
     * weight. */
    size_t n_words = 0;
    for (size_t i = 0; i < ps.n; i++)
        if (! ps.parts[i].neg)
            n_words += ps.parts[i].a.n;
    /* The parts of the query, weights added up.  Xapian's AND_MAYBE
     * ("any unit, boosted by the rest") would say it more exactly, but
     * Xapian 1.4 leaves out documents with AND_MAYBE over phrases
     * depending on their docids: a compacted clean build dropped a
     * passage from its best 200 that its best 100 held.  OR never does,
     * and weighs the same here, since every passage matching a boost
     * matches a unit: the words of a title or heading key, and all the
     * units, are words the passage holds. */
    /* A passage whose title asks the question of the things named
     * ("정규화는 왜 할까요?" for 정규화 하는 이유). */
    _saekin_qnode_t *asked = asked_clause (&ps, &u, ctx);
    nodes_t parts = { 0 };
    if (u.n == 1 && n_words == 1) {
        /* One unit of one word needs no "all of them": it would only
         * double its weight. */
        nodes_push (&parts, u.items[0].any);
        u.items[0].any = NULL;
    } else {
        /* Any unit may match; passages matching all of them get their
         * weight again (and typed words side by side a boost: below). */
        nodes_t any = { 0 }, all = { 0 };
        size_t n_weak = 0;
        for (size_t i = 0; i < u.n; i++)
            n_weak += u.items[i].weak;
        for (size_t i = 0; i < u.n; i++) {
            if (u.items[i].weak && n_weak < u.n) {
                /* A question word: weakly, and not among "all of them". */
                nodes_push (&any, scaled (u.items[i].any, SCALE_QUESTION));
                _saekin_qnode_free (u.items[i].all);
            } else {
                nodes_push (&any, u.items[i].any);
                nodes_push (&all, u.items[i].all);
            }
            u.items[i].any = u.items[i].all = NULL;
        }
        nodes_push (&parts, nodes_join (&any, _SAEKIN_Q_OR));
        nodes_push (&parts, scaled (nodes_join (&all, _SAEKIN_Q_AND), SCALE_ALL_WORDS));
    }
    if (asked)
        nodes_push (&parts, scaled (asked, SCALE_ASKED));
    /* A passage whose title is just what was typed (or a name of the
     * concept typed) is what the query is about; so, a little less, is
     * one in a section so titled ("## Overview" under "# Transit
     * Gateway"). */
    _saekin_qnode_t *k = key_clause (&ps, &u, _SAEKIN_PREFIX_KEY);
    if (k)
        nodes_push (&parts, scaled (k, SCALE_KEY));
    /* So is one whose title asks what the query asks of the same things
     * ("정규화의 목적" for 정규화 하는 이유). */
    int group = -1;
    for (size_t i = 0; i < ps.n && group < 0; i++)
        if (! ps.parts[i].neg && question_kind (&ps.parts[i]) == QUESTION_ASKS)
            group = question_group (&ps.parts[i]);
    if (group >= 0) {
        char prefix[_SAEKIN_ASKED_PREFIX_SIZE];
        k = key_clause (&ps, &u, _saekin_document_asked_prefix (group, prefix));
        if (k)
            nodes_push (&parts, scaled (k, SCALE_KEY));
    }
    k = key_clause (&ps, &u, _SAEKIN_PREFIX_PARENT);
    if (k)
        nodes_push (&parts, scaled (k, SCALE_PARENT_KEY));
    _saekin_qnode_t *top = with_filters (nodes_join (&parts, _SAEKIN_Q_OR), &fl.filters,
                                         &negative);
    /* Typed words side by side: a passage saying "read replica" is more
     * about it than one with "read" and "replica" apart.  A phrase boost
     * inside the Xapian query cost 90-95% of a multi-word query's time
     * (every passage holding all the words had its positions read), so
     * the shim checks it on the best matches only, as a factor. */
    _saekin_qnode_t *near = top ? near_words (&ps) : NULL;
    if (near) {
        /* (qnode_add frees the child it could not add) */
        _saekin_qnode_t *prox = _saekin_qnode_new (_SAEKIN_Q_PROXIMITY);
        int failed = ! prox || _saekin_qnode_add (prox, top) < 0;
        if (! prox)
            _saekin_qnode_free (top);
        failed = failed ? (_saekin_qnode_free (near), 1)
                        : _saekin_qnode_add (prox, near) < 0;
        top = prox;
        if (failed) {
            _saekin_qnode_free (top);
            top = NULL;
        } else {
            top->scale = BOOST_ADJACENT;
        }
    }
    units_clear (&u);
    nodes_clear (&negative);
    parts_clear (&ps);
    *tree = top;
    return top ? SAEKIN_STATUS_SUCCESS : SAEKIN_STATUS_OUT_OF_MEMORY;
}
