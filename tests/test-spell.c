/* test-spell.c - words as typed keys (jamo.c): the edit distance over
 * jamo and letters, prefixes of half-typed syllables; and the searches
 * over a small index's words built on them (spell.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "jamo.h"
#include "spell.h"
#include "surface.h"

/* The distance between A and B, allowing up to MAX edits. */
static unsigned
dist (const char *a, const char *b, unsigned max)
{
    uint32_t ka[64], kb[64];
    size_t na = _saekin_jamo_keys (a, ka, 64), nb = _saekin_jamo_keys (b, kb, 64);
    ck_assert (na <= 64 && nb <= 64);
    unsigned d = _saekin_jamo_distance (ka, na, kb, nb, max);
    ck_assert_uint_eq (_saekin_jamo_distance (kb, nb, ka, na, max), d); /* symmetric */
    return d;
}

static bool
is_prefix (const char *p, const char *w)
{
    uint32_t kp[64], kw[64];
    size_t np = _saekin_jamo_keys (p, kp, 64), nw = _saekin_jamo_keys (w, kw, 64);
    return _saekin_jamo_is_prefix (kp, np, kw, nw);
}

START_TEST (keys_of_syllables)
{
    uint32_t k[16];
    /* 과 is typed ㄱ ㅗ ㅏ; 닭 is ㄷ ㅏ ㄹ ㄱ; the final ㄱ is the initial's key */
    ck_assert_uint_eq (_saekin_jamo_keys ("과", k, 16), 3);
    ck_assert_uint_eq (k[0], 0x3131);
    ck_assert_uint_eq (k[1], 0x3157);
    ck_assert_uint_eq (k[2], 0x314F);
    ck_assert_uint_eq (_saekin_jamo_keys ("닭", k, 16), 4);
    ck_assert_uint_eq (k[2], 0x3139);
    ck_assert_uint_eq (k[3], 0x3131);
    /* conjoining jamo (NFD) give the same keys as the syllable */
    uint32_t k2[16];
    ck_assert_uint_eq (_saekin_jamo_keys ("\xe1\x84\x83\xe1\x85\xa1\xe1\x86\xb0", k2, 16),
                       4);
    ck_assert (memcmp (k, k2, 4 * sizeof *k) == 0);
    /* Latin folds to lower case; a too small buffer still counts */
    ck_assert_uint_eq (_saekin_jamo_keys ("CloudTrail", k, 4), 10);
    ck_assert_uint_eq (k[0], 'c');
    ck_assert_uint_eq (_saekin_jamo_keys ("", k, 16), 0);
    ck_assert_uint_eq (_saekin_hangul_syllables ("로드밸런서 lb"), 5);
}
END_TEST

START_TEST (distance_over_jamo)
{
    ck_assert_uint_eq (dist ("인증섯", "인증서", 2), 1);         /* one final too many */
    ck_assert_uint_eq (dist ("로드밸런셔", "로드밸런서", 2), 1); /* ㅕ for ㅓ */
    ck_assert_uint_eq (dist ("과부화", "과부하", 2), 1);         /* ㅘ is ㅗ ㅏ */
    ck_assert_uint_eq (dist ("인증서", "인증서", 2), 0);
    /* over whole syllables these would be one edit; over jamo, more */
    ck_assert_uint_eq (dist ("인증서", "인증국", 5), 3);
    ck_assert_uint_eq (dist ("보안", "보완", 2), 1);
    /* given up past MAX: MAX + 1 */
    ck_assert_uint_eq (dist ("인증서", "데이터베이스", 2), 3);
    ck_assert_uint_eq (dist ("가", "가나다라마바", 1), 2);
}
END_TEST

START_TEST (distance_over_letters)
{
    ck_assert_uint_eq (dist ("cloudtrial", "cloudtrail", 2), 1); /* a swap is one */
    ck_assert_uint_eq (dist ("cloudtrail", "CloudTrail", 2), 0);
    ck_assert_uint_eq (dist ("kitten", "sitting", 5), 3);
    ck_assert_uint_eq (dist ("", "abc", 5), 3);
    ck_assert_uint_eq (dist ("abc", "", 5), 3);
    ck_assert_uint_eq (dist ("visibility", "visibilty", 2), 1);
    ck_assert_uint_eq (dist ("ab", "ba", 1), 1);
    ck_assert_uint_eq (dist ("abcdef", "badcfe", 2), 3);
}
END_TEST

START_TEST (prefix_of_half_typed)
{
    ck_assert (is_prefix ("그", "그룹"));
    ck_assert (is_prefix ("글", "그룹")); /* ㄹ under 그 before 룹 is made */
    ck_assert (is_prefix ("ㄱ", "그룹"));
    ck_assert (is_prefix ("앉", "안전"));   /* ㄵ is ㄴ ㅈ */
    ck_assert (is_prefix ("고", "과부하")); /* ㅘ is ㅗ ㅏ */
    ck_assert (is_prefix ("보안 그", "보안 그룹"));
    ck_assert (is_prefix ("time", "timeout"));
    ck_assert (is_prefix ("", "x"));
    ck_assert (! is_prefix ("굴", "그룹"));
    ck_assert (! is_prefix ("ㄴ", "그룹"));
    ck_assert (! is_prefix ("그루", "그림"));
    ck_assert (! is_prefix ("timeouts", "timeout"));
}
END_TEST

START_TEST (max_edits)
{
    ck_assert_uint_eq (_saekin_spell_max_edits ("서"), 0);
    ck_assert_uint_eq (_saekin_spell_max_edits ("인증섯"), 1);
    ck_assert_uint_eq (_saekin_spell_max_edits ("로드밸런셔"), 2);
    ck_assert_uint_eq (_saekin_spell_max_edits ("sqs"), 0);
    ck_assert_uint_eq (_saekin_spell_max_edits ("lambda"), 1);
    ck_assert_uint_eq (_saekin_spell_max_edits ("cloudtrial"), 2);
    ck_assert_uint_eq (_saekin_spell_max_edits ("ec2"), 0);
    ck_assert_uint_eq (_saekin_spell_max_edits ("s3버킷"), 0);
}
END_TEST

/* ---- on an index ---- */

static _saekin_xreader_t *
open_index (void)
{
    write_note ("a.md",
                "# 보안 그룹\n\n보안 그룹은 인스턴스의 방화벽이다. 그룹 규칙.\n\n"
                "# 그림\n\n그림 그래프 글로벌 그것\n\n# 다른 그림\n\n그림 설명\n\n"
                "# CloudTrail\n\nCloudTrail records API calls. CloudTrail logs.\n\n"
                "# 인증서\n\n인증서를 발급한다. 인증서 갱신.\n\n"
                "# 인증\n\n인증과 인가.\n");
    update_notes (NULL);
    const char *dbs[] = { db };
    _saekin_xreader_t *r = NULL;
    ck_assert_int_eq (_saekin_xreader_open (dbs, 1, &r, NULL), SAEKIN_STATUS_SUCCESS);
    return r;
}

static bool
has (const _saekin_words_t *w, const char *word)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp (w->words[i], word) == 0)
            return true;
    return false;
}

START_TEST (complete_in_index)
{
    _saekin_xreader_t *r = open_index ();
    _saekin_words_t w;
    const char *typed[] = { "그", "글", "ㄱ" };
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq (_saekin_spell_complete (r, "Z", typed[i], 20, &w),
                          SAEKIN_STATUS_SUCCESS);
        ck_assert_msg (has (&w, "그룹"), "%s does not reach 그룹", typed[i]);
        _saekin_words_clear (&w);
    }
    /* most frequent first, and bounded */
    ck_assert_int_eq (_saekin_spell_complete (r, "Z", "그", 1, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (w.n, 1);
    ck_assert_str_eq (w.words[0], "그림");
    _saekin_words_clear (&w);
    /* 글 can become 그림 (ㄹ of 림) but not 그것 */
    ck_assert_int_eq (_saekin_spell_complete (r, "Z", "글", 20, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert (has (&w, "그림"));
    ck_assert (! has (&w, "그것"));
    ck_assert (has (&w, "글로벌"));
    _saekin_words_clear (&w);
    /* after a title's first word */
    ck_assert_int_eq (_saekin_spell_complete (r, "K보안 ", "ㄱ", 20, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (w.n, 1);
    ck_assert_str_eq (w.words[0], "그룹");
    _saekin_words_clear (&w);
    ck_assert_int_eq (_saekin_spell_complete (r, "Z", "cloudt", 20, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert (has (&w, "cloudtrail"));
    _saekin_words_clear (&w);
    ck_assert_int_eq (_saekin_spell_complete (r, "Z", "ㅋ", 20, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (w.n, 0);
    _saekin_words_clear (&w);
    _saekin_xreader_close (r);
}
END_TEST

/* WORD (in OWN passages) is corrected to EXPECT alone, or to nothing
 * (EXPECT NULL), asking for words FAR_MORE times as frequent. */
static void
corrects_to (_saekin_xreader_t *r, const char *word, size_t own, size_t far_more,
             const char *expect)
{
    _saekin_words_t w;
    ck_assert_int_eq (_saekin_spell_correct (r, word, own, far_more, 3, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_msg (w.n == (expect ? 1u : 0u), "%s: %zu corrections", word, w.n);
    if (expect)
        ck_assert_str_eq (w.words[0], expect);
    _saekin_words_clear (&w);
}

START_TEST (correct_in_index)
{
    write_note ("b.md", "# 과부하\n\n과부하 과부하\n\n# 서버 과부하\n\n서버 과부하.\n\n"
                        "# 메모\n\n과부화 상태. 인스턴트 커피.\n\n"
                        "# 인스턴스\n\n인스턴스 하나\n\n# 인스턴스 둘\n\n인스턴스 둘\n");
    _saekin_xreader_t *r = open_index ();
    /* absent words: the closest, over jamo and over letters */
    corrects_to (r, "인증섯", 0, 10, "인증서");
    corrects_to (r, "cloudtrial", 0, 10, "cloudtrail");
    /* too short to guess, or too far */
    corrects_to (r, "섯", 0, 10, NULL);
    corrects_to (r, "zqxwvut", 0, 10, NULL);
    /* a word the index holds: its rarer slip in the notes... */
    corrects_to (r, "과부하", 2, 10, "과부화");
    /* ...but not another word one edit away (ㅌ for ㅅ starts a syllable) */
    corrects_to (r, "인스턴스", 2, 10, NULL);
    /* and a rare word is a typo only for one far more frequent */
    corrects_to (r, "과부화", 1, 10, NULL);
    corrects_to (r, "과부화", 1, 2, "과부하");
    _saekin_xreader_close (r);
}
END_TEST

START_TEST (candidates_as_typed)
{
    write_note ("e.md", "# Security\n\nSecurity first. A lat here.\n\n"
                        "# Latency\n\nLatency is low.\n");
    _saekin_xreader_t *r = open_index ();
    _saekin_words_t w;
    /* securty stems to securti, two edits from secur; its prefix is one */
    ck_assert_int_eq (_saekin_spell_candidates (r, "securty", 6, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert (has (&w, "secur"));
    _saekin_words_clear (&w);
    /* a stem about the word's length first, before one it merely starts with */
    ck_assert_int_eq (_saekin_spell_candidates (r, "latncy", 6, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_ge (w.n, 2);
    ck_assert_str_eq (w.words[0], "latenc");
    ck_assert (has (&w, "lat"));
    _saekin_words_clear (&w);
    /* bounded; Latin words only; nothing near */
    ck_assert_int_eq (_saekin_spell_candidates (r, "latncy", 1, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (w.n, 1);
    _saekin_words_clear (&w);
    ck_assert_int_eq (_saekin_spell_candidates (r, "인증섯", 6, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (w.n, 0);
    ck_assert_int_eq (_saekin_spell_candidates (r, "zqxwvut", 6, &w),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (w.n, 0);
    _saekin_xreader_close (r);
}
END_TEST

START_TEST (surface_of_stem)
{
    /* Snowball keeps "flombanc" for both forms; the notes write them. */
    write_note ("c.md", "# Flombances\n\nTwo flombances here.\n\n"
                        "# Many\n\nflombances\n\n# More\n\nflombances\n\n"
                        "# Most\n\nflombances\n\n# All\n\nflombances\n\n"
                        "# Flombance\n\nOne flombance, a flombance again.\n");
    _saekin_xreader_t *r = open_index ();
    char *word = NULL;
    unsigned d = 0;
    /* the written form closest to what was typed, read on past passages
     * that write only another (as far as a form ENOUGH edits away) */
    ck_assert_int_eq (_saekin_surface_word (r, "flombanc", "flombanse", 1, 4, &word, &d),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (word, "flombance");
    ck_assert_uint_eq (d, 1);
    free (word);
    ck_assert_int_eq (_saekin_surface_word (r, "flombanc", "flombanses", 1, 4, &word, &d),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (word, "flombances");
    ck_assert_uint_eq (d, 1);
    free (word);
    /* a form ENOUGH edits away ends the reading (after two passages) */
    ck_assert_int_eq (_saekin_surface_word (r, "flombanc", "flombanse", 2, 4, &word, &d),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (word, "flombances");
    ck_assert_uint_eq (d, 2);
    free (word);
    /* capped distance */
    ck_assert_int_eq (
        _saekin_surface_word (r, "flombanc", "zzzzzzzzzzz", 1, 2, &word, &d),
        SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (d, 3);
    free (word);
    /* a stem from the file name only (its passage does not write it) */
    write_note ("Polices.md", "# 정책\n\n정책 문서.\n");
    _saekin_xreader_close (r);
    r = open_index ();
    ck_assert_int_eq (_saekin_surface_word (r, "polic", "polics", 1, 4, &word, &d),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_str_eq (word, "polices");
    free (word);
    /* a stem no passage holds: nothing */
    ck_assert_int_eq (_saekin_surface_word (r, "nowherez", "nowhere", 1, 4, &word, &d),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_ptr_null (word);
    ck_assert_uint_eq (d, 5);
    _saekin_xreader_close (r);
}
END_TEST

int
main (void)
{
    Suite *s = suite_create ("spell");
    TCase *keys = tcase_create ("keys");
    tcase_add_test (keys, keys_of_syllables);
    tcase_add_test (keys, distance_over_jamo);
    tcase_add_test (keys, distance_over_letters);
    tcase_add_test (keys, prefix_of_half_typed);
    tcase_add_test (keys, max_edits);
    suite_add_tcase (s, keys);
    TCase *idx = tcase_create ("index");
    tcase_add_checked_fixture (idx, setup, teardown);
    tcase_add_test (idx, complete_in_index);
    tcase_add_test (idx, correct_in_index);
    tcase_add_test (idx, surface_of_stem);
    tcase_add_test (idx, candidates_as_typed);
    suite_add_tcase (s, idx);
    SRunner *sr = srunner_create (s);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? 1 : 0;
}
