#!/bin/sh
# Roots that move, vanish or cannot be read (issue 13, point 1): a root
# given as a symbolic link is followed; a recorded root that is gone or
# unreadable keeps its notes and the run exits 1; --forget ROOT is how
# the person drops a root and its notes.
. "$(dirname "$0")/lib.sh"

D="$TMP/d"
mkdir -p "$D/box/n" "$D/other"
printf '# a\n\n- 인증서 zqxlinked\n' >"$D/box/n/a.md"
printf '# b\n\n- zqxother\n' >"$D/other/b.md"
expect_exit "index a folder" 0 "$INDEX" --db "$D/db" "$D/box/n" "$D/other"

# The folder moves and a link takes its place (the issue's reproduction).
mv "$D/box/n" "$D/real"
ln -s "$D/real" "$D/box/n"
expect_exit "update with the root now a link" 0 "$INDEX" --db "$D/db"
check "the note behind the link is seen, nothing removed" \
    grep -q "^2 notes: 0 added, 0 updated, 0 removed, 2 unchanged" "$TMP/out"
expect_exit "its note is still found" 0 "$QUERY" --db "$D/db" zqxlinked
printf -- '- zqxchanged\n' >>"$D/real/a.md"
expect_exit "a change behind the link is indexed" 0 "$INDEX" --db "$D/db"
expect_exit "and found" 0 "$QUERY" --db "$D/db" zqxchanged

# A fresh index of a root given as a link.
expect_exit "a fresh index of a linked root" 0 "$INDEX" --db "$D/db2" "$D/box/n"
check "finds the note behind the link" grep -q "^1 notes: 1 added" "$TMP/out"

# The root vanishes (an unmounted disk, a moved folder): exit 1, notes kept.
mv "$D/real" "$D/away"
expect_exit "a vanished root: exit 1" 1 "$INDEX" --db "$D/db"
check "it is named, with what to do" \
    grep -q "box/n: indexed folder cannot be read.*--forget" "$TMP/err"
check "nothing is removed" grep -q "0 removed" "$TMP/out"
expect_exit "its notes are still found" 0 "$QUERY" --db "$D/db" zqxlinked
expect_exit "naming the vanished root: exit 1 too" 1 "$INDEX" --db "$D/db" "$D/box/n"
expect_exit "its notes are still found" 0 "$QUERY" --db "$D/db" zqxlinked
mv "$D/away" "$D/real"
expect_exit "back again: a clean run" 0 "$INDEX" --db "$D/db"
check "nothing was lost meanwhile" grep -q "0 added, 0 updated, 0 removed, 2 unchanged" "$TMP/out"

# --forget: the person's way to drop a root.
expect_exit "--forget a folder that is no root" 2 "$INDEX" --db "$D/db" --forget "$D/nowhere"
check "says it is not an indexed folder" grep -q "not an indexed folder" "$TMP/err"
expect_exit "--forget --dry-run" 0 "$INDEX" --db "$D/db" -n --forget "$D/box/n"
check "names the note that would go" grep -qx "remove $D/box/n/a.md" "$TMP/out"
expect_exit "--forget the linked root" 0 "$INDEX" --db "$D/db" --forget "$D/box/n/"
check "one note removed" grep -q "1 removed" "$TMP/out"
expect_exit "its notes are gone" 1 "$QUERY" --db "$D/db" zqxlinked
expect_exit "the other root's are not" 0 "$QUERY" --db "$D/db" zqxother
"$INDEX" --db "$D/db" --status >"$TMP/status"
check "the root is no longer listed" sh -c "! grep -q 'box/n' '$TMP/status'"
check "the other one is" grep -qx "root: $D/other" "$TMP/status"
expect_exit "the next update leaves it alone" 0 "$INDEX" --db "$D/db"
check "one note seen" grep -q "^1 notes:" "$TMP/out"

# An unreadable root (as an ordinary user: root reads anything).
as_user () { "$@"; }
user_mode=no
if [ "$(id -u)" -ne 0 ]; then
    user_mode=yes
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    user_mode=yes
    as_user () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
if [ $user_mode = yes ]; then
    U="$TMP/u"
    mkdir -p "$U/notes"
    printf '# c\n\n- zqxlocked\n' >"$U/notes/c.md"
    chmod 755 "$TMP"
    chmod -R a+rwX "$U"
    expect_exit "index as a user" 0 as_user "$INDEX" --db "$U/db" "$U/notes"
    chmod 000 "$U/notes"
    expect_exit "an unreadable root: exit 1" 1 as_user "$INDEX" --db "$U/db"
    check "it is named with the reason" grep -q "notes: Permission denied" "$TMP/err"
    check "nothing is removed" grep -q "0 removed" "$TMP/out"
    chmod 755 "$U/notes"
    expect_exit "its note is still found" 0 "$QUERY" --db "$U/db" zqxlocked
else
    skip "unreadable root: no ordinary user to run as"
fi
finish
