#!/bin/sh
# tests/fuzz/run.sh SECONDS SRCDIR TARGET... - run each libFuzzer target for
# SECONDS on its corpus (tests/fuzz/work-NAME, kept between runs, seeded
# from SRCDIR/corpus and SRCDIR/tests/fuzz/queries.txt), print one line of
# figures per target, and exit 1 when one of them found a failing input
# (saved as tests/fuzz/crash-NAME-*).
set -u
seconds=$1 srcdir=$2
shift 2
status=0
for target in "$@"; do
    name=$(basename "$target")
    work=tests/fuzz/work-${name#fuzz-}
    seeds=tests/fuzz/seed-${name#fuzz-}
    mkdir -p "$work" "$seeds"
    extra=
    case $name in
    fuzz-query)
        i=0
        while IFS= read -r q; do
            i=$((i + 1))
            printf '%s' "$q" >"$seeds/q$i"
        done <"$srcdir/tests/fuzz/queries.txt"
        extra="-max_len=512" ;;
    *)
        cp "$srcdir"/corpus/*.md "$seeds/"
        # The unit tests' notes are hostile on purpose: good seeds.
        extra="-max_len=$([ $name = fuzz-analyze ] && echo 4096 || echo 16384) -dict=$srcdir/tests/fuzz/markdown.dict" ;;
    esac
    log=tests/fuzz/$name.log
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a
    # leak or blow-up is a failure too.
    "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="tests/fuzz/crash-${name#fuzz-}-" \
        $extra "$work" "$seeds" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    units=$(ls "$work" | wc -l)
    if [ $rc -eq 0 ]; then
        echo "$name: ${runs:-0} runs in ${seconds} s (${speed:-0}/s), corpus of $units inputs, no failure"
    else
        status=1
        echo "$name: FAILED after ${runs:-?} runs (exit $rc); see $log:"
        grep -a -m5 'fuzz check failed\|ERROR:\|runtime error\|SUMMARY' "$log" | sed 's/^/    /'
        ls tests/fuzz/crash-${name#fuzz-}-* 2>/dev/null | sed 's/^/    input: /'
    fi
done
exit $status
