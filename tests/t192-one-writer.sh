#!/bin/sh
# One writer at a time, for the writer's whole life (issue 13, point 4):
# while a run swaps a new index in (a sharded build, --compact), held
# there by strace, a second saekin-index exits 75 and changes nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

command -v strace >/dev/null 2>&1 || skip_all "no strace"
strace -f -qq -o /dev/null -e inject=renameat2:delay_exit=1 true 2>/dev/null ||
    skip_all "strace cannot trace or inject here"

N="$TMP/notes"
make_notes "$N" 70
SAEKIN_INDEX_THREADS=2
export SAEKIN_INDEX_THREADS
W="$TMP/w"

# slowed NAME ARGS...: run saekin-index ARGS with every renameat2 held
# 6 s on its way out; return once the first is held.
slowed () {
    rm -f "$TMP/trace"
    strace -f -qq -e signal=none -o "$TMP/trace" -e trace=renameat2 \
        -e inject=renameat2:delay_exit=6000000 "$INDEX" "$@" \
        >"$TMP/slow.out" 2>"$TMP/slow.err" &
    slow_pid=$!
    tries=0
    until grep -q 'renameat2(' "$TMP/trace" 2>/dev/null || [ $tries -ge 900 ]; do
        sleep 0.2; tries=$((tries + 1))
    done
    sleep 0.5
}

slowed --db "$W" "$N"
check "the first writer reached its swap" grep -q 'renameat2(' "$TMP/trace"
expect_exit "a second writer meanwhile exits 75" 75 "$INDEX" --db "$W" "$N"
check "saying another saekin-index is at work" grep -q "being updated by another" "$TMP/err"
wait $slow_pid
check "the first writer finishes (exit $?)" grep -q "^70 notes: 70 added" "$TMP/slow.out"

slowed --db "$W" --compact
check "the compacting writer reached its swap" grep -q 'renameat2(' "$TMP/trace"
expect_exit "a second writer during --compact exits 75" 75 "$INDEX" --db "$W" "$N"
expect_exit "so does a --rebuild" 75 "$INDEX" --db "$W" --rebuild
wait $slow_pid
check "the compaction finishes" grep -q "^70 notes:" "$TMP/slow.out"
expect_exit "the index answers" 0 "$QUERY" --db "$W" uniq7
expect_exit "and is whole" 0 "$INDEX" --db "$W"
check "... every note unchanged" grep -q "0 removed, 70 unchanged" "$TMP/out"
finish
