#!/bin/sh
# Long queries are bounded before they reach Xapian (#13.10): repeated
# words count once, and past the bounds on words, phrases and prefix*
# the query is refused at once with exit 2 and a message saying what to
# shorten.  A refusal is told apart from the program's own timeout
# (SAEKIN_QUERY_TIMEOUT, whose message says the query was too costly):
# each query here runs with a generous timeout and must not end by it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

make_notes "$TMP/notes" 30
"$INDEX" --db "$TMP/db" -q "$TMP/notes"
SAEKIN_QUERY_TIMEOUT=60; export SAEKIN_QUERY_TIMEOUT

rep () { python3 -c 'import sys; print(" ".join([sys.argv[1]] * int(sys.argv[2])))' "$@"; }
# run NAME CODE QUERY: exit CODE, and not by the program's own timeout.
run () {
    expect_exit "$1" "$2" "$QUERY" --db "$TMP/db" --json -n 20 -- "$3"
    if grep -q "no answer from the index" "$TMP/err"; then
        not_ok "$1: ended by the timeout, not answered"
    fi
}
refused () {
    run "$1" 2 "$2"
    check "$1: one line" test "$(wc -l <"$TMP/err")" -eq 1
    check "$1: says what to shorten ($3)" grep -q "$3" "$TMP/err"
}

"$QUERY" --db "$TMP/db" --json -n 20 -- 인증서 >"$TMP/one"
run "1,000 x 인증서 answers" 0 "$(rep 인증서 1000)"
check "as 인증서 alone does" cmp -s "$TMP/out" "$TMP/one"
"$QUERY" --db "$TMP/db" --json -n 20 -- 'a*' >"$TMP/one"
run "2,000 x a* answers" 0 "$(rep 'a*' 2000)"
check "as a* alone does" cmp -s "$TMP/out" "$TMP/one"
run "10,000 characters of ten words repeated answer" 0 \
    "$(python3 -c 'print((" ".join(["인증서", "KMS", "로그", "서비스", "aws", "CloudTrail", "VPC", "흐름", "키", "관리"]) + " ") * 160)')"

refused "300 different words" \
    "$(python3 -c 'print(" ".join("w%d" % i for i in range(300)))')" "too long"
refused "25 different words" \
    "$(python3 -c 'print(" ".join("w%d" % i for i in range(25)))')" "at most 24"
run "24 different words answer" 1 "$(python3 -c 'print(" ".join("w%d" % i for i in range(24)))')"
refused "a phrase of 40 words" \
    "\"$(python3 -c 'print(" ".join("w%d" % i for i in range(40)))')\"" "40 words"
refused "three prefix* searches" "a* b* c*" "prefix"
run "two prefix* searches answer" 0 "a* s*"
refused "10,000 characters of different words" \
    "$(python3 -c 'import random; r = random.Random(1); print(" ".join("".join(r.choice("abcdefgh가나다") for _ in range(5)) for _ in range(1700)))')" \
    "too long"

# The program's own timeout says the query was too costly: a server
# that takes the connection and never answers makes it fire.
python3 - "$TMP/port" <<'PY' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
conns = []
end = time.time() + 30
while time.time() < end:
    s.settimeout(end - time.time())
    try:
        conns.append(s.accept()[0])
    except OSError:
        break
PY
mute=$!
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
echo "remote 127.0.0.1:$(cat "$TMP/port")" >"$TMP/mute"
SAEKIN_QUERY_TIMEOUT=1 expect_exit "the timeout exits 2" 2 "$QUERY" --db "$TMP/mute" 인증서
check "saying the query was too costly" grep -q "too costly" "$TMP/err"
check "not that the index may be damaged" sh -c "! grep -q damaged '$TMP/err'"
kill "$mute" 2>/dev/null
wait "$mute" 2>/dev/null
finish
