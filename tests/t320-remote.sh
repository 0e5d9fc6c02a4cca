#!/bin/sh
# An index served by Xapian's own xapian-tcpsrv, named by a stub file
# ("remote HOST:PORT"), is searched like a local one: alone, next to a
# local index, or several served as one.  The server runs on loopback for
# the test only.  Skipped when xapian-tcpsrv is not installed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
    skip_all "xapian-tcpsrv is not installed (Debian: xapian-tools)"
fi

make_notes "$TMP/notes/a" 20 1
make_notes "$TMP/notes/b" 20 3
expect_exit "index a" 0 "$INDEX" --db "$TMP/dba" "$TMP/notes/a"
expect_exit "index b" 0 "$INDEX" --db "$TMP/dbb" "$TMP/notes/b"
expect_exit "index a and b into one" 0 "$INDEX" --db "$TMP/dbab" "$TMP/notes/a" "$TMP/notes/b"

# On SIGTERM xapian-tcpsrv kills its whole process group (to take its
# connection handlers with it): it gets a session of its own, so that the
# group is only itself.  Without setsid it is stopped with SIGKILL.
servers=
if command -v setsid >/dev/null 2>&1; then
    own_group=setsid stop_signal=TERM
else
    own_group= stop_signal=KILL
fi
# serve NAME DB...: start xapian-tcpsrv on a free loopback port for the
# databases DB... and write the stub file $TMP/NAME that names it.
serve () {
    name=$1; shift
    for try in 1 2 3 4 5 6 7 8; do
        port=$(python3 -c 'import random; print(random.randint(20000, 40000))')
        $own_group xapian-tcpsrv --quiet --port "$port" --interface 127.0.0.1 "$@" \
            >"$TMP/$name.log" 2>&1 &
        pid=$!
        # Up when it accepts a connection; gone when the port was taken.
        if python3 - "$port" "$pid" <<'PY'
import os, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
        sys.exit(0)
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    time.sleep(0.05)
sys.exit(1)
PY
        then
            servers="$servers $pid"
            echo "remote 127.0.0.1:$port" >"$TMP/$name"
            return 0
        fi
        kill -s "$stop_signal" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    return 1
}
stop_servers () {
    for pid in $servers; do
        kill -s "$stop_signal" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    servers=
}
trap 'stop_servers; chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

# ranks OUT DB-OPTIONS...: as in t310: every hit of a few queries.
ranks () {
    out=$1; shift
    : >"$out"
    printf '%s\n' "$SNAP_QUERIES" "uniq3" "title:note" | while IFS= read -r q; do
        "$QUERY" "$@" --json -n 200 -- "$q" >"$TMP/q" 2>"$TMP/qerr"
        echo "== $q: exit $?" >>"$out"
        python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(l)
    print(h["rank"], h["score"], h["file"], h["line"], h["snippet"], h["links"])
' "$TMP/q" >>"$out"
    done
}
same () {
    if cmp -s "$2" "$3"; then ok "$1"
    else not_ok "$1"; diff "$2" "$3" | head -10 | sed 's/^/#   /'; fi
}

check "serve index a with xapian-tcpsrv on loopback" serve remote-a "$TMP/dba"
check "serve a and b as one from another server" serve remote-ab "$TMP/dba" "$TMP/dbb"

ranks "$TMP/local-a" --db "$TMP/dba"
ranks "$TMP/via-a" --db "$TMP/remote-a"
check "the local index has hits" grep -q '^1 ' "$TMP/local-a"
same "the remote index ranks as the local one" "$TMP/local-a" "$TMP/via-a"

ranks "$TMP/local-ab" --db "$TMP/dbab"
ranks "$TMP/mixed" --db "$TMP/remote-a" --db "$TMP/dbb"
same "remote a with local b ranks as one index of both" "$TMP/local-ab" "$TMP/mixed"
ranks "$TMP/served-ab" --db "$TMP/remote-ab"
same "a server of a and b ranks as one index of both" "$TMP/local-ab" "$TMP/served-ab"

expect_exit "text output through the stub" 0 "$QUERY" --db "$TMP/remote-a" 인증서
check "names the file as indexed" grep -q "$TMP/notes/a/" "$TMP/out"

# The index changes on the server: the next query sees it.
printf '# late\n\n- zqxlate 나중에 추가\n' >"$TMP/notes/a/late.md"
expect_exit "add a note to the served index" 0 "$INDEX" --db "$TMP/dba" "$TMP/notes/a/late.md"
expect_exit "the remote query finds it" 0 "$QUERY" --db "$TMP/remote-a" --json zqxlate
check "at its path" test "$(json_field "$TMP/out" 1 file)" = "$TMP/notes/a/late.md"

stop_servers
expect_exit "a stopped server is an error" 2 "$QUERY" --db "$TMP/remote-a" 인증서
check "that says the remote index cannot be reached" grep -qi "remote" "$TMP/err"
finish
