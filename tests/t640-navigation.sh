#!/bin/sh
# t640-navigation: passages that only point elsewhere rank below passages
# with content for the same words (issue 10, point 5): a README table of
# contents ("- [x] [교착상태(DeadLock)](link)"), a list of links, and a
# section titled 참고 자료 / References / 출처 whose blog links name the
# query word.  They are still found when nothing else holds the word.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

N="$TMP/notes"
mkdir -p "$N/os" "$N/web"
cat >"$N/README.md" <<'MD'
# 기술 면접 정리

## 목차

- [x] [교착상태(DeadLock)](os/deadlock.md)
- [x] [세마포어와 뮤텍스](os/semaphore.md)
- [x] [쿠키와 세션](web/cookie.md)
- [ ] [가비지 컬렉션](gc.md)
MD
cat >"$N/os/deadlock.md" <<'MD'
# 데드락

두 프로세스가 서로의 자원을 기다리며 멈춘 상태를 교착상태라 한다.

## 발생 조건

상호 배제, 점유 대기, 비선점, 순환 대기가 모두 성립할 때 생긴다.

## 참고 자료

- [교착상태 완벽 정리 - 어느 블로그](https://blog.example/deadlock)
- [Deadlock - Wikipedia](https://en.wikipedia.org/wiki/Deadlock)
MD
cat >"$N/os/semaphore.md" <<'MD'
# 동기화

세마포어는 공유 자원에 접근하는 프로세스 수를 세는 정수 변수다.

### References

* [Semaphore vs mutex, 뮤텍스 설명](https://blog.example/mutex)
MD
cat >"$N/web/cookie.md" <<'MD'
# 웹 상태 유지

쿠키는 클라이언트에, 세션은 서버에 상태를 저장한다.

## 출처

- [쿠키와 세션의 차이 (어느 블로그)](https://blog.example/cookie)
MD
cat >"$N/links.md" <<'MD'
# 공부 링크 모음

- [뮤텍스 강의](https://lecture.example/mutex)
- [뮤텍스 예제 코드](https://code.example/mutex)
- <https://mutex.example/>

## 메모

뮤텍스는 한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금이다.
MD
"$INDEX" -q --db "$TMP/db" "$N" || { echo "indexing failed"; exit 1; }

# first QUERY: "file:line" of the best hit
first () {
    "$QUERY" --db "$TMP/db" --json -n 1 -- "$1" | python3 -c '
import json, os, sys
h = json.loads(sys.stdin.readline())
print("%s:%d" % (os.path.relpath(h["file"], sys.argv[1]), h["line"]))' "$N"
}
# ranks_first NAME QUERY WANT
ranks_first () {
    got=$(first "$2")
    if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1: '$2' ranks $got first, wanted $3"; fi
}

ranks_first "table of contents below the note it links to" 교착상태 os/deadlock.md:1
ranks_first "a 참고 자료 section below the content" "교착상태 정리" os/deadlock.md:1
ranks_first "a References section below the content" 세마포어 os/semaphore.md:1
ranks_first "a 출처 section below the content" "쿠키 세션 차이" web/cookie.md:1
ranks_first "a link list below the note's own words" 뮤텍스 links.md:7

# still found when only navigation holds the word
check "a word only in a table of contents is found" \
    sh -c "'$QUERY' --db '$TMP/db' --json 가비지 | grep -q README.md"
check "a word only in a reference title is found" \
    sh -c "'$QUERY' --db '$TMP/db' --json Wikipedia | grep -q deadlock.md"
finish
