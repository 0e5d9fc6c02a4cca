#!/bin/sh
# tools/quickstart.sh - on a fresh Debian machine: install what is missing,
# build saekin, index corpus/ and ask a first question.
#   tools/quickstart.sh [QUERY]     (default query: 인증서)
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure -q
make -s -j"$(nproc)"
db=${SAEKIN_DB:-$PWD/.saekin-db}
indexer/saekin-index --db "$db" corpus
query/saekin-query --db "$db" -n 3 -- "${1:-인증서}"
echo
echo "Index: $db   Try: query/saekin-query --db $db 'KMS 키 교체'"
