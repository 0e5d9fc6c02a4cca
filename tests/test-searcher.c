/* test-searcher.c - what a long-lived searcher (saekin-serve's) needs of
 * libsaekin: pages after an offset, the total estimate, completion of the
 * last word, refreshing to the last finished update, and a note's
 * passage as safe HTML. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saekin.h"

#include "fixture.h"

static saekin_searcher_t *
open_searcher (void)
{
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    return s;
}

/* How many hits S finds for QUERY (at most 5). */
static size_t
count_hits (saekin_searcher_t *s, const char *query)
{
    saekin_hits_t *hits;
    ck_assert_int_eq (saekin_searcher_query (s, query, 5, &hits), SAEKIN_STATUS_SUCCESS);
    size_t n = saekin_hits_count (hits);
    saekin_hits_free (hits);
    return n;
}

START_TEST (page_after_offset)
{
    write_note ("a.md", "# 보안 그룹\n\n보안 그룹 하나\n");
    write_note ("b.md", "# 보안 계층\n\n보안 둘\n");
    write_note ("c.md", "# 보안 감사\n\n보안 셋\n");
    update_notes (NULL);
    saekin_searcher_t *s = open_searcher ();
    saekin_hits_t *all, *page;
    ck_assert_int_eq (saekin_searcher_query_page (s, "보안", 0, 3, 0, &all),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (all), 3);
    ck_assert_uint_ge (saekin_hits_estimate (all), 3);
    ck_assert_int_eq (saekin_searcher_query_page (s, "보안", 1, 1, 0, &page),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (page), 1);
    const saekin_hit_t *second = saekin_hits_get (all, 1), *h = saekin_hits_get (page, 0);
    ck_assert_uint_eq (h->rank, 2);
    ck_assert_str_eq (h->file, second->file);
    ck_assert_uint_eq (h->line, second->line);
    saekin_hits_free (page);
    ck_assert_int_eq (saekin_searcher_query_page (s, "보안", 10, 5, 0, &page),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (page), 0);
    saekin_hits_free (page);
    saekin_hits_free (all);
    saekin_searcher_close (s);
}
END_TEST

START_TEST (prefix_completes_last_word)
{
    write_note ("a.md", "# 보안 그룹\n\n인스턴스의 방화벽, canary 배포\n");
    update_notes (NULL);
    saekin_searcher_t *s = open_searcher ();
    saekin_hits_t *hits;
    ck_assert_int_eq (
        saekin_searcher_query_page (s, "방화", 0, 5, SAEKIN_QUERY_PREFIX, &hits),
        SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (hits), 1);
    saekin_hits_free (hits);
    ck_assert_int_eq (
        saekin_searcher_query_page (s, "보안 그", 0, 5, SAEKIN_QUERY_PREFIX, &hits),
        SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (hits), 1);
    ck_assert_str_eq (saekin_hits_get (hits, 0)->title, "보안 그룹");
    saekin_hits_free (hits);
    /* a finished word indexed as its stem (canary as canari) */
    ck_assert_int_eq (
        saekin_searcher_query_page (s, "canary", 0, 5, SAEKIN_QUERY_PREFIX, &hits),
        SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (saekin_hits_count (hits), 1);
    saekin_hits_free (hits);
    saekin_searcher_close (s);
}
END_TEST

START_TEST (refresh_sees_updates)
{
    write_note ("a.md", "# 하나\n\n처음 노트\n");
    update_notes (NULL);
    saekin_searcher_t *s = open_searcher ();
    ck_assert_uint_eq (count_hits (s, "처음"), 1);
    write_note ("b.md", "# 둘\n\nfreshword 노트\n");
    update_notes (NULL);
    ck_assert_int_eq (saekin_searcher_refresh (s), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (count_hits (s, "freshword"), 1);
    ck_assert_int_eq (saekin_searcher_refresh (NULL), SAEKIN_STATUS_BAD_ARGUMENT);
    saekin_searcher_close (s);
}
END_TEST

/* A compaction swaps a new database in and removes the old one at once:
 * a searcher still on the old one keeps answering from its open files,
 * and its refresh moves it to the new one, later updates included. */
START_TEST (refresh_after_compact)
{
    write_note ("a.md", "# 하나\n\n처음 노트 oldword\n");
    update_notes (NULL);
    saekin_searcher_t *s = open_searcher ();
    saekin_index_t *ix;
    char *msg = NULL;
    ck_assert_int_eq (saekin_index_open (db, &ix, &msg), SAEKIN_STATUS_SUCCESS);
    ck_assert_int_eq (saekin_index_compact (ix), SAEKIN_STATUS_SUCCESS);
    saekin_index_close (ix);
    ck_assert_uint_eq (count_hits (s, "oldword"), 1);
    ck_assert_int_eq (saekin_searcher_refresh (s), SAEKIN_STATUS_SUCCESS);
    write_note ("b.md", "# 둘\n\nfreshword 노트\n");
    update_notes (NULL);
    ck_assert_int_eq (saekin_searcher_refresh (s), SAEKIN_STATUS_SUCCESS);
    ck_assert_uint_eq (count_hits (s, "freshword"), 1);
    saekin_searcher_close (s);
}
END_TEST

START_TEST (note_html_is_safe)
{
    write_note ("x.md",
                "# 제목\n\n<script>alert(1)</script>\n\n"
                "[눌러](javascript:alert(1)) 와 [문서](https://docs.aws.amazon.com/)\n\n"
                "## 다음\n\n다음 절\n");
    update_notes (NULL);
    saekin_searcher_t *s = open_searcher ();
    char path[600], *html = NULL;
    snprintf (path, sizeof path, "%s/x.md", notes);
    char *real = realpath (path, NULL);
    ck_assert_ptr_nonnull (real);
    ck_assert_int_eq (saekin_searcher_note_html (s, real, 1, &html),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_ptr_null (strstr (html, "<script"));
    ck_assert_ptr_null (strstr (html, "javascript:"));
    ck_assert_ptr_nonnull (strstr (html, "href=\"https://docs.aws.amazon.com/\""));
    ck_assert_ptr_nonnull (strstr (html, "눌러"));
    free (html);
    ck_assert_int_eq (saekin_searcher_note_html (s, real, 0, &html),
                      SAEKIN_STATUS_SUCCESS);
    ck_assert_ptr_nonnull (strstr (html, "다음 절"));
    free (html);
    ck_assert_int_eq (saekin_searcher_note_html (s, real, 9999, &html),
                      SAEKIN_STATUS_FILE_ERROR);
    ck_assert_ptr_null (html);
    ck_assert_int_eq (saekin_searcher_note_html (s, "/etc/passwd", 1, &html),
                      SAEKIN_STATUS_FILE_ERROR);
    ck_assert_ptr_null (html);
    ck_assert_ptr_nonnull (
        strstr (saekin_searcher_status_string (s), "not in the index"));
    free (real);
    saekin_searcher_close (s);
}
END_TEST

int
main (void)
{
    Suite *suite = suite_create ("searcher");
    TCase *tc = tcase_create ("searcher");
    tcase_add_checked_fixture (tc, setup, teardown);
    tcase_set_timeout (tc, 60);
    tcase_add_test (tc, page_after_offset);
    tcase_add_test (tc, prefix_completes_last_word);
    tcase_add_test (tc, refresh_sees_updates);
    tcase_add_test (tc, refresh_after_compact);
    tcase_add_test (tc, note_html_is_safe);
    suite_add_tcase (suite, tc);
    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
