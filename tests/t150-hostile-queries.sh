#!/bin/sh
# Hostile queries: empty, only punctuation, unbalanced quotes and
# parentheses, lone operators, 10,000 characters, invalid UTF-8, control
# characters, bad options.  Each gets a sensible answer (exit 0 or 1) or
# exit 2 with one clear line; never a crash or a hang.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" 20
"$INDEX" --db "$DB" -q "$N"

# answer NAME QUERY...: exit 0 or 1 within 60 s, or exit 2 with a single
# "saekin-query: ..." line on stderr (and a "Try ..." line for usage).
answer () {
    name=$(printf '%s' "$1" | tr '\n\t' '  '); shift
    timeout 60 "$QUERY" --db "$DB" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    lines=$(grep -cv "^Try 'saekin-query --help'" "$TMP/err")
    if [ $rc -le 1 ] || { [ $rc -eq 2 ] && [ "$lines" -eq 1 ] && grep -q 'saekin-query: ' "$TMP/err"; }
    then ok "$name (exit $rc)"
    else not_ok "$name (exit $rc, $lines lines)"; head -3 "$TMP/err" | sed 's/^/#   /'; fi
}

# refused NAME ARGS...: exit 2 with a single clear line.
refused () {
    answer "$@"
    check "$1: refused with exit 2" test "$rc" -eq 2
}

refused "empty query" -- ""
refused "blank query" -- "   "
refused "only punctuation" -- '!!! ??? ... ,,, ;;'
refused "only symbols" -- '* - + ( ) " ~ ^ :'
refused "invalid UTF-8" -- "$(printf '\377\376 인증서')"
check "invalid UTF-8: the message says so" grep -qi "utf-8" "$TMP/err"
refused "a lone continuation byte" -- "$(printf 'KMS \200')"
refused "an overlong slash" -- "$(printf '\300\257')"
refused "a UTF-8 surrogate" -- "$(printf '\355\240\200')"
refused "--limit 0" --limit 0 KMS
refused "--limit -1" --limit -1 KMS
refused "--limit abc" --limit abc KMS
refused "--limit too big" --limit 99999999999999999999 KMS
refused "an unknown option" --frobnicate KMS

for q in '"인증서' '인증서"' '"' '""' '"""' '(KMS OR' 'KMS)' '((((((((((' '))))))' \
         'OR' 'AND' 'NOT' 'OR OR OR' 'KMS OR' 'OR KMS' 'AND NOT KMS' '-' '--' '+' \
         '-KMS' '-"인증서 갱신"' '*' 'a*' '**' '가*' 'title:' 'title:"' ':' \
         'title:title:KMS' 'KMS NEAR' '~' '^' '\' '\\\\' '%s%n%s' "$(printf '\t\001\033[1m')" \
         "$(printf 'KMS\n인증서')" 'ᄀᄁ' "$(printf '\357\273\277KMS')" "$(printf '\342\200\213')" \
         '󠁁' '𝔸𝕎𝕊' '👍 KMS' 'ＫＭＳ'; do
    answer "query [$q]" -- "$q"
done

# Long queries: 10,000 characters of words, of one word, of operators.
python3 - "$TMP" <<'PY'
import random, sys
d = sys.argv[1]
rnd = random.Random(3)
words = ["인증서", "KMS", "로그", "서비스", "aws", "CloudTrail", "VPC", "흐름", "키", "관리"]
q = ""
while len(q) < 10000:
    q += rnd.choice(words) + " "
open(d + "/q-words", "w", encoding="utf-8").write(q[:10000])
open(d + "/q-word", "w", encoding="utf-8").write("인" * 10000)
open(d + "/q-ops", "w", encoding="utf-8").write(("(KMS OR \"로그 " * 1000)[:10000])
open(d + "/q-mixed", "w", encoding="utf-8").write("".join(rnd.choice("a가-\"()* :") for _ in range(10000)))
PY
for f in words word ops mixed; do
    answer "a 10,000-character query ($f)" -- "$(cat "$TMP/q-$f")"
done
check "the long word query answers in JSON too" \
    sh -c "timeout 60 '$QUERY' --db '$DB' --json -- \"\$(cat '$TMP/q-words')\" >'$TMP/out'; test \$? -le 1"
check "and its JSON is valid" python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    json.loads(l)
' "$TMP/out"

# A sensible answer stays sensible: the unbalanced quote still finds.
answer "unbalanced quote" -- '"인증서'
check "unbalanced quote still finds 인증서" test "$rc" -eq 0
answer "unbalanced parenthesis" -- '(KMS'
check "unbalanced parenthesis still finds KMS" test "$rc" -eq 0

# Where the index is missing or not an index.
expect_exit "missing index" 2 "$QUERY" --db "$TMP/nowhere" KMS
check "missing index: one line naming it" \
    sh -c "test \$(wc -l <'$TMP/err') -eq 1 && grep -q nowhere '$TMP/err'"
mkdir "$TMP/empty"
expect_exit "an empty folder" 2 "$QUERY" --db "$TMP/empty" KMS
check "an empty folder: one line" test "$(wc -l <"$TMP/err")" -eq 1
echo "not an index" >"$TMP/file"
expect_exit "a plain file" 2 "$QUERY" --db "$TMP/file" KMS
check "a plain file: one line" test "$(wc -l <"$TMP/err")" -eq 1
expect_exit "two indexes, one missing" 2 "$QUERY" --db "$DB" --db "$TMP/nowhere" KMS
check "two indexes, one missing: one line naming it" grep -q nowhere "$TMP/err"
expect_exit "the same index twice" 0 "$QUERY" --db "$DB" --db "$DB" KMS
finish
