# tests/lib.sh - shared by the scenario tests: where the programs are, a
# temporary folder, and small assertions that name what failed.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
INDEX="$top_builddir/indexer/saekin-index"
QUERY="$top_builddir/query/saekin-query"
# The programs use the vocabulary compiled into them.
unset SAEKIN_DB NO_COLOR SAEKIN_VOCABULARY
TMP=$(mktemp -d "${TMPDIR:-/tmp}/saekin-test.XXXXXX")
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
XDG_CONFIG_HOME="$TMP/config"; export XDG_CONFIG_HOME
XDG_DATA_HOME="$TMP/data"; export XDG_DATA_HOME

# The output is TAP (automake's tap-driver.sh reads it): "ok - NAME",
# "not ok - NAME", "ok - # SKIP WHY", and the plan "1..N" at the end, so
# each case is counted as passed, failed or skipped.
passed=0
failed=0
skipped=0

ok () { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
not_ok () { failed=$((failed + 1)); printf 'not ok - %s\n' "$1"; }
# skip WHY: a case that cannot run here; counted as skipped, not passed.
skip () { skipped=$((skipped + 1)); printf 'ok - # SKIP %s\n' "$1"; }
# skip_all WHY: nothing of this test can run here.
skip_all () { printf '1..0 # SKIP %s\n' "$1"; exit 0; }

# check NAME COMMAND...: run COMMAND, pass when it succeeds.
check () {
    name=$1; shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# expect_exit NAME CODE COMMAND...: pass when COMMAND exits with CODE.
expect_exit () {
    name=$1; code=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok "$name"
    else not_ok "$name (exit $rc, wanted $code)"; sed 's/^/#   /' "$TMP/err" | head -5; fi
}

# json_field FILE N FIELD: FIELD of the Nth (1-based) JSON line of FILE.
json_field () {
    python3 -c '
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
n = int(sys.argv[2])
v = json.loads(lines[n - 1])[sys.argv[3]] if len(lines) >= n else None
print(json.dumps(v, ensure_ascii=False) if not isinstance(v, (str, int)) else v)
' "$@"
}

# finish: print the summary line CI reads and exit accordingly.
finish () {
    echo "1..$((passed + failed + skipped))"
    echo "# $passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ]
    exit $?
}
