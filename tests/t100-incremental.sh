#!/bin/sh
# Incremental updates: after notes are added, changed, touched, renamed
# and deleted, an update run leaves exactly the index a clean build of
# the same notes gives (same entries, same ranking), and reads only what
# changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" 40

expect_exit "first run indexes 40 notes" 0 "$INDEX" --db "$DB" "$N"
check "report counts 40 added" grep -q "40 notes: 40 added, 0 updated, 0 removed" "$TMP/out"
snapshot "$DB" "$TMP/s0"
nonempty_snapshot "the first index holds entries and answers" "$TMP/s0"

expect_exit "an update with nothing changed" 0 "$INDEX" --db "$DB"
check "nothing changed: all 40 unchanged, no entry written" \
    grep -q "40 notes: 0 added, 0 updated, 0 removed, 40 unchanged, 0 failed; 0 entries" "$TMP/out"
snapshot "$DB" "$TMP/s1"
same_snapshot "an update with nothing changed changes nothing" "$TMP/s0" "$TMP/s1"

# Add, change, touch, rename, delete.
printf '# brand new\n\n- **KMS** key rotation uniq999\n' >"$N/d1/new.md"
mkdir "$N/d9"
printf '# deep new\n\n## 인증서 갱신\n\nACM 인증서 uniq998\n' >"$N/d9/new2.md"
printf '\n- **KMS** 고객 관리형 키 changed\n' >>"$N/d0/note000.md"
sed -i 's/uniq2$/uniq2 CloudTrail 로그 추적/' "$N/d2/note002.md"
touch -d '2001-01-01 00:00' "$N/d3/note003.md"   # a touch: time changes, content not
mv "$N/d4/note004.md" "$N/d4/renamed004.md"
rm "$N/d0/note005.md" "$N/d1/note006.md"
rm "$N/d3/note008.md"

expect_exit "dry run of the update" 0 "$INDEX" --db "$DB" --dry-run
cp "$TMP/out" "$TMP/dry"
check "dry run lists the two added and the renamed note" \
    sh -c "grep -qx 'add $N/d1/new.md' '$TMP/dry' && grep -qx 'add $N/d9/new2.md' '$TMP/dry' \
           && grep -qx 'add $N/d4/renamed004.md' '$TMP/dry'"
check "dry run lists the two changed notes as updates" \
    sh -c "grep -qx 'update $N/d0/note000.md' '$TMP/dry' && grep -qx 'update $N/d2/note002.md' '$TMP/dry'"
check "dry run lists the four removed notes" \
    test "$(grep -c '^remove ' "$TMP/dry")" -eq 4
check "dry run does not list the touched note" sh -c "! grep -q note003 '$TMP/dry'"
snapshot "$DB" "$TMP/s2"
same_snapshot "a dry run changes nothing" "$TMP/s0" "$TMP/s2"

expect_exit "the update" 0 "$INDEX" --db "$DB"
check "update report: 3 added, 2 updated, 4 removed, 34 unchanged" \
    grep -q "39 notes: 3 added, 2 updated, 4 removed, 34 unchanged, 0 failed" "$TMP/out"
snapshot "$DB" "$TMP/inc"

# A clean build of the same notes, in a new index and by --rebuild.
expect_exit "clean build in a new index" 0 "$INDEX" --db "$TMP/clean" "$N"
snapshot "$TMP/clean" "$TMP/clean"
nonempty_snapshot "the clean build answers" "$TMP/clean"
same_snapshot "updated index equals a clean build" "$TMP/inc" "$TMP/clean"

# Asking for fewer hits gives the first of the same ranking.
for db in "$TMP/clean" "$DB"; do
    printf '%s\n' "$SNAP_QUERIES" | while IFS= read -r q; do
        "$QUERY" --db "$db" --json -n 200 -- "$q" | head -10 >"$TMP/top200"
        "$QUERY" --db "$db" --json -n 10 -- "$q" >"$TMP/top10"
        cmp -s "$TMP/top200" "$TMP/top10" || echo "$q"
    done >"$TMP/unlike"
    check "the best 10 are the first 10 of the best 200 ($(basename "$db"))" \
        test ! -s "$TMP/unlike"
    sed 's/^/#   /' "$TMP/unlike"
done
check "the new note is found" grep -q "d1/new.md" "$TMP/inc.entries"
check "the deleted notes are gone" sh -c "! grep -q 'note005.md\|note006.md\|note008.md' '$TMP/inc.entries'"

expect_exit "--rebuild of the updated index" 0 "$INDEX" --db "$DB" --rebuild
check "rebuild reads every note again" grep -q "39 notes: 39 added, 0 updated" "$TMP/out"
snapshot "$DB" "$TMP/reb"
same_snapshot "rebuilt index equals a clean build" "$TMP/reb" "$TMP/clean"

# Changed content with the same size and time is not even read: proof
# that unchanged notes are skipped on size and time alone.
f="$N/d1/note011.md"
touch -r "$f" "$TMP/stamp"
sed -i 's/uniq11/UNIQ11/' "$f"
touch -r "$TMP/stamp" "$f"
expect_exit "update after a same-size, same-time edit" 0 "$INDEX" --db "$DB"
check "that note was not read" grep -q "0 added, 0 updated, 0 removed, 39 unchanged" "$TMP/out"
touch "$f"
expect_exit "update after its time changes" 0 "$INDEX" --db "$DB"
check "now it is read and updated" grep -q "0 added, 1 updated, 0 removed, 38 unchanged" "$TMP/out"

# Many rounds of random edits, each checked against a clean build.
round=1
while [ $round -le "$(sized 3 1)" ]; do
    python3 - "$N" "$round" <<'PY'
import os, random, sys
root, r = sys.argv[1], int(sys.argv[2])
rnd = random.Random(r)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
for f in rnd.sample(files, 6):
    act = rnd.choice(["append", "delete", "truncate", "rewrite"])
    if act == "append":
        open(f, "a", encoding="utf-8").write("\n- **라운드 %d** round%d 로그\n" % (r, r))
    elif act == "delete":
        os.remove(f)
    elif act == "truncate":
        open(f, "w").close()
    else:
        t = open(f, encoding="utf-8").read()
        open(f, "w", encoding="utf-8").write(t.replace("서비스", "service"))
for k in range(2):
    with open(os.path.join(root, "d%d" % k, "r%d-%d.md" % (r, k)), "w", encoding="utf-8") as o:
        o.write("# round %d\n\n- 인증서 KMS aws round%d\n" % (r, r))
PY
    "$INDEX" --db "$DB" -q
    rm -rf "$TMP/c$round"
    "$INDEX" --db "$TMP/c$round" -q "$N"
    snapshot "$DB" "$TMP/i$round"
    snapshot "$TMP/c$round" "$TMP/c$round"
    same_snapshot "round $round of random edits equals a clean build" "$TMP/i$round" "$TMP/c$round"
    round=$((round + 1))
done

# A root given as a relative path stays the same folder when the next
# update runs from elsewhere: no note is dropped.
mkdir -p "$TMP/rel/notes" "$TMP/elsewhere"
cp "$top_srcdir/corpus/aws-word-summary.md" "$TMP/rel/notes/a.md"
(cd "$TMP/rel" && "$INDEX" --db "$TMP/reldb" -q notes) >"$TMP/out" 2>&1
(cd "$TMP/elsewhere" && "$INDEX" --db "$TMP/reldb") >"$TMP/out" 2>&1
check "an update from another folder keeps a relative root's notes" \
    grep -q "1 notes: 0 added, 0 updated, 0 removed, 1 unchanged" "$TMP/out"
expect_exit "its note is still found" 0 "$QUERY" --db "$TMP/reldb" 인증서
(cd "$TMP/rel" && "$INDEX" --db "$TMP/reldb" -q ./notes/ notes//) >"$TMP/out" 2>&1
"$INDEX" --db "$TMP/reldb" --status >"$TMP/status"
check "./notes/ and notes// name the same root" test "$(grep -c '^root: ' "$TMP/status")" -eq 1
check "and the same note" grep -q "^notes: 1$" "$TMP/status"

# A root that disappears keeps its notes (it may be a disk not mounted)
# until the person says --forget (issue 13, point 1; see t180-roots.sh).
mv "$TMP/rel/notes" "$TMP/rel/moved"
expect_exit "update after the root folder is gone: exit 1" 1 "$INDEX" --db "$TMP/reldb"
check "a gone root is reported" grep -q "cannot be read" "$TMP/err"
expect_exit "its notes are still found" 0 "$QUERY" --db "$TMP/reldb" 인증서
expect_exit "--forget it" 0 "$INDEX" --db "$TMP/reldb" --forget "$TMP/rel/notes"
expect_exit "its notes are no longer found" 1 "$QUERY" --db "$TMP/reldb" 인증서
finish
