#!/bin/sh
# tools/test.sh - build saekin and run every test (unit and scenario).
# CI (.ci/run) runs exactly this.
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure -q
make -s -j"$(nproc)"
status=0
make -s -j"$(nproc)" check || status=$?
if [ "$status" -ne 0 ]; then
    for f in tests/*.log; do
        grep -q '^FAIL\|^ERROR' "${f%.log}.trs" 2>/dev/null && { echo "== $f"; tail -40 "$f"; }
    done
fi
# The summary automake printed is for people; this line is for CI.
pass=$(grep -h '^:test-result: PASS' tests/*.trs | wc -l)
fail=$(grep -h '^:test-result: \(FAIL\|ERROR\|XPASS\)' tests/*.trs | wc -l)
echo "$pass passed, $fail failed"
exit "$status"
