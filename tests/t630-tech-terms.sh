#!/bin/sh
# t630-tech-terms: technical terms written with punctuation are kept whole
# (issue 10, point 7): C++, C#, F#, N+1, .NET, TIME_WAIT, HTTP/2, IPv4,
# 3-way, B+ find the notes that write them, and not notes that only hold
# their pieces ("N+1" must not find "1 <= N <= 1,000,000"); ordinary
# punctuation still separates words.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

N="$TMP/notes"
mkdir -p "$N"
cat >"$N/langs.md" <<'MD'
# 언어

## 씨쁠쁠

C++ 템플릿과 STL 컨테이너.

## 씨샵

C# 과 F# 은 .NET 위에서 돈다.
MD
cat >"$N/c.md" <<'MD'
# 씨 언어

C 언어의 포인터와 malloc.
MD
cat >"$N/orm.md" <<'MD'
# ORM 문제

N+1 문제: 연관된 엔티티를 조회할 때 쿼리가 N번 더 나간다.
MD
cat >"$N/algo.md" <<'MD'
# 입력 조건

1 <= N <= 1,000,000 이고 시간 제한은 1초.
MD
cat >"$N/tcp.md" <<'MD'
# TCP

## 연결 수립

3-way handshake 로 연결을 맺는다.

## 연결 종료

TIME_WAIT 상태에서 2MSL 동안 기다린다.

## 웹

HTTP/2 는 멀티플렉싱을 한다. IPv4 주소는 32비트.
MD
cat >"$N/wait.md" <<'MD'
# 대기 시간

The server will wait for a long time before it answers; the way is long.
MD
cat >"$N/tree.md" <<'MD'
# 인덱스 구조

B+ 트리는 리프 노드에만 데이터를 둔다.
MD
cat >"$N/net.md" <<'MD'
# 네트워크

The net result: a net of 2 servers.
MD
"$INDEX" -q --db "$TMP/db" "$N" || { echo "indexing failed"; exit 1; }

# files QUERY: the base names of the notes of the hits, one a line, sorted
files () {
    "$QUERY" --db "$TMP/db" --json -n 20 -- "$@" 2>/dev/null | python3 -c '
import json, os, sys
print("\n".join(sorted({os.path.basename(json.loads(l)["file"]) for l in sys.stdin})))'
}
# finds NAME QUERY WANT: the hits of QUERY are exactly the notes WANT
finds () {
    got=$(files "$2" | tr '\n' ' ')
    if [ "$got" = "$3 " ]; then ok "$1"
    else not_ok "$1: '$2' found '$got', wanted '$3 '"; fi
}

finds "N+1 finds the ORM note, not 1 <= N" "N+1" "orm.md"
finds "C++ finds C++ only, not C" "C++" "langs.md"
finds "C# finds C#" "C#" "langs.md"
finds "F# finds F#" "F#" "langs.md"
finds ".NET finds .NET, not the word net" ".NET" "langs.md"
finds "TIME_WAIT finds TIME_WAIT, not wait" "TIME_WAIT" "tcp.md"
finds "HTTP/2 finds HTTP/2" "HTTP/2" "tcp.md"
finds "IPv4 finds IPv4" "IPv4" "tcp.md"
finds "3-way finds 3-way, not 'way'" "3-way" "tcp.md"
finds "B+ finds B+" "B+" "tree.md"
finds "lower case works too: c++" "c++" "langs.md"
# the pieces are still words of their own for whoever types them
finds "wait still finds TIME_WAIT and wait" "wait" "tcp.md wait.md"
finds "handshake" "handshake" "tcp.md"
finds "a phrase across a term" '"C++ 템플릿"' "langs.md"
# ordinary punctuation still separates words
finds "'result:' stays a word of its own" "result" "net.md"

# the whole term is highlighted in the snippet
"$QUERY" --db "$TMP/db" --json -- "N+1" >"$TMP/j"
check "N+1 highlighted whole" python3 -c '
import json, sys
h = json.loads(open(sys.argv[1]).readline())
spans = [h["snippet"].encode()[a:b].decode() for a, b in h["highlights"]]
sys.exit(0 if spans == ["N+1"] else 1)' "$TMP/j"
"$QUERY" --db "$TMP/db" --json -- "C++" >"$TMP/j"
check "C++ highlighted whole" python3 -c '
import json, sys
h = json.loads(open(sys.argv[1]).readline())
spans = [h["snippet"].encode()[a:b].decode() for a, b in h["highlights"]]
sys.exit(0 if spans == ["C++"] else 1)' "$TMP/j"
finish
