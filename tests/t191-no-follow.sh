#!/bin/sh
# Never delete through a symbolic link (issue 13, point 3).  With the
# index in a folder others may write (/tmp), links planted at the names
# older versions cleaned beside the index (DB.new, DB.compact, DB.shardN,
# DB.old) must not lead a build, --rebuild or --compact to empty another
# index; nor links inside the index folder where scratch and old
# databases go.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/t1-lib.sh"

N="$TMP/notes"
make_notes "$N" 70
SAEKIN_INDEX_THREADS=2
export SAEKIN_INDEX_THREADS

mkdir -p "$TMP/victim/notes" "$TMP/world"
chmod 1777 "$TMP/world"
printf '# v\n\n- zqxvictim\n' >"$TMP/victim/notes/v.md"
V="$TMP/victim/idx"
"$INDEX" --db "$V" -q "$TMP/victim/notes"
"$INDEX" --db "$V" -q --compact
listing () { (cd "$V" && find . -type f -exec md5sum {} + | LC_ALL=C sort); }
listing >"$TMP/victim.before"

A="$TMP/world/atk"
for name in new compact old shard0 shard1 shard2; do
    ln -s "$V" "$A.$name"
done
ln -s "$V/v2" "$A.shard3" 2>/dev/null
expect_exit "a sharded build beside planted links" 0 "$INDEX" --db "$A" "$N"
expect_exit "--rebuild" 0 "$INDEX" --db "$A" --rebuild
expect_exit "--compact" 0 "$INDEX" --db "$A" --compact
listing >"$TMP/victim.after"
check "the other index is untouched" cmp -s "$TMP/victim.before" "$TMP/victim.after"
expect_exit "and still answers" 0 "$QUERY" --db "$V" zqxvictim
check "the planted links are left as they were" \
    test "$(find "$TMP/world" -maxdepth 1 -type l | wc -l)" -eq 7

# Links inside the index folder, where scratch and replaced databases go.
ln -s "$V" "$A/v99"
rm -rf "$A/tmp"
ln -s "$V" "$A/tmp"
expect_exit "an update with links inside the index folder" 0 "$INDEX" --db "$A" --rebuild
expect_exit "and --compact" 0 "$INDEX" --db "$A" --compact
listing >"$TMP/victim.after"
check "the other index is still untouched" cmp -s "$TMP/victim.before" "$TMP/victim.after"
expect_exit "and still answers" 0 "$QUERY" --db "$V" zqxvictim
expect_exit "the index answers" 0 "$QUERY" --db "$A" uniq7
finish
