/* korean.c - strip Korean particles (조사) and endings from nouns.
 *
 * Korean writes a noun and its particles as one word: 인증서를, 인증서는,
 * 인증서에서.  Search wants all of them to find the noun 인증서, so the
 * analyser indexes the stem too.  There is no dictionary here: a table of
 * particles, copula forms and the endings of 하다/되다/시키다 verbs built
 * on Sino-Korean nouns (복제하는 -> 복제), each with
 *
 *   - what the syllable before it must look like: 을/은/이/과 follow a
 *     syllable with a final consonant (받침), 를/는/가/와 one without, 로
 *     one without or with ㄹ; this keeps 데이터 from losing 터 and 추가
 *     from losing 가 far more often than a bare list would;
 *   - how many syllables the stem must keep: particles that are also
 *     common noun endings (도: 속도, 정도; 과: 결과; 한: 권한) need a
 *     longer stem;
 *
 * and a short list of nouns whose last syllable looks like a particle
 * (결과, 역할, 권한, 재해, 게이트웨이...) which no strip may cut into, so
 * that 접근권한 keeps its 한.  The longest ending that passes wins; a few
 * verb endings (있습니다, 있으며) stop the search instead.  Endings
 * stacked without spaces come off one after another (사용해야하는 ->
 * 사용), which also gives a noun the same stem bare and with particles.
 * Last a plural 들, an adjectival 적, "by" 별 or "per" 당 may go too
 * (사용자들을 -> 사용자, 효율적으로 -> 효율, 리전별로 -> 리전).
 *
 * The rules were tuned on every Hangul word of the notes corpus (about
 * 25,000 distinct words): 42% of Hangul word occurrences lose a particle
 * or an ending, and no frequent noun loses a syllable of its own. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "korean.h"
#include "unicode.h"

/* What the syllable before an ending must look like. */
enum {
    AFTER_ANY,        /* 의, 에, 에서, 하는, ... */
    AFTER_BATCHIM,    /* 을, 은, 이, 과, 으로, ... */
    AFTER_VOWEL,      /* 를, 는, 가, 와, ... */
    AFTER_VOWEL_OR_L, /* 로, 로서, 로는, ... */
    NEVER,            /* a verb ending: the word has no noun to strip to */
};

typedef struct {
    const char *text;
    unsigned char after;
    unsigned char min_stem; /* syllables the stem must keep */
} ending_t;

#define A AFTER_ANY
#define B AFTER_BATCHIM
#define V AFTER_VOWEL
#define L AFTER_VOWEL_OR_L
#define N NEVER

/* Particles, their combinations and copula forms. */
static const ending_t particles[] = {
    /* object, topic, subject */
    { "을", B, 1 },
    { "를", V, 1 },
    { "은", B, 1 },
    { "는", V, 1 },
    { "이", B, 1 },
    { "가", V, 1 },
    /* possessive, place, direction, means */
    { "의", A, 1 },
    { "에", A, 1 },
    { "에서", A, 1 },
    { "에게", A, 1 },
    { "에게서", A, 1 },
    { "한테", A, 1 },
    { "께", A, 2 },
    { "께서", A, 1 },
    { "으로", B, 1 },
    { "로", L, 1 },
    { "으로서", B, 1 },
    { "로서", L, 1 },
    { "으로써", B, 1 },
    { "로써", L, 1 },
    { "으로부터", B, 1 },
    { "로부터", L, 1 },
    { "에서부터", A, 1 },
    /* and, with, or */
    { "와", V, 1 },
    { "과", B, 1 },
    { "랑", V, 2 },
    { "이랑", B, 1 },
    { "이나", B, 1 },
    { "나", V, 2 },
    { "이든", B, 1 },
    { "든", V, 2 },
    { "이든지", B, 1 },
    { "든지", V, 2 },
    /* also, only, until, from, than, like, each... */
    { "도", A, 3 },
    { "만", A, 2 },
    { "까지", A, 1 },
    { "부터", A, 1 },
    { "보다", A, 1 },
    { "처럼", A, 1 },
    { "같이", A, 2 },
    { "마다", A, 1 },
    { "조차", A, 1 },
    { "마저", A, 1 },
    { "밖에", A, 1 },
    { "만큼", A, 1 },
    { "대로", A, 2 },
    { "뿐", A, 2 },
    { "이라도", B, 1 },
    { "라도", V, 2 },
    { "이나마", B, 1 },
    /* combinations */
    { "에서는", A, 1 },
    { "에서도", A, 1 },
    { "에서의", A, 1 },
    { "에서만", A, 1 },
    { "에게는", A, 1 },
    { "에게도", A, 1 },
    { "에게만", A, 1 },
    { "에는", A, 1 },
    { "에도", A, 1 },
    { "에만", A, 1 },
    { "에의", A, 1 },
    { "으로는", B, 1 },
    { "로는", L, 1 },
    { "으로도", B, 1 },
    { "로도", L, 1 },
    { "으로만", B, 1 },
    { "로만", L, 1 },
    { "으로의", B, 1 },
    { "로의", L, 1 },
    { "와는", V, 1 },
    { "과는", B, 1 },
    { "와도", V, 1 },
    { "와의", V, 1 },
    { "과의", B, 1 },
    { "까지는", A, 1 },
    { "까지도", A, 1 },
    { "까지의", A, 1 },
    { "까지만", A, 1 },
    { "부터는", A, 1 },
    { "부터의", A, 1 },
    { "보다는", A, 1 },
    { "보다도", A, 1 },
    { "만을", A, 2 },
    { "만이", A, 2 },
    { "만의", A, 2 },
    { "만으로", A, 2 },
    { "마다의", A, 1 },
    /* copula: 이다 and its forms ("서비스이다", "서비스다").  After a
     * vowel 이 may stay or go (스토리지이며, 스토리지며), so the forms with
     * 이 take any syllable before them; nouns ending in 이 (게이트웨이)
     * are protected below. */
    { "이다", A, 1 },
    { "다", V, 2 },
    { "입니다", A, 1 },
    { "이었다", A, 1 },
    { "였다", V, 2 },
    { "이었습니다", A, 1 },
    { "였습니다", V, 2 },
    { "이에요", A, 1 },
    { "예요", V, 2 },
    { "이야", B, 1 },
    { "야", V, 2 },
    { "이란", A, 1 },
    { "란", V, 2 },
    { "이라는", A, 1 },
    { "라는", V, 2 },
    { "이라고", A, 1 },
    { "라고", V, 2 },
    { "이라고도", A, 1 },
    { "라고도", V, 2 },
    { "이라면", A, 1 },
    { "라면", V, 2 },
    { "이라서", A, 1 },
    { "라서", V, 2 },
    { "이므로", A, 1 },
    { "이지만", A, 1 },
    { "이면", A, 1 },
    { "면", V, 2 },
    { "이어야", A, 1 },
    { "여야", V, 2 },
    { "이어도", A, 1 },
    { "여도", V, 2 },
    { "이기", A, 1 },
    { "이기도", A, 1 },
    { "이거나", A, 1 },
    { "거나", V, 2 },
    { "이자", A, 1 },
    { "이면서", A, 1 },
    { "이며", A, 1 },
    { "며", V, 2 },
    { "이고", A, 1 },
    { "고", V, 2 },
    /* 인, 인지, 임: "옵션인 경우", "스냅샷인지", "리전임" */
    { "인", A, 2 },
    { "인지", A, 2 },
    { "인지를", A, 2 },
    { "임", A, 2 },
    { "임을", A, 2 },
    /* 적 + copula: 효율적인 -> 효율적 (then 효율, see derivations) */
    { "적인", A, 2 },
    /* 관계없이 -> 관계 */
    { "없이", A, 2 },
    /* Endings of verbs and adjectives that would otherwise look like the
     * copula 다 or the particles 며, 나...: 있습니다, 있으며, 없으므로. */
    { "니다", N, 1 },
    { "으며", N, 1 },
    { "으면", N, 1 },
    { "으나", N, 1 },
    { "으니", N, 1 },
    { "으므로", N, 1 },
    { "는다", N, 1 },
    { "었다", N, 1 },
    { "았다", N, 1 },
};

/* Endings of 하다, 되다 and 시키다 after a Sino-Korean noun: 복제하는,
 * 사용됩니다.  The noun keeps two syllables at least, so 위한, 대한, 통해
 * (whose "noun" would be one syllable) are left alone. */
static const ending_t verbal[] = {
    { "하다", A, 2 },       { "한다", A, 2 },       { "합니다", A, 2 },
    { "했다", A, 2 },       { "했습니다", A, 2 },   { "하였다", A, 2 },
    { "하였습니다", A, 2 }, { "하는", A, 2 },       { "한", A, 2 },
    { "할", A, 2 },         { "함", A, 2 },         { "하여", A, 2 },
    { "해", A, 2 },         { "해서", A, 2 },       { "해야", A, 2 },
    { "해요", A, 2 },       { "해도", A, 2 },       { "하고", A, 2 },
    { "하며", A, 2 },       { "하면", A, 2 },       { "하게", A, 2 },
    { "하지", A, 2 },       { "하기", A, 2 },       { "하기에", A, 2 },
    { "하기도", A, 2 },     { "하기를", A, 2 },     { "하거나", A, 2 },
    { "하도록", A, 2 },     { "하므로", A, 2 },     { "하려면", A, 2 },
    { "하려고", A, 2 },     { "하면서", A, 2 },     { "하면서도", A, 2 },
    { "하는데", A, 2 },     { "하던", A, 2 },       { "했던", A, 2 },
    { "했으며", A, 2 },     { "하였으며", A, 2 },   { "했고", A, 2 },
    { "하였고", A, 2 },     { "할지", A, 2 },       { "하여야", A, 2 },
    { "했을", A, 2 },       { "하지만", A, 2 },     { "한다면", A, 2 },
    { "한다는", A, 2 },     { "한다고", A, 2 },     { "했지만", A, 2 },
    { "함으로써", A, 2 },   { "하더라도", A, 2 },   { "했다면", A, 2 },
    { "하니", A, 2 },       { "하자", A, 2 },       { "하지는", A, 2 },
    { "하지도", A, 2 },     { "하기는", A, 2 },     { "되다", A, 2 },
    { "된다", A, 2 },       { "됩니다", A, 2 },     { "되었다", A, 2 },
    { "됐다", A, 2 },       { "되었습니다", A, 2 }, { "됐습니다", A, 2 },
    { "되는", A, 2 },       { "된", A, 2 },         { "될", A, 2 },
    { "됨", A, 2 },         { "되어", A, 2 },       { "돼", A, 2 },
    { "되며", A, 2 },       { "되고", A, 2 },       { "되면", A, 2 },
    { "되지", A, 2 },       { "되기", A, 2 },       { "되거나", A, 2 },
    { "되도록", A, 2 },     { "되므로", A, 2 },     { "되어야", A, 2 },
    { "돼야", A, 2 },       { "되었으며", A, 2 },   { "되어서", A, 2 },
    { "되었고", A, 2 },     { "된다는", A, 2 },     { "된다면", A, 2 },
    { "되기도", A, 2 },     { "되었던", A, 2 },     { "되던", A, 2 },
    { "됨으로써", A, 2 },   { "되지만", A, 2 },     { "됐으며", A, 2 },
    { "될지", A, 2 },       { "되었을", A, 2 },     { "되어도", A, 2 },
    { "되더라도", A, 2 },   { "되지는", A, 2 },     { "시키다", A, 2 },
    { "시킨다", A, 2 },     { "시킵니다", A, 2 },   { "시키는", A, 2 },
    { "시킨", A, 2 },       { "시킬", A, 2 },       { "시킴", A, 2 },
    { "시켜", A, 2 },       { "시키고", A, 2 },     { "시키며", A, 2 },
    { "시키면", A, 2 },     { "시키기", A, 2 },     { "시켰다", A, 2 },
    { "시켜서", A, 2 },     { "시켜야", A, 2 },     { "시키도록", A, 2 },
    { "시키거나", A, 2 },   { "시키지", A, 2 },
};

/* Suffixes that may follow a noun under the particle: the plural 들
 * (인스턴스들을), the adjectival 적 (효율적으로, 기본적인), "by" 별
 * (리전별로) and "per" 당 (스냅샷당). */
static const ending_t derivations[] = {
    { "들", A, 2 },
    { "적", A, 2 },
    { "별", A, 2 },
    { "당", A, 2 },
};

#undef A
#undef B
#undef V
#undef L
#undef N

/* Nouns whose last syllables look like a particle or an ending: no strip
 * may cut into them.  A noun is protected when it starts the word
 * (결과는 keeps 결과) and, unless marked '=', when it ends the word or
 * only endings follow it (접근권한, 시간복잡도, 워크플로의); one of three
 * syllables or more, anywhere.  The
 * '=' nouns are those whose end is more often a shorter noun plus a
 * particle: 계정도 is 계정 + 도, not 계 + 정도; 설정의 is 설정 + 의.
 * Two-syllable nouns are listed when the endings' minimum stem does not
 * already protect them, or when compounds of them are common. */
static const char *const protected_nouns[] = {
    /* ~가 */ "추가",
    "평가",
    "증가",
    "=대가",
    "=휴가",
    "=주가",
    "=부가",
    "=시가",
    "=여가",
    "=고가",
    "=저가",
    "=단가",
    "=원가",
    /* ~과 */ "=결과",
    "=효과",
    "=통과",
    "=경과",
    "=성과",
    "=초과",
    "=부과",
    "=학과",
    "=일과",
    /* ~의 */ "주의",
    "재정의",
    "=정의",
    "=회의",
    "=합의",
    "=논의",
    "=동의",
    "=문의",
    "=강의",
    "=질의",
    "=임의",
    "=편의",
    "=모의",
    "=건의",
    "=협의",
    "=결의",
    "=의의",
    "=악의",
    "=유의",
    "=상의",
    "=고의",
    "=호의",
    "=대의",
    "=본의",
    "=선의",
    "=무의",
    /* ~이 */ "길이",
    "높이",
    "깊이",
    "넓이",
    "차이",
    "웨이",
    "바이",
    "레이",
    "트라이",
    "=사이",
    "=놀이",
    "=먹이",
    "=용이",
    "=전이",
    "=굳이",
    "=일일이",
    /* ~로 */ "경로",
    "통로",
    "플로",
    "워크플로",
    "매크로",
    "마이크로",
    "=회로",
    "=도로",
    "=프로",
    "=제로",
    "=가로",
    "=세로",
    "=미로",
    "=진로",
    /* ~도 */ "속도",
    "빈도",
    "비지도",
    "반지도",
    "재시도",
    "=정도",
    "=한도",
    "=밀도",
    "=용도",
    "=강도",
    "=온도",
    "=각도",
    "=제도",
    "=지도",
    "=시도",
    "=의도",
    "=진도",
    "=고도",
    "복잡도",
    "정확도",
    "신뢰도",
    "중요도",
    "난이도",
    "결합도",
    "응집도",
    "의존도",
    "유사도",
    "만족도",
    "민감도",
    "해상도",
    "정밀도",
    /* ~만 */ "미만",
    "수백만",
    "수천만",
    "수십만",
    "=불만",
    "=비만",
    /* ~한 */ "권한",
    "제한",
    "=기한",
    "=무한",
    "=상한",
    "=하한",
    /* ~할 */ "역할",
    "=분할",
    /* ~함 */ "포함",
    "=결함",
    /* ~해 */ "이해",
    "침해",
    "자연재해",
    "=재해",
    "=피해",
    "=방해",
    "=손해",
    "=분해",
    /* ~고 */ "창고",
    "참고",
    "광고",
    "재고",
    "경고",
    "사고",
    "신고",
    "=최고",
    "=원고",
    "=보고",
    /* ~다 */ "람다",
    "=바다",
    /* ~야 */ "분야",
    "=시야",
    /* ~란 */ "혼란",
    /* ~적 */ "목적",
    "누적",
    "흔적",
    "궤적",
    "=표적",
    "=실적",
    "=지적",
    /* ~별, ~당 */ "식별",
    "구별",
    "개별",
    "특별",
    "차별",
    "분별",
    "할당",
    "해당",
    "담당",
    /* ~인, ~임 */ "라인",
    "메인",
    "체인",
    "그인",
    "자인",
    "페인",
    "레인",
    "확인",
    "승인",
    "원인",
    "개인",
    "요인",
    "본인",
    "타인",
    "=부인",
    "타임",
    "게임",
    "네임",
    "레임",
    "다임",
    /* function words that only look like noun + particle */
    "=하나",
    "=만들",
    "=그리고",
    "=그러나",
    "=그러한",
    "=이러한",
    "=어떠한",
    "=저러한",
    "=따로",
    "=제대로",
    "=그대로",
    "=누가",
    "=무엇이",
    "=바로",
    "=서로",
    "=주로",
    "=새로",
    "=매우",
    "=또한",
    "=또는",
    "=다만",
    "=혹은",
    "=스스로",
};

#define MAX_ENDING 8   /* syllables in the longest ending */
#define MAX_WORD   128 /* longer "words" are not stemmed */

/* An ending or noun decoded to code points, for fast comparison. */
typedef struct {
    unsigned cp[MAX_ENDING];
    unsigned char n, after, min_stem;
    bool verbal; /* an ending of 하다, 되다, 시키다 */
    bool whole;  /* a protected noun that must start the word */
} entry_t;

static entry_t *endings; /* particles and verbal, by last syllable */
static size_t n_endings;
static entry_t derived[sizeof derivations / sizeof derivations[0]];
static entry_t *nouns;
static size_t n_nouns;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* Decode the character at S[*I] (LEN bytes) into *CP, moving *I past it;
 * false when it is ill-formed (the one decoder, unicode.h's). */
static bool
decode (const char *s, size_t len, size_t *i, unsigned *cp)
{
    UChar32 c = _saekin_u8_next (s, len, i);
    *cp = (unsigned) c;
    return c >= 0;
}

/* Decode the NUL-terminated table string TEXT into E. */
static void
entry_set (entry_t *e, const char *text)
{
    size_t len = strlen (text), i = 0;
    unsigned cp;

    e->n = 0;
    while (i < len && e->n < MAX_ENDING && decode (text, len, &i, &cp))
        e->cp[e->n++] = cp;
}

/* Endings grouped by last syllable, longest first within a group. */
static int
entry_cmp (const void *a, const void *b)
{
    const entry_t *x = a, *y = b;

    if (x->cp[x->n - 1] != y->cp[y->n - 1])
        return x->cp[x->n - 1] < y->cp[y->n - 1] ? -1 : 1;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return 0;
}

static void
table_init (void)
{
    size_t np = sizeof particles / sizeof particles[0];
    size_t nv = sizeof verbal / sizeof verbal[0];
    size_t i;

    /* Should malloc fail, the tables stay empty and nothing is stripped:
     * still a correct (if poorer) analysis. */
    endings = calloc (np + nv, sizeof *endings);
    if (endings) {
        for (i = 0; i < np + nv; i++) {
            const ending_t *src = i < np ? &particles[i] : &verbal[i - np];
            entry_set (&endings[i], src->text);
            endings[i].after = src->after;
            endings[i].min_stem = src->min_stem;
            endings[i].verbal = i >= np;
        }
        n_endings = np + nv;
        qsort (endings, n_endings, sizeof *endings, entry_cmp);
    }
    for (i = 0; i < sizeof derivations / sizeof derivations[0]; i++) {
        entry_set (&derived[i], derivations[i].text);
        derived[i].after = derivations[i].after;
        derived[i].min_stem = derivations[i].min_stem;
    }
    n_nouns = sizeof protected_nouns / sizeof protected_nouns[0];
    nouns = calloc (n_nouns, sizeof *nouns);
    if (! nouns)
        n_nouns = 0;
    for (i = 0; i < n_nouns; i++) {
        const char *text = protected_nouns[i];
        nouns[i].whole = text[0] == '=';
        entry_set (&nouns[i], text + nouns[i].whole);
    }
    if (nouns)
        qsort (nouns, n_nouns, sizeof *nouns, entry_cmp);
}

/* The final consonant (jongseong) index of a Hangul syllable: 0 for none,
 * 8 for ㄹ; -1 for anything that is not a syllable. */
static int
jongseong (unsigned cp)
{
    if (! _saekin_is_hangul_syllable (cp))
        return -1;
    return (int) ((cp - 0xAC00) % 28);
}

static bool
after_ok (unsigned char after, unsigned prev)
{
    int jong = jongseong (prev);

    switch (after) {
    case AFTER_BATCHIM:
        return jong > 0;
    case AFTER_VOWEL:
        return jong == 0;
    case AFTER_VOWEL_OR_L:
        return jong == 0 || jong == 8;
    default:
        return jong >= 0;
    }
}

static bool
ends_with (const unsigned *cps, size_t n, const entry_t *e)
{
    return e->n <= n && memcmp (cps + n - e->n, e->cp, e->n * sizeof *cps) == 0;
}

static size_t group_start (const entry_t *v, size_t n, unsigned last);

/* True when CPS[0..N) is, as a whole, one of the endings. */
static bool
is_ending (const unsigned *cps, size_t n)
{
    size_t i;

    if (n == 0 || n > MAX_ENDING)
        return false;
    for (i = group_start (endings, n_endings, cps[n - 1]);
         i < n_endings && endings[i].cp[endings[i].n - 1] == cps[n - 1]; i++)
        if (endings[i].n == n && endings[i].after != NEVER
            && ends_with (cps, n, &endings[i]))
            return true;
    return false;
}

/* True when cutting CPS[0..N) at CUT would split a protected noun (see
 * protected_nouns). */
static bool
cuts_noun (const unsigned *cps, size_t n, size_t cut)
{
    size_t i, end, start;

    for (end = cut + 1; end <= n; end++)
        for (i = group_start (nouns, n_nouns, cps[end - 1]);
             i < n_nouns && nouns[i].cp[nouns[i].n - 1] == cps[end - 1]; i++) {
            const entry_t *e = &nouns[i];
            if (e->n > end)
                continue;
            start = end - e->n;
            if (start >= cut || ! ends_with (cps, end, e))
                continue;
            if (start == 0
                || (! e->whole
                    && (end == n || e->n >= 3 || is_ending (cps + end, n - end))))
                return true;
        }
    return false;
}

/* Whether entry E may be stripped from CPS[0..N). */
static bool
strip_ok (const unsigned *cps, size_t n, const entry_t *e)
{
    size_t cut;

    if (! ends_with (cps, n, e) || e->n >= n)
        return false;
    cut = n - e->n;
    return cut >= e->min_stem && after_ok (e->after, cps[cut - 1])
           && ! cuts_noun (cps, n, cut);
}

/* The first of the entries V[0..N) (sorted by entry_cmp) whose last
 * syllable is LAST, or N. */
static size_t
group_start (const entry_t *v, size_t n, unsigned last)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].cp[v[mid].n - 1] < last)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Syllables to keep of CPS[0..N) after the particle or ending; N when
 * none applies.  Endings are tried longest first.  One that fails gives
 * way to a shorter one (경로는: not 로는 after 경, but 는; 미만의: not 만의
 * after one syllable, but 의), except a verbal ending that would leave
 * too short a stem: 원하는 is a verb, not 원하 + 는.  A word that is an ending as a whole is
 * the particle itself (에서는) or a verb (하는), with no stem. */
static size_t
strip_ending (const unsigned *cps, size_t n)
{
    size_t i, cut;
    const entry_t *e;

    for (i = group_start (endings, n_endings, cps[n - 1]);
         i < n_endings && endings[i].cp[endings[i].n - 1] == cps[n - 1]; i++) {
        e = &endings[i];
        if (! ends_with (cps, n, e))
            continue;
        if (e->n >= n || e->after == NEVER)
            return n;
        cut = n - e->n;
        if (cut < e->min_stem) {
            if (e->verbal)
                return n;
            continue;
        }
        if (after_ok (e->after, cps[cut - 1]) && ! cuts_noun (cps, n, cut))
            return cut;
    }
    return n;
}

/* Decode the Hangul word WORD into CPS (at most MAX_WORD); returns the
 * number of code points, or 0 when the word is too long or not UTF-8. */
static size_t
decode_word (const char *word, size_t len, unsigned *cps, size_t *offsets)
{
    size_t i = 0, n = 0;

    while (i < len) {
        offsets[n] = i;
        if (n == MAX_WORD || ! decode (word, len, &i, &cps[n]))
            return 0;
        n++;
    }
    offsets[n] = len;
    return n;
}

size_t
_saekin_korean_stem_len (const char *word, size_t len)
{
    unsigned cps[MAX_WORD];
    size_t offsets[MAX_WORD + 1];
    size_t n, keep, i, round;

    pthread_once (&init_once, table_init);
    n = decode_word (word, len, cps, offsets);
    if (n < 2)
        return len;
    /* Stacked endings written without spaces (사용해야하는, 애플리케이션과도)
     * come off one at a time; that also gives a noun the same stem bare
     * and with particles. */
    keep = n;
    for (round = 0; round < 3; round++) {
        size_t k = strip_ending (cps, keep);
        if (k == keep)
            break;
        keep = k;
    }
    for (i = 0; i < sizeof derived / sizeof derived[0]; i++)
        if (strip_ok (cps, keep, &derived[i])) {
            keep -= derived[i].n;
            break;
        }
    return offsets[keep];
}

bool
_saekin_korean_is_particle (const char *word, size_t len)
{
    unsigned cps[MAX_WORD];
    size_t offsets[MAX_WORD + 1];
    size_t n;

    pthread_once (&init_once, table_init);
    n = decode_word (word, len, cps, offsets);
    return is_ending (cps, n);
}
