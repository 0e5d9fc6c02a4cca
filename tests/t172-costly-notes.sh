#!/bin/sh
# A note that would cost too much to parse (#13.6) -- too big, too many
# lines, a table too wide or with too many cells -- is skipped before
# cmark-gfm sees it, with a message naming the file and line; the other
# notes of the run are indexed.  The run is done under a memory limit
# that the 8 MB table note of the issue (100 columns x 40,000 rows,
# 1.8 GB to parse) would pass many times over.  A UTF-16 note is named
# as such.  A costly note within the bounds is parsed in a child process
# with a memory limit.  tools/note-cost-bench.sh measures the 20-copy corpus.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

# The bounds are memory limits (ulimit -v, RLIMIT_AS in the parse
# child); AddressSanitizer reserves terabytes of address space and cannot
# run under them.  The plain build tests all of it.
if grep -q __asan_init "$INDEX" 2>/dev/null; then
    skip_all "memory limits cannot be tested under AddressSanitizer"
fi

N="$TMP/notes"
make_notes "$N" 20
python3 - "$N/big" <<'PY'
import os, sys
d = sys.argv[1]
os.makedirs(d)
def table(name, cols, rows, before=""):
    with open(os.path.join(d, name), "w") as f:
        f.write("# %s\n\n%s" % (name, before))
        f.write("|" + "|".join("h%d" % i for i in range(cols)) + "|\n")
        f.write("|" + "|".join("-" for i in range(cols)) + "|\n")
        row = "|" + "|".join("x" for i in range(cols)) + "|\n"
        f.write(row * rows)
table("table-8mb.md", 100, 40000, "- zqxhuge before the table\n\n")
table("table-wide.md", 10000, 20)
with open(os.path.join(d, "lines.md"), "w") as f:
    f.write("# lines\n\n" + "- a\n" * 250000)
with open(os.path.join(d, "huge.md"), "w") as f:
    f.write("# huge\n\n" + ("word " * 20 + "\n\n") * 170000)
with open(os.path.join(d, "utf16.md"), "wb") as f:
    f.write("# 제목\n\n- 인증서 in UTF-16\n".encode("utf-16"))
# Within the bounds: a table of 20 columns and 1,000 rows is indexed.
table("table-ok.md", 20, 1000, "- zqxtable 표 앞\n\n")
PY
# 8 MB table: about 1.8 GB to parse without the bounds.
(ulimit -v 1000000 2>/dev/null
 "$INDEX" --db "$TMP/db" "$N" >"$TMP/out" 2>"$TMP/err"
 echo $? >"$TMP/rc")
rc=$(cat "$TMP/rc")
cp "$TMP/err" "$TMP/run.err"
check "the run ends normally under a 1 GB limit, exit 1 (exit $rc)" test "$rc" -eq 1
check "the other notes are indexed" grep -q "notes: 21 added" "$TMP/out"
check "5 notes failed" grep -q "5 failed" "$TMP/out"
check "the 8 MB table is named with its line, and why" grep -q "table-8mb.md:5: tables of more than 100000 cells in one note: too costly to index, skipped" "$TMP/run.err"
check "the wide table: its columns" grep -q "table-wide.md:3: a table of 10000 columns and [0-9]* rows or more (too wide" "$TMP/run.err"
check "the long note: its line" grep -q "lines.md:200001: more than 200000 lines" "$TMP/run.err"
check "the huge note: its size" grep -q "huge.md: .*bytes" "$TMP/run.err"
check "the UTF-16 note says so" grep -q "utf16.md: UTF-16 text (convert it to UTF-8)" "$TMP/run.err"
expect_exit "a table within the bounds is found" 0 "$QUERY" --db "$TMP/db" zqxtable
expect_exit "the first note is found" 0 "$QUERY" --db "$TMP/db" uniq1
expect_exit "nothing of the skipped table is" 1 "$QUERY" --db "$TMP/db" zqxhuge

# A costly note within the bounds is parsed in a child process with a
# memory limit: when the parse runs out of it, only that note is lost.
mkdir -p "$TMP/mid"
python3 - "$TMP/mid/mid.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# mid\n\n- zqxmid 표 앞\n\n|" + "|".join("h%d" % i for i in range(100)) + "|\n")
    f.write("|" + "|".join("-" for _ in range(100)) + "|\n")
    f.write(("|" + "|".join("x" for _ in range(100)) + "|\n") * 900)
PY
cp "$N/d1/note001.md" "$TMP/mid/small.md"
SAEKIN_NOTE_MEMORY_MB=16 expect_exit "a parse out of memory: that note fails, exit 1" 1 \
    "$INDEX" --db "$TMP/db-mid" "$TMP/mid"
check "  named, and why" grep -q "mid.md: too costly to parse (out of memory), skipped" "$TMP/err"
check "  the other note is indexed" grep -q "1 added" "$TMP/out"
# saekin-index --watch writes with the same room (its updates are its own).
SAEKIN_NOTE_MEMORY_MB=16 "$INDEX" --db "$TMP/db-mid3" --watch "$TMP/mid" \
    >"$TMP/watch.out" 2>"$TMP/watch.err" &
W=$!
i=0
while ! grep -q "^walked" "$TMP/watch.out" && kill -0 $W 2>/dev/null && [ $i -lt 200 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill -TERM $W 2>/dev/null
wait $W
check "--watch: the parse out of memory is told" \
    grep -q "mid.md: too costly to parse (out of memory), skipped" "$TMP/watch.err"
expect_exit "  and the note is not in the index" 1 "$QUERY" --db "$TMP/db-mid3" zqxmid
expect_exit "with the usual room it is indexed" 0 "$INDEX" --db "$TMP/db-mid2" "$TMP/mid"
expect_exit "  and found" 0 "$QUERY" --db "$TMP/db-mid2" --json zqxmid
check "  in its note" test "$(json_field "$TMP/out" 1 file)" = "$TMP/mid/mid.md"

# A note that grows past the bounds is dropped from the index, the run
# going on; back within them, it is indexed again.
cp "$N/big/table-ok.md" "$N/d0/grow.md"
expect_exit "index a small note" 0 "$INDEX" --db "$TMP/db" "$N/d0"
python3 -c 'import sys; open(sys.argv[1], "a").write("|a|b|\n|-|-|\n" + "|x|y|\n" * 60000)' "$N/d0/grow.md"
expect_exit "it grew past the bounds: exit 1" 1 "$INDEX" --db "$TMP/db" "$N/d0"
check "named with the line of its table, and why" grep -q "grow.md:5: tables of more than 100000 cells" "$TMP/err"
expect_exit "the same table elsewhere is still found" 0 "$QUERY" --db "$TMP/db" --json zqxtable
check "  but the note that grew is no longer" sh -c "! grep -q grow.md '$TMP/out'"
finish
