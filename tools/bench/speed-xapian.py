#!/usr/bin/env python3
"""Xapian on its own as the speed benchmark's floor: the same passages
FTS5 loads, indexed by xapian-omega's scriptindex as plain words with
positions (no stems, bigrams, keys or vocabulary: what FTS5's unicode61
makes) and searched with xapian-core's quest (no snippets).  What saekin
costs beyond these is what its ranking costs; what these cost is what
Xapian, the index saekin is built on, needs at the least.

  speed-xapian.py script
      the scriptindex index script
  speed-xapian.py input ENTRIES.jsonl
      the passages of `saekin-index --dump-entries` as scriptindex input
"""
import json
import sys

# No unique term per passage: FTS5 has none either, and saekin keeps one
# per note, not per passage.
SCRIPT = """\
id : field=id
title : field=title index
heading : field=heading index
text : field=text index
"""


def put(out, key, value):
    """One scriptindex field: a value's next lines start with '='."""
    lines = value.replace('\r', '').split('\n')
    out.write('%s=%s\n' % (key, lines[0]))
    for line in lines[1:]:
        out.write('=%s\n' % line)


def to_input(entries_path, out):
    with open(entries_path, encoding='utf-8') as f:
        for line in f:
            e = json.loads(line)
            put(out, 'id', '%s:%d' % (e['file'], e['line']))
            put(out, 'title', e['title'])
            put(out, 'heading', ' / '.join(e['heading']))
            put(out, 'text', e['text'])
            out.write('\n')


def main(argv):
    if argv[:1] == ['script']:
        sys.stdout.write(SCRIPT)
    elif argv[:1] == ['input'] and len(argv) == 2:
        to_input(argv[1], sys.stdout)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
