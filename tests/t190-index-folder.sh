#!/bin/sh
# The index folder (issue 13, points 2 and 9, and the kills of "Minor"):
# every scratch, shard and swap folder lives inside it, so a sharded
# build, --rebuild and --compact work whatever the path looks like and
# wherever the folder is: a path ending in a slash (--db and SAEKIN_DB),
# a mount point, a folder whose parent its user cannot write, a folder
# reached through a symbolic link.  Nothing is ever made beside it.  A
# new index folder is 0700 with 0600 files; an existing one keeps its
# mode.  A kill right after the swap leaves an index the next run takes
# as it is (no rebuild), and nothing behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

trap 'umount "$TMP/mnt" 2>/dev/null; chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

N="$TMP/notes"
make_notes "$N" 70
chmod -R a+rX "$N"
# Always in shards (two threads), whatever the processors.
SAEKIN_INDEX_THREADS=2
export SAEKIN_INDEX_THREADS

# all_three NAME DB [RUNNER]: a sharded build, --rebuild, --compact, and
# the notes are found.
all_three () {
    what=$1 db=$2
    shift 2
    expect_exit "$what: a build in shards" 0 "$@" "$INDEX" ${db:+--db} ${db:+"$db"} "$N"
    check "$what: all notes added" grep -q "^70 notes: 70 added" "$TMP/out"
    expect_exit "$what: --rebuild" 0 "$@" "$INDEX" ${db:+--db} ${db:+"$db"} --rebuild
    expect_exit "$what: --compact" 0 "$@" "$INDEX" ${db:+--db} ${db:+"$db"} --compact
    expect_exit "$what: the notes are found" 0 "$@" "$QUERY" ${db:+--db} ${db:+"$db"} uniq7
    expect_exit "$what: an update finds nothing to do" 0 "$@" "$INDEX" ${db:+--db} ${db:+"$db"}
    check "$what: ... all unchanged" grep -q "0 removed, 70 unchanged" "$TMP/out"
}

# ---- a path ending in a slash
mkdir "$TMP/p1" "$TMP/p2"
all_three "--db DIR/" "$TMP/p1/db/"
check "--db DIR/: nothing made beside the index" test "$(ls -A "$TMP/p1")" = db
all_three "SAEKIN_DB=DIR/" "" env SAEKIN_DB="$TMP/p2/db/"
check "SAEKIN_DB=DIR/: nothing made beside the index" test "$(ls -A "$TMP/p2")" = db

# ---- the index folder is a mount point
mkdir "$TMP/mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64m tmpfs "$TMP/mnt" 2>/dev/null; then
    all_three "a mount point" "$TMP/mnt"
    check "a mount point: still mounted" mountpoint -q "$TMP/mnt"
    umount "$TMP/mnt"
else
    skip "index folder on a mount point: mounting is not allowed here"
fi

# ---- the parent folder is not writable by the index's user
as_user () { "$@"; }
user_mode=no
if [ "$(id -u)" -ne 0 ]; then
    user_mode=yes
    mkdir -p "$TMP/srv/team"
    chmod a-w "$TMP/srv"
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    user_mode=yes
    as_user () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    chmod 755 "$TMP"
    mkdir -p "$TMP/srv/team"
    chown 65534:65534 "$TMP/srv/team"
fi
if [ $user_mode = yes ]; then
    all_three "a parent the user cannot write" "$TMP/srv/team" as_user
    check "a parent the user cannot write: nothing made beside" \
        test "$(ls -A "$TMP/srv")" = team
else
    skip "a parent the user cannot write: no ordinary user to run as"
fi

# ---- the index folder is a symbolic link
mkdir "$TMP/real"
ln -s "$TMP/real" "$TMP/link"
all_three "a linked index folder" "$TMP/link"
check "a linked index folder: the link is still a link" test -L "$TMP/link"
expect_exit "a linked index folder: found through the real folder" 0 \
    "$QUERY" --db "$TMP/real" uniq7
check "a linked index folder: nothing made beside" \
    test "$(ls -A "$TMP" | grep -c '^link\|^real')" -eq 2

# ---- modes (point 9)
(umask 022 && "$INDEX" --db "$TMP/m/db" -q "$N" && "$INDEX" --db "$TMP/m/db" -q --compact)
check "a new index folder is 0700" test "$(stat -c %a "$TMP/m/db")" = 700
check "its parent is made as the umask says" test "$(stat -c %a "$TMP/m")" = 755
check "no file in it is readable by others" \
    test -z "$(find "$TMP/m/db" -perm /077 ! -type d)"
check "no folder in it either" test -z "$(find "$TMP/m/db" -type d -perm /077)"
printf -- '- zqxmode\n' >>"$N/d1/note001.md"
(umask 022 && "$INDEX" --db "$TMP/m/db" -q)
check "after an update, still none" test -z "$(find "$TMP/m/db" -perm /077)"
mkdir "$TMP/shared"
chmod 750 "$TMP/shared"
(umask 022 && "$INDEX" --db "$TMP/shared" -q "$N")
check "an existing folder keeps its mode" test "$(stat -c %a "$TMP/shared")" = 750
check "its files are readable as the folder is (group, not others)" \
    test -z "$(find "$TMP/shared" -perm /007 ! -type d)"

# ---- an index of the older layout (a glass database in the folder itself)
L="$TMP/legacy"
"$INDEX" --db "$L" -q "$N"
live=$(sed -n 's/^glass //p' "$L/XAPIANDB")
mv "$L/$live"/* "$L/" && rm -r "$L"/v* "$L/XAPIANDB"
printf -- '- zqxlegacy\n' >>"$N/d2/note002.md"
expect_exit "an older index: updated in place" 0 "$INDEX" --db "$L"
check "... one note updated" grep -q "0 added, 1 updated, 0 removed" "$TMP/out"
expect_exit "... and found" 0 "$QUERY" --db "$L" zqxlegacy
expect_exit "an older index: --compact" 0 "$INDEX" --db "$L" --compact
check "... moves it into the new layout" sh -c "test -f '$L/XAPIANDB' && ! test -e '$L/iamglass' && ! test -e '$L/postlist.glass'"
expect_exit "... where it is found" 0 "$QUERY" --db "$L" zqxlegacy
expect_exit "... and updated" 0 "$INDEX" --db "$L"
check "... all unchanged" grep -q "0 removed, 70 unchanged" "$TMP/out"

# ---- a kill right after the swap (strace holds the run there)
if command -v strace >/dev/null 2>&1; then
    DB="$TMP/k/db"
    mkdir -p "$TMP/k"
    strace -f -qq -e signal=none -o "$TMP/trace" -e trace=renameat2 \
        -e inject=renameat2:delay_exit=20000000 "$INDEX" --db "$DB" -q "$N" \
        >/dev/null 2>&1 &
    tries=0
    until grep -q 'renameat2(' "$TMP/trace" 2>/dev/null || [ $tries -ge 600 ]; do
        sleep 0.2; tries=$((tries + 1))
    done
    sleep 0.5
    pid=$(sed -n 's/^\([0-9]*\) .*renameat2(.*/\1/p' "$TMP/trace" | head -1)
    check "the run reached the swap" test -n "$pid"
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
    wait
    expect_exit "killed after the swap: the next run" 0 "$INDEX" --db "$DB"
    check "... does not rebuild" sh -c "! grep -q 'older saekin' '$TMP/err'"
    check "... finds every note indexed" grep -q "^70 notes: 0 added, 0 updated, 0 removed, 70 unchanged" "$TMP/out"
    check "nothing is left beside the index" test "$(ls -A "$TMP/k")" = db
    check "nor a scratch database in it" test -z "$(ls -A "$DB/tmp" 2>/dev/null)"
    check "nor a database not live" \
        test "$(ls -d "$DB"/v* | wc -l)" -eq 1
else
    skip "a kill right after the swap: no strace"
fi
finish
