#!/bin/sh
# Obsidian's syntax: embeds and images are not text, wiki links read as
# their target or alias, and no brackets reach the snippets.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
cat >"$N/vault.md" <<'NOTE'
# 교착상태

교착상태 zqxdead 설명 ![[Pasted image 20240102vvkkpasted.png]] 그림 참고.
![zqxalt](attachments/zqximage.png)
관련: [[zqxmutex]], [[zqxtarget|zqxshown]], [[zqxsem#zqxpart]].

## 코드

```sh
[[ -f zqxcode ]] && echo ok
```
NOTE
expect_exit "index" 0 "$INDEX" --db "$DB" "$N"
expect_exit "an embed's file name is not text" 1 "$QUERY" --db "$DB" vvkkpasted
expect_exit "an embed is no word at all" 1 "$QUERY" --db "$DB" png
expect_exit "an image's file is not text" 1 "$QUERY" --db "$DB" zqximage
expect_exit "[[Note]] indexes Note" 0 "$QUERY" --db "$DB" zqxmutex
expect_exit "[[Note|alias]] indexes alias" 0 "$QUERY" --db "$DB" zqxshown
expect_exit "and not the hidden target" 1 "$QUERY" --db "$DB" zqxtarget
expect_exit "[[Note#Part]] indexes both" 0 "$QUERY" --db "$DB" "zqxsem zqxpart"
expect_exit "code keeps its brackets and words" 0 "$QUERY" --db "$DB" --json zqxcode
expect_exit "the passage is found" 0 "$QUERY" --db "$DB" --json zqxdead
json_field "$TMP/out" 1 snippet >"$TMP/snippet"
check "its snippet has no brackets" sh -c "! grep -q '\\[\\[\\|\\]\\]\\|!\\[' '$TMP/snippet'"
check "its snippet reads the links" grep -q "zqxmutex, zqxshown, zqxsem zqxpart" "$TMP/snippet"
"$INDEX" --db "$DB" --dump-entries >"$TMP/dump"
check "the text holds no embed" sh -c "! grep -q 'Pasted' '$TMP/dump'"
check "code blocks keep theirs" grep -q '\[\[ -f zqxcode' "$TMP/dump"
finish
