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
 * Every fallible call returns a saekin_status_t; its comment lists every
 * status it can return (@retval).  Calls on a handle keep the detailed
 * message on the handle (saekin_index_status_string(),
 * saekin_searcher_status_string()); opening, before a handle exists, hands
 * back a malloc'd message that the caller frees.
 *
 * Settings come from the caller, never from the environment: the library
 * reads no environment variable except in saekin_read_environment() and
 * the saekin_default_*_path() helpers, and only when they are called
 * (and Xapian's own XAPIAN_FLUSH_THRESHOLD, which libxapian reads
 * anyway: when it is set, a fresh build leaves flushing to Xapian
 * instead of flushing every thousand passages).  Settings (saekin_settings_t)
 * and update options (saekin_index_options_t) are opaque objects with
 * setters, and the structs the library hands out (hits, reports, info)
 * are read through pointers it owns, so a field added later changes the
 * size of nothing a caller allocated: a program built against an older
 * saekin.h keeps working with a newer libsaekin of the same soname.
 *
 * Threads.  One handle (saekin_index_t, saekin_searcher_t,
 * saekin_settings_t, saekin_index_options_t, saekin_hits_t) must not be
 * used by two threads at once; different handles may be used in
 * different threads at the same time, also on the same index (one writer
 * at a time per index: a second saekin_index_open() answers LOCKED).  A
 * handle may move from one thread to another between calls.  Reading a
 * saekin_hits_t (saekin_hits_count(), saekin_hits_get(), saekin_hit_json())
 * from several threads at once is safe, as is every call that takes no
 * handle (saekin_version(), saekin_status_to_string(),
 * saekin_docs_lookup()...).  Callbacks run on the thread that called
 * saekin_index_update(), never on one of the library's own.
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

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "saekin-version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the libsaekin loaded at run time, as 0xMMmmpp (compare
 * with SAEKIN_VERSION_CODE, the version of the header built against). */
int saekin_version (void);

/** The same as a static string, "MAJOR.MINOR.PATCH"; never NULL. */
const char *saekin_version_string (void);

/** What a call did.  saekin_status_to_string() names each one.  New
 * statuses are added before SAEKIN_STATUS_LAST_STATUS, so the values of
 * the others never change. */
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
    /** A bad argument (a NULL handle...): a programming error in the caller. */
    SAEKIN_STATUS_BAD_ARGUMENT,
    /** Any other failure inside Xapian or saekin itself. */
    SAEKIN_STATUS_INTERNAL_ERROR,
    /** A change asked of an index opened read-only. */
    SAEKIN_STATUS_READ_ONLY,
    SAEKIN_STATUS_LAST_STATUS
} saekin_status_t;

/** A short English description of STATUS; a static string, never NULL. */
const char *saekin_status_to_string (saekin_status_t status);

/** Where the index lives by default: $SAEKIN_DB, else
 * $XDG_DATA_HOME/saekin, else $HOME/.local/share/saekin.  One of the two
 * calls of the library that read the environment, for programs that
 * follow saekin-index(1)'s conventions.  Returns a malloc'd string the
 * caller frees, or NULL when none can be found (or out of memory). */
char *saekin_default_db_path (void);

/** Where the user's own synonyms file lives by default:
 * $XDG_CONFIG_HOME/saekin/synonyms.tsv (an absolute XDG_CONFIG_HOME),
 * else $HOME/.config/saekin/synonyms.tsv.  Reads the environment, as
 * saekin_default_db_path() does; pass the result to
 * saekin_settings_set_synonyms_path().  Returns a malloc'd string the
 * caller frees, or NULL when no home is known (or out of memory). */
char *saekin_default_synonyms_path (void);

typedef struct saekin_settings saekin_settings_t;
typedef struct saekin_index_options saekin_index_options_t;

/** Set SETTINGS and OPTIONS (either may be NULL, to leave it out) from
 * the environment as saekin's programs do (saekin-index(1),
 * saekin-query(1), saekin-serve(1), ENVIRONMENT), so that a program
 * built on libsaekin honours the same variables:
 *
 *   SETTINGS  vocabulary path   $SAEKIN_VOCABULARY, when not empty
 *             synonyms path     saekin_default_synonyms_path(), when a
 *                               home is known
 *             threads           $SAEKIN_INDEX_THREADS, a whole number
 *                               from 1 to 1024
 *             timeout           $SAEKIN_QUERY_TIMEOUT, a whole number of
 *                               seconds from 0 (no limit) to 2147483647
 *   OPTIONS   note memory       $SAEKIN_NOTE_MEMORY_MB, the whole number
 *                               it starts with, when above 0
 *             watch limit       $SAEKIN_WATCH_MAX, when not empty: the
 *                               whole number it starts with (none: 0, no
 *                               limit of saekin's own)
 *
 * A variable that is unset, empty or not such a number leaves its
 * setting as it was (the default, or what the caller set before), as the
 * programs have always ignored it, and none is an error: set a program's
 * own default first (saekin-query's timeout is 30 s), then call this.
 * Nothing else is changed (the warning callback, the callbacks of
 * OPTIONS, rebuild, dry run).  The index's place is
 * saekin_default_db_path()'s business, and NO_COLOR the program's.
 * Strings are copied.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   SETTINGS and OPTIONS both NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY  (SETTINGS and OPTIONS may then
 *         hold part of the environment; free them) */
saekin_status_t saekin_read_environment (saekin_settings_t *settings,
                                         saekin_index_options_t *options);

/* ------------------------------------------------------------------ */
/* Settings                                                            */
/* ------------------------------------------------------------------ */

/* saekin_settings_t: what a handle is opened with (declared above).  A
 * handle takes its own copy at opening: the settings may be changed or
 * freed afterwards.  A NULL settings pointer means all the defaults.
 * Each setting has a getter, which answers the default for NULL
 * settings. */

/** A warning about a setting's file (a bad line of a synonyms file, an
 * unreadable vocabulary): FILE, LINE (0 when the warning has no line),
 * MESSAGE.  The problem does not stop anything. */
typedef void (*saekin_warning_fn) (void *data, const char *file, unsigned line,
                                   const char *message);

/** A new settings object, all defaults, in *SETTINGS; the caller frees it
 * with saekin_settings_free().
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  SETTINGS is NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY */
saekin_status_t saekin_settings_new (saekin_settings_t **settings);

/** Free SETTINGS.  Accepts NULL. */
void saekin_settings_free (saekin_settings_t *settings);

/** The vocabulary file (saekin-query(1), "VOCABULARY") to use instead of
 * the shipped one compiled into the library; NULL (the default) for the
 * shipped one.  The file is read when a searcher first needs it; an
 * unreadable one goes to the warning callback and the search goes on
 * without a vocabulary.  The string is copied.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  SETTINGS is NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY */
saekin_status_t saekin_settings_set_vocabulary_path (saekin_settings_t *settings,
                                                     const char *path);

/** The user's synonyms file, merged over the vocabulary; NULL (the
 * default) for none.  A missing file is no problem (the usual case);
 * an unreadable one or bad lines go to the warning callback.  See
 * saekin_default_synonyms_path().  The string is copied.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  SETTINGS is NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY */
saekin_status_t saekin_settings_set_synonyms_path (saekin_settings_t *settings,
                                                   const char *path);

/** How many threads an update that builds an index afresh may use; 0 (the
 * default) for one per processor, from 64 notes on.  A count given is
 * used whatever the number of notes (1: never more than the caller's
 * thread).
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  SETTINGS is NULL */
saekin_status_t saekin_settings_set_threads (saekin_settings_t *settings,
                                             unsigned threads);

/** How long, in seconds, a searcher's query may spend matching before it
 * settles for the best hits found so far; 0 (the default) for no limit.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  SETTINGS is NULL, SECONDS negative
 *         or not a number */
saekin_status_t saekin_settings_set_timeout (saekin_settings_t *settings, double seconds);

/** Where warnings about the settings' files go: FN is called with DATA;
 * NULL (the default) drops them.  Called on the thread of the call that
 * reads the file.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  SETTINGS is NULL */
saekin_status_t saekin_settings_set_warning_callback (saekin_settings_t *settings,
                                                      saekin_warning_fn fn, void *data);

/** The vocabulary path set, borrowed from SETTINGS until it is set again
 * or SETTINGS freed; NULL for the shipped vocabulary (the default, and
 * for NULL SETTINGS). */
const char *saekin_settings_get_vocabulary_path (const saekin_settings_t *settings);

/** The synonyms path set, borrowed as the vocabulary path is; NULL for
 * none (the default, and for NULL SETTINGS). */
const char *saekin_settings_get_synonyms_path (const saekin_settings_t *settings);

/** The threads set; 0 (the default, and for NULL SETTINGS) for one per
 * processor. */
unsigned saekin_settings_get_threads (const saekin_settings_t *settings);

/** The timeout set, in seconds; 0 (the default, and for NULL SETTINGS)
 * for no limit. */
double saekin_settings_get_timeout (const saekin_settings_t *settings);

/* ------------------------------------------------------------------ */
/* Writing an index                                                    */
/* ------------------------------------------------------------------ */

typedef struct saekin_index saekin_index_t;

/** How saekin_index_open_with_settings() opens an index. */
typedef enum {
    /** To update it: takes the writer's lock, creates the index. */
    SAEKIN_INDEX_READ_WRITE = 0,
    /** Only to look inside it (saekin_index_info(),
     * saekin_index_dump_entries()): no lock, so it works while a writer
     * runs and on a read-only folder; where there is no index yet the
     * handle holds nothing.  Changes answer SAEKIN_STATUS_READ_ONLY. */
    SAEKIN_INDEX_READ_ONLY = 1
} saekin_index_mode_t;

/** Open the index at DB_PATH in MODE with SETTINGS (NULL: the defaults).
 * The caller closes *INDEX with saekin_index_close().  On failure
 * *INDEX is NULL and *ERROR_MESSAGE (when ERROR_MESSAGE is not NULL)
 * receives a malloc'd message that the caller frees.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   DB_PATH NULL or empty, INDEX NULL,
 *         an unknown MODE
 * @retval SAEKIN_STATUS_LOCKED         (READ_WRITE) another writer holds it
 * @retval SAEKIN_STATUS_WRITE_ERROR    (READ_WRITE) the folder cannot be
 *         created or written
 * @retval SAEKIN_STATUS_NO_INDEX       (READ_ONLY) a path that is no index
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR */
saekin_status_t saekin_index_open_with_settings (const char *db_path,
                                                 saekin_index_mode_t mode,
                                                 const saekin_settings_t *settings,
                                                 saekin_index_t **index,
                                                 char **error_message);

/** saekin_index_open_with_settings (DB_PATH, SAEKIN_INDEX_READ_WRITE,
 * NULL, INDEX, ERROR_MESSAGE): open (creating if needed) for writing,
 * with the default settings.  Same statuses. */
saekin_status_t saekin_index_open (const char *db_path, saekin_index_t **index,
                                   char **error_message);

/** saekin_index_open_with_settings (DB_PATH, SAEKIN_INDEX_READ_ONLY,
 * NULL, INDEX, ERROR_MESSAGE).  Same statuses. */
saekin_status_t saekin_index_open_readonly (const char *db_path, saekin_index_t **index,
                                            char **error_message);

/* saekin_index_options_t (declared above): options for one
 * saekin_index_update() run, an opaque object with setters.  A NULL
 * options pointer means all the defaults. */

/** A problem with one note.  LINE is 0 when the problem has no line.
 * FATAL is true when the note was not indexed (or left as it was). */
typedef void (*saekin_problem_fn) (void *data, const char *file, unsigned line,
                                   const char *message, bool fatal);
/** Progress: DONE of TOTAL notes looked at so far. */
typedef void (*saekin_progress_fn) (void *data, size_t done, size_t total);
/** In dry-run mode: what would happen to FILE (ACTION "add", "update",
 * "remove"). */
typedef void (*saekin_change_fn) (void *data, const char *action, const char *file);

/** New options, all defaults (no rebuild, no dry run, no callbacks), in
 * *OPTIONS; the caller frees them with saekin_index_options_free().
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  OPTIONS is NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY */
saekin_status_t saekin_index_options_new (saekin_index_options_t **options);

/** Free OPTIONS.  Accepts NULL. */
void saekin_index_options_free (saekin_index_options_t *options);

/** Each of these sets one option; each returns SUCCESS, or BAD_ARGUMENT
 * when OPTIONS is NULL.
 *   rebuild:  drop everything and index the roots afresh;
 *   dry_run:  only report what would change (the change callback);
 *   problem, progress, change: the callbacks (NULL: none), all called
 *            with the one pointer given to saekin_index_options_set_callback_data(). */
saekin_status_t saekin_index_options_set_rebuild (saekin_index_options_t *options,
                                                  bool rebuild);
saekin_status_t saekin_index_options_set_dry_run (saekin_index_options_t *options,
                                                  bool dry_run);
saekin_status_t
saekin_index_options_set_problem_callback (saekin_index_options_t *options,
                                           saekin_problem_fn fn);
saekin_status_t
saekin_index_options_set_progress_callback (saekin_index_options_t *options,
                                            saekin_progress_fn fn);
saekin_status_t saekin_index_options_set_change_callback (saekin_index_options_t *options,
                                                          saekin_change_fn fn);
saekin_status_t saekin_index_options_set_callback_data (saekin_index_options_t *options,
                                                        void *data);

/** How much more address space than the indexer has, in megabytes, the
 * child process that parses a costly note (one over 256 KB, or with
 * many table cells) may take; a parse that needs more fails for that
 * note alone ("too costly to parse (out of memory), skipped", through
 * the problem callback).  Default 512.  Also used by
 * saekin_index_watch().
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  OPTIONS is NULL, MEGABYTES is 0 */
saekin_status_t saekin_index_options_set_note_memory_mb (saekin_index_options_t *options,
                                                         unsigned megabytes);

/** The note memory set, in megabytes; 512 (the default) for NULL
 * OPTIONS. */
unsigned saekin_index_options_get_note_memory_mb (const saekin_index_options_t *options);

/** At most how many folders saekin_index_watch() watches with inotify
 * before it walks the roots every 2 seconds instead, as when inotify
 * runs out of watches (the way to test that); 0 (the default) for no
 * limit but inotify's own.  saekin_index_update() ignores it.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  OPTIONS is NULL */
saekin_status_t saekin_index_options_set_watch_limit (saekin_index_options_t *options,
                                                      size_t folders);

/** The watch limit set; 0 (the default, and for NULL OPTIONS) for none. */
size_t saekin_index_options_get_watch_limit (const saekin_index_options_t *options);

/** Bring the index in step with PATHS (files or folders; folders are
 * walked for notes: *.md, *.markdown, *.mdown, *.mkd, *.txt, any case).  With N_PATHS == 0, every root
 * recorded by earlier runs is updated.  Folders given are recorded as
 * roots; notes that disappeared from a walked folder are removed.
 * A single file given is added or refreshed without walking anything.
 * OPTIONS may be NULL (defaults).
 *
 * Each run is one transaction: a reader sees the index before it or
 * after it, never in between.  Problems with single notes go to the
 * problem callback and do not stop the run; they are counted in the
 * report's files_failed (saekin_index_report()).
 * @retval SAEKIN_STATUS_SUCCESS        even when some notes failed
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   INDEX NULL, PATHS NULL with N_PATHS > 0
 * @retval SAEKIN_STATUS_READ_ONLY      INDEX was opened read-only
 * @retval SAEKIN_STATUS_WRITE_ERROR    nothing could be committed
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR
 * After every failure the index is as it was before the run. */
saekin_status_t saekin_index_update (saekin_index_t *index, const char *const *paths,
                                     size_t n_paths,
                                     const saekin_index_options_t *options);

/** What an update run found and did.  Fields are only ever added at the
 * end; read it through saekin_index_report(). */
typedef struct {
    size_t files_seen;      /**< notes found under the roots */
    size_t files_added;     /**< new notes indexed */
    size_t files_updated;   /**< changed notes re-indexed */
    size_t files_removed;   /**< notes gone from disk, dropped */
    size_t files_unchanged; /**< notes skipped because nothing changed */
    size_t files_failed;    /**< notes that could not be indexed */
    size_t entries_indexed; /**< entries written for added/updated notes */
    size_t skipped_images;  /**< files the walk left out: images */
    size_t skipped_other;   /**< and others that are no notes (hidden ones
                             * aside); with dry_run, callbacks.change is
                             * told "skip image" or "skip other" and each */
} saekin_index_report_t;

/** The report of the last saekin_index_update() or saekin_index_forget()
 * on INDEX (all zero
 * before the first), borrowed from INDEX until its next update or
 * close; NULL only when INDEX is NULL. */
const saekin_index_report_t *saekin_index_report (const saekin_index_t *index);

/** Stop covering the folder ROOT, recorded by an earlier update: drop
 * it from the roots and drop its notes from the index (those another
 * root also covers stay).  This is how notes of a folder that is gone
 * for good leave the index: an update keeps the notes of a root it
 * cannot read.  One transaction.  OPTIONS may be NULL; with dry_run, the
 * change callback is told each note that would go.  The report
 * (saekin_index_report()) counts them in files_removed.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   INDEX or ROOT NULL or empty; ROOT
 *         is not a recorded root (with a message)
 * @retval SAEKIN_STATUS_READ_ONLY      INDEX was opened read-only
 * @retval SAEKIN_STATUS_WRITE_ERROR
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR
 * After every failure the index is as it was before. */
saekin_status_t saekin_index_forget (saekin_index_t *index, const char *root,
                                     const saekin_index_options_t *options);

/** Keep the index at DB_PATH in step with PATHS (files or folders; with
 * N_PATHS == 0, every root recorded in the index) as notes are saved,
 * created, moved, renamed and deleted, until *STOP becomes non-zero (set
 * it from a SIGINT/SIGTERM handler).  First brings the index up to date
 * (folders given are recorded as roots, as by saekin_index_update()),
 * then watches every folder under them with inotify and writes each
 * burst of changes within a second.  The index is opened for each write
 * and closed after it: other writers may run meanwhile; when one holds
 * the index the changes wait and are written after it.  Editors' swap
 * and backup files are ignored; new folders are watched.  When inotify
 * runs out of watches (fs.inotify.max_user_watches) it says so through
 * OPTIONS->callbacks.problem and walks the roots every 2 seconds.
 * OPTIONS (may be NULL): callbacks.problem gets each problem,
 * callbacks.change is told "indexed", "walked" or "removed" and the path
 * after each write; the note memory is used for each write, and the
 * watch limit bounds the folders watched; rebuild and dry_run are
 * ignored.
 *
 * Returns SUCCESS once *STOP is set; BAD_ARGUMENT when there is nothing
 * to watch (no PATHS and no roots) or DB_PATH or STOP is NULL; NO_INDEX
 * or CORRUPT when the roots cannot be read; INTERNAL_ERROR when inotify
 * fails; OUT_OF_MEMORY.  On failure *ERROR_MESSAGE (when not NULL) may
 * receive a malloc'd message the caller frees. */
saekin_status_t saekin_index_watch (const char *db_path, const char *const *paths,
                                    size_t n_paths, const saekin_index_options_t *options,
                                    const volatile sig_atomic_t *stop,
                                    char **error_message);

/** What an index holds.  Fields are only ever added at the end. */
typedef struct {
    size_t files;
    size_t entries;
    size_t n_roots;
    const char *const *roots;
} saekin_index_info_t;

/** Counts and roots of INDEX in *INFO, borrowed from INDEX until the next
 * call on it.  An index opened read-only where none exists holds nothing.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  INDEX or INFO is NULL
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR */
saekin_status_t saekin_index_info (saekin_index_t *index,
                                   const saekin_index_info_t **info);

/** Every entry of the index as JSON Lines on the stream OUT: one object a
 * line with file, line, end_line, title, heading, text, struck and links.
 * Peers in the benchmarks index exactly these passages.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  INDEX or OUT is NULL
 * @retval SAEKIN_STATUS_WRITE_ERROR   writing OUT failed (OUT's error
 *         indicator is set)
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR */
saekin_status_t saekin_index_dump_entries (saekin_index_t *index, FILE *out);

/** The term pairs the notes teach (가용 영역(Availability Zone), glossary
 * tables) on the stream OUT: one line a pair,
 * "korean<TAB>english<TAB>passages", the Hangul side first (for two
 * English sides, the full name first), in byte order of the first side.
 * The sides are as the index keeps them: words folded, one space apart.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  INDEX or OUT is NULL
 * @retval SAEKIN_STATUS_WRITE_ERROR   writing OUT failed
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR */
saekin_status_t saekin_index_dump_pairs (saekin_index_t *index, FILE *out);

/** Compact the index in place (Xapian compaction) into a smaller, faster
 * single-file-per-table form.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   INDEX is NULL
 * @retval SAEKIN_STATUS_READ_ONLY      INDEX was opened read-only
 * @retval SAEKIN_STATUS_WRITE_ERROR
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_INTERNAL_ERROR */
saekin_status_t saekin_index_compact (saekin_index_t *index);

/** The message for the last failure on INDEX; borrowed, never NULL. */
const char *saekin_index_status_string (const saekin_index_t *index);

/** Close INDEX, releasing its write lock.  Accepts NULL. */
void saekin_index_close (saekin_index_t *index);

/* ------------------------------------------------------------------ */
/* Searching                                                           */
/* ------------------------------------------------------------------ */

typedef struct saekin_searcher saekin_searcher_t;

/** A link that belongs to a hit.  All strings are borrowed from the hit.
 * Hits hold arrays of these, so this struct never changes. */
typedef struct {
    const char *url;    /**< shown address, tracking parameters dropped */
    const char *text;   /**< the link's text, "" for bare URLs */
    bool official;      /**< an AWS documentation or product page */
    const char *source; /**< "entry", "heading" or "vocabulary" */
} saekin_link_t;

/** A highlighted range in a snippet: UTF-8 byte offsets, END exclusive.
 * Hits hold arrays of these, so this struct never changes. */
typedef struct {
    size_t start;
    size_t end;
} saekin_span_t;

/** A word of the query searched as another word of the index too: a
 * typo (cloudtrial -> cloudtrail, 인증섯 -> 인증서), or a word the notes
 * misspell (과부하 -> 과부화).  Strings are borrowed from the hits. */
typedef struct {
    const char *typed;    /**< the query's word, case-folded */
    const char *searched; /**< the word searched for it, as the notes write
                           * it (instance: every form of its stem is
                           * searched), or two words ("로드 밸런서") for a
                           * joined typo searched as their phrase */
    bool applied;         /**< searched; false: only suggested (the word stands in a
                   * "phrase" or under title:, which are searched as typed) */
} saekin_correction_t;

/** One ranked entry.  All pointers are borrowed from the saekin_hits_t
 * that holds it and stay valid until saekin_hits_free().  Read it only
 * through saekin_hits_get(): fields are only ever added at the end. */
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
    size_t n_corrections; /**< the query's applied corrections, the same */
    const saekin_correction_t *corrections; /**< for every hit of it */
} saekin_hit_t;

typedef struct saekin_hits saekin_hits_t;

/** Open a searcher over N_DBS indexes at once (local folders or Xapian
 * stub files naming remote indexes) with SETTINGS (NULL: the defaults).
 * Hits are ranked across all of them as if one index held everything.
 * The caller closes *SEARCHER with saekin_searcher_close().  On failure
 * *SEARCHER is NULL and *ERROR_MESSAGE (when ERROR_MESSAGE is not NULL)
 * receives a malloc'd message that the caller frees.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   no DB_PATHS, a NULL path, SEARCHER NULL
 * @retval SAEKIN_STATUS_NO_INDEX       a path holds no index
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR */
saekin_status_t saekin_searcher_open_with_settings (const char *const *db_paths,
                                                    size_t n_dbs,
                                                    const saekin_settings_t *settings,
                                                    saekin_searcher_t **searcher,
                                                    char **error_message);

/** saekin_searcher_open_with_settings() with the default settings.  Same
 * statuses. */
saekin_status_t saekin_searcher_open (const char *const *db_paths, size_t n_dbs,
                                      saekin_searcher_t **searcher, char **error_message);

/** Rank entries for QUERY (UTF-8; see saekin-query(1) for the syntax) and
 * return at most MAX_HITS of them, best first, in *HITS, which the caller
 * frees with saekin_hits_free() (NULL on failure).
 * @retval SAEKIN_STATUS_SUCCESS        with possibly zero hits
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   SEARCHER, QUERY or HITS is NULL
 * @retval SAEKIN_STATUS_BAD_QUERY      nothing to search for, or not
 *         valid UTF-8
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR a remote index failed, or Xapian */
saekin_status_t saekin_searcher_query (saekin_searcher_t *searcher, const char *query,
                                       size_t max_hits, saekin_hits_t **hits);

/** How saekin_searcher_search() searches: an object with setters, so
 * that options added later change the size of nothing a caller
 * allocated. */
typedef struct saekin_search_options saekin_search_options_t;

/** New options with the defaults: 10 hits, the query taken as typed.
 * The caller frees *OPTIONS with saekin_search_options_free().
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  OPTIONS is NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY */
saekin_status_t saekin_search_options_new (saekin_search_options_t **options);

/** Free OPTIONS.  Accepts NULL. */
void saekin_search_options_free (saekin_search_options_t *options);

/** At most MAX_HITS hits (default 10).
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  OPTIONS is NULL */
saekin_status_t saekin_search_options_set_max_hits (saekin_search_options_t *options,
                                                    size_t max_hits);

/** Prefix mode (default off), for a search box that searches while the
 * user types: the query's last word, unless a blank ends the query, is
 * taken as the start of a word and stands for the words of the index it
 * may become, the most frequent first (a bounded number).  Words are
 * compared as the keys typed for them (jamo for Hangul), so a half-typed
 * syllable reaches what it can become: "보안 그", "보안 글" (the input
 * method has put 룹's ㄹ under 그 for a moment) and "보안 ㄱ" all find
 * 보안 그룹; "visibility time" finds visibility timeout.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  OPTIONS is NULL */
saekin_status_t saekin_search_options_set_prefix (saekin_search_options_t *options,
                                                  bool prefix);

/** Rank entries for QUERY as saekin_searcher_query() does, with OPTIONS
 * (NULL: the defaults of saekin_search_options_new()).  *HITS is the
 * caller's to free with saekin_hits_free() (NULL on failure).
 * @retval SAEKIN_STATUS_SUCCESS        with possibly zero hits
 * @retval SAEKIN_STATUS_BAD_ARGUMENT   SEARCHER, QUERY or HITS is NULL
 * @retval SAEKIN_STATUS_BAD_QUERY      nothing to search for, or not
 *         valid UTF-8
 * @retval SAEKIN_STATUS_CORRUPT
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY
 * @retval SAEKIN_STATUS_INTERNAL_ERROR a remote index failed, or Xapian */
saekin_status_t saekin_searcher_search (saekin_searcher_t *searcher, const char *query,
                                        const saekin_search_options_t *options,
                                        saekin_hits_t **hits);

/** Flags for saekin_searcher_query_page(). */
enum {
    /** The last word is still being typed: complete it, as
     * saekin_search_options_set_prefix() says. */
    SAEKIN_QUERY_PREFIX = 1u << 0,
};

/** As saekin_searcher_query(), for the page of MAX_HITS hits after the
 * first OFFSET (ranks count from the first hit of all: OFFSET + 1 for
 * the page's first), with FLAGS (SAEKIN_QUERY_*).  Returns what
 * saekin_searcher_query() returns; BAD_ARGUMENT for absurd OFFSET or
 * MAX_HITS.  The caller frees *HITS with saekin_hits_free(). */
saekin_status_t saekin_searcher_query_page (saekin_searcher_t *searcher,
                                            const char *query, size_t offset,
                                            size_t max_hits, unsigned flags,
                                            saekin_hits_t **hits);

/** Bring SEARCHER up to the last finished update of its indexes (a
 * long-lived searcher otherwise keeps reading the state it opened or
 * last refreshed to), opening an index again when a rebuild swapped a
 * new one in.  Cheap when nothing changed.  Returns SUCCESS; on failure
 * (NO_INDEX, CORRUPT, INTERNAL_ERROR) the searcher keeps what it had and
 * the message is on SEARCHER. */
saekin_status_t saekin_searcher_refresh (saekin_searcher_t *searcher);

/** The passage of FILE (a note of SEARCHER's indexes, named as its hits
 * name it) starting at or holding LINE, or the whole note when LINE is
 * 0, read from disk and rendered to HTML by cmark-gfm in safe mode (raw
 * HTML left out; javascript:, vbscript:, file: and data: addresses
 * dropped).  Returns SUCCESS with a malloc'd *HTML the caller frees;
 * FILE_ERROR when FILE is not in the index, has no passage at LINE or
 * cannot be read (message on SEARCHER); OUT_OF_MEMORY; BAD_ARGUMENT. */
saekin_status_t saekin_searcher_note_html (saekin_searcher_t *searcher, const char *file,
                                           unsigned line, char **html);

/** The message for the last failure on SEARCHER; borrowed, never NULL. */
const char *saekin_searcher_status_string (const saekin_searcher_t *searcher);

/** Close SEARCHER.  Accepts NULL. */
void saekin_searcher_close (saekin_searcher_t *searcher);

/** How many hits HITS holds (0 for NULL). */
size_t saekin_hits_count (const saekin_hits_t *hits);

/** Hit I (0-based) of HITS, borrowed; NULL when I is out of range. */
const saekin_hit_t *saekin_hits_get (const saekin_hits_t *hits, size_t i);

/** HIT as one JSON object on one line (no newline): rank, score, file,
 * line, end_line, title, heading, snippet, highlights ([start, end] byte
 * offsets into snippet), links ({url, text, official, source}),
 * corrections ({typed, searched}: what the query searched instead of, or
 * beside, a word typed; [] when nothing).  This is the stable form of
 * saekin-query --json.  Returns a malloc'd string the caller frees, or
 * NULL when out of memory or HIT is NULL. */
char *saekin_hit_json (const saekin_hit_t *hit);

/** How many passages match the query that made HITS, as the index
 * estimates it (at least the hits held; 0 for NULL). */
size_t saekin_hits_estimate (const saekin_hits_t *hits);
/** How many corrections the query behind HITS made or suggests (0 for
 * NULL): the applied ones first (those also on each hit), then the
 * suggestions.  With no hit at all, these are what to suggest. */
size_t saekin_hits_correction_count (const saekin_hits_t *hits);

/** Correction I (0-based) of HITS, borrowed; NULL when I is out of range. */
const saekin_correction_t *saekin_hits_get_correction (const saekin_hits_t *hits,
                                                       size_t i);

/** Free HITS and everything borrowed from it.  Accepts NULL. */
void saekin_hits_free (saekin_hits_t *hits);

/** The official documentation links for a service named NAME in any of
 * its spellings (KMS, 키 관리 서비스, Key Management Service...), from
 * the vocabulary of SETTINGS (NULL: the shipped one, no synonyms) merged
 * with its synonyms file.  *HITS receives a single hit whose title is the
 * canonical name, or zero hits when NAME is unknown; the caller frees it.
 * @retval SAEKIN_STATUS_SUCCESS
 * @retval SAEKIN_STATUS_BAD_ARGUMENT  NAME or HITS is NULL
 * @retval SAEKIN_STATUS_OUT_OF_MEMORY */
saekin_status_t saekin_docs_lookup_with_settings (const saekin_settings_t *settings,
                                                  const char *name, saekin_hits_t **hits);

/** saekin_docs_lookup_with_settings (NULL, NAME, HITS). */
saekin_status_t saekin_docs_lookup (const char *name, saekin_hits_t **hits);

/** LEN bytes of TEXT made safe to write to a terminal: control
 * characters (C0, DEL and C1, which a terminal would act on: ESC starts
 * an escape sequence, BEL ends an OSC 8 hyperlink) and bytes that are not
 * UTF-8 are written visibly, as \xNN (\t, \n and \r as such, C1 as
 * \u0080 to \u009f), and so are the bidirectional controls that
 * reorder what follows them (U+202A..U+202E, U+2066..U+2069, U+200E,
 * U+200F, U+061C, as \u202e); all else is kept as it is.  Titles, snippets,
 * file paths and links come from notes and file names that anyone may
 * have written: pass them through this before printing them as text
 * (saekin_hit_json() escapes them already).  Returns a malloc'd string
 * the caller frees, or NULL when out of memory. */
char *saekin_text_visible (const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SAEKIN_H */
