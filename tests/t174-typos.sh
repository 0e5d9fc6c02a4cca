#!/bin/sh
# Typo tolerance: a query word the index lacks (or holds far less than a
# word one edit away) also searches the closest words of the index, over
# jamo for Hangul and letters for Latin, and says so; what holds the word
# as typed ranks first; a word the notes misspell is found from the
# correct spelling.
. "$(dirname "$0")/lib.sh"

N="$TMP/notes"
DB="$TMP/db"
mkdir -p "$N"
cat >"$N/acm.md" <<'NOTE'
# 인증서 발급

ACM에서 인증서를 발급하고 자동으로 갱신한다.

# 로드밸런서

로드밸런서는 들어오는 트래픽을 여러 대상에 나눈다.
NOTE
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    printf '# CloudTrail 이벤트 %s\n\nCloudTrail은 API 호출 %s을 기록한다.\n' "$i" "$i" \
        >"$N/trail$i.md"
done
cat >"$N/typo-in-notes.md" <<'NOTE'
# 잡동사니 메모

cloudtrial 오타가 남은 줄.
NOTE
cat >"$N/load.md" <<'NOTE'
# 서버 과부하

요청이 몰리면 서버 과부하가 생긴다.

# 과부하 대응

과부하가 오면 오토스케일링으로 대상을 늘린다.

# 트래픽 폭주

트래픽 폭주로 과부화 상태가 되었다.
NOTE
# Made-up words: an English one Snowball stems (flombance -> flombanc)
# beside another one letter off as a stem (flombant); a Korean pair the
# notes write apart.
cat >"$N/flombance.md" <<'NOTE'
# Flombances

Two flombances share the wire.

# Flombance setup

A flombance is set up once; each flombance has a name.

# Flombant mode

The flombant mode is flombant and quick.
NOTE
cat >"$N/drenser.md" <<'NOTE'
# 쿼블 드렌서 구성

쿼블 드렌서는 요청을 나눈다. 쿼블 드렌서가 멈추면 다른 쿼블이 받는다.

# 드렌서 점검

드렌서 상태를 본다.
NOTE
# A word whose stem hides a typo (quorbility -> quorbil, but quorbilty
# -> quorbilti, two edits off), beside a shorter stem it starts with.
cat >"$N/quorb.md" <<'NOTE'
# Quorbility

The quorbility of the grid. Quorbility matters.

# Quorb

A quorb, two quorbs.
NOTE
expect_exit "index the notes" 0 "$INDEX" --db "$DB" "$N"

# A typo in each script: found, and said.
expect_exit "인증섯 finds something" 0 "$QUERY" --db "$DB" --json 인증섯
check "인증섯 finds 인증서 발급 first" test "$(json_field "$TMP/out" 1 title)" = "인증서 발급"
check "its JSON names the correction" \
    test "$(json_field "$TMP/out" 1 corrections)" = '[{"typed": "인증섯", "searched": "인증서"}]'
expect_exit "인증섯 as text" 0 "$QUERY" --db "$DB" 인증섯
check "the text says 인증섯 → 인증서" grep -q "인증섯 → 인증서" "$TMP/out"
expect_exit "로드밸런셔 (a vowel off)" 0 "$QUERY" --db "$DB" --json 로드밸런셔
check "finds 로드밸런서" test "$(json_field "$TMP/out" 1 title)" = "로드밸런서"
expect_exit "인증섯을 (with a particle)" 0 "$QUERY" --db "$DB" --json 인증섯을 발급
check "finds 인증서 발급" test "$(json_field "$TMP/out" 1 title)" = "인증서 발급"

expect_exit "cloudtrial" 0 "$QUERY" --db "$DB" --json cloudtrial
check "the note that holds the typo itself ranks first" \
    test "$(json_field "$TMP/out" 1 title)" = "잡동사니 메모"
second=$(json_field "$TMP/out" 2 title)
check "then CloudTrail's" test "${second%% *}" = CloudTrail
expect_exit "cloudtrial as text" 0 "$QUERY" --db "$DB" -n 3 cloudtrial
check "the text says cloudtrial → cloudtrail" grep -q "cloudtrial → cloudtrail" "$TMP/out"
expect_exit "CLOUDTRAIL itself" 0 "$QUERY" --db "$DB" --json -n 20 CLOUDTRAIL
first=$(json_field "$TMP/out" 1 title)
check "puts the passages that write it first" test "${first%% *}" = CloudTrail
check "and the notes' own slip (cloudtrial) last" \
    test "$(json_field "$TMP/out" 13 title)" = "잡동사니 메모"
check "saying so" test "$(json_field "$TMP/out" 1 corrections)" = \
    '[{"typed": "cloudtrail", "searched": "cloudtrial"}]'
expect_exit "인증서 itself" 0 "$QUERY" --db "$DB" --json 인증서
check "is searched as typed, nothing corrected" \
    test "$(json_field "$TMP/out" 1 corrections)" = "[]"

# The notes' own misspelling, found from the correct spelling, below it.
expect_exit "과부하" 0 "$QUERY" --db "$DB" --json 과부하
check "finds the passage that writes 과부화" grep -q '"title":"트래픽 폭주"' "$TMP/out"
check "after those that write 과부하" test "$(json_field "$TMP/out" 3 title)" = "트래픽 폭주"

# Words in a "phrase" are searched as typed: no hit, but a suggestion.
expect_exit "a typo in a phrase finds nothing" 1 "$QUERY" --db "$DB" '"인증섯 발급"'
check "the no-hit message suggests the correction" \
    grep -q "did you mean '\"인증서 발급\"'?" "$TMP/err"
expect_exit "nor with --json" 1 "$QUERY" --db "$DB" --json '"cloudtrial 호출"'
check "which suggests it too" grep -q "did you mean '\"cloudtrail 호출\"'?" "$TMP/err"

# A correction is shown as the notes write it, not as its stem; and of
# stems one edit away, only the written word closest to the typo.
expect_exit "flombanse" 0 "$QUERY" --db "$DB" --json flombanse
check "its JSON names the written word, not the stem nor flombant" \
    test "$(json_field "$TMP/out" 1 corrections)" = '[{"typed": "flombanse", "searched": "flombance"}]'
check "and finds a flombance passage" grep -q '"title":"Flombance setup"' "$TMP/out"
expect_exit "flombanse as text" 0 "$QUERY" --db "$DB" flombanse
check "the text says flombanse → flombance" grep -q "searched also: flombanse → flombance$" "$TMP/out"
expect_exit "flombanses" 0 "$QUERY" --db "$DB" --json flombanses
check "the plural typed, the plural shown" \
    test "$(json_field "$TMP/out" 1 corrections)" = '[{"typed": "flombanses", "searched": "flombances"}]'
expect_exit "a phrase with flombanse finds nothing" 1 "$QUERY" --db "$DB" '"flombanse setup"'
check "the suggestion is written words too" \
    grep -q "did you mean '\"flombance setup\"'?" "$TMP/err"

# A typo that stemming puts too far from the right stem: judged by the
# words the notes write (quorbilty is one edit from quorbility).
expect_exit "quorbilty" 0 "$QUERY" --db "$DB" --json quorbilty
check "finds Quorbility" test "$(json_field "$TMP/out" 1 title)" = "Quorbility"
check "and says quorbilty → quorbility" \
    test "$(json_field "$TMP/out" 1 corrections)" = '[{"typed": "quorbilty", "searched": "quorbility"}]'
expect_exit "a word that only starts like one (quorbzzzz) is not corrected" 1 \
    "$QUERY" --db "$DB" quorbzzzz

# A joined typo of words the notes write apart: one half known, the
# other corrected, searched as the phrase of the two.
expect_exit "쿼블드렌셔 (joined, a vowel off)" 0 "$QUERY" --db "$DB" --json 쿼블드렌셔
check "finds 쿼블 드렌서 구성" test "$(json_field "$TMP/out" 1 title)" = "쿼블 드렌서 구성"
check "its JSON names the phrase searched" \
    test "$(json_field "$TMP/out" 1 corrections)" = '[{"typed": "쿼블드렌셔", "searched": "쿼블 드렌서"}]'
check "not the passage with 드렌서 alone" sh -c "! grep -q '\"title\":\"드렌서 점검\"' '$TMP/out'"
expect_exit "쿼블드렌셔 as text" 0 "$QUERY" --db "$DB" 쿼블드렌셔
check "the text says 쿼블드렌셔 → 쿼블 드렌서" grep -q "쿼블드렌셔 → 쿼블 드렌서" "$TMP/out"
expect_exit "in a phrase, only suggested" 1 "$QUERY" --db "$DB" '"쿼블드렌셔 구성"'
check "as the phrase of the two" grep -q "did you mean '\"쿼블 드렌서 구성\"'?" "$TMP/err"

# Short words are not guessed at; a word far from everything stays as typed.
expect_exit "a one-syllable word is not corrected" 1 "$QUERY" --db "$DB" 섯
expect_exit "nothing near zqxwvut" 1 "$QUERY" --db "$DB" zqxwvut

finish
