#!/usr/bin/env python3
"""Print the speed benchmark's table from its results file.

usage: speed-report.py RESULTS [--note TEXT]

RESULTS holds "KEY VALUE" lines (tools/bench/speed-time.py,
tools/bench/speed-queries.py and tools/speed-bench.sh write them).  The
table shows each measure for saekin and its peers, saekin's ratio to each
peer, and whether the targets of the project's issue 6 are met:
  full index time <= 0.75x omindex's and <= 5x FTS5's;
  adding one note <= 0.25 s wall;
  query median <= FTS5's, and far ahead of rg (<= 0.2x rg's median);
  index size <= 1.5x FTS5's; indexer peak memory <= 400 MB.
"""
import statistics
import sys


def load(path):
    """The KEY VALUE lines of PATH as a dict; the repeated "load" key
    (the machine's load average at each timed step) as a list."""
    r = {'load': []}
    with open(path, encoding='utf-8') as f:
        for ln in f:
            parts = ln.split()
            if len(parts) == 2:
                try:
                    v = float(parts[1])
                except ValueError:
                    continue
                if parts[0] == 'load':
                    r['load'].append(v)
                else:
                    r[parts[0]] = v
    return r


def fmt(v, unit):
    if v is None:
        return '-'
    if unit == 's':
        return '%.2f s' % v if v >= 0.995 else '%.0f ms' % (v * 1000)
    if unit == 'ms':
        return '%.1f ms' % (v * 1000)
    if unit == 'MB':
        return '%.0f MB' % (v / 1e6) if v >= 1e7 else '%.1f MB' % (v / 1e6)
    return '%g' % v


def ratio(a, b):
    return '%.2fx' % (a / b) if a is not None and b else '-'


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    r = load(argv[0])
    note = argv[argv.index('--note') + 1] if '--note' in argv else ''
    g = r.get

    adds = [v for k, v in r.items() if k.startswith('add.saekin.') and k.endswith('.wall')]
    add_median = statistics.median(adds) if adds else None
    add_max = max(adds) if adds else None
    # peak memory: getrusage gives kilobytes
    mem = {s: (g('index.%s.rss' % s) or 0) * 1024 or None
           for s in ('saekin', 'omindex', 'fts5', 'floor')}

    rows = [
        # label, unit, saekin, omindex, fts5, rg, Xapian's floor
        ('full index', 's', g('index.saekin.wall'), g('index.omindex.wall'),
         g('index.fts5.wall'), None, g('index.floor.wall')),
        ('  processor time (all threads)', 's', g('index.saekin.cpu'), g('index.omindex.cpu'),
         g('index.fts5.cpu'), None, g('index.floor.cpu')),
        ('  peak memory', 'MB', mem['saekin'], mem['omindex'], mem['fts5'], None, mem['floor']),
        ('add one note (median of 5)', 's', add_median, g('add.omindex.wall'),
         g('add.fts5.wall'), None, None),
        ('  slowest of the 5', 's', add_max, None, None, None, None),
        ('refresh %d changed notes' % (g('refresh.notes') or 100), 's',
         g('refresh.saekin.wall'), g('refresh.omindex.wall'), g('refresh.fts5.wall'), None,
         None),
        ('query, median', 'ms', g('query.saekin.median'), None, g('query.fts5.median'),
         g('query.rg.median'), g('query.floor.median')),
        ('query, 95th percentile', 'ms', g('query.saekin.p95'), None, g('query.fts5.p95'),
         g('query.rg.p95'), g('query.floor.p95')),
        ('index size', 'MB', g('size.saekin'), g('size.omindex'), g('size.fts5'), None,
         g('size.floor')),
        ('  after the adds and refresh', 'MB', g('size.saekin_updated'),
         g('size.omindex_updated'), g('size.fts5_updated'), None, None),
        ('  then --compact (%s)' % fmt(g('compact.saekin.wall'), 's'), 'MB',
         g('size.saekin_compact'), None, None, None, None),
    ]
    w = 30
    head = '%-*s %10s %10s %10s %10s %10s  %8s %8s %8s %8s' % (
        w, '', 'saekin', 'omindex', 'FTS5', 'rg', 'Xapian*', '/omindex', '/FTS5', '/rg',
        '/Xapian*')
    print(head)
    print('-' * len(head))
    for label, unit, s, o, f, rg, x in rows:
        print('%-*s %10s %10s %10s %10s %10s  %8s %8s %8s %8s' % (
            w, label, fmt(s, unit), fmt(o, unit), fmt(f, unit), fmt(rg, unit), fmt(x, unit),
            ratio(s, o), ratio(s, f), ratio(s, rg), ratio(s, x)))
    print('-' * len(head))
    print("Xapian*: Xapian's floor: the same passages as plain words with positions (as FTS5's\n"
          "  unicode61 makes them: no stems, bigrams or vocabulary), scriptindex on one thread,\n"
          "  compacted; quest without snippets")
    print('notes: %d files, %s; %d passages; queries: %s found hits (saekin), '
          '%s (FTS5), %s (rg)' % (
              g('corpus.notes') or 0, fmt(g('corpus.bytes'), 'MB'),
              g('corpus.passages') or 0,
              '%d' % g('query.saekin.hits') if g('query.saekin.hits') is not None else '-',
              '%d' % g('query.fts5.hits') if g('query.fts5.hits') is not None else '-',
              '%d' % g('query.rg.hits') if g('query.rg.hits') is not None else '-'))
    print('saekin index / notes: %s' % ratio(g('size.saekin'), g('corpus.bytes')))
    print('full index: the fastest of %d rounds; omindex has no single-note add: '
          'its "add" and "refresh" are re-runs over the tree' % (g('bench.rounds') or 1))

    def check(name, value, limit, shown):
        if value is None or limit is None:
            verdict = 'n/a '
        else:
            verdict = 'MET ' if value <= limit else 'MISS'
        print('  %s  %s: %s' % (verdict, name, shown))
        return verdict

    print('\ntargets (issue 6):')
    v = []
    si, om, ft = g('index.saekin.wall'), g('index.omindex.wall'), g('index.fts5.wall')
    v.append(check('full index <= 0.75x omindex', si, om and 0.75 * om, ratio(si, om)))
    xi = g('index.floor.wall')
    v.append(check('full index <= 5x FTS5', si, ft and 5 * ft, ratio(si, ft)
                   + (" (Xapian* alone, one thread: %s; halved for two: %s)"
                      % (ratio(xi, ft), ratio(xi / 2, ft)) if xi and ft else '')))
    v.append(check('adding one note <= 0.25 s', add_max, 0.25, 'slowest %s' % fmt(add_max, 's')))
    qs, qf, qr = g('query.saekin.median'), g('query.fts5.median'), g('query.rg.median')
    qx = g('query.floor.median')
    v.append(check('query median <= FTS5 median', qs, qf, ratio(qs, qf)
                   + (' (Xapian*: %s)' % ratio(qx, qf) if qx else '')))
    v.append(check('query median far ahead of rg (<= 0.2x)', qs, qr and 0.2 * qr, ratio(qs, qr)))
    ss, sf = g('size.saekin'), g('size.fts5')
    sx = g('size.floor')
    v.append(check('index size <= 1.5x FTS5', ss, sf and 1.5 * sf, ratio(ss, sf)
                   + (' (Xapian*: %s)' % ratio(sx, sf) if sx else '')))
    v.append(check('indexer peak memory <= 400 MB', mem['saekin'], 400e6,
                   fmt(mem['saekin'], 'MB')))
    if g('serve.median') is not None or g('serve.load.rps') is not None:
        print('\nsaekin-serve (issue 12; speed-serve.py, loopback, same run):')
        sm, sp = g('serve.median'), g('serve.p95')
        pm = g('serve.prefix.median')
        print('  /api/search median %s, 95th percentile %s (saekin-query --json: %s, %s; '
              'FTS5: %s, %s)' % (fmt(sm, 'ms'), fmt(sp, 'ms'), fmt(qs, 'ms'),
                                 fmt(g('query.saekin.p95'), 'ms'), fmt(qf, 'ms'),
                                 fmt(g('query.fts5.p95'), 'ms')))
        print('  as typed (prefix=1, one request per keystroke, %d requests): median %s, '
              '95th percentile %s' % (g('serve.prefix.requests') or 0, fmt(pm, 'ms'),
                                      fmt(g('serve.prefix.p95'), 'ms')))
        print('  load: %d clients for %.0f s: %d requests, %.0f per second, %d errors; '
              'latency median %s, 95th percentile %s'
              % (g('serve.load.clients') or 0, g('serve.load.seconds') or 0,
                 g('serve.load.requests') or 0, g('serve.load.rps') or 0,
                 g('serve.load.errors') or 0, fmt(g('serve.load.median'), 'ms'),
                 fmt(g('serve.load.p95'), 'ms')))
        print('  server memory after the run: %.1f MB resident (peak %.1f MB)'
              % ((g('serve.rss_kb') or 0) / 1024, (g('serve.hwm_kb') or 0) / 1024))
        print('targets (issue 12):')
        v.append(check('/api/search median <= 0.5x saekin-query --json median', sm,
                       qs and 0.5 * qs, ratio(sm, qs)))
        v.append(check('/api/search median <= FTS5 median', sm, qf, ratio(sm, qf)))
        v.append(check('as-typed (prefix) median <= 0.5x a full query (saekin-query)', pm,
                       qs and 0.5 * qs, ratio(pm, qs) + ' (vs /api/search full: %s)'
                       % ratio(pm, sm)))
        v.append(check('no error under load', g('serve.load.errors'), 0,
                       '%d errors' % (g('serve.load.errors') or 0)))
    if note:
        print('\n' + note)
    if g('bench.seconds') is not None:
        print('benchmark time: %d s' % g('bench.seconds'))
    if r['load']:
        print('machine load (1-minute average) at the timed steps: %.1f to %.1f'
              % (min(r['load']), max(r['load'])))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
