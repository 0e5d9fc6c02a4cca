#!/bin/sh
# saekin-serve's JSON API with curl: answers (the hits exactly as
# saekin-query --json prints them), 400/403/404/405/413, the security
# headers, a hostile note escaped in JSON and in the preview's HTML, an
# update seen without a restart (a plain one and a rebuild's swap),
# answers while updates run, and a clean stop on SIGTERM and SIGINT.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve-lib.sh"
command -v curl >/dev/null || { echo "curl not found: install the Debian package curl"; exit 77; }

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
cat >"$N/vpc.md" <<'MD'
# VPC 정리

## 보안 그룹

보안 그룹은 인스턴스 수준의 가상 방화벽이다. 상태 저장(stateful)이라 응답 트래픽은 자동으로 허용된다.

- 인바운드 규칙과 아웃바운드 규칙
- [보안 그룹 문서](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html)

## 네트워크 ACL

서브넷 수준의 방화벽. 상태 비저장이라 응답 트래픽도 규칙이 필요하다. 보안 계층을 하나 더 둔다.
MD
cat >"$N/kms.md" <<'MD'
# KMS

KMS 키 교체는 1년마다 자동으로 할 수 있다. 보안 감사를 위해 CloudTrail에 기록된다.
MD
cat >"$N/xss.md" <<'MD'
# \<img src=x onerror=alert(1)\> 위험한 제목

<script>alert("xss")</script>

본문 `<script>alert(2)</script>` 위험한 링크 [눌러 보기](javascript:alert(1)) 와 xsscanary 단어.
MD
"$INDEX" --db "$DB" "$N" >/dev/null 2>&1 || { echo "indexing failed"; exit 1; }

start_serve --db "$DB"
check "the first line is the URL on loopback" \
    sh -c "head -n 1 '$TMP/serve.out' | grep -Eq '^http://127\\.0\\.0\\.1:[0-9]+/\$'"
check "no warning on loopback" test ! -s "$TMP/serve.err"

# ---- answers
get /api/search -G --data-urlencode 'q=보안 그룹' -d n=5
check "search answers 200" test "$(code)" = 200
check "as application/json" grep -qi '^content-type: application/json' "$TMP/headers"
check "the best hit is the 보안 그룹 section" \
    test "$(jq_body 'j["hits"][0]["title"]')" = "보안 그룹"
check "the answer names the query" test "$(jq_body 'j["query"]')" = "보안 그룹"
check "with a total estimate at least the hits" \
    test "$(jq_body 'j["total"] >= len(j["hits"]) > 0')" = true
check "and a correction field" test "$(jq_body '"correction" in j')" = true
"$QUERY" --db "$DB" --json -n 5 '보안 그룹' >"$TMP/cli.jsonl"
check "hits are exactly saekin-query --json's objects, byte for byte" python3 -c '
import json, sys
body = open(sys.argv[1], encoding="utf-8").read()
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
j = json.loads(body)
assert len(lines) == len(j["hits"]) > 0, (len(lines), len(j["hits"]))
assert "[" + ",".join(lines) + "]}" in body
assert [json.loads(l) for l in lines] == j["hits"]
' "$TMP/body" "$TMP/cli.jsonl"
get /api/search -G --data-urlencode 'q=보안 그룹' -d n=1 -d offset=1
check "offset=1 gives the second hit, ranked 2" python3 -c '
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
second = json.loads(open(sys.argv[2], encoding="utf-8").read().splitlines()[1])
assert j["hits"] == [second], j["hits"]
' "$TMP/body" "$TMP/cli.jsonl"
get /api/search -G --data-urlencode 'q=보안 그' -d prefix=1
check "prefix=1 completes the last word (보안 그 finds 보안 그룹)" \
    test "$(jq_body 'j["hits"][0]["title"]')" = "보안 그룹"
check "and says it did" test "$(jq_body 'j["prefix"]')" = true
get /api/search -G -d q=xsscanary -d prefix=1
check "prefix=1 on a finished word indexed by its stem (xsscanary) still finds it" \
    test "$(jq_body 'len(j["hits"])')" = 1
get /api/search -G --data-urlencode 'q=xyzzyunknown'
check "a query matching nothing is 200 with no hits" \
    test "$(code) $(jq_body 'len(j["hits"])')" = "200 0"
get /api/docs -G --data-urlencode 'name=키 관리 서비스'
check "/api/docs finds KMS by its Korean name" \
    test "$(code) $(jq_body 'j["hits"][0]["title"]')" = "200 AWS Key Management Service"
check "with official links" test "$(jq_body 'j["hits"][0]["links"][0]["official"]')" = true
get /api/note -G --data-urlencode "file=$N/vpc.md" -d line=3
check "/api/note renders the passage" \
    test "$(code) $(jq_body '"<h2>보안 그룹</h2>" in j["html"]')" = "200 true"
check "only that passage" test "$(jq_body '"네트워크 ACL" in j["html"]')" = false
get /api/note -G --data-urlencode "file=$N/vpc.md"
check "without line, the whole note" grep -q '네트워크 ACL' "$TMP/body"

# ---- bad requests
for bad in "" "n=0" "n=abc" "n=101" "offset=-1" "offset=1001" "prefix=2" "q=%ff%fe" \
    "q=$(python3 -c 'print("a" * 600)')"; do
    case $bad in q=*) args="-d $bad" ;; "") args="" ;; *) args="-d q=kms -d $bad" ;; esac
    # shellcheck disable=SC2086
    get /api/search -G $args
    check "400 with a JSON error for '$(printf %.20s "$bad")'" \
        test "$(code) $(jq_body '"error" in j')" = "400 true"
done
get /api/note -G --data-urlencode "file=$N/vpc.md" -d line=x
check "/api/note with a bad line is 400" test "$(code)" = 400
get /api/note -G -d file=/etc/passwd
check "/api/note of a file not in the index is 404" \
    test "$(code) $(jq_body '"error" in j')" = "404 true"
cp "$N/kms.md" "$TMP/not-indexed.md"
get /api/note -G --data-urlencode "file=$TMP/not-indexed.md"
check "a Markdown file beside the notes but not indexed is 404" test "$(code)" = 404
get /api/note -G --data-urlencode "file=$N/vpc.md" -d line=999
check "a line with no passage is 404" test "$(code)" = 404
get /api/docs -G -d name=nosuchservice
check "/api/docs of an unknown name is 404" test "$(code)" = 404
get /api/nothing
check "an unknown API is 404" test "$(code)" = 404
get /nothing.html
check "an unknown file is 404" test "$(code)" = 404
get /api/search -X POST -d q=kms
check "POST is 405" test "$(code)" = 405
get /api/search -X PUT --data-binary @"$N/vpc.md"
check "a request body is refused" sh -c "test \"\$(cat '$TMP/code')\" = 405 -o \"\$(cat '$TMP/code')\" = 413"
get "/api/search?q=$(python3 -c 'print("a" * 20000)')"
check "an oversized request line is refused, the server lives on" \
    sh -c "test \"\$(cat '$TMP/code')\" -ge 400"

# ---- DNS rebinding and headers
get /api/search -G -d q=kms -H "Host: evil.example:$PORT"
check "a foreign Host header is 403" test "$(code)" = 403
get / -H "Host: evil.example"
check "the page too" test "$(code)" = 403
get /api/search -G -d q=kms -H "Host: 127.0.0.1:1"
check "the right address with another port is 403" test "$(code)" = 403
get /api/search -G -d q=kms -H "Host: localhost:$PORT"
check "localhost:PORT is allowed" test "$(code)" = 200
get /api/search -G -d q=kms -H "Origin: http://evil.example"
check "no CORS header, even asked with an Origin" sh -c "! grep -qi '^access-control' '$TMP/headers'"
check "nosniff" grep -qi '^x-content-type-options: nosniff' "$TMP/headers"
get /
check "the page is served as HTML" \
    sh -c "test \"\$(cat '$TMP/code')\" = 200 && grep -qi '^content-type: text/html' '$TMP/headers'"
check "with a strict Content-Security-Policy" \
    grep -qi "^content-security-policy: default-src 'none'; script-src 'self'" "$TMP/headers"
check "and no inline script" sh -c "! grep -qi '<script>' '$TMP/body' && ! grep -qi ' on[a-z]*=' '$TMP/body'"
get /app.js
check "its script is embedded" sh -c "test \"\$(cat '$TMP/code')\" = 200 && test -s '$TMP/body'"

# ---- a hostile note
get /api/search -G -d q=xsscanary
check "the hostile note is found" test "$(code) $(jq_body 'len(j["hits"]) > 0')" = "200 true"
check "its title arrives as the same characters, as JSON text" \
    test "$(jq_body 'j["hits"][0]["title"]')" = "<img src=x onerror=alert(1)> 위험한 제목"
check "its snippet too" test "$(jq_body '"<script>alert(2)</script>" in j["hits"][0]["snippet"]')" = true
file=$(jq_body 'j["hits"][0]["file"]')
get /api/note -G --data-urlencode "file=$file"
check "its preview holds no script" sh -c "! grep -qi '<script' '$TMP/body'"
check "no element from the note's raw HTML" \
    test "$(jq_body '"<img" in j["html"] or "<script" in j["html"]')" = false
check "its title shown as text" \
    test "$(jq_body '"&lt;img src=x onerror=alert(1)&gt;" in j["html"]')" = true
check "no javascript: link" test "$(jq_body '"javascript:" in j["html"].lower()')" = false
check "but the link's text is kept" test "$(jq_body '"눌러 보기" in j["html"]')" = true
check "the JSON escapes markup characters of the HTML" sh -c "! grep -q '<' '$TMP/body'"

# ---- updates seen without a restart
printf '# 새 노트\n\nfreshword 가 여기에 있다.\n' >"$N/fresh.md"
get /api/search -G -d q=freshword
check "before the update, no hit" test "$(jq_body 'len(j["hits"])')" = 0
"$INDEX" --db "$DB" >/dev/null 2>&1
get /api/search -G -d q=freshword
check "after saekin-index, the new note is found without a restart" \
    test "$(jq_body 'len(j["hits"])')" = 1
printf '# 또 새 노트\n\nrebuiltword 가 여기에 있다.\n' >"$N/rebuilt.md"
"$INDEX" --db "$DB" --rebuild >/dev/null 2>&1
ok_all=true
for i in 1 2 3 4 5 6; do # every thread of the pool must see it
    get /api/search -G -d q=rebuiltword
    [ "$(jq_body 'len(j["hits"])')" = 1 ] || ok_all=false
done
check "after a rebuild (a new index swapped in), every thread sees it" $ok_all

# ---- answers while updates run
(
    r=1
    while [ $r -le "6" ]; do
        printf '\n- 보안 그룹 round%d\n' $r >>"$N/kms.md"
        "$INDEX" --db "$DB" >/dev/null 2>&1 || echo "update failed in round $r"
        [ $((r % 3)) -eq 0 ] && { "$INDEX" --db "$DB" --rebuild >/dev/null 2>&1 || echo "rebuild failed"; }
        r=$((r + 1))
    done
) >"$TMP/writer.log" 2>&1 &
writer=$!
clients=
for c in 1 2 3 4; do
    (
        while kill -0 $writer 2>/dev/null; do
            curl -sS -g --max-time 20 -o "$TMP/c$c.body" -w '%{http_code}\n' \
                "${URL}api/search?q=%EB%B3%B4%EC%95%88&n=3" >>"$TMP/codes" 2>>"$TMP/codes.err" || echo curl-failed >>"$TMP/codes"
            grep -q '"rank":1' "$TMP/c$c.body" || echo "no-hit" >>"$TMP/codes"
        done
    ) &
    clients="$clients $!"
done
wait $writer
# shellcheck disable=SC2086
wait $clients
check "the updates themselves went through" test ! -s "$TMP/writer.log"
check "requests were made during the updates" test "$(wc -l <"$TMP/codes")" -gt 4
check "every request during the updates answered 200 with hits" \
    test "$(grep -cv '^200$' "$TMP/codes")" -eq 0
grep -v '^200$' "$TMP/codes" | sort | uniq -c | head -3

# ---- stopping
# Never wait unbounded.  A CI run once hung here: start_serve read the
# previous server's URL from a file the shell had not yet truncated, so
# the SIGINT below reached the new server before it had set up its
# signals, while SIGINT was still ignored as in any background job, and
# "wait" never returned (serve-lib.sh now starts from a fresh file, and
# stop_with kills a server still running 10 s after its signal).
stop_with TERM
check "SIGTERM stops it cleanly (exit 0)" test $? -eq 0
start_serve --db "$DB"
stop_with INT
check "SIGINT too" test $? -eq 0

# ---- starting
expect_exit "no index: exit 2" 2 "$SERVE" --db "$TMP/none" --listen 127.0.0.1:0
check "with a message naming it" grep -q "none" "$TMP/err"
expect_exit "a bad --listen: exit 2" 2 "$SERVE" --db "$DB" --listen nonsense
start_serve --db "$DB"
expect_exit "a port in use: exit 2" 2 timeout 10 "$SERVE" --db "$DB" --listen "127.0.0.1:$PORT"
stop_serve
"$SERVE" --db "$DB" --listen 0.0.0.0:0 >"$TMP/wide.out" 2>"$TMP/wide.err" &
wide=$!
sleep 0.5
kill $wide; wait $wide
check "a non-loopback address is warned about loudly" grep -q "WARNING.*not loopback" "$TMP/wide.err"
finish
