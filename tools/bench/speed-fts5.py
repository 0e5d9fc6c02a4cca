#!/usr/bin/env python3
"""SQLite FTS5 as the speed benchmark's peer, driven through Debian's
sqlite3 program so that it is timed as a person would run it.

  speed-fts5.py csv ENTRIES.jsonl OUT.csv [--file PATH]...
      the passages of `saekin-index --dump-entries` (only those of the
      given notes with --file) as CSV rows for the table below
  speed-fts5.py load-sql CSV
      the sqlite3 script that creates the table (when missing) and loads CSV
  speed-fts5.py delete-sql PATH...
      the sqlite3 script that deletes the passages of the notes PATH
  speed-fts5.py query-sql QUERY
      the SQL that answers QUERY with snippets, as JSON (sqlite3 -json)

The table and the queries are those of the relevance benchmark's FTS5
peer (tools/bench/peers.py): title, headings and body columns, the
unicode61 tokenizer, each query word quoted and ANDed, ORed when AND finds
nothing, bm25() with the title and headings weighted up; here snippet()
makes the snippet a person reads, as saekin-query does.
"""
import csv
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402  (the relevance benchmark's peers: same passages)

TOKENIZER = 'unicode61 remove_diacritics 2'
TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS p USING fts5(title, heading, body,"
         " file UNINDEXED, line UNINDEXED, end_line UNINDEXED, tokenize='%s');"
         % TOKENIZER)


def sql_str(s):
    """S as an SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def to_csv(entries_path, out_path, only):
    keep = set(only)
    n = 0
    with open(out_path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        for e in peers.load_entries(entries_path):
            if keep and e['file'] not in keep:
                continue
            w.writerow([e.get('title') or '', ' '.join(e.get('heading') or []),
                        peers.body_of(e), e['file'], int(e['line']),
                        int(e.get('end_line') or e['line'])])
            n += 1
    return n


def match_expr(words, op):
    return (' %s ' % op).join('"%s"' % w.replace('"', '""') for w in words)


def query_sql(text):
    words = [w for w in text.split() if w]
    if not words:
        return ''
    sel = ("SELECT file, line, end_line, title,"
           " snippet(p, 2, '[', ']', '…', 24) AS snippet,"
           " -bm25(p, %g, %g, 1.0) AS score FROM p WHERE p MATCH %%s"
           % (peers.FTS5_TITLE_WEIGHT, peers.FTS5_HEADING_WEIGHT))
    all_words = sql_str(match_expr(words, 'AND'))
    sql = sel % all_words + ' ORDER BY score DESC LIMIT 10;'
    if len(words) > 1:
        # peers.py asks again with OR when AND finds nothing; in one
        # sqlite3 run that is a second statement guarded by the first.
        sql += ('\n' + sel % sql_str(match_expr(words, 'OR'))
                + ' AND NOT EXISTS (SELECT 1 FROM p WHERE p MATCH %s)'
                % all_words + ' ORDER BY score DESC LIMIT 10;')
    return sql


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == 'csv' and len(args) >= 2:
        only = [args[i + 1] for i in range(2, len(args) - 1) if args[i] == '--file']
        n = to_csv(args[0], args[1], only)
        print(n)
        return 0 if n else 1
    if cmd == 'load-sql' and len(args) == 1:
        print(TABLE)
        print('.import --csv "%s" p' % args[0])
        return 0
    if cmd == 'delete-sql':
        print('DELETE FROM p WHERE file IN (%s);' % ', '.join(sql_str(a) for a in args))
        return 0
    if cmd == 'query-sql' and len(args) == 1:
        print(query_sql(args[0]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
