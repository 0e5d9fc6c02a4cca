#!/bin/sh
# Interview notes written as collapsible questions and answers
# (<details><summary>question</summary>answer</details>): a query finds
# the answer at its own lines, titled by its question, not a page of
# forty questions; a table of contents naming the topic comes below it.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
{
    printf '# 운영체제\n\n## 질의응답\n\n'
    i=1
    while [ $i -le 20 ]; do
        printf '<details>\n<summary>질문 %s: 페이지 폴트 %s번 상황은?</summary>\n<p>\n\n답 %s: 디스크에서 읽는다.\n\n</p>\n</details>\n\n' $i $i $i
        i=$((i + 1))
    done
    printf '<details>\n<summary>즈크뮤텍스와 즈크세마포어의 차이는?</summary>\n<p>\n\n'
    printf -- '- 즈크세마포어는 여럿이 들어간다.\n- 즈크뮤텍스는 소유할 수 있다.\n\n</p>\n</details>\n'
} >"$N/os.md"
{
    printf '# 목차\n\n- 즈크뮤텍스와 즈크세마포어의 차이\n'
    for t in 프로세스 스레드 교착상태 메모리 캐시 페이징 스케줄링 동기화 파일 입출력 네트워크; do
        printf -- '- %s\n  - %s 정리\n' "$t" "$t"
    done
} >"$N/toc.md"
expect_exit "index the notes" 0 "$INDEX" --db "$DB" "$N"
expect_exit "ask the question" 0 "$QUERY" --db "$DB" --json -- 즈크뮤텍스 즈크세마포어 차이
check "the answer first" test "$(json_field "$TMP/out" 1 file)" = "$N/os.md"
line=$(grep -n '<summary>즈크뮤텍스' "$N/os.md" | cut -d: -f1)
check "at the lines of its block" test "$(json_field "$TMP/out" 1 line)" = "$((line - 1))"
check "titled by its question" \
    test "$(json_field "$TMP/out" 1 title)" = "즈크뮤텍스와 즈크세마포어의 차이는?"
toc_rank=$(grep -n '"file":"[^"]*toc.md"' "$TMP/out" | head -1 | cut -d: -f1)
check "the table of contents naming it is found, below" test "${toc_rank:-0}" -gt 1
finish
