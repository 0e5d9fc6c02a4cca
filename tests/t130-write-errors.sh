#!/bin/sh
# Out of disk space, a file size limit, a read-only index folder or file
# system: a clear one-line error, exit 2 (not 75: nobody else is writing),
# the existing index unharmed and still answering, and once the cause is
# gone the next run finishes the work.
#
# Disk full is a small tmpfs when mounting is allowed (root); a file size
# limit (ulimit -f, SIGXFSZ ignored, so writes fail with EFBIG) is tried
# always.  Read-only is a read-only bind mount (root), a folder without
# write permission, and a lock file that cannot be opened, the last two
# as an ordinary user (nobody, through setpriv, when run as root).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

trap 'for m in "$TMP/full" "$TMP/rodb"; do umount "$m" 2>/dev/null; done
      chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

N="$TMP/notes"
make_notes "$N" "$(sized 100 60)"
mkdir "$TMP/few"
cp "$N"/d0/note0[0-4]*.md "$TMP/few/"

# one_line_error NAME WORDS: exit 2 and a single line on stderr naming the
# index and holding WORDS (a grep pattern).
one_line_error () {
    if [ "$rc" -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] \
        && grep -q "^saekin-index: .*$2" "$TMP/err"; then
        ok "$1"
    else
        not_ok "$1 (exit $rc)"
        sed 's/^/#   /' "$TMP/err" | head -3
    fi
}

# unharmed NAME DB BEFORE: DB's snapshot is BEFORE's and it answers.
unharmed () {
    snapshot "$2" "$TMP/after"
    same_snapshot "$1: the index is unharmed" "$3" "$TMP/after"
    "$QUERY" --db "$2" 인증서 >/dev/null 2>&1
    check "$1: the index answers" test $? -eq 0
}

# ---- a file size limit
DB="$TMP/limited"
"$INDEX" --db "$DB" -q "$TMP/few"
snapshot "$DB" "$TMP/before"
nonempty_snapshot "a small index to fill" "$TMP/before"
sh -c 'trap "" XFSZ; ulimit -f 2048 && exec "$@"' sh "$INDEX" --db "$DB" "$N" \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
one_line_error "file size limit: a clear error" "cannot write the index.*File too large"
unharmed "file size limit" "$DB" "$TMP/before"
expect_exit "file size limit lifted: the run finishes" 0 "$INDEX" --db "$DB" "$N"
expect_exit "a clean build" 0 "$INDEX" --db "$TMP/clean" "$N" "$TMP/few"
snapshot "$DB" "$TMP/a"
snapshot "$TMP/clean" "$TMP/clean"
same_snapshot "file size limit lifted: equals a clean build" "$TMP/a" "$TMP/clean"

is_root=no
[ "$(id -u)" -eq 0 ] && is_root=yes

# ---- disk full: a 64 MB tmpfs filled up but for 128 kB
mkdir "$TMP/full"
if [ $is_root = yes ] && mount -t tmpfs -o size=64m tmpfs "$TMP/full" 2>/dev/null; then
    DB="$TMP/full/db"
    "$INDEX" --db "$DB" -q "$TMP/few"
    snapshot "$DB" "$TMP/before"
    avail=$(df -k --output=avail "$TMP/full" | tail -1 | tr -d ' ')
    dd if=/dev/zero of="$TMP/full/filler" bs=1k count=$((avail - 128)) 2>/dev/null
    "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    one_line_error "disk full: a clear error" "cannot write the index.*No space left"
    unharmed "disk full" "$DB" "$TMP/before"
    rm "$TMP/full/filler"
    expect_exit "space freed: the run finishes" 0 "$INDEX" --db "$DB" "$N"
    snapshot "$DB" "$TMP/a"
    same_snapshot "space freed: equals a clean build" "$TMP/a" "$TMP/clean"
    umount "$TMP/full"
else
    skip "disk full on a small tmpfs: mounting is not allowed here"
fi

# ---- read-only file system (a read-only bind mount)
DB="$TMP/rodb"
"$INDEX" --db "$DB" -q "$TMP/few"
snapshot "$DB" "$TMP/before"
if [ $is_root = yes ] && mount --bind "$DB" "$DB" 2>/dev/null; then
    if mount -o remount,ro,bind "$DB" 2>/dev/null; then
        "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        one_line_error "read-only file system: a clear error" "cannot write the index.*Read-only file system"
        expect_exit "read-only file system: the index answers" 0 "$QUERY" --db "$DB" 인증서
        expect_exit "read-only file system: --status answers" 0 "$INDEX" --db "$DB" --status
        "$INDEX" --db "$DB/sub/db" "$N" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        one_line_error "no index can be made on a read-only file system" "sub/db"
    else
        skip "read-only bind mount: remounting is not allowed here"
    fi
    umount "$DB"
    unharmed "read-only file system" "$DB" "$TMP/before"
else
    skip "read-only bind mount: mounting is not allowed here"
fi

# ---- a folder the writer may not write, as an ordinary user
user_mode=no
as_user () { "$@"; }
if [ $is_root = no ]; then
    user_mode=yes
    mkdir "$TMP/user"
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    user_mode=yes
    as_user () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    chmod 755 "$TMP"
    chmod -R a+rX "$N" "$TMP/few"
    mkdir "$TMP/user" && chown 65534:65534 "$TMP/user"
fi
if [ $user_mode = yes ]; then
    DB="$TMP/user/db"
    as_user "$INDEX" --db "$DB" -q "$TMP/few"
    snapshot "$DB" "$TMP/before"
    chmod a-w "$DB"
    as_user "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    one_line_error "read-only index folder: a clear error" "cannot write the index"
    expect_exit "read-only index folder: the index answers" 0 as_user "$QUERY" --db "$DB" 인증서
    expect_exit "read-only index folder: --status answers" 0 as_user "$INDEX" --db "$DB" --status
    chmod u+w "$DB"
    unharmed "read-only index folder" "$DB" "$TMP/before"
    chmod a-w "$DB/saekin.lock"
    as_user "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    one_line_error "lock file not writable: a clear error, not 'being updated'" \
        "cannot write the index.*Permission denied"
    expect_exit "lock file not writable: the index answers" 0 as_user "$QUERY" --db "$DB" 인증서
    chmod u+w "$DB/saekin.lock"
    unharmed "lock file not writable" "$DB" "$TMP/before"
    as_user "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "write permission back: the run finishes" test $rc -eq 0
else
    skip "read-only folder: no ordinary user to run as"
fi
finish
