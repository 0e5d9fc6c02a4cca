#!/bin/sh
# kill -9 at any moment of a run leaves an index that opens and answers,
# holding exactly what it held before the run (one transaction), and the
# next run finishes the work: the index then equals a clean build.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" "$(sized 200 80)"

# now_ms: a clock in milliseconds.
now_ms () { python3 -c 'import time; print(int(time.monotonic() * 1000))'; }

# kill_after DELAY_MS ARGS...: start saekin-index ARGS, kill -9 it after
# DELAY_MS; KILLED=1 when it was still running then.
kill_after () {
    delay=$1; shift
    "$INDEX" "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
    if kill -9 "$pid" 2>/dev/null; then KILLED=1; else KILLED=0; fi
    wait "$pid" 2>/dev/null
}

# answers NAME: the index opens and answers (exit 0 or 1, never 2).
answers () {
    "$QUERY" --db "$DB" 인증서 >/dev/null 2>"$TMP/qerr"
    rc=$?
    if [ "$rc" -le 1 ]; then ok "$1"
    else not_ok "$1 (exit $rc)"; sed 's/^/#   /' "$TMP/qerr"; fi
}

# Killed during the very first run (the index is being created).
kill_after 300 --db "$DB" "$N"
answers "killed during the first run: the index opens and answers"
"$INDEX" --db "$DB" --dump-entries >"$TMP/dump" 2>/dev/null
check "and holds nothing or everything" \
    sh -c "test ! -s '$TMP/dump' || test $KILLED -eq 0"

start=$(now_ms)
expect_exit "the next run finishes the work" 0 "$INDEX" --db "$DB" "$N"
took=$(( $(now_ms) - start ))
expect_exit "a clean build" 0 "$INDEX" --db "$TMP/clean" "$N"
snapshot "$DB" "$TMP/a"
snapshot "$TMP/clean" "$TMP/clean"
nonempty_snapshot "the clean build answers" "$TMP/clean"
same_snapshot "after the re-run the index equals a clean build" "$TMP/a" "$TMP/clean"

# edit_notes ROUND: change 80 notes, delete 10, add 10.
edit_notes () {
    python3 - "$N" "$1" <<'PY'
import os, random, sys
root, r = sys.argv[1], int(sys.argv[2])
rnd = random.Random(r)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
for f in rnd.sample(files, 80):
    open(f, "a", encoding="utf-8").write("\n- **kill round %d** 로그 추적 k%d\n" % (r, r))
for f in rnd.sample(files, 10):
    if os.path.exists(f):
        os.remove(f)
for k in range(10):
    with open(os.path.join(root, "d%d" % (k % 5), "k%d-%d.md" % (r, k)), "w", encoding="utf-8") as o:
        o.write("# kill %d\n\n- 인증서 KMS k%d\n" % (r, r))
PY
}

# How long an update of that size takes, to spread the kills over it.
edit_notes 0
start=$(now_ms)
expect_exit "a timed update" 0 "$INDEX" --db "$DB"
took=$(( $(now_ms) - start ))

# Killed during updates, at points spread over a run (and its commit).
round=1
for pct in $(sized "15 50 90 100" "60"); do
    edit_notes $round
    snapshot "$DB" "$TMP/before"
    kill_after $((took * pct / 100)) --db "$DB"
    answers "round $round (killed at ${pct}%): the index opens and answers"
    "$INDEX" --db "$DB" --dump-entries 2>/dev/null | LC_ALL=C sort >"$TMP/now.entries"
    rm -rf "$TMP/clean"
    "$INDEX" --db "$TMP/clean" -q "$N"
    snapshot "$TMP/clean" "$TMP/clean"
    if cmp -s "$TMP/now.entries" "$TMP/before.entries"; then state=before
    elif cmp -s "$TMP/now.entries" "$TMP/clean.entries"; then state=after
    else state=half; fi
    [ "$KILLED" -eq 1 ] || state="$state, finished before the kill"
    check "round $round: the killed run left the index before or after it ($state)" \
        test "$state" != half
    expect_exit "round $round: the next run finishes" 0 "$INDEX" --db "$DB"
    snapshot "$DB" "$TMP/a"
    same_snapshot "round $round: then the index equals a clean build" "$TMP/a" "$TMP/clean"
    round=$((round + 1))
done

# Killed during --rebuild, which builds in shards and swaps the new index
# in for the old one.
start=$(now_ms)
expect_exit "a timed --rebuild" 0 "$INDEX" --db "$DB" --rebuild
took=$(( $(now_ms) - start ))
for pct in $(sized "50 95" "90"); do
    edit_notes $round
    snapshot "$DB" "$TMP/before"
    kill_after $((took * pct / 100)) --db "$DB" --rebuild
    answers "rebuild round $round (killed at ${pct}%): the index opens and answers"
    "$INDEX" --db "$DB" --dump-entries 2>/dev/null | LC_ALL=C sort >"$TMP/now.entries"
    rm -rf "$TMP/clean"
    "$INDEX" --db "$TMP/clean" -q "$N"
    snapshot "$TMP/clean" "$TMP/clean"
    if cmp -s "$TMP/now.entries" "$TMP/before.entries"; then state=before
    elif cmp -s "$TMP/now.entries" "$TMP/clean.entries"; then state=after
    else state=half; fi
    [ "$KILLED" -eq 1 ] || state="$state, finished before the kill"
    check "rebuild round $round: the index is as before or after ($state)" \
        test "$state" != half
    expect_exit "rebuild round $round: the next run finishes" 0 "$INDEX" --db "$DB"
    # (a rebuild killed amid building leaves its folder for the next
    # writer to remove; --dump-entries above only reads)
    check "rebuild round $round: then no folder is left beside the index" \
        sh -c "! ls -d '$DB'.* 2>/dev/null | grep -v shard"
    snapshot "$DB" "$TMP/a"
    same_snapshot "rebuild round $round: then the index equals a clean build" "$TMP/a" "$TMP/clean"
    round=$((round + 1))
done
finish
