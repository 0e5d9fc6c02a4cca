#!/usr/bin/env python3
"""List the passages that no judgment covers in the top 10 of any system,
for a judge to read: how tools/bench/queries-cs.tsv was completed.

usage: pool.py QRELS CORPUS RUNDIR OUT.md
RUNDIR holds one run file per system (qid<TAB>hit JSON, as
relevance-bench.sh writes them; keep its temporary folder to get them).
The passages are shuffled with a fixed seed so that the judge cannot
tell which system found them; each is printed with its first 30 lines
under "## QID FILE:LINE", after the query's judgments so far.
"""
import collections
import os
import random
import sys

import score

if len(sys.argv) != 5:
    sys.exit(__doc__)
qrels, root, rundir, out = sys.argv[1:5]
root = os.path.abspath(root)
q, rel, _ = score.load_qrels(qrels)
corpus = score.Corpus(root)
pool = collections.defaultdict(dict)
for fn in sorted(os.listdir(rundir)):
    for qid, hits in score.load_run(os.path.join(rundir, fn)).items():
        for h in hits[:score.K]:
            if any(score.credited(h, r, corpus) for r in rel[qid]):
                continue
            f = h['file']
            f = f[f.find(root) + len(root):].lstrip('/') if root in f else f
            pool[qid][(f, int(h['line']))] = int(h.get('end_line', h['line']))
random.seed(7)
n = 0
with open(out, 'w', encoding='utf-8') as o:
    for qid in q:
        items = list(pool[qid].items())
        random.shuffle(items)
        o.write('\n# %s\t%s\n\nAlready judged:\n' % (qid, q[qid]))
        for f, line, g in rel[qid]:
            o.write('- grade %d: %s:%d\n' % (g, f, line))
        for (f, line), end in items:
            with open(os.path.join(root, f), encoding='utf-8') as fh:
                lines = fh.read().split('\n')
            text = '\n'.join(lines[line - 1:min(end, line + 30)])
            o.write('\n## %s %s:%d\n```\n%s\n```\n' % (qid, f, line, text))
            n += 1
print('%d passages to judge' % n)
