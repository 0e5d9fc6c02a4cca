#!/usr/bin/env python3
"""Score search runs against judged passages, side by side.

The metrics and the crediting rule are those of the project's evaluation
script (shared/eval/evaluate.py), reimplemented here so that the benchmark
does not need the shared folder at run time; the numbers must stay
identical to evaluate.py's for the same run files.

qrels TSV: qid<TAB>query<TAB>file<TAB>line<TAB>grade, '#' lines are
  comments; grade 2 = a best answer, 1 = relevant; file is relative to the
  corpus root; line is where the answering passage starts (a heading, a
  list item or a paragraph).  A comment holding "kinds: d01-d06 Korean
  noun, d07-d12 ..." names groups of queries, averaged per group.
run TSV: qid<TAB>{"file": ..., "line": S, "end_line": E, ...}, one hit a
  line, best first; "file" may carry any leading folders.

A judged passage reaches from its line to the end of what starts there: a
heading's section, a list item with what is nested under it, or a
paragraph (this needs --corpus; without it a passage is its first line).
A hit is credited with a judged passage when the hit starts inside that
passage, or when the hit (of at most MAX_SPAN lines) contains its first
line.  Each judged passage is credited once; a hit earns the best grade
it can.  Per query: nDCG@10 with gains 2^grade - 1, reciprocal rank of the
first credited hit, Recall@10 (judged passages credited / judged
passages), P@1 (the first hit is credited); averaged over the queries.

usage: score.py [-v] [--corpus DIR] [--main NAME] QRELS NAME=RUN ...
  Prints one row per system, then MAIN (default: the first system) minus
  the best other system on each metric, then mean nDCG@10 per kind of
  query; -v adds every query's nDCG@10 for every system.
"""
import collections
import json
import math
import os
import re
import sys
import unicodedata

MAX_SPAN = 300
K = 10
HEAD = re.compile(r'^\s{0,3}(#{1,6})\s')
ITEM = re.compile(r'^(\s*)([-*+]|\d+[.)])\s')
METRICS = ('nDCG@10', 'MRR', 'R@10', 'P@1')


def load_qrels(path):
    """Return (queries {qid: text} in file order, judged {qid: [(file,
    line, grade)]}, kinds [(label, [qid...])] from the header comment)."""
    q, rel, kind_spec = {}, collections.defaultdict(list), None
    with open(path, encoding='utf-8') as f:
        for ln in f:
            if ln.startswith('#'):
                m = re.search(r'kinds:\s*([^|]*)', ln)
                if m:
                    kind_spec = m.group(1).strip()
                continue
            if not ln.strip():
                continue
            qid, text, fl, line, g = ln.rstrip('\n').split('\t')
            q[qid] = text
            rel[qid].append((fl, int(line), int(g)))
    return q, rel, parse_kinds(kind_spec, list(q))


def parse_kinds(spec, qids):
    """Parse "d01-d06 Korean noun (...), d07-d12 Korean phrase, d13 X"
    into [(label, [qid, ...])], keeping only judged query ids."""
    if not spec:
        return []
    out = []
    for part in re.split(r',\s*(?=[A-Za-z]*\d+(?:-[A-Za-z]*\d+)?\s)', spec):
        m = re.match(r'([A-Za-z]*)(\d+)(?:-[A-Za-z]*(\d+))?\s+(.+)$', part.strip())
        if not m:
            continue
        pre, lo, hi, label = m.group(1), m.group(2), m.group(3) or m.group(2), m.group(4)
        width = len(lo)
        ids = ['%s%0*d' % (pre, width, n) for n in range(int(lo), int(hi) + 1)]
        ids = [i for i in ids if i in qids]
        if ids:
            out.append(('%s-%s %s' % (ids[0], ids[-1], label.strip())
                        if len(ids) > 1 else '%s %s' % (ids[0], label.strip()), ids))
    return out


def passage_end(lines, n):
    """Last line (1-based) of the passage that starts at line n."""
    first = lines[n - 1] if 0 < n <= len(lines) else ''
    h = HEAD.match(first)
    it = ITEM.match(first)
    indent = len(first) - len(first.lstrip())
    fence = False
    for i in range(n, len(lines)):
        ln = lines[i]
        if ln.lstrip().startswith(('```', '~~~')):
            fence = not fence
        if fence or not ln.strip():
            continue
        hh = HEAD.match(ln)
        if h:
            if hh and len(hh.group(1)) <= len(h.group(1)):
                return i
        elif it:
            if hh or len(ln) - len(ln.lstrip()) <= indent:
                return i
        else:
            if hh or ITEM.match(ln) or not lines[i - 1].strip():
                return i
    return len(lines)


class Corpus:
    """The judged notes, read on demand to find where passages end."""

    def __init__(self, root):
        self.root, self.cache = root, {}

    def end(self, f, n):
        if not self.root:
            return n
        if f not in self.cache:
            try:
                with open(os.path.join(self.root, f), encoding='utf-8') as fh:
                    self.cache[f] = fh.read().split('\n')
            except OSError:
                self.cache[f] = []
        return passage_end(self.cache[f], n)


def load_run(path):
    """{qid: [hit, ...]} in file order; lines that are not qid<TAB>JSON are
    ignored."""
    run = collections.defaultdict(list)
    with open(path, encoding='utf-8') as f:
        for ln in f:
            if '\t' not in ln:
                continue
            qid, js = ln.rstrip('\n').split('\t', 1)
            try:
                h = json.loads(js)
            except ValueError:
                continue
            run[qid].append(h)
    return run


def same_file(hit, judged):
    hit = (hit or '').replace('\\', '/')
    return hit == judged or hit.endswith('/' + judged)


def credited(h, r, corpus):
    """Whether hit H is credited with judged passage R."""
    s = int(h.get('line', 0) or 0)
    e = int(h.get('end_line', s) or s)
    f, n, _ = r
    if not same_file(h.get('file'), f):
        return False
    if n <= s <= corpus.end(f, n):
        return True
    return s <= n <= e and e - s <= MAX_SPAN


def score(rel, hits, corpus, k=K):
    """(nDCG@k, reciprocal rank, Recall@k, P@1) of HITS for judged REL."""
    left = list(rel)
    gains = []
    for h in hits[:k]:
        inside = [r for r in left if credited(h, r, corpus)]
        if inside:
            best = max(inside, key=lambda r: r[2])
            left.remove(best)
            gains.append(best[2])
        else:
            gains.append(0)
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((r[2] for r in rel), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    rr = next((1 / (i + 1) for i, g in enumerate(gains) if g), 0.0)
    recall = sum(1 for g in gains if g) / len(rel)
    return dcg / idcg if idcg else 0.0, rr, recall, 1.0 if gains and gains[0] else 0.0


def width(s):
    """Columns S takes in a terminal (Hangul and other wide letters: 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)


def fit(s, w):
    """S cut and padded to exactly W terminal columns."""
    out = ''
    for c in s:
        if width(out + c) > w:
            break
        out += c
    return out + ' ' * (w - width(out))


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def report(queries, kinds, per, main_name, verbose, out=sys.stdout):
    """Print the tables for PER {system: {qid: (ndcg, rr, recall, p1)}}."""
    names = list(per)
    nw = max([len(n) for n in names] + [len('system'), len(main_name) + 12])
    totals = {n: [mean([per[n][q][i] for q in queries]) for i in range(4)] for n in names}
    print('%-*s %s' % (nw, 'system', ' '.join('%8s' % m for m in METRICS)), file=out)
    for n in names:
        print('%-*s %s' % (nw, n, ' '.join('%8.3f' % x for x in totals[n])), file=out)
    others = [n for n in names if n != main_name]
    if main_name in per and others:
        # Each metric against the peer that is best on that metric.
        best = [max(others, key=lambda n: totals[n][i]) for i in range(4)]
        print('%-*s %s' % (nw, '%s - best peer' % main_name, ' '.join(
            '%+8.3f' % (totals[main_name][i] - totals[best[i]][i]) for i in range(4))),
            file=out)
        print('  (best peer: %s)' % ', '.join(
            '%s %s' % (m, b) for m, b in zip(METRICS, best)), file=out)
    cw = max([8] + [len(n) for n in names])
    if kinds:
        lw = max(width(k) for k, _ in kinds)
        lw = min(max(lw, 4), 44)
        print('\nnDCG@10 per kind of query', file=out)
        print('%s %s' % (fit('kind', lw), ' '.join('%*s' % (cw, n) for n in names)), file=out)
        for label, ids in kinds:
            print('%s %s' % (fit(label, lw), ' '.join(
                '%*.3f' % (cw, mean([per[n][q][0] for q in ids])) for n in names)), file=out)
    if verbose:
        print('\nnDCG@10 per query', file=out)
        print('%-4s %s %s' % ('qid', fit('query', 26), ' '.join('%*s' % (cw, n) for n in names)),
              file=out)
        for q in queries:
            print('%-4s %s %s' % (q, fit(queries[q], 26), ' '.join(
                '%*.3f' % (cw, per[n][q][0]) for n in names)), file=out)


def main(argv):
    verbose = '-v' in argv
    argv = [a for a in argv if a != '-v']
    root, main_name = None, None
    for opt in ('--corpus', '--main'):
        if opt in argv:
            i = argv.index(opt)
            if i + 1 >= len(argv):
                print('score.py: %s needs a value' % opt, file=sys.stderr)
                return 2
            if opt == '--corpus':
                root = argv[i + 1]
            else:
                main_name = argv[i + 1]
            del argv[i:i + 2]
    if len(argv) < 2 or any('=' not in a for a in argv[1:]):
        print('usage: score.py [-v] [--corpus DIR] [--main NAME] QRELS NAME=RUN ...',
              file=sys.stderr)
        return 2
    corpus = Corpus(root)
    queries, rel, kinds = load_qrels(argv[0])
    per = {}
    for arg in argv[1:]:
        name, p = arg.split('=', 1)
        run = load_run(p)
        per[name] = {q: score(rel[q], run.get(q, []), corpus) for q in queries}
    report(queries, kinds, per, main_name or next(iter(per)), verbose)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # piped into head: not an error
        sys.stderr.close()
        sys.exit(1)
