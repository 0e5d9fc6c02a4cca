/* test-translit.c - Hangul words read as the English words they
 * transcribe (translit.c): which words may be loanwords, what a reading
 * costs, and the search over a small index's English stems. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "translit.h"

/* A reading a loanword's transcription makes: within the limit
 * _saekin_translit_find allows (a tenth of an edit per sound and a
 * third), which for these short words is well under one edit. */
#define CLOSE 12

START_TEST (loanlike_words)
{
    const char *loans[] = { "쿠버네티스", "레플리카셋", "트랜짓",
                            "서브타입",   "백로그",     "익스트림",
                            "컨트리뷰트", "멀티캐스트", NULL };
    for (size_t i = 0; loans[i]; i++)
        ck_assert_msg (_saekin_translit_loanlike (loans[i]), "%s", loans[i]);
    /* Korean words: a final or an initial loanword spelling never uses
     * (없, 했, 꺼), or no syllable foreign to Sino-Korean (직장인,
     * 개수일), or too short to tell (서브, 람다); other scripts. */
    const char *korean[] = { "없어질",  "차버렸다", "꺼내옴",   "직장인",
                             "개수일",  "비교중",   "이러면서", "서브",
                             "subtype", "서브type", "",         NULL };
    for (size_t i = 0; korean[i]; i++)
        ck_assert_msg (! _saekin_translit_loanlike (korean[i]), "%s", korean[i]);
}
END_TEST

START_TEST (reading_costs)
{
    /* what transcription blurs costs little */
    ck_assert_uint_le (_saekin_translit_cost ("트랜짓", "transit"), CLOSE);
    ck_assert_uint_le (_saekin_translit_cost ("서브넷", "subnet"), CLOSE);
    ck_assert_uint_le (_saekin_translit_cost ("레플리카셋", "replicaset"), CLOSE);
    ck_assert_uint_le (_saekin_translit_cost ("페일오버", "failov"), CLOSE);
    ck_assert_uint_le (_saekin_translit_cost ("롤백", "rollback"), CLOSE);
    /* a tail the stemmer took: -스, -션 */
    ck_assert_uint_le (_saekin_translit_cost ("쿠버네티스", "kubernet"), CLOSE);
    ck_assert_uint_le (_saekin_translit_cost ("레플리케이션", "replic"), CLOSE);
    /* what it keeps apart costs a whole edit or more */
    ck_assert_uint_ge (_saekin_translit_cost ("트랜짓", "transfer"), 20);
    ck_assert_uint_ge (_saekin_translit_cost ("서브넷", "submit"), 20);
    ck_assert_uint_ge (_saekin_translit_cost ("롤백", "callback"), 20);
    /* the closer reading costs less */
    ck_assert_uint_lt (_saekin_translit_cost ("컨테이너", "container"),
                       _saekin_translit_cost ("컨테이너", "continu"));
    /* not of their scripts */
    ck_assert_uint_ge (_saekin_translit_cost ("subnet", "subnet"), 1000);
    ck_assert_uint_ge (_saekin_translit_cost ("서브넷", "서브넷"), 1000);
}
END_TEST

/* ---- on an index ---- */

static _saekin_xreader_t *
open_index (void)
{
    write_note ("a.md", "# Subtypes\n\nA subtype is substitutable for its base type.\n\n"
                        "# Backlog\n\nThe backlog holds the work to do.\n\n"
                        "# Kubernetes\n\nKubernetes runs containers.\n\n"
                        "# Submit\n\nSubmit the form. Subtle bugs.\n\n"
                        "# 인증서\n\n인증서를 발급한다.\n");
    update_notes (NULL);
    const char *dbs[] = { db };
    _saekin_xreader_t *r = NULL;
    ck_assert_int_eq (_saekin_xreader_open (dbs, 1, &r, NULL), SAEKIN_STATUS_SUCCESS);
    return r;
}

/* The stem R reads WORD as (at most MAX kept), "" for none; a static
 * copy. */
static const char *
reading (_saekin_xreader_t *r, const char *word, size_t max)
{
    static char first[64];
    _saekin_words_t w;
    ck_assert_int_eq (_saekin_translit_find (r, word, max, &w), SAEKIN_STATUS_SUCCESS);
    snprintf (first, sizeof first, "%s", w.n ? w.words[0] : "");
    _saekin_words_clear (&w);
    return first;
}

START_TEST (find_in_index)
{
    _saekin_xreader_t *r = open_index ();
    ck_assert_str_eq (reading (r, "서브타입", 3), "subtyp");
    ck_assert_str_eq (reading (r, "쿠버네티스", 3), "kubernet");
    ck_assert_str_eq (reading (r, "백로그", 3), "backlog");
    /* a Korean word, and a loanword of no English word here */
    ck_assert_str_eq (reading (r, "발급한다", 3), "");
    ck_assert_str_eq (reading (r, "오케스트레이션", 3), "");
    /* MAX 0: nothing */
    ck_assert_str_eq (reading (r, "서브타입", 0), "");
    _saekin_xreader_close (r);
}
END_TEST

int
main (void)
{
    Suite *s = suite_create ("translit");
    TCase *words = tcase_create ("words");
    tcase_add_test (words, loanlike_words);
    tcase_add_test (words, reading_costs);
    suite_add_tcase (s, words);
    TCase *idx = tcase_create ("index");
    tcase_add_checked_fixture (idx, setup, teardown);
    tcase_add_test (idx, find_in_index);
    suite_add_tcase (s, idx);
    SRunner *sr = srunner_create (s);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? 1 : 0;
}
