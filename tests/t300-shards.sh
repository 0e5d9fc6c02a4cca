#!/bin/sh
# A fresh build split into shards built on several threads and merged
# (lib/index-shards.c) gives the very index one thread gives: the same entries,
# the same ranking with the same scores, the same problems told in the
# same order; the index then updates as any other; nothing is left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
make_notes "$N" 40
# Problems in notes that fall in different shards, to check their order.
printf '# broken \377 utf8 zqxbroken\n\n- text\n' >"$TMP/notes/d0/note000a.md"
printf 'binary\000file\n' >"$TMP/notes/d4/note039z.md"

for t in 1 2 3; do
    SAEKIN_INDEX_THREADS=$t
    export SAEKIN_INDEX_THREADS
    expect_exit "build on $t thread(s) (one note is binary)" 1 \
        "$INDEX" --db "$TMP/db$t" "$N"
    cp "$TMP/out" "$TMP/report$t"
    cp "$TMP/err" "$TMP/problems$t"
    snapshot "$TMP/db$t" "$TMP/snap$t"
done
unset SAEKIN_INDEX_THREADS

nonempty_snapshot "the one-thread build holds entries and hits" "$TMP/snap1"
same_snapshot "2 shards: same entries and ranking as one thread" "$TMP/snap1" "$TMP/snap2"
same_snapshot "3 shards: same entries and ranking as one thread" "$TMP/snap1" "$TMP/snap3"
check "dumps in the same (docid) order" sh -c \
    "'$INDEX' --db '$TMP/db1' --dump-entries >'$TMP/d1' &&
     '$INDEX' --db '$TMP/db3' --dump-entries >'$TMP/d3' && cmp -s '$TMP/d1' '$TMP/d3'"
check "same report line" sh -c \
    "sed 's/ in [0-9.]* s\$//' '$TMP/report1' >'$TMP/r1' &&
     sed 's/ in [0-9.]* s\$//' '$TMP/report3' >'$TMP/r3' && cmp -s '$TMP/r1' '$TMP/r3'"
check "the report counts 42 notes, 1 failed" grep -q "^42 notes: 41 added, .* 1 failed" "$TMP/report3"
check "same problems, in the same order" cmp -s "$TMP/problems1" "$TMP/problems3"
check "both problems told" sh -c \
    "grep -q 'note000a.md:1: invalid UTF-8' '$TMP/problems3' &&
     grep -q 'note039z.md:1: binary' '$TMP/problems3'"
check "the invalid UTF-8 is told before the binary file" sh -c \
    "test \$(grep -n 'invalid UTF-8' '$TMP/problems3' | cut -d: -f1) -lt \
          \$(grep -n 'binary' '$TMP/problems3' | cut -d: -f1)"
check "no shard or scratch folder left" sh -c \
    "! ls -d '$TMP'/db3.* 2>/dev/null | grep -q . && test -z \"\$(ls -A '$TMP/db3/tmp')\""
expect_exit "--status after a sharded build" 0 "$INDEX" --db "$TMP/db3" --status
check "it counts 41 notes and names the root" sh -c \
    "grep -qx 'notes: 41' '$TMP/out' && grep -qx 'root: $N' '$TMP/out'"

# The merged index updates like any other, on one thread.
SAEKIN_INDEX_THREADS=3
export SAEKIN_INDEX_THREADS
printf '\n- zqxchanged 새 항목\n' >>"$N/d1/note001.md"
rm "$N/d2/note002.md"
printf '# new\n\n- zqxnew 추가된 노트\n' >"$N/d3/new.md"
expect_exit "update the merged index" 1 "$INDEX" --db "$TMP/db3"
check "1 added, 1 updated, 1 removed" grep -q "1 added, 1 updated, 1 removed" "$TMP/out"
expect_exit "the changed note is found" 0 "$QUERY" --db "$TMP/db3" zqxchanged
expect_exit "the new note is found" 0 "$QUERY" --db "$TMP/db3" zqxnew
"$QUERY" --db "$TMP/db3" --json -n 1000 aws >"$TMP/hits" 2>/dev/null
check "the removed note is gone" sh -c "! grep -q 'note002.md' '$TMP/hits'"
printf '# one more\n\n- zqxsingle\n' >"$N/d0/single.md"
expect_exit "add a single note" 0 "$INDEX" --db "$TMP/db3" "$N/d0/single.md"
check "only it was looked at" grep -q "^1 notes: 1 added, 0 updated, 0 removed, 0 unchanged" "$TMP/out"
expect_exit "it is found" 0 "$QUERY" --db "$TMP/db3" zqxsingle

# A rebuild in shards equals a one-thread build of the same notes.
expect_exit "rebuild in 3 shards" 1 "$INDEX" --db "$TMP/db3" --rebuild
SAEKIN_INDEX_THREADS=1
expect_exit "the same notes on one thread" 1 "$INDEX" --db "$TMP/db4" "$N"
unset SAEKIN_INDEX_THREADS
snapshot "$TMP/db3" "$TMP/snap3b"
snapshot "$TMP/db4" "$TMP/snap4"
same_snapshot "a sharded rebuild equals a one-thread build" "$TMP/snap4" "$TMP/snap3b"
expect_exit "--status after the rebuild" 0 "$INDEX" --db "$TMP/db3" --status
check "the root is kept, the notes counted once" sh -c \
    "grep -qx 'root: $N' '$TMP/out' && grep -qx 'notes: 42' '$TMP/out'"

# --compact keeps the ranking (the binary note still fails the update
# that comes first).
expect_exit "--compact" 1 "$INDEX" --db "$TMP/db4" --compact
snapshot "$TMP/db4" "$TMP/snap4c"
same_snapshot "the compacted index ranks the same" "$TMP/snap4" "$TMP/snap4c"
printf -- '- zqxafter\n' >>"$N/d0/single.md"
expect_exit "it still takes updates" 0 "$INDEX" --db "$TMP/db4" "$N/d0/single.md"
expect_exit "the update is found" 0 "$QUERY" --db "$TMP/db4" zqxafter
finish
