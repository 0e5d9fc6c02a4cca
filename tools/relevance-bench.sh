#!/bin/sh
# relevance-bench.sh - how well saekin ranks, next to other engines.
#
#   tools/relevance-bench.sh [--corpus DIR] [--qrels FILE] [--builddir DIR]
#                            [--entries FILE] [-v]
#
# Indexes the corpus with saekin, dumps the passages saekin made
# (saekin-index --dump-entries) and indexes those same passages into the
# peers (tools/bench/peers.py: Xapian with and without CJK n-grams, SQLite
# FTS5 unicode61 and trigram), asks every judged query of the qrels file
# through `saekin-query --json -n 10` and through each peer, and prints
# nDCG@10, MRR, Recall@10 and P@1 for each system (tools/bench/score.py,
# the rules of the project's evaluate.py), saekin's lead over the best peer,
# and nDCG@10 per kind of query; -v adds every query.
#
# Defaults: the corpus ../shared/corpus and the qrels
# ../shared/eval/queries-dev.tsv beside the source tree; the programs in
# --builddir (default: the current directory when it holds them, else the
# source tree).  --entries FILE gives the passages for the peers instead of
# dumping them (then saekin itself is left out when it is not built).
# Exit status: 0, 1 when something failed, 2 on a usage error or missing
# programs, 77 (skipped) when the corpus or the qrels are not there.
set -eu

me=relevance-bench
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
corpus=$top/../shared/corpus
qrels=$top/../shared/eval/queries-dev.tsv
builddir=
entries=
verbose=

usage () {
    echo "usage: $0 [--corpus DIR] [--qrels FILE] [--builddir DIR] [--entries FILE] [-v]"
}

while [ $# -gt 0 ]; do
    case $1 in
        --corpus|--qrels|--builddir|--entries)
            [ $# -ge 2 ] || { echo "$me: $1 needs a value" >&2; exit 2; }
            case $1 in
                --corpus) corpus=$2 ;;
                --qrels) qrels=$2 ;;
                --builddir) builddir=$2 ;;
                --entries) entries=$2 ;;
            esac
            shift 2 ;;
        --corpus=*) corpus=${1#*=}; shift ;;
        --qrels=*) qrels=${1#*=}; shift ;;
        --builddir=*) builddir=${1#*=}; shift ;;
        --entries=*) entries=${1#*=}; shift ;;
        -v|--verbose) verbose=-v; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$me: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

# The benchmark's data lives outside the project; without it there is
# nothing to measure, which is a skip, not a failure.
if [ ! -d "$corpus" ]; then
    echo "$me: SKIP: no corpus at $corpus (give --corpus DIR)" >&2
    exit 77
fi
if [ ! -r "$qrels" ]; then
    echo "$me: SKIP: no judged queries at $qrels (give --qrels FILE)" >&2
    exit 77
fi
corpus=$(cd "$corpus" && pwd)
qrels=$(cd "$(dirname "$qrels")" && pwd)/$(basename "$qrels")

if [ -z "$builddir" ]; then
    if [ -x ./indexer/saekin-index ]; then builddir=.; else builddir=$top; fi
fi
index=$builddir/indexer/saekin-index
query=$builddir/query/saekin-query
with_saekin=yes
if [ ! -x "$index" ] || [ ! -x "$query" ]; then
    if [ -n "$entries" ]; then
        echo "$me: note: saekin is not built in $builddir; peers only" >&2
        with_saekin=
    else
        echo "$me: $index or $query is not built (run make, or give --builddir)" >&2
        exit 2
    fi
fi
if [ -n "$entries" ] && [ ! -r "$entries" ]; then
    echo "$me: cannot read $entries" >&2
    exit 2
fi

# The peers want python3 with Debian's python3-xapian; a python3 first on
# PATH (pyenv, a venv) may lack it, so try the system one too.
py=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if "$p" -c 'import xapian' >/dev/null 2>&1; then py=$p; break; fi
    if [ -z "$py" ] && "$p" -c 'import sqlite3' >/dev/null 2>&1; then py=$p; fi
done
if [ -z "$py" ]; then
    echo "$me: no python3 found" >&2
    exit 2
fi
"$py" -c 'import xapian' >/dev/null 2>&1 ||
    echo "$me: note: $py cannot import xapian; the Xapian peers are left out" >&2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/saekin-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Run saekin as a new user would: its compiled-in vocabulary, no personal
# synonyms, no default index.
unset SAEKIN_VOCABULARY
XDG_CONFIG_HOME=$tmp/no-config
export XDG_CONFIG_HOME
unset SAEKIN_DB || :

start=$(date +%s)
if [ -n "$with_saekin" ]; then
    if ! "$index" --db "$tmp/db" "$corpus" >"$tmp/index.log" 2>&1; then
        echo "$me: saekin-index failed:" >&2
        tail -5 "$tmp/index.log" >&2
        exit 1
    fi
    if [ -z "$entries" ]; then
        entries=$tmp/entries.jsonl
        if ! "$index" --db "$tmp/db" --dump-entries >"$entries" 2>"$tmp/dump.err"; then
            echo "$me: saekin-index --dump-entries failed:" >&2
            tail -5 "$tmp/dump.err" >&2
            exit 1
        fi
    fi
fi
npass=$(grep -c . "$entries" || :)
if [ "${npass:-0}" -eq 0 ]; then
    echo "$me: no passages in $entries" >&2
    exit 1
fi

# The peers index and search in the background while saekin answers.
mkdir -p "$tmp/runs"
"$py" "$here/bench/peers.py" --workdir "$tmp/peers" --out "$tmp/runs" \
    --qrels "$qrels" "$entries" 2>"$tmp/peers.err" &
peers_pid=$!

if [ -n "$with_saekin" ]; then
    tab=$(printf '\t')
    grep -v '^#' "$qrels" | cut -f1,2 | awk -F'\t' 'NF && !seen[$1]++' |
        while IFS=$tab read -r qid q; do
            "$query" --db "$tmp/db" --json -n 10 -- "$q" 2>>"$tmp/query.err" |
                while IFS= read -r hit; do printf '%s\t%s\n' "$qid" "$hit"; done
        done >"$tmp/runs/saekin.tsv"
    if [ -s "$tmp/query.err" ]; then
        echo "$me: saekin-query wrote to stderr:" >&2
        sort -u "$tmp/query.err" | head -5 >&2
    fi
fi

status=0
wait "$peers_pid" || status=$?
if [ -s "$tmp/peers.err" ]; then
    cat "$tmp/peers.err" >&2
fi
if [ "$status" -ne 0 ]; then
    echo "$me: the peers failed (status $status)" >&2
    exit 1
fi
# The systems to score, saekin first, as the positional parameters (the
# options are all parsed by now), so that no path gets split on blanks.
set --
for s in saekin xapian-cjk xapian fts5 fts5-trigram; do
    if [ -f "$tmp/runs/$s.tsv" ]; then set -- "$@" "$s=$tmp/runs/$s.tsv"; fi
done

nq=$(grep -v '^#' "$qrels" | cut -f1 | sort -u | grep -c . || :)
echo "corpus: $corpus ($npass passages); queries: $qrels ($nq)"
# shellcheck disable=SC2086
"$py" "$here/bench/score.py" $verbose --main saekin --corpus "$corpus" "$qrels" "$@"
echo "($(( $(date +%s) - start )) s)"
