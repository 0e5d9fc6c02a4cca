#!/bin/sh
# tools/serve-load.sh - a bounded load test of saekin-serve: 4 clients
# for 30 s over the speed benchmark's queries (../shared/eval/
# queries-dev.tsv), on the shared corpus, on loopback only.  Reports
# latency, throughput, errors and the server's memory after the run
# (tools/bench/speed-serve.py); exits 1 on any error, 77 when the shared
# corpus is not there.
#   serve-load.sh [--builddir DIR] [--clients N] [--seconds S] [--db DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=$top/../shared
builddir=$top
clients=4
seconds=30
db=
while [ $# -gt 0 ]; do
    case $1 in
        --builddir) builddir=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --db) db=$2; shift 2 ;;
        *) echo "usage: $0 [--builddir DIR] [--clients N] [--seconds S] [--db DIR]" >&2; exit 2 ;;
    esac
done
qrels=$shared/eval/queries-dev.tsv
[ -f "$qrels" ] && [ -d "$shared/corpus" ] || { echo "serve-load: no shared corpus at $shared" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/saekin-load.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -z "$db" ]; then
    db=$tmp/db
    "$builddir/indexer/saekin-index" -q --db "$db" "$shared/corpus" >/dev/null
fi
python3 "$here/bench/speed-serve.py" --serve "$builddir/serve/saekin-serve" --db "$db" \
    --qrels "$qrels" --results "$tmp/results" --clients "$clients" --seconds "$seconds" --reps 3
