#!/bin/sh
# Hostile note content: a clear message naming the file (and line where
# there is one), the rest indexed, no crash, no hang.  Invalid UTF-8,
# binary files and NUL bytes, empty files, a BOM and CRLF, NFD Hangul,
# words longer than Xapian's term limit, thousands of nesting levels.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir "$N"
python3 - "$N" <<'PY'
import os, sys, unicodedata
n = sys.argv[1]
def w(name, data):
    with open(os.path.join(n, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
w("invalid.md", b"# bad bytes\n\nfirst line zqxbefore\nbroken \xff\xfe here \xc3\x28 "
  b"zqxafter\n\n- item \xed\xa0\x80 surrogate \xf4\x90\x80\x80 too big zqxitem\n"
  b"- overlong \xc0\xaf slash zqxoverlong\n")
# Alone in their notes, so the line named is theirs: a surrogate (line 3)
# and an overlong E0 form (line 2) are invalid UTF-8 as much as 0xff is.
w("surrogate.md", b"# surrogate\n\nhalf \xed\xa0\x80 a pair zqxsurrogate\n")
w("overlong-e0.md", b"# overlong\nslash \xe0\x80\xaf zqxoverlonge0\n")
w("png.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00zqxpng")
w("nul.md", b"# nul\n\nline two\nzero\x00byte zqxnul\n")
w("empty.md", b"")
w("blank.md", b"\n\n   \n\t\n")
w("bom-only.md", b"\xef\xbb\xbf")
w("bom.md", b"\xef\xbb\xbf# BOM \xec\xa0\x9c\xeb\xaa\xa9\r\n\r\n- crlf item zqxcrlf\r\n"
  b"- second zqxsecond\r\n\r\n## \xec\x86\x8c\xec\xa0\x9c\xeb\xaa\xa9\r\n\r\ntext zqxcrlfbody\r\n")
w("cr-only.md", b"# old mac\r\r- zqxcronly item\r")
w(unicodedata.normalize("NFD", "인증서-nfd.md"),
  unicodedata.normalize("NFD", "# 인증서 갱신\n\n- 자격 증명을 설정 zqxnfd\n- 흐름 로그\n"))
w("longword.md", "# long\n\n" + "a" * 300 + " zqxlong1 " + "가" * 1000 + " zqxlong2 "
  + "x" * 100000 + " zqxlong3 https://example.com/" + "p" * 5000 + " zqxlong4\n\n"
  + "## " + "제목" * 2000 + "\n\nzqxlongheading\n")
w("deep-quote.md", "# deep quote\n\n" + "> " * 5000 + "zqxdeepq\n\nafter zqxafterq\n")
w("deep-list.md", "# deep list\n\n" + "".join("  " * i + "- item%d\n" % i for i in range(3000))
  + "\nafter zqxafterlist\n")
w("deep-ordered.md", "# deep ordered\n\n" + "".join("   " * i + "1. o%d\n" % i for i in range(3000))
  + "\nafter zqxafterordered\n")
w("deep-mixed.md", "# deep mixed\n\n" + "> - " * 3000 + "zqxmixed\n\nafter zqxaftermixed\n")
w("deep-inline.md", "# deep inline\n\n" + "*" * 20000 + "zqxstars" + "*" * 20000 + "\n\n"
  + "[" * 20000 + "zqxbrackets" + "]" * 20000 + "\n\n" + "`" * 5000 + "zqxticks\n\n"
  + "<div>" * 5000 + "zqxhtml" + "</div>" * 5000 + "\n\n" + "~~" * 5000 + "zqxstrike\n\n"
  + "| a " * 3000 + "|\n" + "| - " * 3000 + "|\n" + "| zqxtable " * 3000 + "|\n\n"
  + "![" * 3000 + "zqximg" + "](x)" * 3000 + "\n\nafter zqxafterinline\n")
w("headings.md", "".join("#" * (1 + i % 6) + " h%d\n\n" % i for i in range(5000))
  + "zqxheadings\n")
PY

timeout 300 "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "indexing hostile notes exits 1 (some skipped), no crash, no hang (exit $rc)" test $rc -eq 1
check "report: 2 failed, the other 16 indexed" \
    grep -q "^18 notes: 16 added, 0 updated, 0 removed, 0 unchanged, 2 failed" "$TMP/out"
check "every message names its file" sh -c "! grep -v '^saekin-index: $N/' '$TMP/err'"
check "invalid UTF-8 warned with file and line" \
    grep -q "^saekin-index: $N/invalid.md:4: invalid UTF-8" "$TMP/err"
check "a surrogate is invalid UTF-8, warned with its line" \
    grep -q "^saekin-index: $N/surrogate.md:3: invalid UTF-8" "$TMP/err"
check "an overlong E0 form is invalid UTF-8, warned with its line" \
    grep -q "^saekin-index: $N/overlong-e0.md:2: invalid UTF-8" "$TMP/err"
check "NUL bytes: skipped, warned with file and line" \
    grep -q "^saekin-index: $N/nul.md:4: .*binary" "$TMP/err"
check "a binary file: skipped, warned" grep -q "^saekin-index: $N/png.md:.*binary" "$TMP/err"
check "nothing said about empty, blank, BOM-only files" \
    sh -c "! grep -q 'empty.md\|blank.md\|bom-only.md' '$TMP/err'"

for w in zqxbefore zqxafter zqxitem zqxoverlong zqxsurrogate zqxoverlonge0 zqxcrlf zqxsecond zqxcrlfbody zqxcronly \
         zqxnfd zqxlong1 zqxlong2 zqxlong3 zqxlong4 zqxlongheading zqxafterq zqxafterlist \
         zqxafterordered zqxaftermixed zqxstars zqxbrackets zqxhtml zqxafterinline \
         zqxdeepq zqxmixed zqxheadings; do
    "$QUERY" --db "$DB" --json "$w" >"$TMP/out" 2>"$TMP/err"
    check "$w is found" test $? -eq 0
done
for w in zqxnul zqxpng; do
    expect_exit "$w (in a skipped file) is not found" 1 "$QUERY" --db "$DB" "$w"
done

"$INDEX" --db "$DB" --dump-entries >"$TMP/dump"
check "the dump is valid JSON in valid UTF-8" python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8", errors="strict"):
    json.loads(l)
' "$TMP/dump"
check "no BOM, no CR in any entry" python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(l)
    s = json.dumps(e, ensure_ascii=False)
    assert "\ufeff" not in s and "\\r" not in s, s[:200]
' "$TMP/dump"
check "BOM and CRLF: title and lines right" python3 - "$TMP/dump" <<'PY'
import json, sys
es = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = sorted((e["line"], e["title"]) for e in es if e["file"].endswith("/bom.md"))
assert b[0] == (1, "BOM 제목"), b
assert (6, "소제목") in b, b
PY
check "NFD note: text stored as NFC" python3 - "$TMP/dump" <<'PY'
import json, sys, unicodedata
for l in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(l)
    if "zqxnfd" in e["text"]:
        assert e["title"] == "인증서 갱신" and e["title"] == unicodedata.normalize("NFC", e["title"])
        sys.exit(0)
sys.exit(1)
PY
nfd_query=$(python3 -c 'import unicodedata; print(unicodedata.normalize("NFD", "인증서 갱신"))')
expect_exit "an NFD query finds the note" 0 "$QUERY" --db "$DB" --json "$nfd_query"
check "NFC query 인증서 finds the NFD note first" sh -c \
    "'$QUERY' --db '$DB' --json 인증서 | head -1 | grep -q 'zqxnfd\\|nfd.md'"
check "invalid bytes became U+FFFD" grep -q "broken ��" "$TMP/dump"

# A re-run reads nothing and changes nothing: the skipped notes are
# skipped again (and said so again), the empty ones are known.
snapshot "$DB" "$TMP/s1"
timeout 300 "$INDEX" --db "$DB" >"$TMP/out" 2>"$TMP/err"
check "re-run: 16 unchanged" grep -q "^18 notes: 0 added, 0 updated, 0 removed, 16 unchanged, 2 failed" "$TMP/out"
snapshot "$DB" "$TMP/s2"
same_snapshot "re-run changes nothing" "$TMP/s1" "$TMP/s2"

# A note that becomes binary loses its old entries.
printf '# was text\n\nzqxwastext\n' >"$N/turns.md"
"$INDEX" --db "$DB" -q "$N/turns.md"
expect_exit "the text note is found" 0 "$QUERY" --db "$DB" zqxwastext
printf 'zqxwastext\0\0\0' >"$N/turns.md"
expect_exit "it turned binary: skipped" 1 "$INDEX" --db "$DB" "$N/turns.md"
expect_exit "its old entries are gone" 1 "$QUERY" --db "$DB" zqxwastext

# Big: a 10 MB note (2 MB in the quick sanitizer pass) and a note that
# is a single 2 MB line.
mkdir "$TMP/big"
python3 - "$top_srcdir/corpus/aws-word-summary.md" "$TMP/big" "$(sized 10 2)" <<'PY'
import sys
seed = open(sys.argv[1], encoding="utf-8").read()
out, size, i = [], 0, 0
while size < int(sys.argv[3]) * 1024 * 1024:
    s = "## section %d\n\n%s\n" % (i, seed)
    out.append(s)
    size += len(s.encode())
    i += 1
out.append("## last\n\nzqxbigend\n")
open(sys.argv[2] + "/big.md", "w", encoding="utf-8").write("".join(out))
line = " ".join("word%d 인증서%d" % (k, k) for k in range(60000)) + " zqxmiddle "
line += " ".join("more%d" % k for k in range(120000))
open(sys.argv[2] + "/line2.md", "w", encoding="utf-8").write("# one line\n\n" + line + " zqxlineend\n")
PY
check "the long line is over 2 MB" test "$(wc -c <"$TMP/big/line2.md")" -gt 2097152
expect_exit "a $(sized 10 2) MB note and a 2 MB line are indexed (within 300 s)" 0 \
    timeout 300 "$INDEX" --db "$TMP/bigdb" "$TMP/big"
expect_exit "the end of the big note is found" 0 "$QUERY" --db "$TMP/bigdb" --json zqxbigend
check "in the entry of its heading, at the right line" test "$(json_field "$TMP/out" 1 line)" -eq \
    "$(grep -n '^## last$' "$TMP/big/big.md" | cut -d: -f1)"
expect_exit "a word in the middle of the 2 MB line is found" 0 "$QUERY" --db "$TMP/bigdb" zqxmiddle
expect_exit "and one at its end" 0 "$QUERY" --db "$TMP/bigdb" zqxlineend
finish
