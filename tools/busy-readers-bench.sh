#!/bin/sh
# busy-readers-bench.sh [SECONDS] [BUILDDIR]: the long run of
# tests/t121-busy-readers.sh (#13.5): one writer updating notes, with
# --compact every 10 updates, and 4 readers (queries, --status,
# --dump-entries) for SECONDS (default 120).  Prints the writer's rounds,
# the reads and how many failed (the target is 0).
top=${2:-$(cd "$(dirname "$0")/.." && pwd)}
BUSY_SECONDS=${1:-120} COMPACT_EVERY=10 top_srcdir=$top top_builddir=$top \
    sh "$top/tests/t121-busy-readers.sh"
