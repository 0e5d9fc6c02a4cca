/* test-vocabulary.c - the shipped AWS vocabulary parses cleanly, its
 * names find their concepts in any spelling, the user's synonyms merge
 * into it, and bad lines are reported with their file and line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "links.h"
#include "saekin.h"
#include "vocabulary.h"

/* What the warning callback saw. */
typedef struct {
    unsigned count;
    char file[512];
    unsigned line;
    char msg[512];
} warnings_t;

static void
record_warning (void *ctx, const char *file, unsigned line, const char *msg)
{
    warnings_t *w = ctx;
    w->count++;
    snprintf (w->file, sizeof w->file, "%s", file ? file : "");
    w->line = line;
    snprintf (w->msg, sizeof w->msg, "%s", msg ? msg : "");
    fprintf (stderr, "warning: %s:%u: %s\n", file, line, msg);
}

/* The vocabulary as saekin-query loads it: the library reads no
 * environment, the program passes $SAEKIN_VOCABULARY and the default
 * synonyms path in; these tests set the environment as a user would. */
static _saekin_vocabulary_t *
load_as_programs (void (*warn) (void *ctx, const char *file, unsigned line,
                                const char *msg),
                  void *ctx)
{
    char *synonyms = saekin_default_synonyms_path ();
    _saekin_vocabulary_t *v = _saekin_vocabulary_load (getenv ("SAEKIN_VOCABULARY"),
                                                       synonyms, warn, ctx);
    free (synonyms);
    return v;
}

static char shipped[1024];
static char tmpdir[] = "/tmp/saekin-vocab.XXXXXX";

static void
write_file (const char *path, const char *text)
{
    FILE *f = fopen (path, "w");
    ck_assert_ptr_nonnull (f);
    fputs (text, f);
    ck_assert_int_eq (fclose (f), 0);
}

/* Each test starts with the shipped file and no user synonyms. */
static void
setup (void)
{
    const char *top = getenv ("top_srcdir");
    snprintf (shipped, sizeof shipped, "%s/data/aws-vocabulary.tsv",
              top && *top ? top : ".");
    setenv ("SAEKIN_VOCABULARY", shipped, 1);
    strcpy (tmpdir, "/tmp/saekin-vocab.XXXXXX");
    ck_assert_ptr_nonnull (mkdtemp (tmpdir));
    setenv ("XDG_CONFIG_HOME", tmpdir, 1);
}

static void
teardown (void)
{
    char cmd[600];
    snprintf (cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq (system (cmd), 0);
}

static _saekin_vocabulary_t *
load_clean (void)
{
    warnings_t w = { 0 };
    _saekin_vocabulary_t *v = load_as_programs (record_warning, &w);
    ck_assert_ptr_nonnull (v);
    ck_assert_msg (w.count == 0, "%u warnings, last %s:%u: %s", w.count, w.file, w.line,
                   w.msg);
    return v;
}

static bool
has_url (const _saekin_concept_t *c, const char *url)
{
    for (size_t i = 0; i < c->n_urls; i++)
        if (strcmp (c->urls[i], url) == 0)
            return true;
    return false;
}

static bool
has_alias (const _saekin_concept_t *c, const char *alias)
{
    for (size_t i = 0; i < c->n_aliases; i++)
        if (strcmp (c->aliases[i], alias) == 0)
            return true;
    return false;
}

/* The concept NAME finds, which must exist. */
static const _saekin_concept_t *
must_find (const _saekin_vocabulary_t *v, const char *name)
{
    const _saekin_concept_t *c = _saekin_vocabulary_find (v, name);
    ck_assert_msg (c != NULL, "'%s' not found", name);
    return c;
}

START_TEST (shipped_file_parses)
{
    _saekin_vocabulary_t *v = load_clean ();
    size_t n = _saekin_vocabulary_count (v);
    ck_assert_uint_ge (n, 150);

    /* One concept per data line: no line merged into another by a name
     * two concepts share. */
    FILE *f = fopen (shipped, "r");
    ck_assert_ptr_nonnull (f);
    char buf[8192];
    size_t lines = 0;
    while (fgets (buf, sizeof buf, f))
        if (buf[0] != '#' && buf[0] != '\n' && strncmp (buf, "@vendor\t", 8) != 0)
            lines++;
    fclose (f);
    ck_assert_uint_eq (n, lines);
    ck_assert_ptr_null (_saekin_vocabulary_get (v, n));
    _saekin_vocabulary_free (v);
}
END_TEST

START_TEST (shipped_names_and_urls)
{
    _saekin_vocabulary_t *v = load_clean ();
    for (size_t i = 0; i < _saekin_vocabulary_count (v); i++) {
        const _saekin_concept_t *c = _saekin_vocabulary_get (v, i);
        ck_assert_ptr_eq (must_find (v, c->name), c);
        ck_assert_uint_ge (c->n_aliases, 1);
        for (size_t j = 0; j < c->n_aliases; j++)
            ck_assert_msg (_saekin_vocabulary_find (v, c->aliases[j]) == c,
                           "'%s' of '%s' finds another concept", c->aliases[j], c->name);

        /* Official pages only, English ones before Korean ones. */
        ck_assert_msg (c->n_urls >= 1, "'%s' has no URL", c->name);
        bool korean = false;
        for (size_t j = 0; j < c->n_urls; j++) {
            const char *u = c->urls[j];
            ck_assert_msg (_saekin_link_is_official (u), "%s", u);
            bool ko = strstr (u, ".com/ko_kr/") || strstr (u, ".com/ko/");
            ck_assert_msg (! korean || ko, "English URL after Korean: %s", u);
            korean = korean || ko;
        }
    }
    _saekin_vocabulary_free (v);
}
END_TEST

START_TEST (lookups)
{
    _saekin_vocabulary_t *v = load_clean ();

    const _saekin_concept_t *kms = must_find (v, "KMS");
    ck_assert_str_eq (kms->name, "AWS Key Management Service");
    ck_assert_ptr_eq (must_find (v, "키 관리 서비스"), kms);
    ck_assert_ptr_eq (must_find (v, "키관리서비스"), kms);
    ck_assert_ptr_eq (must_find (v, "key management service"), kms);
    ck_assert_ptr_eq (must_find (v, "  kMs "), kms);
    /* The same Hangul decomposed into jamo (NFD). */
    ck_assert_ptr_eq (must_find (v, "\xe1\x84\x8f\xe1\x85\xb5 "
                                    "\xe1\x84\x80\xe1\x85\xaa\xe1\x86\xab"
                                    "\xe1\x84\x85\xe1\x85\xb5"),
                      kms);
    ck_assert (has_url (
        kms, "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html"));
    ck_assert (has_url (
        kms,
        "https://docs.aws.amazon.com/ko_kr/kms/latest/developerguide/overview.html"));
    ck_assert_str_eq (
        kms->urls[0],
        "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html");

    const _saekin_concept_t *asg = must_find (v, "오토스케일링");
    ck_assert_ptr_eq (must_find (v, "오토 스케일링"), asg);
    ck_assert_ptr_eq (must_find (v, "Auto Scaling"), asg);
    ck_assert_ptr_eq (must_find (v, "AUTO-SCALING"), asg);
    ck_assert_ptr_eq (must_find (v, "ASG"), asg);

    const _saekin_concept_t *elb = must_find (v, "ELB");
    ck_assert_ptr_eq (must_find (v, "로드 밸런서"), elb);
    ck_assert_ptr_eq (must_find (v, "로드밸런서"), elb);
    ck_assert_ptr_ne (must_find (v, "ALB"), elb);

    const _saekin_concept_t *ddb = must_find (v, "다이나모DB");
    ck_assert_ptr_eq (must_find (v, "DynamoDB"), ddb);
    ck_assert_ptr_eq (must_find (v, "다이나모디비"), ddb);
    ck_assert_ptr_eq (must_find (v, "다이나모db"), ddb);

    const _saekin_concept_t *sts = must_find (v, "AssumeRole");
    ck_assert_ptr_eq (must_find (v, "STS"), sts);
    ck_assert_str_eq (sts->name, "AWS Security Token Service");
    ck_assert (has_url (
        sts, "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"));
    ck_assert (has_url (
        sts,
        "https://docs.aws.amazon.com/ko_kr/STS/latest/APIReference/API_AssumeRole.html"));

    const _saekin_concept_t *trail = must_find (v, "CloudTrail");
    ck_assert_ptr_eq (must_find (v, "클라우드 트레일"), trail);
    ck_assert (has_url (trail, "https://docs.aws.amazon.com/awscloudtrail/latest/"
                               "userguide/cloudtrail-user-guide.html"));
    ck_assert (_saekin_link_is_official (trail->urls[0]));

    /* The dev queries that name one concept. */
    ck_assert_ptr_eq (must_find (v, "Simple Notification Service"), must_find (v, "SNS"));
    ck_assert_ptr_eq (must_find (v, "Web Application Firewall"), must_find (v, "WAF"));
    ck_assert_ptr_eq (must_find (v, "DAX"), must_find (v, "DynamoDB Accelerator"));
    ck_assert_ptr_eq (must_find (v, "CDN"), must_find (v, "CloudFront"));
    ck_assert_ptr_eq (must_find (v, "일래스틱 빈스톡"),
                      must_find (v, "Elastic Beanstalk"));
    ck_assert_ptr_eq (must_find (v, "엘라스틱 빈스톡"),
                      must_find (v, "Elastic Beanstalk"));
    ck_assert_ptr_eq (must_find (v, "오로라 서버리스"),
                      must_find (v, "Aurora Serverless"));
    ck_assert_ptr_eq (must_find (v, "중첩 스택"), must_find (v, "nested stacks"));
    ck_assert_ptr_eq (must_find (v, "고정 세션"), must_find (v, "sticky sessions"));
    ck_assert_ptr_eq (must_find (v, "Origin Access Control"), must_find (v, "OAI"));
    ck_assert_ptr_eq (must_find (v, "dead-letter queue"), must_find (v, "DLQ"));
    ck_assert_ptr_eq (must_find (v, "배달 못한 편지 대기열"), must_find (v, "DLQ"));
    ck_assert_ptr_eq (must_find (v, "가시성 타임아웃"),
                      must_find (v, "visibility timeout"));
    ck_assert_ptr_eq (must_find (v, "교차 리전 복제"), must_find (v, "CRR"));
    ck_assert_ptr_eq (must_find (v, "읽기 전용 복제본"), must_find (v, "read replica"));
    ck_assert_ptr_eq (must_find (v, "다중 AZ"), must_find (v, "Multi-AZ"));
    ck_assert_ptr_eq (must_find (v, "가용 영역"), must_find (v, "AZ"));
    ck_assert_ptr_eq (must_find (v, "보안 그룹"), must_find (v, "security group"));
    ck_assert_ptr_eq (must_find (v, "람다"), must_find (v, "Lambda"));
    ck_assert_ptr_eq (must_find (v, "콜드 스타트"), must_find (v, "cold start"));
    ck_assert_ptr_ne (must_find (v, "On-Demand"),
                      must_find (v, "on-demand capacity mode"));

    /* English plurals and the optional vendor prefix. */
    ck_assert_ptr_eq (must_find (v, "placement groups"), must_find (v, "배치 그룹"));
    ck_assert_ptr_eq (must_find (v, "NACLs"), must_find (v, "network ACL"));
    ck_assert_ptr_eq (must_find (v, "IAM policies"), must_find (v, "IAM policy"));
    ck_assert_ptr_eq (must_find (v, "Transit Gateways"), must_find (v, "TGW"));
    ck_assert_ptr_eq (must_find (v, "scaling cooldowns"), must_find (v, "쿨다운"));
    ck_assert_ptr_eq (must_find (v, "KMS key policies"), must_find (v, "키 정책"));
    ck_assert_ptr_eq (must_find (v, "Amazon Kinesis Data Firehose"),
                      must_find (v, "KDF"));
    ck_assert_ptr_eq (must_find (v, "AWS DAX"), must_find (v, "DAX"));

    /* Names it does not know, or cannot read. */
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "세마포어"));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "garbage collection"));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, ""));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, " - "));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "AWS"));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "KMS\xff"));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, NULL));
    ck_assert_ptr_null (_saekin_vocabulary_find (NULL, "KMS"));
    _saekin_vocabulary_free (v);
}
END_TEST

START_TEST (user_file_merges)
{
    char dir[600], path[700];
    snprintf (dir, sizeof dir, "%s/saekin", tmpdir);
    ck_assert_int_eq (mkdir (dir, 0777), 0);
    snprintf (path, sizeof path, "%s/synonyms.tsv", dir);
    write_file (
        path,
        "# my own names\n"
        "AWS Key Management Service\t케이엠에스 | KMS\thttps://example.com/my-kms-notes\n"
        "\n"
        "Amazon Bedrock\tBedrock | "
        "베드록\thttps://docs.aws.amazon.com/bedrock/latest/userguide/"
        "what-is-bedrock.html  \r\n"
        "just a name\n"
        "내 키 서비스\tkey management service | 람다\n");

    warnings_t w = { 0 };
    _saekin_vocabulary_t *v = load_as_programs (record_warning, &w);
    ck_assert_ptr_nonnull (v);

    const _saekin_concept_t *kms = must_find (v, "KMS");
    ck_assert_ptr_eq (must_find (v, "케이엠에스"), kms);
    ck_assert_ptr_eq (must_find (v, "내 키 서비스"), kms);
    ck_assert_ptr_eq (must_find (v, "AWS Key Management Service"), kms);
    ck_assert_str_eq (kms->name, "AWS Key Management Service");
    ck_assert (has_alias (kms, "케이엠에스"));
    ck_assert (has_url (kms, "https://example.com/my-kms-notes"));
    /* A name the concept already had is not added twice. */
    size_t kms_names = 0;
    for (size_t i = 0; i < kms->n_aliases; i++)
        kms_names += strcmp (kms->aliases[i], "KMS") == 0;
    ck_assert_uint_eq (kms_names, 1);

    const _saekin_concept_t *bedrock = must_find (v, "베드록");
    ck_assert_str_eq (bedrock->name, "Amazon Bedrock");
    ck_assert_uint_eq (bedrock->n_urls, 1);
    ck_assert_str_eq (
        bedrock->urls[0],
        "https://docs.aws.amazon.com/bedrock/latest/userguide/what-is-bedrock.html");

    /* "람다" keeps naming Lambda; the bad line and the clash are reported. */
    ck_assert_str_eq (must_find (v, "람다")->name, "AWS Lambda");
    ck_assert_uint_eq (w.count, 2);
    ck_assert_str_eq (w.file, path);
    ck_assert_uint_eq (w.line, 6);
    ck_assert_ptr_nonnull (strstr (w.msg, "람다"));

    /* Everything shipped is still there, plus Bedrock. */
    _saekin_vocabulary_t *plain = _saekin_vocabulary_new ();
    ck_assert_int_eq (_saekin_vocabulary_add_file (plain, shipped, NULL, NULL), 0);
    ck_assert_uint_eq (_saekin_vocabulary_count (v),
                       _saekin_vocabulary_count (plain) + 1);
    _saekin_vocabulary_free (plain);
    _saekin_vocabulary_free (v);
}
END_TEST

START_TEST (unicode_names)
{
    char path[700];
    snprintf (path, sizeof path, "%s/vocab.tsv", tmpdir);
    write_file (path, "Stra\xc3\x9f"
                      "e Service\tStrasse-Dienst\n"
                      /* 한 as decomposed jamo (NFD): stored and found as NFC. */
                      "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\tHAN-NFD\n"
                      "\xce\xa9mega\t\xce\xa9 Test\n");
    _saekin_vocabulary_t *v = _saekin_vocabulary_new ();
    warnings_t w = { 0 };
    ck_assert_int_eq (_saekin_vocabulary_add_file (v, path, record_warning, &w), 0);
    ck_assert_uint_eq (w.count, 0);
    ck_assert_uint_eq (_saekin_vocabulary_count (v), 3);

    const _saekin_concept_t *street = must_find (v, "STRASSE SERVICE");
    ck_assert_ptr_eq (must_find (v, "stra\xc3\x9f"
                                    "e-service"),
                      street);
    ck_assert_ptr_eq (must_find (v, "strassedienst"), street);
    const _saekin_concept_t *han = must_find (v, "\xed\x95\x9c");
    ck_assert_str_eq (han->name, "\xed\x95\x9c");
    ck_assert_ptr_eq (must_find (v, "han nfd"), han);
    ck_assert_ptr_eq (must_find (v, "\xcf\x89MEGA"), must_find (v, "\xcf\x89 test"));
    _saekin_vocabulary_free (v);

    /* Other dashes and spaces than ASCII ones, in the shipped names. */
    v = load_clean ();
    const _saekin_concept_t *asg = must_find (v, "Auto Scaling");
    ck_assert_ptr_eq (must_find (v, "Auto\xe2\x80\x93Scaling"), asg);
    ck_assert_ptr_eq (must_find (v, "\xec\x98\xa4\xed\x86\xa0\xc2\xa0"
                                    "\xec\x8a\xa4\xec\xbc\x80\xec\x9d\xbc\xeb\xa7\x81"),
                      asg);
    /* The one fold, NFKC_Casefold, as the analyser's: fullwidth letters
     * and compatibility forms find the ASCII name. */
    ck_assert_ptr_eq (must_find (v, "ＫＭＳ"), must_find (v, "KMS"));
    ck_assert_ptr_eq (must_find (v, "Ａｕｔｏ Ｓｃａｌｉｎｇ"), asg);
    _saekin_vocabulary_free (v);
}
END_TEST

/* One vendor list, the shipped vocabulary's @vendor line, compiled in and
 * used alike by lookups, the query's concept names and title keys. */
START_TEST (vendors_from_data)
{
    ck_assert (_saekin_vocabulary_is_vendor ("aws"));
    ck_assert (_saekin_vocabulary_is_vendor ("amazon"));
    ck_assert (! _saekin_vocabulary_is_vendor ("kinesis"));
    ck_assert_uint_eq (_saekin_vocabulary_vendor_prefix ("Amazon Kinesis"), 7);
    ck_assert_uint_eq (_saekin_vocabulary_vendor_prefix ("AWS-Lambda"), 4);
    ck_assert_uint_eq (_saekin_vocabulary_vendor_prefix ("AWS"), 0);
    ck_assert_uint_eq (_saekin_vocabulary_vendor_prefix ("AWS "), 0);
    ck_assert_uint_eq (_saekin_vocabulary_vendor_prefix ("Awesome Thing"), 0);

    _saekin_vocabulary_t *v = load_clean ();
    /* The @vendor line is no concept, and a vendor in front is optional. */
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "@vendor"));
    ck_assert_ptr_eq (must_find (v, "Amazon KMS"), must_find (v, "KMS"));
    ck_assert_ptr_eq (must_find (v, "AWS Auto Scaling"), must_find (v, "Auto Scaling"));
    _saekin_vocabulary_free (v);

    /* A vocabulary file's @vendor line is read as vendors, not as a concept. */
    char path[600];
    snprintf (path, sizeof path, "%s/vendors.tsv", tmpdir);
    write_file (path, "@vendor\tGoogle | GCP\nCloud Storage\tGCS\n");
    v = _saekin_vocabulary_new ();
    warnings_t w = { 0 };
    ck_assert_int_eq (_saekin_vocabulary_add_file (v, path, record_warning, &w), 0);
    ck_assert_uint_eq (w.count, 0);
    ck_assert_uint_eq (_saekin_vocabulary_count (v), 1);
    _saekin_vocabulary_free (v);
}
END_TEST

START_TEST (home_config_fallback)
{
    char dir[600], path[700];
    snprintf (dir, sizeof dir, "%s/.config", tmpdir);
    ck_assert_int_eq (mkdir (dir, 0777), 0);
    snprintf (dir, sizeof dir, "%s/.config/saekin", tmpdir);
    ck_assert_int_eq (mkdir (dir, 0777), 0);
    snprintf (path, sizeof path, "%s/synonyms.tsv", dir);
    write_file (path, "AWS Lambda\t람다 함수들\n");
    unsetenv ("XDG_CONFIG_HOME");
    setenv ("HOME", tmpdir, 1);

    _saekin_vocabulary_t *v = load_clean ();
    ck_assert_ptr_eq (must_find (v, "람다 함수들"), must_find (v, "Lambda"));
    _saekin_vocabulary_free (v);
}
END_TEST

START_TEST (bad_lines_warn)
{
    char path[700];
    snprintf (path, sizeof path, "%s/vocab.tsv", tmpdir);
    write_file (path, "\xEF\xBB\xBF# a comment after a byte-order mark\n"
                      "Amazon S3\tS3 | 버킷 서비스\thttps://aws.amazon.com/s3/\n"
                      "Amazon S3 spaces instead of tabs\n"
                      "Broken\tB | \xff\xfe\n"
                      "Too\tmany\tfields\there\n"
                      "Not a link\tNAL\tdocs.aws.amazon.com/x.html\n"
                      "\tno name\n"
                      "---\tdashes\n"
                      "Amazon EC2\tEC2\r\n");
    setenv ("SAEKIN_VOCABULARY", path, 1);

    warnings_t w = { 0 };
    _saekin_vocabulary_t *v = load_as_programs (record_warning, &w);
    ck_assert_ptr_nonnull (v);
    ck_assert_uint_eq (w.count, 6);
    ck_assert_str_eq (w.file, path);
    ck_assert_uint_eq (w.line, 8);
    ck_assert_uint_eq (_saekin_vocabulary_count (v), 2);
    ck_assert_str_eq (must_find (v, "버킷서비스")->name, "Amazon S3");
    ck_assert_str_eq (must_find (v, "ec2")->name, "Amazon EC2");
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "B"));
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "NAL"));
    _saekin_vocabulary_free (v);

    /* Each kind of bad line alone, to see its own line number. */
    static const struct {
        const char *text;
        unsigned line;
    } one[] = {
        { "A\tB\nC D\n", 2 },
        { "#\n\nA\tB\n\xc3\x28\tC\n", 4 },
        { "A\tB\tC\tD\n", 1 },
        { "A\tB\tftp://x\n", 1 },
    };
    for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
        write_file (path, one[i].text);
        warnings_t w1 = { 0 };
        v = _saekin_vocabulary_new ();
        ck_assert_int_eq (_saekin_vocabulary_add_file (v, path, record_warning, &w1), 0);
        ck_assert_uint_eq (w1.count, 1);
        ck_assert_uint_eq (w1.line, one[i].line);
        ck_assert_str_eq (w1.file, path);
        _saekin_vocabulary_free (v);
    }
}
END_TEST

START_TEST (missing_files)
{
    char path[700];
    snprintf (path, sizeof path, "%s/nowhere.tsv", tmpdir);
    setenv ("SAEKIN_VOCABULARY", path, 1);

    /* A missing shipped file is worth a warning; a missing user file is
     * the usual case and is not. */
    warnings_t w = { 0 };
    _saekin_vocabulary_t *v = load_as_programs (record_warning, &w);
    ck_assert_ptr_nonnull (v);
    ck_assert_uint_eq (w.count, 1);
    ck_assert_str_eq (w.file, path);
    ck_assert_uint_eq (w.line, 0);
    ck_assert_uint_eq (_saekin_vocabulary_count (v), 0);
    ck_assert_ptr_null (_saekin_vocabulary_find (v, "KMS"));
    ck_assert_int_eq (_saekin_vocabulary_add_file (v, path, NULL, NULL), -1);
    _saekin_vocabulary_free (v);
    _saekin_vocabulary_free (NULL);
}
END_TEST

/* The table compiled into the library holds exactly what parsing the
 * shipped files gives: every concept with its names and links, in order. */
START_TEST (builtin_equals_files)
{
    unsetenv ("SAEKIN_VOCABULARY");
    _saekin_vocabulary_t *built = load_clean ();
    _saekin_vocabulary_t *parsed = _saekin_vocabulary_new ();
    const char *top = getenv ("top_srcdir");
    const char *files[] = { "aws-vocabulary.tsv", "cs-vocabulary.tsv" };
    for (size_t i = 0; i < 2; i++) {
        char path[1024];
        snprintf (path, sizeof path, "%s/data/%s", top && *top ? top : ".", files[i]);
        ck_assert_int_eq (_saekin_vocabulary_add_file (parsed, path, NULL, NULL), 0);
    }
    size_t n = _saekin_vocabulary_count (parsed);
    ck_assert_uint_gt (n, 1000);
    ck_assert_uint_eq (_saekin_vocabulary_count (built), n);
    for (size_t i = 0; i < n; i++) {
        const _saekin_concept_t *a = _saekin_vocabulary_get (parsed, i);
        const _saekin_concept_t *b = _saekin_vocabulary_get (built, i);
        ck_assert_str_eq (a->name, b->name);
        ck_assert_uint_eq (a->n_aliases, b->n_aliases);
        ck_assert_uint_eq (a->n_urls, b->n_urls);
        for (size_t j = 0; j < a->n_aliases; j++) {
            ck_assert_str_eq (a->aliases[j], b->aliases[j]);
            ck_assert_ptr_eq (_saekin_vocabulary_find (built, a->aliases[j]), b);
        }
        for (size_t j = 0; j < a->n_urls; j++)
            ck_assert_str_eq (a->urls[j], b->urls[j]);
        ck_assert_ptr_eq (_saekin_vocabulary_find (built, a->name), b);
    }
    _saekin_vocabulary_free (parsed);
    _saekin_vocabulary_free (built);
}
END_TEST

/* The user's synonyms merge into the compiled-in table without changing
 * it: the next load without them finds the table as shipped. */
START_TEST (user_file_over_builtin)
{
    unsetenv ("SAEKIN_VOCABULARY");
    _saekin_vocabulary_t *plain = load_clean ();
    size_t n = _saekin_vocabulary_count (plain);
    const _saekin_concept_t *kms = _saekin_vocabulary_find (plain, "KMS");
    ck_assert_ptr_nonnull (kms);
    size_t kms_aliases = kms->n_aliases;
    ck_assert_ptr_null (_saekin_vocabulary_find (plain, "키관리서비스약칭"));

    char dir[600], path[700];
    snprintf (dir, sizeof dir, "%s/saekin", tmpdir);
    ck_assert_int_eq (mkdir (dir, 0777), 0);
    snprintf (path, sizeof path, "%s/synonyms.tsv", dir);
    write_file (path, "KMS\t키관리서비스약칭\n"
                      "Zeta Widget\tzw | 제타 위젯\thttps://example.com/zw\n");
    _saekin_vocabulary_t *mine = load_clean ();
    ck_assert_uint_eq (_saekin_vocabulary_count (mine), n + 1);
    const _saekin_concept_t *k2 = _saekin_vocabulary_find (mine, "키관리서비스약칭");
    ck_assert_ptr_nonnull (k2);
    ck_assert_str_eq (k2->name, kms->name);
    ck_assert_uint_eq (k2->n_aliases, kms_aliases + 1);
    ck_assert_ptr_eq (_saekin_vocabulary_find (mine, "KMS"), k2);
    const _saekin_concept_t *zw = _saekin_vocabulary_find (mine, "제타위젯");
    ck_assert_ptr_nonnull (zw);
    ck_assert_str_eq (zw->name, "Zeta Widget");
    _saekin_vocabulary_free (mine);

    ck_assert_int_eq (unlink (path), 0);
    _saekin_vocabulary_t *again = load_clean ();
    ck_assert_uint_eq (_saekin_vocabulary_count (again), n);
    ck_assert_uint_eq (_saekin_vocabulary_find (again, "KMS")->n_aliases, kms_aliases);
    ck_assert_ptr_null (_saekin_vocabulary_find (again, "키관리서비스약칭"));
    ck_assert_ptr_null (_saekin_vocabulary_find (again, "zw"));
    _saekin_vocabulary_free (again);
    _saekin_vocabulary_free (plain);
}
END_TEST

int
main (void)
{
    Suite *suite = suite_create ("vocabulary");
    TCase *tc = tcase_create ("vocabulary");
    tcase_add_checked_fixture (tc, setup, teardown);
    tcase_add_test (tc, shipped_file_parses);
    tcase_add_test (tc, shipped_names_and_urls);
    tcase_add_test (tc, lookups);
    tcase_add_test (tc, user_file_merges);
    tcase_add_test (tc, unicode_names);
    tcase_add_test (tc, vendors_from_data);
    tcase_add_test (tc, home_config_fallback);
    tcase_add_test (tc, bad_lines_warn);
    tcase_add_test (tc, missing_files);
    tcase_add_test (tc, builtin_equals_files);
    tcase_add_test (tc, user_file_over_builtin);
    suite_add_tcase (suite, tc);

    SRunner *sr = srunner_create (suite);
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
