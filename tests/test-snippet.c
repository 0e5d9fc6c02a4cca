/* test-snippet.c - term sets and snippets: which window is shown, where
 * it is cut, and that the highlights mark exactly the matched words. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snippet.h"

static _saekin_termset_t terms;
static char *snip;
static saekin_span_t *spans;
static size_t n_spans;

static void
teardown (void)
{
    _saekin_termset_clear (&terms);
    free (snip);
    free (spans);
    snip = NULL;
    spans = NULL;
    n_spans = 0;
}

/* Make the snippet of TEXT for the terms added so far. */
static void
make (const char *text, size_t max)
{
    free (snip);
    free (spans);
    snip = _saekin_snippet_make (text, &terms, max, &spans, &n_spans);
    ck_assert_ptr_nonnull (snip);
}

static void
add (const char *term)
{
    ck_assert_int_eq (_saekin_termset_add (&terms, term), 0);
}

/* The highlighted text of span I, in a static buffer. */
static const char *
marked (size_t i)
{
    static char buf[512];
    ck_assert_uint_lt (i, n_spans);
    ck_assert_uint_lt (spans[i].start, spans[i].end);
    ck_assert_uint_le (spans[i].end, strlen (snip));
    size_t n = spans[i].end - spans[i].start;
    ck_assert_uint_lt (n, sizeof buf);
    memcpy (buf, snip + spans[i].start, n);
    buf[n] = '\0';
    return buf;
}

/* True when S[0..N) is whole UTF-8 characters. */
static bool
utf8_whole (const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char) s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
        if (k == 0 || i + k > n)
            return false;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char) s[i + j] & 0xc0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

/* Spans sorted, apart, on character boundaries and inside the snippet. */
static void
check_spans (void)
{
    size_t len = strlen (snip);
    ck_assert (utf8_whole (snip, len));
    for (size_t i = 0; i < n_spans; i++) {
        ck_assert_uint_lt (spans[i].start, spans[i].end);
        ck_assert_uint_le (spans[i].end, len);
        ck_assert (utf8_whole (snip, spans[i].start));
        ck_assert (utf8_whole (snip + spans[i].start, spans[i].end - spans[i].start));
        if (i)
            ck_assert_uint_gt (spans[i].start, spans[i - 1].end);
    }
}

START_TEST (termset)
{
    ck_assert_int_eq (_saekin_termset_has (&terms, "s3"), 0);
    add ("s3");
    add ("인증서");
    add ("s3");
    ck_assert_uint_eq (terms.n, 2);
    ck_assert_int_ne (_saekin_termset_has (&terms, "s3"), 0);
    ck_assert_int_ne (_saekin_termset_has (&terms, "인증서"), 0);
    ck_assert_int_eq (_saekin_termset_has (&terms, "인증"), 0);
    _saekin_termset_clear (&terms);
    ck_assert_uint_eq (terms.n, 0);
    ck_assert_int_eq (_saekin_termset_has (&terms, "s3"), 0);
    /* past many growths of its index, every term is found where it was
     * added, and no other */
    char t[32];
    for (int i = 0; i < 1000; i++) {
        snprintf (t, sizeof t, "term%d", i);
        add (t);
        add (t);
    }
    ck_assert_uint_eq (terms.n, 1000);
    for (int i = 0; i < 1000; i++) {
        snprintf (t, sizeof t, "term%d", i);
        ck_assert_int_eq (_saekin_termset_find (&terms, t), i);
        snprintf (t, sizeof t, "other%d", i);
        ck_assert_int_eq (_saekin_termset_find (&terms, t), -1);
    }
    _saekin_termset_clear (&terms);
    ck_assert_int_eq (_saekin_termset_find (&terms, "term1"), -1);
}
END_TEST

START_TEST (korean_stem_inside_word)
{
    add ("인증서");
    make ("ACM에서 인증서를 발급합니다.", 200);
    ck_assert_str_eq (snip, "ACM에서 인증서를 발급합니다.");
    check_spans ();
    ck_assert_uint_eq (n_spans, 1);
    /* The stem only, not its particle. */
    ck_assert_str_eq (marked (0), "인증서");
    ck_assert_uint_eq (spans[0].start, strlen ("ACM에서 "));
}
END_TEST

START_TEST (english_words_and_merging)
{
    add ("visibl"); /* stems */
    add ("timeout");
    add ("sqs");
    make ("The SQS visibility timeout hides a message. Timeouts matter.", 200);
    check_spans ();
    ck_assert_uint_eq (n_spans, 4);
    ck_assert_str_eq (marked (0), "SQS");
    ck_assert_str_eq (marked (1), "visibility");
    ck_assert_str_eq (marked (2), "timeout");
    ck_assert_str_eq (marked (3), "Timeouts");
}
END_TEST

START_TEST (overlapping_matches_merge)
{
    /* A compound's parts and the word itself overlap: one span. */
    add ("cloudtrail");
    add ("cloud");
    add ("trail");
    make ("Turn on CloudTrail now.", 200);
    check_spans ();
    ck_assert_uint_eq (n_spans, 1);
    ck_assert_str_eq (marked (0), "CloudTrail");
}
END_TEST

START_TEST (folding)
{
    add ("bucket");
    make ("first line\n\n  second\tline   with  a\r\nbucket\n", 200);
    ck_assert_str_eq (snip, "first line second line with a bucket");
    check_spans ();
    ck_assert_uint_eq (n_spans, 1);
    ck_assert_str_eq (marked (0), "bucket");
}
END_TEST

START_TEST (window_with_most_terms)
{
    add ("kinesi"); /* stems of kinesis, shard */
    add ("kinesis");
    add ("shard");
    char text[4096];
    size_t o = 0;
    /* Kinesis alone early, then filler, then both terms together. */
    o += (size_t) snprintf (text + o, sizeof text - o, "Kinesis is a service. ");
    for (int i = 0; i < 30; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "filler words here. ");
    o += (size_t) snprintf (text + o, sizeof text - o,
                            "A Kinesis stream is made of shards you can split. ");
    for (int i = 0; i < 30; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "more filler text. ");
    make (text, 120);
    check_spans ();
    ck_assert_ptr_nonnull (strstr (snip, "Kinesis stream is made of shards"));
    ck_assert (strncmp (snip, "\xe2\x80\xa6", 3) == 0);
    ck_assert_str_eq (snip + strlen (snip) - 3, "\xe2\x80\xa6");
    ck_assert_uint_le (strlen (snip), 120 + 6);
    ck_assert_uint_eq (n_spans, 2);
    ck_assert_str_eq (marked (0), "Kinesis");
    ck_assert_str_eq (marked (1), "shards");
    /* Cut between words: the text after "…" starts a word, the text
     * before the closing "…" ends one. */
    size_t body_len = strlen (snip) - 6;
    char *body = strndup (snip + 3, body_len);
    ck_assert_ptr_nonnull (body);
    const char *at = strstr (text, body);
    ck_assert_ptr_nonnull (at);
    ck_assert_int_eq (at[-1], ' ');
    ck_assert (at[body_len] == ' ' || at[body_len] == '\0');
    free (body);
}
END_TEST

START_TEST (ties_go_to_the_earliest)
{
    add ("lambda");
    char text[4096];
    size_t o = 0;
    o += (size_t) snprintf (text + o, sizeof text - o, "Intro words. Lambda first. ");
    for (int i = 0; i < 40; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "padding here. ");
    o += (size_t) snprintf (text + o, sizeof text - o, "Lambda again.");
    make (text, 80);
    check_spans ();
    ck_assert (strncmp (snip, "Intro words. Lambda first.", 26) == 0);
    ck_assert_uint_eq (n_spans, 1);
    ck_assert_uint_eq (spans[0].start, strlen ("Intro words. "));
}
END_TEST

START_TEST (words_beat_bigrams)
{
    /* The query 가용영역: its stem and its bigrams.  The first passage
     * only shares a bigram; the later one has the word itself. */
    add ("가용영역");
    add ("가용");
    add ("용영");
    add ("영역");
    char text[4096];
    size_t o = 0;
    o += (size_t) snprintf (text + o, sizeof text - o,
                            "메모리 영역과 가용 자원을 봅니다. ");
    for (int i = 0; i < 20; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "다른 내용입니다. ");
    o += (size_t) snprintf (text + o, sizeof text - o, "여러 가용영역에 배포합니다.");
    make (text, 60);
    check_spans ();
    ck_assert_ptr_nonnull (strstr (snip, "가용영역에"));
    bool whole = false;
    for (size_t i = 0; i < n_spans; i++)
        if (strcmp (marked (i), "가용영역") == 0)
            whole = true;
    ck_assert (whole);
}
END_TEST

START_TEST (utf8_boundaries)
{
    add ("s3");
    /* No spaces at all near the cuts: they must still fall between
     * characters. */
    char text[8192];
    size_t o = 0;
    for (int i = 0; i < 100; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "가나다라마바사");
    o += (size_t) snprintf (text + o, sizeof text - o, " S3 ");
    for (int i = 0; i < 100; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "아자차카타파하");
    for (size_t max = 10; max < 80; max += 7) {
        make (text, max);
        check_spans ();
        ck_assert_uint_eq (n_spans, 1);
        ck_assert_str_eq (marked (0), "S3");
        ck_assert_uint_le (strlen (snip), max + 6);
    }
    /* A match longer than the whole window: cut inside it, but on a
     * character boundary and never to nothing. */
    _saekin_termset_clear (&terms);
    add ("가용영역");
    for (size_t max = 1; max < 14; max++) {
        make ("여러 곳의 가용영역에 배포합니다", max);
        check_spans ();
        ck_assert_uint_ge (n_spans, 1);
        ck_assert (strncmp (marked (0), "가", 3) == 0);
        ck_assert_uint_ge (strlen (snip), 3 + 3);
    }
    /* No match: the start of the text, cut on a character boundary. */
    _saekin_termset_clear (&terms);
    add ("없는단어");
    for (size_t max = 1; max < 20; max++) {
        make (text, max);
        check_spans ();
        ck_assert_uint_eq (n_spans, 0);
        ck_assert (strncmp (snip, "가", 3) == 0);
        ck_assert_str_eq (snip + strlen (snip) - 3, "\xe2\x80\xa6");
    }
}
END_TEST

START_TEST (no_match)
{
    add ("dynamodb");
    make ("Nothing about it here.\nJust text.", 200);
    ck_assert_str_eq (snip, "Nothing about it here. Just text.");
    ck_assert_uint_eq (n_spans, 0);
    ck_assert_ptr_null (spans);
    make ("word word word word word word word word word word word word", 20);
    ck_assert_str_eq (snip, "word word word word\xe2\x80\xa6");
    ck_assert_uint_eq (n_spans, 0);
    /* Empty term set and empty text. */
    _saekin_termset_clear (&terms);
    make ("plain text", 200);
    ck_assert_str_eq (snip, "plain text");
    make ("", 200);
    ck_assert_str_eq (snip, "");
    ck_assert_uint_eq (n_spans, 0);
}
END_TEST

START_TEST (span_offsets_after_ellipsis)
{
    add ("target");
    char text[2048];
    size_t o = 0;
    for (int i = 0; i < 50; i++)
        o += (size_t) snprintf (text + o, sizeof text - o, "lead\t\n ");
    o += (size_t) snprintf (text + o, sizeof text - o, "the  target   word");
    make (text, 40);
    check_spans ();
    ck_assert_uint_eq (n_spans, 1);
    ck_assert_str_eq (marked (0), "target");
    ck_assert_ptr_nonnull (strstr (snip, "the target word"));
}
END_TEST

static Suite *
snippet_suite (void)
{
    Suite *s = suite_create ("snippet");
    TCase *tc = tcase_create ("snippet");
    tcase_add_checked_fixture (tc, NULL, teardown);
    tcase_add_test (tc, termset);
    tcase_add_test (tc, korean_stem_inside_word);
    tcase_add_test (tc, english_words_and_merging);
    tcase_add_test (tc, overlapping_matches_merge);
    tcase_add_test (tc, folding);
    tcase_add_test (tc, window_with_most_terms);
    tcase_add_test (tc, ties_go_to_the_earliest);
    tcase_add_test (tc, words_beat_bigrams);
    tcase_add_test (tc, utf8_boundaries);
    tcase_add_test (tc, no_match);
    tcase_add_test (tc, span_offsets_after_ellipsis);
    suite_add_tcase (s, tc);
    return s;
}

int
main (void)
{
    SRunner *sr = srunner_create (snippet_suite ());
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
