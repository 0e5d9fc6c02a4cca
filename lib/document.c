/* document.c - the terms an entry puts in the index.
 *
 * Title words go in twice, as omega does: once under their own prefix
 * (so title:word works) and once unprefixed with a higher wdf, so that a
 * plain query ranks a passage about a word above one that mentions it.
 * Heading words go in only unprefixed (no query asks for them apart).  Struck-through text
 * (wrong answers in quiz notes) gets only its own prefix, so it can be
 * found but never outranks what is not struck. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "document.h"
#include "pairs.h"
#include "question.h"
#include "vocabulary.h"

/* wdf a token adds to the unprefixed (body) terms, by where it stands */
enum { WDF_TITLE = 3, WDF_HEADING = 2, WDF_TEXT = 1 };

static int
pool_add (_saekin_termlist_t *out, const char *a, const char *b, size_t *off)
{
    size_t na = strlen (a), nb = strlen (b);
    if (out->pool_len + na + nb + 1 > out->pool_cap) {
        size_t cap = out->pool_cap ? out->pool_cap : 4096;
        while (cap < out->pool_len + na + nb + 1)
            cap *= 2;
        char *p = realloc (out->pool, cap);
        if (! p)
            return -1;
        out->pool = p;
        out->pool_cap = cap;
    }
    *off = out->pool_len;
    memcpy (out->pool + out->pool_len, a, na);
    memcpy (out->pool + out->pool_len + na, b, nb);
    out->pool[out->pool_len + na + nb] = '\0';
    out->pool_len += na + nb + 1;
    return 0;
}

/* Terms are stored with pool offsets while the pool may move, then
 * turned into pointers by finish(); until then .term holds the offset. */
static int
add_term (_saekin_termlist_t *out, const char *prefix, const char *term, unsigned wdf,
          unsigned pos)
{
    size_t off;
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        _saekin_xterm_t *t = realloc (out->terms, cap * sizeof *t);
        if (! t)
            return -1;
        out->terms = t;
        out->cap = cap;
    }
    if (pool_add (out, prefix, term, &off) < 0)
        return -1;
    out->terms[out->n].term = (const char *) (uintptr_t) off;
    out->terms[out->n].wdf = wdf;
    out->terms[out->n].pos = pos;
    out->n++;
    return 0;
}

typedef struct {
    _saekin_termlist_t *out;
    const char *field_prefix; /* prefix of this field's own terms; NULL: none */
    unsigned body_wdf;        /* wdf of the unprefixed copy; 0: none */
    bool field_positions;     /* whether the field's own terms get positions */
    unsigned pos_base;        /* positions of this field start after it */
    unsigned last_pos;
    size_t word_at;                  /* index of the last WORD's terms in OUT */
    unsigned word_pos;               /* and their position */
    char stem[_SAEKIN_MAX_TERM + 1]; /* the last STEM */
    unsigned stem_pos;               /* and its position */
    char term[_SAEKIN_MAX_TERM + 1]; /* the last technical TERM */
    unsigned term_pos;               /* and its position */
    int failed;
} field_ctx_t;

static const char *
kind_prefix (_saekin_tok_kind_t kind)
{
    switch (kind) {
    case _SAEKIN_TOK_STEM:
        return _SAEKIN_PREFIX_STEM;
    case _SAEKIN_TOK_NGRAM:
        return _SAEKIN_PREFIX_NGRAM;
    default:
        return "";
    }
}

/* Every term costs index size and indexing time (Xapian's writes are
 * nearly all of it), so a word is stored as one term only: its stem when
 * it has one (nearly every word: Snowball stems English, Korean words
 * lose their particle), else the word itself.  The query asks for the
 * word and its stem as one synonym (query.c, word_clause), which finds
 * either.  That term also carries the word's position: the term
 * query.c's phrases are made of (phrase_term), so that "가용 영역" finds
 * 가용 영역은 and "read replicas" finds "read replica".  Parts and
 * bigrams are never in a phrase; struck-through terms are never in one
 * either, and titles only through title:"...". */
static int
on_token (void *vctx, const _saekin_token_t *tok)
{
    field_ctx_t *c = vctx;
    unsigned pos = c->pos_base + tok->pos;
    bool positional = tok->kind == _SAEKIN_TOK_WORD || tok->kind == _SAEKIN_TOK_STEM
                      || tok->kind == _SAEKIN_TOK_TERM;
    if (tok->kind == _SAEKIN_TOK_TERM) {
        snprintf (c->term, sizeof c->term, "%s", tok->term);
        c->term_pos = pos;
    } else if (tok->kind == _SAEKIN_TOK_WORD && c->term_pos == pos
               && strcmp (c->term, tok->term) == 0)
        return 0; /* TIME_WAIT: the term is the word, once is enough */
    if (tok->kind == _SAEKIN_TOK_STEM && c->word_pos == pos) {
        /* The word has a stem: the stem replaces it. */
        c->out->n = c->word_at;
        c->word_pos = 0;
    }
    if (tok->kind == _SAEKIN_TOK_STEM) {
        snprintf (c->stem, sizeof c->stem, "%s", tok->term);
        c->stem_pos = pos;
    }
    /* A two-syllable stem is its own bigram: the stem's term finds the
     * word, and only longer words need their bigrams in the index (the
     * query keeps them, to find 계층 inside 계층형). */
    if (tok->kind == _SAEKIN_TOK_NGRAM && c->stem_pos == pos
        && strcmp (c->stem, tok->term) == 0)
        return 0;
    const char *kp = kind_prefix (tok->kind);
    if (tok->kind == _SAEKIN_TOK_WORD) {
        c->word_at = c->out->n;
        c->word_pos = pos;
    }
    if (c->field_prefix) {
        char prefix[8];
        snprintf (prefix, sizeof prefix, "%s%s", c->field_prefix, kp);
        if (add_term (c->out, prefix, tok->term, 1,
                      positional && c->field_positions ? pos : 0)
            < 0)
            goto fail;
    }
    if (c->body_wdf
        && add_term (c->out, kp, tok->term, c->body_wdf, positional ? pos : 0) < 0)
        goto fail;
    if (pos > c->last_pos)
        c->last_pos = pos;
    return 0;
fail:
    c->failed = 1;
    return -1;
}

static int
index_field (_saekin_termlist_t *out, const char *text, const char *prefix,
             unsigned body_wdf, bool positions, unsigned *pos)
{
    if (! text || ! *text)
        return 0;
    field_ctx_t c = { .out = out,
                      .field_prefix = prefix,
                      .body_wdf = body_wdf,
                      .field_positions = positions,
                      .pos_base = *pos,
                      .last_pos = *pos };
    int r = _saekin_analyze (text, strlen (text), on_token, &c);
    /* A gap between fields keeps phrases from spanning them. */
    *pos = c.last_pos + 10;
    return r != 0 || c.failed ? -1 : 0;
}

/* ---- title keys ---- */

typedef struct {
    char buf[_SAEKIN_MAX_TERM + 1];
    size_t len;
    unsigned pos;                    /* position of the word being read */
    char word[_SAEKIN_MAX_TERM + 1]; /* its stem, else its surface */
    bool has_stem;
    bool has_term; /* the word is a technical term (analyze.h) */
    bool full;
} key_ctx_t;

static bool
all_digits (const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Add the word read so far to the key, unless it is a leading number or
 * vendor name. */
static void
key_flush (key_ctx_t *k)
{
    if (! k->word[0])
        return;
    bool lead = k->len == 0;
    if (! (lead && (all_digits (k->word) || _saekin_vocabulary_is_vendor (k->word)))) {
        size_t n = strlen (k->word);
        if (k->len + n + 1 > _SAEKIN_MAX_TERM)
            k->full = true;
        else {
            if (k->len)
                k->buf[k->len++] = ' ';
            memcpy (k->buf + k->len, k->word, n + 1);
            k->len += n;
        }
    }
    k->word[0] = '\0';
    k->has_stem = k->has_term = false;
}

static int
on_key_token (void *vctx, const _saekin_token_t *tok)
{
    key_ctx_t *k = vctx;
    if (tok->kind != _SAEKIN_TOK_WORD && tok->kind != _SAEKIN_TOK_STEM
        && tok->kind != _SAEKIN_TOK_TERM)
        return 0;
    if (tok->pos != k->pos) {
        key_flush (k);
        k->pos = tok->pos;
    }
    /* A technical term (C++, .NET) is the key's word whole: the key of
     * "C++" is not that of "C". */
    if (tok->kind == _SAEKIN_TOK_TERM) {
        snprintf (k->word, sizeof k->word, "%s", tok->term);
        k->has_term = k->has_stem = true;
    } else if (! k->has_term && (tok->kind == _SAEKIN_TOK_STEM || ! k->has_stem)) {
        snprintf (k->word, sizeof k->word, "%s", tok->term);
        k->has_stem = tok->kind == _SAEKIN_TOK_STEM;
    }
    return 0;
}

char *
_saekin_document_key (const char *text, size_t len)
{
    key_ctx_t *k = calloc (1, sizeof *k);
    if (! k)
        return NULL;
    if (_saekin_analyze (text, len, on_key_token, k) < 0) {
        free (k);
        return NULL;
    }
    key_flush (k);
    char *r = strdup (k->full ? "" : k->buf);
    free (k);
    return r;
}

/* Title keys: the whole title's, and those of its parts between
 * brackets and separators, for "샤드(Shard)" and "Auto Scaling Group
 * (ASG)" name one thing twice. */
static bool
is_cut (const char *title, size_t i)
{
    char c = title[i];
    return c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ':'
           || c == '|' || c == '/' || (c == '-' && i > 0 && title[i - 1] == ' ');
}

static int
add_key (_saekin_termlist_t *out, const char *prefix, const char *text, size_t len)
{
    char *key = _saekin_document_key (text, len);
    if (! key)
        return -1;
    int r = *key ? add_term (out, prefix, key, 1, 0) : 0;
    free (key);
    return r;
}

/* The title's KEY (its words, as _saekin_document_key gives them) and,
 * when the title asks what a thing is, the thing's key without the
 * asking ("Index가 무엇인지 설명해주세요" is titled by "index" as the
 * section "Index" is).  KEY is cut. */
static int
add_keys_of (_saekin_termlist_t *out, const char *prefix, char *key)
{
    if (*key && add_term (out, prefix, key, 1, 0) < 0)
        return -1;
    /* Leading words that ask in English ("what is"), trailing ones in
     * Korean (무엇인지 설명해주세요). */
    char *w = key;
    for (char *sp; _saekin_question_asks_what (w) && *w >= 'a' && *w <= 'z' && (sp = strchr (w, ' '));)
        w = sp + 1;
    bool cut = w != key;
    for (char *sp; (sp = strrchr (w, ' ')) && _saekin_question_asks_what (sp + 1); cut = true)
        *sp = '\0';
    return cut && ! _saekin_question_asks_what (w) ? add_term (out, prefix, w, 1, 0) : 0;
}

char *
_saekin_document_asked_prefix (int group, char *prefix)
{
    prefix[0] = _SAEKIN_PREFIX_ASKED[0];
    prefix[1] = (char) ('0' + group);
    prefix[2] = '\0';
    return prefix;
}

/* The asked key of a title KEY that asks one of question.h's groups of
 * questions of some things ("정규화는 왜 할까요?", "정규화의 목적",
 * "Mutex Lock 과 Semaphore 의 차이점"): the things' words, under
 * _SAEKIN_PREFIX_ASKED and the group, so that a query asking the same of
 * the same things (정규화 하는 이유) finds the title as its answer. */
static int
add_asked_key (_saekin_termlist_t *out, const char *key)
{
    char things[_SAEKIN_MAX_TERM + 1], word[_SAEKIN_MAX_TERM + 1];
    size_t len = 0;
    int group = -1;
    for (const char *p = key; *p; p += *p == ' ') {
        size_t n = strcspn (p, " ");
        memcpy (word, p, n); /* (a key is at most _SAEKIN_MAX_TERM) */
        word[n] = '\0';
        p += n;
        int g = _saekin_question_group (word);
        if (g >= 0)
            group = group < 0 ? g : group;
        else if (! _saekin_question_filler (word) && ! _saekin_question_asks_what (word)) {
            if (len)
                things[len++] = ' ';
            memcpy (things + len, word, n);
            len += n;
        }
    }
    things[len] = '\0';
    if (group < 0 || ! len)
        return 0;
    char prefix[_SAEKIN_ASKED_PREFIX_SIZE];
    return add_term (out, _saekin_document_asked_prefix (group, prefix), things, 1, 0);
}

static int
add_title_keys (_saekin_termlist_t *out, const char *prefix, const char *title)
{
    size_t n = strlen (title);
    char *key = _saekin_document_key (title, n);
    int r = key && strcmp (prefix, _SAEKIN_PREFIX_KEY) == 0 ? add_asked_key (out, key) : 0;
    if (r == 0)
        r = key ? add_keys_of (out, prefix, key) : -1;
    free (key);
    if (r < 0)
        return -1;
    /* "EC2 Placement Groups", "EBS 볼륨 유형": a feature named under its
     * service's acronym is asked for without it too ("placement
     * groups"); not a lone word after it ("S3 Buckets" is about S3). */
    size_t a = 0;
    bool letter = false;
    for (; a < n
           && ((title[a] >= 'A' && title[a] <= 'Z')
               || (title[a] >= '0' && title[a] <= '9'));
         a++)
        letter |= title[a] >= 'A';
    if (letter && a >= 2 && a <= 5 && a < n && title[a] == ' '
        && strchr (title + a + 1, ' ')
        && add_key (out, prefix, title + a + 1, n - a - 1) < 0)
        return -1;
    size_t start = 0;
    bool cut = false;
    for (size_t i = 0; i < n; i++)
        if (is_cut (title, i)) {
            if (add_key (out, prefix, title + start, i - start) < 0)
                return -1;
            start = i + 1;
            cut = true;
        }
    return cut ? add_key (out, prefix, title + start, n - start) : 0;
}

typedef struct {
    _saekin_termlist_t *out;
    int failed;
} pair_ctx_t;

/* Store one pair in both directions, so either side finds the other by a
 * prefix of its own (pairs.h); no wdf, so it weighs in no ranking. */
static int
on_pair (void *vctx, const char *a, const char *b)
{
    pair_ctx_t *ctx = vctx;
    char *ka = _saekin_pairs_key (a, strlen (a));
    char *kb = _saekin_pairs_key (b, strlen (b));
    if (! ka || ! kb) {
        ctx->failed = -1;
    } else if (*ka && *kb && strcmp (ka, kb) != 0
               && strlen (ka) + strlen (kb) + 4 <= _SAEKIN_MAX_TERM) {
        char *t = NULL;
        for (int dir = 0; dir < 2 && ! ctx->failed; dir++) {
            if (asprintf (&t, "%s\t%s", dir ? kb : ka, dir ? ka : kb) < 0
                || add_term (ctx->out, _SAEKIN_PREFIX_PAIR, t, 0, 0) < 0)
                ctx->failed = -1;
            free (t);
            t = NULL;
        }
    }
    free (ka);
    free (kb);
    return ctx->failed;
}

int
_saekin_document_terms (const char *file_term, const _saekin_entry_t *entry,
                        _saekin_termlist_t *out)
{
    unsigned pos = 0;
    size_t first = out->n;
    if (add_term (out, "", file_term, 0, 0) < 0)
        return -1;
    if (entry->navigation) {
        /* A table of contents, a link list, a section of references
         * (entry.h): it points to content rather than holds it.  Its
         * words go in as struck-through words do, which a query finds
         * far below any content (query.c, SCALE_STRUCK), with no title
         * key; title:word still finds its title.  A term of its own
         * tells it apart where a title counts (query.c, asked_clause). */
        if (index_field (out, entry->title, _SAEKIN_PREFIX_TITLE, 0, true, &pos) < 0
            || index_field (out, entry->title, _SAEKIN_PREFIX_STRUCK, 0, false, &pos) < 0
            || index_field (out, entry->text, _SAEKIN_PREFIX_STRUCK, 0, false, &pos) < 0
            || index_field (out, entry->struck, _SAEKIN_PREFIX_STRUCK, 0, false, &pos)
                   < 0
            || add_term (out, _SAEKIN_PREFIX_NAVIGATION, "", 0, 0) < 0)
            return -1;
        goto done;
    }
    if (index_field (out, entry->title, _SAEKIN_PREFIX_TITLE, WDF_TITLE, true, &pos) < 0)
        return -1;
    if (entry->title && add_title_keys (out, _SAEKIN_PREFIX_KEY, entry->title) < 0)
        return -1;
    /* The section an entry belongs to: "## Overview" under "# Transit
     * Gateway" is about the transit gateway. */
    if (entry->n_heading
        && add_title_keys (out, _SAEKIN_PREFIX_PARENT,
                           entry->heading[entry->n_heading - 1])
               < 0)
        return -1;
    for (size_t i = 0; i < entry->n_heading; i++)
        if (index_field (out, entry->heading[i], NULL, WDF_HEADING, false, &pos) < 0)
            return -1;
    /* Body text: its own terms are the unprefixed ones. */
    if (index_field (out, entry->text, "", 0, true, &pos) < 0)
        return -1;
    if (index_field (out, entry->struck, _SAEKIN_PREFIX_STRUCK, 0, false, &pos) < 0)
        return -1;
    pair_ctx_t pairs = { out, 0 };
    if (entry->title)
        _saekin_pairs_find (entry->title, strlen (entry->title), on_pair, &pairs);
    if (entry->text)
        _saekin_pairs_find (entry->text, strlen (entry->text), on_pair, &pairs);
    if (pairs.failed)
        return -1;
done:
    for (size_t i = first; i < out->n; i++)
        out->terms[i].term = out->pool + (uintptr_t) out->terms[i].term;
    return 0;
}

void
_saekin_termlist_reset (_saekin_termlist_t *out)
{
    out->n = 0;
    out->pool_len = 0;
}

void
_saekin_termlist_clear (_saekin_termlist_t *out)
{
    free (out->terms);
    free (out->pool);
    memset (out, 0, sizeof *out);
}

uint64_t
_saekin_hash64 (const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL; /* FNV-1a, 64 bits */
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

char *
_saekin_document_file_term (const char *path)
{
    char *term = NULL;
    size_t n = strlen (path);
    /* Xapian terms hold at most 245 bytes; long paths keep their tail
     * (the part that tells files apart) after a hash of the whole. */
    if (n <= 180) {
        if (asprintf (&term, "%s%s", _SAEKIN_PREFIX_FILE, path) < 0)
            return NULL;
        return term;
    }
    uint64_t h = _saekin_hash64 (path, n);
    if (asprintf (&term, "%s#%016llx%s", _SAEKIN_PREFIX_FILE, (unsigned long long) h,
                  path + n - 150)
        < 0)
        return NULL;
    return term;
}

/* ---- what an entry gets from its note ---- */

char *
_saekin_document_path_term (const char *s, size_t n, bool is_file)
{
    if (is_file) {
        /* "Deadlock.md" is "deadlock"; ".bashrc" stays whole */
        for (size_t i = n; i-- > 1;)
            if (s[i] == '.') {
                n = i;
                break;
            }
    }
    if (n == 0)
        return NULL;
    size_t len = 0;
    char *norm = _saekin_normalize (s, n, &len, NULL);
    if (! norm)
        return NULL;
    if (len > _SAEKIN_MAX_TERM) {
        len = _SAEKIN_MAX_TERM;
        while (len && ((unsigned char) norm[len] & 0xC0) == 0x80)
            len--;
    }
    char *t = malloc (len + 2);
    if (t) {
        t[0] = _SAEKIN_PREFIX_PATH[0];
        for (size_t i = 0; i < len; i++)
            t[i + 1] = norm[i] >= 'A' && norm[i] <= 'Z' ? (char) (norm[i] - 'A' + 'a')
                                                        : norm[i];
        t[len + 1] = '\0';
    }
    free (norm);
    return t;
}

/* Whether the N bytes at S name no note of their own: a README or an
 * index page stands for its folder. */
static bool
is_folder_page (const char *s, size_t n)
{
    return (n == 6 && strncasecmp (s, "readme", 6) == 0)
           || (n == 5 && strncasecmp (s, "index", 5) == 0)
           || (n == 6 && strncasecmp (s, "_index", 6) == 0);
}

/* The name a note goes by, from its path below the root: the file's
 * name without extension ("Subnets" for "VPC/Subnets.md"), its folder's
 * for a README ("3-1-1. Placement Groups/README.md"), without the
 * numbering that orders a course's files ("XIII. ", "3-1-1. ", "02_"):
 * nobody searches for it, and it would keep the name from matching a
 * query as a title key does.  Malloc'd ("" when nothing is left); NULL
 * when out of memory. */
static char *
note_name (const char *rel_path)
{
    const char *slash = strrchr (rel_path, '/');
    const char *s = slash ? slash + 1 : rel_path;
    const char *dot = strrchr (s, '.');
    size_t n = dot && dot > s ? (size_t) (dot - s) : strlen (s);
    if (slash && is_folder_page (s, n)) {
        const char *b = slash;
        while (b > rel_path && b[-1] != '/')
            b--;
        n = (size_t) (slash - b);
        s = b;
    }
    /* Leading numbering: numbers or Roman numerals joined by - . _
     * ("3-1-1"), then separators, then the name; Roman numerals only
     * before a dot ("XIII. "), so that X-Ray stays X-Ray. */
    size_t i = 0, sep;
    bool digit = false;
    for (;;) {
        size_t j = i;
        for (; j < n && strchr ("0123456789IVXL", s[j]); j++)
            digit |= s[j] >= '0' && s[j] <= '9';
        if (j == i)
            break;
        i = j;
        if (i + 1 < n && strchr ("-._", s[i]) && strchr ("0123456789IVXL", s[i + 1]))
            i++;
        else
            break;
    }
    for (sep = i; i > 0 && i < n && strchr ("-._ ", s[i]); i++)
        ;
    if (sep > 0 && i > sep && i < n && (digit || s[sep] == '.')) {
        s += i;
        n -= i;
    }
    return strndup (s, n);
}

int
_saekin_document_note_terms (const _saekin_note_meta_t *meta, const char *rel_path,
                             bool first, _saekin_termlist_t *out)
{
    /* The terms already made point into the pool, which may move: back
     * to offsets until the end. */
    for (size_t i = 0; i < out->n; i++)
        out->terms[i].term = (const char *) (uintptr_t) (out->terms[i].term - out->pool);
    size_t from = 0;
    /* Apart from the entry's own positions, so no phrase spans them. */
    unsigned pos = 1u << 20;
    for (size_t i = 0; meta && i < meta->n_tags; i++)
        if (add_term (out, _SAEKIN_PREFIX_TAG, meta->tags[i], 0, 0) < 0)
            return -1;
    for (const char *p = rel_path; p && *p;) {
        const char *slash = strchr (p, '/');
        size_t n = slash ? (size_t) (slash - p) : strlen (p);
        if (n) {
            char *t = _saekin_document_path_term (p, n, ! slash);
            int r = t ? add_term (out, "", t, 0, 0) : 0;
            free (t);
            if (r < 0)
                return -1;
        }
        p += n + (slash ? 1 : 0);
    }
    /* The note's name is about the note as a whole: its words count for
     * the first passage only, as weakly as body text (a word in the name
     * must not lift every passage of the note), and it is that passage's
     * title key too, as an H1 title would be: "XX. Aurora Global
     * Database.md" begins with an "## Overview" that is what the query
     * "aurora global database" asks for. */
    if (first && rel_path && *rel_path) {
        char *name = note_name (rel_path);
        int r = ! name    ? -1
                : ! *name ? 0
                : index_field (out, name, NULL, WDF_TEXT, false, &pos) < 0
                        || add_title_keys (out, _SAEKIN_PREFIX_KEY, name) < 0
                    ? -1
                    : 0;
        free (name);
        if (r < 0)
            return -1;
    }
    if (first && meta) {
        if (meta->title
            && (index_field (out, meta->title, _SAEKIN_PREFIX_TITLE, 0, true, &pos) < 0
                || add_title_keys (out, _SAEKIN_PREFIX_KEY, meta->title) < 0))
            return -1;
        for (size_t i = 0; i < meta->n_aliases; i++)
            if (index_field (out, meta->aliases[i], _SAEKIN_PREFIX_TITLE, WDF_TITLE, true,
                             &pos)
                    < 0
                || add_title_keys (out, _SAEKIN_PREFIX_KEY, meta->aliases[i]) < 0)
                return -1;
    }
    for (size_t i = from; i < out->n; i++)
        out->terms[i].term = out->pool + (uintptr_t) out->terms[i].term;
    return 0;
}
