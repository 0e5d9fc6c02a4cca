#!/bin/sh
# The seed notes end to end: index them, ask for 인증서, get the ACM entry
# first with 인증서 highlighted, in text and in JSON.
. "$(dirname "$0")/lib.sh"

DB="$TMP/db"
cp "$top_srcdir/corpus/aws-word-summary.md" "$TMP/notes.md"

expect_exit "index the seed" 0 "$INDEX" --db "$DB" "$TMP/notes.md"
expect_exit "query 인증서" 0 "$QUERY" --db "$DB" --json 인증서
cp "$TMP/out" "$TMP/hits.json"
check "ACM entry first (line 11)" test "$(json_field "$TMP/hits.json" 1 line)" = 11
check "ACM entry ends at line 20" test "$(json_field "$TMP/hits.json" 1 end_line)" = 20
check "file is the path as indexed" test "$(json_field "$TMP/hits.json" 1 file)" = "$TMP/notes.md"
check "인증서 highlighted in the snippet" python3 - "$TMP/hits.json" <<'PY'
import json, sys
hit = json.loads(open(sys.argv[1], encoding="utf-8").readline())
s = hit["snippet"].encode("utf-8")
marked = [s[a:b].decode("utf-8") for a, b in hit["highlights"]]
sys.exit(0 if "인증서" in marked else 1)
PY
check "every JSON hit has the documented fields" python3 - "$TMP/hits.json" <<'PY'
import json, sys
need = {"rank", "score", "file", "line", "end_line", "title", "heading",
        "snippet", "highlights", "links"}
for i, l in enumerate(open(sys.argv[1], encoding="utf-8")):
    h = json.loads(l)
    assert need <= h.keys(), need - h.keys()
    assert h["rank"] == i + 1
    for link in h["links"]:
        assert {"url", "text", "official", "source"} <= link.keys()
PY

expect_exit "text output" 0 "$QUERY" --db "$DB" 인증서
check "text output names file:line" grep -q "notes.md:11" "$TMP/out"
check "no colour when not a terminal" sh -c "! grep -q '\\[1m' '$TMP/out'"

expect_exit "no hits exits 1" 1 "$QUERY" --db "$DB" zzyzxnothing
expect_exit "missing index exits 2" 2 "$QUERY" --db "$TMP/nowhere" 인증서
check "missing index message names it" grep -q "nowhere" "$TMP/err"
expect_exit "empty query exits 2" 2 "$QUERY" --db "$DB" ""
expect_exit "usage error exits 2" 2 "$QUERY" --db "$DB" --bogus x
expect_exit "--help" 0 "$QUERY" --help
expect_exit "--version" 0 "$QUERY" --version
check "version line" grep -q "^saekin-query (saekin) " "$TMP/out"

# Re-running on the same notes gives the same index.
"$INDEX" --db "$DB" --dump-entries >"$TMP/dump1"
expect_exit "re-index" 0 "$INDEX" --db "$DB" --rebuild "$TMP/notes.md"
"$INDEX" --db "$DB" --dump-entries >"$TMP/dump2"
check "same entries after a rebuild" cmp -s "$TMP/dump1" "$TMP/dump2"
finish
