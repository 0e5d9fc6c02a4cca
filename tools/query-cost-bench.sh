#!/bin/sh
# query-cost-bench.sh DB [BUILDDIR]: the costliest queries saekin-query
# accepts (#13.10), and a few it refuses, timed on the index DB (make it
# from the 20-copy corpus: ../shared/eval/scale-corpus.sh 20 DIR, then
# saekin-index --db DB DIR).  Prints wall and CPU seconds and the exit
# status of each; the bound is 1 s of wall time on an idle machine.
set -u
db=${1:?usage: query-cost-bench.sh DB [BUILDDIR]}
top=${2:-$(cd "$(dirname "$0")/.." && pwd)}
Q="$top/query/saekin-query"
SAEKIN_QUERY_TIMEOUT=0; export SAEKIN_QUERY_TIMEOUT
common="인증서 KMS 로그 서비스 aws CloudTrail VPC 흐름 키 관리 보안 그룹 네트워크 서브넷 인스턴스 스토리지 버킷 정책 역할 사용자 암호화 백업"
rep () { python3 -c 'import sys; print(" ".join([sys.argv[1]] * int(sys.argv[2])))' "$@"; }
worst=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
one () {
    name=$1; shift
    /usr/bin/time -o "$tmp" -f '%e %U' "$Q" --db "$db" -n 10 -- "$1" >/dev/null 2>&1
    rc=$?
    out=$(tail -1 "$tmp")
    printf '%-44s exit %s  wall %5s s  cpu %5s s\n' "$name" "$rc" ${out}
    worst=$(python3 -c "print(max($worst, ${out%% *}))")
}
one "인증서" "인증서"
one "1,000 x 인증서" "$(rep 인증서 1000)"
one "2,000 x a*" "$(rep 'a*' 2000)"
one "24 common words" "$common 리전 복제"
one "22 common words and a* s*" "a* s* $common"
one "a phrase of 24 words" "\"$common 리전 복제\""
one "title: x 24" "$(for w in $common 리전 복제; do printf 'title:%s ' "$w"; done)"
one "-word x 23 and one word" "$(for w in $common 리전; do printf -- '-%s ' "$w"; done) 복제"
one "10,000-character word" "$(python3 -c 'print("인" * 10000)')"
one "refused: 300 words" "$(python3 -c 'print(" ".join("w%d" % i for i in range(300)))')"
one "refused: 3 x prefix*" "a* s* c*"
echo "slowest: $worst s"
