/* index-private.h - what the files of the indexer share: the index
 * handle, the records of indexed notes, where a note's documents and
 * problems go (a sink), and a run.  Private to lib/.
 *
 * index.c         the handle: opening, closing, roots, looking inside
 * index-records.c the record kept of each indexed note
 * index-note.c    reading and indexing one note into a sink
 * index-update.c  an update run (saekin_index_update)
 * index-shards.c  a fresh build in shards on several threads */
#ifndef SAEKIN_INDEX_PRIVATE_H
#define SAEKIN_INDEX_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "saekin.h"
#include "settings.h"
#include "walk.h"
#include "xapian-shim.h"

#define META_ROOTS "saekin:roots"
#define META_FILE  "f:"
/* Which terms document.c makes: an index made otherwise is rebuilt (an
 * old index would still answer, but rank its old and new notes apart).
 * None: the first versions (words beside their stems, heading-prefixed
 * copies).  "2": a word once, as its stem; no heading copies.  "3":
 * learned pairs.  "4": tag and path terms (tag:, path:), front matter
 * read.  "5": technical terms whole (c++, n+1: analyze.h's
 * _SAEKIN_TOK_TERM).  "6": navigation passages' words as struck words
 * (entry.h, navigation).  "7": the file name's words in the first passage.  "8": the note's
 * name (numbering dropped, a README's folder) as the first passage's
 * title key.  "9": a title's key without the acronym it starts with.
 * "10": questions and answers (<details>) as passages of their own, an
 * outline's items as navigation.  "11": a title asking what a thing is
 * keyed by the thing too ("Index가 무엇인지 설명해주세요": index).  "12": a
 * title asking why, how or how they differ keyed by what it asks of
 * (document.h, asked prefix).  "13": a section holding only an outline
 * is navigation, and navigation carries its own term (XN).  "14": a
 * section holding only questions (<details>) is navigation.  "15": a
 * name followed by a quote explaining it is a titled block too. */
#define META_FORMAT  "saekin:format"
#define INDEX_FORMAT "15"

/* What the index keeps of one note (see index-records.c). */
typedef struct {
    char *path;
    long long size;
    long long mtime_ns;
    uint64_t hash;
    unsigned long entries;
    bool seen; /* found on disk in this run */
} record_t;

typedef struct {
    record_t *items;
    size_t n;
    size_t cap;
} records_t;

/* A problem met by a shard thread, kept until the main thread can report
 * it in note order (callbacks run on the caller's thread only). */
typedef struct {
    char *file;
    unsigned line;
    char *message;
    bool fatal;
} deferred_t;

/* Where the documents and records of the notes visited go, where their
 * problems are told and what is counted.  The main thread's sink writes
 * to the index's own writer; a shard's, to the shard's. */
typedef struct {
    _saekin_xwriter_t *w;
    saekin_index_t *ix; /* failures are told on IX; NULL in a shard */
    const saekin_index_options_t *opt;
    saekin_index_report_t *report;
    bool defer; /* keep problems in DEFERRED */
    deferred_t *deferred;
    size_t n_deferred;
    size_t cap_deferred;
    char *message; /* a shard's failure, when IX is NULL */
} sink_t;

/* One update run. */
typedef struct {
    saekin_index_t *ix;
    const saekin_index_options_t *opt;
    saekin_index_report_t *report;
    sink_t sink;   /* the main thread's: the index's own writer */
    char **unread; /* folders the walk could not read */
    size_t n_unread;
} run_t;

struct saekin_index {
    _saekin_xwriter_t *w; /* NULL: opened read-only where there is no index yet */
    bool readonly;
    char *path;
    char *message;
    saekin_settings_t *settings;  /* the caller's, copied at opening */
    saekin_index_report_t report; /* of the last update */
    /* what saekin_index_info() hands out */
    saekin_index_info_t info;
    char **roots;
    size_t n_roots;
};

/* ---- the handle (index.c) ---- */

/** Keep A followed by B as IX's message. */
void _saekin_index_set_message (saekin_index_t *ix, const char *a, const char *b);
/** Keep the message of IX's writer; returns S. */
saekin_status_t _saekin_index_failed (saekin_index_t *ix, saekin_status_t s);
/** READ_ONLY, with a message, for a change asked of a read-only IX. */
saekin_status_t _saekin_index_refuse_readonly (saekin_index_t *ix);
/** Load the recorded roots into IX->roots. */
saekin_status_t _saekin_index_load_roots (saekin_index_t *ix);
/** Record ROOT among IX's roots (in the open transaction). */
saekin_status_t _saekin_index_add_root (saekin_index_t *ix, const char *root);
/** Drop ROOT from IX's roots (in the open transaction); no error when it
 * is not one. */
saekin_status_t _saekin_index_remove_root (saekin_index_t *ix, const char *root);

/* ---- records (index-records.c) ---- */

/** The metadata key of PATH's record; malloc'd, NULL when out of memory. */
char *_saekin_record_key (const char *path);
/** A metadata callback: append the record VALUE to the records_t CTX
 * (values not records are skipped).  Non-zero when out of memory. */
int _saekin_record_parse (void *ctx, const char *key, const char *value, size_t len);
/** Order of records by path (qsort, bsearch). */
int _saekin_record_cmp (const void *a, const void *b);
/** The record of PATH in RS (sorted), or NULL. */
record_t *_saekin_records_find (records_t *rs, const char *path);
void _saekin_records_clear (records_t *rs);
/** Load into RS the records of PATHS alone. */
saekin_status_t _saekin_records_load_of (saekin_index_t *ix, const char *const *paths,
                                         size_t n_paths, records_t *rs);
/** True when RECORDS hold the note PATH or notes under the folder PATH. */
bool _saekin_records_indexed_at (const records_t *records, const char *path);
/** Write R into K's writer. */
saekin_status_t _saekin_record_write (sink_t *k, const record_t *r);
/** Delete the documents and the record of the note PATH from K's writer. */
saekin_status_t _saekin_note_drop (sink_t *k, const char *path);

/* ---- one note (index-note.c) ---- */

/** Tell a problem met with FILE at LINE (0: none) through K: at once, or
 * kept for _saekin_sink_flush_problems() in a shard. */
void _saekin_sink_problem (sink_t *k, const char *file, unsigned line, const char *msg,
                           bool fatal);
/** Tell the problems K kept, in the order they were met, and forget them. */
void _saekin_sink_flush_problems (sink_t *k);
/** The writer of K failed with S: keep its message; returns S. */
saekin_status_t _saekin_sink_failed (sink_t *k, saekin_status_t s);
/** Tell OPT's change callback of ACTION on FILE (--dry-run). */
void _saekin_index_change (const saekin_index_options_t *opt, const char *action,
                           const char *file);
/** Look at the note F found on disk and index it into K when it changed
 * from its record in RECORDS (marked seen). */
saekin_status_t _saekin_note_visit (sink_t *k, records_t *records,
                                    const _saekin_found_t *f);

/* ---- shards (index-shards.c) ---- */

/** How many shards a fresh build of N_NOTES notes should use (1: none). */
size_t _saekin_shard_count (unsigned threads, size_t n_notes);
/** Index FOUND (sorted) afresh in N_SHARDS shards and make R's index
 * their merge. */
saekin_status_t _saekin_build_in_shards (run_t *r, const _saekin_found_list_t *found,
                                         size_t n_shards);

#endif
