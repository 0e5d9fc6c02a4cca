#!/bin/sh
# Front matter (YAML --- and TOML +++) is metadata, never a passage: its
# title names the note (searchable, shown), its tags and inline #tags are
# tags, its aliases find the note; a malformed block is told with file
# and line and read as text.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
cat >"$N/yaml.md" <<'NOTE'
---
title: "교착상태 zqxtitle 정리"
date: 2024-01-02
tags:
  - OS
  - study/cs
aliases: [zqxalias, "Deadlock notes"]
cssclass: wide
---

# 개요

두 프로세스가 서로의 자원을 기다리는 상태. zqxbody #zqxinline
NOTE
cat >"$N/toml.md" <<'NOTE'
+++
title = "Hugo zqxtoml page"
tags = ["network",
        "tcp"]
[params]
title = "not this one"
+++

TCP 3-way handshake zqxtomlbody.
NOTE
cat >"$N/bad.md" <<'NOTE'
---
title: zqxbad
this line has no colon
---

zqxbadbody
NOTE
cat >"$N/only.md" <<'NOTE'
---
title: zqxonly lonely metadata
---
NOTE
printf -- '---\n\nzqxrule after a thematic break\n' >"$N/rule.md"

expect_exit "index notes with front matter" 0 "$INDEX" --db "$DB" "$N"
cp "$TMP/err" "$TMP/index.err"
"$INDEX" --db "$DB" --dump-entries >"$TMP/dump"
check "no passage is made of the YAML block" sh -c "! grep -q 'cssclass\\|date: 2024' '$TMP/dump'"
check "no passage is made of the TOML block" sh -c "! grep -q 'not this one\\|tags = ' '$TMP/dump'"

expect_exit "the title is searchable" 0 "$QUERY" --db "$DB" --json zqxtitle
check "and finds its note" test "$(json_field "$TMP/out" 1 file)" = "$N/yaml.md"
check "the title is shown above the passage" \
    sh -c "grep -q '\"heading\":\\[\"교착상태 zqxtitle 정리\"\\]' '$TMP/out'"
expect_exit "title: finds the front matter's title" 0 "$QUERY" --db "$DB" title:zqxtitle
expect_exit "an alias finds the note" 0 "$QUERY" --db "$DB" --json zqxalias
check "the alias's note" test "$(json_field "$TMP/out" 1 file)" = "$N/yaml.md"
expect_exit "a tag of the list keeps the note" 0 "$QUERY" --db "$DB" --json zqxbody tag:os
expect_exit "tags are case-blind" 0 "$QUERY" --db "$DB" zqxbody tag:OS
expect_exit "a nested tag is also its parent's" 0 "$QUERY" --db "$DB" zqxbody tag:study
expect_exit "and its own" 0 "$QUERY" --db "$DB" zqxbody tag:study/cs
expect_exit "an inline #tag is a tag" 0 "$QUERY" --db "$DB" zqxbody tag:zqxinline
expect_exit "another tag does not keep it" 1 "$QUERY" --db "$DB" zqxbody tag:network

expect_exit "TOML: the title" 0 "$QUERY" --db "$DB" --json zqxtoml
check "TOML: a table's title is not the note's" \
    sh -c "grep -q '\"heading\":\\[\"Hugo zqxtoml page\"\\]' '$TMP/out'"
expect_exit "TOML: a list over two lines" 0 "$QUERY" --db "$DB" zqxtomlbody tag:tcp

check "a malformed block is told with file and line" \
    grep -q "bad.md:3: malformed front matter" "$TMP/index.err"
expect_exit "and read as text" 0 "$QUERY" --db "$DB" "this line has no colon"
expect_exit "its text stays searchable" 0 "$QUERY" --db "$DB" zqxbadbody
expect_exit "a note of metadata only is found by its title" 0 "$QUERY" --db "$DB" zqxonly
expect_exit "a thematic break is no front matter" 0 "$QUERY" --db "$DB" zqxrule
check "and is not warned about" sh -c "! grep -q rule.md '$TMP/index.err'"
finish
