/* question.c - the words that make a query or a title a question. */
#include <string.h>

#include "question.h"

/* Compared with a word's stem (차이점은 -> 차이점). */
static const char *const asking_words[] = {
    "차이", "차이점", "방법", "이유", "왜", "무엇", "뭐", "뭔가", "어떻게", "언제",
    "설명", "정의", "비교", "의미", "뜻", "개념", "원리", "무엇인가", NULL
};
/* and the verbs around them: X 하는 이유, X 되는 과정 */
static const char *const question_verbs[] = {
    "하는", "하나", "할까", "되는", "하는지", "인가", "인지", "있는", NULL
};
static const char *const comparing_words[] = { "차이", "차이점", "비교", "vs", NULL };

/* A question word asks the same as its kin (X 하는 이유 is 왜 X; X 방법
 * is X 어떻게; why one does X is what X is good for, X의 장점).  In each
 * group, the first N_ASKING words find the others. */
#define KIN_MAX 6
static const struct {
    size_t n_asking;
    const char *words[KIN_MAX + 1];
} kin[] = {
    { 2, { "이유", "왜", "목적", "까닭", "필요성", "장점", NULL } },
    { 2, { "방법", "어떻게", "방식", NULL } },
    { 2, { "차이", "차이점", "vs", "비교", NULL } },
};

/* What dresses a question in a title besides its verbs: particles
 * written apart from their word (Mutex Lock 과 Semaphore 의 차이점),
 * polite endings, English function words. */
static const char *const fillers[] = {
    "과", "와", "의", "는", "은", "이", "가", "을", "를", "에",
    "할까요", "하나요", "인가요", "일까요", "무엇인가요", "무엇일까요",
    "the", "a", "an", "of", "and", "between", "why", "how", "is", "are", "do", "does",
    NULL
};

static bool
among (const char *word, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcmp (word, words[i]) == 0)
            return true;
    return false;
}

bool
_saekin_question_asks (const char *word)
{
    return among (word, asking_words);
}

bool
_saekin_question_verb (const char *word)
{
    return among (word, question_verbs);
}

bool
_saekin_question_compares (const char *word)
{
    return among (word, comparing_words);
}

int
_saekin_question_group (const char *word)
{
    for (size_t g = 0; g < sizeof kin / sizeof kin[0]; g++)
        if (among (word, kin[g].words))
            return (int) g;
    return -1;
}

const char *const *
_saekin_question_kin (int group, size_t *n_asking)
{
    if (group < 0 || (size_t) group >= sizeof kin / sizeof kin[0])
        return NULL;
    *n_asking = kin[group].n_asking;
    return kin[group].words;
}

bool
_saekin_question_asks_what (const char *word)
{
    static const char *const starts[] = { "무엇", "뭔", "뭐", "설명", "대해", "대하",
                                          "말해", "아는", "란", "이란", NULL };
    size_t n = strcspn (word, " ");
    if ((n == 4 && strncmp (word, "what", 4) == 0)
        || (n == 2 && strncmp (word, "is", 2) == 0))
        return true;
    for (size_t i = 0; starts[i]; i++)
        if (strncmp (word, starts[i], strlen (starts[i])) == 0)
            return true;
    return false;
}

bool
_saekin_question_filler (const char *word)
{
    return among (word, fillers) || among (word, question_verbs);
}
