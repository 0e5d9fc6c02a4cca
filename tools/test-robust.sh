# tools/test-robust.sh - the sanitizer, valgrind and fuzzing passes of
# tools/test.sh (robustness, issue 4).  Sourced by tools/test.sh after
# the normal `make check`, in the source tree it configured and built;
# adds what it runs to $pass and $fail and sets $status on failure.

# tools/test.sh runs under set -e; failures here are counted instead.
set +e
robust_jobs=$(nproc)

# robust_count NAME RC: count one check of a pass.
robust_count () {
    if [ "$2" -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        status=1
        echo "robust: FAILED: $1"
    fi
}

# ---- 1. AddressSanitizer + UndefinedBehaviorSanitizer -----------------
# A `make distdir` copy (the source tree itself is configured in place,
# so no second build can share it), configured with --enable-sanitizers.
# The scenario tests use their quick sizes (SAEKIN_TEST_QUICK): every run
# is several times slower under the sanitizers.  Any report fails the
# program with its own exit code (86 ASan and LeakSanitizer, 87 UBSan),
# which no test mistakes for "no hits".
echo "== robust 1/3: make check under ASan and UBSan"
san=build-san
rm -rf "$san"
mkdir -p "$san"
if make -s distdir distdir="$san/src" >"$san/distdir.log" 2>&1 \
    && (cd "$san/src" && ./configure -q --enable-sanitizers --disable-fuzzing \
        && make -s -j"$robust_jobs") >"$san/build.log" 2>&1; then
    # LeakSanitizer needs ptrace-like access to the process; some
    # sandboxes forbid it, and then leaks are left to valgrind.
    leaks=1
    printf 'int main (void) { return 0; }\n' >"$san/probe.c"
    if ! { ${CC:-cc} -fsanitize=address -o "$san/probe" "$san/probe.c" \
           && ASAN_OPTIONS=detect_leaks=1 "$san/probe"; } >"$san/probe.log" 2>&1; then
        leaks=0
        echo "robust: LeakSanitizer does not work here; leaks are checked by valgrind only"
    fi
    (lsan_supp="$PWD/tests/lsan.supp"; cd "$san/src" && \
        SAEKIN_TEST_QUICK=1 \
        ASAN_OPTIONS="detect_leaks=$leaks:exitcode=86:detect_stack_use_after_return=1:check_initialization_order=1" \
        LSAN_OPTIONS="suppressions=$lsan_supp:print_suppressions=0" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87" \
        make -s -j"$robust_jobs" check) >"$san/check.log" 2>&1 || true
    for f in "$san"/src/tests/*.trs; do
        [ -f "$f" ] || continue
        # A scenario test's .trs has a line per case (TAP): one failed
        # case fails the test.
        if ! grep -q '^:test-result: \(FAIL\|ERROR\|XPASS\)' "$f"; then
            grep -q '^:test-result: PASS' "$f" && pass=$((pass + 1))
        else
            fail=$((fail + 1))
            status=1
            echo "== sanitizers: ${f%.trs}.log"
            grep -a -v '^ok ' "${f%.trs}.log" | tail -40
        fi
    done
else
    robust_count "the sanitizer build (see $san/*.log)" 1
    tail -20 "$san/distdir.log" "$san/build.log" 2>/dev/null
fi

# ---- 2. valgrind ----------------------------------------------------
# The unit tests (without their slow cases: CK_EXCLUDE_TAGS=slow) and a
# few runs of the programs, from the normal build: no memory error, no
# definite or indirect leak.  What ICU, Xapian and cmark keep for the
# life of the process is "still reachable" or "possibly lost" and is not
# counted; tests/valgrind.supp names what else is theirs.
echo "== robust 2/3: valgrind"
if command -v valgrind >/dev/null 2>&1; then
    vg="./libtool --mode=execute valgrind -q --error-exitcode=99 --leak-check=full
        --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
        --suppressions=tests/valgrind.supp --num-callers=30"
    vgdir=$(mktemp -d "${TMPDIR:-/tmp}/saekin-vg.XXXXXX")
    # The environment make check gives the tests (AM_TESTS_ENVIRONMENT).
    vgenv="env -u SAEKIN_VOCABULARY -u SAEKIN_DB top_srcdir=$PWD top_builddir=$PWD
        XDG_CONFIG_HOME=$vgdir/config XDG_DATA_HOME=$vgdir/data CK_FORK=no
        CK_EXCLUDE_TAGS=slow"
    for t in tests/test-*.c; do
        t=${t%.c}
        [ -x "$t" ] || continue
        $vgenv $vg "$t" >"$vgdir/unit.log" 2>&1
        rc=$?
        robust_count "valgrind $t" $rc
        [ $rc -eq 0 ] || tail -40 "$vgdir/unit.log"
    done
    # vgrun WANT ARGS...: run ARGS under valgrind; pass on exit WANT.
    vgrun () {
        want=$1
        shift
        $vgenv $vg "$@" >"$vgdir/run.out" 2>"$vgdir/run.err"
        rc=$?
        [ $rc -eq "$want" ]
        robust_count "valgrind $* (exit $rc, wanted $want)" $?
        [ $rc -eq "$want" ] || tail -30 "$vgdir/run.err"
    }
    notes="$vgdir/notes"
    mkdir -p "$notes/sub"
    cp corpus/*.md "$notes/"
    printf '# bad\n\nbroken \377\376 bytes\n' >"$notes/sub/invalid.md"
    printf '# nul\n\nzero\000byte\n' >"$notes/sub/nul.md"
    python3 -c 'print("# deep\n\n" + "> " * 2000 + "deep\n" + "".join("  " * i + "- i\n" for i in range(500)))' \
        >"$notes/sub/deep.md"
    db="$vgdir/db"
    vgrun 1 indexer/saekin-index --db "$db" "$notes"
    printf '\n- **KMS** 키 changed\n' >>"$notes/aws-word-summary.md"
    rm "$notes/sub/deep.md"
    vgrun 1 indexer/saekin-index --db "$db"
    vgrun 0 indexer/saekin-index --db "$db" --status
    vgrun 0 indexer/saekin-index --db "$db" --dump-entries
    vgrun 0 query/saekin-query --db "$db" 인증서
    vgrun 0 query/saekin-query --db "$db" --json -n 50 'KMS OR "CloudTrail 로그" -VPC 서비스*'
    vgrun 0 query/saekin-query --docs KMS
    vgrun 2 query/saekin-query --db "$db" '!!!'
    vgrun 2 query/saekin-query --db "$vgdir/nowhere" 인증서
    rm -rf "$vgdir"
else
    echo "robust: valgrind is not installed: pass 2 skipped"
fi

# ---- 3. libFuzzer ---------------------------------------------------
echo "== robust 3/3: make fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-20}"
make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" >build-fuzz.log 2>&1
rc=$?
if grep -q '^make fuzz: needs clang' build-fuzz.log; then
    echo "robust: no clang with libFuzzer: pass 3 skipped"
else
    grep '^fuzz-\|^    ' build-fuzz.log
    n=$(grep -c '^fuzz-.*no failure$' build-fuzz.log)
    pass=$((pass + n))
    bad=$(grep -c '^fuzz-.*FAILED' build-fuzz.log)
    if [ "$bad" -gt 0 ] || [ $rc -ne 0 ]; then
        fail=$((fail + (bad > 0 ? bad : 1)))
        status=1
        [ "$bad" -gt 0 ] || tail -20 build-fuzz.log
    fi
fi
set -e
