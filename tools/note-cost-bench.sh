#!/bin/sh
# note-cost-bench.sh [BUILDDIR]: peak memory of a first build of the
# 20-copy corpus with one 8 MB table note (100 columns x 40,000 rows)
# added (#13.6; the bound is 200 MB).  Needs ../shared/eval/scale-corpus.sh;
# SCALE_DIR reuses a corpus made before.  Prints the run's summary, the
# line about the table note and the peak resident size.
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/note-cost.XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus=${SCALE_DIR:-$work/corpus}
if [ ! -d "$corpus" ]; then
    "$top/../shared/eval/scale-corpus.sh" 20 "$corpus" >/dev/null
fi
mkdir -p "$corpus/zz-big"
python3 - "$corpus/zz-big/table-8mb.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# a table\n\n|" + "|".join("h%d" % i for i in range(100)) + "|\n")
    f.write("|" + "|".join("-" for _ in range(100)) + "|\n")
    f.write(("|" + "|".join("x" for _ in range(100)) + "|\n") * 40000)
PY
ls -l "$corpus/zz-big/table-8mb.md" | awk '{print "table note: " $5 " bytes"}'
/usr/bin/time -o "$work/time" -f '%M %e' "$top/indexer/saekin-index" --db "$work/db" "$corpus" \
    >"$work/out" 2>"$work/err" || true
cat "$work/out"
grep 'table-8mb' "$work/err" || echo "(no message about the table note)"
# (a first line "Command exited with non-zero status 1": some note failed)
read -r kb secs <<EOT
$(tail -1 "$work/time")
EOT
echo "peak resident: $((kb / 1024)) MB in $secs s (bound: 200 MB)"
rm -rf "$corpus/zz-big"
