#!/bin/sh
# tools/watch-latency.sh - how long after a save a note is searchable
# under saekin-index --watch: 100 saves (half new notes, half atomic saves
# over a note: write a temporary file, rename it over the note), each
# timed from the rename (or the close) until saekin-query finds its new
# word.  Prints the median and the slowest.
#   tools/watch-latency.sh [BUILD_DIR] [NOTES_DIR] [SAVES]
# NOTES_DIR (default: corpus/) is copied into a temporary folder first, so
# the index is of a realistic size.  Not part of make check.
set -eu
build=${1:-.}
src=${2:-$(dirname "$0")/../corpus}
saves=${3:-100}
tmp=$(mktemp -d)
trap 'kill $W 2>/dev/null; rm -rf "$tmp"' EXIT
cp -r "$src" "$tmp/notes"
"$build/indexer/saekin-index" -q --db "$tmp/db" "$tmp/notes"
"$build/indexer/saekin-index" --db "$tmp/db" --watch "$tmp/notes" >/dev/null 2>"$tmp/err" &
W=$!
sleep 1
python3 - "$build/query/saekin-query" "$tmp/db" "$tmp/notes" "$saves" <<'PY'
import os, statistics, subprocess, sys, time
query, db, notes, saves = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def found(word):
    r = subprocess.run([query, "--db", db, "-n", "1", "--", word],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0
lat = []
for i in range(saves):
    word = "zqxlatency%dq" % i
    target = os.path.join(notes, "latency-%d.md" % (i // 2))
    text = "# 측정 %d\n\n%s 저장 후 검색까지\n" % (i, word)
    if i % 2 == 0:
        with open(target, "w") as f:   # a new note, written in place
            f.write(text)
        t0 = time.monotonic()
    else:                               # an atomic save over it
        tmp = os.path.join(notes, ".latency-%d.md.tmp" % i)
        with open(tmp, "w") as f:
            f.write(text)
        os.rename(tmp, target)
        t0 = time.monotonic()
    while not found(word):
        if time.monotonic() - t0 > 30:
            sys.exit("saekin-query never found %s" % word)
    lat.append(time.monotonic() - t0)
    time.sleep(0.05)
lat.sort()
print("saves: %d  median: %.0f ms  slowest: %.0f ms  (90th: %.0f ms)"
      % (len(lat), statistics.median(lat) * 1000, lat[-1] * 1000,
         lat[int(len(lat) * 0.9) - 1] * 1000))
PY
