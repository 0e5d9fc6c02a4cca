#!/bin/sh
# Title keys that name the query's things otherwise (issue 11, point 5):
# a question names two things and asks how they differ; the section
# titled with both, in the other language, answers it ("Cookie &
# Session" for 쿠키 세션 차이), above a passage that only says the words in passing.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N" "$TMP/cfg/saekin"
XDG_CONFIG_HOME=$TMP/cfg
export XDG_CONFIG_HOME
printf 'Zqxwidget\t즈크위젯\nZqxgadget\t즈크가젯\n' >"$TMP/cfg/saekin/synonyms.tsv"
printf '# Zqxwidget & Zqxgadget\n\nHow the two differ, in short: one holds, one moves.\n' \
    >"$N/titled.md"
printf '# 메모\n\n오늘은 즈크위젯 설치를 마치고 즈크가젯 주문서를 정리한 뒤 회의록을 보냈다. 점심에는 팀원들과 다음 분기 일정과 예산, 채용 계획을 이야기했고 오후에는 보안 점검 결과를 검토하고 문서를 고쳤다. 저녁에는 발표 자료를 다듬고 내일 회의 안건을 정리했으며, 밀린 메일에 답장을 보내고 주간 보고서 초안을 썼다.\n' \
    >"$N/words.md"
for i in 1 2 3 4 5 6 7 8; do
    printf '# 다른 메모 %s\n\n보안 그룹과 네트워크 설정을 적었다 %s.\n' "$i" "$i" >"$N/other$i.md"
done
expect_exit "index the notes" 0 "$INDEX" --db "$DB" "$N"
expect_exit "two things and a question word" 0 "$QUERY" --db "$DB" --json -- 즈크위젯 즈크가젯 차이
check "the section titled with both, in English, first" \
    test "$(json_field "$TMP/out" 1 file)" = "$N/titled.md"
expect_exit "and without the question word" 0 "$QUERY" --db "$DB" --json -- 즈크위젯 즈크가젯
check "the same" test "$(json_field "$TMP/out" 1 file)" = "$N/titled.md"
# A sentence relating the things to more words: a title naming one of
# them is no answer to it (스레드마다 스택을 따로 할당하는 이유 is not "Stack").
printf '# Zqxgadget\n\n즈크가젯은 즈크가젯 나름대로 움직인다. 즈크가젯 하나에 즈크위젯 여럿이 붙는다.\n' \
    >"$N/gadget.md"
{
    printf '# 메모 모음\n\n'
    i=1
    while [ $i -le 20 ]; do
        printf '오늘은 회의록을 정리하고 일정과 예산을 검토했다 %s. ' $i
        i=$((i + 1))
    done
    printf '즈크위젯마다 즈크가젯을 따로 두는 이유는 서로 간섭하지 않게 하려는 것이다.\n'
} >"$N/why.md"
expect_exit "index the new notes" 0 "$INDEX" --db "$DB" "$N"
expect_exit "a sentence naming both and more" 0 "$QUERY" --db "$DB" --json -- 즈크위젯마다 즈크가젯을 따로 두는 이유
check "the passage saying it all first, not the title naming one" \
    test "$(json_field "$TMP/out" 1 file)" = "$N/why.md"
finish
