/* search.c - the searcher: query in, ranked hits with snippets and links
 * out.  Ranking is query.c's and Xapian's; this file turns matches into
 * what a person reads. */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "links.h"
#include "note.h"
#include "query.h"
#include "saekin.h"
#include "settings.h"
#include "snippet.h"
#include "vocabulary.h"
#include "xapian-shim.h"

/* About two terminal lines of mixed Korean and English. */
#define SNIPPET_BYTES 240

/* Ranking leaves to this file only what Xapian cannot weigh: how the
 * hits of one note sit together.  A hit inside a better hit of the same
 * note (a subsection of a section shown) mostly tells the reader nothing
 * new (the section holding a better subsection does: what else it
 * says): it waits, weighing PART_LATER of its weight, and is shown when
 * nothing better is left, pointing to the lines of a long section that
 * other notes do not answer.  A long note must not fill the whole page,
 * so at most MAX_PER_NOTE hits come from one note.  Xapian is asked for more
 * candidates than shown, and for CANDIDATE_GROWTH times more again
 * while they all came and did not fill the page: a bigger first ask
 * costs every query (a lower bar for Xapian's pruning, more documents
 * read), so the first stays small. */
#define MAX_PER_NOTE     4
/* A hit this long (a chapter, a page of questions) leaves the reader to
 * find the lines; its part scoring PART_SHARE of its weight is shown
 * too (tuned on both relevance sets: 20 to 100 lines, 0.75 to 0.85 do
 * about as well). */
#define LONG_HIT_LINES 40
#define PART_SHARE     0.85
/* (tuned on both relevance sets: 0.25 to 0.4 do as well; 0, hiding
 * parts, lost 0.008 on dev and 0.015 on the second set) */
#define PART_LATER 0.3
#define CANDIDATE_FACTOR 2
#define CANDIDATE_EXTRA  10
#define CANDIDATE_GROWTH 4

static size_t
candidates (size_t max)
{
    if (max > (SIZE_MAX - CANDIDATE_EXTRA) / CANDIDATE_FACTOR)
        return max;
    return max * CANDIDATE_FACTOR + CANDIDATE_EXTRA;
}

struct saekin_searcher {
    _saekin_xreader_t *reader;
    _saekin_vocabulary_t *vocab; /* loaded at the first query that needs it */
    saekin_settings_t *settings; /* the caller's, copied at opening */
    char *message;
};

/* What one hit owns behind the borrowed pointers of its saekin_hit_t. */
typedef struct {
    char *file;
    _saekin_entry_t entry;
    char *snippet;
    saekin_span_t *spans;
    saekin_link_t *links;
    char **link_urls; /* per link: its cleaned URL, NUL, then its text
                         * (a copy: vocabulary names die with the
                         * vocabulary, hits may outlive it) */
} hit_store_t;

struct saekin_hits {
    size_t n;
    size_t estimate; /* passages matching, as Xapian estimates */
    saekin_hit_t *hits;
    hit_store_t *store;
    _saekin_corrections_t fixes;      /* as the query builder made them */
    saekin_correction_t *corrections; /* the same, applied ones first */
    size_t n_applied;
};

static void
set_message (saekin_searcher_t *s, const char *msg)
{
    free (s->message);
    s->message = msg ? strdup (msg) : NULL;
}

const char *
saekin_searcher_status_string (const saekin_searcher_t *s)
{
    return s && s->message ? s->message : "no error";
}

saekin_status_t
saekin_searcher_open_with_settings (const char *const *db_paths, size_t n_dbs,
                                    const saekin_settings_t *settings,
                                    saekin_searcher_t **searcher, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (! searcher)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *searcher = NULL;
    bool null_path = false;
    for (size_t i = 0; db_paths && i < n_dbs; i++)
        null_path |= ! db_paths[i];
    if (! db_paths || n_dbs == 0 || null_path) {
        if (error_message)
            *error_message = strdup ("no index given");
        return SAEKIN_STATUS_BAD_ARGUMENT;
    }
    saekin_searcher_t *s = calloc (1, sizeof *s);
    if (! s)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    saekin_status_t st = _saekin_settings_copy (settings, &s->settings);
    if (st == SAEKIN_STATUS_SUCCESS)
        st = _saekin_xreader_open (db_paths, n_dbs, &s->reader, error_message);
    if (st != SAEKIN_STATUS_SUCCESS) {
        saekin_settings_free (s->settings);
        free (s);
        return st;
    }
    _saekin_xreader_set_time_limit (s->reader, s->settings->timeout);
    *searcher = s;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_searcher_open (const char *const *db_paths, size_t n_dbs,
                      saekin_searcher_t **searcher, char **error_message)
{
    return saekin_searcher_open_with_settings (db_paths, n_dbs, NULL, searcher,
                                               error_message);
}

void
saekin_searcher_close (saekin_searcher_t *s)
{
    if (! s)
        return;
    _saekin_xreader_close (s->reader);
    _saekin_vocabulary_free (s->vocab);
    saekin_settings_free (s->settings);
    free (s->message);
    free (s);
}

/* ---- hits ---- */

size_t
saekin_hits_count (const saekin_hits_t *hits)
{
    return hits ? hits->n : 0;
}

const saekin_hit_t *
saekin_hits_get (const saekin_hits_t *hits, size_t i)
{
    return hits && i < hits->n ? &hits->hits[i] : NULL;
}

static void
store_clear (hit_store_t *st, size_t n_links)
{
    free (st->file);
    _saekin_entry_clear (&st->entry);
    free (st->snippet);
    free (st->spans);
    for (size_t i = 0; i < n_links; i++)
        free (st->link_urls[i]);
    free (st->link_urls);
    free (st->links);
}

void
saekin_hits_free (saekin_hits_t *hits)
{
    if (! hits)
        return;
    for (size_t i = 0; i < hits->n; i++)
        store_clear (&hits->store[i], hits->hits[i].n_links);
    free (hits->hits);
    free (hits->store);
    _saekin_corrections_clear (&hits->fixes);
    free (hits->corrections);
    free (hits);
}

size_t
saekin_hits_correction_count (const saekin_hits_t *hits)
{
    return hits ? hits->fixes.n : 0;
}

const saekin_correction_t *
saekin_hits_get_correction (const saekin_hits_t *hits, size_t i)
{
    return hits && i < hits->fixes.n ? &hits->corrections[i] : NULL;
}

/* HS's public corrections from the builder's: applied ones first. */
static int
set_corrections (saekin_hits_t *hs)
{
    if (! hs->fixes.n)
        return 0;
    hs->corrections = calloc (hs->fixes.n, sizeof *hs->corrections);
    if (! hs->corrections)
        return -1;
    size_t k = 0;
    for (int applied = 1; applied >= 0; applied--)
        for (size_t i = 0; i < hs->fixes.n; i++)
            if (hs->fixes.items[i].applied == applied)
                hs->corrections[k++] = (saekin_correction_t){ hs->fixes.items[i].typed,
                                                              hs->fixes.items[i].searched,
                                                              applied };
    for (size_t i = 0; i < hs->fixes.n; i++)
        hs->n_applied += hs->fixes.items[i].applied;
    for (size_t i = 0; i < hs->n; i++) {
        hs->hits[i].n_corrections = hs->n_applied;
        hs->hits[i].corrections = hs->n_applied ? hs->corrections : NULL;
    }
    return 0;
}

/* Append LINK (cleaned) to HIT unless its URL is already there. */
static int
add_link (saekin_hit_t *hit, hit_store_t *st, const char *url, const char *text,
          const char *source)
{
    char *cleaned = _saekin_link_clean (url), *clean = NULL;
    if (! cleaned)
        return -1;
    if (! text)
        text = "";
    size_t nu = strlen (cleaned), nt = strlen (text);
    clean = malloc (nu + nt + 2);
    if (clean) {
        memcpy (clean, cleaned, nu + 1);
        memcpy (clean + nu + 1, text, nt + 1);
    }
    free (cleaned);
    if (! clean)
        return -1;
    for (size_t i = 0; i < hit->n_links; i++)
        if (strcmp (st->link_urls[i], clean) == 0) {
            free (clean);
            return 0;
        }
    saekin_link_t *l = realloc (st->links, (hit->n_links + 1) * sizeof *l);
    if (l)
        st->links = l;
    char **u = realloc (st->link_urls, (hit->n_links + 1) * sizeof *u);
    if (u)
        st->link_urls = u;
    if (! l || ! u) {
        free (clean);
        return -1;
    }
    st->link_urls[hit->n_links] = clean;
    st->links[hit->n_links] = (saekin_link_t){ clean, clean + nu + 1,
                                               _saekin_link_is_official (clean), source };
    hit->n_links++;
    hit->links = st->links;
    return 0;
}

/* The vocabulary SETTINGS (NULL: the defaults) name; NULL when out of
 * memory.  Bad lines of its files (the user's synonyms.tsv above all) are
 * skipped, but told to the settings' warning callback (the programs say
 * them on standard error with file and line), once per process: a
 * program may open many searchers and look up docs too, and the same bad
 * line need not be told each time. */
static _saekin_vocabulary_t *
load_vocabulary (const saekin_settings_t *settings)
{
    static atomic_flag told = ATOMIC_FLAG_INIT;
    if (! settings)
        return _saekin_vocabulary_load (NULL, NULL, NULL, NULL);
    bool first = settings->warning && ! atomic_flag_test_and_set (&told);
    return _saekin_vocabulary_load (settings->vocabulary_path, settings->synonyms_path,
                                    first ? settings->warning : NULL,
                                    settings->warning_data);
}

/* The vocabulary, loaded once per searcher; NULL when it cannot be. */
static const _saekin_vocabulary_t *
vocabulary (saekin_searcher_t *s)
{
    if (! s->vocab)
        s->vocab = load_vocabulary (s->settings);
    return s->vocab;
}

/* A hit with no official link of its own or from its headings gets the
 * docs of the first service its title (then heading path) names. */
static int
add_vocabulary_links (saekin_searcher_t *s, saekin_hit_t *hit, hit_store_t *st)
{
    for (size_t i = 0; i < hit->n_links; i++)
        if (hit->links[i].official)
            return 0;
    const _saekin_vocabulary_t *v = vocabulary (s);
    if (! v)
        return 0;
    const _saekin_concept_t *c = _saekin_vocabulary_find (v, hit->title);
    for (size_t i = hit->n_heading; ! c && i > 0; i--)
        c = _saekin_vocabulary_find (v, hit->heading[i - 1]);
    if (! c)
        return 0;
    /* One English page and one Korean page are enough under a hit;
     * saekin-query --docs shows them all. */
    const char *en = NULL, *ko = NULL;
    for (size_t i = 0; i < c->n_urls; i++) {
        bool korean = strstr (c->urls[i], "/ko_kr/") || strstr (c->urls[i], "/ko/");
        if (korean && ! ko)
            ko = c->urls[i];
        else if (! korean && ! en)
            en = c->urls[i];
    }
    if (en && add_link (hit, st, en, c->name, "vocabulary") < 0)
        return -1;
    if (ko && add_link (hit, st, ko, c->name, "vocabulary") < 0)
        return -1;
    return 0;
}

typedef struct {
    saekin_searcher_t *searcher;
    saekin_hits_t *hits;
    const _saekin_termset_t *highlight;
    size_t max;
    size_t seen; /* matches handed over by this search */
    int failed;
    struct waiting {
        double weight; /* already PART_LATER of its own */
        char *data;
        size_t len;
    } *waiting; /* parts of hits shown, to show when nothing better is left */
    size_t n_waiting;
} collect_t;

static void
waiting_clear (collect_t *c)
{
    for (size_t i = 0; i < c->n_waiting; i++)
        free (c->waiting[i].data);
    free (c->waiting);
    c->waiting = NULL;
    c->n_waiting = 0;
}

/* Keep the entry DATA[0..LEN) of weight WEIGHT to show later; returns 0,
 * or -1 when out of memory. */
static int
put_waiting (collect_t *c, double weight, const char *data, size_t len)
{
    struct waiting *w = realloc (c->waiting, (c->n_waiting + 1) * sizeof *w);
    if (! w)
        return -1;
    c->waiting = w;
    char *copy = malloc (len ? len : 1);
    if (! copy)
        return -1;
    memcpy (copy, data, len);
    w[c->n_waiting++] = (struct waiting){ weight * PART_LATER, copy, len };
    return 0;
}

/* Forget the hits kept so far. */
static void
hits_reset (saekin_hits_t *hs)
{
    for (size_t i = 0; i < hs->n; i++)
        store_clear (&hs->store[i], hs->hits[i].n_links);
    hs->n = 0;
}

enum { PAGE_NO, PAGE_ADD, PAGE_LATER };

/* Whether a hit of FILE over lines FIRST..LAST, weighing WEIGHT, adds to
 * the hits kept so far (PAGE_ADD): not overlapping one of them (but for
 * the section holding one, or a strong part of a long one), and its
 * note not yet full.  A part of a hit kept waits (PAGE_LATER) unless it
 * has WAITED already. */
static int
adds_to_page (const saekin_hits_t *hs, const char *file, unsigned first, unsigned last,
              double weight, bool waited)
{
    unsigned same = 0;
    bool later = false;
    for (size_t k = 0; k < hs->n; k++) {
        const saekin_hit_t *h = &hs->hits[k];
        if (strcmp (h->file, file) != 0)
            continue;
        if (++same >= MAX_PER_NOTE)
            return PAGE_NO;
        if (first > h->end_line || last < h->line)
            continue; /* apart */
        /* The whole section a better subsection belongs to adds what
         * else it says.  A part of a better hit adds little, unless the
         * hit is long and the part nearly as good: it points the reader
         * to the lines. */
        bool holds = first < h->line && last >= h->end_line;
        bool part = h->line <= first && last <= h->end_line
                    && (first != h->line || last != h->end_line);
        bool pointer = part && h->end_line - h->line + 1 >= LONG_HIT_LINES
                       && weight >= h->score * PART_SHARE;
        if (holds || pointer || (part && waited))
            continue;
        if (! part)
            return PAGE_NO;
        later = true;
    }
    return later ? PAGE_LATER : PAGE_ADD;
}

static int consider (collect_t *c, double weight, const char *data, size_t len,
                     bool waited);

/* Show the waiting parts weighing at least WEIGHT, best first, while the
 * page has room; returns non-zero to stop the search. */
static int
show_waiting (collect_t *c, double weight)
{
    while (c->hits->n < c->max) {
        size_t best = c->n_waiting;
        for (size_t i = 0; i < c->n_waiting; i++)
            if (c->waiting[i].weight >= weight
                && (best == c->n_waiting || c->waiting[i].weight > c->waiting[best].weight))
                best = i;
        if (best == c->n_waiting)
            return 0;
        struct waiting w = c->waiting[best];
        c->waiting[best] = c->waiting[--c->n_waiting];
        int r = consider (c, w.weight, w.data, w.len, true);
        free (w.data);
        if (r)
            return r;
    }
    return 0;
}

static int
on_match (void *vctx, unsigned rank, double weight, const char *data, size_t len)
{
    collect_t *c = vctx;
    saekin_hits_t *hs = c->hits;
    if (rank == 1) {
        /* the search (re)starts: see _saekin_xmatch_fn */
        hits_reset (hs);
        waiting_clear (c);
        c->seen = 0;
    }
    c->seen++;
    if (show_waiting (c, weight) || hs->n >= c->max)
        return 1;
    return consider (c, weight, data, len, false);
}

/* Show the entry DATA[0..LEN) of weight WEIGHT if it adds to the page, or
 * keep it waiting (WAITED: it has); returns non-zero to stop the
 * search. */
static int
consider (collect_t *c, double weight, const char *data, size_t len, bool waited)
{
    saekin_hits_t *hs = c->hits;
    size_t i = hs->n;
    hit_store_t *st = &hs->store[i];
    saekin_hit_t *hit = &hs->hits[i];
    memset (st, 0, sizeof *st);
    memset (hit, 0, sizeof *hit);
    if (! _saekin_entry_parse (data, len, &st->file, &st->entry))
        return 0; /* not an entry: skip it rather than fail the query */
    int fit = adds_to_page (hs, st->file, st->entry.first_line, st->entry.last_line, weight,
                            waited);
    if (fit != PAGE_ADD) {
        store_clear (st, 0);
        memset (st, 0, sizeof *st);
        if (fit == PAGE_LATER && put_waiting (c, weight, data, len) < 0) {
            c->failed = 1;
            return 1;
        }
        return 0;
    }
    hs->n++;
    _saekin_entry_t *e = &st->entry;
    hit->rank = (unsigned) hs->n;
    hit->score = weight;
    hit->file = st->file;
    hit->line = e->first_line;
    hit->end_line = e->last_line;
    hit->title = e->title;
    hit->n_heading = e->n_heading;
    hit->heading = (const char *const *) e->heading;
    /* A passage whose body is empty (a bare heading) shows its title. */
    const char *body = *e->text ? e->text : *e->struck ? e->struck : e->title;
    /* A list item's title is its lead words: the snippet shows what
     * follows them, not the title again, when something does. */
    size_t tl = strlen (e->title);
    if (body == e->text && tl && strncmp (body, e->title, tl) == 0) {
        size_t k = tl;
        while (body[k] == ' ' || body[k] == '\n')
            k++;
        if (body[k] && k > tl)
            body += k;
    }
    st->snippet = _saekin_snippet_make (body, c->highlight, SNIPPET_BYTES, &st->spans,
                                        &hit->n_highlights);
    if (! st->snippet)
        goto fail;
    hit->snippet = st->snippet;
    hit->highlights = st->spans;
    for (size_t k = 0; k < e->n_links; k++)
        if (add_link (hit, st, e->links[k].url, e->links[k].text, "entry") < 0)
            goto fail;
    for (size_t k = 0; k < e->n_heading_links; k++)
        if (add_link (hit, st, e->heading_links[k].url, e->heading_links[k].text,
                      "heading")
            < 0)
            goto fail;
    if (add_vocabulary_links (c->searcher, hit, st) < 0)
        goto fail;
    return 0;
fail:
    c->failed = 1;
    return 1;
}

size_t
saekin_hits_estimate (const saekin_hits_t *hits)
{
    return hits ? hits->estimate : 0;
}

saekin_status_t
saekin_searcher_refresh (saekin_searcher_t *s)
{
    if (! s)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    saekin_status_t st = _saekin_xreader_refresh (s->reader);
    if (st != SAEKIN_STATUS_SUCCESS)
        set_message (s, _saekin_xreader_message (s->reader));
    return st;
}

#define DEFAULT_MAX_HITS 10

struct saekin_search_options {
    size_t max_hits;
    bool prefix;
};

saekin_status_t
saekin_search_options_new (saekin_search_options_t **options)
{
    if (! options)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *options = calloc (1, sizeof **options);
    if (! *options)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    (*options)->max_hits = DEFAULT_MAX_HITS;
    return SAEKIN_STATUS_SUCCESS;
}

void
saekin_search_options_free (saekin_search_options_t *options)
{
    free (options);
}

saekin_status_t
saekin_search_options_set_max_hits (saekin_search_options_t *options, size_t max_hits)
{
    if (! options)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    options->max_hits = max_hits;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_search_options_set_prefix (saekin_search_options_t *options, bool prefix)
{
    if (! options)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    options->prefix = prefix;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_searcher_query_page (saekin_searcher_t *s, const char *query, size_t offset,
                            size_t max_hits, unsigned flags, saekin_hits_t **hits)
{
    *hits = NULL;
    if (! s || ! query || offset > SIZE_MAX / 2 || max_hits > SIZE_MAX / 2)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    /* Prefix mode is saekin_searcher_search()'s: the last word stands
     * for the index words it may become, compared as jamo. */
    saekin_search_options_t o = { offset + max_hits, (flags & SAEKIN_QUERY_PREFIX) != 0 };
    saekin_status_t st = saekin_searcher_search (s, query, &o, hits);
    if (st != SAEKIN_STATUS_SUCCESS || offset == 0)
        return st;
    /* The page is the tail of the first OFFSET + MAX_HITS hits: the same
     * hits, with the same ranks, as a longer page would show there. */
    saekin_hits_t *hs = *hits;
    size_t drop = offset < hs->n ? offset : hs->n;
    for (size_t i = 0; i < drop; i++)
        store_clear (&hs->store[i], hs->hits[i].n_links);
    memmove (hs->hits, hs->hits + drop, (hs->n - drop) * sizeof *hs->hits);
    memmove (hs->store, hs->store + drop, (hs->n - drop) * sizeof *hs->store);
    hs->n -= drop;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_searcher_query (saekin_searcher_t *s, const char *query, size_t max_hits,
                       saekin_hits_t **hits)
{
    saekin_search_options_t o = { max_hits, false };
    return saekin_searcher_search (s, query, &o, hits);
}

saekin_status_t
saekin_searcher_search (saekin_searcher_t *s, const char *query,
                        const saekin_search_options_t *options, saekin_hits_t **hits)
{
    if (! hits)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *hits = NULL;
    if (! s || ! query)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    size_t max_hits = options ? options->max_hits : DEFAULT_MAX_HITS;
    _saekin_termset_t highlight = { 0 };
    _saekin_qnode_t *tree = NULL;
    char *error = NULL;
    _saekin_corrections_t fixes = { 0 };
    _saekin_query_ctx_t qctx = { s->reader, vocabulary (s), options && options->prefix,
                                 &fixes };
    saekin_status_t st = _saekin_query_build (query, &qctx, &tree, &highlight, &error);
    if (st != SAEKIN_STATUS_SUCCESS) {
        /* The builder asks the index too (term counts, completions,
         * corrections): a failure there is the reader's, with its
         * message (which index, what failed). */
        const char *why = _saekin_xreader_message (s->reader);
        bool reader = st != SAEKIN_STATUS_BAD_QUERY && st != SAEKIN_STATUS_OUT_OF_MEMORY
                      && why && *why;
        set_message (s, error ? error : reader ? why : saekin_status_to_string (st));
        free (error);
        _saekin_termset_clear (&highlight);
        _saekin_corrections_clear (&fixes);
        return st;
    }
    saekin_hits_t *hs = calloc (1, sizeof *hs);
    if (hs)
        hs->fixes = fixes;
    else
        _saekin_corrections_clear (&fixes);
    if (hs && max_hits) {
        hs->hits = calloc (max_hits, sizeof *hs->hits);
        hs->store = calloc (max_hits, sizeof *hs->store);
    }
    if (! hs || (max_hits && (! hs->hits || ! hs->store))) {
        saekin_hits_free (hs);
        _saekin_qnode_free (tree);
        _saekin_termset_clear (&highlight);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    collect_t c = { s, hs, &highlight, max_hits, 0, 0, NULL, 0 };
    for (size_t ask = candidates (max_hits); max_hits; ask *= CANDIDATE_GROWTH) {
        st = _saekin_xreader_search (s->reader, tree, ask, on_match, &c);
        if (st != SAEKIN_STATUS_SUCCESS || c.failed || hs->n >= max_hits || c.seen < ask
            || ask > SIZE_MAX / CANDIDATE_GROWTH)
            break;
    }
    /* What is left for the parts waiting: the page's end. */
    if (st == SAEKIN_STATUS_SUCCESS && ! c.failed)
        show_waiting (&c, 0);
    waiting_clear (&c);
    if (st != SAEKIN_STATUS_SUCCESS)
        set_message (s, _saekin_xreader_message (s->reader));
    else if (c.failed || set_corrections (hs) < 0)
        st = SAEKIN_STATUS_OUT_OF_MEMORY;
    _saekin_qnode_free (tree);
    _saekin_termset_clear (&highlight);
    if (st != SAEKIN_STATUS_SUCCESS) {
        saekin_hits_free (hs);
        return st;
    }
    if (max_hits)
        hs->estimate = _saekin_xreader_estimate (s->reader);
    /* (the estimate never undercounts what was shown) */
    if (hs->estimate < hs->n)
        hs->estimate = hs->n;
    *hits = hs;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_docs_lookup (const char *name, saekin_hits_t **hits)
{
    return saekin_docs_lookup_with_settings (NULL, name, hits);
}

saekin_status_t
saekin_docs_lookup_with_settings (const saekin_settings_t *settings, const char *name,
                                  saekin_hits_t **hits)
{
    if (! hits)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *hits = NULL;
    if (! name)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    _saekin_vocabulary_t *v = load_vocabulary (settings);
    if (! v)
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    saekin_hits_t *hs = calloc (1, sizeof *hs);
    if (! hs) {
        _saekin_vocabulary_free (v);
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    }
    const _saekin_concept_t *c = _saekin_vocabulary_find (v, name);
    saekin_status_t st = SAEKIN_STATUS_SUCCESS;
    if (c) {
        hs->hits = calloc (1, sizeof *hs->hits);
        hs->store = calloc (1, sizeof *hs->store);
        if (! hs->hits || ! hs->store || ! (hs->store->file = strdup ("")))
            st = SAEKIN_STATUS_OUT_OF_MEMORY;
        else if (! (hs->store->entry.title = strdup (c->name)))
            st = SAEKIN_STATUS_OUT_OF_MEMORY;
        else {
            hs->n = 1;
            saekin_hit_t *hit = hs->hits;
            hit->rank = 1;
            hit->file = hs->store->file;
            hit->title = hs->store->entry.title;
            hit->snippet = "";
            for (size_t i = 0; i < c->n_urls && st == SAEKIN_STATUS_SUCCESS; i++)
                if (add_link (hit, hs->store, c->urls[i], c->name, "vocabulary") < 0)
                    st = SAEKIN_STATUS_OUT_OF_MEMORY;
        }
    }
    _saekin_vocabulary_free (v);
    if (st != SAEKIN_STATUS_SUCCESS) {
        saekin_hits_free (hs);
        return st;
    }
    *hits = hs;
    return st;
}

saekin_status_t
saekin_searcher_note_html (saekin_searcher_t *s, const char *file, unsigned line,
                           char **html)
{
    if (html)
        *html = NULL;
    if (! s || ! file || ! html)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    char *message = NULL;
    saekin_status_t st = _saekin_note_html (s->reader, file, line, html, &message);
    if (st == SAEKIN_STATUS_FILE_ERROR)
        set_message (s, message ? message : saekin_status_to_string (st));
    else if (st != SAEKIN_STATUS_SUCCESS && st != SAEKIN_STATUS_OUT_OF_MEMORY)
        set_message (s, _saekin_xreader_message (s->reader));
    free (message);
    return st;
}
