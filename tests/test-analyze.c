/* test-analyze.c - unit tests of the text analysis (lib/analyze.c) and the
 * Korean particle stripping (lib/korean.c). */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "korean.h"

/* ---- collecting tokens ---- */

typedef struct {
    char *term;
    _saekin_tok_kind_t kind;
    unsigned pos;
    size_t start, end;
} tok_t;

typedef struct {
    tok_t *v;
    size_t n, cap;
    size_t stop_after; /* stop (return 7) after this many; 0: never */
} toks_t;

static int
collect (void *ctx, const _saekin_token_t *t)
{
    toks_t *ts = ctx;

    ck_assert_ptr_nonnull (t->term);
    ck_assert_uint_le (strlen (t->term), _SAEKIN_MAX_TERM);
    ck_assert_uint_gt (strlen (t->term), 0);
    ck_assert_uint_le (t->start, t->end);
    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? ts->cap * 2 : 64;
        ts->v = realloc (ts->v, ts->cap * sizeof *ts->v);
        ck_assert_ptr_nonnull (ts->v);
    }
    ts->v[ts->n++] = (tok_t){ strdup (t->term), t->kind, t->pos, t->start, t->end };
    if (ts->stop_after && ts->n == ts->stop_after)
        return 7;
    return 0;
}

static void
toks_free (toks_t *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        free (ts->v[i].term);
    free (ts->v);
    memset (ts, 0, sizeof *ts);
}

/* Analyse the NUL-terminated TEXT into TS; checks every position and
 * range on the way. */
static void
analyze (const char *text, toks_t *ts)
{
    size_t len = strlen (text);
    unsigned last = 0;

    memset (ts, 0, sizeof *ts);
    ck_assert_int_eq (_saekin_analyze (text, len, collect, ts), 0);
    for (size_t i = 0; i < ts->n; i++) {
        ck_assert_uint_le (ts->v[i].end, len);
        /* Positions start at 1 and never go back. */
        ck_assert_uint_ge (ts->v[i].pos, 1);
        ck_assert_uint_ge (ts->v[i].pos, last);
        ck_assert_uint_le (ts->v[i].pos, last + 1);
        last = ts->v[i].pos;
    }
}

/* The token of KIND with TERM, or NULL. */
static const tok_t *
find (const toks_t *ts, _saekin_tok_kind_t kind, const char *term)
{
    for (size_t i = 0; i < ts->n; i++)
        if (ts->v[i].kind == kind && strcmp (ts->v[i].term, term) == 0)
            return &ts->v[i];
    return NULL;
}

static size_t
count_kind (const toks_t *ts, _saekin_tok_kind_t kind)
{
    size_t k = 0;
    for (size_t i = 0; i < ts->n; i++)
        k += ts->v[i].kind == kind;
    return k;
}

static unsigned
last_pos (const toks_t *ts)
{
    return ts->n ? ts->v[ts->n - 1].pos : 0;
}

/* The bytes of TEXT that token T covers. */
static char *
span (const char *text, const tok_t *t)
{
    return strndup (text + t->start, t->end - t->start);
}

#define ck_assert_has(ts, kind, term)                                                    \
    ck_assert_msg (find ((ts), (kind), (term)) != NULL, "no %s token \"%s\"", #kind,     \
                   (term))
#define ck_assert_lacks(ts, kind, term)                                                  \
    ck_assert_msg (find ((ts), (kind), (term)) == NULL, "unexpected %s token \"%s\"",    \
                   #kind, (term))

/* ---- Korean stems ---- */

static const char *
stem_of (const char *word)
{
    static char buf[256];
    size_t n = _saekin_korean_stem_len (word, strlen (word));
    snprintf (buf, sizeof buf, "%.*s", (int) n, word);
    return buf;
}

START_TEST (test_korean_particles)
{
    static const char *const cases[][2] = {
        { "인증서를", "인증서" },
        { "인증서는", "인증서" },
        { "인증서에", "인증서" },
        { "인증서에서는", "인증서" },
        { "정책이", "정책" },
        { "버킷으로", "버킷" },
        { "서버로", "서버" },
        { "파일로", "파일" },
        { "경로는", "경로" },
        { "결과는", "결과" },
        { "결과를", "결과" },
        { "인스턴스들을", "인스턴스" },
        { "사용자들", "사용자" },
        { "효율적으로", "효율" },
        { "기본적인", "기본" },
        { "복제하는", "복제" },
        { "사용됩니다", "사용" },
        { "암호화하여", "암호화" },
        { "서비스입니다", "서비스" },
        { "가용영역에", "가용영역" },
        { "워크플로의", "워크플로" },
        { "미만의", "미만" },
        { "가용성과", "가용성" },
        { "설정의", "설정" },
        { "비용이", "비용" },
        { "필요가", "필요" },
        { "키를", "키" },
        { "값을", "값" },
        { "사용해야하는", "사용" },
        { "애플리케이션과도", "애플리케이션" },
        { "람다는", "람다" },
        { "메시지도", "메시지" },
        /* copula, with or without 이 after a vowel */
        { "스토리지이며", "스토리지" },
        { "상태이므로", "상태" },
        { "게이트웨이며", "게이트웨이" },
        { "게이트웨이다", "게이트웨이" },
        { "차이다", "차이" },
        { "옵션인", "옵션" },
        { "스냅샷인지", "스냅샷" },
        { "서비스임", "서비스" },
        /* by, per */
        { "리전별로", "리전" },
        { "시간당", "시간" },
        { "메시지만", "메시지" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg (strcmp (stem_of (cases[i][0]), cases[i][1]) == 0,
                       "%s: stem %s, want %s", cases[i][0], stem_of (cases[i][0]),
                       cases[i][1]);
}
END_TEST

/* Nouns whose last syllable looks like a particle keep it. */
START_TEST (test_korean_nouns_kept)
{
    static const char *const words[] = {
        "추가",     "데이터",     "스토리지", "카프카",     "고가용성", "인스턴스",
        "서비스",   "게이트웨이", "결과",     "역할",       "권한",     "접근권한",
        "재해",     "자연재해",   "속도",     "시간복잡도", "람다",     "정의",
        "길이",     "차이",       "도메인",   "분야",       "하나",     "경로",
        "마이크로", "국가",       "용이",     "디자인",     "플레인",   "파이프라인",
        "식별",     "할당",       "런타임",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        ck_assert_msg (strcmp (stem_of (words[i]), words[i]) == 0, "%s lost its end: %s",
                       words[i], stem_of (words[i]));
}
END_TEST

/* Verbs and whole particles have no stem to strip to. */
START_TEST (test_korean_no_stem)
{
    static const char *const words[] = {
        "에서는", "하는",   "을",   "있습니다", "원하는", "있으며",
        "또는",   "그리고", "위한", "대한",     "통해",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        ck_assert_msg (strcmp (stem_of (words[i]), words[i]) == 0, "%s stripped to %s",
                       words[i], stem_of (words[i]));
    ck_assert (_saekin_korean_is_particle ("을", strlen ("을")));
    ck_assert (_saekin_korean_is_particle ("에서는", strlen ("에서는")));
    ck_assert (_saekin_korean_is_particle ("으로", strlen ("으로")));
    ck_assert (! _saekin_korean_is_particle ("버킷", strlen ("버킷")));
    ck_assert (! _saekin_korean_is_particle ("개의", strlen ("개의")));
    ck_assert (! _saekin_korean_is_particle ("", 0));
    ck_assert_uint_eq (_saekin_korean_stem_len ("", 0), 0);
}
END_TEST

/* ---- analysis ---- */

START_TEST (test_particle_stem_range)
{
    const char *text = "인증서를 갱신";
    toks_t ts;
    analyze (text, &ts);
    const tok_t *w = find (&ts, _SAEKIN_TOK_WORD, "인증서를");
    const tok_t *s = find (&ts, _SAEKIN_TOK_STEM, "인증서");
    ck_assert_ptr_nonnull (w);
    ck_assert_ptr_nonnull (s);
    ck_assert_uint_eq (w->pos, s->pos);
    char *covered = span (text, s);
    ck_assert_str_eq (covered, "인증서");
    free (covered);
    covered = span (text, w);
    ck_assert_str_eq (covered, "인증서를");
    free (covered);
    /* A word without a particle is its own stem: a query for 인증서 meets
     * the stem of 인증서를. */
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "갱신");
    ck_assert_has (&ts, _SAEKIN_TOK_NGRAM, "인증");
    ck_assert_has (&ts, _SAEKIN_TOK_NGRAM, "증서");
    ck_assert_lacks (&ts, _SAEKIN_TOK_NGRAM, "서를");
    ck_assert_uint_eq (last_pos (&ts), 2);
    toks_free (&ts);
}
END_TEST

START_TEST (test_particle_after_latin)
{
    const char *text = "**S3**에 CloudTrail을 (EC2)의 S3 에";
    toks_t ts;
    analyze (text, &ts);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "s3");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "cloudtrail");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "cloud");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "trail");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "ec2");
    /* Attached particles are dropped and take no position... */
    ck_assert_lacks (&ts, _SAEKIN_TOK_WORD, "을");
    ck_assert_lacks (&ts, _SAEKIN_TOK_WORD, "의");
    const tok_t *cloud = find (&ts, _SAEKIN_TOK_PART, "cloud");
    ck_assert_uint_eq (find (&ts, _SAEKIN_TOK_WORD, "cloudtrail")->pos, 2);
    ck_assert_uint_eq (cloud->pos, 2);
    char *covered = span (text, cloud);
    ck_assert_str_eq (covered, "Cloud");
    free (covered);
    ck_assert_uint_eq (find (&ts, _SAEKIN_TOK_WORD, "ec2")->pos, 3);
    /* ...but one standing on its own after a space is kept, as a word
     * only. */
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "에");
    ck_assert_lacks (&ts, _SAEKIN_TOK_STEM, "에");
    ck_assert_uint_eq (last_pos (&ts), 5);
    toks_free (&ts);

    /* The same after a Hangul word set off by markup. */
    analyze ("**증분 백업**으로 저장", &ts);
    ck_assert_lacks (&ts, _SAEKIN_TOK_WORD, "으로");
    ck_assert_uint_eq (last_pos (&ts), 3);
    toks_free (&ts);

    /* Not a particle: a word of its own. */
    analyze ("S3버킷", &ts);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "s3");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "버킷");
    ck_assert_uint_eq (last_pos (&ts), 2);
    toks_free (&ts);
}
END_TEST

START_TEST (test_spacing_bigrams)
{
    toks_t joined, spaced;
    analyze ("가용영역", &joined);
    analyze ("가용 영역에", &spaced);
    ck_assert_uint_eq (count_kind (&joined, _SAEKIN_TOK_NGRAM), 3);
    ck_assert_has (&joined, _SAEKIN_TOK_NGRAM, "용영");
    /* Every bigram of the spaced form is one of the joined form. */
    ck_assert_uint_eq (count_kind (&spaced, _SAEKIN_TOK_NGRAM), 2);
    for (size_t i = 0; i < spaced.n; i++)
        if (spaced.v[i].kind == _SAEKIN_TOK_NGRAM)
            ck_assert_has (&joined, _SAEKIN_TOK_NGRAM, spaced.v[i].term);
    ck_assert_has (&spaced, _SAEKIN_TOK_STEM, "영역");
    toks_free (&joined);
    toks_free (&spaced);

    /* A one-syllable word has no bigram. */
    analyze ("큐를", &joined);
    ck_assert_uint_eq (count_kind (&joined, _SAEKIN_TOK_NGRAM), 0);
    ck_assert_has (&joined, _SAEKIN_TOK_STEM, "큐");
    toks_free (&joined);
}
END_TEST

START_TEST (test_nfd_hangul)
{
    /* 인증서를 in conjoining jamo (NFD). */
    const char *nfd = "\xe1\x84\x8b\xe1\x85\xb5\xe1\x86\xab"
                      "\xe1\x84\x8c\xe1\x85\xb3\xe1\x86\xbc"
                      "\xe1\x84\x89\xe1\x85\xa5"
                      "\xe1\x84\x85\xe1\x85\xb3\xe1\x86\xaf";
    size_t n, replaced = 99;
    char *nfc = _saekin_normalize (nfd, strlen (nfd), &n, &replaced);
    ck_assert_ptr_nonnull (nfc);
    ck_assert_str_eq (nfc, "인증서를");
    ck_assert_uint_eq (n, strlen ("인증서를"));
    ck_assert_uint_eq (replaced, 0);

    toks_t a, b;
    analyze (nfc, &a);
    analyze ("인증서를", &b);
    ck_assert_uint_eq (a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        ck_assert_str_eq (a.v[i].term, b.v[i].term);
        ck_assert_int_eq (a.v[i].kind, b.v[i].kind);
        ck_assert_uint_eq (a.v[i].start, b.v[i].start);
        ck_assert_uint_eq (a.v[i].end, b.v[i].end);
    }
    toks_free (&a);
    toks_free (&b);
    free (nfc);

    /* Latin with a combining accent composes too. */
    nfc = _saekin_normalize ("cafe\xcc\x81", 6, &n, NULL);
    ck_assert_str_eq (nfc, "caf\xc3\xa9");
    ck_assert_uint_eq (n, 5);
    free (nfc);
}
END_TEST

START_TEST (test_case_folding)
{
    toks_t ts;
    analyze ("CloudTrail CLOUDTRAIL cloudtrail ＡＷＳ Straße", &ts);
    for (unsigned pos = 1; pos <= 3; pos++) {
        const tok_t *w = NULL;
        for (size_t i = 0; i < ts.n; i++)
            if (ts.v[i].pos == pos && ts.v[i].kind == _SAEKIN_TOK_WORD)
                w = &ts.v[i];
        ck_assert_ptr_nonnull (w);
        ck_assert_str_eq (w->term, "cloudtrail");
    }
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "aws");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "strasse");
    ck_assert_lacks (&ts, _SAEKIN_TOK_WORD, "CloudTrail");
    toks_free (&ts);
}
END_TEST

START_TEST (test_english_stems)
{
    toks_t ts;
    analyze ("instances Replicas running cloud AWS VPCs", &ts);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "instances");
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "instanc");
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "replica");
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "run");
    /* A stem equal to the word is still given: "cloud" must meet the
     * stem of "clouds". */
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "cloud");
    /* Acronyms keep their letters; a plural s goes. */
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "aws");
    ck_assert_lacks (&ts, _SAEKIN_TOK_STEM, "aw");
    ck_assert_has (&ts, _SAEKIN_TOK_STEM, "vpc");
    toks_free (&ts);
}
END_TEST

START_TEST (test_compounds)
{
    toks_t ts;
    analyze ("DynamoDB ELB DBInstance IPv4 iOS VPCs Route53 EC2 "
             "AWS::Serverless::Function node.js snake_case",
             &ts);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "dynamodb");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "dynamo");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "db");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "elb");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "instance");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "ipv4");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "ios");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "vpcs");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "route");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "53");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "aws");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "serverless");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "function");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "node.js");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "node");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "js");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "snake");
    ck_assert_has (&ts, _SAEKIN_TOK_PART, "case");
    /* Not compounds. */
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "el");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "ipv");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "pv4");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "os");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "vp");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "cs");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "ec");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "dynamodb");
    toks_free (&ts);
}
END_TEST

START_TEST (test_hyphens)
{
    const char *text = "dead-letter queue";
    toks_t ts;
    analyze (text, &ts);
    const tok_t *dead = find (&ts, _SAEKIN_TOK_WORD, "dead");
    const tok_t *letter = find (&ts, _SAEKIN_TOK_WORD, "letter");
    const tok_t *joined = find (&ts, _SAEKIN_TOK_PART, "deadletter");
    ck_assert_ptr_nonnull (dead);
    ck_assert_ptr_nonnull (letter);
    ck_assert_ptr_nonnull (joined);
    ck_assert_uint_eq (dead->pos + 1, letter->pos);
    ck_assert_uint_eq (joined->pos, letter->pos);
    char *covered = span (text, joined);
    ck_assert_str_eq (covered, "dead-letter");
    free (covered);
    ck_assert_uint_eq (find (&ts, _SAEKIN_TOK_WORD, "queue")->pos, 3);
    toks_free (&ts);

    /* Written apart, the words are not joined; dates are not words. */
    analyze ("dead letter 2024-01-15", &ts);
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "deadletter");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "202401");
    toks_free (&ts);
}
END_TEST

START_TEST (test_numbers)
{
    toks_t ts;
    analyze ("TLS 1.2 on port 443, up to 3,000 requests", &ts);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "tls");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "1.2");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "443");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "3000");
    ck_assert_lacks (&ts, _SAEKIN_TOK_WORD, "1");
    ck_assert_lacks (&ts, _SAEKIN_TOK_PART, "2");
    ck_assert_lacks (&ts, _SAEKIN_TOK_STEM, "1.2");
    ck_assert_uint_eq (find (&ts, _SAEKIN_TOK_WORD, "1.2")->pos, 2);
    toks_free (&ts);
}
END_TEST

START_TEST (test_offsets_after_astral)
{
    /* An emoji is two UTF-16 units and four bytes: ranges must still be
     * byte offsets in the input. */
    const char *text = "😀 CloudTrail 東京は";
    toks_t ts;
    analyze (text, &ts);
    const tok_t *w = find (&ts, _SAEKIN_TOK_WORD, "cloudtrail");
    ck_assert_ptr_nonnull (w);
    ck_assert_uint_eq (w->start, 5);
    ck_assert_uint_eq (w->end, 15);
    ck_assert_uint_eq (w->pos, 1);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "東京");
    toks_free (&ts);
}
END_TEST

START_TEST (test_invalid_utf8)
{
    /* \xff: one; \xe0\x80: two (E0 needs A0..BF next); \xe2\x82 cut
     * short at the end: one. */
    const char bad[] = "a\xff"
                       "b\xe0\x80"
                       "c\xe2\x82";
    size_t n, replaced;
    char *s = _saekin_normalize (bad, sizeof bad - 1, &n, &replaced);
    ck_assert_ptr_nonnull (s);
    ck_assert_uint_eq (replaced, 4);
    ck_assert_str_eq (s, "a\xef\xbf\xbd"
                         "b\xef\xbf\xbd\xef\xbf\xbd"
                         "c\xef\xbf\xbd");
    ck_assert_uint_eq (n, strlen (s));
    free (s);

    /* Surrogates and overlong forms are not UTF-8 either. */
    s = _saekin_normalize ("\xed\xa0\x80\xc0\xaf", 5, &n, &replaced);
    ck_assert_uint_eq (replaced, 5);
    free (s);

    /* Valid text is left alone. */
    s = _saekin_normalize ("정상 text", strlen ("정상 text"), &n, &replaced);
    ck_assert_str_eq (s, "정상 text");
    ck_assert_uint_eq (replaced, 0);
    free (s);

    /* The analyser survives invalid input even though it wants valid. */
    toks_t ts;
    analyze ("ab\xff"
             "cd",
             &ts);
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "ab");
    ck_assert_has (&ts, _SAEKIN_TOK_WORD, "cd");
    toks_free (&ts);
}
END_TEST

START_TEST (test_huge_word)
{
    size_t big = 1 << 20;
    char *s = malloc (big + 1);
    toks_t ts;

    /* One Latin word of 1 MB. */
    memset (s, 'a', big);
    s[big] = '\0';
    analyze (s, &ts);
    ck_assert_uint_ge (ts.n, 1);
    ck_assert_int_eq (ts.v[0].kind, _SAEKIN_TOK_WORD);
    ck_assert_uint_eq (strlen (ts.v[0].term), _SAEKIN_MAX_TERM);
    ck_assert_uint_eq (ts.v[0].end, big);
    toks_free (&ts);

    /* camelCase humps all the way: parts stay bounded. */
    for (size_t i = 0; i < big; i++)
        s[i] = i % 2 ? 'B' : 'a';
    analyze (s, &ts);
    ck_assert_uint_le (ts.n, 64);
    toks_free (&ts);

    /* A long word of astral letters (mathematical bold a, four bytes,
     * two UTF-16 units each) is cut between characters, not inside one. */
    size_t nbold = 1000;
    s[0] = 'x'; /* so that the cut falls inside a pair */
    for (size_t i = 0; i < nbold; i++)
        memcpy (s + 1 + 4 * i, "\xf0\x9d\x90\x9a", 4);
    s[1 + 4 * nbold] = '\0';
    analyze (s, &ts);
    ck_assert_uint_ge (ts.n, 1);
    ck_assert_int_eq (ts.v[0].kind, _SAEKIN_TOK_WORD);
    /* NFKC folds 𝐚 to a; x and 127 of them fit the 256 units folded. */
    ck_assert_int_eq (strncmp (ts.v[0].term, "xaaaa", 5), 0);
    ck_assert_uint_eq (strlen (ts.v[0].term), 128);
    ck_assert_uint_eq (ts.v[0].end, 1 + 4 * nbold);
    toks_free (&ts);

    /* One Hangul word of about 1 MB: terms cut at a syllable. */
    size_t syl = big / 3;
    for (size_t i = 0; i < syl; i++)
        memcpy (s + 3 * i, "가", 3);
    s[3 * syl] = '\0';
    analyze (s, &ts);
    for (size_t i = 0; i < ts.n; i++)
        ck_assert_uint_eq (strlen (ts.v[i].term) % 3, 0);
    ck_assert_uint_le (ts.n, 200);
    toks_free (&ts);
    free (s);
}
END_TEST

START_TEST (test_empty)
{
    toks_t ts = { 0 };
    ck_assert_int_eq (_saekin_analyze ("", 0, collect, &ts), 0);
    ck_assert_int_eq (_saekin_analyze (NULL, 0, collect, &ts), 0);
    analyze ("  ... --- !!! ", &ts);
    ck_assert_uint_eq (ts.n, 0);
    toks_free (&ts);

    size_t n = 99, replaced = 99;
    char *s = _saekin_normalize ("", 0, &n, &replaced);
    ck_assert_ptr_nonnull (s);
    ck_assert_str_eq (s, "");
    ck_assert_uint_eq (n, 0);
    ck_assert_uint_eq (replaced, 0);
    free (s);
}
END_TEST

START_TEST (test_stop_early)
{
    toks_t ts = { .stop_after = 3 };
    ck_assert_int_eq (_saekin_analyze ("one two three four", 18, collect, &ts), 7);
    ck_assert_uint_eq (ts.n, 3);
    toks_free (&ts);
}
END_TEST

/* The callback analyses text itself (the query builder may). */
static int
nested (void *ctx, const _saekin_token_t *t)
{
    toks_t inner;
    (void) t;
    analyze ("inner 인증서를", &inner);
    ck_assert_has (&inner, _SAEKIN_TOK_STEM, "인증서");
    toks_free (&inner);
    (*(int *) ctx)++;
    return 0;
}

START_TEST (test_reentrant)
{
    int calls = 0;
    ck_assert_int_eq (_saekin_analyze ("outer words here", 16, nested, &calls), 0);
    ck_assert_int_eq (calls, 6); /* 3 words, each WORD and STEM */
}
END_TEST

static void *
thread_body (void *arg)
{
    (void) arg;
    for (int i = 0; i < 200; i++) {
        toks_t ts;
        analyze ("CloudTrail을 사용하여 인증서를 instances", &ts);
        ck_assert_has (&ts, _SAEKIN_TOK_STEM, "인증서");
        ck_assert_has (&ts, _SAEKIN_TOK_STEM, "사용");
        ck_assert_has (&ts, _SAEKIN_TOK_STEM, "instanc");
        toks_free (&ts);
    }
    return NULL;
}

START_TEST (test_threads)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq (pthread_create (&t[i], NULL, thread_body, NULL), 0);
    for (int i = 0; i < 4; i++)
        pthread_join (t[i], NULL);
}
END_TEST

static Suite *
analyze_suite (void)
{
    Suite *s = suite_create ("analyze");
    TCase *k = tcase_create ("korean");
    tcase_add_test (k, test_korean_particles);
    tcase_add_test (k, test_korean_nouns_kept);
    tcase_add_test (k, test_korean_no_stem);
    suite_add_tcase (s, k);

    TCase *a = tcase_create ("analyze");
    tcase_set_timeout (a, 60);
    tcase_add_test (a, test_particle_stem_range);
    tcase_add_test (a, test_particle_after_latin);
    tcase_add_test (a, test_spacing_bigrams);
    tcase_add_test (a, test_nfd_hangul);
    tcase_add_test (a, test_case_folding);
    tcase_add_test (a, test_english_stems);
    tcase_add_test (a, test_compounds);
    tcase_add_test (a, test_hyphens);
    tcase_add_test (a, test_numbers);
    tcase_add_test (a, test_offsets_after_astral);
    tcase_add_test (a, test_invalid_utf8);
    tcase_add_test (a, test_huge_word);
    tcase_add_test (a, test_empty);
    tcase_add_test (a, test_stop_early);
    tcase_add_test (a, test_reentrant);
    tcase_add_test (a, test_threads);
    suite_add_tcase (s, a);
    return s;
}

int
main (void)
{
    SRunner *sr = srunner_create (analyze_suite ());
    srunner_run_all (sr, CK_NORMAL);
    int failed = srunner_ntests_failed (sr);
    srunner_free (sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
