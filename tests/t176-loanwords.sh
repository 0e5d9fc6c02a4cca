#!/bin/sh
# Loanwords (issue 11, point 4): a Hangul word the notes lack, or hold
# rarely, that reads as an English word of the index (스프로킷 for
# sprocket) also finds that word, and says so; a Korean word that is no
# loanword is read as nothing.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
cat >"$N/gears.md" <<'NOTE'
# Sprockets

A sprocket meshes with the chain; spare sprockets sit in the drawer.
NOTE
cat >"$N/korean.md" <<'NOTE'
# 기어 정리

체인과 기어를 닦았다. 발급 절차를 적었다.
NOTE
expect_exit "index the notes" 0 "$INDEX" --db "$DB" "$N"
expect_exit "a transcription finds the English word" 0 "$QUERY" --db "$DB" -- 스프로킷
check "the note that writes it in English" grep -q 'gears.md:1' "$TMP/out"
check "and says what it searched" grep -q '스프로킷 → sprocket' "$TMP/out"
expect_exit "with a particle too, as JSON" 0 "$QUERY" --db "$DB" --json -- 스프로킷을
check "the hit names the reading" \
    grep -q '"corrections":\[{"typed":"스프로킷을","searched":"sprocket' "$TMP/out"
# 뭉게구름 is Korean (no syllable of it is foreign to Korean): not read.
expect_exit "a Korean word is read as nothing" 1 "$QUERY" --db "$DB" -- 뭉게구름
check "no English reading offered" sh -c "! grep -q 'sprocket' '$TMP/out' '$TMP/err'"
finish
