#!/usr/bin/env python3
"""saekin-serve under the speed benchmark's queries: latency of
/api/search, answers as typed (one prefix request per keystroke), and a
bounded load test (CLIENTS clients for SECONDS seconds), then the
server's memory.  Loopback only: the server is started here on
127.0.0.1 with a free port and stopped at the end.

usage: speed-serve.py --serve PROGRAM --db DB --qrels QRELS --results FILE
           [--reps N] [--clients N] [--seconds S] [--skip-latency]

FILE gets:
    serve.median / serve.p95 SECONDS   per-query median of N requests
    serve.prefix.median / .p95 SECONDS one request per keystroke, prefix=1
    serve.prefix.requests N
    serve.load.clients N, serve.load.seconds S
    serve.load.requests N, serve.load.errors N, serve.load.rps R
    serve.load.median / .p95 SECONDS   latency under load
    serve.rss_kb KB, serve.hwm_kb KB   the server's memory after the run
"""
import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402

HANGUL_BASE, HANGUL_LAST = 0xAC00, 0xD7A3
CHOSEONG = [chr(c) for c in (0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141,
                             0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
                             0x314A, 0x314B, 0x314C, 0x314D, 0x314E)]


def percentile(values, p):
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def keystrokes(text):
    """What the search box holds after each keystroke of TEXT typed with
    a Korean IME: a syllable shows as its first consonant, then without
    its final consonant, then whole (the 2-set keyboard's usual states)."""
    states, done = [], ''
    for ch in text:
        c = ord(ch)
        if HANGUL_BASE <= c <= HANGUL_LAST:
            s = c - HANGUL_BASE
            lead, final = s // 588, s % 28
            states.append(done + CHOSEONG[lead])
            open_syllable = chr(c - final)
            states.append(done + open_syllable)
            if final:
                states.append(done + ch)
        else:
            states.append(done + ch)
        done += ch
    return [s for s in states if s.strip()]


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def get(self, path):
        """GET PATH on a kept-alive connection: (seconds, status, body)."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=30)
            t0 = time.perf_counter()
            try:
                self.conn.request('GET', path)
                r = self.conn.getresponse()
                body = r.read()
                return time.perf_counter() - t0, r.status, body
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise RuntimeError('unreachable')


def search_path(q, prefix=False):
    params = {'q': q, 'n': '10'}
    if prefix:
        params['prefix'] = '1'
    return '/api/search?' + urllib.parse.urlencode(params)


def rss(pid):
    out = {}
    with open('/proc/%d/status' % pid) as f:
        for ln in f:
            k, _, v = ln.partition(':')
            if k in ('VmRSS', 'VmHWM'):
                out[k] = int(v.split()[0])
    return out


def main(argv):
    ap = argparse.ArgumentParser(prog='speed-serve.py')
    ap.add_argument('--serve', required=True)
    ap.add_argument('--db', required=True)
    ap.add_argument('--qrels', required=True)
    ap.add_argument('--results', required=True)
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--clients', type=int, default=4)
    ap.add_argument('--seconds', type=float, default=30)
    ap.add_argument('--skip-latency', action='store_true')
    a = ap.parse_args(argv)
    if a.clients < 1 or a.clients > 16 or a.seconds <= 0 or a.seconds > 600:
        print('speed-serve: 1 to 16 clients, up to 600 s', file=sys.stderr)
        return 2
    queries = [q for _, q in peers.load_queries(a.qrels)]
    srv = subprocess.Popen([a.serve, '--db', a.db, '--listen', '127.0.0.1:0',
                            '--threads', str(a.clients)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failed = 0
    try:
        url = srv.stdout.readline().strip()
        if not url.startswith('http://127.0.0.1:'):
            print('speed-serve: saekin-serve did not start: ' + srv.stderr.read(), file=sys.stderr)
            return 1
        port = int(url.rsplit(':', 1)[1].strip('/'))
        out = {}
        c = Client(port)
        for q in queries:  # warm-up, not counted
            c.get(search_path(q))
        if not a.skip_latency:
            per_query = []
            for q in queries:
                times = []
                for _ in range(a.reps):
                    secs, status, _ = c.get(search_path(q))
                    failed += status != 200
                    times.append(secs)
                per_query.append(statistics.median(times))
            out['serve.median'] = statistics.median(per_query)
            out['serve.p95'] = percentile(per_query, 95)
            typed = []
            for q in queries:
                for state in keystrokes(q):
                    secs, status, _ = c.get(search_path(state, prefix=True))
                    # a state such as "-" alone is a 400: a bad query, not a failure
                    failed += status not in (200, 400)
                    typed.append(secs)
            out['serve.prefix.median'] = statistics.median(typed)
            out['serve.prefix.p95'] = percentile(typed, 95)
            out['serve.prefix.requests'] = len(typed)

        # The load: CLIENTS clients, each on its own connection, asking
        # the queries in turn (each from its own place in the list) until
        # SECONDS are up.  Bounded in time, loopback only.
        stop_at = time.monotonic() + a.seconds
        lat = [[] for _ in range(a.clients)]
        errors = [0] * a.clients

        def client(i):
            cl = Client(port)
            k = i * len(queries) // a.clients
            while time.monotonic() < stop_at:
                q = queries[k % len(queries)]
                k += 1
                try:
                    secs, status, body = cl.get(search_path(q))
                    if status != 200 or not body.startswith(b'{"query":'):
                        errors[i] += 1
                    lat[i].append(secs)
                except Exception:
                    errors[i] += 1
        t0 = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - t0
        all_lat = [x for l in lat for x in l]
        out['serve.load.clients'] = a.clients
        out['serve.load.seconds'] = round(took, 1)
        out['serve.load.requests'] = len(all_lat)
        out['serve.load.errors'] = sum(errors)
        out['serve.load.rps'] = len(all_lat) / took
        if all_lat:
            out['serve.load.median'] = statistics.median(all_lat)
            out['serve.load.p95'] = percentile(all_lat, 95)
        mem = rss(srv.pid)
        out['serve.rss_kb'] = mem.get('VmRSS', 0)
        out['serve.hwm_kb'] = mem.get('VmHWM', 0)
        out['serve.failed'] = failed
    finally:
        srv.terminate()
        try:
            rc = srv.wait(timeout=10)
        except subprocess.TimeoutExpired:
            srv.kill()
            rc = -1
    out['serve.exit'] = rc
    with open(a.results, 'a', encoding='utf-8') as f:
        for k, v in out.items():
            f.write('%s %s\n' % (k, ('%.5f' % v) if isinstance(v, float) else v))
    for k, v in out.items():
        print('%s %s' % (k, ('%.5f' % v) if isinstance(v, float) else v))
    return 0 if not failed and not out.get('serve.load.errors') and rc == 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
