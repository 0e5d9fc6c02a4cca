#!/bin/sh
# The index folder holds the live database only once a writer is done
# (a full build in shards, an update, --compact, --rebuild): the one a
# swap replaces is removed at once, not left for the next writer, and the
# scratch folder goes too.  So --compact makes the folder smaller, never
# about twice as big (the live database and the one it replaced).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
make_notes "$N" 120
# Always in shards (two threads): the build swaps its merge in.
SAEKIN_INDEX_THREADS=2
export SAEKIN_INDEX_THREADS

# kb PATH...: disk use in KiB.
kb () { du -sk "$@" | awk '{ s += $1 } END { print s + 0 }'; }
live () { sed -n 's/^glass //p' "$DB/XAPIANDB"; }
# only_live STEP: one vN, the one the stub names, and nothing else but
# the stub and the lock.
only_live () {
    l=$(live)
    extra=$(cd "$DB" && ls -A | grep -v -x -e XAPIANDB -e saekin.lock -e "$l" | tr '\n' ' ')
    check "$1: the folder holds the live $l only${extra:+ (also: $extra)}" \
        test -n "$l" -a -d "$DB/$l" -a -z "$extra"
    echo "# $1: folder $(kb "$DB") KiB, live $l $(kb "$DB/$l") KiB"
}
# no_bigger_than_live STEP: the folder is the live database's size (and
# a few KiB for the stub, the lock and the folder itself).
no_bigger_than_live () {
    check "$1: the folder ($(kb "$DB") KiB) is no bigger than its live database" \
        test "$(kb "$DB")" -le $(( $(kb "$DB/$(live)") + 16 ))
}

expect_exit "a full build in shards" 0 "$INDEX" --db "$DB" "$N"
only_live "full build"
no_bigger_than_live "full build"

printf '# new\n\n- zqxnew one new note\n' >"$N/d1/new.md"
expect_exit "a new note" 0 "$INDEX" --db "$DB" "$N/d1/new.md"
only_live "a new note"

# Updates leave the live database bigger than a compacted one.
for f in "$N"/d2/*.md "$N"/d3/*.md; do printf '\n- zqxchanged line\n' >>"$f"; done
expect_exit "an update of 48 notes" 0 "$INDEX" --db "$DB"
only_live "update"
before=$(kb "$DB")
expect_exit "--compact" 0 "$INDEX" --db "$DB" --compact
only_live "--compact"
no_bigger_than_live "--compact"
check "--compact made the folder smaller ($before -> $(kb "$DB") KiB)" \
    test "$(kb "$DB")" -lt "$before"

expect_exit "--rebuild" 0 "$INDEX" --db "$DB" --rebuild
only_live "--rebuild"
no_bigger_than_live "--rebuild"
expect_exit "a second --compact" 0 "$INDEX" --db "$DB" --compact
only_live "a second --compact"
no_bigger_than_live "a second --compact"

expect_exit "the notes are found" 0 "$QUERY" --db "$DB" zqxnew
expect_exit "an update finds nothing to do" 0 "$INDEX" --db "$DB"
check "... all unchanged" grep -q "0 removed, 121 unchanged" "$TMP/out"
finish
