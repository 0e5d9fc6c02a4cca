/* question.h - the words that make a query or a title a question
 * (차이, 이유, 왜, 방법, 어떻게 ...): query.c weighs them weakly and finds
 * their kin; document.c keys a title by what it asks.  One list, so that
 * the two ask the same.  Private to lib/. */
#ifndef SAEKIN_QUESTION_H
#define SAEKIN_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

/** Whether WORD (a stem, as the analyzer gives it) asks: 차이, 방법,
 * 이유, 왜, 무엇, 설명 ... */
bool _saekin_question_asks (const char *word);

/** Whether WORD is a verb around a question word: 하는 (X 하는 이유),
 * 되는, 할까 ... */
bool _saekin_question_verb (const char *word);

/** Whether WORD asks how things differ: 차이, 차이점, 비교, vs. */
bool _saekin_question_compares (const char *word);

/** The group of questions WORD asks the same as others (0: why, 이유 =
 * 왜 = 목적 = 장점; 1: how, 방법 = 어떻게 = 방식; 2: how they differ,
 * 차이 = 차이점 = vs), or -1 for none. */
int _saekin_question_group (const char *word);

/** The words of GROUP, NULL-terminated, static; the first
 * *N_ASKING of them ask for the others (목적 is asked for by 이유, but
 * does not ask for 까닭). */
const char *const *_saekin_question_kin (int group, size_t *n_asking);

/** Whether WORD (a title key's word) asks what a thing is, alone or as
 * the start of a longer word: "Index가 무엇인지 설명해주세요", "X란
 * 무엇인가?", "X에 대해서", "What is X?". */
bool _saekin_question_asks_what (const char *word);

/** Whether WORD (a title key's word) only dresses a question: a
 * particle written apart (과, 의), a verb ending (할까요, 하나요), a
 * question verb. */
bool _saekin_question_filler (const char *word);

#endif
