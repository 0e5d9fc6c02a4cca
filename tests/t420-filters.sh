#!/bin/sh
# tag:NAME and path:NAME keep the notes with that tag or with a folder or
# file of that name below the root; they combine with words and with -.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N/OS/sync" "$N/network" "$N/Computer Science"
printf -- '---\ntags: [os]\n---\n# 교착상태\n\nzqxword 상호 배제\n' >"$N/OS/deadlock.md"
printf '# 세마포어\n\nzqxword 동기화 #os #sync\n' >"$N/OS/sync/Semaphore.md"
printf '# TCP\n\nzqxword handshake #network\n' >"$N/network/tcp.md"
printf '# 자료구조\n\nzqxword 트리\n' >"$N/Computer Science/tree.md"
# The root's own folder names are no filter: "notes" is above the notes.
expect_exit "index" 0 "$INDEX" --db "$DB" "$N"

count () { "$QUERY" --db "$DB" --json -n 50 -- "$@" 2>/dev/null | wc -l | tr -d ' '; }
check "all four hold the word" test "$(count zqxword)" -eq 4
check "tag:os keeps two notes" test "$(count zqxword tag:os)" -eq 2
check "-tag:os drops them" test "$(count zqxword -tag:os)" -eq 2
check "two tags keep notes with both" test "$(count zqxword tag:os tag:sync)" -eq 1
check "path:os keeps the folder's notes (any case)" test "$(count zqxword path:os)" -eq 2
check "path:sync a folder deep down" test "$(count zqxword path:sync)" -eq 1
check "path:semaphore a file, without its extension" test "$(count zqxword path:semaphore)" -eq 1
check "path:Semaphore.md with it" test "$(count zqxword path:Semaphore.md)" -eq 1
check "path:\"Computer Science\" a name with a space" \
    test "$(count zqxword 'path:"Computer Science"')" -eq 1
check "path:os/sync a path" test "$(count zqxword path:os/sync)" -eq 1
check "-path:os excludes" test "$(count zqxword -path:os)" -eq 2
check "tag: with path:" test "$(count zqxword tag:network path:network)" -eq 1
check "the root's name is no path below it" test "$(count zqxword path:notes)" -eq 0
expect_exit "a filter alone lists the notes" 0 "$QUERY" --db "$DB" --json tag:network
check "that note" test "$(json_field "$TMP/out" 1 file)" = "$N/network/tcp.md"
expect_exit "a filter matching nothing finds nothing" 1 "$QUERY" --db "$DB" zqxword tag:nosuchtag
expect_exit "only an excluded filter is no query" 2 "$QUERY" --db "$DB" -- -tag:os
finish
