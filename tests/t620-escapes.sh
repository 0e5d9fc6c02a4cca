#!/bin/sh
# t620-escapes: control characters in notes and file names never reach
# the terminal raw (issue 13, point 8).  A heading holding "\e[2J\e[31m",
# an OSC 0 window-title sequence in the body, a link URL holding BEL and
# ESC, a file name holding ESC and BEL: saekin-query's text output (also
# on a terminal, with OSC 8 hyperlinks) and saekin-index's --dry-run,
# change and problem lines show them as escapes (\x1b, \x07); --json
# keeps them as JSON escapes.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

N="$TMP/notes"
mkdir -p "$N"
ESC=$(printf '\033')
BEL=$(printf '\007')
{
    printf '# 인증서 %s[2J%s[31mred\n\n' "$ESC" "$ESC"
    printf 'ACM 인증서 %s]0;owned%s 본문\n\n' "$ESC" "$BEL"
    printf -- '- [인증서 문서](https://good.example/%s]8;;https://evil.example%s\\x)\n' "$BEL" "$ESC"
    printf -- '- <https://ok.example/%s[2Jx>\n' "$ESC"
} >"$N/a.md"
printf '# 인증서 파일\n\n인증서 둘\n' >"$N/b$ESC[2J$BEL.md"
# a note cmark cannot take as UTF-8 (a problem line naming the file)
printf '# 인증서\n\n\377 인증서\n' >"$N/c$ESC]0;x$BEL.md"

# raw ESC (0x1b), BEL (0x07) or C1 CSI (0xc2 0x9b) in FILE?
has_raw () { LC_ALL=C grep -q "$(printf '[\033\007]')" "$1"; }

expect_exit "dry run lists the notes" 0 "$INDEX" --db "$TMP/db" --dry-run "$N"
check "--dry-run: no raw control character" sh -c "! LC_ALL=C grep -q '$(printf '[\033\007]')' '$TMP/out'"
check "--dry-run: the file name shows \\x1b" grep -qF 'b\x1b[2J\x07.md' "$TMP/out"

"$INDEX" --db "$TMP/db" "$N" >"$TMP/iout" 2>"$TMP/ierr"
check "index: no raw control character on stdout" sh -c "! LC_ALL=C grep -q '$(printf '[\033\007]')' '$TMP/iout'"
check "index: problem line names the file visibly" grep -qF 'c\x1b]0;x\x07.md:3:' "$TMP/ierr"
check "index: no raw control character on stderr" sh -c "! LC_ALL=C grep -q '$(printf '[\033\007]')' '$TMP/ierr'"

expect_exit "query: hits" 0 "$QUERY" --db "$TMP/db" -n 20 인증서
if has_raw "$TMP/out"; then not_ok "query (no terminal): no raw control character"
else ok "query (no terminal): no raw control character"; fi
check "query: the heading shows \\x1b[2J" grep -qF '인증서 \x1b[2J\x1b[31mred' "$TMP/out"
check "query: the OSC 0 sequence shows" grep -qF '\x1b]0;owned\x07' "$TMP/out"
check "query: the file name shows" grep -qF 'b\x1b[2J\x07.md' "$TMP/out"
check "query: the link URL shows its BEL and ESC" \
    grep -qF 'good.example/\x07]8;;https://evil.example\x1b' "$TMP/out"

# On a terminal: colours and OSC 8 hyperlinks are the program's own
# sequences; none may come from the note.  Every ESC must start one of
# saekin's own: SGR (ESC [ digits ; m), the line clear, or OSC 8.
if script -qec true /dev/null >/dev/null 2>&1; then
    script -qec "'$QUERY' --db '$TMP/db' -n 20 인증서" /dev/null >"$TMP/tty" 2>&1
    python3 - "$TMP/tty" >"$TMP/bad" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
own = re.compile(rb'\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b\x07]*\x1b\\')
rest = own.sub(b'', data)
if b'\x1b' in rest or b'\x07' in rest or b'\xc2\x9b' in rest:
    print(repr(rest[max(0, rest.find(b'\x1b') - 40):][:120]))
# every hyperlink target must be a URL shown as text too: none may point
# at evil.example on its own
for m in re.finditer(rb'\x1b\]8;;([^\x1b\x07]*)\x1b\\', data):
    if m.group(1).startswith(b'https://evil'):
        print('hyperlink to', m.group(1))
PY
    check "terminal: only saekin's own escape sequences" test ! -s "$TMP/bad"
    check "terminal: hyperlinks were written" grep -q "$(printf '\033')]8;;https://good" "$TMP/tty"
else
    ok "terminal: skipped (no script(1) pty)"
fi

expect_exit "--json: hits" 0 "$QUERY" --db "$TMP/db" --json -n 20 인증서
if has_raw "$TMP/out"; then not_ok "--json: no raw control character"
else ok "--json: no raw control character"; fi
check "--json: ESC as a JSON escape" grep -q '\\u001b\[2J' "$TMP/out"

# Bidirectional controls: U+202E (RLO) would show "gpj.exe" as
# "exe.jpg"; they show as \u202e instead (not in --json, whose readers
# take the text as data).
RLO=$(printf '\342\200\256')
printf '# 인증서 %sgpj.exe\n\n인증서 셋\n' "$RLO" >"$N/d.md"
"$INDEX" --db "$TMP/db" "$N" >/dev/null 2>&1
expect_exit "query: the bidi note" 0 "$QUERY" --db "$TMP/db" -n 20 인증서 셋
check "query: U+202E shows as \\u202e" grep -qF '인증서 \u202egpj.exe' "$TMP/out"
check "query: no raw U+202E" sh -c "! grep -qF '$RLO' '$TMP/out'"

expect_exit "no hits: exit 1" 1 "$QUERY" --db "$TMP/db" "x$(printf '\033')[2Jy"
if has_raw "$TMP/err"; then not_ok "no hits: the query shown visibly"
else ok "no hits: the query shown visibly"; fi
finish
