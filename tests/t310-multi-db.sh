#!/bin/sh
# saekin-query --db A --db B ranks across both indexes as one: the same
# hits, in the same order, with the same scores as one index holding the
# notes of both (Xapian combines the statistics).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

make_notes "$TMP/notes/a" 24 1
make_notes "$TMP/notes/b" 24 2
printf '# only in b\n\n- zqxonlyb 두 번째 색인\n' >"$TMP/notes/b/onlyb.md"

expect_exit "index a" 0 "$INDEX" --db "$TMP/dba" "$TMP/notes/a"
expect_exit "index b" 0 "$INDEX" --db "$TMP/dbb" "$TMP/notes/b"
expect_exit "index a and b into one" 0 "$INDEX" --db "$TMP/dbab" "$TMP/notes/a" "$TMP/notes/b"

# ranks OUT DB-OPTIONS...: for each query, its exit status and every hit's
# rank, score, file and line, in rank order.
ranks () {
    out=$1; shift
    : >"$out"
    printf '%s\n' "$SNAP_QUERIES" "zqxonlyb" "uniq3" "title:note" | while IFS= read -r q; do
        "$QUERY" "$@" --json -n 200 -- "$q" >"$TMP/q" 2>"$TMP/qerr"
        echo "== $q: exit $?" >>"$out"
        python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(l)
    print(h["rank"], h["score"], h["file"], h["line"], h["snippet"])
' "$TMP/q" >>"$out"
    done
}

ranks "$TMP/one" --db "$TMP/dbab"
ranks "$TMP/two" --db "$TMP/dba" --db "$TMP/dbb"
check "the one index has hits from both folders" sh -c \
    "grep -q '/notes/a/' '$TMP/one' && grep -q '/notes/b/' '$TMP/one'"
if cmp -s "$TMP/one" "$TMP/two"; then
    ok "two indexes rank as the one holding both"
else
    not_ok "two indexes rank as the one holding both"
    diff "$TMP/one" "$TMP/two" | head -10 | sed 's/^/#   /'
fi
ranks "$TMP/two-swapped" --db "$TMP/dbb" --db "$TMP/dba"
if cmp -s "$TMP/one" "$TMP/two-swapped"; then
    ok "and so does B then A"
else
    not_ok "and so does B then A"
    diff "$TMP/one" "$TMP/two-swapped" | head -10 | sed 's/^/#   /'
fi

expect_exit "a word only B holds, through both" 0 "$QUERY" --db "$TMP/dba" --db "$TMP/dbb" --json zqxonlyb
check "found in B's note" test "$(json_field "$TMP/out" 1 file)" = "$TMP/notes/b/onlyb.md"
expect_exit "a missing index among several fails" 2 \
    "$QUERY" --db "$TMP/dba" --db "$TMP/nowhere" 인증서
check "and names it" grep -q nowhere "$TMP/err"
expect_exit "a compacted index next to a plain one" 0 "$INDEX" --db "$TMP/dbb" --compact
ranks "$TMP/two-compact" --db "$TMP/dba" --db "$TMP/dbb"
check "ranks the same" cmp -s "$TMP/one" "$TMP/two-compact"
finish
