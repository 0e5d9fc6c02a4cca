#!/bin/sh
# saekin-index --watch: notes saved, created, atomically saved, renamed,
# deleted, or put in new folders are searchable (or gone) at once; swap
# files are ignored; other writers still work; out of inotify watches it
# falls back to walking the notes; SIGTERM ends it.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N/os"
printf '# 교착상태\n\nzqxfirst 상호 배제\n' >"$N/os/deadlock.md"

# found WORD FILE: within 5 s (a loaded machine; tools/watch-latency.sh
# measures the real delay) the best hit for WORD is FILE.
found () {
    i=0
    while [ $i -lt 50 ]; do
        if [ "$("$QUERY" --db "$DB" --json -n 1 -- "$1" 2>/dev/null |
                python3 -c 'import json,sys; l=sys.stdin.readline(); print(json.loads(l)["file"] if l else "")')" = "$2" ]; then
            return 0
        fi
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
# gone WORD: within 5 s nothing matches WORD.
gone () {
    i=0
    while [ $i -lt 50 ]; do
        "$QUERY" --db "$DB" -- "$1" >/dev/null 2>&1
        [ $? -eq 1 ] && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

"$INDEX" --db "$DB" --watch "$N" >"$TMP/watch.out" 2>"$TMP/watch.err" &
W=$!
check "the notes there at the start are indexed" found zqxfirst "$N/os/deadlock.md"
check "the folder is recorded as a root" sh -c "'$INDEX' --db '$DB' --status | grep -qx 'root: $N'"

printf '# new\n\nzqxnew 새 노트\n' >"$N/new.md"
check "a new note is searchable" found zqxnew "$N/new.md"

# An editor's atomic save: write a temporary file, rename it over the note.
printf '# new\n\nzqxsaved 고친 노트\n' >"$N/.new.md.tmp1234"
mv "$N/.new.md.tmp1234" "$N/new.md"
check "an atomic save is searchable" found zqxsaved "$N/new.md"
check "and the old text is gone" gone zqxnew

# Swap and backup files are no notes.
printf 'zqxswap\n' >"$N/.new.md.swp"
printf 'zqxswap\n' >"$N/new.md~"
printf '# sync\n\nzqxsync\n' >"$N/sync.md"
check "(a later note is seen)" found zqxsync "$N/sync.md"
expect_exit "swap files are not indexed" 1 "$QUERY" --db "$DB" zqxswap

mv "$N/new.md" "$N/renamed.md"
check "a renamed note is found under its new name" found zqxsaved "$N/renamed.md"
expect_exit "and only there" 0 "$QUERY" --db "$DB" --json zqxsaved
check "(one hit)" test "$(wc -l <"$TMP/out")" -eq 1

rm "$N/renamed.md"
check "a deleted note is gone" gone zqxsaved

mkdir -p "$N/fresh/deeper"
printf '# deep\n\nzqxdeep\n' >"$N/fresh/deeper/deep.md"
check "a note in a new folder is searchable" found zqxdeep "$N/fresh/deeper/deep.md"
printf '# later\n\nzqxlater\n' >"$N/fresh/deeper/later.md"
check "the new folder is watched" found zqxlater "$N/fresh/deeper/later.md"
mv "$N/fresh" "$TMP/moved-away"
check "a folder moved away takes its notes" gone zqxlater

# Other writers meanwhile: they run (or exit 75 if they meet the watcher
# writing), and no change is lost.
printf '# other\n\nzqxother\n' >"$TMP/other.md"
"$INDEX" --db "$DB" "$TMP/other.md" >/dev/null 2>&1
rc=$?
check "another saekin-index runs meanwhile (exit $rc)" test $rc -eq 0 -o $rc -eq 75
for k in 1 2 3 4 5; do
    printf '# burst\n\nzqxburst%s\n' $k >"$N/burst$k.md" &
    "$INDEX" --db "$DB" -q >/dev/null 2>&1 &
done
wait_others () { for p in $(jobs -p); do [ "$p" = "$W" ] || wait "$p"; done; }
wait_others
check "no change is lost while others write" found zqxburst5 "$N/burst5.md"
check "(nor the first)" found zqxburst1 "$N/burst1.md"

kill -TERM $W
i=0; while kill -0 $W 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "SIGTERM ends it" sh -c "! kill -0 $W 2>/dev/null"
wait $W
rc=$?
check "with status 0 (got $rc)" test $rc -eq 0
check "it said what it indexed" grep -q "^indexed $N/sync.md" "$TMP/watch.out"
check "and what it removed" grep -q "^removed $N/renamed.md" "$TMP/watch.out"
check "and no failure" sh -c "! grep -v 'watch limit' '$TMP/watch.err' | grep -q ."

# Out of watches: it says so, and walks the notes instead.
SAEKIN_WATCH_MAX=1 "$INDEX" --db "$DB" --watch "$N" >"$TMP/watch2.out" 2>"$TMP/watch2.err" &
W=$!
sleep 0.5
printf '# unwatched\n\nzqxunwatched\n' >"$N/os/unwatched.md"
check "out of watches, a note is still found" found zqxunwatched "$N/os/unwatched.md"
check "and the limit was told" grep -q "max_user_watches" "$TMP/watch2.err"
kill -INT $W
wait $W
check "SIGINT ends it with 0" test $? -eq 0

expect_exit "nothing to watch is an error" 2 "$INDEX" --db "$TMP/empty-db" --watch
finish
