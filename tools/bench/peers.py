#!/usr/bin/env python3
"""Peer search engines for the relevance benchmark.

Indexes the passages saekin itself indexes (the JSON Lines of
`saekin-index --db DIR --dump-entries`, one entry a line:
{"file", "line", "end_line", "title", "heading": [...], "text", "struck",
"links": [...]}) into other engines, asks them the judged queries and writes
one run file per engine in evaluate.py's format (qid<TAB>{json hit}, best
first), so that every system is scored on the very same passages.

Engines (-s NAME, repeatable; default: all that can run here):
  xapian-cjk    Xapian 1.4, TermGenerator/QueryParser with FLAG_CJK_NGRAM,
                English stemmer, STEM_SOME, BM25 (needs python3-xapian)
  xapian        the same without CJK n-grams
  fts5          SQLite FTS5, unicode61 tokenizer, bm25() with title weighted
  fts5-trigram  SQLite FTS5, trigram tokenizer, bm25() with title weighted

usage:
  peers.py [-s NAME]... [-n N] [--workdir DIR] ENTRIES.jsonl \\
           --qrels QRELS --out DIR        writes DIR/NAME.tsv for each engine
  peers.py [-s NAME]... [-n N] [--workdir DIR] ENTRIES.jsonl \\
           --query TEXT                    prints NAME<TAB>{hit} lines

Without --workdir the indexes live in a temporary folder removed at exit.
Python 3 standard library only, plus Debian's python3-xapian when present.
"""
import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile

try:
    import xapian
except ImportError:  # the Xapian peers are then skipped, and we say so
    xapian = None

# Xapian: title, headings and body are indexed as Omega (Xapian's own
# indexer) does it: the title's words once unprefixed like the body's,
# and again with the prefix S, so BM25 alone ranks them (title:WORD could
# ask for the title).
XAPIAN_TITLE_PREFIX = 'S'
# FTS5: how much a word in the title and in the headings counts against one
# in the body in bm25(); these are the weights of the example in the FTS5
# documentation ("bm25(email, 10.0, 5.0)"), which a user would start from.
FTS5_TITLE_WEIGHT = 10.0
FTS5_HEADING_WEIGHT = 5.0


def load_entries(path):
    """Read the entries' JSON Lines; skips blank and broken lines."""
    out = []
    with open(path, encoding='utf-8') as f:
        for ln in f:
            ln = ln.strip()
            if not ln:
                continue
            try:
                e = json.loads(ln)
            except ValueError:
                continue
            if isinstance(e, dict) and 'file' in e and 'line' in e:
                out.append(e)
    return out


def load_queries(path):
    """Unique (qid, query) pairs of a qrels TSV, in first-seen order."""
    seen, out = set(), []
    with open(path, encoding='utf-8') as f:
        for ln in f:
            if not ln.strip() or ln.startswith('#'):
                continue
            qid, text = ln.rstrip('\n').split('\t')[:2]
            if qid not in seen:
                seen.add(qid)
                out.append((qid, text))
    return out


def body_of(e):
    """The searchable body: text, then struck-through text.  A generic
    engine knows nothing of strikethrough, so it is plain body text here."""
    parts = [e.get('text') or '', e.get('struck') or '']
    return '\n'.join(p for p in parts if p)


def hit(e, rank, score):
    """One hit in the form saekin-query --json prints."""
    return {'file': e['file'], 'line': int(e['line']),
            'end_line': int(e.get('end_line') or e['line']),
            'rank': rank, 'score': round(score, 6), 'title': e.get('title', '')}


class XapianPeer:
    """Xapian 1.4 as its documentation sets it up: TermGenerator for
    indexing, QueryParser (default operator OR) for queries, BM25."""

    def __init__(self, name, cjk, workdir):
        self.name, self.cjk = name, cjk
        self.path = os.path.join(workdir, name)
        self.entries = []
        self.db = None

    def _stemmer(self):
        return xapian.Stem('en')

    def index(self, entries):
        self.entries = entries
        db = xapian.WritableDatabase(self.path, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(self._stemmer())
        tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        if self.cjk:
            tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        db.begin_transaction(False)
        for i, e in enumerate(entries):
            doc = xapian.Document()
            tg.set_document(doc)
            title = e.get('title') or ''
            tg.index_text(title, 1, XAPIAN_TITLE_PREFIX)
            tg.index_text(title)
            tg.increase_termpos()
            tg.index_text(' '.join(e.get('heading') or []))
            tg.increase_termpos()
            tg.index_text(body_of(e))
            doc.set_data(str(i))
            db.add_document(doc)
        db.commit_transaction()
        db.close()
        self.db = xapian.Database(self.path)

    def search(self, text, n):
        qp = xapian.QueryParser()
        qp.set_database(self.db)
        qp.set_stemmer(self._stemmer())
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        flags = xapian.QueryParser.FLAG_DEFAULT
        if self.cjk:
            flags |= xapian.QueryParser.FLAG_CJK_NGRAM
        try:
            q = qp.parse_query(text, flags)
        except xapian.QueryParserError:
            # Xapian 1.4.22 refuses some mixed queries with CJK n-grams
            # ("RDS 다중 AZ": a Latin word on each side of a Hangul one is a
            # "parse error").  A front end would work around it by parsing
            # each word alone and ORing them, which is what the parser's
            # default operator would have done anyway.
            parts = []
            for w in text.split():
                try:
                    parts.append(qp.parse_query(w, flags))
                except xapian.QueryParserError:
                    pass
            q = xapian.Query(xapian.Query.OP_OR, parts)
        enq = xapian.Enquire(self.db)
        enq.set_query(q)
        out = []
        for m in enq.get_mset(0, n):
            out.append(hit(self.entries[int(m.document.get_data())], m.rank + 1, m.weight))
        return out

    def close(self):
        if self.db is not None:
            self.db.close()


class Fts5Peer:
    """SQLite FTS5 with one column each for title, headings and body.

    Queries: the query's whitespace-separated words, each one quoted (so
    that punctuation such as "C++" or "S3:" is no FTS5 syntax) and joined by
    FTS5's implicit AND, which is what the FTS5 documentation shows and what
    a user typing words into a search box expects; when AND finds nothing,
    the same words joined by OR, so that a long query still gets an answer.
    Ranked by bm25() with the title and heading columns weighted up
    (FTS5_TITLE_WEIGHT, FTS5_HEADING_WEIGHT).

    The trigram tokenizer cannot match a word shorter than three
    characters (many Korean nouns have two syllables), so such words are
    left out of the MATCH; when no word is left, the passages holding all
    the short words as substrings (instr(), FTS5's own advice for short
    patterns) are returned, those with a word in the title first, then the
    shortest passages first, for lack of any term statistics."""

    def __init__(self, name, tokenizer, workdir):
        self.name, self.tokenizer = name, tokenizer
        self.path = os.path.join(workdir, name + '.sqlite')
        self.trigram = tokenizer.startswith('trigram')
        self.db = None

    def index(self, entries):
        if os.path.exists(self.path):
            os.remove(self.path)
        db = sqlite3.connect(self.path)
        db.execute("CREATE VIRTUAL TABLE p USING fts5(title, heading, body,"
                   " file UNINDEXED, line UNINDEXED, end_line UNINDEXED,"
                   " tokenize='%s')" % self.tokenizer)
        db.executemany(
            "INSERT INTO p (title, heading, body, file, line, end_line)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            ((e.get('title') or '', ' '.join(e.get('heading') or []), body_of(e),
              e['file'], int(e['line']), int(e.get('end_line') or e['line']))
             for e in entries))
        db.commit()
        self.db = db

    def _match(self, expr, n):
        sql = ("SELECT file, line, end_line, title, bm25(p, %g, %g, 1.0) AS s"
               " FROM p WHERE p MATCH ? ORDER BY s LIMIT ?"
               % (FTS5_TITLE_WEIGHT, FTS5_HEADING_WEIGHT))
        try:
            return self.db.execute(sql, (expr, n)).fetchall()
        except sqlite3.Error:
            return []

    def _substring(self, words, n):
        cond = ' AND '.join(["instr(lower(title || ' ' || heading || ' ' || body), ?) > 0"]
                            * len(words))
        title = ' OR '.join(['instr(lower(title), ?) > 0'] * len(words))
        sql = ("SELECT file, line, end_line, title, 0.0 FROM p WHERE %s"
               " ORDER BY (%s) DESC, length(body) LIMIT ?" % (cond, title))
        w = [x.lower() for x in words]
        return self.db.execute(sql, w + w + [n]).fetchall()

    def search(self, text, n):
        words = text.split()
        long_words = [w for w in words if len(w) >= 3] if self.trigram else words
        quoted = ['"%s"' % w.replace('"', '""') for w in long_words]
        rows = []
        if quoted:
            rows = self._match(' '.join(quoted), n)
            if not rows and len(quoted) > 1:
                rows = self._match(' OR '.join(quoted), n)
        elif words:
            rows = self._substring(words, n)
        out = []
        for i, (f, line, end, title, s) in enumerate(rows):
            # bm25() is negative, better is lower; report it as a positive score
            out.append(hit({'file': f, 'line': line, 'end_line': end, 'title': title},
                           i + 1, -s))
        return out

    def close(self):
        if self.db is not None:
            self.db.close()


ALL = ['xapian-cjk', 'xapian', 'fts5', 'fts5-trigram']


def make_peer(name, workdir):
    """The engine called NAME, or None (with a note on stderr) when it
    cannot run here."""
    if name.startswith('xapian'):
        if xapian is None:
            print('peers: %s skipped: python3 cannot import xapian '
                  '(Debian: apt-get install python3-xapian)' % name, file=sys.stderr)
            return None
        return XapianPeer(name, name == 'xapian-cjk', workdir)
    if name.startswith('fts5'):
        tok = 'trigram' if name == 'fts5-trigram' else 'unicode61 remove_diacritics 2'
        try:
            con = sqlite3.connect(':memory:')
            con.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='%s')" % tok)
            con.close()
        except sqlite3.Error as err:
            print('peers: %s skipped: this SQLite cannot (%s)' % (name, err), file=sys.stderr)
            return None
        return Fts5Peer(name, tok, workdir)
    raise SystemExit('peers: unknown engine %r (known: %s)' % (name, ', '.join(ALL)))


def main(argv):
    ap = argparse.ArgumentParser(prog='peers.py', description=__doc__.split('\n')[0])
    ap.add_argument('entries', help='JSON Lines from saekin-index --dump-entries')
    ap.add_argument('-s', '--system', action='append', choices=ALL,
                    help='engine to run (repeatable; default all)')
    ap.add_argument('-n', type=int, default=10, help='hits per query (default 10)')
    ap.add_argument('--workdir', help='keep the indexes here (default: a temporary folder)')
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--qrels', help='ask every query of this qrels TSV')
    g.add_argument('--query', help='ask this one query and print the hits')
    ap.add_argument('--out', help='with --qrels: folder for NAME.tsv run files')
    a = ap.parse_args(argv)
    if a.qrels and not a.out:
        ap.error('--qrels needs --out')

    entries = load_entries(a.entries)
    if not entries:
        print('peers: %s: no entries' % a.entries, file=sys.stderr)
        return 1
    queries = load_queries(a.qrels) if a.qrels else [('q', a.query)]
    workdir = a.workdir or tempfile.mkdtemp(prefix='saekin-peers.')
    os.makedirs(workdir, exist_ok=True)
    if a.out:
        os.makedirs(a.out, exist_ok=True)
    try:
        for name in a.system or ALL:
            peer = make_peer(name, workdir)
            if peer is None:
                continue
            peer.index(entries)
            if a.out:
                with open(os.path.join(a.out, name + '.tsv'), 'w', encoding='utf-8') as f:
                    for qid, text in queries:
                        for h in peer.search(text, a.n):
                            f.write('%s\t%s\n' % (qid, json.dumps(h, ensure_ascii=False)))
            else:
                for h in peer.search(a.query, a.n):
                    print('%s\t%s' % (name, json.dumps(h, ensure_ascii=False)))
            peer.close()
    finally:
        if not a.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # piped into head: not an error
        sys.stderr.close()
        sys.exit(1)
