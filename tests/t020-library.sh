#!/bin/sh
# The shared library exports the public API of lib/saekin.h and nothing
# else (lib/libsaekin.map), and the programs do without it.
. "$(dirname "$0")/lib.sh"

so="$top_builddir/lib/.libs/libsaekin.so"
if [ ! -f "$so" ] || ! command -v nm >/dev/null 2>&1; then
    skip_all "no $so or no nm"
fi
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRW]$/ { print $3 }' >"$TMP/exported"
check "libsaekin.so exports the public API" grep -qx saekin_searcher_query "$TMP/exported"
check "and nothing else (no _saekin_*, no C++ symbols)" \
    sh -c "! grep -v '^saekin_' '$TMP/exported'"
grep -v '^saekin_' "$TMP/exported" | head -3 | sed 's/^/#   /'
for p in "$INDEX" "$QUERY"; do
    if command -v ldd >/dev/null 2>&1 && head -c 4 "$p" | grep -q ELF; then
        check "$(basename "$p") does not load libsaekin.so" sh -c "! ldd '$p' | grep -q libsaekin"
    fi
done
finish
