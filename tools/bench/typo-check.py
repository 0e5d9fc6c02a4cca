#!/usr/bin/env python3
"""typo-check.py - how often a one-letter typo is corrected to the word meant.

Takes 150 frequent English words (5-12 letters, 20 times or more) of the
notes under CORPUS, makes one random typo in each (a letter changed,
dropped, added, or two swapped; never the first or last letter; skipped
when the typo is itself a word of the notes), runs saekin-query on it and
sorts the outcome: the intended word is the first correction shown
("right first"), one of them, another word, no correction, nothing found.

    tools/bench/typo-check.py CORPUS path/to/saekin-query DB [--seed N] [-v]

Not part of make check (it needs a corpus and an index of it).
"""
import json, os, random, re, subprocess, sys, collections
corpus, binary, db = sys.argv[1], sys.argv[2], sys.argv[3]
seed = int(sys.argv[sys.argv.index('--seed') + 1]) if '--seed' in sys.argv else 7
random.seed(seed)
cnt = collections.Counter()
for root, _, files in os.walk(corpus):
    for f in files:
        if f.endswith('.md'):
            try:
                t = open(os.path.join(root, f), encoding='utf-8').read()
            except Exception:
                continue
            cnt.update(w.lower() for w in re.findall(r'\b[A-Za-z]{5,12}\b', t))
words = [w for w, c in cnt.most_common(600) if c >= 20]
random.shuffle(words)
words = words[:150]
letters = 'abcdefghijklmnopqrstuvwxyz'
def typo(w):
    k = random.choice(['sub', 'del', 'ins', 'swap'])
    i = random.randrange(1, len(w) - 1)
    if k == 'sub': return w[:i] + random.choice(letters.replace(w[i], '')) + w[i+1:]
    if k == 'del': return w[:i] + w[i+1:]
    if k == 'ins': return w[:i] + random.choice(letters) + w[i:]
    return w[:i] + w[i+1] + w[i] + w[i+2:] if w[i] != w[i+1] else w[:i] + w[i+1:]
res = collections.Counter()
for w in words:
    t = typo(w)
    if t in cnt:  # a real word of the notes: not a typo test
        continue
    p = subprocess.run([binary, '--db', db, '--json', '-n', '1', t], capture_output=True, text=True)
    cors = []
    if p.stdout.strip():
        cors = [c['searched'] for c in json.loads(p.stdout.splitlines()[0]).get('corrections', [])]
    m = re.search(r"did you mean '(.*)'\?", p.stderr)
    if m: cors = [m.group(1)]
    if not cors and not p.stdout.strip(): r = 'nothing'
    elif not cors: r = 'hit, no correction'
    elif cors[0] == w: r = 'right first'
    elif w in cors: r = 'right, not first'
    else: r = 'wrong'
    res[r] += 1
    if '-v' in sys.argv: print(f'{t}\t{w}\t{r}\t{cors}')
print(dict(res), sum(res.values()))
