# tests/t1-lib.sh - shared by the robustness tests (t1NN): many notes made
# from the seed note, and snapshots of an index (its entries and the
# ranking of a few queries) to compare an updated index with a clean build.
# Sourced after tests/lib.sh.

# Queries whose rankings are compared.  "aws" and "서비스" match most
# entries, so they also check that ties rank the same way.
SNAP_QUERIES="인증서
KMS
CloudTrail 로그
\"Elastic Beanstalk\"
흐름 로그
aws
서비스
uniq7 OR uniq12"

# make_notes DIR N [SEED]: N different notes under DIR (in a few
# subfolders), each a variation on the seed note: its own title, a unique
# word, a shuffled subset of the seed's blocks.
make_notes () {
    python3 - "$top_srcdir/corpus/aws-word-summary.md" "$1" "$2" "${3:-1}" <<'PY'
import os, random, sys
seed_note, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
text = open(seed_note, encoding="utf-8").read()
# Top-level blocks: a list item with what is indented under it.
blocks, cur = [], []
for line in text.splitlines()[1:]:
    if line.startswith("- ") and cur:
        blocks.append("\n".join(cur).rstrip() + "\n")
        cur = []
    cur.append(line)
if cur:
    blocks.append("\n".join(cur).rstrip() + "\n")
for i in range(n):
    rnd = random.Random(seed * 100003 + i)
    chosen = rnd.sample(blocks, max(1, len(blocks) * rnd.randint(3, 9) // 10))
    d = os.path.join(out, "d%d" % (i % 5))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "note%03d.md" % i), "w", encoding="utf-8") as f:
        f.write("# note %d uniq%d\n\n" % (i, i))
        f.write("\n".join(chosen))
PY
}

# snapshot DB OUT: OUT.entries (every entry, sorted) and OUT.ranks (for
# each query of SNAP_QUERIES its exit status and file, line and score of
# each hit, in rank order).
snapshot () {
    "$INDEX" --db "$1" --dump-entries | LC_ALL=C sort >"$2.entries"
    : >"$2.ranks"
    printf '%s\n' "$SNAP_QUERIES" | while IFS= read -r q; do
        "$QUERY" --db "$1" --json -n 200 -- "$q" >"$2.q" 2>/dev/null
        echo "== $q: exit $?" >>"$2.ranks"
        python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(l)
    print(h["rank"], h["score"], h["file"], h["line"])
' "$2.q" >>"$2.ranks"
    done
    rm -f "$2.q"
}

# same_snapshot NAME A B: pass when the snapshots A and B are equal.
same_snapshot () {
    if cmp -s "$2.entries" "$3.entries" && cmp -s "$2.ranks" "$3.ranks"; then
        ok "$1"
    else
        not_ok "$1"
        diff "$2.entries" "$3.entries" | head -5 | sed 's/^/#   /'
        diff "$2.ranks" "$3.ranks" | head -10 | sed 's/^/#   /'
    fi
}

# nonempty_snapshot NAME A: pass when A holds entries and some hits (so
# that comparing it means something).
nonempty_snapshot () {
    if [ -s "$2.entries" ] && grep -q '^1 ' "$2.ranks"; then ok "$1"
    else not_ok "$1"; fi
}

# sized FULL QUICK: FULL, or QUICK when SAEKIN_TEST_QUICK is set (the
# sanitizer pass of tools/test.sh, where every run is several times
# slower).
sized () {
    if [ -n "${SAEKIN_TEST_QUICK:-}" ]; then echo "$2"; else echo "$1"; fi
}

# locked DB: true when some process holds DB's write lock: saekin.lock's
# flock() as /proc/locks lists it (looked at, not tried: trying would
# take the lock from a writer starting just then), or, in an index of an
# older layout, Xapian's fcntl lock on DB/flintlock.
locked () {
    python3 -c '
import fcntl, os, sys
# saekin.lock, flock()ed by the writer for its whole life (older
# layouts: the lock Xapian keeps in its flintlock).
lock = os.path.join(sys.argv[1], "saekin.lock")
try:
    if os.path.exists(lock):
        ino = ":%d " % os.stat(lock).st_ino
        with open("/proc/locks") as f:
            sys.exit(0 if any("FLOCK" in l and ino in l for l in f) else 1)
    else:
        with open(sys.argv[1] + "/flintlock", "r+") as f:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
except (BlockingIOError, PermissionError):
    sys.exit(0)
except OSError:
    sys.exit(1)
sys.exit(1)
' "$1"
}
