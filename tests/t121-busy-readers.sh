#!/bin/sh
# Readers while a writer is busy (#13.5): one writer updates notes again
# and again, compacting the index every 3 updates (COMPACT_EVERY; 10 in
# the 2-minute run), while 4 readers run
# queries, --status and --dump-entries.  No reader may fail: a writer's
# commit or swap is not damage, and a reader never sees an index half
# swapped in.  BUSY_SECONDS sets the length (CI: 12 s, 6 with
# SAEKIN_TEST_FAST; tools/busy-readers-bench.sh runs it for 2 minutes).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

if [ -n "${BUSY_SECONDS:-}" ]; then secs=$BUSY_SECONDS
elif [ -n "${SAEKIN_TEST_FAST:-}" ]; then secs=6
else secs=12; fi
N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" 80
"$INDEX" --db "$DB" -q "$N" || { not_ok "first build"; finish; }
end=$(( $(date +%s) + secs ))

# The writer: an update a round, --compact every 10th.
(
    r=1
    while [ "$(date +%s)" -lt "$end" ]; do
        for f in "$N"/d$((r % 5))/note0[0-4]*.md; do printf '\n- 인증서 round%d\n' $r >>"$f"; done
        "$INDEX" --db "$DB" -q >/dev/null 2>"$TMP/w.err" || { echo "update $r: $(cat "$TMP/w.err")"; }
        if [ $((r % ${COMPACT_EVERY:-3})) -eq 0 ]; then
            "$INDEX" --db "$DB" --compact -q >/dev/null 2>"$TMP/w.err" || echo "compact $r: $(cat "$TMP/w.err")"
        fi
        r=$((r + 1))
    done
    echo "$r" >"$TMP/rounds"
) >"$TMP/writer.log" 2>&1 &
writer=$!

# reader K: queries, --status and --dump-entries until the writer ends;
# each failure (exit above 1, or no output) is one line of $TMP/bad.K.
reader () {
    k=$1
    n=0
    : >"$TMP/bad.$k"
    while kill -0 $writer 2>/dev/null; do
        for what in 인증서 --status "CloudTrail 로그" --dump-entries aws "uniq1 OR uniq2"; do
            case $what in
                --*) "$INDEX" --db "$DB" "$what" >"$TMP/r.$k" 2>"$TMP/e.$k" ;;
                *) "$QUERY" --db "$DB" -n 20 --json "$what" >"$TMP/r.$k" 2>"$TMP/e.$k" ;;
            esac
            rc=$?
            n=$((n + 1))
            if [ $rc -gt 1 ] || { [ "$what" != "uniq1 OR uniq2" ] && [ ! -s "$TMP/r.$k" ]; }; then
                echo "$what: exit $rc: $(head -1 "$TMP/e.$k")" >>"$TMP/bad.$k"
            fi
        done
    done
    echo $n >"$TMP/count.$k"
}
for k in 1 2 3 4; do reader $k & done
wait
total=0 bad=0
for k in 1 2 3 4; do
    total=$((total + $(cat "$TMP/count.$k")))
    bad=$((bad + $(wc -l <"$TMP/bad.$k")))
    sed 's/^/#   /' "$TMP/bad.$k" | head -3
done
echo "# $secs s: $(cat "$TMP/rounds") writer rounds, $total reads, $bad failed"
check "the writer never failed" test ! -s "$TMP/writer.log"
check "readers ran ($total reads)" test "$total" -gt 8
check "$bad of $total reads failed" test "$bad" -eq 0
snapshot "$DB" "$TMP/a"
expect_exit "clean build" 0 "$INDEX" --db "$TMP/clean" "$N"
snapshot "$TMP/clean" "$TMP/clean"
same_snapshot "the index equals a clean build" "$TMP/a" "$TMP/clean"
finish
