#!/bin/sh
# saekin-index FILE adds or refreshes one note without walking the rest;
# --status tells what the index holds; --dry-run and --rebuild with paths.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" 30

expect_exit "--status of an index not yet made" 0 "$INDEX" --db "$DB" --status
check "it holds nothing" sh -c "grep -qx 'notes: 0' '$TMP/out' && grep -qx 'entries: 0' '$TMP/out'"
expect_exit "index 30 notes" 0 "$INDEX" --db "$DB" "$N"

expect_exit "--status" 0 "$INDEX" --db "$DB" --status
cp "$TMP/out" "$TMP/status"
check "--status counts 30 notes" grep -qx "notes: 30" "$TMP/status"
check "--status names the root" grep -qx "root: $N" "$TMP/status"
"$INDEX" --db "$DB" --dump-entries >"$TMP/dump"
check "--status counts the entries" \
    grep -qx "entries: $(wc -l <"$TMP/dump" | tr -d ' ')" "$TMP/status"

# A new note and a changed one; only the new one is named.
printf '# fresh\n\n- **Macie** 민감 데이터 검색 zqxfresh\n' >"$N/d2/fresh.md"
printf '\n- zqxother changed\n' >>"$N/d0/note000.md"
expect_exit "dry run of one new file" 0 "$INDEX" --db "$DB" --dry-run "$N/d2/fresh.md"
check "dry run says add, and only that" sh -c "grep -qx 'add $N/d2/fresh.md' '$TMP/out' && test \$(grep -c '^add\|^update\|^remove' '$TMP/out') -eq 1"
expect_exit "nothing found before the run" 1 "$QUERY" --db "$DB" zqxfresh
expect_exit "add one file" 0 "$INDEX" --db "$DB" "$N/d2/fresh.md"
check "only that file was looked at" grep -q "^1 notes: 1 added, 0 updated, 0 removed, 0 unchanged" "$TMP/out"
expect_exit "the new note is found" 0 "$QUERY" --db "$DB" --json zqxfresh
check "at its path" test "$(json_field "$TMP/out" 1 file)" = "$N/d2/fresh.md"
expect_exit "the other change was not picked up (no walk)" 1 "$QUERY" --db "$DB" zqxother

# A relative FILE names the same note as the absolute path.
expect_exit "the same file again, relative" 0 sh -c "cd '$N/d2' && '$INDEX' --db '$DB' fresh.md"
check "it is unchanged" grep -q "^1 notes: 0 added, 0 updated, 0 removed, 1 unchanged" "$TMP/out"
printf -- '- zqxmore\n' >>"$N/d2/fresh.md"
expect_exit "refresh it after a change" 0 "$INDEX" --db "$DB" "$N/d2/fresh.md"
check "it is updated" grep -q "^1 notes: 0 added, 1 updated" "$TMP/out"
expect_exit "the change is found" 0 "$QUERY" --db "$DB" zqxmore
"$INDEX" --db "$DB" --status >"$TMP/status"
check "--status counts 31 notes and still one root" \
    sh -c "grep -qx 'notes: 31' '$TMP/status' && test \$(grep -c '^root: ' '$TMP/status') -eq 1"

# Deleted, then named: it goes, which is no failure.
rm "$N/d2/fresh.md"
expect_exit "name a deleted note" 0 "$INDEX" --db "$DB" "$N/d2/fresh.md"
check "it is removed" grep -q "0 added, 0 updated, 1 removed" "$TMP/out"
expect_exit "and no longer found" 1 "$QUERY" --db "$DB" zqxfresh
expect_exit "a path that never existed fails" 1 "$INDEX" --db "$DB" "$TMP/never.md"
check "the message names it" grep -q "never.md" "$TMP/err"

# A note outside every root stays when the roots are updated.
printf '# outside\n\n- zqxoutside\n' >"$TMP/outside.md"
expect_exit "add a note outside the roots" 0 "$INDEX" --db "$DB" "$TMP/outside.md"
expect_exit "update every root" 0 "$INDEX" --db "$DB"
check "the update picked up the earlier change" grep -q "1 updated" "$TMP/out"
expect_exit "the outside note is still found" 0 "$QUERY" --db "$DB" zqxoutside
"$INDEX" --db "$DB" --status >"$TMP/status"
check "the outside note did not become a root" test "$(grep -c '^root: ' "$TMP/status")" -eq 1

# --rebuild starts over and ends where a clean build does.
rm "$TMP/outside.md"
expect_exit "name the deleted outside note" 0 "$INDEX" --db "$DB" "$TMP/outside.md"
expect_exit "--rebuild" 0 "$INDEX" --db "$DB" --rebuild
check "every note was read again" grep -q "^30 notes: 30 added" "$TMP/out"
expect_exit "clean build" 0 "$INDEX" --db "$TMP/clean" "$N"
snapshot "$DB" "$TMP/reb"
snapshot "$TMP/clean" "$TMP/clean"
same_snapshot "rebuilt index equals a clean build" "$TMP/reb" "$TMP/clean"
finish
