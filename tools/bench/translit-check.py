#!/usr/bin/env python3
"""How Korean transcriptions of English words find notes written in English.

usage: translit-check.py [--builddir DIR] [--notes DIR] [--korean FILE]

Indexes NOTES (default: the English notes of the shared corpus,
../shared/corpus/9QIX__AdrianCantrill-SAA-C03, which hold no Hangul) and
asks saekin-query for each Hangul word of tools/bench/loanwords.tsv.  For
each set of words (those lib/translit.c was tuned on, and those held out)
it prints how many queries find a passage writing the English word in
their top 10, with the shipped vocabulary and without it
(SAEKIN_VOCABULARY=/dev/null), and how many times the loanword matcher
read the word (saekin-query's "searched also"), right or wrong.  With
--korean FILE (one Hangul word a line: Korean words, not loanwords), it
also prints every English reading the matcher gives them: each is a
false match unless the word is a loanword after all
(tools/bench/korean-words.txt is such a list).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))
args = sys.argv[1:]
opt = {'--builddir': top, '--notes': os.path.join(top, '..', 'shared', 'corpus',
                                                   '9QIX__AdrianCantrill-SAA-C03'),
       '--korean': None}
while args:
    if args[0] in opt and len(args) > 1:
        opt[args[0]] = args[1]
        args = args[2:]
    else:
        sys.exit(__doc__)
if not os.path.isdir(opt['--notes']):
    print('translit-check: SKIP: no notes at %s' % opt['--notes'], file=sys.stderr)
    sys.exit(77)
index = os.path.join(opt['--builddir'], 'indexer', 'saekin-index')
query = os.path.join(opt['--builddir'], 'query', 'saekin-query')


def ask(db, word, env):
    """(corrections searched, texts of the top 10) for WORD."""
    p = subprocess.run([query, '--db', db, '--json', '-n', '10', '--', word],
                       capture_output=True, text=True, env=env)
    searched, texts = [], []
    for line in p.stdout.splitlines():
        h = json.loads(line)
        searched += [c['searched'] for c in h.get('corrections', [])]
        texts.append(' '.join([h.get('title', ''), h.get('snippet', '')] + h.get('heading', [])))
    m = re.search(r"searched also: (.*)", p.stderr)
    if m:
        searched += [x.split(' → ')[-1] for x in m.group(1).split(', ')]
    return sorted(set(searched)), texts


def writes(texts, stem):
    return any(re.search(r'\b' + re.escape(stem), t, re.I) for t in texts)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'db')
    subprocess.run([index, '--db', db, opt['--notes']], check=True, capture_output=True)
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(tmp, 'none'))
    env.pop('SAEKIN_VOCABULARY', None)
    bare = dict(env, SAEKIN_VOCABULARY='/dev/null')
    sets = {}
    for line in open(os.path.join(here, 'loanwords.tsv'), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        ko, stem, which = line.rstrip('\n').split('\t')
        sets.setdefault(which, []).append((ko, stem))
    print('%-9s %5s %14s %17s %13s %13s' % ('words', 'count', 'found (vocab)', 'found (no vocab)',
                                          'read right', 'read wrong'))
    for which, words in sets.items():
        found = bare_found = right = wrong = 0
        for ko, stem in words:
            searched, texts = ask(db, ko, env)
            found += writes(texts, stem)
            _, bare_texts = ask(db, ko, bare)
            bare_found += writes(bare_texts, stem)
            english = [s for s in searched if re.match('[a-z]', s, re.I)]
            # Snowball's stem may end otherwise than the word (proxi, proxy)
            ok = any(s.lower()[:len(stem) - 1] == stem[:-1] for s in english)
            right += ok
            wrong += bool(english) and not ok
            if english and not ok:
                print('  wrong: %s -> %s (wanted %s)' % (ko, ', '.join(english), stem))
        print('%-9s %5d %14d %17d %13d %13d' % (which, len(words), found, bare_found, right, wrong))
    if opt['--korean']:
        words = [w.strip() for w in open(opt['--korean'], encoding='utf-8')
                 if w.strip() and not w.startswith('#')]
        read = []
        for ko in words:
            searched, _ = ask(db, ko, bare)
            english = [s for s in searched if re.match('[a-z]', s, re.I)]
            if english:
                read.append('%s -> %s' % (ko, ', '.join(english)))
        print('Korean words given an English reading: %d of %d' % (len(read), len(words)))
        for r in read:
            print('  ' + r)
