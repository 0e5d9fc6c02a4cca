/* saekin-index - add Markdown notes to a saekin index, or bring it up to
 * date.  Options, one call into libsaekin, a report. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "saekin.h"

static const char *program = "saekin-index";

typedef struct {
    int tty;    /* progress on stderr */
    int failed; /* a note could not be indexed */
    double start;
    int progress_shown;
} run_state_t;

static double
now (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void
clear_progress (run_state_t *st)
{
    if (st->progress_shown) {
        fputs ("\r\033[K", stderr);
        st->progress_shown = 0;
    }
}

/* Write S to OUT with control characters shown as escapes: a file name
 * may hold ESC or BEL, which must not reach the terminal. */
static void
put_visible (FILE *out, const char *s)
{
    char *v = saekin_text_visible (s, strlen (s));
    fputs (v ? v : "?", out);
    free (v);
}

static void
on_problem (void *ctx, const char *file, unsigned line, const char *message, bool fatal)
{
    run_state_t *st = ctx;
    clear_progress (st);
    fprintf (stderr, "%s: ", program);
    put_visible (stderr, file);
    if (line)
        fprintf (stderr, ":%u", line);
    fputs (": ", stderr);
    put_visible (stderr, message);
    fputc ('\n', stderr);
    if (fatal)
        st->failed = 1;
}

static void
on_progress (void *ctx, size_t done, size_t total)
{
    run_state_t *st = ctx;
    if (! st->tty || (done % 64 != 0 && done != total))
        return;
    double secs = now () - st->start;
    fprintf (stderr, "\r\033[K%zu/%zu notes  %.0f notes/s", done, total,
             secs > 0 ? (double) done / secs : 0.0);
    st->progress_shown = 1;
}

static void
on_change (void *ctx, const char *action, const char *file)
{
    (void) ctx;
    printf ("%s ", action);
    put_visible (stdout, file);
    putchar ('\n');
    /* --watch runs for days, its output read by a journal as it comes */
    fflush (stdout);
}

static void
usage (FILE *out)
{
    fprintf (
        out,
        "Usage: %s [OPTION]... [PATH]...\n"
        "Index notes (*.md, *.markdown, *.mdown, *.mkd, *.txt, any letter case;\n"
        "a .txt note is read as Markdown) in the files and folders PATH,\n"
        "or, with no PATH, bring every folder indexed before up to date.\n"
        "Only notes that changed are read again; notes gone from an indexed\n"
        "folder are dropped.\n"
        "\n"
        "  -d, --db=DIR        the index (default: $SAEKIN_DB, else\n"
        "                      $XDG_DATA_HOME/saekin, else ~/.local/share/saekin)\n"
        "      --rebuild       drop everything and index PATHs (or all roots) afresh\n"
        "  -n, --dry-run       list what would be added, updated or removed\n"
        "  -w, --watch         stay running and index notes as they are saved,\n"
        "                      created, renamed or deleted (until SIGINT/SIGTERM)\n"
        "  -s, --status        print how many notes and entries the index holds\n"
        "                      and which folders it covers\n"
        "      --pairs         with --status: the term pairs learned from the notes\n"
        "                      (Korean, English, passages), one a line\n"
        "      --dump-entries  print every entry as JSON Lines\n"
        "      --compact       compact the index (smaller, faster to search)\n"
        "      --forget=DIR    stop indexing the folder DIR and drop its notes\n"
        "                      (a folder that cannot be read keeps its notes)\n"
        "  -q, --quiet         no summary line\n"
        "      --help          display this help and exit\n"
        "      --version       output version information and exit\n"
        "\n"
        "Exit status: 0 when all went well, 1 when some notes could not be\n"
        "indexed (the rest were), 2 on usage errors or when the index could not\n"
        "be written, 75 when another saekin-index is updating the index.\n",
        program);
}

/* RC, or 2 when standard output could not be written (a full disk, a
 * closed pipe). */
static int
close_stdout (int rc)
{
    if (fflush (stdout) != 0 || ferror (stdout)) {
        fprintf (stderr, "%s: write error\n", program);
        return 2;
    }
    return rc;
}

static int
exit_code (saekin_status_t s)
{
    return s == SAEKIN_STATUS_LOCKED ? EX_TEMPFAIL : 2;
}

static volatile sig_atomic_t stop_watching;

static void
on_stop_signal (int sig)
{
    (void) sig;
    stop_watching = 1;
}

/* saekin-index --watch: until SIGINT or SIGTERM. */
static int
watch (const char *db, const char *const *paths, size_t n_paths, bool quiet)
{
    struct sigaction sa;
    memset (&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset (&sa.sa_mask);
    sigaction (SIGINT, &sa, NULL);
    sigaction (SIGTERM, &sa, NULL);
    run_state_t st = { 0, 0, now (), 0 };
    saekin_index_options_t *opt;
    char *msg = NULL;
    saekin_status_t s = saekin_index_options_new (&opt);
    /* $SAEKIN_NOTE_MEMORY_MB, $SAEKIN_WATCH_MAX */
    if (s == SAEKIN_STATUS_SUCCESS
        && (s = saekin_read_environment (NULL, opt)) != SAEKIN_STATUS_SUCCESS)
        saekin_index_options_free (opt);
    if (s == SAEKIN_STATUS_SUCCESS) {
        saekin_index_options_set_problem_callback (opt, on_problem);
        if (! quiet)
            saekin_index_options_set_change_callback (opt, on_change);
        saekin_index_options_set_callback_data (opt, &st);
        s = saekin_index_watch (db, paths, n_paths, opt, &stop_watching, &msg);
        saekin_index_options_free (opt);
    }
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, msg ? msg : saekin_status_to_string (s));
        free (msg);
        return exit_code (s);
    }
    return 0;
}

int
main (int argc, char **argv)
{
    enum {
        OPT_REBUILD = 256,
        OPT_DUMP,
        OPT_PAIRS,
        OPT_COMPACT,
        OPT_FORGET,
        OPT_HELP,
        OPT_VERSION
    };
    int watching = 0;
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "rebuild", no_argument, NULL, OPT_REBUILD },
        { "dry-run", no_argument, NULL, 'n' },
        { "watch", no_argument, NULL, 'w' },
        { "status", no_argument, NULL, 's' },
        { "dump-entries", no_argument, NULL, OPT_DUMP },
        { "pairs", no_argument, NULL, OPT_PAIRS },
        { "compact", no_argument, NULL, OPT_COMPACT },
        { "forget", required_argument, NULL, OPT_FORGET },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, OPT_HELP },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *forget = NULL;
    int status_only = 0, dump = 0, pairs = 0, compact = 0, quiet = 0, c;
    bool rebuild = false, dry_run = false;
    while ((c = getopt_long (argc, argv, "d:nsqw", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case OPT_REBUILD:
            rebuild = true;
            break;
        case 'n':
            dry_run = true;
            break;
        case 's':
            status_only = 1;
            break;
        case 'w':
            watching = 1;
            break;
        case OPT_DUMP:
            dump = 1;
            break;
        case OPT_PAIRS:
            pairs = 1;
            break;
        case OPT_COMPACT:
            compact = 1;
            break;
        case OPT_FORGET:
            forget = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case OPT_HELP:
            usage (stdout);
            return close_stdout (0);
        case OPT_VERSION:
            printf ("%s (saekin) %s\n", program, SAEKIN_VERSION);
            return close_stdout (0);
        default:
            fprintf (stderr, "Try '%s --help' for more information.\n", program);
            return 2;
        }
    }
    char *default_db = NULL;
    if (! db) {
        default_db = saekin_default_db_path ();
        if (! default_db) {
            fprintf (stderr, "%s: no index folder: give --db or set SAEKIN_DB\n",
                     program);
            return 2;
        }
        db = default_db;
    }
    if (watching) {
        int rc = watch (db, (const char *const *) argv + optind, (size_t) (argc - optind),
                        quiet);
        free (default_db);
        return rc;
    }
    saekin_index_t *ix = NULL;
    char *msg = NULL;
    /* The library reads no environment itself: $SAEKIN_INDEX_THREADS */
    saekin_settings_t *settings = NULL;
    saekin_status_t s = saekin_settings_new (&settings);
    if (s == SAEKIN_STATUS_SUCCESS)
        s = saekin_read_environment (settings, NULL);
    /* Looking inside takes no lock: it works while a writer runs. */
    if (s == SAEKIN_STATUS_SUCCESS)
        s = saekin_index_open_with_settings (
            db, status_only || dump ? SAEKIN_INDEX_READ_ONLY : SAEKIN_INDEX_READ_WRITE,
            settings, &ix, &msg);
    saekin_settings_free (settings);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, msg ? msg : saekin_status_to_string (s));
        free (msg);
        free (default_db);
        return exit_code (s);
    }
    int rc = 0;
    if (status_only || dump) {
        const saekin_index_info_t *info;
        if (dump)
            s = saekin_index_dump_entries (ix, stdout);
        else if (pairs)
            s = saekin_index_dump_pairs (ix, stdout);
        else if ((s = saekin_index_info (ix, &info)) == SAEKIN_STATUS_SUCCESS) {
            printf ("index: %s\nnotes: %zu\nentries: %zu\n", db, info->files,
                    info->entries);
            for (size_t i = 0; i < info->n_roots; i++) {
                fputs ("root: ", stdout);
                put_visible (stdout, info->roots[i]);
                putchar ('\n');
            }
        }
    } else {
        run_state_t st = { isatty (STDERR_FILENO) && ! quiet, 0, now (), 0 };
        if (forget && optind < argc) {
            fprintf (stderr, "%s: --forget takes no other PATH\n", program);
            saekin_index_close (ix);
            free (default_db);
            return 2;
        }
        saekin_index_options_t *opt;
        s = saekin_index_options_new (&opt);
        /* $SAEKIN_NOTE_MEMORY_MB */
        if (s == SAEKIN_STATUS_SUCCESS
            && (s = saekin_read_environment (NULL, opt)) != SAEKIN_STATUS_SUCCESS)
            saekin_index_options_free (opt);
        if (s == SAEKIN_STATUS_SUCCESS) {
            saekin_index_options_set_rebuild (opt, rebuild);
            saekin_index_options_set_dry_run (opt, dry_run);
            saekin_index_options_set_problem_callback (opt, on_problem);
            saekin_index_options_set_progress_callback (opt, on_progress);
            saekin_index_options_set_change_callback (opt, on_change);
            saekin_index_options_set_callback_data (opt, &st);
            s = forget ? saekin_index_forget (ix, forget, opt)
                       : saekin_index_update (ix, (const char *const *) argv + optind,
                                              (size_t) (argc - optind), opt);
            saekin_index_options_free (opt);
        }
        clear_progress (&st);
        if (s == SAEKIN_STATUS_SUCCESS && compact)
            s = saekin_index_compact (ix);
        const saekin_index_report_t *rep = saekin_index_report (ix);
        char skipped[96] = "";
        if (rep->skipped_images + rep->skipped_other)
            /* what the walk left out, and why, ends the summary line */
            snprintf (skipped, sizeof skipped, "; %zu skipped: %zu images, %zu other",
                      rep->skipped_images + rep->skipped_other, rep->skipped_images,
                      rep->skipped_other);
        if (s == SAEKIN_STATUS_SUCCESS && ! quiet)
            printf ("%s%zu notes: %zu added, %zu updated, %zu removed, %zu unchanged, "
                    "%zu failed; %zu entries written in %.2f s%s\n",
                    dry_run ? "dry run: " : "", rep->files_seen, rep->files_added,
                    rep->files_updated, rep->files_removed, rep->files_unchanged,
                    rep->files_failed, rep->entries_indexed, now () - st.start, skipped);
        rc = st.failed ? 1 : 0;
    }
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s: %s\n", program, db, saekin_index_status_string (ix));
        rc = exit_code (s);
    }
    saekin_index_close (ix);
    free (default_db);
    return close_stdout (rc);
}
