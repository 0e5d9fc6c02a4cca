/* saekin-query - search a saekin index.  Options, one call into
 * libsaekin, hits printed as text or JSON Lines. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "saekin.h"

static const char *program = "saekin-query";

/* Terminal styling, empty when stdout is not a terminal or NO_COLOR is set. */
typedef struct {
    const char *bold, *dim, *mark, *link, *reset;
    int hyperlinks;
} style_t;

static void
usage (FILE *out)
{
    fprintf (
        out,
        "Usage: %s [OPTION]... [--] QUERY...\n"
        "Search the saekin index for QUERY and print the best passages, with a\n"
        "snippet, the file and line to open, and their links.\n"
        "\n"
        "  -d, --db=DIR      the index; may be given several times to search\n"
        "                    several indexes (or Xapian stub files naming remote\n"
        "                    indexes) as one (default: $SAEKIN_DB, else\n"
        "                    $XDG_DATA_HOME/saekin, else ~/.local/share/saekin)\n"
        "  -n, --limit=N     at most N hits (default 10)\n"
        "      --json        one JSON object per hit per line (see saekin-query(1))\n"
        "      --prefix      the last word is still being typed: also find the\n"
        "                    words it may become (보안 그 and 보안 ㄱ find 보안 그룹)\n"
        "      --docs=NAME   print the official AWS documentation links for the\n"
        "                    service NAME, in any spelling (KMS, 키 관리 서비스)\n"
        "      --help        display this help and exit\n"
        "      --version     output version information and exit\n"
        "\n"
        "Query syntax: words (all of them rank first), \"a phrase\", -word to\n"
        "exclude, a OR b, prefix*, title:word, tag:NAME (notes with that tag),\n"
        "path:NAME (notes with that folder or file name), -tag:NAME, -path:NAME.\n"
        "\n"
        "Exit status: 0 with hits, 1 with none, 2 on errors.\n",
        program);
}

/* The library refuses queries past its bounds (lib/query.c), which keep
 * every query within a second on a large index; a query that still runs
 * long was too costly for this index (or a remote one does not answer).
 * Rather than hang, give up after $SAEKIN_QUERY_TIMEOUT seconds (default
 * 30) with one line and exit 2.  Only write() and _exit() are safe in a
 * signal handler, so the line is made beforehand. */
static char timeout_msg[256];

static void
on_timeout (int sig)
{
    (void) sig;
    ssize_t w = write (STDERR_FILENO, timeout_msg, strlen (timeout_msg));
    (void) w;
    _exit (2);
}

/* Without $SAEKIN_QUERY_TIMEOUT. */
#define DEFAULT_TIMEOUT 30

/* The library's own time limit only bounds Xapian's matcher; a damaged
 * index can loop where the matcher does not look at its clock, so the
 * program bounds the whole query with this alarm instead. */
static void
arm_timeout (long secs)
{
    if (secs == 0)
        return;
    snprintf (timeout_msg, sizeof timeout_msg,
              "%s: no answer from the index in %ld s: the query was too "
              "costly (make it shorter or more specific, or set "
              "SAEKIN_QUERY_TIMEOUT)\n",
              program, secs);
    signal (SIGALRM, on_timeout);
    alarm ((unsigned) secs);
}

/* Write N bytes of S, control characters shown as escapes: titles,
 * snippets, paths and links come from notes and file names, which may
 * hold ESC or BEL (saekin_text_visible()). */
static void
put_n (const char *s, size_t n)
{
    char *v = saekin_text_visible (s, n);
    fputs (v ? v : "?", stdout);
    free (v);
}

static void
put (const char *s)
{
    put_n (s, strlen (s));
}

static void
on_warning (void *data, const char *file, unsigned line, const char *message)
{
    (void) data;
    if (line)
        fprintf (stderr, "%s: %s:%u: %s\n", program, file, line, message);
    else
        fprintf (stderr, "%s: %s: %s\n", program, file, message);
}

/* Print the snippet with its highlights marked. */
static void
print_snippet (const saekin_hit_t *h, const style_t *sty)
{
    size_t at = 0, len = strlen (h->snippet);
    for (size_t i = 0; i < h->n_highlights; i++) {
        const saekin_span_t *sp = &h->highlights[i];
        if (sp->start < at || sp->end < sp->start || sp->end > len)
            continue;
        put_n (h->snippet + at, sp->start - at);
        fputs (sty->mark, stdout);
        put_n (h->snippet + sp->start, sp->end - sp->start);
        fputs (sty->reset, stdout);
        at = sp->end;
    }
    put (h->snippet + at);
}

static void
print_link (const saekin_link_t *l, const style_t *sty)
{
    fputs ("   ", stdout);
    fputs (l->official ? "docs " : "link ", stdout);
    /* OSC 8: clickable where the terminal knows it.  The URL is made
     * visible first, so no ESC or BEL in it can end the sequence early
     * and make the link followed differ from the link shown. */
    if (sty->hyperlinks) {
        fputs ("\033]8;;", stdout);
        put (l->url);
        fputs ("\033\\", stdout);
    }
    fputs (sty->link, stdout);
    put (l->url);
    fputs (sty->reset, stdout);
    if (sty->hyperlinks)
        fputs ("\033]8;;\033\\", stdout);
    if (l->text && *l->text && strcmp (l->source, "vocabulary") != 0) {
        printf ("  %s", sty->dim);
        put (l->text);
        fputs (sty->reset, stdout);
    }
    if (strcmp (l->source, "entry") != 0 && strcmp (l->source, "vocabulary") != 0) {
        printf (" %s(", sty->dim);
        put (l->source);
        printf (")%s", sty->reset);
    }
    putchar ('\n');
}

static void
print_text (const saekin_hit_t *h, const style_t *sty)
{
    printf ("%2u. %s", h->rank, sty->bold);
    put (*h->title ? h->title : "(untitled)");
    fputs (sty->reset, stdout);
    if (h->n_heading) {
        fputs (sty->dim, stdout);
        fputs ("  —", stdout);
        for (size_t i = 0; i < h->n_heading; i++) {
            fputs (i ? " › " : " ", stdout);
            put (h->heading[i]);
        }
        fputs (sty->reset, stdout);
    }
    printf ("\n    %s", sty->dim);
    put (h->file);
    printf (":%u%s\n    ", h->line, sty->reset);
    print_snippet (h, sty);
    putchar ('\n');
    for (size_t i = 0; i < h->n_links; i++)
        print_link (&h->links[i], sty);
    putchar ('\n');
}

/* --docs: the service's name, then its pages. */
static void
print_docs (const saekin_hit_t *h, const style_t *sty)
{
    fputs (sty->bold, stdout);
    put (h->title);
    printf ("%s\n", sty->reset);
    for (size_t i = 0; i < h->n_links; i++)
        print_link (&h->links[i], sty);
}

static int
print_hits (const saekin_hits_t *hits, int json, const style_t *sty)
{
    size_t n = saekin_hits_count (hits);
    for (size_t i = 0; i < n; i++) {
        const saekin_hit_t *h = saekin_hits_get (hits, i);
        if (json) {
            char *line = saekin_hit_json (h);
            if (! line) {
                fprintf (stderr, "%s: out of memory\n", program);
                return 2;
            }
            puts (line);
            free (line);
        } else if (! *h->file) {
            print_docs (h, sty);
        } else {
            print_text (h, sty);
        }
    }
    return n ? 0 : 1;
}

/* No hits: one line on stderr, so that a typo is told from an empty
 * index or a failure (exit 1 stays the sign for scripts).  SUGGESTION,
 * when not NULL, is a query that would match (spelling suggestions,
 * issue 8): it is offered on the same line. */
static void
report_no_hits (const char *query, const char *suggestion)
{
    char *q = saekin_text_visible (query, strlen (query));
    char *sg = suggestion ? saekin_text_visible (suggestion, strlen (suggestion)) : NULL;
    fprintf (stderr, "%s: nothing matched '%s'", program, q ? q : query);
    if (sg)
        fprintf (stderr, "; did you mean '%s'?", sg);
    fputc ('\n', stderr);
    free (q);
    free (sg);
}

/* RC, or 2 when standard output could not be written (a full disk, a
 * closed pipe): every way out of main that printed goes through here. */
static int
close_stdout (int rc)
{
    if (fflush (stdout) != 0 || ferror (stdout)) {
        fprintf (stderr, "%s: write error\n", program);
        return 2;
    }
    return rc;
}

/* What the query searched instead of, or beside, a word typed
 * ("cloudtrial → cloudtrail"), above the hits it found. */
static void
print_corrections (const saekin_hits_t *hits, const style_t *sty)
{
    size_t n = 0;
    const saekin_correction_t *c;
    for (size_t i = 0; (c = saekin_hits_get_correction (hits, i)) && c->applied; i++) {
        if (n++ == 0)
            printf ("%ssearched also:", sty->dim);
        else
            putchar (',');
        printf (" %s → %s", c->typed, c->searched);
    }
    if (n)
        printf ("%s\n\n", sty->reset);
}

/* With no hit at all: QUERY with each word the search found a
 * correction for replaced by it ("cloudtrail 로그" for "cloudtrial
 * 로그"), or NULL when there is none.  Words are matched as the library
 * folded them (ASCII case aside, as typed).  Malloc'd. */
static char *
suggestion (const char *query, const saekin_hits_t *hits)
{
    char *out = strdup (query);
    bool changed = false;
    const saekin_correction_t *c;
    for (size_t i = 0; out && (c = saekin_hits_get_correction (hits, i)); i++) {
        char *at = *c->typed ? strcasestr (out, c->typed) : NULL;
        if (! at)
            continue; /* corrected already, or folded beyond ASCII case */
        size_t head = (size_t) (at - out), nt = strlen (c->typed);
        char *next = NULL;
        if (asprintf (&next, "%.*s%s%s", (int) head, out, c->searched, at + nt) < 0)
            next = NULL;
        free (out);
        out = next;
        changed = true;
    }
    if (! changed) {
        free (out);
        return NULL;
    }
    return out;
}

/* The words of ARGV joined with spaces; malloc'd. */
static char *
join_words (char **argv, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen (argv[i]) + 1;
    char *q = malloc (len), *p = q;
    if (! q)
        return NULL;
    *p = '\0';
    for (int i = 0; i < n; i++)
        p += sprintf (p, "%s%s", i ? " " : "", argv[i]);
    return q;
}

int
main (int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_DOCS, OPT_PREFIX, OPT_HELP, OPT_VERSION };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "limit", required_argument, NULL, 'n' },
        { "json", no_argument, NULL, OPT_JSON },
        { "docs", required_argument, NULL, OPT_DOCS },
        { "prefix", no_argument, NULL, OPT_PREFIX },
        { "help", no_argument, NULL, OPT_HELP },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    const char **dbs = calloc ((size_t) argc + 1, sizeof *dbs);
    size_t n_dbs = 0;
    long limit = 10;
    int json = 0, prefix = 0, c;
    const char *docs = NULL;
    if (! dbs)
        return 2;
    while ((c = getopt_long (argc, argv, "d:n:", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd':
            dbs[n_dbs++] = optarg;
            break;
        case 'n':
            limit = strtol (optarg, &end, 10);
            if (*end || end == optarg || limit < 1 || limit > 10000) {
                fprintf (stderr,
                         "%s: invalid limit '%s': give a number from 1 to 10000\n",
                         program, optarg);
                free (dbs);
                return 2;
            }
            break;
        case OPT_JSON:
            json = 1;
            break;
        case OPT_DOCS:
            docs = optarg;
            break;
        case OPT_PREFIX:
            prefix = 1;
            break;
        case OPT_HELP:
            usage (stdout);
            free (dbs);
            return close_stdout (0);
        case OPT_VERSION:
            printf ("%s (saekin) %s\n", program, SAEKIN_VERSION);
            free (dbs);
            return close_stdout (0);
        default:
            fprintf (stderr, "Try '%s --help' for more information.\n", program);
            free (dbs);
            return 2;
        }
    }
    style_t sty = { "", "", "", "", "", 0 };
    const char *no_color = getenv ("NO_COLOR");
    if (! json && isatty (STDOUT_FILENO) && ! (no_color && *no_color))
        sty = (style_t){ "\033[1m", "\033[2m", "\033[1;33m", "\033[4m", "\033[0m", 1 };
    saekin_hits_t *hits = NULL;
    saekin_status_t s;
    int rc;
    /* The library reads no environment itself: $SAEKIN_VOCABULARY, the
     * user's synonyms file, $SAEKIN_QUERY_TIMEOUT over our default. */
    saekin_settings_t *settings = NULL;
    s = saekin_settings_new (&settings);
    if (s == SAEKIN_STATUS_SUCCESS)
        s = saekin_settings_set_timeout (settings, DEFAULT_TIMEOUT);
    if (s == SAEKIN_STATUS_SUCCESS)
        s = saekin_read_environment (settings, NULL);
    if (s == SAEKIN_STATUS_SUCCESS)
        s = saekin_settings_set_warning_callback (settings, on_warning, NULL);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, saekin_status_to_string (s));
        saekin_settings_free (settings);
        free (dbs);
        return 2;
    }
    /* The alarm, armed before the index is opened, always ends a query
     * before a matcher limit of the same length could: the library's
     * limit would only start a timer thread in every query (0.35 ms of
     * about 8). */
    long timeout = (long) saekin_settings_get_timeout (settings);
    saekin_settings_set_timeout (settings, 0);
    if (docs) {
        s = saekin_docs_lookup_with_settings (settings, docs, &hits);
        saekin_settings_free (settings);
        if (s != SAEKIN_STATUS_SUCCESS) {
            fprintf (stderr, "%s: %s\n", program, saekin_status_to_string (s));
            free (dbs);
            return 2;
        }
        rc = print_hits (hits, json, &sty);
        if (rc == 1)
            fprintf (stderr, "%s: no service named '%s' in the vocabulary\n", program,
                     docs);
        saekin_hits_free (hits);
        free (dbs);
        return close_stdout (rc);
    }
    if (optind >= argc) {
        fprintf (stderr, "%s: no query given\nTry '%s --help' for more information.\n",
                 program, program);
        saekin_settings_free (settings);
        free (dbs);
        return 2;
    }
    char *default_db = NULL;
    if (n_dbs == 0) {
        if (! (default_db = saekin_default_db_path ())) {
            fprintf (stderr, "%s: no index: give --db or set SAEKIN_DB\n", program);
            saekin_settings_free (settings);
            free (dbs);
            return 2;
        }
        dbs[n_dbs++] = default_db;
    }
    char *query = join_words (argv + optind, argc - optind);
    saekin_searcher_t *searcher = NULL;
    arm_timeout (timeout);
    char *msg = NULL;
    saekin_search_options_t *opts = NULL;
    s = query ? saekin_search_options_new (&opts) : SAEKIN_STATUS_OUT_OF_MEMORY;
    if (s == SAEKIN_STATUS_SUCCESS) {
        saekin_search_options_set_max_hits (opts, (size_t) limit);
        saekin_search_options_set_prefix (opts, prefix);
        s = saekin_searcher_open_with_settings (dbs, n_dbs, settings, &searcher, &msg);
    }
    saekin_settings_free (settings);
    if (s != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, msg ? msg : saekin_status_to_string (s));
        rc = 2;
    } else if ((s = saekin_searcher_search (searcher, query, opts, &hits))
               != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, saekin_searcher_status_string (searcher));
        rc = 2;
    } else {
        if (! json)
            print_corrections (hits, &sty);
        rc = print_hits (hits, json, &sty);
        if (rc == 1) {
            char *hint = suggestion (query, hits);
            report_no_hits (query, hint);
            free (hint);
        }
    }
    saekin_hits_free (hits);
    saekin_searcher_close (searcher);
    saekin_search_options_free (opts);
    free (msg);
    free (query);
    free (default_db);
    free (dbs);
    return close_stdout (rc);
}
