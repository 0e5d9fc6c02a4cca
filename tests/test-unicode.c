/* test-unicode.c - the one Unicode layer (lib/unicode.c): what is valid
 * UTF-8, how ill-formed sequences are replaced, the one fold; and that
 * the JSON writer, the Korean stemmer and the analyser agree with it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "json.h"
#include "korean.h"
#include "unicode.h"

typedef struct {
    const char *s;
    size_t len;
    size_t invalid_at; /* LEN when valid */
} case_t;

#define C(lit, at)                                                                       \
    {                                                                                    \
        lit, sizeof lit - 1, at                                                          \
    }

static const case_t cases[] = {
    C ("", 0),
    C ("plain ascii", 11),
    C ("\xed\x95\x9c\xea\xb8\x80 \xc3\xa9 \xf0\x9f\x98\x80", 14), /* 한글 é 😀 */
    C ("\xed\x9f\xbf", 3),     /* U+D7FF, last before surrogates */
    C ("\xee\x80\x80", 3),     /* U+E000, first after */
    C ("\xf4\x8f\xbf\xbf", 4), /* U+10FFFF */
    C ("ab\xed\xa0\x80", 2),   /* high surrogate */
    C ("\xed\xbf\xbf", 0),     /* low surrogate */
    C ("x\xc0\xaf", 1),        /* overlong two bytes */
    C ("\xc1\xbf", 0),
    C ("\xe0\x80\xaf", 0), /* overlong three bytes */
    C ("\xe0\x9f\xbf", 0),
    C ("\xf0\x8f\xbf\xbf", 0), /* overlong four bytes */
    C ("\xf4\x90\x80\x80", 0), /* past U+10FFFF */
    C ("\xf5\x80\x80\x80", 0), /* F5..F7 lead bytes */
    C ("\xf7\xbf\xbf\xbf", 0),
    C ("\xf8\x88\x80\x80\x80", 0),
    C ("ok \x80", 3),     /* stray continuation */
    C ("ok \xea\xb0", 3), /* cut short at the end */
    C ("\xea\xb0 x", 0),  /* cut short before ASCII */
    C ("12345678\xff", 8),
};

START_TEST (validity)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const case_t *c = &cases[i];
        ck_assert_msg (_saekin_u8_invalid_at (c->s, c->len) == c->invalid_at,
                       "case %zu: invalid at %zu, expected %zu", i,
                       _saekin_u8_invalid_at (c->s, c->len), c->invalid_at);
        ck_assert_int_eq (_saekin_u8_valid (c->s, c->len), c->invalid_at == c->len);
    }
}
END_TEST

/* The decoder and the conversion to UTF-16 replace alike: one U+FFFD per
 * maximal subpart, so byte and UTF-16 offsets stay in step. */
START_TEST (replacement_agrees)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const case_t *c = &cases[i];
        size_t bad = 0, units = 0;
        for (size_t at = 0; at < c->len;) {
            UChar32 cp = _saekin_u8_next (c->s, c->len, &at);
            bad += cp < 0;
            units += cp > 0xFFFF ? 2 : 1;
        }
        UChar u[16];
        size_t n_bad = 99;
        int32_t n = _saekin_u8_to_u16 (c->s, c->len, u, sizeof u / sizeof *u, &n_bad);
        ck_assert_msg (n == (int32_t) units && n_bad == bad,
                       "case %zu: %d units %zu bad, decoder says %zu and %zu", i, n,
                       n_bad, units, bad);
    }
    /* "\xe0\x80" is two maximal subparts (E0 cannot be followed by 80). */
    UChar u[8];
    size_t n_bad;
    ck_assert_int_eq (_saekin_u8_to_u16 ("\xe0\x80", 2, u, 8, &n_bad), 2);
    ck_assert_uint_eq (n_bad, 2);
    ck_assert_int_eq (u[0], 0xFFFD);
    ck_assert_int_eq (_saekin_u8_to_u16 ("\xea\xb0", 2, u, 8, &n_bad), 1);
    ck_assert_uint_eq (n_bad, 1);
    size_t len, replaced;
    char *s = _saekin_normalize ("a\xed\xa0\x80z", 5, &len, &replaced);
    ck_assert_str_eq (s, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
    ck_assert_uint_eq (replaced, 3);
    free (s);
}
END_TEST

START_TEST (one_fold)
{
    size_t n;
    char *f = _saekin_fold ("ＫＭＳ Stra\xc3\x9f"
                            "e \xef\xac\x83",
                            strlen ("ＫＭＳ Stra\xc3\x9f"
                                    "e \xef\xac\x83"),
                            &n);
    ck_assert_str_eq (f, "kms strasse ffi");
    ck_assert_uint_eq (n, strlen (f));
    free (f);
}
END_TEST

static char *
json_of (const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream (&buf, &len);
    ck_assert_ptr_nonnull (out);
    _saekin_json_string (out, s);
    ck_assert_int_eq (fclose (out), 0);
    return buf;
}

/* File names need not be UTF-8: the JSON writer replaces what the layer
 * calls ill-formed, surrogates and overlong forms included. */
START_TEST (json_replaces_alike)
{
    static const struct {
        const char *in, *out;
    } j[] = {
        { "\xed\x95\x9c \"q\"", "\"\xed\x95\x9c \\\"q\\\"\"" },
        { "a\xed\xa0\x80z", "\"a\\ufffd\\ufffd\\ufffdz\"" },
        { "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"" },
        { "\xf5\x80", "\"\\ufffd\\ufffd\"" },
        { "cut \xea\xb0", "\"cut \\ufffd\"" },
        { "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"" },
    };
    for (size_t i = 0; i < sizeof j / sizeof *j; i++) {
        char *got = json_of (j[i].in);
        ck_assert_str_eq (got, j[i].out);
        free (got);
    }
}
END_TEST

/* The Korean stemmer decodes with the same decoder: an ill-formed word
 * is left whole, a valid one loses its particle. */
START_TEST (korean_decodes_alike)
{
    const char *w = "\xec\x9d\xb8\xec\xa6\x9d\xec\x84\x9c\xeb\xa5\xbc"; /* 인증서를 */
    ck_assert_uint_eq (_saekin_korean_stem_len (w, strlen (w)), 9);
    const char *bad = "\xec\x9d\xb8\xed\xa0\x80\xeb\xa5\xbc"; /* 인 + surrogate + 를 */
    ck_assert_uint_eq (_saekin_korean_stem_len (bad, strlen (bad)), strlen (bad));
}
END_TEST

static Suite *
unicode_suite (void)
{
    Suite *suite = suite_create ("unicode");
    TCase *tc = tcase_create ("core");
    tcase_add_test (tc, validity);
    tcase_add_test (tc, replacement_agrees);
    tcase_add_test (tc, one_fold);
    tcase_add_test (tc, json_replaces_alike);
    tcase_add_test (tc, korean_decodes_alike);
    suite_add_tcase (suite, tc);
    return suite;
}

int
main (void)
{
    SRunner *sr = srunner_create (unicode_suite ());
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
