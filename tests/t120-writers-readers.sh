#!/bin/sh
# Two writers: the second is refused at once (exit 75, EX_TEMPFAIL) with a
# message saying the index is being updated.  Readers (queries and
# --status) keep working while a writer commits, again and again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" "$(sized 200 80)"

# Writer one builds the index.  Once it holds the write lock it is
# stopped (SIGSTOP keeps the lock), so that the second writer surely
# meets it however fast the machine.
"$INDEX" --db "$DB" --status >/dev/null
"$INDEX" --db "$DB" "$N" >"$TMP/w1.out" 2>"$TMP/w1.err" &
w1=$!
i=0
while [ $i -lt 2000 ] && kill -0 $w1 2>/dev/null && ! locked "$DB"; do i=$((i + 1)); done
if kill -STOP $w1 2>/dev/null && locked "$DB"; then
    python3 -c 'import time; print(time.monotonic())' >"$TMP/t0"
    "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    python3 -c 'import time; print(time.monotonic())' >"$TMP/t1"
    "$INDEX" --db "$DB" --status >"$TMP/s.out" 2>"$TMP/s.err"
    src=$?
    kill -CONT $w1
    check "second writer exits 75 (EX_TEMPFAIL)" test "$rc" -eq 75
    check "second writer says the index is being updated" \
        grep -q "^saekin-index: .*db.*being updated" "$TMP/err"
    check "with one line" test "$(wc -l <"$TMP/err")" -eq 1
    check "second writer is refused at once (under 3 s)" \
        python3 -c "import sys; sys.exit(float(open('$TMP/t1').read()) - float(open('$TMP/t0').read()) > 3)"
    check "--status while a writer runs still answers" \
        sh -c "test $src -eq 0 && grep -q '^notes: ' '$TMP/s.out'"
else
    kill -CONT $w1 2>/dev/null
    not_ok "writer one finished before it could be caught holding the lock"
fi
wait $w1
check "writer one was not disturbed" grep -q "notes: $(sized 200 80) added" "$TMP/w1.out"
expect_exit "after it, a second writer works" 0 "$INDEX" --db "$DB"

# Readers while a writer commits again and again: every query answers.
(
    r=1
    while [ $r -le "$(sized 8 3)" ]; do
        for f in "$N"/d$((r % 5))/*.md; do printf '\n- 인증서 round%d\n' $r >>"$f"; done
        "$INDEX" --db "$DB" -q >/dev/null 2>&1 || echo "writer failed in round $r"
        r=$((r + 1))
    done
) >"$TMP/writer.log" &
writer=$!
queries=0
bad=0
while kill -0 $writer 2>/dev/null; do
    for q in 인증서 KMS "CloudTrail 로그" aws --status; do
        if [ "$q" = --status ]; then
            "$INDEX" --db "$DB" --status >/dev/null 2>"$TMP/qerr"
        else
            "$QUERY" --db "$DB" -n 50 --json "$q" >/dev/null 2>"$TMP/qerr"
        fi
        rc=$?
        queries=$((queries + 1))
        if [ $rc -gt 1 ]; then
            bad=$((bad + 1))
            sed 's/^/#   /' "$TMP/qerr" | head -2
        fi
    done
done
wait $writer
check "the writer committed each time without failing" test ! -s "$TMP/writer.log"
check "$queries queries and --status runs during the writes all answered" test "$bad" -eq 0
check "queries did run during the writes" test "$queries" -gt 4
snapshot "$DB" "$TMP/a"
expect_exit "clean build" 0 "$INDEX" --db "$TMP/clean" "$N"
snapshot "$TMP/clean" "$TMP/clean"
same_snapshot "the written index equals a clean build" "$TMP/a" "$TMP/clean"
finish
