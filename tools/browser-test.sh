#!/bin/sh
# tools/browser-test.sh - saekin-serve's page in Debian's chromium,
# driven by playwright-core (pinned in tests/browser/package.json,
# installed here with npm ci; never a downloaded browser).  Run by
# tools/test.sh after the build; exits 77 (skipped) only when chromium
# or node cannot be had.  The screenshot it takes is left in
# tests/artefacts/serve-page.png.
#   browser-test.sh [BUILDDIR]
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
build=${1:-$top}
for p in /usr/bin/chromium node npm; do
    command -v "$p" >/dev/null 2>&1 || { echo "browser test: $p missing (install the Debian packages chromium, nodejs, npm)"; exit 77; }
done
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent) ||
        { echo "browser test: npm ci failed in tests/browser"; exit 1; }
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/saekin-browser.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/notes" tests/artefacts
cat >"$tmp/notes/vpc.md" <<'MD'
# VPC 정리

## 보안 그룹

보안 그룹은 인스턴스 수준의 가상 방화벽이다. 상태 저장(stateful)이라 응답 트래픽은 자동으로 허용된다.

- 인바운드 규칙과 아웃바운드 규칙
- [보안 그룹 문서](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html)

## 네트워크 ACL

서브넷 수준의 방화벽. 상태 비저장이라 응답 트래픽도 규칙이 필요하다. 보안 계층을 하나 더 둔다.
MD
cat >"$tmp/notes/graph.md" <<'MD'
# 분석

## 보안 그래프

보안 그래프는 계정과 권한의 관계를 한눈에 보여 준다.
MD
cat >"$tmp/notes/kms.md" <<'MD'
# KMS

KMS 키 교체는 1년마다 자동으로 할 수 있다. 보안 감사를 위해 CloudTrail에 기록된다.
MD
cat >"$tmp/notes/xss.md" <<'MD'
# \<img src=x onerror=alert(1)\> 위험한 제목

<script>alert("xss")</script>

본문 `<script>alert(2)</script>` 위험한 링크 [눌러 보기](javascript:alert(1)) 와 xsscanary 단어.
MD
"$build/indexer/saekin-index" --db "$tmp/db" "$tmp/notes" >/dev/null 2>&1 ||
    { echo "browser test: indexing failed"; exit 1; }
"$build/serve/saekin-serve" --db "$tmp/db" --listen 127.0.0.1:0 >"$tmp/url" 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! [ -s "$tmp/url" ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$tmp/url")
[ -n "$url" ] || { echo "browser test: saekin-serve did not start"; cat "$tmp/err"; exit 1; }
timeout 180 node tests/browser/serve-page.mjs "$url" "$top/tests/artefacts/serve-page.png"
