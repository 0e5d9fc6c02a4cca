#!/bin/sh
# Links on hits: a hit's own links, those of the headings above it, and
# the official docs from the AWS vocabulary when it has none; tracking
# parameters dropped; vocabulary lookups with --docs; synonyms across
# Korean, English and acronyms.
. "$(dirname "$0")/lib.sh"

DB="$TMP/db"
NOTES="$TMP/notes"
mkdir -p "$NOTES"
cp "$top_srcdir/corpus/aws-word-summary.md" "$NOTES/seed.md"
cat >"$NOTES/kms.md" <<'MD'
# [AWS KMS](https://docs.aws.amazon.com/ko_kr/kms/latest/developerguide/overview.html?sc_channel=el&refid=abc)

## 키 교체

- 고객 관리형 키는 매년 자동으로 교체할 수 있다.
- 교체해도 이전 키 material은 남아 있어 복호화가 된다.

## 봉투 암호화

데이터 키로 데이터를 암호화하고, 데이터 키는 KMS 키로 암호화한다.
MD
cat >"$NOTES/other.md" <<'MD'
# 서비스 메모

서비스를 관리하는 방법은 여러 가지가 있다. 키 값 저장소도 있다.

# Load balancing

Spread traffic across targets with a [guide](https://example.com/lb?utm_source=x&page=2).
MD
expect_exit "index" 0 "$INDEX" --db "$DB" "$NOTES"

links_of () { # QUERY: the JSON links of the first hit
    "$QUERY" --db "$DB" --json -n 1 -- "$1" | python3 -c '
import json, sys
print(json.dumps(json.loads(sys.stdin.readline())["links"], ensure_ascii=False))'
}

check "AssumeRole shows the STS API reference" sh -c \
    "links_out=\$(\"$QUERY\" --db \"$DB\" --json -n 1 AssumeRole); echo \"\$links_out\" | grep -q 'STS/latest/APIReference/API_AssumeRole.html'"

links_of CloudTrail >"$TMP/ct"
check "seed CloudTrail entry gets an official link from the vocabulary" python3 - "$TMP/ct" <<'PY'
import json, sys
links = json.load(open(sys.argv[1]))
assert any(l["source"] == "vocabulary" and l["official"] and "cloudtrail" in l["url"]
           for l in links), links
PY

links_of "봉투 암호화" >"$TMP/kms"
check "hits inside the KMS note inherit its heading's ko_kr link" python3 - "$TMP/kms" <<'PY'
import json, sys
links = json.load(open(sys.argv[1]))
l = [l for l in links if l["source"] == "heading"]
assert l and l[0]["official"] and "/ko_kr/kms/" in l[0]["url"], links
assert "sc_channel" not in l[0]["url"] and "refid" not in l[0]["url"], l[0]["url"]
assert l[0]["url"].endswith("overview.html"), l[0]["url"]
assert not any(x["source"] == "vocabulary" for x in links), "own official link: no vocabulary link needed"
PY

links_of "spread traffic" >"$TMP/lb"
check "tracking parameters dropped, others kept; non-AWS link not official" python3 - "$TMP/lb" <<'PY'
import json, sys
links = [l for l in json.load(open(sys.argv[1])) if l["source"] == "entry"]
assert links[0]["url"] == "https://example.com/lb?page=2", links
assert links[0]["official"] is False
PY

expect_exit "--docs finds a service by its Korean name" 0 "$QUERY" --docs "키 관리 서비스"
check "--docs prints the KMS docs" grep -q "docs.aws.amazon.com/kms/" "$TMP/out"
check "--docs prints the Korean page too" grep -q "/ko_kr/kms/" "$TMP/out"
expect_exit "--docs by acronym, JSON" 0 "$QUERY" --docs ALB --json
check "ALB is the Application Load Balancer" grep -q "elasticloadbalancing" "$TMP/out"
# The vocabulary folds as the analyser does (NFKC_Casefold): fullwidth
# letters name the service their ASCII twins name.
expect_exit "--docs finds a service typed in fullwidth letters" 0 "$QUERY" --docs "ＫＭＳ"
check "ＫＭＳ is KMS" grep -q "docs.aws.amazon.com/kms/" "$TMP/out"
expect_exit "--docs of an unknown name exits 1" 1 "$QUERY" --docs "no such service"
# Output that cannot be written is an error, for --docs as for a search
# (issue 14, defect 2: --docs returned before the check).
if [ -w /dev/full ]; then
    expect_exit "--docs to a full disk exits 2" 2 sh -c '"$1" --docs KMS >/dev/full' sh "$QUERY"
    check "  and says why" grep -q "write error" "$TMP/err"
    expect_exit "--version to a full disk exits 2" 2 sh -c '"$1" --version >/dev/full' sh "$QUERY"
    expect_exit "saekin-index --version to a full disk exits 2" 2 \
        sh -c '"$1" --version >/dev/full' sh "$INDEX"
fi

# The user's own synonyms merge with the shipped vocabulary.
mkdir -p "$XDG_CONFIG_HOME/saekin"
printf 'Saekin Search\tsaekin | 색인 엔진\thttps://docs.aws.amazon.com/saekin/\n' \
    >"$XDG_CONFIG_HOME/saekin/synonyms.tsv"
expect_exit "a user synonym is found by --docs" 0 "$QUERY" --docs "색인 엔진"
check "with its own link" grep -q "docs.aws.amazon.com/saekin/" "$TMP/out"

# Bad lines in it are skipped, said on standard error with file and line
# (once per run, though the query loads the vocabulary for its searcher),
# and the good ones still work.
printf 'Saekin Search\tsaekin | 색인 엔진\n\tno canonical name\nbad \377 bytes\tx\nSaekin Two\t색인 둘\n' \
    >"$XDG_CONFIG_HOME/saekin/synonyms.tsv"
syn="$XDG_CONFIG_HOME/saekin/synonyms.tsv"
"$QUERY" --docs "색인 둘" >"$TMP/out" 2>"$TMP/err"
check "--docs still finds a good line after bad ones" test $? -eq 0
check "the line with no name is reported with file and line" \
    grep -q "^saekin-query: $syn:2: " "$TMP/err"
check "the line of bad bytes is reported with file and line" \
    grep -q "^saekin-query: $syn:3: .*UTF-8" "$TMP/err"
"$QUERY" --db "$DB" --json 색인 >"$TMP/out" 2>"$TMP/err"
check "a search reports each bad line once" test "$(grep -c "$syn:2:" "$TMP/err")" -eq 1
finish
