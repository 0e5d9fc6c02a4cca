#!/bin/sh
# tools/deps.sh - install the Debian packages saekin needs that are missing
# (apt-get, through sudo when not root).  Sourced by quickstart.sh and
# test.sh; run it alone to install only.
#   deps.sh [--bench]   --bench adds what the benchmarks compare against.
set -eu
need="autoconf automake libtool pkg-config make gcc g++ python3
libxapian-dev libicu-dev libcmark-gfm-dev libcmark-gfm-extensions-dev check
libmicrohttpd-dev curl xapian-tools clang libclang-rt-dev valgrind locales strace"
[ "${1:-}" = --bench ] && need="$need xapian-omega python3-xapian sqlite3 ripgrep"
# The browser test (tools/browser-test.sh): Debian's chromium, a Korean
# font for its screenshot, node and npm (for playwright-core) unless a
# node is there already.
need="$need chromium fonts-nanum"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
missing=
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "deps: installing$missing" >&2
    sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
