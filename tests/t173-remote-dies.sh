#!/bin/sh
# A remote index whose connection dies in the middle of a query (#13,
# minor): exit 2 with a message naming the stub of the index that failed
# (Xapian's network error names none).  A proxy hands on the server's
# greeting, so the index opens, then cuts the connection at the first
# request.  Skipped (77) without xapian-tcpsrv.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
    echo "SKIP: xapian-tcpsrv is not installed (Debian: xapian-tools)"
    exit 77
fi
make_notes "$TMP/notes" 10
"$INDEX" --db "$TMP/db" -q "$TMP/notes"
"$INDEX" --db "$TMP/local" -q "$TMP/notes/d1"

python3 - "$TMP" "$TMP/db" <<'PY' &
import os, select, socket, subprocess, sys, time
tmp, db = sys.argv[1], sys.argv[2]
# the server, on a free port
for _ in range(20):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    srv = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--port", str(port),
                            "--interface", "127.0.0.1", db],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close(); break
        except OSError:
            time.sleep(0.05)
    else:
        srv.kill(); continue
    break
proxy = socket.socket(); proxy.bind(("127.0.0.1", 0)); proxy.listen(5)
open(tmp + "/port.tmp", "w").write(str(proxy.getsockname()[1]))
os.rename(tmp + "/port.tmp", tmp + "/port")
proxy.settimeout(60)
try:
    while True:
        c, _ = proxy.accept()
        u = socket.create_connection(("127.0.0.1", port))
        # server -> client until the client asks something: then cut
        while True:
            r, _, _ = select.select([c, u], [], [], 30)
            if not r or c in r:
                break
            data = u.recv(65536)
            if not data:
                break
            c.sendall(data)
        c.close(); u.close()
except OSError:
    pass
finally:
    os.killpg(srv.pid, 9)
PY
proxy=$!
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
echo "remote 127.0.0.1:$(cat "$TMP/port")" >"$TMP/team.stub"
SAEKIN_QUERY_TIMEOUT=20 expect_exit "a connection cut mid-query: exit 2" 2 \
    "$QUERY" --db "$TMP/local" --db "$TMP/team.stub" 인증서
check "in one line" test "$(wc -l <"$TMP/err")" -eq 1
check "naming the remote index" grep -q "team.stub" "$TMP/err"
check "not the local one" sh -c "! grep -q '$TMP/local' '$TMP/err'"
check "saying the network failed" grep -qi "remote\|network\|connection" "$TMP/err"
kill $proxy 2>/dev/null
wait $proxy 2>/dev/null
sed "s/^/#   /" "$TMP/err"; finish
