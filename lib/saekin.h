/* saekin.h - the public C interface of libsaekin, an offline full-text
 * search engine for Markdown study notes written in Korean and English.
 *
 * Two handles do all the work:
 *
 *   saekin_index_t     a writer: walks notes, turns them into passages
 *                      ("entries") and keeps a Xapian index in step with them;
 *   saekin_searcher_t  a reader over one or more indexes: ranks entries for
 *                      a query and returns hits with snippets and links.
 *
 * Every fallible call returns a saekin_status_t.  Calls on a handle keep the
 * detailed message on the handle (saekin_index_status_string(),
 * saekin_searcher_status_string()); opening, before a handle exists, hands
 * back a malloc'd message that the caller frees.
 *
 * Example:
 *
 *     saekin_searcher_t *s;
 *     char *msg = NULL;
 *     const char *dbs[] = { "/home/me/.local/share/saekin" };
 *     if (saekin_searcher_open (dbs, 1, &s, &msg) != SAEKIN_STATUS_SUCCESS) {
 *         fprintf (stderr, "%s\n", msg);
 *         free (msg);
 *         return 2;
 *     }
 *     saekin_hits_t *hits;
 *     if (saekin_searcher_query (s, "인증서", 10, &hits) == SAEKIN_STATUS_SUCCESS) {
 *         for (size_t i = 0; i < saekin_hits_count (hits); i++)
 *             puts (saekin_hits_get (hits, i)->title);
 *         saekin_hits_free (hits);
 *     }
 *     saekin_searcher_close (s);
 */
#ifndef SAEKIN_H
#define SAEKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SAEKIN_VERSION "0.1"

/** What a call did.  saekin_status_to_string() names each one. */
typedef enum {
    SAEKIN_STATUS_SUCCESS = 0,
    /** malloc failed. */
    SAEKIN_STATUS_OUT_OF_MEMORY,
    /** A note or folder could not be read (missing, unreadable). */
    SAEKIN_STATUS_FILE_ERROR,
    /** A note is not text a person wrote (binary, NUL bytes). */
    SAEKIN_STATUS_NOT_TEXT,
    /** No index at the given place, or it is not a saekin index. */
    SAEKIN_STATUS_NO_INDEX,
    /** Another saekin-index is updating the index right now. */
    SAEKIN_STATUS_LOCKED,
    /** The index exists but is damaged. */
    SAEKIN_STATUS_CORRUPT,
    /** The index could not be written (read-only folder, disk full). */
    SAEKIN_STATUS_WRITE_ERROR,
    /** The query has nothing to search for, or cannot be understood. */
    SAEKIN_STATUS_BAD_QUERY,
    /** A bad argument: a programming error in the caller. */
    SAEKIN_STATUS_BAD_ARGUMENT,
    /** Any other failure inside Xapian or saekin itself. */
    SAEKIN_STATUS_INTERNAL_ERROR,
    SAEKIN_STATUS_LAST_STATUS
} saekin_status_t;

/** A short English description of STATUS; a static string, never NULL. */
const char *saekin_status_to_string (saekin_status_t status);

/** Where the index lives when no --db is given: $SAEKIN_DB, else
 * $XDG_DATA_HOME/saekin, else $HOME/.local/share/saekin.  Returns a
 * malloc'd string the caller frees, or NULL when none can be found. */
char *saekin_default_db_path (void);

/* ------------------------------------------------------------------ */
/* Writing an index                                                    */
/* ------------------------------------------------------------------ */

typedef struct saekin_index saekin_index_t;

/** What an update run found and did. */
typedef struct {
    size_t files_seen;      /**< notes found under the roots */
    size_t files_added;     /**< new notes indexed */
    size_t files_updated;   /**< changed notes re-indexed */
    size_t files_removed;   /**< notes gone from disk, dropped */
    size_t files_unchanged; /**< notes skipped because nothing changed */
    size_t files_failed;    /**< notes that could not be indexed */
    size_t entries_indexed; /**< entries written for added/updated notes */
} saekin_index_report_t;

/** Callbacks an update run makes; any may be NULL. */
typedef struct {
    /** A problem with one note.  LINE is 0 when the problem has no line.
     * FATAL is true when the note was not indexed (or left as it was). */
    void (*problem) (void *ctx, const char *file, unsigned line, const char *message,
                     bool fatal);
    /** Progress: DONE of TOTAL notes looked at so far. */
    void (*progress) (void *ctx, size_t done, size_t total);
    /** In dry-run mode: what would happen to FILE ("add", "update",
     * "remove"). */
    void (*change) (void *ctx, const char *action, const char *file);
    void *ctx;
} saekin_index_callbacks_t;

/** Options for saekin_index_update(). Zero-initialise, then set. */
typedef struct {
    bool rebuild; /**< drop everything and index the roots afresh */
    bool dry_run; /**< only report what would change (callbacks.change) */
    saekin_index_callbacks_t callbacks;
} saekin_index_options_t;

/** Open (creating if needed) the index at DB_PATH for writing.
 *
 * Returns SUCCESS and a handle in *INDEX, which the caller closes with
 * saekin_index_close(); LOCKED when another writer holds the index;
 * WRITE_ERROR when the folder cannot be created or written; CORRUPT.
 * On failure *ERROR_MESSAGE (when not NULL) receives a malloc'd message
 * that the caller frees. */
saekin_status_t saekin_index_open (const char *db_path, saekin_index_t **index,
                                   char **error_message);

/** Open the index at DB_PATH only to look inside it (saekin_index_info(),
 * saekin_index_dump_entries()), without the writer's lock: it works
 * while a writer runs and on a read-only folder.  Where there is no
 * index yet, the handle holds nothing.  Updates and compaction on it
 * return BAD_ARGUMENT.  Returns SUCCESS and a handle the caller closes
 * with saekin_index_close(), or CORRUPT / NO_INDEX with a malloc'd
 * *ERROR_MESSAGE (when not NULL). */
saekin_status_t saekin_index_open_readonly (const char *db_path, saekin_index_t **index,
                                            char **error_message);

/** Bring the index in step with PATHS (files or folders; folders are
 * walked for *.md and *.markdown).  With N_PATHS == 0, every root
 * recorded by earlier runs is updated.  Folders given are recorded as
 * roots; notes that disappeared from a walked folder are removed.
 * A single file given is added or refreshed without walking anything.
 *
 * Each run is one transaction: a reader sees the index before it or
 * after it, never in between.  Problems with single notes go to
 * options->callbacks.problem and do not stop the run; they are counted
 * in REPORT->files_failed.  Returns SUCCESS (even when some notes
 * failed), or WRITE_ERROR / INTERNAL_ERROR / OUT_OF_MEMORY when nothing
 * could be committed; the index is then as it was before the run. */
saekin_status_t saekin_index_update (saekin_index_t *index, const char *const *paths,
                                     size_t n_paths,
                                     const saekin_index_options_t *options,
                                     saekin_index_report_t *report);

/** Stop covering the folder ROOT, recorded by an earlier update: drop
 * it from the roots and drop its notes from the index (those another
 * root also covers stay).  This is how notes of a folder that is gone
 * for good leave the index: an update keeps the notes of a root it
 * cannot read.  One transaction.  OPTIONS may be NULL; with dry_run,
 * callbacks.change is told each note that would go.  REPORT (may be
 * NULL) counts them in files_removed.  Returns SUCCESS, BAD_ARGUMENT
 * (with a message) when ROOT is not a recorded root or INDEX was opened
 * read-only, WRITE_ERROR, OUT_OF_MEMORY. */
saekin_status_t saekin_index_forget (saekin_index_t *index, const char *root,
                                     const saekin_index_options_t *options,
                                     saekin_index_report_t *report);

/** What an index holds. Strings are borrowed from INDEX. */
typedef struct {
    size_t files;
    size_t entries;
    size_t n_roots;
    const char *const *roots;
} saekin_index_info_t;

/** Fill *INFO with counts and roots.  The strings stay valid until the
 * next call on INDEX. */
saekin_status_t saekin_index_info (saekin_index_t *index, saekin_index_info_t *info);

/** Every entry of the index as JSON Lines on the stream OUT (a FILE *,
 * passed as void * to keep <stdio.h> out of this header): one object a
 * line with file, line, end_line, title, heading, text, struck and links.
 * Peers in the benchmarks index exactly these passages. */
saekin_status_t saekin_index_dump_entries (saekin_index_t *index, void *out);

/** The term pairs the notes teach (가용 영역(Availability Zone), glossary
 * tables) on the stream OUT (a FILE *, passed as void *): one line a
 * pair, "korean<TAB>english<TAB>passages", the Hangul side first (for two
 * English sides, the full name first), in byte order of the first side.
 * The sides are as the index keeps them: words folded, one space apart.
 * Returns SUCCESS, WRITE_ERROR when OUT fails, or the status of a
 * damaged index. */
saekin_status_t saekin_index_dump_pairs (saekin_index_t *index, void *out);

/** Compact the index in place (Xapian compaction) into a smaller, faster
 * single-file-per-table form. */
saekin_status_t saekin_index_compact (saekin_index_t *index);

/** The message for the last failure on INDEX; borrowed, never NULL. */
const char *saekin_index_status_string (const saekin_index_t *index);

/** Close INDEX, releasing its write lock.  Accepts NULL. */
void saekin_index_close (saekin_index_t *index);

/* ------------------------------------------------------------------ */
/* Searching                                                           */
/* ------------------------------------------------------------------ */

typedef struct saekin_searcher saekin_searcher_t;

/** A link that belongs to a hit.  All strings are borrowed from the hit. */
typedef struct {
    const char *url;    /**< shown address, tracking parameters dropped */
    const char *text;   /**< the link's text, "" for bare URLs */
    bool official;      /**< an AWS documentation or product page */
    const char *source; /**< "entry", "heading" or "vocabulary" */
} saekin_link_t;

/** A highlighted range in a snippet: UTF-8 byte offsets, END exclusive. */
typedef struct {
    size_t start;
    size_t end;
} saekin_span_t;

/** One ranked entry.  All pointers are borrowed from the saekin_hits_t
 * that holds it and stay valid until saekin_hits_free(). */
typedef struct {
    unsigned rank;     /**< 1 for the best hit */
    double score;      /**< BM25-based weight; higher is better */
    const char *file;  /**< the note, as the indexer reached it */
    unsigned line;     /**< first line of the entry, 1-based */
    unsigned end_line; /**< last line of the entry, inclusive */
    const char *title;
    size_t n_heading;
    const char *const *heading; /**< headings above, outermost first */
    const char *snippet;        /**< plain text, about two lines */
    size_t n_highlights;
    const saekin_span_t *highlights;
    size_t n_links;
    const saekin_link_t *links;
} saekin_hit_t;

typedef struct saekin_hits saekin_hits_t;

/** Open a searcher over N_DBS indexes at once (local folders or Xapian
 * stub files naming remote indexes).  Hits are ranked across all of them
 * as if one index held everything.
 *
 * Returns SUCCESS and *SEARCHER (close with saekin_searcher_close());
 * NO_INDEX when a path holds no index; CORRUPT.  On failure
 * *ERROR_MESSAGE (when not NULL) receives a malloc'd message that the
 * caller frees. */
saekin_status_t saekin_searcher_open (const char *const *db_paths, size_t n_dbs,
                                      saekin_searcher_t **searcher, char **error_message);

/** Rank entries for QUERY (UTF-8; see saekin-query(1) for the syntax) and
 * return at most MAX_HITS of them, best first, in *HITS, which the caller
 * frees with saekin_hits_free().  Returns SUCCESS (with possibly zero
 * hits), BAD_QUERY when the query holds nothing to search for or is not
 * valid UTF-8, or another status on index failures. */
saekin_status_t saekin_searcher_query (saekin_searcher_t *searcher, const char *query,
                                       size_t max_hits, saekin_hits_t **hits);

/** The message for the last failure on SEARCHER; borrowed, never NULL. */
const char *saekin_searcher_status_string (const saekin_searcher_t *searcher);

/** Close SEARCHER.  Accepts NULL. */
void saekin_searcher_close (saekin_searcher_t *searcher);

/** How many hits HITS holds. */
size_t saekin_hits_count (const saekin_hits_t *hits);

/** Hit I (0-based) of HITS, borrowed; NULL when I is out of range. */
const saekin_hit_t *saekin_hits_get (const saekin_hits_t *hits, size_t i);

/** HIT as one JSON object on one line (no newline): rank, score, file,
 * line, end_line, title, heading, snippet, highlights ([start, end] byte
 * offsets into snippet), links ({url, text, official, source}).  This is
 * the stable form of saekin-query --json.  Returns a malloc'd string the
 * caller frees, or NULL when out of memory. */
char *saekin_hit_json (const saekin_hit_t *hit);

/** Free HITS and everything borrowed from it.  Accepts NULL. */
void saekin_hits_free (saekin_hits_t *hits);

/** The official documentation links for a service named NAME in any of
 * its spellings (KMS, 키 관리 서비스, Key Management Service...), from the
 * shipped vocabulary merged with the user's own.  Returns SUCCESS with
 * the links in *HITS as a single hit whose title is the canonical name
 * (zero hits when NAME is unknown); the caller frees *HITS. */
saekin_status_t saekin_docs_lookup (const char *name, saekin_hits_t **hits);

/** LEN bytes of TEXT made safe to write to a terminal: control
 * characters (C0, DEL and C1, which a terminal would act on: ESC starts
 * an escape sequence, BEL ends an OSC 8 hyperlink) and bytes that are not
 * UTF-8 are written visibly, as \xNN (\t, \n and \r as such, C1 as
 * \u0080 to \u009f); all else is kept as it is.  Titles, snippets,
 * file paths and links come from notes and file names that anyone may
 * have written: pass them through this before printing them as text
 * (saekin_hit_json() escapes them already).  Returns a malloc'd string
 * the caller frees, or NULL when out of memory. */
char *saekin_text_visible (const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SAEKIN_H */
