#!/bin/sh
# Hostile folders: link loops, links out of the root, broken links,
# unreadable notes and folders, FIFOs, odd and non-UTF-8 file names,
# notes that vanish or change while a run reads them.  A message names
# the file, the rest is indexed, nothing crashes or hangs, and nothing
# already indexed is lost because it could not be read for a while.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N/sub/deeper" "$TMP/outside"
note () { printf '# %s\n\n- %s 인증서\n' "$2" "$2" >"$1"; }
note "$N/real.md" zqxreal
note "$N/sub/deeper/deep.md" zqxdeep
note "$TMP/outside/out.md" zqxoutside
note "$TMP/outside.md" zqxoutfile
ln -s .. "$N/sub/up"                      # a folder link loop
ln -s "$N" "$N/sub/deeper/root"           # another, absolute
ln -s self.md "$N/self.md"                # a link to itself
ln -s b.md "$N/a.md"; ln -s a.md "$N/b.md"  # a two-link loop
ln -s nowhere.md "$N/broken.md"
ln -s "$TMP/outside.md" "$N/out-link.md"  # a note link out of the root
ln -s "$TMP/outside" "$N/outdir"          # a folder link out of the root
ln -s real.md "$N/in-link.md"             # a note link inside the root
ln -s sub "$N/sub-link.md"                # a link to a folder, named .md
mkfifo "$N/fifo.md"
mkdir "$N/folder.md"; note "$N/folder.md/inner.md" zqxinner
note "$N/.hidden.md" zqxhiddenfile
mkdir "$N/.git"; note "$N/.git/x.md" zqxgit
# Odd names: spaces, a leading dash, a newline, a tab, quotes, NFD,
# bytes that are not UTF-8, a name near NAME_MAX, a path over 1,000 bytes.
note "$N/with space.md" zqxspace
note "$N/-dash.md" zqxdash
note "$N/$(printf 'new\nline.md')" zqxnewline
note "$N/$(printf 'tab\there.md')" zqxtab
note "$N/quote\"'.md" zqxquote
note "$N/$(printf 'bad\377\376name.md')" zqxbadname
long=$(python3 -c 'print("n" * 250)')
note "$N/$long.md" zqxlongname
deep="$N"
for i in 1 2 3 4 5 6; do deep="$deep/$(python3 -c 'print("d" * 200)')"; done
mkdir -p "$deep"
note "$deep/far.md" zqxfar

timeout 120 "$INDEX" --db "$DB" "$N" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "a hostile tree is indexed without a crash or hang (exit $rc)" test $rc -le 1
cp "$TMP/err" "$TMP/err1"
for w in zqxreal zqxdeep zqxinner zqxspace zqxdash zqxnewline zqxtab zqxquote \
         zqxbadname zqxlongname zqxfar; do
    "$QUERY" --db "$DB" "$w" >/dev/null 2>&1
    check "$w is found" test $? -eq 0
done
for w in zqxoutside zqxoutfile zqxhiddenfile zqxgit; do
    "$QUERY" --db "$DB" "$w" >/dev/null 2>&1
    check "$w (out of the root, hidden) is not indexed" test $? -eq 1
done
check "the note linked inside the root is indexed once per name" \
    test "$("$QUERY" --db "$DB" --json zqxreal | wc -l)" -eq 2
check "the link out of the root is named" grep -q "out-link.md: .*out of the indexed folder" "$TMP/err1"
check "the broken link is named" grep -q "broken.md: .*broken link" "$TMP/err1"
check "the link loops are named" \
    sh -c "grep -q 'self.md' '$TMP/err1' && grep -q '/a.md' '$TMP/err1' && grep -q '/b.md' '$TMP/err1'"
"$QUERY" --db "$DB" --json zqxfar >"$TMP/out"
check "the far note's path is whole" test "$(json_field "$TMP/out" 1 file)" = "$deep/far.md"
"$QUERY" --db "$DB" --json zqxnewline >"$TMP/out"
check "a newline in a name survives in JSON" \
    test "$(json_field "$TMP/out" 1 file)" = "$N/$(printf 'new\nline.md')"
"$QUERY" --db "$DB" --json zqxbadname >"$TMP/out"
check "a non-UTF-8 name gives valid UTF-8 JSON" python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8", errors="strict"):
    json.loads(l)
' "$TMP/out"
expect_exit "a FIFO given as a note neither hangs nor crashes" 1 timeout 20 "$INDEX" --db "$DB" "$N/fifo.md"
check "and is named" grep -q "fifo.md" "$TMP/err"

# A root whose name holds a newline stays one root.
odd="$TMP/$(printf 'odd\nroot')"
mkdir "$odd"
note "$odd/o.md" zqxoddroot
expect_exit "index a root named with a newline" 0 "$INDEX" --db "$TMP/odddb" "$odd"
expect_exit "update it" 0 "$INDEX" --db "$TMP/odddb"
check "nothing is dropped" grep -q "^1 notes: 0 added, 0 updated, 0 removed, 1 unchanged" "$TMP/out"
expect_exit "its note is found" 0 "$QUERY" --db "$TMP/odddb" zqxoddroot

# Unreadable notes and folders (as an ordinary user: root reads anything).
user_mode=no
as_user () { "$@"; }
if [ "$(id -u)" -ne 0 ]; then
    user_mode=yes
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    user_mode=yes
    as_user () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
if [ $user_mode = yes ]; then
    U="$TMP/u"
    mkdir -p "$U/notes/locked" "$U/notes/open"
    note "$U/notes/open/a.md" zqxopen
    note "$U/notes/secret.md" zqxsecret
    note "$U/notes/locked/hidden.md" zqxlocked
    chmod 755 "$TMP"
    chmod -R a+rwX "$U"
    as_user "$INDEX" --db "$U/db" -q "$U/notes"
    expect_exit "all three notes found at first" 0 "$QUERY" --db "$U/db" zqxopen OR zqxsecret OR zqxlocked
    chmod 000 "$U/notes/secret.md" "$U/notes/locked"
    touch "$U/notes/secret.md"
    as_user "$INDEX" --db "$U/db" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "unreadable note and folder: exit 1 (exit $rc)" test $rc -eq 1
    check "the unreadable note is named with the reason" \
        grep -q "secret.md: Permission denied" "$TMP/err"
    check "the unreadable folder is named" grep -q "locked: Permission denied" "$TMP/err"
    expect_exit "the readable note is still found" 0 "$QUERY" --db "$U/db" zqxopen
    expect_exit "the unreadable note keeps its entries" 0 "$QUERY" --db "$U/db" zqxsecret
    expect_exit "so does the note in the unreadable folder" 0 "$QUERY" --db "$U/db" zqxlocked
    chmod 755 "$U/notes/locked"; chmod 644 "$U/notes/secret.md"
    expect_exit "readable again: the run is clean" 0 as_user "$INDEX" --db "$U/db"
else
    skip "unreadable notes: no ordinary user to run as"
fi

# Notes that vanish, appear and change while runs read them.
C="$TMP/churn"
make_notes "$C" "$(sized 120 60)"
"$INDEX" --db "$TMP/cdb" -q "$C"
python3 - "$C" "$TMP/stop" <<'PY' &
import os, random, sys, time
root, stop = sys.argv[1], sys.argv[2]
rnd = random.Random(7)
n = 0
while not os.path.exists(stop):
    files = [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs]
    f = rnd.choice(files)
    act = rnd.random()
    try:
        if act < 0.3:
            os.remove(f)
        elif act < 0.6:
            with open(f, "a", encoding="utf-8") as o:
                for k in range(50):
                    o.write("- churn %d line %d 로그\n" % (n, k))
                    o.flush()
        elif act < 0.8:
            with open(os.path.join(os.path.dirname(f), "c%d.md" % n), "w") as o:
                o.write("# churn %d\n\n- 인증서 churn%d\n" % (n, n))
        else:
            os.rename(f, f + ".tmp")
            os.rename(f + ".tmp", f)
    except OSError:
        pass
    n += 1
    time.sleep(0.002)
PY
churner=$!
bad=0
i=1
runs=$(sized 8 4)
while [ $i -le $runs ]; do
    timeout 120 "$INDEX" --db "$TMP/cdb" -q >/dev/null 2>"$TMP/err"
    rc=$?
    if [ $rc -gt 1 ]; then bad=$((bad + 1)); sed 's/^/#   /' "$TMP/err" | head -3; fi
    i=$((i + 1))
done
touch "$TMP/stop"
wait $churner
check "$runs runs while notes churn: none failed or hung" test $bad -eq 0
expect_exit "once still, a run finishes" 0 "$INDEX" --db "$TMP/cdb"
snapshot "$TMP/cdb" "$TMP/a"
"$INDEX" --db "$TMP/cclean" -q "$C"
snapshot "$TMP/cclean" "$TMP/clean"
same_snapshot "and the index equals a clean build" "$TMP/a" "$TMP/clean"
finish
