/* analyze.c - one analysis of text into index terms, shared by the
 * indexer, the query builder and the snippet highlighter (see analyze.h).
 *
 * ICU's word break iterator cuts the text into words; spaces and
 * punctuation (rule status UBRK_WORD_NONE) are skipped.  Each word gets
 * one position and yields:
 *
 *   Latin words, numbers, other scripts
 *     WORD  the word folded with NFKC_Casefold ("cloudtrail", "s3", "1.2",
 *           "443"; fullwidth and compatibility forms fold to ASCII;
 *           digit groups lose their commas: "3,000" -> "3000");
 *     STEM  for alphabetic Latin words, always (even when equal to the
 *           word: a query for "cloud" must meet the stem of "clouds"),
 *           the Snowball English stem ("instances" -> "instanc");
 *     PART  the pieces of a compound when there are two or more:
 *           camelCase and acronyms ("CloudTrail" -> cloud, trail;
 *           "DynamoDB" -> dynamo, db; "DBInstance" -> db, instance; not
 *           "VPCs", "IPv4", "iOS"), letters/digits ("Route53" -> route, 53;
 *           "10GB" -> 10, gb; not "EC2", "S3"), and words joined by . _ :
 *           ("node.js", "snake_case"; not "1.2");
 *     PART  for two words joined by a hyphen, the pair written together,
 *           at the second word ("dead-letter" -> dead, letter +
 *           "deadletter"), so dead-letter, dead letter and deadletter can
 *           find each other (the query side joins "dead letter" itself).
 *
 *   Hangul words
 *     WORD  the surface word ("인증서를");
 *     STEM  always: the word without its particle or ending (korean.c),
 *           over the stem's bytes only, so a highlight marks 인증서 of
 *           인증서를; for a word without a particle it is the word itself;
 *     NGRAM the syllable bigrams of the stem (가용영역 -> 가용, 용영, 영역;
 *           a two-syllable stem is its own bigram), so that spacing
 *           variants (가용 영역 / 가용영역) and compounds still meet at low
 *           weight.  One-syllable stems have none: as bigrams they would
 *           match nearly everything.
 *     A Hangul word that is nothing but a particle or an ending, written
 *     right after another word with no space between ("CloudTrail을",
 *     "**S3**에", "(EC2)의", "**백업**으로"), is dropped: it has no
 *     meaning of its own and would take a position.  Standing alone
 *     ("S3 에") it is a WORD only.
 *
 * Terms longer than _SAEKIN_MAX_TERM bytes are cut at a character
 * boundary; only the first MAX_FOLD UTF-16 units of a word are folded and
 * split, so a 2 MB "word" costs no more than a short one.
 *
 * Every call works on one UTF-16 copy of the text; the break iterator and
 * the buffers are kept per thread and reused, so analysing many short
 * passages does not pay for ubrk_open() each time.  Decoding and folding
 * are unicode.c's. */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "analyze.h"
#include "korean.h"
#include "unicode.h"
#include "xapian-shim.h"

/* UTF-16 units of a word that are folded and split into parts; the rest
 * of a longer word only counts for its byte range. */
#define MAX_FOLD 256
/* Room for folding MAX_FOLD units: NFKC_Casefold expands one code point
 * to at most 18 (U+FDFA). */
#define FOLD_CAP (MAX_FOLD * 18)
/* Bigrams are made from at most this many syllables of a stem. */
#define MAX_BIGRAM_SYLLABLES 64
/* Parts of one word. */
#define MAX_PARTS 32

/* ------------------------------------------------------------------ */
/* Emitting tokens                                                     */
/* ------------------------------------------------------------------ */

typedef enum {
    CLASS_NONE, /* nothing emitted yet */
    CLASS_HANGUL,
    CLASS_LATIN, /* Latin letters and/or digits */
    CLASS_OTHER, /* other scripts, symbols */
} word_class_t;

typedef struct {
    const char *text;
    size_t len;
    const UChar *u16;
    _saekin_token_fn fn;
    void *ctx;
    int stop; /* FN's non-zero result */
    unsigned pos;

    /* Mapping from UTF-16 offsets to byte offsets: both advance together
     * as words come in text order. */
    size_t cur16, cur8;

    /* The last word emitted, for particles and hyphen joins. */
    word_class_t prev_class;
    size_t prev_end16;
    size_t prev_start8;
    bool prev_has_letter;
    char prev_folded[_SAEKIN_MAX_TERM + 1];

    /* The technical term being read: where it ends, and how many of its
     * words have come. */
    size_t term_end8;
    unsigned term_words;

    /* Scratch. */
    UChar fold16[FOLD_CAP];
    char fold8[FOLD_CAP * 3 + 1];
    char term[_SAEKIN_MAX_TERM + 1];
    size_t off8[MAX_FOLD + 1]; /* word-relative byte offset per unit */
} an_t;

/* ------------------------------------------------------------------ */
/* Per-thread state                                                    */
/* ------------------------------------------------------------------ */

typedef struct {
    UBreakIterator *bi;
    bool busy;  /* in use further up this thread's stack */
    UChar *u16; /* the text being analysed */
    size_t u16_cap;
    an_t an;
} state_t;

static pthread_key_t state_key;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;
static bool state_key_ok;

static void
state_free (void *p)
{
    state_t *st = p;

    if (! st)
        return;
    if (st->bi)
        ubrk_close (st->bi);
    free (st->u16);
    free (st);
}

static void
state_key_init (void)
{
    state_key_ok = pthread_key_create (&state_key, state_free) == 0;
}

static state_t *
state_new (void)
{
    UErrorCode err = U_ZERO_ERROR;
    state_t *st = calloc (1, sizeof *st);

    if (! st)
        return NULL;
    st->bi = ubrk_open (UBRK_WORD, "", NULL, 0, &err);
    if (U_FAILURE (err) || ! st->bi) {
        free (st);
        return NULL;
    }
    return st;
}

/* This thread's state, or a fresh one when it is busy (FN called us
 * again) or cannot be kept; *OWNED tells the caller to free it. */
static state_t *
state_get (bool *owned)
{
    state_t *st;

    pthread_once (&state_once, state_key_init);
    *owned = false;
    if (state_key_ok) {
        st = pthread_getspecific (state_key);
        if (st && ! st->busy)
            return st;
        if (! st) {
            st = state_new ();
            if (st && pthread_setspecific (state_key, st) == 0)
                return st;
            state_free (st);
        }
    }
    *owned = true;
    return state_new ();
}

/* Length of the longest prefix of S (LEN bytes) that fits in MAX bytes
 * without cutting a UTF-8 character. */
static size_t
utf8_fit (const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char) s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static int
emit (an_t *a, _saekin_tok_kind_t kind, const char *s, size_t n, size_t start, size_t end)
{
    _saekin_token_t tok;

    n = utf8_fit (s, n, _SAEKIN_MAX_TERM);
    if (n == 0 || a->stop)
        return a->stop;
    memcpy (a->term, s, n);
    a->term[n] = '\0';
    tok.term = a->term;
    tok.kind = kind;
    tok.pos = a->pos;
    tok.start = start;
    tok.end = end;
    a->stop = a->fn (a->ctx, &tok);
    return a->stop;
}

/* Advance the offset mapping to UTF-16 offset AT and return the byte
 * offset there. */
static size_t
byte_at (an_t *a, size_t at)
{
    /* The same decoder as the conversion to UTF-16, so an ill-formed
     * sequence is one U+FFFD unit on both sides. */
    while (a->cur16 < at && a->cur8 < a->len)
        a->cur16 += _saekin_u8_next (a->text, a->len, &a->cur8) > 0xFFFF ? 2 : 1;
    return a->cur8;
}

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

/* Fold the UTF-16 units W[0..N) (N <= MAX_FOLD) into A->fold8; returns its
 * byte length.  ASCII is lower-cased directly; anything else goes through
 * NFKC_Casefold, so "ＡＷＳ" and "Aws" both give "aws", with the right
 * single quote taken as an apostrophe first. */
static size_t
fold (an_t *a, const UChar *w, size_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    UChar src[MAX_FOLD];
    int32_t n16, n8;
    size_t i;
    bool ascii = true;

    for (i = 0; i < n; i++)
        if (w[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        for (i = 0; i < n; i++) {
            char c = (char) w[i];
            a->fold8[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        a->fold8[n] = '\0';
        return n;
    }
    for (i = 0; i < n; i++)
        src[i] = w[i] == 0x2019 ? 0x27 : w[i];
    n16 = _saekin_fold16 (src, (int32_t) n, a->fold16, FOLD_CAP);
    if (n16 < 0)
        return 0;
    u_strToUTF8 (a->fold8, (int32_t) sizeof a->fold8, &n8, a->fold16, n16, &err);
    if (U_FAILURE (err))
        return 0;
    return (size_t) n8;
}

/* ------------------------------------------------------------------ */
/* Latin words                                                         */
/* ------------------------------------------------------------------ */

typedef enum { CH_UPPER, CH_LOWER, CH_DIGIT, CH_SEP, CH_OTHER } ch_t;

static ch_t
ch_class (UChar c)
{
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            return CH_UPPER;
        if (c >= 'a' && c <= 'z')
            return CH_LOWER;
        if (c >= '0' && c <= '9')
            return CH_DIGIT;
        if (c == '.' || c == '_' || c == ':' || c == ',' || c == ';')
            return CH_SEP;
        return CH_OTHER;
    }
    if (c == 0x00B7 || c == 0x2024 || c == 0x2027 || c == 0xFF0E || c == 0xFF3F)
        return CH_SEP;
    if (u_isupper (c) || u_istitle (c))
        return CH_UPPER;
    if (u_isdigit (c))
        return CH_DIGIT;
    if (u_isalpha (c))
        return CH_LOWER; /* lower case, or a script without case */
    return CH_OTHER;
}

typedef struct {
    size_t start, end; /* UTF-16 offsets in the word */
    bool digits;       /* made of digits */
} hump_t;

/* A run of letters that reads as an ordinary word: any first letter, the
 * rest lower case ("Route", "boto"), three letters at least. */
static bool
wordlike (const UChar *w, const hump_t *h)
{
    size_t i;

    if (h->digits || h->end - h->start < 3)
        return false;
    for (i = h->start + 1; i < h->end; i++)
        if (ch_class (w[i]) != CH_LOWER)
            return false;
    return true;
}

/* Merge hump I+1 into hump I. */
static void
merge_next (hump_t *h, size_t *nh, size_t i)
{
    h[i].end = h[i + 1].end;
    memmove (&h[i + 1], &h[i + 2], (*nh - i - 2) * sizeof *h);
    (*nh)--;
}

/* Split W[0..N) into the humps of a compound (see the file comment);
 * returns how many, at most MAX_PARTS. */
static size_t
split_parts (const UChar *w, size_t n, hump_t *h)
{
    size_t nh = 0, i, start = 0;
    bool in_piece = false, changed;

    /* Raw humps: cut at separators, case changes, letters/digits. */
    for (i = 0; i <= n; i++) {
        ch_t c = i < n ? ch_class (w[i]) : CH_SEP;
        ch_t p = i > 0 ? ch_class (w[i - 1]) : CH_SEP;
        bool cut = false;

        /* A point or comma between two digits belongs to a number: 1.2,
         * 3,000. */
        if (c == CH_SEP && i < n && (w[i] == '.' || w[i] == ',') && p == CH_DIGIT
            && i + 1 < n && ch_class (w[i + 1]) == CH_DIGIT)
            c = CH_DIGIT;
        if (p == CH_SEP && i > 1 && (w[i - 1] == '.' || w[i - 1] == ',')
            && ch_class (w[i - 2]) == CH_DIGIT && c == CH_DIGIT)
            p = CH_DIGIT;
        if (c == CH_SEP) {
            if (in_piece && nh < MAX_PARTS)
                h[nh++] = (hump_t){ start, i, false };
            in_piece = false;
            continue;
        }
        if (! in_piece) {
            in_piece = true;
            start = i;
            continue;
        }
        if (c == CH_OTHER || p == CH_OTHER)
            continue; /* an apostrophe stays inside its hump */
        if (p == CH_LOWER && c == CH_UPPER)
            cut = true; /* cloudTrail */
        else if (p == CH_UPPER && c == CH_UPPER && i + 1 < n
                 && ch_class (w[i + 1]) == CH_LOWER) {
            /* DBInstance: the last capital starts the next hump, unless
             * only a plural s follows (VPCs, AMIs). */
            bool plural = w[i + 1] == 's'
                          && (i + 2 == n || ch_class (w[i + 2]) != CH_LOWER);
            cut = ! plural;
        } else if ((p == CH_DIGIT) != (c == CH_DIGIT))
            cut = true; /* letters and digits */
        if (cut) {
            if (nh < MAX_PARTS)
                h[nh++] = (hump_t){ start, i, false };
            start = i;
        }
    }
    for (i = 0; i < nh; i++)
        h[i].digits = ch_class (w[h[i].start]) == CH_DIGIT;

    /* Letters and digits stay together unless the letters read as a word
     * (Route53, boto3) or the digits lead a real word (10GB, 3way). */
    do {
        changed = false;
        for (i = 0; i + 1 < nh; i++) {
            if (h[i].end != h[i + 1].start || h[i].digits == h[i + 1].digits)
                continue;
            if (h[i].digits ? h[i + 1].end - h[i + 1].start >= 2 : wordlike (w, &h[i]))
                continue;
            h[i].digits = false;
            merge_next (h, &nh, i);
            changed = true;
            break;
        }
    } while (changed);

    /* A lone letter is not a part: IPv (I + Pv), iOS (i + OS), getX. */
    do {
        changed = false;
        for (i = 0; i < nh; i++) {
            if (h[i].digits || h[i].end - h[i].start != 1)
                continue;
            if (i + 1 < nh && h[i].end == h[i + 1].start && ! h[i + 1].digits)
                merge_next (h, &nh, i);
            else if (i > 0 && h[i - 1].end == h[i].start && ! h[i - 1].digits)
                merge_next (h, &nh, i - 1);
            else
                continue;
            changed = true;
            break;
        }
    } while (changed);
    return nh;
}

/* Whether FOLDED is worth giving to the English stemmer: letters a-z with
 * maybe an apostrophe ("instances", "aws's"). */
static bool
stemmable (const char *s, size_t n)
{
    size_t i, letters = 0;

    for (i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            letters++;
        else if (s[i] != '\'')
            return false;
    }
    return letters > 0;
}

/* How many letters an acronym written W[0..N) has: all capitals
 * ("AWS", "ELB") or capitals with a plural s ("VPCs", "AMIs"); 0 when it
 * is not one.  Snowball would make "aws" of AWS "aw" and leave "vpcs"
 * apart from "vpc". */
static size_t
acronym_len (const UChar *w, size_t n)
{
    size_t i;

    if (n > 1 && w[n - 1] == 's')
        n--;
    if (n < 2)
        return 0;
    for (i = 0; i < n; i++)
        if (w[i] < 'A' || w[i] > 'Z')
            return 0;
    return n;
}

/* Emit a STEM token for the folded word S (written W[0..N) in the text)
 * when it is stemmable. */
static int
emit_stem (an_t *a, const UChar *w, size_t n16, const char *s, size_t n, size_t start,
           size_t end)
{
    char in[_SAEKIN_MAX_TERM + 1];
    char out[_SAEKIN_MAX_TERM + 1];
    size_t acronym;

    n = utf8_fit (s, n, _SAEKIN_MAX_TERM);
    if (! stemmable (s, n))
        return 0;
    acronym = acronym_len (w, n16);
    if (acronym)
        return emit (a, _SAEKIN_TOK_STEM, s, acronym, start, end);
    memcpy (in, s, n);
    in[n] = '\0';
    _saekin_xstem_en (in, out, sizeof out);
    return emit (a, _SAEKIN_TOK_STEM, out, strlen (out), start, end);
}

/* "3,000" and "1,000,000": digit groups whose commas can go. */
static bool
digit_groups (const char *s, size_t n)
{
    size_t i, run = 0;
    bool comma = false;

    for (i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            run++;
        else if (s[i] == ',') {
            if (run == 0 || run > 3 || (comma && run != 3))
                return false;
            comma = true;
            run = 0;
        } else
            return false;
    }
    return comma && run == 3;
}

static bool
is_hyphen (UChar c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Fill A->off8 with the byte offset in the text of each UTF-16 unit of
 * W[0..N) (and of its end), W starting at byte S8; a trail surrogate
 * maps to the end of its character. */
static void
set_offsets (an_t *a, const UChar *w, size_t n, size_t s8)
{
    size_t i;

    a->off8[0] = s8;
    for (i = 0; i < n; i++) {
        size_t at = a->off8[i];
        if (! (U16_IS_TRAIL (w[i]) && i > 0) && at < a->len)
            _saekin_u8_next (a->text, a->len, &at);
        a->off8[i + 1] = at;
    }
}

/* A word of Latin letters, digits, or any other script than Hangul. */
static int
latin_word (an_t *a, size_t s16, size_t e16, size_t s8, size_t e8, word_class_t cls)
{
    const UChar *w = a->u16 + s16;
    size_t n16 = e16 - s16 < MAX_FOLD ? e16 - s16 : MAX_FOLD;
    size_t nf, i, np;
    hump_t parts[MAX_PARTS];
    char word[_SAEKIN_MAX_TERM + 1];
    bool has_letter = false;

    /* A word cut short must not end on half a surrogate pair. */
    if (n16 < e16 - s16 && U16_IS_LEAD (w[n16 - 1]))
        n16--;
    nf = fold (a, w, n16);
    if (nf == 0)
        return 0;
    if (digit_groups (a->fold8, nf)) {
        size_t k = 0;
        for (i = 0; i < nf; i++)
            if (a->fold8[i] != ',')
                a->fold8[k++] = a->fold8[i];
        nf = k;
    }
    nf = utf8_fit (a->fold8, nf, _SAEKIN_MAX_TERM);
    memcpy (word, a->fold8, nf);
    word[nf] = '\0';

    a->pos++;
    if (emit (a, _SAEKIN_TOK_WORD, word, nf, s8, e8))
        return a->stop;
    if (cls == CLASS_LATIN && emit_stem (a, w, n16, word, nf, s8, e8))
        return a->stop;

    for (i = 0; i < n16; i++)
        if (ch_class (w[i]) == CH_UPPER || ch_class (w[i]) == CH_LOWER) {
            has_letter = true;
            break;
        }

    if (cls == CLASS_LATIN && has_letter && (np = split_parts (w, n16, parts)) >= 2) {
        set_offsets (a, w, n16, s8);
        for (i = 0; i < np; i++) {
            size_t pn;
            if (parts[i].end - parts[i].start < 2)
                continue;
            pn = fold (a, w + parts[i].start, parts[i].end - parts[i].start);
            if (emit (a, _SAEKIN_TOK_PART, a->fold8, pn, a->off8[parts[i].start],
                      a->off8[parts[i].end]))
                return a->stop;
        }
    }

    /* dead-letter: the pair written as one word, at the second word. */
    if (cls == CLASS_LATIN && a->prev_class == CLASS_LATIN && s16 == a->prev_end16 + 1
        && is_hyphen (a->u16[a->prev_end16]) && (has_letter || a->prev_has_letter)) {
        char joined[2 * _SAEKIN_MAX_TERM + 1];
        size_t pl = strlen (a->prev_folded);
        memcpy (joined, a->prev_folded, pl);
        memcpy (joined + pl, word, nf);
        if (emit (a, _SAEKIN_TOK_PART, joined, pl + nf, a->prev_start8, e8))
            return a->stop;
    }

    a->prev_class = cls;
    a->prev_has_letter = has_letter;
    a->prev_start8 = s8;
    memcpy (a->prev_folded, word, nf + 1);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Hangul words                                                        */
/* ------------------------------------------------------------------ */

/* Whether the UTF-16 units GAP[0..N) between two words hold white space. */
static bool
has_space (const UChar *gap, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (u_isUWhiteSpace (gap[i]))
            return true;
    return false;
}

/* A word of Hangul syllables only: bytes TEXT[S8..E8), three per
 * syllable. */
static int
hangul_word (an_t *a, size_t s16, size_t s8, size_t e8)
{
    const char *w = a->text + s8;
    size_t len = e8 - s8, stem, n_syl, i;
    bool particle = _saekin_korean_is_particle (w, len);

    /* A particle glued to the word before it by markup or brackets
     * (**S3**에, (EC2)의, `백업`으로) belongs to that word. */
    if (particle && a->prev_class != CLASS_NONE
        && ! has_space (a->u16 + a->prev_end16, s16 - a->prev_end16))
        return 0;

    a->pos++;
    a->prev_class = CLASS_HANGUL;
    if (emit (a, _SAEKIN_TOK_WORD, w, len, s8, e8))
        return a->stop;
    /* A particle standing alone has nothing to stem and would make the
     * commonest bigrams of all. */
    if (particle)
        return 0;
    stem = _saekin_korean_stem_len (w, len);
    if (emit (a, _SAEKIN_TOK_STEM, w, stem, s8, s8 + stem))
        return a->stop;
    n_syl = stem / 3;
    if (n_syl > MAX_BIGRAM_SYLLABLES)
        n_syl = MAX_BIGRAM_SYLLABLES;
    for (i = 0; n_syl >= 2 && i + 1 < n_syl; i++)
        if (emit (a, _SAEKIN_TOK_NGRAM, w + 3 * i, 6, s8 + 3 * i, s8 + 3 * i + 6))
            return a->stop;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Technical terms                                                     */
/* ------------------------------------------------------------------ */

/* C++, C#, N+1, .NET, HTTP/2, 3-way: ICU cuts them at their punctuation
 * into words that mean something else ("c", "n" and "1"), and
 * TIME_WAIT's parts are ordinary words.  Such a term is handed out whole
 * (_SAEKIN_TOK_TERM) before its words, so that a query asks for it and
 * not for its pieces ("N+1" must not find "1 <= N"), while the pieces
 * stay in the index for whoever types them.  Only these shapes count:
 * other punctuation still separates words. */

static bool
ascii_alpha (UChar c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
ascii_digit (UChar c)
{
    return c >= '0' && c <= '9';
}

/* Whether a term may end before U[I] (of N): nothing follows, or neither
 * a letter, a digit, '_' nor AGAIN (the term's own last character). */
static bool
term_ends (const UChar *u, size_t n, size_t i, UChar again)
{
    return i >= n || ! (u_isalnum (u[i]) || u[i] == '_' || (again && u[i] == again));
}

/* The index after the digits of U from I ("1", "1.1"), I when none. */
static size_t
skip_number (const UChar *u, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && ascii_digit (u[j]))
        j++;
    if (j > i && j + 1 < n && u[j] == '.' && ascii_digit (u[j + 1]))
        for (j++; j < n && ascii_digit (u[j]); j++)
            ;
    return j;
}

/* Whether the word U[S..E) (of N units) starts a technical term, or is
 * one; its bounds go to *TS and *TE (all ASCII around the word). */
static bool
tech_term (const UChar *u, size_t n, size_t s, size_t e, size_t *ts, size_t *te)
{
    size_t len = e - s, i, j;
    bool letters = true, digits = true, upper = true, under = false, ascii = true;

    for (i = s; i < e; i++) {
        letters = letters && ascii_alpha (u[i]);
        digits = digits && ascii_digit (u[i]);
        upper = upper && u[i] >= 'A' && u[i] <= 'Z';
        under = under || (u[i] == '_' && i > s && i + 1 < e);
        ascii = ascii && (ascii_alpha (u[i]) || ascii_digit (u[i]) || u[i] == '_');
    }
    *ts = s;
    *te = e;
    if (! ascii)
        return false;
    if (under) /* TIME_WAIT, max_connections */
        return true;
    if (letters && e + 1 < n && u[e] == '+' && u[e + 1] == '+'
        && term_ends (u, n, e + 2, '+'))
        *te = e + 2; /* C++ */
    else if (letters && len <= 2 && e < n && u[e] == '#' && term_ends (u, n, e + 1, '#'))
        *te = e + 1; /* C#, F# */
    else if (letters && len == 1 && e + 1 < n && u[e] == '+'
             && (j = skip_number (u, n, e + 1)) > e + 1 && term_ends (u, n, j, 0))
        *te = j; /* N+1 */
    else if (upper && len == 1 && e < n && u[e] == '+' && term_ends (u, n, e + 1, '+'))
        *te = e + 1; /* B+ */
    else if (upper && len >= 2 && e + 1 < n && u[e] == '/'
             && (j = skip_number (u, n, e + 1)) > e + 1 && term_ends (u, n, j, 0))
        *te = j; /* HTTP/2, HTTP/1.1 */
    else if (digits && len <= 2 && e + 1 < n && (u[e] == '-' || u[e] == 0x2010)
             && ascii_alpha (u[e + 1])) {
        for (j = e + 1; j < n && ascii_alpha (u[j]); j++)
            ;
        if (! term_ends (u, n, j, 0))
            return false;
        *te = j; /* 3-way, 2-phase */
    } else if (letters && len >= 2 && s >= 1 && u[s - 1] == '.'
               && (s == 1 || u_isUWhiteSpace (u[s - 2])
                   || (u[s - 2] && u[s - 2] < 0x80
                       && strchr ("([{\"'`/", (char) u[s - 2])))
               && term_ends (u, n, e, 0))
        *ts = s - 1; /* .NET */
    else
        return false;
    return true;
}

/* Hand out the technical term U16[TS..TE) at the position the next word
 * takes; S8 and E8 are the bytes of the word at S16..E16 inside it. */
static int
emit_term (an_t *a, size_t ts, size_t te, size_t s16, size_t e16, size_t s8, size_t e8)
{
    char t[_SAEKIN_MAX_TERM + 1];
    size_t n = 0;
    int r;

    for (size_t i = ts; i < te && n < _SAEKIN_MAX_TERM; i++) {
        UChar c = a->u16[i];
        t[n++] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c == 0x2010 ? '-' : c);
    }
    a->term_end8 = e8 + (te - e16);
    a->term_words = 0;
    a->pos++;
    r = emit (a, _SAEKIN_TOK_TERM, t, n, s8 - (s16 - ts), a->term_end8);
    a->pos--;
    return r;
}

/* ------------------------------------------------------------------ */
/* The walk                                                            */
/* ------------------------------------------------------------------ */

/* What kind of word U[0..N) is: Hangul syllables only, Latin letters
 * and digits (with the apostrophes and marks ICU keeps inside words), or
 * anything else. */
static word_class_t
classify (const UChar *u, size_t n)
{
    size_t i;

    for (i = 0; i < n && _saekin_is_hangul_syllable (u[i]); i++)
        ;
    if (i == n)
        return CLASS_HANGUL;
    for (i = 0; i < n; i++) {
        UChar c = u[i];
        UErrorCode err = U_ZERO_ERROR;
        if (c < 0x80 || u_isdigit (c) || c == 0x2019 || c == 0x00B7)
            continue;
        if (U16_IS_SURROGATE (c))
            return CLASS_OTHER;
        if (u_isalpha (c)) {
            if (uscript_getScript (c, &err) != USCRIPT_LATIN)
                return CLASS_OTHER;
        } else if (u_charType (c) != U_NON_SPACING_MARK)
            return CLASS_OTHER;
    }
    return CLASS_LATIN;
}

int
_saekin_analyze (const char *text, size_t len, _saekin_token_fn fn, void *ctx)
{
    state_t *st;
    an_t *a;
    bool owned;
    int32_t n16;
    int32_t from, to;
    UErrorCode err = U_ZERO_ERROR;
    static const UChar empty[1] = { 0 };
    int r = 0;

    if (! text || len == 0)
        return 0;
    if (len > (size_t) INT32_MAX)
        return -1;
    st = state_get (&owned);
    if (! st)
        return -1;
    a = &st->an;
    if (st->u16_cap < len + 1) {
        /* Grow to the text, but do not keep a huge buffer for ever. */
        UChar *u = realloc (st->u16, (len + 1) * sizeof *u);
        if (! u)
            goto fail;
        st->u16 = u;
        st->u16_cap = len + 1;
    }
    n16 = _saekin_u8_to_u16 (text, len, st->u16, len + 1, NULL);
    if (n16 < 0)
        goto fail;
    ubrk_setText (st->bi, st->u16, (int32_t) n16, &err);
    if (U_FAILURE (err))
        goto fail;
    st->busy = true;

    memset (a, 0, offsetof (an_t, fold16));
    a->text = text;
    a->len = len;
    a->u16 = st->u16;
    a->fn = fn;
    a->ctx = ctx;
    a->prev_class = CLASS_NONE;

    from = ubrk_first (st->bi);
    while ((to = ubrk_next (st->bi)) != UBRK_DONE) {
        int32_t status = ubrk_getRuleStatus (st->bi);
        size_t s16 = (size_t) from, e16 = (size_t) to, s8, e8;
        word_class_t cls;

        from = to;
        if (status < UBRK_WORD_NONE_LIMIT)
            continue;
        s8 = byte_at (a, s16);
        e8 = byte_at (a, e16);
        cls = classify (st->u16 + s16, e16 - s16);
        if (cls == CLASS_LATIN && s8 >= a->term_end8) {
            size_t ts, te;
            if (tech_term (st->u16, (size_t) n16, s16, e16, &ts, &te)
                && (r = emit_term (a, ts, te, s16, e16, s8, e8)))
                break;
        }
        /* The words of a technical term share its position. */
        if (s8 < a->term_end8 && a->term_words++ > 0)
            a->pos--;
        if (cls == CLASS_HANGUL)
            r = hangul_word (a, s16, s8, e8);
        else
            r = latin_word (a, s16, e16, s8, e8, cls);
        a->prev_end16 = e16;
        if (r)
            break;
    }
    st->busy = false;
    /* A big text's buffer is not worth keeping between calls. */
    if (st->u16_cap > (1u << 20)) {
        free (st->u16);
        st->u16 = NULL;
        st->u16_cap = 0;
        ubrk_setText (st->bi, empty, 0, &err);
    }
    if (owned)
        state_free (st);
    return r;

fail:
    if (owned)
        state_free (st);
    return -1;
}
