#!/bin/sh
# Term pairs the notes teach: a made-up Korean term written beside a
# made-up English one in one note; other notes write only one side, and a
# query for either side finds them.  Pairs follow the notes (a deleted
# note takes its pairs along) and an incremental update holds the same
# pairs as a clean build.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
# The pair itself, in a sentence and in a glossary table.
printf '# 용어\n\n꾸르릉 저장소(Zorblax Store)는 가상의 저장소다.\n\n| 용어 | 영문 |\n|---|---|\n| 팔랑개비 큐 | Whirligig Queue |\n' >"$N/pair.md"
# Only the English side.
printf '# Zorblax\n\nThe Zorblax Store keeps blobs for a long time.\n' >"$N/english.md"
# Only the Korean side.
printf '# 팔랑개비\n\n팔랑개비 큐에 메시지를 넣으면 순서대로 나온다.\n' >"$N/korean.md"

expect_exit "index the notes" 0 "$INDEX" --db "$DB" "$N"

expect_exit "--status --pairs" 0 "$INDEX" --db "$DB" --status --pairs
check "the pair written in parentheses is learned" grep -q "^꾸르릉 저장소	zorblax store	1$" "$TMP/out"
check "the pair of the glossary table is learned" grep -q "^팔랑개비 큐	whirligig queue	1$" "$TMP/out"
cp "$TMP/out" "$TMP/pairs-incremental-base"

expect_exit "the Korean side finds the note in English" 0 "$QUERY" --db "$DB" --json "꾸르릉 저장소"
check "english.md is among the hits" grep -q '"file":"[^"]*english.md"' "$TMP/out"
expect_exit "the English side finds the note in Korean" 0 "$QUERY" --db "$DB" --json "whirligig queue"
check "korean.md is among the hits" grep -q '"file":"[^"]*korean.md"' "$TMP/out"
expect_exit "the exact words still rank first" 0 "$QUERY" --db "$DB" --json "whirligig queue"
check "the note writing them is first" test "$(json_field "$TMP/out" 1 file)" = "$N/pair.md"

# An incremental update holds the same pairs as a clean build.
printf '# 더\n\n번쩍 색인(Flashy Index)도 있다.\n' >"$N/more.md"
expect_exit "add a note" 0 "$INDEX" --db "$DB" "$N"
"$INDEX" --db "$DB" --status --pairs >"$TMP/pairs-incremental"
expect_exit "clean build" 0 "$INDEX" --db "$TMP/clean" "$N"
"$INDEX" --db "$TMP/clean" --status --pairs >"$TMP/pairs-clean"
check "incremental and clean builds hold the same pairs" \
    cmp -s "$TMP/pairs-incremental" "$TMP/pairs-clean"
check "the new pair is there" grep -q "^번쩍 색인	flashy index	1$" "$TMP/pairs-incremental"

# The pair's last note deleted: the pair is gone.
rm "$N/pair.md"
expect_exit "update after the delete" 0 "$INDEX" --db "$DB"
"$INDEX" --db "$DB" --status --pairs >"$TMP/pairs-after"
check "the pair went with its note" sh -c "! grep -q 'zorblax' '$TMP/pairs-after'"
"$QUERY" --db "$DB" --json "꾸르릉 저장소" >"$TMP/out" 2>/dev/null
check "the Korean side no longer finds the English note" \
    sh -c "! grep -q 'english.md' '$TMP/out'"

# Things that look like pairs but are not.
printf '# 함수\n\nf(x) 는 함수다. 항목 (1) 과 (2024) 와 (예: 사과) 를 보라.\n' >"$N/nopairs.md"
expect_exit "index a note of false pairs" 0 "$INDEX" --db "$DB" "$N"
"$INDEX" --db "$DB" --status --pairs >"$TMP/pairs-false"
check "none of them is learned" cmp -s "$TMP/pairs-after" "$TMP/pairs-false"

finish
