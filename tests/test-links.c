/* test-links.c - which links are official AWS pages, and how tracking
 * parameters are taken out of them. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"

START_TEST (official_hosts)
{
    static const char *const yes[] = {
        "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html",
        "https://docs.aws.amazon.com/ko_kr/kms/latest/developerguide/overview.html",
        "http://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
        "https://aws.amazon.com/ko/kms/",
        "https://aws.amazon.com/",
        "https://aws.amazon.com",
        "https://aws.amazon.com?x=1",
        "https://aws.amazon.com#top",
        "HTTPS://DOCS.AWS.AMAZON.COM/kms/",
        "https://console.aws.amazon.com/cloudformation/home?region=us-east-1",
        "https://repost.aws.amazon.com/questions/1",
        "https://docs.aws.amazon.com./kms/",
        "https://docs.aws.amazon.com:443/kms/",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        ck_assert_msg (_saekin_link_is_official (yes[i]), "%s", yes[i]);
}
END_TEST

START_TEST (unofficial_hosts)
{
    static const char *const no[] = {
        "https://amazon.com/",
        "https://www.amazon.com/dp/123",
        "https://aws.amazon.com.evil.com/kms/",
        "https://docs.aws.amazon.com.evil.example/",
        "https://evilaws.amazon.com/",
        "https://aws-amazon.com/",
        "https://amazonaws.com/",
        "https://my-bucket.s3.amazonaws.com/file",
        "https://aws.amazon.com@evil.example/",
        "https://user:pass@docs.aws.amazon.com/kms/",
        "https://evil.example\\@aws.amazon.com/",
        "https://aws.amazon.com\\@evil.example/",
        "https://evil.example/docs.aws.amazon.com/kms/",
        "https://evil.example/?u=https://docs.aws.amazon.com/",
        "ftp://docs.aws.amazon.com/kms/",
        "javascript:alert('docs.aws.amazon.com')",
        "//docs.aws.amazon.com/kms/",
        "docs.aws.amazon.com/kms/",
        "https://docs..aws.amazon.com/",
        "https://.aws.amazon.com/",
        "https://docs.aws.amazon%2Ecom/",
        "https://docs.aws.amazon.com:abc/",
        "https://docs.aws.amazon.com:/",
        "https:///docs.aws.amazon.com/",
        "",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        ck_assert_msg (! _saekin_link_is_official (no[i]), "%s", no[i]);
    ck_assert (! _saekin_link_is_official (NULL));
}
END_TEST

/* Clean IN and compare with WANT. */
static void
check_clean (const char *in, const char *want)
{
    char *got = _saekin_link_clean (in);
    ck_assert_ptr_nonnull (got);
    ck_assert_msg (strcmp (got, want) == 0, "clean(%s) = %s, want %s", in, got, want);
    free (got);
}

START_TEST (clean_tracking)
{
    check_clean ("https://aws.amazon.com/kms/?sc_channel=el&sc_campaign=x",
                 "https://aws.amazon.com/kms/");
    check_clean ("https://aws.amazon.com/kms/?nc1=h_ls&sc_channel=el",
                 "https://aws.amazon.com/kms/?nc1=h_ls");
    check_clean ("https://aws.amazon.com/kms/?sc_channel=el&nc1=h_ls",
                 "https://aws.amazon.com/kms/?nc1=h_ls");
    check_clean ("https://aws.amazon.com/x/?a=1&utm_source=news&b=2&utm_medium=mail",
                 "https://aws.amazon.com/x/?a=1&b=2");
    check_clean ("https://aws.amazon.com/x/?trk=abc&trkCampaign=q&refid=r&ref_=s"
                 "&s_kwcid=1&ef_id=2&gclid=3&fbclid=4&sc_icampaign=5"
                 "&sc_ichannel=6&sc_icontent=7&sc_iplace=8&sc_segment=9"
                 "&sc_medium=a&sc_content=b&sc_geo=c&sc_country=d"
                 "&sc_outcome=e&sc_publisher=f&sc_category=g&sc_detail=h",
                 "https://aws.amazon.com/x/");
    /* The fragment stays, a '?' inside it is not a query. */
    check_clean ("https://docs.aws.amazon.com/a.html?sc_channel=x#section-1",
                 "https://docs.aws.amazon.com/a.html#section-1");
    check_clean (
        "https://docs.aws.amazon.com/a.html?v=2&utm_campaign=x#frag?utm_source=y",
        "https://docs.aws.amazon.com/a.html?v=2#frag?utm_source=y");
    /* A flag with no value, an empty '?', names that only look alike. */
    check_clean ("https://example.com/p?utm_source", "https://example.com/p");
    check_clean ("https://example.com/p?", "https://example.com/p");
    check_clean ("https://example.com/p?#top", "https://example.com/p#top");
    check_clean ("https://example.com/p?ref=main&trk2=1&utm=1&page=2",
                 "https://example.com/p?ref=main&trk2=1&utm=1&page=2");
    check_clean ("https://example.com/p?a=1&&utm_id=2&b=3",
                 "https://example.com/p?a=1&b=3");
    check_clean ("https://example.com/p?UTM_SOURCE=x&q=a%26b",
                 "https://example.com/p?q=a%26b");
}
END_TEST

START_TEST (clean_keeps_clean_links)
{
    check_clean ("https://docs.aws.amazon.com/kms/latest/developerguide/overview.html",
                 "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html");
    check_clean ("https://example.com/search?q=kms&lang=ko",
                 "https://example.com/search?q=kms&lang=ko");
    check_clean ("./notes/kms.md#키-정책", "./notes/kms.md#키-정책");
    check_clean ("", "");
    ck_assert_ptr_null (_saekin_link_clean (NULL));
}
END_TEST

int
main (void)
{
    Suite *suite = suite_create ("links");
    TCase *tc = tcase_create ("links");
    tcase_add_test (tc, official_hosts);
    tcase_add_test (tc, unofficial_hosts);
    tcase_add_test (tc, clean_tracking);
    tcase_add_test (tc, clean_keeps_clean_links);
    suite_add_tcase (suite, tc);

    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
