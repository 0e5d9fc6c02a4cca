/* test-pairs.c - the Korean-English pairs a note writes, and what only
 * looks like one. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairs.h"

/* The pairs of TEXT, as "a=b;" in text order. */
static char found[1024];

static int
collect (void *ctx, const char *a, const char *b)
{
    (void) ctx;
    size_t n = strlen (found);
    snprintf (found + n, sizeof found - n, "%s=%s;", a, b);
    return 0;
}

static void
check_pairs (const char *text, const char *want)
{
    found[0] = '\0';
    ck_assert_int_eq (_saekin_pairs_find (text, strlen (text), collect, NULL), 0);
    ck_assert_msg (strcmp (found, want) == 0, "%s: got '%s', want '%s'", text, found,
                   want);
}

START_TEST (korean_then_english)
{
    check_pairs ("가용 영역(Availability Zone)은 데이터 센터다.",
                 "가용 영역=Availability Zone;");
    check_pairs ("이때 파티션 키(Partition Key)를 고른다", "파티션 키=Partition Key;");
    check_pairs ("메시지 가시성 타임아웃 (Message Visibility Timeout)",
                 "메시지 가시성 타임아웃=Message Visibility Timeout;");
    check_pairs ("교착상태(DeadLock)", "교착상태=DeadLock;");
    check_pairs ("페이지 교체(Page Replacement)", "페이지 교체=Page Replacement;");
    /* a particle ends the Korean side */
    check_pairs ("데이터베이스의 정규화(Normalization)", "정규화=Normalization;");
    /* a verb's modifier before it: a generic noun, not a name */
    check_pairs ("연결 리스트를 사용하는 방식(Linked List)", "");
}
END_TEST

START_TEST (korean_then_acronym)
{
    check_pairs ("고가용성(HA)", "고가용성=HA;");
    check_pairs ("시스템의 고가용성(HA)을 위해", "고가용성=HA;");
    check_pairs ("키 관리 서비스 (KMS)", "키 관리 서비스=KMS;");
}
END_TEST

START_TEST (english_then_korean)
{
    check_pairs ("Semaphores(세마포)", "세마포=Semaphores;");
    check_pairs ("the Critical Section(임계영역) problem", "임계영역=Critical Section;");
    check_pairs ("uses garbage collection(가비지 컬렉션)",
                 "가비지 컬렉션=garbage collection;");
}
END_TEST

START_TEST (name_and_acronym)
{
    check_pairs ("Global Interpreter Lock (GIL)", "Global Interpreter Lock=GIL;");
    check_pairs ("The Key Management Service (KMS) stores keys",
                 "Key Management Service=KMS;");
    check_pairs ("Dead Letter Queue(DLQ)", "Dead Letter Queue=DLQ;");
    check_pairs ("GIL(Global Interpreter Lock)", "Global Interpreter Lock=GIL;");
    check_pairs ("Simple Queue Service (EC2)", "");
}
END_TEST

START_TEST (glossary_table)
{
    check_pairs ("한국어\tEnglish\t\n가용 영역\tAvailability Zone\t\n",
                 "한국어=English;가용 영역=Availability Zone;");
    check_pairs ("Partition Key\t파티션 키\t이 칸에는 키의 뜻을 길게 적는다\t",
                 "파티션 키=Partition Key;");
    /* a cell of both scripts is no side */
    check_pairs ("KMS 키\tKey\t", "");
    /* a row comparing several English things names none of them */
    check_pairs ("방식\tLinked List\tRed Black Tree\t", "");
    /* cells not side by side */
    check_pairs ("파티션 키\t설명이 길게 여기에 적혀 있는 칸이다\tPartition Key\t", "");
}
END_TEST

START_TEST (not_pairs)
{
    static const char *const no[] = {
        "f(x) = 2x",
        "항목 (1) 을 보라",
        "출시 (2024) 이후",
        "서비스 (예: S3, EC2)",
        "데이터베이스 (관계형)",
        "call(foo)",
        "Docker (container)",
        "()",
        "값(",
        "(Availability Zone)",
        "가용 영역 ( )",
        "가용 영역(Availability Zone, AZ)",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        check_pairs (no[i], "");
}
END_TEST

START_TEST (keys)
{
    char *k = _saekin_pairs_key ("Availability  Zone", strlen ("Availability  Zone"));
    ck_assert_str_eq (k, "availability zone");
    free (k);
    k = _saekin_pairs_key ("DeadLock", 8);
    ck_assert_str_eq (k, "deadlock");
    free (k);
    k = _saekin_pairs_key ("  ", 2);
    ck_assert_str_eq (k, "");
    free (k);
}
END_TEST

int
main (void)
{
    Suite *suite = suite_create ("pairs");
    TCase *tc = tcase_create ("pairs");
    tcase_add_test (tc, korean_then_english);
    tcase_add_test (tc, korean_then_acronym);
    tcase_add_test (tc, english_then_korean);
    tcase_add_test (tc, name_and_acronym);
    tcase_add_test (tc, glossary_table);
    tcase_add_test (tc, not_pairs);
    tcase_add_test (tc, keys);
    suite_add_tcase (suite, tc);

    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
