/* vocabulary.c - the AWS vocabulary: concepts, their names in every
 * spelling, and their official documentation links.
 *
 * The data file format is described at the top of
 * data/aws-vocabulary.tsv.  Every name (canonical or alias) is reduced to
 * a key -- folded as the analyser folds words (NFKC_Casefold, unicode.h),
 * spaces and hyphens removed -- and the keys
 * live in one open-addressing hash table, so that "오토 스케일링",
 * "오토스케일링", "Auto Scaling" and "autoscaling" all find the same
 * concept.
 *
 * Loading runs at the start of every query, so it is built for speed:
 * text made only of ASCII and precomposed Hangul syllables (all of the
 * shipped file) is already NFC and needs no case folding beyond ASCII, so
 * it never goes through ICU; strings live in a few large blocks instead
 * of thousands of small allocations; slots keep their hash so probing
 * rarely compares strings. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "unicode.h"
#include "vocabulary-table.h"
#include "vocabulary.h"

typedef void (*warn_fn) (void *ctx, const char *file, unsigned line, const char *msg);

/* A block of strings; the vocabulary frees them all at once. */
typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk_t;

enum { CHUNK_SIZE = 64 * 1024 - 64 };

typedef _saekin_vocabulary_slot_t slot_t;

/* Vendor names a vocabulary may list (AWS has two). */
enum { MAX_VENDORS = 8 };

struct _saekin_vocabulary {
    _saekin_concept_t **concepts; /* pointers, so borrowed ones stay put */
    size_t n_concepts;
    slot_t *slots;
    size_t n_slots; /* a power of two, or 0 */
    size_t n_keys;
    chunk_t *chunks; /* strings read from files: names, URLs, keys */
    /* Keys of the @vendor lines read from files; only the compiler writes
     * them out (the library uses the compiled-in list, see below). */
    char *vendors[MAX_VENDORS];
    size_t n_vendors;
    /* The concepts and slots are the compiled-in table's, read-only;
     * copy_builtin() makes them V's own before anything is added. */
    bool builtin;
};

#define NO_CONCEPT ((size_t) -1)

/* What reading one file came to. */
enum { READ_OK = 0, READ_FAILED = -1, READ_NO_MEMORY = -2 };

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static bool
is_space (char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static char *
arena_dup (_saekin_vocabulary_t *v, const char *s, size_t len)
{
    chunk_t *c = v->chunks;
    if (! c || c->cap - c->used < len + 1) {
        size_t cap = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
        c = malloc (sizeof *c + cap);
        if (! c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = v->chunks;
        v->chunks = c;
    }
    char *p = c->data + c->used;
    memcpy (p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

/* Append ITEM to the array *ARR of *N pointers.  The capacity is implied
 * by N: the array doubles whenever N reaches a power of two. */
static bool
push (char ***arr, size_t *n, char *item)
{
    if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
        size_t cap = *n == 0 ? 4 : *n * 2;
        char **p = realloc (*arr, cap * sizeof *p);
        if (! p)
            return false;
        *arr = p;
    }
    (*arr)[(*n)++] = item;
    return true;
}

/* Append C to V's concepts, growing the array as push() does. */
static bool
push_concept (_saekin_vocabulary_t *v, _saekin_concept_t *c)
{
    size_t n = v->n_concepts;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        _saekin_concept_t **p = realloc (v->concepts, (n == 0 ? 4 : n * 2) * sizeof *p);
        if (! p)
            return false;
        v->concepts = p;
    }
    v->concepts[v->n_concepts++] = c;
    return true;
}

static void
warnf (warn_fn warn, void *ctx, const char *file, unsigned line, const char *fmt, ...)
{
    if (! warn)
        return;
    char msg[512];
    va_list ap;
    va_start (ap, fmt);
    vsnprintf (msg, sizeof msg, fmt, ap);
    va_end (ap);
    warn (ctx, file, line, msg);
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

enum { SCAN_SIMPLE, SCAN_OTHER, SCAN_INVALID };

/* What LEN bytes of S hold: SCAN_SIMPLE when only ASCII and precomposed
 * Hangul syllables (NFC as they are, no case but ASCII's), SCAN_OTHER for
 * any other valid UTF-8, SCAN_INVALID for ill-formed UTF-8 (overlong
 * forms and surrogates included). */
static int
scan_utf8 (const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *) str;
    int kind = SCAN_SIMPLE;
    /* The fast path here only skips ASCII; every character beyond is
     * decoded by the one decoder (unicode.h). */
    for (size_t i = 0; i < len;) {
        /* URLs and English names: skip ASCII eight bytes at a time. */
        if (len - i >= 8) {
            uint64_t word;
            memcpy (&word, s + i, 8);
            if (! (word & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        UChar32 cp = _saekin_u8_next (str, len, &i);
        if (cp < 0)
            return SCAN_INVALID;
        if (cp >= 0x80 && (cp < 0xAC00 || cp > 0xD7A3))
            kind = SCAN_OTHER;
    }
    return kind;
}

/* A UTF-16 buffer on the stack for the usual short names, on the heap for
 * long ones. */
typedef struct {
    UChar *p;
    UChar stack[256];
} ubuf_t;

static UChar *
ubuf_get (ubuf_t *b, size_t n)
{
    if (n <= sizeof b->stack / sizeof b->stack[0])
        b->p = b->stack;
    else
        b->p = malloc (n * sizeof (UChar));
    return b->p;
}

static void
ubuf_free (ubuf_t *b)
{
    if (b->p != b->stack)
        free (b->p);
    b->p = NULL;
}

/* A UTF-8 result buffer, likewise. */
typedef struct {
    char *p;
    size_t cap;
    char stack[256];
} keybuf_t;

static void
keybuf_init (keybuf_t *kb)
{
    kb->p = kb->stack;
    kb->cap = sizeof kb->stack;
}

/* Room for N bytes; the old contents are not kept. */
static bool
keybuf_reserve (keybuf_t *kb, size_t n)
{
    if (n <= kb->cap)
        return true;
    char *p = malloc (n);
    if (! p)
        return false;
    if (kb->p != kb->stack)
        free (kb->p);
    kb->p = p;
    kb->cap = n;
    return true;
}

static void
keybuf_free (keybuf_t *kb)
{
    if (kb->p != kb->stack)
        free (kb->p);
    keybuf_init (kb);
}

/* Convert LEN bytes of valid UTF-8 into *B.  0, or -1 when ICU fails or
 * memory runs out. */
static int
utf8_to_u16 (const char *s, size_t len, ubuf_t *b, int32_t *out_len)
{
    if (len > INT32_MAX / 16)
        return -1;
    UChar *u = ubuf_get (b, len + 1);
    if (! u)
        return -1;
    *out_len = _saekin_u8_to_u16 (s, len, u, len + 1, NULL);
    return *out_len < 0 ? -1 : 0;
}

/* N UTF-16 units of U into KB as UTF-8.  0, or -1. */
static int
u16_to_keybuf (const UChar *u, int32_t n, keybuf_t *kb)
{
    /* One UTF-16 unit never takes more than three UTF-8 bytes. */
    size_t cap = (size_t) n * 3 + 1;
    if (! keybuf_reserve (kb, cap))
        return -1;
    UErrorCode err = U_ZERO_ERROR;
    int32_t len;
    u_strToUTF8 (kb->p, (int32_t) cap, &len, u, n, &err);
    if (U_FAILURE (err))
        return -1;
    kb->p[len] = '\0';
    return 0;
}

/* What a key leaves out: white space, dashes and invisible characters, so
 * that "Auto Scaling", "Auto-Scaling" and "AutoScaling" are one name. */
static bool
ignorable (UChar32 c)
{
    return u_isUWhiteSpace (c) || u_hasBinaryProperty (c, UCHAR_DASH)
           || u_hasBinaryProperty (c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/* The key of the valid UTF-8 of LEN bytes S with no special characters
 * but ASCII: ASCII lower case, without spaces and hyphens. */
static int
simple_key (const char *s, size_t len, keybuf_t *kb)
{
    if (! keybuf_reserve (kb, len + 1))
        return -1;
    char *w = kb->p;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_space (c) || c == '-')
            continue;
        *w++ = c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
    }
    *w = '\0';
    return 0;
}

/* The key of any valid UTF-8: the one fold (NFKC_Casefold, as the
 * analyser's words: "ＫＭＳ" is "kms"), without ignorables. */
static int
icu_key (const char *s, size_t len, keybuf_t *kb)
{
    ubuf_t a = { 0 }, f = { 0 };
    int32_t alen;
    int rc = utf8_to_u16 (s, len, &a, &alen);
    if (rc != 0)
        goto done;
    /* NFKC_Casefold can make one code point eighteen (U+FDFA). */
    int32_t fcap = alen * 18 + 1;
    if (! ubuf_get (&f, (size_t) fcap)) {
        rc = -1;
        goto done;
    }
    int32_t flen = _saekin_fold16 (a.p, alen, f.p, fcap);
    if (flen < 0) {
        rc = -1;
        goto done;
    }
    int32_t r = 0, w = 0;
    while (r < flen) {
        UChar32 c;
        int32_t start = r;
        U16_NEXT (f.p, r, flen, c);
        if (! ignorable (c))
            while (start < r)
                f.p[w++] = f.p[start++];
    }
    rc = u16_to_keybuf (f.p, w, kb);
done:
    ubuf_free (&a);
    ubuf_free (&f);
    return rc;
}

/* The lookup key of LEN bytes of S (folded, without spaces and hyphens) into KB.  0, 1 when S is not valid UTF-8, -1 when out of
 * memory. */
static int
make_key (const char *s, size_t len, keybuf_t *kb)
{
    switch (scan_utf8 (s, len)) {
    case SCAN_SIMPLE:
        return simple_key (s, len, kb);
    case SCAN_OTHER:
        return icu_key (s, len, kb);
    default:
        return 1;
    }
}

/* ------------------------------------------------------------------ */
/* The key table                                                       */
/* ------------------------------------------------------------------ */

static uint32_t
hash_key (const char *k)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *k; k++) {
        h ^= (unsigned char) *k;
        h *= 16777619u;
    }
    return h;
}

/* The slot holding KEY, or the empty slot where it would go. */
static slot_t *
probe (slot_t *slots, size_t n_slots, const char *key, uint32_t hash)
{
    size_t mask = n_slots - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask)
        if (! slots[i].key || (slots[i].hash == hash && strcmp (slots[i].key, key) == 0))
            return &slots[i];
}

static bool
table_grow (_saekin_vocabulary_t *v)
{
    size_t n = v->n_slots ? v->n_slots * 2 : 2048;
    slot_t *slots = calloc (n, sizeof *slots);
    if (! slots)
        return false;
    for (size_t i = 0; i < v->n_slots; i++) {
        const slot_t *s = &v->slots[i];
        if (! s->key)
            continue;
        size_t j = s->hash & (n - 1);
        while (slots[j].key)
            j = (j + 1) & (n - 1);
        slots[j] = *s;
    }
    free (v->slots);
    v->slots = slots;
    v->n_slots = n;
    return true;
}

/* The concept index that KEY names, or NO_CONCEPT. */
static size_t
table_get (const _saekin_vocabulary_t *v, const char *key, uint32_t hash)
{
    if (! v->n_slots || ! *key)
        return NO_CONCEPT;
    const slot_t *s = probe (v->slots, v->n_slots, key, hash);
    return s->key ? s->concept : NO_CONCEPT;
}

/* Make KEY (kept, not copied) name concept C.  The caller has made sure
 * KEY is not in the table yet. */
static bool
table_put (_saekin_vocabulary_t *v, const char *key, uint32_t hash, size_t c)
{
    if ((v->n_keys + 1) * 2 > v->n_slots && ! table_grow (v))
        return false;
    slot_t *s = probe (v->slots, v->n_slots, key, hash);
    s->key = key;
    s->hash = hash;
    s->concept = (uint32_t) c;
    v->n_keys++;
    return true;
}

/* ------------------------------------------------------------------ */
/* Building concepts                                                   */
/* ------------------------------------------------------------------ */

/** An empty vocabulary; free it with _saekin_vocabulary_free(). */
_saekin_vocabulary_t *
_saekin_vocabulary_new (void)
{
    return calloc (1, sizeof (_saekin_vocabulary_t));
}

/** Free V and every concept borrowed from it.  Accepts NULL. */
void
_saekin_vocabulary_free (_saekin_vocabulary_t *v)
{
    if (! v)
        return;
    for (size_t i = 0; i < v->n_concepts && ! v->builtin; i++) {
        free (v->concepts[i]->aliases);
        free (v->concepts[i]->urls);
        free (v->concepts[i]);
    }
    free (v->concepts);
    if (! v->builtin)
        free (v->slots);
    while (v->chunks) {
        chunk_t *next = v->chunks->next;
        free (v->chunks);
        v->chunks = next;
    }
    free (v);
}

/* The capacity push() implies for N items. */
static size_t
implied_cap (size_t n)
{
    size_t cap = 4;
    while (cap < n)
        cap *= 2;
    return cap;
}

/* A copy of the N pointers of FROM with the capacity push() implies;
 * the strings stay where they are.  false when out of memory. */
static bool
copy_array (char ***to, char *const *from, size_t n)
{
    *to = NULL;
    if (n == 0)
        return true;
    *to = malloc (implied_cap (n) * sizeof **to);
    if (! *to)
        return false;
    memcpy (*to, from, n * sizeof *from);
    return true;
}

/* Make empty V read the compiled-in table in place: an array of
 * pointers to its concepts is all there is to build. */
static bool
use_builtin (_saekin_vocabulary_t *v)
{
    const _saekin_vocabulary_table_t *t = &_saekin_vocabulary_builtin;
    if (t->n_concepts) {
        v->concepts = malloc (implied_cap (t->n_concepts) * sizeof *v->concepts);
        if (! v->concepts)
            return false;
        for (size_t i = 0; i < t->n_concepts; i++)
            v->concepts[i] = &t->concepts[i];
    }
    v->n_concepts = t->n_concepts;
    v->slots = (slot_t *) t->slots; /* never written while builtin */
    v->n_slots = t->n_slots;
    v->n_keys = t->n_keys;
    v->builtin = true;
    return true;
}

/* Make V's concepts and slots its own, so that a file can add to them:
 * the concepts and their arrays are copied, the strings (read-only
 * literals) are not.  false when out of memory (V is left as it was). */
static bool
copy_builtin (_saekin_vocabulary_t *v)
{
    if (! v->builtin)
        return true;
    slot_t *slots = malloc (v->n_slots * sizeof *slots);
    _saekin_concept_t **own = calloc (implied_cap (v->n_concepts), sizeof *own);
    bool ok = slots && own;
    for (size_t i = 0; ok && i < v->n_concepts; i++) {
        const _saekin_concept_t *c = v->concepts[i];
        ok = (own[i] = calloc (1, sizeof **own)) != NULL
             && copy_array (&own[i]->aliases, c->aliases, c->n_aliases)
             && copy_array (&own[i]->urls, c->urls, c->n_urls);
        if (own[i]) {
            own[i]->name = c->name;
            own[i]->n_aliases = own[i]->aliases ? c->n_aliases : 0;
            own[i]->n_urls = own[i]->urls ? c->n_urls : 0;
        }
    }
    if (! ok) {
        for (size_t i = 0; own && i < v->n_concepts; i++)
            if (own[i]) {
                free (own[i]->aliases);
                free (own[i]->urls);
                free (own[i]);
            }
        free (own);
        free (slots);
        return false;
    }
    memcpy (slots, v->slots, v->n_slots * sizeof *slots);
    free (v->concepts);
    v->concepts = own;
    v->slots = slots;
    v->builtin = false;
    return true;
}

static bool
has_name (const _saekin_concept_t *c, const char *s)
{
    if (strcmp (c->name, s) == 0)
        return true;
    for (size_t i = 0; i < c->n_aliases; i++)
        if (strcmp (c->aliases[i], s) == 0)
            return true;
    return false;
}

enum { MAX_ALIASES = 256, MAX_URLS = 32 };

/* One parsed line: pointers into the line's own buffer. */
typedef struct {
    char *name;
    char *aliases[MAX_ALIASES];
    size_t n_aliases;
    char *urls[MAX_URLS];
    size_t n_urls;
} line_t;

/* Where the line whose names have keys KEYS[0..N) goes: the existing
 * concept one of them already names (the canonical name first), or
 * NO_CONCEPT for a new one. */
static size_t
line_target (const _saekin_vocabulary_t *v, char **keys, const uint32_t *hashes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t c = table_get (v, keys[i], hashes[i]);
        if (c != NO_CONCEPT)
            return c;
    }
    return NO_CONCEPT;
}

/* Add NAME, whose key is KEY, to concept CI as an alias. */
static int
add_name (_saekin_vocabulary_t *v, size_t ci, const char *name, const char *key,
          uint32_t hash, warn_fn warn, void *ctx, const char *file, unsigned lineno)
{
    _saekin_concept_t *c = v->concepts[ci];
    size_t owner = table_get (v, key, hash);
    if (owner != NO_CONCEPT && owner != ci) {
        warnf (warn, ctx, file, lineno, "'%s' already names '%s'; ignored", name,
               v->concepts[owner]->name);
        return READ_OK;
    }
    /* A spelling the concept has is not repeated; another spelling of a
     * key it has ("오토 스케일링" beside "오토스케일링") is kept, as notes
     * write both. */
    if (owner == ci && has_name (c, name))
        return READ_OK;
    char *copy = arena_dup (v, name, strlen (name));
    if (! copy || ! push (&c->aliases, &c->n_aliases, copy))
        return READ_NO_MEMORY;
    if (owner == NO_CONCEPT && ! table_put (v, key, hash, ci))
        return READ_NO_MEMORY;
    return READ_OK;
}

static int
add_urls (_saekin_vocabulary_t *v, _saekin_concept_t *c, const line_t *ln)
{
    for (size_t i = 0; i < ln->n_urls; i++) {
        bool known = false;
        for (size_t j = 0; j < c->n_urls && ! known; j++)
            known = strcmp (c->urls[j], ln->urls[i]) == 0;
        if (known)
            continue;
        char *copy = arena_dup (v, ln->urls[i], strlen (ln->urls[i]));
        if (! copy || ! push (&c->urls, &c->n_urls, copy))
            return READ_NO_MEMORY;
    }
    return READ_OK;
}

/* Merge one parsed line into V.  SIMPLE says the line holds nothing but
 * ASCII and Hangul syllables, so its names need no ICU. */
static int
add_line (_saekin_vocabulary_t *v, const line_t *ln, bool simple, warn_fn warn, void *ctx,
          const char *file, unsigned lineno)
{
    size_t n = 1 + ln->n_aliases;
    char *keys[1 + MAX_ALIASES] = { NULL };
    uint32_t hashes[1 + MAX_ALIASES];
    keybuf_t kb;
    keybuf_init (&kb);

    for (size_t i = 0; i < n; i++) {
        const char *s = i == 0 ? ln->name : ln->aliases[i - 1];
        size_t len = strlen (s);
        /* The line is valid UTF-8 already: only memory can fail. */
        if ((simple ? simple_key (s, len, &kb) : make_key (s, len, &kb)) != 0
            || ! (keys[i] = arena_dup (v, kb.p, strlen (kb.p)))) {
            keybuf_free (&kb);
            return READ_NO_MEMORY;
        }
        hashes[i] = hash_key (keys[i]);
    }
    keybuf_free (&kb);
    if (! *keys[0]) {
        warnf (warn, ctx, file, lineno, "the canonical name '%s' has no letters; skipped",
               ln->name);
        return READ_OK;
    }

    size_t ci = line_target (v, keys, hashes, n);
    size_t first = 1;
    if (ci == NO_CONCEPT) {
        _saekin_concept_t *c = calloc (1, sizeof *c);
        if (! c || ! (c->name = arena_dup (v, ln->name, strlen (ln->name)))
            || ! push_concept (v, c)) {
            free (c);
            return READ_NO_MEMORY;
        }
        ci = v->n_concepts - 1;
        if (! table_put (v, keys[0], hashes[0], ci))
            return READ_NO_MEMORY;
    } else {
        first = 0; /* the line's canonical name becomes an alias */
    }

    for (size_t i = first; i < n; i++) {
        if (! *keys[i])
            continue; /* an alias of only dashes or spaces */
        int rc = add_name (v, ci, i == 0 ? ln->name : ln->aliases[i - 1], keys[i],
                           hashes[i], warn, ctx, file, lineno);
        if (rc != READ_OK)
            return rc;
    }
    return add_urls (v, v->concepts[ci], ln);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* Trim ASCII white space around S in place. */
static char *
trim (char *s)
{
    while (is_space (*s))
        s++;
    char *e = s + strlen (s);
    while (e > s && is_space (e[-1]))
        e--;
    *e = '\0';
    return s;
}

/* Split LINE (NFC, no newline) into LN.  NULL when it is good, else what
 * is wrong with it. */
static const char *
parse_line (char *line, line_t *ln)
{
    char *field[3];
    size_t n_fields = 0;
    for (char *p = line;;) {
        if (n_fields == 3)
            return "more than three TAB-separated fields";
        field[n_fields++] = p;
        char *tab = strchr (p, '\t');
        if (! tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (n_fields < 2)
        return "expected TAB-separated fields: name, aliases, URLs";

    ln->n_aliases = ln->n_urls = 0;
    ln->name = trim (field[0]);
    if (! *ln->name)
        return "empty canonical name";

    for (char *p = field[1]; p;) {
        char *bar = strchr (p, '|');
        if (bar)
            *bar = '\0';
        char *alias = trim (p);
        if (*alias) {
            if (ln->n_aliases == MAX_ALIASES)
                return "too many aliases";
            ln->aliases[ln->n_aliases++] = alias;
        }
        p = bar ? bar + 1 : NULL;
    }

    if (n_fields == 3) {
        char *save = NULL;
        for (char *u = strtok_r (field[2], " \t\v\f", &save); u;
             u = strtok_r (NULL, " \t\v\f", &save)) {
            if (! (strncasecmp (u, "https://", 8) == 0 && u[8])
                && ! (strncasecmp (u, "http://", 7) == 0 && u[7]))
                return "a URL field that is not an http(s) address";
            if (ln->n_urls == MAX_URLS)
                return "too many URLs";
            ln->urls[ln->n_urls++] = u;
        }
    }
    if (ln->n_aliases == 0 && ln->n_urls == 0)
        return "no aliases and no URLs";
    return NULL;
}

/* The names of an "@vendor" line (its aliases field) join V's vendors,
 * as keys.  READ_OK or READ_NO_MEMORY. */
static int
add_vendors (_saekin_vocabulary_t *v, const line_t *ln, warn_fn warn, void *ctx,
             const char *file, unsigned lineno)
{
    keybuf_t kb;
    keybuf_init (&kb);
    int rc = READ_OK;
    for (size_t i = 0; i < ln->n_aliases && rc == READ_OK; i++) {
        if (make_key (ln->aliases[i], strlen (ln->aliases[i]), &kb) != 0) {
            rc = READ_NO_MEMORY;
            break;
        }
        bool known = ! *kb.p;
        for (size_t k = 0; k < v->n_vendors && ! known; k++)
            known = strcmp (v->vendors[k], kb.p) == 0;
        if (known)
            continue;
        if (v->n_vendors == MAX_VENDORS)
            warnf (warn, ctx, file, lineno, "more than %d vendors; '%s' skipped",
                   MAX_VENDORS, ln->aliases[i]);
        else if (! (v->vendors[v->n_vendors++] = arena_dup (v, kb.p, strlen (kb.p))))
            rc = READ_NO_MEMORY;
    }
    keybuf_free (&kb);
    return rc;
}

/* Handle one raw line of LEN bytes (its newline included or not); RAW
 * may be changed. */
static int
read_line (_saekin_vocabulary_t *v, char *raw, size_t len, warn_fn warn, void *ctx,
           const char *file, unsigned lineno)
{
    if (lineno == 1 && len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0) {
        raw += 3; /* a byte-order mark some editors write */
        len -= 3;
    }
    while (len > 0 && is_space (raw[len - 1]))
        len--; /* "\r\n", trailing blanks */
    size_t skip = 0;
    while (skip < len && is_space (raw[skip]))
        skip++;
    if (skip == len || raw[skip] == '#')
        return READ_OK;
    if (memchr (raw, '\0', len)) {
        warnf (warn, ctx, file, lineno, "NUL byte in the line; skipped");
        return READ_OK;
    }
    raw[len] = '\0';

    char *line = raw, *norm = NULL;
    int kind = scan_utf8 (raw, len);
    switch (kind) {
    case SCAN_INVALID:
        warnf (warn, ctx, file, lineno, "not valid UTF-8; skipped");
        return READ_OK;
    case SCAN_OTHER:
        /* Names are kept NFC, as the notes' text is. */
        if (! (line = norm = _saekin_normalize (raw, len, NULL, NULL)))
            return READ_NO_MEMORY;
        break;
    default:
        break; /* NFC already */
    }

    line_t ln;
    int rc = READ_OK;
    const char *bad = parse_line (line, &ln);
    if (bad)
        warnf (warn, ctx, file, lineno, "%s; skipped", bad);
    else if (strcmp (ln.name, VENDOR_LINE) == 0)
        rc = add_vendors (v, &ln, warn, ctx, file, lineno);
    else
        rc = add_line (v, &ln, kind == SCAN_SIMPLE, warn, ctx, file, lineno);
    free (norm);
    return rc;
}

/* Read PATH into V.  READ_OK, READ_FAILED (errno set) or READ_NO_MEMORY. */
static int
add_file (_saekin_vocabulary_t *v, const char *path, warn_fn warn, void *ctx)
{
    FILE *f = fopen (path, "r");
    if (! f)
        return READ_FAILED;
    if (! copy_builtin (v)) {
        fclose (f);
        return READ_NO_MEMORY;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned lineno = 0;
    int rc = READ_OK;
    errno = 0;
    while (rc == READ_OK && (len = getline (&buf, &cap, f)) >= 0)
        rc = read_line (v, buf, (size_t) len, warn, ctx, path, ++lineno);
    if (rc == READ_OK && ferror (f))
        rc = errno == ENOMEM ? READ_NO_MEMORY : READ_FAILED;
    int saved = errno;
    free (buf);
    fclose (f);
    errno = saved;
    return rc;
}

/** Merge the vocabulary file PATH into VOCAB (see vocabulary.h): a line
 * one of whose names VOCAB knows adds to that concept, any other line
 * makes a new one.  Bad lines are skipped with a warning through WARN
 * (which may be NULL).  0, or -1 with errno set when PATH cannot be read
 * or memory runs out. */
int
_saekin_vocabulary_add_file (_saekin_vocabulary_t *vocab, const char *path,
                             void (*warn) (void *ctx, const char *file, unsigned line,
                                           const char *msg),
                             void *ctx)
{
    if (! vocab || ! path) {
        errno = EINVAL;
        return -1;
    }
    int rc = add_file (vocab, path, warn, ctx);
    if (rc == READ_NO_MEMORY)
        errno = ENOMEM;
    return rc == READ_OK ? 0 : -1;
}

/** The shipped vocabulary (compiled in; the file VOCABULARY_PATH
 * replaces it when not NULL) merged with the user's synonyms file
 * SYNONYMS_PATH (none when NULL).  An unreadable vocabulary file is
 * reported through WARN with line 0; a missing synonyms file is not.
 * NULL only when out of memory. */
_saekin_vocabulary_t *
_saekin_vocabulary_load (const char *vocabulary_path, const char *synonyms_path,
                         void (*warn) (void *ctx, const char *file, unsigned line,
                                       const char *msg),
                         void *ctx)
{
    _saekin_vocabulary_t *v = _saekin_vocabulary_new ();
    if (! v)
        return NULL;

    /* The shipped vocabularies (AWS, computer science) are compiled in
     * as a ready table, so an uninstalled build and every query start
     * find them without touching the disk or parsing anything; a file
     * given replaces them (for trying out an edited copy). */
    const char *shipped = vocabulary_path;
    int rc = READ_OK;
    if (shipped && *shipped) {
        rc = add_file (v, shipped, warn, ctx);
        if (rc == READ_FAILED)
            warnf (warn, ctx, shipped, 0, "cannot read the AWS vocabulary: %s",
                   strerror (errno));
    } else if (! use_builtin (v)) {
        rc = READ_NO_MEMORY;
    }
    if (rc == READ_NO_MEMORY)
        goto oom;

    const char *user = synonyms_path;
    if (user && *user) {
        rc = add_file (v, user, warn, ctx);
        /* Having no synonyms file of one's own is the normal case. */
        if (rc == READ_FAILED && errno != ENOENT && errno != ENOTDIR)
            warnf (warn, ctx, user, 0, "cannot read: %s", strerror (errno));
        if (rc == READ_NO_MEMORY)
            goto oom;
    }
    return v;
oom:
    _saekin_vocabulary_free (v);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Lookups                                                             */
/* ------------------------------------------------------------------ */

static size_t
get (const _saekin_vocabulary_t *v, const char *key)
{
    return table_get (v, key, hash_key (key));
}

/* The concept KEY names, trying English plurals too ("Transit Gateways",
 * "KMS key policies") when the exact key is unknown.  KEY is changed. */
static const _saekin_concept_t *
find_key (const _saekin_vocabulary_t *v, char *key)
{
    size_t c = get (v, key);
    size_t len = strlen (key);
    if (c == NO_CONCEPT && len > 3 && key[len - 1] == 's') {
        key[len - 1] = '\0'; /* groups -> group */
        c = get (v, key);
        if (c == NO_CONCEPT && key[len - 2] == 'e') {
            key[len - 2] = '\0'; /* classes -> class */
            c = get (v, key);
            if (c == NO_CONCEPT && key[len - 3] == 'i') {
                key[len - 3] = 'y'; /* policies -> policy */
                c = get (v, key);
            }
        }
    }
    return c == NO_CONCEPT ? NULL : v->concepts[c];
}

/* The concept the LEN bytes of NAME name, plurals included. */
static const _saekin_concept_t *
find_name (const _saekin_vocabulary_t *v, const char *name, size_t len)
{
    keybuf_t kb;
    keybuf_init (&kb);
    const _saekin_concept_t *c = NULL;
    if (make_key (name, len, &kb) == 0 && *kb.p)
        c = find_key (v, kb.p);
    keybuf_free (&kb);
    return c;
}

/** The concept NAME names, ignoring case, spaces, hyphens and Unicode
 * normalisation, with an optional "AWS " or "Amazon " in front and an
 * optional English plural; borrowed from V, NULL when none (or when NAME
 * is not valid UTF-8). */
const _saekin_concept_t *
_saekin_vocabulary_find (const _saekin_vocabulary_t *v, const char *name)
{
    if (! v || ! name || ! v->n_concepts)
        return NULL;
    const _saekin_concept_t *c = find_name (v, name, strlen (name));
    if (c)
        return c;

    /* "Amazon Kinesis Data Firehose", "AWS DAX": the vendor's name is
     * optional when the rest is a known name. */
    while (is_space (*name))
        name++;
    size_t n = _saekin_vocabulary_vendor_prefix (name);
    return n ? find_name (v, name + n, strlen (name + n)) : NULL;
}

/* The vendors are the shipped vocabulary's, compiled in, whatever file
 * a caller loads: title keys made at indexing time depend on them, and
 * must not change with a user's synonyms. */

/** See vocabulary.h. */
size_t
_saekin_vocabulary_vendor_prefix (const char *name)
{
    const _saekin_vocabulary_table_t *t = &_saekin_vocabulary_builtin;
    for (size_t i = 0; name && i < t->n_vendors; i++) {
        size_t n = strlen (t->vendors[i]);
        if (strncasecmp (name, t->vendors[i], n) == 0
            && (is_space (name[n]) || name[n] == '-') && name[n + 1]
            && ! is_space (name[n + 1]))
            return n + 1;
    }
    return 0;
}

/** See vocabulary.h. */
bool
_saekin_vocabulary_is_vendor (const char *word)
{
    const _saekin_vocabulary_table_t *t = &_saekin_vocabulary_builtin;
    for (size_t i = 0; word && i < t->n_vendors; i++)
        if (strcmp (word, t->vendors[i]) == 0)
            return true;
    return false;
}

/** How many concepts V holds. */
size_t
_saekin_vocabulary_count (const _saekin_vocabulary_t *v)
{
    return v ? v->n_concepts : 0;
}

/** Concept I of V, borrowed; NULL when I is out of range. */
const _saekin_concept_t *
_saekin_vocabulary_get (const _saekin_vocabulary_t *v, size_t i)
{
    return v && i < v->n_concepts ? v->concepts[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* The compiled-in table                                               */
/* ------------------------------------------------------------------ */

void
_saekin_vocabulary_view (const _saekin_vocabulary_t *v, _saekin_vocabulary_view_t *view)
{
    view->concepts = v->concepts;
    view->n_concepts = v->n_concepts;
    view->slots = v->slots;
    view->n_slots = v->n_slots;
    view->n_keys = v->n_keys;
    view->vendors = v->vendors;
    view->n_vendors = v->n_vendors;
}
