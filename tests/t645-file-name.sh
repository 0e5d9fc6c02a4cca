#!/bin/sh
# A word of a note's file name counts for the note's first passage only
# (issue 10, point 5): it finds the note, and lifts none of its other
# passages, which never say it.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
printf '# 개요\n\n첫 문단이다.\n\n## 세부\n\n둘째 절이다.\n\n## 더\n\n셋째 절이다.\n' >"$N/zqxfname-guide.md"
expect_exit "index the note" 0 "$INDEX" --db "$DB" "$N"
expect_exit "a word of the file name finds the note" 0 "$QUERY" --db "$DB" --json zqxfname
check "its first passage" test "$(json_field "$TMP/out" 1 line)" = 1
check "and only that one" test "$(wc -l <"$TMP/out")" -eq 1
finish
