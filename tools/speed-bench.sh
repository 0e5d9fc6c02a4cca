#!/bin/sh
# speed-bench.sh - how fast saekin indexes and answers, side by side with
# Xapian's omindex, SQLite FTS5 (unicode61) and rg, in one run.
#
#   tools/speed-bench.sh [--copies N] [--builddir DIR] [--reps N]
#                        [--rounds N] [--workdir DIR] [--keep]
#
# Makes N copies (default 10: about 8,660 notes) of the shared corpus with
# ../shared/eval/scale-corpus.sh, then measures, each system on the same
# notes and the same warm page cache:
#   - the full index: wall time, processor time and peak memory of
#     saekin-index, omindex (--mime-type=md:text/plain) and sqlite3 loading
#     the very passages saekin made (saekin-index --dump-entries) into an
#     FTS5 table; --rounds N (default 2) builds each N times, in turns and
#     in reverse order every other round, and keeps each one's fastest, so
#     that a busy moment of a shared machine does not fall on one alone;
#   - adding one new note (saekin-index NOTE, five times, five new notes),
#     and refreshing 100 changed notes (saekin-index with no path: a walk
#     of every root); omindex re-run over the tree and sqlite3 deleting and
#     loading the notes' passages do the same work for the peers;
#   - the latency of every judged query of ../shared/eval/queries-dev.tsv,
#     end to end as a person runs it (tools/bench/speed-queries.py):
#     saekin-query --json, sqlite3 with snippet(), rg over the notes;
#   - the size on disk of each index next to the notes' size;
#   - Xapian's own floor: the same passages as plain words (no stems,
#     bigrams or vocabulary, as FTS5 has them) indexed by xapian-omega's
#     scriptindex and searched by quest, without snippets: what Xapian,
#     the index saekin is built on, needs at the least;
#   - saekin-index --compact: its time, the index folder's size before
#     it (after the adds and the refresh) and after it;
#   - saekin-serve (tools/bench/speed-serve.py): /api/search's median and
#     95th percentile for the same queries, one prefix request per
#     keystroke as they are typed, 4 clients for 30 s (throughput, errors)
#     and the server's memory after it.
# It prints a table with ratios (these machines are shared and noisy:
# ratios measured in one run are what compare) and whether each target of
# the project's issue 6 is met.  The raw numbers are in WORKDIR/results.
#
# Exit status: 0 when it ran (targets missed or not), 1 when a step
# failed, 2 on a usage error or missing programs, 77 (skipped) when the
# shared corpus is not there.
set -eu

me=speed-bench
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
shared=$top/../shared
copies=10
builddir=
workdir=
keep=
reps=5
rounds=2

usage () {
    echo "usage: $0 [--copies N] [--builddir DIR] [--reps N] [--rounds N] [--workdir DIR] [--keep]"
}

while [ $# -gt 0 ]; do
    case $1 in
        --copies|--builddir|--reps|--rounds|--workdir)
            [ $# -ge 2 ] || { echo "$me: $1 needs a value" >&2; exit 2; }
            case $1 in
                --copies) copies=$2 ;;
                --builddir) builddir=$2 ;;
                --reps) reps=$2 ;;
                --rounds) rounds=$2 ;;
                --workdir) workdir=$2 ;;
            esac
            shift 2 ;;
        --copies=*) copies=${1#*=}; shift ;;
        --builddir=*) builddir=${1#*=}; shift ;;
        --reps=*) reps=${1#*=}; shift ;;
        --rounds=*) rounds=${1#*=}; shift ;;
        --workdir=*) workdir=${1#*=}; shift ;;
        --keep) keep=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$me: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
case $copies$reps$rounds in
    *[!0-9]*|'') echo "$me: --copies, --reps and --rounds take a number" >&2; exit 2 ;;
esac
[ "$rounds" -ge 1 ] || rounds=1

scale=$shared/eval/scale-corpus.sh
qrels=$shared/eval/queries-dev.tsv
if [ ! -r "$scale" ] || [ ! -d "$shared/corpus" ] || [ ! -r "$qrels" ]; then
    echo "$me: SKIP: no shared corpus, scale-corpus.sh or queries at $shared" >&2
    exit 77
fi

if [ -z "$builddir" ]; then
    if [ -x ./indexer/saekin-index ]; then builddir=.; else builddir=$top; fi
fi
builddir=$(cd "$builddir" && pwd)
index=$builddir/indexer/saekin-index
query=$builddir/query/saekin-query
if [ ! -x "$index" ] || [ ! -x "$query" ]; then
    echo "$me: $index or $query is not built (run make, or give --builddir)" >&2
    exit 2
fi
# In a build tree libtool makes the programs shell scripts that start the
# real ones from .libs: time the real ones, as installed programs run.
if [ -x "$builddir/indexer/.libs/saekin-index" ] && [ -x "$builddir/query/.libs/saekin-query" ] &&
   ! head -c 4 "$index" | grep -q ELF; then
    index=$builddir/indexer/.libs/saekin-index
    query=$builddir/query/.libs/saekin-query
    LD_LIBRARY_PATH=$builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi
py=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if "$p" -c 'import sqlite3, resource' >/dev/null 2>&1; then py=$p; break; fi
done
[ -n "$py" ] || { echo "$me: no python3 found" >&2; exit 2; }
# A missing peer leaves its column empty rather than stopping the run
# (tools/deps.sh --bench installs them all).
have () { command -v "$1" >/dev/null 2>&1; }
for p in omindex sqlite3 rg scriptindex quest xapian-compact; do
    have "$p" || echo "$me: note: $p is not installed; its column stays empty" >&2
done

if [ -n "$workdir" ]; then
    mkdir -p "$workdir"
    work=$(cd "$workdir" && pwd)
    keep=yes
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/saekin-speed.XXXXXX")
fi
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# saekin as a new user runs it: the vocabulary compiled in (not a file
# named by $SAEKIN_VOCABULARY), no personal synonyms, no default index.
unset SAEKIN_VOCABULARY || :
XDG_CONFIG_HOME=$work/no-config
export XDG_CONFIG_HOME
unset SAEKIN_DB || :

results=$work/results
notes=$work/notes
: >"$results"
# The machine's load (1-minute average) beside each timed step, to judge
# how noisy a run was.
load () {
    if [ -r /proc/loadavg ]; then put load "$(cut -d' ' -f1 /proc/loadavg)"; fi
}
timed () { load; "$py" "$here/bench/speed-time.py" "$results" "$@"; }
fts5 () { "$py" "$here/bench/speed-fts5.py" "$@"; }
say () { printf '%s: %s\n' "$me" "$*" >&2; }
fail () { say "$*"; exit 1; }
put () { echo "$1 $2" >>"$results"; }
bytes () { du -sb "$@" | awk '{ s += $1 } END { print s + 0 }'; }
start=$(date +%s)

say "making $copies copies of the corpus"
rm -rf "$notes" "$work/saekin" "$work/omega" "$work/fts5.sqlite"
sh "$scale" "$copies" "$notes" >/dev/null
put corpus.notes "$(find "$notes" -name '*.md' | wc -l)"
put corpus.bytes "$(bytes "$notes")"
# Read every note once, so that the first system timed does not pay for a
# cold page cache the others would not.
find "$notes" -type f -exec cat {} + >/dev/null

# ---- full index
build_saekin () {
    rm -rf "$work/saekin"
    timed "index.saekin.r$1" -- "$index" -q --db "$work/saekin" "$notes" ||
        fail "saekin-index failed"
}
build_omindex () {
    have omindex || return 0
    rm -rf "$work/omega"
    timed "index.omindex.r$1" -- omindex --db "$work/omega" --url / \
        --mime-type=md:text/plain "$notes" || fail "omindex failed"
}
build_fts5 () {
    have sqlite3 || return 0
    if [ ! -f "$work/load.sql" ]; then
        # The passages saekin made, for FTS5 to load (not timed).
        "$index" --db "$work/saekin" --dump-entries >"$work/entries.jsonl" ||
            fail "saekin-index --dump-entries failed"
        fts5 csv "$work/entries.jsonl" "$work/entries.csv" >/dev/null
        fts5 load-sql "$work/entries.csv" >"$work/load.sql"
    fi
    rm -f "$work/fts5.sqlite"
    timed "index.fts5.r$1" -- sqlite3 -bail "$work/fts5.sqlite" ".read $work/load.sql" ||
        fail "sqlite3 could not load the passages"
}
# Xapian's own floor: the same passages as plain words (see
# tools/bench/speed-xapian.py), by scriptindex on one thread.
build_floor () {
    have scriptindex || return 0
    if [ ! -f "$work/floor.in" ]; then
        [ -s "$work/entries.jsonl" ] ||
            "$index" --db "$work/saekin" --dump-entries >"$work/entries.jsonl" ||
            fail "saekin-index --dump-entries failed"
        "$py" "$here/bench/speed-xapian.py" script >"$work/floor.script"
        "$py" "$here/bench/speed-xapian.py" input "$work/entries.jsonl" >"$work/floor.in"
    fi
    rm -rf "$work/floor"
    timed "index.floor.r$1" -- scriptindex --stemmer=none "$work/floor" \
        "$work/floor.script" "$work/floor.in" || fail "scriptindex failed"
}
r=1
while [ "$r" -le "$rounds" ]; do
    say "full index, round $r of $rounds: saekin, omindex, sqlite3 FTS5, Xapian's floor"
    if [ $((r % 2)) -eq 1 ]; then
        build_saekin "$r"; build_omindex "$r"; build_fts5 "$r"; build_floor "$r"
    else
        build_floor "$r"; build_fts5 "$r"; build_omindex "$r"; build_saekin "$r"
    fi
    r=$((r + 1))
done
# Each system's fastest round (its memory, the most it took in any).
for sys in saekin omindex fts5 floor; do
    awk -v s="index.$sys.r" '
        index($1, s) == 1 && $1 ~ /\.wall$/ { if (w == "" || $2 < w) w = $2 }
        index($1, s) == 1 && $1 ~ /\.cpu$/ { if (c == "" || $2 < c) c = $2 }
        index($1, s) == 1 && $1 ~ /\.rss$/ { if ($2 > m) m = $2 }
        END { if (w != "") printf "index.%s.wall %s\nindex.%s.cpu %s\nindex.%s.rss %s\n",
                                   substr(s, 7, length(s) - 8), w,
                                   substr(s, 7, length(s) - 8), c,
                                   substr(s, 7, length(s) - 8), m }' "$results" >"$work/best"
    cat "$work/best" >>"$results"
done
[ -s "$work/entries.jsonl" ] || "$index" --db "$work/saekin" --dump-entries >"$work/entries.jsonl"
put corpus.passages "$(wc -l <"$work/entries.jsonl")"
put size.saekin "$(bytes "$work/saekin")"
[ -d "$work/omega" ] && put size.omindex "$(bytes "$work/omega")"
[ -f "$work/fts5.sqlite" ] && put size.fts5 "$(bytes "$work/fts5.sqlite")"
if [ -d "$work/floor" ] && have xapian-compact; then
    # compacted, as saekin's fresh build is
    rm -rf "$work/floor.c"
    xapian-compact "$work/floor" "$work/floor.c" >/dev/null || fail "xapian-compact failed"
    rm -rf "$work/floor"
    mv "$work/floor.c" "$work/floor"
    put size.floor "$(bytes "$work/floor")"
fi

# ---- queries
say "queries: $(cut -f1 "$qrels" | grep -v '^#' | sort -u | wc -l) judged queries, $reps runs each"
set -- --saekin "$query" "$work/saekin"
have sqlite3 && set -- "$@" --fts5 "$work/fts5.sqlite"
have rg && set -- "$@" --rg "$notes"
have quest && [ -d "$work/floor" ] && set -- "$@" --quest "$work/floor"
"$py" "$here/bench/speed-queries.py" --qrels "$qrels" --results "$results" \
    --reps "$reps" --details "$work/queries.tsv" "$@" ||
    say "note: some query runs failed (see $work/queries.tsv)"

# ---- saekin-serve (issue 12): /api/search, as typed, 4 clients for 30 s
serve=$builddir/serve/saekin-serve
if [ -x "$serve" ]; then
    say "saekin-serve: /api/search, one request per keystroke, 4 clients for 30 s"
    "$py" "$here/bench/speed-serve.py" --serve "$serve" --db "$work/saekin" \
        --qrels "$qrels" --results "$results" --reps "$reps" --clients 4 --seconds 30 \
        >/dev/null || say "note: saekin-serve had errors (see $results)"
fi

# ---- one new note, five times
say "adding one new note, five times"
find "$notes/copy-001" -name '*.md' | sort | head -5 >"$work/sources.txt"
i=0
while IFS= read -r f; do
    i=$((i + 1))
    new=$notes/new-note-$i.md
    { printf '# 새 노트 %d (new note)\n\n' "$i"; cat "$f"; } >"$new"
    timed "add.saekin.$i" -- "$index" -q --db "$work/saekin" "$new" ||
        fail "saekin-index NOTE failed"
done <"$work/sources.txt"
if have sqlite3; then
    "$index" --db "$work/saekin" --dump-entries >"$work/entries2.jsonl"
    fts5 csv "$work/entries2.jsonl" "$work/new.csv" --file "$notes/new-note-1.md" >/dev/null
    fts5 load-sql "$work/new.csv" >"$work/new.sql"
    timed add.fts5 -- sqlite3 -bail "$work/fts5.sqlite" ".read $work/new.sql" ||
        fail "sqlite3 could not add a note"
fi
if have omindex; then
    # omindex has no single-file mode: a person re-runs it on the tree.
    timed add.omindex -- omindex --db "$work/omega" --url / \
        --mime-type=md:text/plain "$notes" || fail "omindex failed"
fi

# ---- 100 changed notes
say "refreshing 100 changed notes"
n=$(find "$notes" -name '*.md' | wc -l)
step=$(( n / 100 ))
[ "$step" -ge 1 ] || step=1
find "$notes" -name '*.md' | sort | awk -v s="$step" 'NR % s == 0' | head -100 \
    >"$work/changed.txt"
# A second later, so that even a file system with coarse times sees the
# change; the edit changes the size too.
sleep 1
while IFS= read -r f; do
    printf '\n## 변경된 부분 (changed)\n\n- 새로 추가한 내용 refreshed line\n' >>"$f"
done <"$work/changed.txt"
put refresh.notes "$(wc -l <"$work/changed.txt")"
timed refresh.saekin -- "$index" -q --db "$work/saekin" || fail "saekin-index failed"
if have sqlite3; then
    "$index" --db "$work/saekin" --dump-entries >"$work/entries3.jsonl"
    set --
    while IFS= read -r f; do set -- "$@" --file "$f"; done <"$work/changed.txt"
    fts5 csv "$work/entries3.jsonl" "$work/changed.csv" "$@" >/dev/null
    {
        echo 'BEGIN;'
        xargs -d '\n' "$py" "$here/bench/speed-fts5.py" delete-sql <"$work/changed.txt"
        fts5 load-sql "$work/changed.csv"
        echo 'COMMIT;'
    } >"$work/changed.sql"
    timed refresh.fts5 -- sqlite3 -bail "$work/fts5.sqlite" ".read $work/changed.sql" ||
        fail "sqlite3 could not refresh the notes"
fi
if have omindex; then
    timed refresh.omindex -- omindex --db "$work/omega" --url / \
        --mime-type=md:text/plain "$notes" || fail "omindex failed"
fi

# ---- compaction
# The sizes after the adds and the refresh first: an updated glass
# database is bigger than a fresh (compacted) build, and --compact is
# measured against that, not against the fresh build.
put size.saekin_updated "$(bytes "$work/saekin")"
[ -d "$work/omega" ] && put size.omindex_updated "$(bytes "$work/omega")"
[ -f "$work/fts5.sqlite" ] && put size.fts5_updated "$(bytes "$work/fts5.sqlite")"
say "saekin-index --compact"
timed compact.saekin -- "$index" -q --db "$work/saekin" --compact ||
    fail "saekin-index --compact failed"
put size.saekin_compact "$(bytes "$work/saekin")"

put bench.seconds "$(( $(date +%s) - start ))"
put bench.rounds "$rounds"
where=
[ -n "$keep" ] && where="; raw numbers in $results"
"$py" "$here/bench/speed-report.py" "$results" \
    --note "$copies copies of $shared/corpus; $(nproc 2>/dev/null || echo '?') CPUs$where"
