#!/bin/sh
# Xapian stub files come from other people (a team's shared index), and
# Xapian itself would run the program of a "remote :PROG ARGS" line.
# saekin reads stubs itself: only "remote HOST:PORT" and local glass
# folders are opened; anything else is refused with a message naming the
# stub and its line, and no program ever runs.  Folders are opened as
# glass, so a planted XAPIANDB inside an index folder is never followed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

make_notes "$TMP/notes" 10
expect_exit "index the notes" 0 "$INDEX" --db "$TMP/db" "$TMP/notes"

MARK="$TMP/ran"
cat >"$TMP/evil.sh" <<EOS
#!/bin/sh
echo ran "\$@" >>"$MARK"
EOS
chmod +x "$TMP/evil.sh"
no_run () {
    if [ -e "$MARK" ]; then
        not_ok "$1: the stub's program ran"
        rm -f "$MARK"
    else
        ok "$1: no program ran"
    fi
}

# A stub given to --db.
echo "remote :$TMP/evil.sh x" >"$TMP/stub"
expect_exit "saekin-query refuses a stub running a program" 2 "$QUERY" --db "$TMP/stub" 인증서
no_run "saekin-query --db stub"
check "the message names the stub and its line" grep -q "$TMP/stub:1: refused" "$TMP/err"
check "and says it would run a program" grep -q "run a program" "$TMP/err"
printf '# team index\n\nremote :%s\n' "$TMP/evil.sh" >"$TMP/stub2"
expect_exit "also after comments, without arguments" 2 "$QUERY" --db "$TMP/stub2" 인증서
no_run "saekin-query --db stub (line 3)"
check "naming line 3" grep -q "$TMP/stub2:3: refused" "$TMP/err"
expect_exit "with a local index beside it" 2 "$QUERY" --db "$TMP/db" --db "$TMP/stub" 인증서
no_run "saekin-query --db db --db stub"
expect_exit "saekin-index --status refuses it" 2 "$INDEX" --db "$TMP/stub" --status
no_run "saekin-index --db stub --status"
expect_exit "saekin-index refuses to write through a stub" 2 "$INDEX" --db "$TMP/stub" "$TMP/notes"
no_run "saekin-index --db stub NOTES"
check "the stub file is left as it was" grep -q "^remote :" "$TMP/stub"

# A folder holding only a XAPIANDB stub.
mkdir "$TMP/stubdir"
echo "remote :$TMP/evil.sh x" >"$TMP/stubdir/XAPIANDB"
expect_exit "saekin-query refuses a folder's XAPIANDB" 2 "$QUERY" --db "$TMP/stubdir" 인증서
no_run "saekin-query --db folder-with-XAPIANDB"
check "naming it" grep -q "XAPIANDB:1: refused" "$TMP/err"
"$INDEX" --db "$TMP/stubdir" --status >"$TMP/out" 2>"$TMP/err"
no_run "saekin-index -s on a folder with XAPIANDB"
"$INDEX" --db "$TMP/stubdir" "$TMP/notes" >"$TMP/out" 2>"$TMP/err"
no_run "saekin-index on a folder with XAPIANDB"

# A XAPIANDB planted inside a real index folder: where the folder is
# itself a glass database it is ignored; where the folder's own XAPIANDB
# names its live database, a planted one is refused.
if [ -e "$TMP/db/XAPIANDB" ]; then
    cp "$TMP/db/XAPIANDB" "$TMP/own-stub"; want=2
else
    want=0
fi
echo "remote :$TMP/evil.sh x" >"$TMP/db/XAPIANDB"
expect_exit "an index with a planted XAPIANDB (exit $want)" $want "$QUERY" --db "$TMP/db" 인증서
no_run "saekin-query on an index holding XAPIANDB"
expect_exit "saekin-index -s on it" $want "$INDEX" --db "$TMP/db" --status
no_run "saekin-index -s on an index holding XAPIANDB"
"$INDEX" --db "$TMP/db" "$TMP/notes" >"$TMP/out" 2>"$TMP/err"
no_run "saekin-index on an index holding XAPIANDB"
if [ -e "$TMP/own-stub" ]; then cp "$TMP/own-stub" "$TMP/db/XAPIANDB"; else rm -f "$TMP/db/XAPIANDB"; fi

# Other kinds Xapian knows are refused too; what saekin opens still works.
for line in "inmemory" "chert $TMP/db" "auto $TMP/stub" "$TMP/db" "remote host:/x" \
    "remote 127.0.0.1:99999"; do
    echo "$line" >"$TMP/other"
    expect_exit "refused: $line" 2 "$QUERY" --db "$TMP/other" 인증서
    check "  with a reason" grep -q "refused" "$TMP/err"
done
"$QUERY" --db "$TMP/db" --json -n 50 인증서 >"$TMP/direct"
printf 'glass %s\n' "$TMP/db" >"$TMP/good"
expect_exit "a stub naming a local glass folder works" 0 "$QUERY" --db "$TMP/good" --json -n 50 인증서
check "  with the same hits" cmp -s "$TMP/out" "$TMP/direct"
mkdir "$TMP/team" && ln -s ../db "$TMP/team/db" && printf 'auto db\n' >"$TMP/team/stub"
expect_exit "a relative path is read from the stub's folder" 0 "$QUERY" --db "$TMP/team/stub" --json -n 50 인증서
check "  with the same hits" cmp -s "$TMP/out" "$TMP/direct"
finish
