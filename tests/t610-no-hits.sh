#!/bin/sh
# t610-no-hits: a query that matches nothing exits 1 with one line on
# stderr saying so (issue 10, point 8), and nothing on stdout; a query
# with hits says nothing on stderr.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

mkdir -p "$TMP/notes"
printf '# 인증서\n\nACM은 TLS 인증서를 발급한다.\n' >"$TMP/notes/a.md"
"$INDEX" -q --db "$TMP/db" "$TMP/notes" || { echo "indexing failed"; exit 1; }

expect_exit "a word the notes lack exits 1" 1 "$QUERY" --db "$TMP/db" 쿠버네티스
check "nothing on stdout" test ! -s "$TMP/out"
check "one line on stderr" test "$(wc -l <"$TMP/err")" -eq 1
check "it says nothing matched, naming the query" \
    grep -q "^saekin-query: nothing matched '쿠버네티스'" "$TMP/err"

expect_exit "--json: exit 1 too" 1 "$QUERY" --db "$TMP/db" --json nosuchword
check "--json: stdout stays empty (no JSON line)" test ! -s "$TMP/out"
check "--json: the message on stderr" grep -q "nothing matched 'nosuchword'" "$TMP/err"

expect_exit "a word that is there exits 0" 0 "$QUERY" --db "$TMP/db" 인증서
check "hits: nothing on stderr" test ! -s "$TMP/err"

expect_exit "an empty index: exit 1 and the message" 1 \
    sh -c "'$INDEX' -q --db '$TMP/empty' '$TMP/none' 2>/dev/null; mkdir -p '$TMP/none'; \
           '$INDEX' -q --db '$TMP/empty' '$TMP/none' && '$QUERY' --db '$TMP/empty' 인증서"
check "empty index: nothing matched" grep -q "nothing matched" "$TMP/err"
finish
