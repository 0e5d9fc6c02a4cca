#!/bin/sh
# saekin-query --prefix: the last word is still being typed.  A half-typed
# Hangul syllable (그, 글 with the next syllable's ㄹ under it, a lone ㄱ)
# and a cut Latin word find the passage the finished words would.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
cat >"$N/vpc.md" <<'NOTE'
# 보안 그룹

인스턴스 앞에 서는 가상 방화벽. 상태를 기억하는 규칙만 둔다.

# 보안 그룹 규칙

인바운드 규칙과 아웃바운드 규칙.

# 보안 감사

보안 담당자가 그림과 그래프로 감사 결과를 정리한다. 그것은 글로 남긴다.

# 네트워크 ACL

서브넷 단위의 상태 없는 규칙. 보안 계층의 하나.
NOTE
cat >"$N/sqs.md" <<'NOTE'
# Visibility Timeout

While a consumer works on a message it stays hidden for the visibility
timeout, then comes back to the queue.

# Message retention

Messages are kept for a while, measured in time, then dropped.

# Zqxfoobar

A made-up word to find by its first letters.
NOTE
expect_exit "index the notes" 0 "$INDEX" --db "$DB" "$N"

for q in "보안 그" "보안 글" "보안 ㄱ" "보안 그룹"; do
    expect_exit "--prefix '$q' finds something" 0 "$QUERY" --db "$DB" --json --prefix "$q"
    check "--prefix '$q' puts 보안 그룹 first" \
        test "$(json_field "$TMP/out" 1 title)" = "보안 그룹"
done
expect_exit "--prefix 'visibility time'" 0 "$QUERY" --db "$DB" --json --prefix visibility time
check "finds Visibility Timeout first" \
    test "$(json_field "$TMP/out" 1 title)" = "Visibility Timeout"
check "and highlights the word it became" \
    sh -c "python3 -c '
import json, sys
h = json.loads(open(sys.argv[1]).readline())
marked = [h[\"snippet\"].encode()[a:b].decode().lower() for a, b in h[\"highlights\"]]
sys.exit(0 if \"timeout\" in marked else 1)' '$TMP/out'"

expect_exit "a cut word finds nothing without --prefix" 1 "$QUERY" --db "$DB" zqxfoo
expect_exit "--prefix completes it" 0 "$QUERY" --db "$DB" --json --prefix zqxfoo
check "to its passage" test "$(json_field "$TMP/out" 1 title)" = "Zqxfoobar"
expect_exit "upper case typed too" 0 "$QUERY" --db "$DB" --prefix ZQXF
expect_exit "a blank after the last word: it is finished" 1 "$QUERY" --db "$DB" --prefix "zqxfoo "
expect_exit "a lone letter nothing starts with is left out" 0 "$QUERY" --db "$DB" --prefix 보안 ㅋ
expect_exit "nothing but such a letter: searched as typed" 1 "$QUERY" --db "$DB" --prefix ㅋ
expect_exit "--prefix with an excluded word last" 0 "$QUERY" --db "$DB" --prefix -- 보안 -감사
check "no passage holding the excluded word" sh -c "! grep -q '보안 감사' '$TMP/out'"

finish
