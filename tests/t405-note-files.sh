#!/bin/sh
# Which files are notes: .md .markdown .mdown .mkd .txt in any letter case
# (a .txt note read as Markdown); the summary counts what the walk left
# out and why, --dry-run lists it; .git, .obsidian and node_modules are
# not walked.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N/glossary" "$N/.obsidian" "$N/.git" "$N/node_modules/pkg" "$N/img"
# The seed: a folder of .txt notes.
printf '용어집\n\nzqxtxt 교착상태: 서로 기다리는 상태\n' >"$N/glossary/terms.txt"
printf '# 제목 zqxtxthead\n\n- 항목 하나\n' >"$N/glossary/heading.TXT"
printf '# upper\n\nzqxupper\n' >"$N/UPPER.MD"
printf '# mixed\n\nzqxmarkdown\n' >"$N/mixed.Markdown"
printf '# mdown\n\nzqxmdown\n' >"$N/a.mdown"
printf '# mkd\n\nzqxmkd\n' >"$N/b.mkd"
printf 'zqxobsidian\n' >"$N/.obsidian/workspace.md"
printf 'zqxgit\n' >"$N/.git/notes.md"
printf 'zqxnodemodules\n' >"$N/node_modules/pkg/README.md"
printf 'PNG' >"$N/img/Pasted image 1.png"
printf 'JPG' >"$N/img/photo.JPG"
printf 'x' >"$N/script.py"
printf 'x' >"$N/.hidden-file"

expect_exit "dry run" 0 "$INDEX" --db "$DB" --dry-run "$N"
check "dry run lists the images left out" grep -qx "skip image $N/img/photo.JPG" "$TMP/out"
check "and the other files" grep -qx "skip other $N/script.py" "$TMP/out"
check "but not hidden files" sh -c "! grep -q 'hidden-file' '$TMP/out'"
expect_exit "index" 0 "$INDEX" --db "$DB" "$N"
check "six notes" grep -q "^6 notes: 6 added" "$TMP/out"
check "the summary counts what was skipped and why" \
    grep -q "; 3 skipped: 2 images, 1 other$" "$TMP/out"
expect_exit "a .txt note is found" 0 "$QUERY" --db "$DB" --json zqxtxt
check "at its path" test "$(json_field "$TMP/out" 1 file)" = "$N/glossary/terms.txt"
expect_exit ".TXT, read as Markdown (its heading is a title)" 0 "$QUERY" --db "$DB" title:zqxtxthead
for w in zqxupper zqxmarkdown zqxmdown zqxmkd; do
    expect_exit "$w: the extension in any case" 0 "$QUERY" --db "$DB" $w
done
for w in zqxobsidian zqxgit zqxnodemodules; do
    expect_exit "$w: the folder is not walked" 1 "$QUERY" --db "$DB" $w
done
expect_exit "update again" 0 "$INDEX" --db "$DB"
check "nothing is removed" grep -q "^6 notes: 0 added, 0 updated, 0 removed, 6 unchanged" "$TMP/out"

# A file given by path is a note whatever its name, and is kept (as a
# root of its own) until it is deleted.
printf '# glossary\n\n- zqxorgfile a term\n' >"$N/glossary/terms.org"
expect_exit "a file given by path, not named as a note" 0 "$INDEX" --db "$DB" "$N/glossary/terms.org"
expect_exit "it is found" 0 "$QUERY" --db "$DB" zqxorgfile
expect_exit "update every root" 0 "$INDEX" --db "$DB"
check "it is not removed" grep -q "^7 notes: 0 added, 0 updated, 0 removed, 7 unchanged" "$TMP/out"
expect_exit "it is still found" 0 "$QUERY" --db "$DB" zqxorgfile
"$INDEX" --db "$DB" --status >"$TMP/status"
check "it is recorded as a root" grep -qx "root: $N/glossary/terms.org" "$TMP/status"
rm "$N/glossary/terms.org"
expect_exit "update after deleting it" 0 "$INDEX" --db "$DB"
check "it is removed" grep -q "^6 notes: 0 added, 0 updated, 1 removed" "$TMP/out"
expect_exit "it is no longer found" 1 "$QUERY" --db "$DB" zqxorgfile
"$INDEX" --db "$DB" --status >"$TMP/status"
check "and its root is gone" sh -c "! grep -q 'terms.org' '$TMP/status'"
finish
