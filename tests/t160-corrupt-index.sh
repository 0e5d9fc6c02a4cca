#!/bin/sh
# A damaged index: truncated, zeroed, overwritten or missing table files,
# a garbage version file.  saekin-query and saekin-index either still
# answer or exit 2 with one clear line -- never a crash or a hang -- and
# once the folder is removed, a new index is built.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
make_notes "$N" 60
"$INDEX" --db "$TMP/good" -q "$N"

# calm NAME PROGRAM ARGS...: exit 0 or 1, or 2 with one line on stderr.
calm () {
    name=$1; shift
    timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ $rc -le 1 ] || { [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ]; }; then
        ok "$name (exit $rc)"
    else
        not_ok "$name (exit $rc)"
        head -3 "$TMP/err" | sed 's/^/#   /'
    fi
}

for damage in truncate-postlist empty-postlist zero-postlist garbage-postlist \
              garbage-termlist truncate-docdata garbage-docdata no-postlist \
              no-docdata garbage-version empty-version no-version; do
    D="$TMP/d-$damage"
    cp -r "$TMP/good" "$D"
    python3 - "$D" "$damage" <<'PY'
import os, random, sys
d, damage = sys.argv[1], sys.argv[2]
kind, table = damage.split("-", 1)
# The live database: the one the folder's stub names.
stub = os.path.join(d, "XAPIANDB")
if os.path.exists(stub):
    d = os.path.join(d, open(stub).read().split()[1])
f = os.path.join(d, "iamglass" if table == "version" else table + ".glass")
size = os.path.getsize(f)
rnd = random.Random(damage)
if kind == "truncate":
    os.truncate(f, size // 2)
elif kind == "empty":
    os.truncate(f, 0)
elif kind == "no":
    os.remove(f)
else:
    with open(f, "r+b") as o:
        for _ in range(64):
            o.seek(rnd.randrange(size))
            o.write(bytes(rnd.randrange(256) for _ in range(64)) if kind == "garbage" else b"\0" * 64)
PY
    # Some damage sends Xapian's matcher round in circles: the query
    # gives up after SAEKIN_QUERY_TIMEOUT seconds (and calm's 60 s
    # would catch a hang).
    SAEKIN_QUERY_TIMEOUT=5 calm "$damage: a query" "$QUERY" --db "$D" 인증서
    SAEKIN_QUERY_TIMEOUT=5 calm "$damage: a JSON query of many words" \
        "$QUERY" --db "$D" --json -n 100 aws 서비스 로그 KMS
    calm "$damage: an update" "$INDEX" --db "$D" "$N"
    calm "$damage: --status" "$INDEX" --db "$D" --status
    calm "$damage: --dump-entries" "$INDEX" --db "$D" --dump-entries
    rm -rf "$D"
    expect_exit "$damage: removed, the index is built anew" 0 "$INDEX" --db "$D" "$N"
done

# An index that never answers (a remote one whose server accepts and
# says nothing): the query gives up in one line, exit 2, on time.
port_file="$TMP/port"
python3 - "$port_file" <<'PY' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(4)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
conns = []
end = time.time() + 60
while time.time() < end:
    s.settimeout(end - time.time())
    try:
        conns.append(s.accept()[0])
    except OSError:
        break
PY
mute_pid=$!
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
echo "remote 127.0.0.1:$(cat "$port_file")" >"$TMP/mute.stub"
start=$(date +%s)
SAEKIN_QUERY_TIMEOUT=2 expect_exit "a server that never answers: exit 2" 2 \
    "$QUERY" --db "$TMP/mute.stub" 인증서
check "after the timeout, not Xapian's own" test $(( $(date +%s) - start )) -le 8
check "in one line saying so" sh -c "test \$(wc -l <'$TMP/err') -eq 1 && grep -q 'no answer from the index in 2 s' '$TMP/err'"
kill "$mute_pid" 2>/dev/null
wait "$mute_pid" 2>/dev/null

# The index folder replaced by a file, or by an unrelated folder.
echo "not an index" >"$TMP/file"
expect_exit "a file where the index should be: the indexer says so" 2 "$INDEX" --db "$TMP/file" "$N"
check "in one line naming it" sh -c "test \$(wc -l <'$TMP/err') -eq 1 && grep -q '$TMP/file' '$TMP/err'"
mkdir "$TMP/other"
echo keep >"$TMP/other/mine.txt"
calm "a folder holding other files" "$INDEX" --db "$TMP/other" "$N"
check "its files are left alone" test "$(cat "$TMP/other/mine.txt")" = keep
finish
