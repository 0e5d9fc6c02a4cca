/* xapian-shim.h - the C face of xapian-shim.cc, the only code that
 * includes <xapian.h>.  Every function catches every exception and turns
 * it into a status with a message kept on the handle (or, when opening,
 * handed back malloc'd).  Private to lib/. */
#ifndef SAEKIN_XAPIAN_SHIM_H
#define SAEKIN_XAPIAN_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include "saekin.h"
#include "qtree.h"

/* ---- documents to write ---- */

/** A term to put in a document.  POS is 0 for a term without position. */
typedef struct {
    const char *term;
    unsigned wdf;
    unsigned pos;
} _saekin_xterm_t;

/** A document ready to write: its data and its terms. Borrowed. */
typedef struct {
    const char *data;
    size_t data_len;
    const _saekin_xterm_t *terms;
    size_t n_terms;
} _saekin_xdoc_t;

typedef struct _saekin_xwriter _saekin_xwriter_t;

/** Open (creating when missing) the index folder PATH for writing: its
 * lock is held until _saekin_xwriter_close() (LOCKED when another writer
 * holds it), and what killed runs left in it is removed.  A new folder is
 * made 0700; the database's files are readable only by those who can
 * read the folder.  See "the index folder" in xapian-shim.cc. */
saekin_status_t _saekin_xwriter_open (const char *path, _saekin_xwriter_t **w,
                                      char **error_message);
/** Open the index at PATH to read what it holds, without the writer's
 * lock (for --status and --dump-entries while a writer runs): only the
 * metadata, doc_count and each_doc functions may be used on it.
 * NO_INDEX when there is none. */
saekin_status_t _saekin_xwriter_open_readonly (const char *path, _saekin_xwriter_t **w,
                                               char **error_message);
/** Start a transaction (flushed: one commit at its end). */
saekin_status_t _saekin_xwriter_begin (_saekin_xwriter_t *w);
/** Commit the transaction started by _saekin_xwriter_begin(). */
saekin_status_t _saekin_xwriter_commit (_saekin_xwriter_t *w);
/** Throw the open transaction away. */
saekin_status_t _saekin_xwriter_cancel (_saekin_xwriter_t *w);
/** Delete every document holding UNIQUE_TERM, then add DOCS[0..N) (each
 * should hold UNIQUE_TERM among its terms). */
saekin_status_t _saekin_xwriter_replace (_saekin_xwriter_t *w, const char *unique_term,
                                         const _saekin_xdoc_t *docs, size_t n);
/** Delete every document of every file. */
saekin_status_t _saekin_xwriter_clear (_saekin_xwriter_t *w);
/** Metadata: *VALUE is malloc'd ("" when the key has none). */
saekin_status_t _saekin_xwriter_get_metadata (_saekin_xwriter_t *w, const char *key,
                                              char **value, size_t *len);
saekin_status_t _saekin_xwriter_set_metadata (_saekin_xwriter_t *w, const char *key,
                                              const char *value, size_t len);
/** Call FN for every metadata key starting with PREFIX, with its value. */
saekin_status_t _saekin_xwriter_metadata_each (_saekin_xwriter_t *w, const char *prefix,
                                               int (*fn) (void *ctx, const char *key,
                                                          const char *value, size_t len),
                                               void *ctx);
/** Documents in the database. */
saekin_status_t _saekin_xwriter_doc_count (_saekin_xwriter_t *w, size_t *n);
/** Call FN with the data of every document, in docid order. */
saekin_status_t
_saekin_xwriter_each_doc (_saekin_xwriter_t *w,
                          int (*fn) (void *ctx, const char *data, size_t len), void *ctx);
/** Call FN with every term starting with PREFIX and the number of
 * documents holding it, in term order, stopping when FN returns
 * non-zero. */
saekin_status_t _saekin_xwriter_each_term (_saekin_xwriter_t *w, const char *prefix,
                                           int (*fn) (void *ctx, const char *term,
                                                      size_t freq),
                                           void *ctx);
/** Compact the database in place. */
saekin_status_t _saekin_xwriter_compact (_saekin_xwriter_t *w);
const char *_saekin_xwriter_message (const _saekin_xwriter_t *w);
void _saekin_xwriter_close (_saekin_xwriter_t *w);

/* ---- building in shards (index-shards.c) ---- */

/** The folder W was opened on; borrowed. */
const char *_saekin_xwriter_path (const _saekin_xwriter_t *w);
/** Where a scratch database NAME of W's run goes: inside W's index
 * folder (made when missing), removed by the next writer if left.
 * Malloc'd; NULL with a message on W when it cannot be made. */
char *_saekin_xwriter_scratch_path (_saekin_xwriter_t *w, const char *name);
/** Open an empty scratch database at PATH (emptied when it exists),
 * written without fsync: a shard of a build, merged and then removed. */
saekin_status_t _saekin_xwriter_open_scratch (const char *path, _saekin_xwriter_t **w,
                                              char **error_message);
/** Make W's database the compaction of SOURCES[0..N) (closed scratch
 * databases): their documents in that order, numbered from 1, and their
 * metadata, plus W's metadata that they lack unless its key starts with
 * DROP_PREFIX.  W's open transaction (its writes are dropped) is replaced
 * by a new one.  The new database is swapped in whole, so a failure
 * leaves W's as it was. */
saekin_status_t _saekin_xwriter_replace_all (_saekin_xwriter_t *w,
                                             const char *const *sources, size_t n,
                                             const char *drop_prefix);
/** Remove the database folder PATH: the files in it, then the folder,
 * never following a link. */
void _saekin_xdb_remove (const char *path);

/* ---- stemming ---- */

/** The English Snowball stem of WORD (case-folded UTF-8), written to OUT
 * (OUT_SIZE bytes, NUL-terminated, truncated to fit).  Returns 0, or -1
 * when the stemmer failed (OUT is then WORD).  Thread-safe after the
 * first call. */
int _saekin_xstem_en (const char *word, char *out, size_t out_size);

/* ---- searching ---- */

typedef struct _saekin_xreader _saekin_xreader_t;

/** Open N databases (folders or stub files) as one. */
saekin_status_t _saekin_xreader_open (const char *const *paths, size_t n,
                                      _saekin_xreader_t **r, char **error_message);

/** Called for each match, best first, RANK counting from 1.  DATA is the
 * document's data.  A non-zero result stops the search.  RANK 1 after
 * other calls means the search started again (a writer changed the
 * index): what the earlier calls handed over is void. */
typedef int (*_saekin_xmatch_fn) (void *ctx, unsigned rank, double weight,
                                  const char *data, size_t len);

/** Run QUERY, calling FN for at most MAX matches.  Reopens and retries
 * when a writer changed the database underneath; a document's data is
 * read only when FN is about to get it. */
saekin_status_t _saekin_xreader_search (_saekin_xreader_t *r,
                                        const _saekin_qnode_t *query, size_t max,
                                        _saekin_xmatch_fn fn, void *ctx);
/** How many documents hold TERM across all databases (for query
 * planning: a rare term is worth more). */
saekin_status_t _saekin_xreader_termfreq (_saekin_xreader_t *r, const char *term,
                                          size_t *freq);
/** Call FN for every term starting with PREFIX (for prefix* queries),
 * stopping early when FN returns non-zero. */
saekin_status_t
_saekin_xreader_terms_with_prefix (_saekin_xreader_t *r, const char *prefix,
                                   int (*fn) (void *ctx, const char *term), void *ctx);
/** Let the matcher of each search run for at most SECONDS (0: no limit),
 * then settle for the best matches found so far (Xapian's time limit). */
void _saekin_xreader_set_time_limit (_saekin_xreader_t *r, double seconds);
/** Call FN for every term from FROM (inclusive) up to TO (exclusive), in
 * byte order, with how many documents hold it, stopping early when FN
 * returns non-zero (for typo corrections and completions: spell.c). */
saekin_status_t
_saekin_xreader_terms_between (_saekin_xreader_t *r, const char *from, const char *to,
                               int (*fn) (void *ctx, const char *term, size_t freq),
                               void *ctx);

/** How many matches the last _saekin_xreader_search() estimated (Xapian's
 * estimate over all documents, not only the MAX handed over). */
size_t _saekin_xreader_estimate (const _saekin_xreader_t *r);
/** Move R to the last committed state of its databases, opening a path
 * again when a whole new index was swapped in there.  On failure R keeps
 * what it had. */
saekin_status_t _saekin_xreader_refresh (_saekin_xreader_t *r);
/** Call FN with the data of every document holding TERM, in docid
 * order, stopping early when FN returns non-zero. */
saekin_status_t _saekin_xreader_each_with_term (_saekin_xreader_t *r, const char *term,
                                                int (*fn) (void *ctx, const char *data,
                                                           size_t len),
                                                void *ctx);
const char *_saekin_xreader_message (const _saekin_xreader_t *r);
void _saekin_xreader_close (_saekin_xreader_t *r);

#endif
