/* test-query.c - the query builder: the tree it makes of what a person
 * typed, and how small indexes rank with it (all words first, titles
 * above bodies, struck text last, particles, spacing, hyphens, the
 * operators and the vocabulary across languages). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "query.h"
#include "saekin.h"
#include "vocabulary.h"

/* ---- the tree ---- */

/* The tree of QUERY as text (malloc'd), built with VOCAB and no index. */
static char *
tree_of (const char *query, const _saekin_vocabulary_t *vocab)
{
    _saekin_query_ctx_t ctx = { .reader = NULL, .vocab = vocab };
    _saekin_qnode_t *tree = NULL;
    _saekin_termset_t hl = { 0 };
    char *error = NULL;
    saekin_status_t st = _saekin_query_build (query, &ctx, &tree, &hl, &error);
    ck_assert_msg (st == SAEKIN_STATUS_SUCCESS, "%s: %s", query, error ? error : "?");
    char *d = _saekin_qnode_describe (tree);
    ck_assert_ptr_nonnull (d);
    _saekin_qnode_free (tree);
    _saekin_termset_clear (&hl);
    return d;
}

#define ck_tree_has(query, vocab, what)                                                  \
    do {                                                                                 \
        char *d_ = tree_of (query, vocab);                                               \
        ck_assert_msg (strstr (d_, what), "%s -> %s lacks %s", query, d_, what);         \
        free (d_);                                                                       \
    } while (0)

#define ck_tree_lacks(query, vocab, what)                                                \
    do {                                                                                 \
        char *d_ = tree_of (query, vocab);                                               \
        ck_assert_msg (! strstr (d_, what), "%s -> %s has %s", query, d_, what);         \
        free (d_);                                                                       \
    } while (0)

START_TEST (tree_one_word)
{
    /* word, stem and the struck copy in one synonym, bigrams below */
    char *d = tree_of ("인증서를", NULL);
    ck_assert_msg (
        strcmp (
            d,
            "(OR (OR (SYNONYM 인증서를 Z인증서) (SCALE 0.20 XZ인증서)"
            " (SCALE 0.30 (AND B인증 B증서))) (SCALE 5.00 K인증서) (SCALE 2.00 P인증서))")
            == 0,
        "%s", d);
    free (d);
    ck_tree_has ("Instances", NULL, "Zinstanc");
}
END_TEST

START_TEST (tree_chunk_words)
{
    /* one chunk, several words: all of them, and the joined part */
    ck_tree_has ("dead-letter", NULL, "(AND (OR (SYNONYM dead Zdead)");
    ck_tree_has ("dead-letter", NULL, "deadletter");
    /* a particle glued to a Latin word is dropped */
    ck_tree_lacks ("CloudTrail을", NULL, "을");
    ck_tree_has ("CloudTrail을", NULL, "cloudtrail");
}
END_TEST

START_TEST (tree_boosts)
{
    /* several words: any may match, all of them and side by side boost */
    char *d = tree_of ("버킷 정책", NULL);
    ck_assert_msg (strstr (d, "(OR (OR (OR (SYNONYM 버킷"), "%s", d);
    ck_assert_msg (strstr (d, "(SCALE 1.00 (AND "), "%s", d);
    /* side by side: checked by the shim on the best matches, at the root */
    ck_assert_msg (strncmp (d, "(PROXIMITY 1.25 (OR ", 20) == 0, "%s", d);
    ck_assert_msg (strstr (d, " (PHRASE/3 Z버킷 Z정책))")
                       == d + strlen (d) - strlen (" (PHRASE/3 Z버킷 Z정책))"),
                   "%s", d);
    ck_assert_msg (strstr (d, "K버킷 정책"), "%s", d);
    free (d);
}
END_TEST

START_TEST (tree_operators)
{
    ck_tree_has ("\"가용 영역\"", NULL, "(PHRASE/0 Z가용 Z영역)");
    ck_tree_has ("\"read replicas\"", NULL, "(PHRASE/0 Zread Zreplica)");
    char *d = tree_of ("버킷 -정책", NULL);
    ck_assert_msg (strncmp (d, "(AND_NOT ", 9) == 0, "%s", d);
    ck_assert_msg (strstr (d, " (OR (SYNONYM 정책 Z정책"), "%s", d);
    free (d);
    ck_tree_has ("sqs OR sns", NULL,
                 "(OR (OR (SYNONYM sqs Zsqs) (SCALE 0.20 XZsqs)) (OR (SYNONYM sns");
    ck_tree_lacks ("sqs OR sns", NULL, "PHRASE");
    ck_tree_has ("cloudw*", NULL, "cloudw*");
    ck_tree_has ("title:버킷", NULL, "S버킷");
    ck_tree_lacks ("title:버킷", NULL, "(SYNONYM 버킷");
}
END_TEST

START_TEST (tree_errors)
{
    _saekin_query_ctx_t ctx = { .reader = NULL };
    _saekin_qnode_t *tree = (_saekin_qnode_t *) 1;
    char *error = NULL;
    ck_assert_int_eq (_saekin_query_build ("-정책", &ctx, &tree, NULL, &error),
                      SAEKIN_STATUS_BAD_QUERY);
    ck_assert_ptr_null (tree);
    ck_assert_ptr_nonnull (strstr (error, "only excludes"));
    free (error);
    ck_assert_int_eq (_saekin_query_build ("  \" \" ", &ctx, &tree, NULL, &error),
                      SAEKIN_STATUS_BAD_QUERY);
    free (error);
    ck_assert_int_eq (_saekin_query_build ("bad \xff", &ctx, &tree, NULL, &error),
                      SAEKIN_STATUS_BAD_QUERY);
    free (error);
    /* Every ill-formed sequence, not only stray bytes: surrogates,
     * overlong forms of each length, F5..F7 lead bytes, past U+10FFFF,
     * a sequence cut short at the end. */
    static const char *const bad[] = {
        "half \xed\xa0\x80 pair", "\xed\xbf\xbf",     "slash \xc0\xaf",
        "\xe0\x80\xaf",           "\xf0\x80\x80\xaf", "\xf5\x80\x80\x80",
        "\xf7\xbf\xbf\xbf",       "\xf4\x90\x80\x80", "cut \xea\xb0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        error = NULL;
        ck_assert_msg (_saekin_query_build (bad[i], &ctx, &tree, NULL, &error)
                           == SAEKIN_STATUS_BAD_QUERY,
                       "query %zu is not valid UTF-8", i);
        ck_assert_ptr_null (tree);
        ck_assert_ptr_nonnull (strstr (error, "UTF-8"));
        free (error);
    }
}
END_TEST

/* A vocabulary of one line. */
static _saekin_vocabulary_t *
small_vocabulary (void)
{
    char path[] = "/tmp/saekin-vocab.XXXXXX";
    int fd = mkstemp (path);
    ck_assert_int_ge (fd, 0);
    const char *line = "AWS Key Management Service\tAWS KMS | KMS | 키 관리 서비스\t\n"
                       "Amazon EC2 Auto Scaling\tAuto Scaling | 오토 스케일링 | ASG\t\n";
    ck_assert_int_eq (write (fd, line, strlen (line)), (ssize_t) strlen (line));
    close (fd);
    _saekin_vocabulary_t *v = _saekin_vocabulary_new ();
    ck_assert_ptr_nonnull (v);
    ck_assert_int_eq (_saekin_vocabulary_add_file (v, path, NULL, NULL), 0);
    unlink (path);
    return v;
}

START_TEST (tree_vocabulary)
{
    _saekin_vocabulary_t *v = small_vocabulary ();
    /* the typed words, and the other names below them */
    char *d = tree_of ("키 관리 서비스", v);
    ck_assert_msg (
        strstr (
            d, "(SCALE 0.60 (SYNONYM (PHRASE/0 Zkey Zmanag Zservic) (SYNONYM kms Zkms))"),
        "%s", d);
    ck_assert_msg (strstr (d, "(SYNONYM kms Zkms)"), "%s", d);
    ck_assert_msg (strstr (d, "(SYNONYM 키 Z키"), "%s", d);
    ck_assert_msg (strstr (d, "Kkms"), "%s", d);
    free (d);
    /* with a particle, and inside a longer query (longest match) */
    ck_tree_has ("키 관리 서비스를", v, "kms");
    ck_tree_has ("S3 오토 스케일링 정책", v, "(PHRASE/0 Zauto Zscale)");
    ck_tree_has ("ASG", v, "(PHRASE/0 Zauto Zscale)");
    ck_tree_lacks ("키 관리", v, "kms");
    /* quoted and excluded words are taken as typed */
    ck_tree_lacks ("\"오토 스케일링\"", v, "Zauto");
    _saekin_vocabulary_free (v);
}
END_TEST

/* ---- ranking on a small index ---- */

#include "fixture.h"

static void
index_notes (void)
{
    /* Unrelated notes, so that a word in a few notes is a rare word (in a
     * corpus of two notes every word is common and weighs nothing). */
    static const char *const fillers[] = {
        "# 요리\n\n김치찌개는 돼지고기와 두부를 넣고 끓인다.\n",
        "# Gardening\n\nTomatoes need sun, water and patience.\n",
        "# 여행\n\n기차를 타고 바다를 보러 갔다.\n",
        "# Music\n\nThe piano sonata ends in a quiet coda.\n",
        "# 운동\n\n아침마다 공원을 달리고 스트레칭을 한다.\n",
        "# Reading\n\nA novel about a lighthouse keeper and his dog.\n",
        "# 날씨\n\n장마가 끝나면 더위가 시작된다.\n",
        "# Cooking\n\nBake the bread until the crust is golden.\n",
    };
    for (size_t i = 0; i < sizeof fillers / sizeof *fillers; i++) {
        char name[32];
        snprintf (name, sizeof name, "filler-%zu.md", i);
        write_note (name, fillers[i]);
    }
    update_notes (NULL);
}

/* The 1-based rank of the first hit from note NAME for QUERY, 0 when
 * none of the first ten is. */
static size_t
rank_of (const char *query, const char *name)
{
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    saekin_hits_t *hits = NULL;
    saekin_status_t st = saekin_searcher_query (s, query, 10, &hits);
    ck_assert_msg (st == SAEKIN_STATUS_SUCCESS, "%s: %s", query,
                   saekin_searcher_status_string (s));
    size_t rank = 0;
    size_t n = strlen (name);
    for (size_t i = 0; i < saekin_hits_count (hits) && ! rank; i++) {
        const char *f = saekin_hits_get (hits, i)->file;
        size_t fl = strlen (f);
        if (fl >= n && strcmp (f + fl - n, name) == 0 && f[fl - n - 1] == '/')
            rank = i + 1;
    }
    saekin_hits_free (hits);
    saekin_searcher_close (s);
    return rank;
}

#define ck_rank(query, name, expected)                                                   \
    do {                                                                                 \
        size_t r_ = rank_of (query, name);                                               \
        ck_assert_msg (r_ == (expected), "%s: %s ranks %zu, not %d", query, name, r_,    \
                       (int) (expected));                                                \
    } while (0)

#define ck_found(query, name)                                                            \
    do {                                                                                 \
        size_t r_ = rank_of (query, name);                                               \
        ck_assert_msg (r_ > 0, "%s: %s not found", query, name);                         \
    } while (0)

#define ck_above(query, better, worse)                                                   \
    do {                                                                                 \
        size_t b_ = rank_of (query, better), w_ = rank_of (query, worse);                \
        ck_assert_msg (b_ > 0 && (w_ == 0 || b_ < w_), "%s: %s ranks %zu, %s %zu",       \
                       query, better, b_, worse, w_);                                    \
    } while (0)

START_TEST (rank_all_words_first)
{
    write_note ("one.md", "# 메모\n\n버킷 버킷 버킷. 버킷을 만들고 버킷에 올린다.\n");
    write_note ("both.md", "# 메모\n\n버킷에 붙는 정책은 길고 지루한 문장 속에 있다.\n");
    write_note ("other.md", "# 메모\n\n정책 정책 정책을 정리.\n");
    index_notes ();
    ck_rank ("버킷 정책", "both.md", 1);
    ck_found ("버킷 정책", "one.md");
    ck_found ("버킷 정책", "other.md");
}
END_TEST

START_TEST (rank_adjacent_first)
{
    write_note ("apart.md",
                "# Note\n\nRead the manual, then create a replica of the table.\n");
    write_note ("together.md",
                "# Note\n\nA read replica of the table serves the reports here.\n");
    index_notes ();
    ck_rank ("read replica", "together.md", 1);
    ck_rank ("read replica", "apart.md", 2);
}
END_TEST

START_TEST (rank_title_first)
{
    write_note (
        "body.md",
        "# Network notes\n\nWe route traffic through a transit gateway and more.\n");
    write_note ("title.md", "# Transit Gateway\n\nA hub that joins networks together.\n");
    index_notes ();
    ck_rank ("transit gateway", "title.md", 1);
    ck_rank ("transit gateway", "body.md", 2);
}
END_TEST

START_TEST (rank_struck_last)
{
    write_note ("struck.md", "# Quiz\n\n~~Kinesis Kinesis Kinesis~~ is wrong here.\n");
    write_note ("plain.md",
                "# Quiz answers\n\nThe answer is long, but Kinesis fits it.\n");
    index_notes ();
    ck_rank ("kinesis", "plain.md", 1);
    ck_rank ("kinesis", "struck.md", 2);
}
END_TEST

START_TEST (rank_korean)
{
    write_note ("cert.md", "# 보안\n\n서버는 인증서를 매년 갱신한다.\n");
    write_note ("az.md", "# 네트워크\n\n서브넷은 가용 영역 하나에 속한다.\n");
    write_note ("az2.md", "# 설계\n\n가용영역을 여러 개 쓴다.\n");
    write_note ("noise.md", "# 잡담\n\n영역 표시와 가용성 이야기.\n");
    index_notes ();
    ck_rank ("인증서", "cert.md", 1);
    ck_rank ("인증서가", "cert.md", 1);
    /* spacing either way */
    ck_found ("가용영역", "az.md");
    ck_found ("가용영역", "az2.md");
    ck_above ("가용영역", "az.md", "noise.md");
    ck_found ("가용 영역", "az2.md");
    ck_above ("가용 영역", "az2.md", "noise.md");
}
END_TEST

START_TEST (rank_english)
{
    write_note ("dlq.md", "# SQS\n\nA dead-letter queue keeps failed messages.\n");
    write_note ("cw.md", "# Monitoring\n\nCloudWatch alarms watch metrics.\n");
    write_note ("ports.md", "# Ports\n\nHTTPS listens on port 443 and SSH on 22.\n");
    index_notes ();
    ck_rank ("dead letter", "dlq.md", 1);
    ck_rank ("Dead-Letter queues", "dlq.md", 1);
    ck_rank ("cloudwatch", "cw.md", 1);
    ck_rank ("CLOUDWATCH alarm", "cw.md", 1);
    ck_rank ("443", "ports.md", 1);
}
END_TEST

START_TEST (rank_operators)
{
    write_note ("a.md", "# S3\n\n버킷 정책으로 접근을 막는다.\n");
    write_note ("b.md", "# S3 버킷\n\n버킷 이름은 전역에서 고유하다.\n");
    write_note ("c.md", "# 메시지\n\nSQS는 큐, SNS는 토픽이다.\n");
    write_note ("d.md", "# 알림\n\nSNS 토픽에 구독한다.\n");
    write_note ("e.md", "# 모니터링\n\nCloudWatch 경보를 만든다.\n");
    write_note ("f.md", "# Reads\n\nSecondary copies serve the reports.\n");
    index_notes ();
    ck_found ("버킷 -정책", "b.md");
    ck_rank ("버킷 -정책", "a.md", 0);
    ck_found ("sqs OR 알림", "c.md");
    ck_found ("sqs OR 알림", "d.md");
    ck_found ("cloudw*", "e.md");
    /* words are indexed by their stems: a prefix finds inflected forms */
    ck_found ("seconda*", "f.md");
    ck_found ("경보*", "e.md");
    ck_found ("title:버킷", "b.md");
    ck_rank ("title:버킷", "a.md", 0);
    ck_found ("\"버킷 정책\"", "a.md");
    ck_rank ("\"버킷 정책\"", "b.md", 0);
}
END_TEST

START_TEST (rank_vocabulary)
{
    /* the shipped vocabulary: KMS is 키 관리 서비스, Auto Scaling is 오토
     * 스케일링, a load balancer is a 로드 밸런서 */
    write_note (
        "kms.md",
        "# Encryption\n\nAWS KMS encrypts data keys with a customer managed key.\n");
    write_note ("kms2.md", "# KMS\n\nEnvelope encryption with data keys.\n");
    write_note ("typed.md", "# 암호화\n\n키 관리 서비스로 데이터를 암호화한다.\n");
    write_note ("keys.md", "# 열쇠\n\n현관 키를 관리하는 일.\n");
    write_note ("svc.md", "# 고객\n\n서비스 관리가 중요하다.\n");
    write_note ("asg.md", "# Scaling\n\nAuto Scaling adds instances when CPU is high.\n");
    write_note ("lb.md", "# 네트워크\n\n로드 밸런서가 트래픽을 나눈다.\n");
    write_note ("elb.md",
                "# Notes\n\nA load balancer spreads the traffic over instances.\n");
    index_notes ();
    ck_rank ("키 관리 서비스", "typed.md", 1);
    /* a note titled by another name of the concept comes next, one that
     * only mentions it is found too */
    ck_rank ("키 관리 서비스", "kms2.md", 2);
    ck_found ("키 관리 서비스", "kms.md");
    ck_found ("키 관리 서비스를", "kms.md");
    ck_found ("오토 스케일링", "asg.md");
    ck_found ("load balancer", "lb.md");
    ck_above ("load balancer", "elb.md", "lb.md");
}
END_TEST

START_TEST (rank_question_title)
{
    /* 이유 asks what 왜 does: the section whose title asks it of the
     * thing ranks above one saying the thing more often */
    write_note ("why.md", "# 쿼크정리는 왜 할까요?\n\n중복을 없애려고 한다.\n");
    write_note ("steps.md",
                "# 쿼크정리 과정\n\n쿼크정리는 쿼크정리 단계로 나뉜다. 쿼크정리 끝.\n");
    index_notes ();
    ck_rank ("쿼크정리 하는 이유", "why.md", 1);
    ck_rank ("쿼크정리 이유", "why.md", 1);
    /* without the question, the thing said most */
    ck_rank ("쿼크정리", "steps.md", 1);
}
END_TEST

START_TEST (rank_what_is_title)
{
    /* a title asking what a thing is names it as its heading would */
    write_note ("what.md", "# Zqxindex가 무엇인지 설명해주세요.\n\n레코드를 찾는 구조.\n");
    write_note ("use.md", "# 쓰는 곳\n\nzqxindex 를 쓴다. zqxindex 는 빠르다.\n");
    write_note ("more.md", "# What is a zqxheap?\n\nA tree kept in order.\n");
    write_note ("heaps.md", "# Uses\n\nA zqxheap here, a zqxheap there.\n");
    index_notes ();
    ck_rank ("zqxindex", "what.md", 1);
    ck_rank ("zqxheap", "more.md", 1);
}
END_TEST

START_TEST (rank_comparison_title)
{
    /* a title naming one of two things compared is no answer to how they
     * differ; the passage comparing them is (names learned from pairs) */
    write_note ("a.md", "# 잠금\n\n쿼크락(Zqxlock) 은 잠근다.\n");
    write_note ("b.md", "# 세기\n\n쿼크포어(Zqxphore) 는 센다.\n");
    write_note ("one.md", "# Zqxphore\n\nZqxphore counts. Unlike a zqxlock, a zqxphore "
                          "is shared; zqxphore.\n");
    write_note ("both.md", "# Zqxlock 과 Zqxphore 의 차이점\n\n하나는 소유하고 하나는 센다.\n");
    index_notes ();
    ck_rank ("쿼크락 쿼크포어 차이", "both.md", 1);
    /* asked of one thing, its own title answers */
    ck_rank ("쿼크포어", "one.md", 1);
}
END_TEST

/* The lines of the hits of QUERY from FILE (a suffix), best first, into
 * LINES (at most MAX); returns how many. */
static size_t
hit_lines (const char *query, const char *file, unsigned *lines, size_t max)
{
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    saekin_hits_t *hits = NULL;
    ck_assert_int_eq (saekin_searcher_query (s, query, 10, &hits), SAEKIN_STATUS_SUCCESS);
    size_t n = 0;
    for (size_t i = 0; i < saekin_hits_count (hits) && n < max; i++) {
        const saekin_hit_t *h = saekin_hits_get (hits, i);
        size_t fl = strlen (h->file), sl = strlen (file);
        if (fl >= sl && strcmp (h->file + fl - sl, file) == 0)
            lines[n++] = h->line;
    }
    saekin_hits_free (hits);
    saekin_searcher_close (s);
    return n;
}

START_TEST (rank_asked_title)
{
    /* a title asking what the query asks of the same thing (목적 for
     * 이유) answers it, above the section about the thing */
    write_note ("q.md", "# 쿼크정리\n\n쿼크정리란 데이터를 나누는 일이다.\n\n"
                        "## 쿼크정리의 목적\n\n중복을 없앤다.\n\n"
                        "## 쿼크정리 과정\n\n### 1단계\n\n쿼크정리 첫 단계.\n");
    write_note ("r.md", "# 쿼크정리 요약\n\n쿼크정리는 쿼크정리 단계로 나뉜다. 쿼크정리 이유는 많다.\n");
    index_notes ();
    unsigned lines[4];
    ck_assert_uint_ge (hit_lines ("쿼크정리 하는 이유", "q.md", lines, 4), 1);
    ck_assert_uint_eq (lines[0], 5);
    ck_rank ("쿼크정리 하는 이유", "q.md", 1);
    /* asked nothing, the section about the thing */
    ck_assert_uint_ge (hit_lines ("쿼크정리", "q.md", lines, 4), 1);
    ck_assert_uint_eq (lines[0], 1);
    /* why one does a thing is what it is good for */
    write_note ("good.md", "# 쿼크압축의 장점\n\n작아진다.\n");
    write_note ("steps.md", "# 쿼크압축 과정\n\n쿼크압축은 쿼크압축 단계로 나뉜다.\n");
    index_notes ();
    ck_rank ("쿼크압축 하는 이유", "good.md", 1);
}
END_TEST

START_TEST (rank_contents_below_question_asked)
{
    /* a table of contents naming the question (its line and its section)
     * ranks below any passage about the things, however weak */
    char toc[2048] = "# 목차\n\n";
    for (int i = 0; i < 12; i++) {
        char line[64];
        snprintf (line, sizeof line, "- 주제 %d\n  - 세부 주제 %d\n", i, i);
        strcat (toc, line);
    }
    strcat (toc, "- 쿼크락과 쿼크포어의 차이\n");
    write_note ("toc.md", toc);
    write_note ("body.md", "# 쿼크 정리\n\n쿼크락은 잠그고 쿼크포어는 센다. "
                           "쿼크락과 쿼크포어는 쓰임이 다르다.\n");
    write_note ("memo.md", "# 메모\n\n쿼크락 이야기 조금.\n");
    index_notes ();
    ck_rank ("쿼크락과 쿼크포어 차이", "body.md", 1);
    ck_rank ("쿼크락과 쿼크포어 차이", "memo.md", 2);
}
END_TEST

START_TEST (rank_section_after_subsection)
{
    /* a subsection that says it most ranks first; the section holding it
     * follows (what else it says), but no other part of the subsection */
    write_note ("pa.md",
                "# Zqxglacier overview\n\nA word on it.\n\n"
                "## Zqxglacier details\n\nZqxglacier, zqxglacier and zqxglacier.\n\n"
                "- zqxglacier item\n");
    write_note ("other.md", "# Other\n\nNothing here.\n");
    index_notes ();
    unsigned lines[10];
    size_t n = hit_lines ("zqxglacier", "pa.md", lines, 10);
    ck_assert_uint_ge (n, 2);
    ck_assert_uint_eq (lines[0], 5);
    ck_assert_uint_eq (lines[1], 1);
    for (size_t i = 2; i < n; i++)
        ck_assert_uint_lt (lines[i], 5);
}
END_TEST

/* A note whose first section says zqxlong FILLER lines above its
 * subsection "Zqxlong 세부" (line 5 + 2 * FILLER). */
static void
write_long_section (const char *name, int filler)
{
    char md[4096] = "# Zqxlong 정리\n\n";
    for (int i = 0; i < 20; i++)
        strcat (md, "zqxlong ");
    strcat (md, "\n\n");
    for (int i = 0; i < filler; i++) {
        char line[64];
        snprintf (line, sizeof line, "설명 문장 %d 입니다.\n\n", i);
        strcat (md, line);
    }
    strcat (md, "## Zqxlong 세부\n\n다른 이야기 하나.\n");
    write_note (name, md);
}

START_TEST (rank_part_of_long_section)
{
    /* a section too long to take in is shown with its part that scores
     * nearly as well, which points the reader to the lines; a short
     * section's part waits until the other notes' passages are shown */
    write_long_section ("long.md", 40);
    write_note ("other.md", "# Other\n\nzqxlong once.\n");
    index_notes ();
    unsigned lines[4];
    ck_assert_uint_eq (hit_lines ("zqxlong", "long.md", lines, 4), 2);
    ck_assert_uint_eq (lines[0], 1);
    ck_assert_uint_eq (lines[1], 85);
    ck_rank ("zqxlong", "other.md", 3);
    write_long_section ("long.md", 5);
    index_notes ();
    ck_assert_uint_eq (hit_lines ("zqxlong", "long.md", lines, 4), 2);
    ck_assert_uint_eq (lines[0], 1);
    ck_assert_uint_eq (lines[1], 15);
    ck_rank ("zqxlong", "other.md", 2);
}
END_TEST

START_TEST (rank_one_note_per_page)
{
    /* a long note does not fill the page, and overlapping hits go; its
     * 40 sections outrank the small notes and outnumber the candidates
     * first asked for, yet the page fills up with the small notes */
    char big[8192] = "";
    for (int i = 0; i < 40; i++) {
        char sec[256];
        snprintf (sec, sizeof sec,
                  "## Glacier part %d\n\nGlacier keeps archives, part %d.\n\n", i, i);
        strcat (big, sec);
    }
    write_note ("big.md", big);
    write_note ("small.md", "# Archive\n\nGlacier is cheap storage.\n");
    for (int i = 0; i < 8; i++) {
        char name[32], text[128];
        snprintf (name, sizeof name, "small-%d.md", i);
        snprintf (text, sizeof text,
                  "# Cold data %d\n\nOld backups move to Glacier after a year.\n", i);
        write_note (name, text);
    }
    index_notes ();
    ck_found ("glacier", "small.md");
    saekin_searcher_t *s;
    char *msg = NULL;
    const char *dbs[] = { db };
    ck_assert_int_eq (saekin_searcher_open (dbs, 1, &s, &msg), SAEKIN_STATUS_SUCCESS);
    saekin_hits_t *hits = NULL;
    ck_assert_int_eq (saekin_searcher_query (s, "glacier", 10, &hits),
                      SAEKIN_STATUS_SUCCESS);
    size_t from_big = 0;
    for (size_t i = 0; i < saekin_hits_count (hits); i++) {
        const saekin_hit_t *h = saekin_hits_get (hits, i);
        if (strstr (h->file, "big.md"))
            from_big++;
        for (size_t j = 0; j < i; j++) {
            const saekin_hit_t *g = saekin_hits_get (hits, j);
            /* a later hit is never inside an earlier one (these are short) */
            ck_assert_msg (strcmp (g->file, h->file) != 0 || h->line > g->end_line
                               || h->end_line < g->line
                               || (h->line < g->line && h->end_line >= g->end_line),
                           "hit %zu is inside hit %zu", i, j);
        }
    }
    ck_assert_uint_eq (from_big, 4); /* MAX_PER_NOTE */
    ck_assert_uint_eq (saekin_hits_count (hits), 10);
    saekin_hits_free (hits);
    saekin_searcher_close (s);
}
END_TEST

static Suite *
query_suite (void)
{
    Suite *s = suite_create ("query");
    TCase *t = tcase_create ("tree");
    tcase_add_test (t, tree_one_word);
    tcase_add_test (t, tree_chunk_words);
    tcase_add_test (t, tree_boosts);
    tcase_add_test (t, tree_operators);
    tcase_add_test (t, tree_errors);
    tcase_add_test (t, tree_vocabulary);
    suite_add_tcase (s, t);
    TCase *r = tcase_create ("ranking");
    tcase_add_checked_fixture (r, setup, teardown);
    tcase_set_timeout (r, 60);
    tcase_add_test (r, rank_all_words_first);
    tcase_add_test (r, rank_adjacent_first);
    tcase_add_test (r, rank_title_first);
    tcase_add_test (r, rank_struck_last);
    tcase_add_test (r, rank_korean);
    tcase_add_test (r, rank_english);
    tcase_add_test (r, rank_operators);
    tcase_add_test (r, rank_vocabulary);
    tcase_add_test (r, rank_one_note_per_page);
    tcase_add_test (r, rank_section_after_subsection);
    tcase_add_test (r, rank_part_of_long_section);
    tcase_add_test (r, rank_question_title);
    tcase_add_test (r, rank_what_is_title);
    tcase_add_test (r, rank_comparison_title);
    tcase_add_test (r, rank_asked_title);
    tcase_add_test (r, rank_contents_below_question_asked);
    suite_add_tcase (s, r);
    return s;
}

int
main (void)
{
    SRunner *sr = srunner_create (query_suite ());
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
