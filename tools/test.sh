#!/bin/sh
# tools/test.sh - build saekin and run every test (unit and scenario).
# CI (.ci/run) runs exactly this.
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
[ -x configure ] || autoreconf -fi
# Warnings are errors here (CI): configure's warning set stays clean.
[ -f Makefile ] || ./configure -q --enable-werror
make -s -j"$(nproc)"
status=0
make -s -j"$(nproc)" check || status=$?
if [ "$status" -ne 0 ]; then
    for f in tests/*.log; do
        grep -q '^FAIL\|^ERROR' "${f%.log}.trs" 2>/dev/null && { echo "== $f"; tail -40 "$f"; }
    done
fi
# The summary automake printed is for people; this line is for CI.
# Scenario tests count each case (TAP), unit tests each program.
pass=$(grep -h '^:test-result: PASS' tests/*.trs | wc -l)
fail=$(grep -h '^:test-result: \(FAIL\|ERROR\|XPASS\)' tests/*.trs | wc -l)
skip=$(grep -h '^:test-result: SKIP' tests/*.trs | wc -l)

# ---- the search page in chromium (issue 12) ---------------------------
# One more test, counted in the last line; its screenshot is left in
# tests/artefacts/serve-page.png.  Skipped (77) only when chromium or
# node cannot be had.
brc=0
sh tools/browser-test.sh >tests/browser-test.log 2>&1 || brc=$?
tail -1 tests/browser-test.log
case $brc in
0) pass=$((pass + 1)) ;;
77) echo "browser test skipped: $(head -1 tests/browser-test.log)" ;;
*) fail=$((fail + 1)); status=1; grep -v '^ok' tests/browser-test.log | tail -20 ;;
esac

# ---- robustness (issue 4): sanitizers, valgrind, fuzzing --------------
# Three more passes, each counted in the last line:
#   1. the whole `make check` again, built with AddressSanitizer and
#      UndefinedBehaviorSanitizer (--enable-sanitizers) from a `make
#      distdir` copy, the scenario tests at their quick sizes;
#   2. valgrind (memcheck) over the unit tests and a few program runs:
#      no error and no definite or indirect leak;
#   3. a short bounded run of each libFuzzer target (when clang's fuzzer
#      runtime is there).
# SAEKIN_TEST_FAST=1 skips them; FUZZ_SECONDS (default 20) sets pass 3.
if [ -z "${SAEKIN_TEST_FAST:-}" ]; then
    . tools/test-robust.sh
fi

echo "$pass passed, $fail failed, $skip skipped"
exit "$status"
