#!/usr/bin/env python3
"""Query latency, end to end, as a person runs the queries: one process
per query (start-up, index open, ranking, snippets, output) for saekin,
sqlite3 with FTS5's snippet(), rg over the notes, and Xapian's quest
over the floor index of speed-xapian.py.

usage: speed-queries.py --qrels QRELS --results FILE [--reps N]
           [--saekin QUERY_PROGRAM DB] [--fts5 SQLITE_DB] [--rg NOTES]
           [--quest XAPIAN_DB]
           [--details FILE]

Every judged query of QRELS is asked N times (default 5) of every system,
after one warm-up round that is not counted; the systems take turns
query by query, so that a noisy moment on a shared machine hits them all
alike.  A query's latency is the median of its N runs; FILE gets, for each
system, the median and the 95th percentile of those per-query latencies:
    query.SYSTEM.median SECONDS
    query.SYSTEM.p95 SECONDS
    query.SYSTEM.hits N        (queries that found something)
    query.SYSTEM.failed N      (runs that exited with an error)
--details FILE writes every query's latency, one line per query.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402

FTS5 = __import__('speed-fts5')


def percentile(values, p):
    """The P-th percentile (nearest rank) of VALUES."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def rg_args(text):
    """rg as a person would ask it: any of the words, ignoring case."""
    args = ['rg', '-i', '-F', '-n', '--no-heading', '--color=never']
    for w in text.split():
        w = w.strip('"')
        if w and w != 'OR':
            args += ['-e', w.lstrip('-')]
    return args


def run(cmd):
    """Run CMD, reading all of its output.  Returns (seconds, status,
    output lines)."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       close_fds=False)
    return time.perf_counter() - t0, p.returncode, p.stdout.count(b'\n')


def main(argv):
    ap = argparse.ArgumentParser(prog='speed-queries.py')
    ap.add_argument('--qrels', required=True)
    ap.add_argument('--results', required=True)
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--saekin', nargs=2, metavar=('PROGRAM', 'DB'))
    ap.add_argument('--fts5', metavar='SQLITE_DB')
    ap.add_argument('--rg', metavar='NOTES')
    ap.add_argument('--quest', metavar='XAPIAN_DB')
    ap.add_argument('--details')
    a = ap.parse_args(argv)

    queries = peers.load_queries(a.qrels)
    systems = []
    if a.saekin:
        prog, db = a.saekin
        systems.append(('saekin', lambda q: [prog, '--db', db, '--json', '-n', '10', '--', q],
                        # exit 1 is "no hits", not an error
                        lambda s: s in (0, 1)))
    if a.fts5:
        systems.append(('fts5', lambda q: ['sqlite3', '-json', a.fts5, FTS5.query_sql(q)],
                        lambda s: s == 0))
    if a.rg:
        systems.append(('rg', lambda q: rg_args(q) + [a.rg], lambda s: s in (0, 1)))
    if a.quest:
        # Xapian's floor (speed-xapian.py): its own query parser, no snippets
        systems.append(('floor', lambda q: ['quest', '-d', a.quest, '-m', '10', q],
                        lambda s: s == 0))
    if not queries or not systems:
        print('speed-queries: nothing to run', file=sys.stderr)
        return 2

    times = {name: {qid: [] for qid, _ in queries} for name, _, _ in systems}
    hits = {name: {} for name, _, _ in systems}
    failed = {name: 0 for name, _, _ in systems}
    for rep in range(a.reps + 1):
        for qi, (qid, text) in enumerate(queries):
            # rotate who goes first, so that no system always runs right
            # after another one warmed or cooled the caches
            order = systems[qi % len(systems):] + systems[:qi % len(systems)]
            for name, cmd, good in order:
                secs, status, lines = run(cmd(text))
                if not good(status):
                    failed[name] += 1
                if rep == 0:
                    hits[name][qid] = lines
                    continue
                times[name][qid].append(secs)

    with open(a.results, 'a', encoding='utf-8') as out:
        for name, _, _ in systems:
            per_query = [statistics.median(v) for v in times[name].values()]
            out.write('query.%s.median %.5f\n' % (name, statistics.median(per_query)))
            out.write('query.%s.p95 %.5f\n' % (name, percentile(per_query, 95)))
            out.write('query.%s.hits %d\n' % (name, sum(1 for n in hits[name].values() if n)))
            out.write('query.%s.failed %d\n' % (name, failed[name]))
    if a.details:
        with open(a.details, 'w', encoding='utf-8') as d:
            d.write('qid\tquery\t%s\n' % '\t'.join('%s_ms\t%s_lines' % (n, n)
                                                  for n, _, _ in systems))
            for qid, text in queries:
                d.write('%s\t%s\t%s\n' % (qid, text, '\t'.join(
                    '%.2f\t%d' % (1000 * statistics.median(times[n][qid]), hits[n][qid])
                    for n, _, _ in systems)))
    return 0 if not any(failed.values()) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
