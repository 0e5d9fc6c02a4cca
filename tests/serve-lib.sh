# tests/serve-lib.sh - start and stop saekin-serve in a scenario test.
# Sourced after tests/lib.sh.
SERVE="$top_builddir/serve/saekin-serve"

# start_serve ARGS...: start saekin-serve on a free loopback port; sets
# URL (from its first line of output) and SERVE_PID.  Fails the test
# when no URL comes within 10 s.
start_serve () {
    # A fresh file: the shell truncates it in the child, after the fork,
    # so the loop below could read the previous server's URL and go on
    # before this one has even set up its signals (a SIGINT sent then
    # is lost: a shell starts a background job with SIGINT ignored).
    rm -f "$TMP/serve.out"
    "$SERVE" --listen 127.0.0.1:0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
    SERVE_PID=$!
    URL=
    i=0
    while [ $i -lt 100 ] && [ -z "$URL" ]; do
        URL=$(head -n 1 "$TMP/serve.out" 2>/dev/null)
        [ -n "$URL" ] || sleep 0.1
        i=$((i + 1))
    done
    if [ -z "$URL" ]; then
        echo "saekin-serve did not start:"; cat "$TMP/serve.err"
        kill "$SERVE_PID" 2>/dev/null
        exit 1
    fi
    PORT=${URL##*:}; PORT=${PORT%/}
}

# stopped_within: whether the server is gone within 10 s (never wait
# unbounded: a server that hangs must fail a check, not stall the run).
stopped_within () {
    i=0
    while kill -0 "$SERVE_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    ! kill -0 "$SERVE_PID" 2>/dev/null
}

# stop_with SIG: send SIG, kill the server if it outlives 10 s, and
# return its exit status.
stop_with () {
    kill -"$1" "$SERVE_PID" 2>/dev/null
    stopped_within || { echo "# saekin-serve still runs 10 s after SIG$1"; kill -KILL "$SERVE_PID"; }
    wait "$SERVE_PID"
}

stop_serve () {
    stop_with TERM 2>/dev/null
}

# get PATH [CURL ARGS...]: the body of GET URL/PATH in $TMP/body, the
# status code in $TMP/code, the headers in $TMP/headers.
get () {
    p=$1; shift
    curl -sS -g --max-time 20 -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
        "$@" "${URL%/}$p" >"$TMP/code" 2>"$TMP/curl.err" || echo 000 >"$TMP/code"
}

code () { cat "$TMP/code"; }

# jq_body EXPR: evaluate the Python expression EXPR on the JSON body (as j).
jq_body () {
    python3 -c '
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$TMP/body" "$1"
}
