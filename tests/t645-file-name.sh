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

# The note's name is its first passage's title key, as an H1 title would
# be, without the numbering that orders a course's files; a README goes
# by its folder's name.  Elsewhere the name's words are only said in
# passing, in passages that would otherwise rank first (shorter, and the
# words twice).
mkdir -p "$N/course/3-1-1. Zqxlake Widgets"
printf '## Overview\n\nA guide to the feature and how it is used in practice by many teams.\n' \
    >"$N/course/XIII. Zqxmoor Gauge.md"
printf '## Overview\n\nWhat the feature is for, and how it is used in practice by many teams.\n' \
    >"$N/course/3-1-1. Zqxlake Widgets/README.md"
printf '# Misc\n\nZqxmoor gauge, zqxmoor gauge.\n\n## Other\n\nZqxlake widgets, zqxlake widgets.\n' \
    >"$N/course/misc.md"
expect_exit "index the course" 0 "$INDEX" --db "$DB" "$N"
expect_exit "a numbered note's name" 0 "$QUERY" --db "$DB" --json -- zqxmoor gauge
check "ranks its first passage first" \
    test "$(json_field "$TMP/out" 1 file)" = "$N/course/XIII. Zqxmoor Gauge.md"
expect_exit "a README's folder name" 0 "$QUERY" --db "$DB" --json -- zqxlake widgets
check "ranks the README's first passage first" \
    test "$(json_field "$TMP/out" 1 file)" = "$N/course/3-1-1. Zqxlake Widgets/README.md"
# A title that names a feature under its service's acronym is also the
# title of the feature alone: "zqxpark gauge" asks for "ZQX2 Zqxpark
# Gauge", above a longer passage saying the words three times, and in its title.
printf '# ZQX2 Zqxpark Gauges\n\nHow it is set, step by step, for many kinds of work.\n' \
    >"$N/course/acronym.md"
printf '# Zqxpark gauge tips\n\nZqxpark gauge, zqxpark gauge, zqxpark gauge.\n' \
    >"$N/course/misc2.md"
expect_exit "index the acronym title" 0 "$INDEX" --db "$DB" "$N"
expect_exit "the feature without its acronym" 0 "$QUERY" --db "$DB" --json -- zqxpark gauge
check "ranks the titled passage first" \
    test "$(json_field "$TMP/out" 1 file)" = "$N/course/acronym.md"
finish
