#!/bin/sh
# t650-snippets: a snippet shows the passage's body around the matched
# words, not its title again, and highlights the words that matched when
# the match came through the vocabulary (KMS for 키 관리 서비스, Elastic
# Beanstalk for 일래스틱 빈스톡) (issue 10, point 6).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

N="$TMP/notes"
mkdir -p "$N"
cat >"$N/deploy.md" <<'MD'
# 배포 도구

배포는 Elastic Beanstalk 으로 한다.
MD
cat >"$N/kms.md" <<'MD'
# 암호화

KMS 로 데이터 키를 만들고 매년 교체한다.
MD
# no heading: the passage's title is its first line
cat >"$N/eb.md" <<'MD'
Elastic Beanstalk

코드를 올리면 용량 프로비저닝과 로드 밸런싱을 알아서 한다.
MD
"$INDEX" -q --db "$TMP/db" "$N" || { echo "indexing failed"; exit 1; }

# marked QUERY: the highlighted words of the first hit, '|'-separated,
# then a tab and its snippet
marked () {
    "$QUERY" --db "$TMP/db" --json -n 1 -- "$1" | python3 -c '
import json, sys
h = json.loads(sys.stdin.readline())
b = h["snippet"].encode()
print("|".join(b[s:e].decode() for s, e in h["highlights"]) + "\t" + h["snippet"])'
}

got=$(marked "키 관리 서비스")
case $got in KMS*) ok "KMS highlighted for 키 관리 서비스" ;; *) not_ok "KMS not highlighted: $got" ;; esac
got=$(marked "빈스톡 배포")
case $got in *Beanstalk*) ok "Beanstalk highlighted for 빈스톡" ;;
    *) not_ok "Beanstalk not highlighted: $got" ;; esac
got=$(marked "프로비저닝")
case $got in 프로비저닝*) ok "a body word is highlighted in the body" ;; *) not_ok "body word: $got" ;; esac
snippet=$(printf '%s' "$got" | cut -f2)
case $snippet in
    "Elastic Beanstalk"*) not_ok "the snippet repeats the title: $snippet" ;;
    코드를*) ok "the snippet is the body after the title" ;;
    *) not_ok "unexpected snippet: $snippet" ;;
esac
finish
