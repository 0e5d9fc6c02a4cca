/* note-guard.c - what one note may cost the indexer.
 *
 * cmark-gfm holds a whole note in memory as a tree, a table cell costing
 * about half a kilobyte and an ordinary byte about thirty; when malloc
 * fails it aborts the process, and with it every other note of the run.
 * Its table extension is also quadratic in a table's width (each row's
 * cells are appended to a list walked from its start).  So a note is
 * measured before it is parsed, in one pass over its lines, and one past
 * these bounds is skipped with a message naming the line.  The bounds are
 * far above any note of the evaluation corpus (largest: 190 KB, 1,550
 * lines, tables of 8 columns and 82 rows).  A note within them that may
 * still cost much (a big one) is parsed in a child process with a memory
 * and a time limit, so that even cmark-gfm's abort takes only the child. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "note-guard.h"

#define NOTE_MAX_BYTES       (16u * 1024 * 1024)
#define NOTE_MAX_LINES       200000u
#define NOTE_MAX_TABLE_CELLS 100000u
/* rows x columns x columns of one table: a 10,000-column table of 200
 * rows (4 MB) took 39 s to parse; 100 columns x 1,000 rows is 1e7. */
#define NOTE_MAX_TABLE_WORK 200000000ull
/* Notes past these (within the bounds) are parsed in a child process:
 * a fork costs about a millisecond, so only the few big notes pay it. */
#define NOTE_COSTLY_BYTES       (256u * 1024)
#define NOTE_COSTLY_TABLE_CELLS 10000u
#define CHILD_CPU_SECONDS       60

/* Whether the line [P, END) is a GFM table delimiter row (| --- | :-: |):
 * only '|', '-', ':' and blanks, at least one '|' and one '-'; its
 * number of cells (the parts holding a '-') in *COLUMNS. */
static bool
delimiter_row (const char *p, const char *end, unsigned *columns)
{
    unsigned cells = 0;
    bool pipe = false, dash_in_cell = false;
    for (; p < end; p++) {
        if (*p == '|') {
            pipe = true;
            cells += dash_in_cell;
            dash_in_cell = false;
        } else if (*p == '-') {
            dash_in_cell = true;
        } else if (*p != ':' && *p != ' ' && *p != '\t' && *p != '\r') {
            return false;
        }
    }
    cells += dash_in_cell;
    if (! pipe || cells == 0)
        return false;
    *columns = cells;
    return true;
}

static bool
blank (const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    return true;
}

/* Set *LINE to AT and *WHY to the message FMT... and "too costly to
 * index, skipped"; returns false. */
static bool __attribute__ ((format (printf, 4, 5)))
refuse (char **why, unsigned *line, unsigned at, const char *fmt, ...)
{
    *line = at;
    char *m = NULL;
    char text[200];
    va_list ap;
    va_start (ap, fmt);
    vsnprintf (text, sizeof text, fmt, ap);
    va_end (ap);
    if (asprintf (&m, "%s: too costly to index, skipped", text) < 0)
        m = NULL;
    *why = m;
    return false;
}

/* Measure BUF against the bounds; *CELLS receives its table cells. */
static bool
measure (const char *buf, size_t len, unsigned *line, char **why,
         unsigned long *cells_out)
{
    *line = 0;
    *why = NULL;
    if (len > NOTE_MAX_BYTES)
        return refuse (why, line, 0, "%lu bytes (at most %lu)", (unsigned long) len,
                       (unsigned long) NOTE_MAX_BYTES);
    const char *p = buf, *end = buf + len;
    unsigned n = 0;
    unsigned long cells = 0;
    unsigned columns = 0;        /* of the table being read, 0 outside one */
    unsigned table_line = 0;     /* where it started */
    unsigned long long work = 0; /* of this table: see NOTE_MAX_TABLE_WORK */
    const char *prev = NULL, *prev_end = NULL;
    while (p < end) {
        const char *eol = memchr (p, '\n', (size_t) (end - p));
        if (! eol)
            eol = end;
        n++;
        if (n > NOTE_MAX_LINES)
            return refuse (why, line, n, "more than %lu lines",
                           (unsigned long) NOTE_MAX_LINES);
        unsigned w;
        if (columns && blank (p, eol)) {
            columns = 0;
        } else if (columns) {
            cells += columns;
            work += (unsigned long long) columns * columns;
        } else if (prev && memchr (prev, '|', (size_t) (prev_end - prev))
                   && delimiter_row (p, eol, &w)) {
            /* the line before is the header row */
            columns = w;
            table_line = n - 1;
            work = 2ull * w * w;
            cells += 2ul * w;
        }
        if (columns && work > NOTE_MAX_TABLE_WORK)
            return refuse (why, line, table_line,
                           "a table of %lu columns and %lu rows or more (too wide to "
                           "parse in time)",
                           (unsigned long) columns,
                           (unsigned long) (work / columns / columns));
        if (cells > NOTE_MAX_TABLE_CELLS)
            return refuse (why, line, table_line,
                           "tables of more than %lu cells in one note",
                           (unsigned long) NOTE_MAX_TABLE_CELLS);
        prev = p;
        prev_end = eol;
        p = eol + 1;
    }
    *cells_out = cells;
    return true;
}

bool
_saekin_note_within_bounds (const char *buf, size_t len, unsigned *line, char **why)
{
    unsigned long cells;
    return measure (buf, len, line, why, &cells);
}

bool
_saekin_note_is_costly (const char *buf, size_t len)
{
    unsigned line;
    char *why = NULL;
    unsigned long cells = 0;
    bool within = measure (buf, len, &line, &why, &cells);
    free (why);
    return ! within || len > NOTE_COSTLY_BYTES || cells > NOTE_COSTLY_TABLE_CELLS;
}

bool
_saekin_note_is_utf16 (const char *buf, size_t len)
{
    const unsigned char *b = (const unsigned char *) buf;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return true;
    /* No mark: UTF-16 text of mostly ASCII (Markdown's syntax, English)
     * has a NUL in every other byte, on one side only. */
    size_t n = len < 512 ? len & ~(size_t) 1 : 512;
    if (n < 4)
        return false;
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += b[i] == 0;
        odd += b[i + 1] == 0;
    }
    size_t pairs = n / 2;
    return (even * 10 >= pairs * 4 && odd == 0) || (odd * 10 >= pairs * 4 && even == 0);
}

/* ---- parsing apart ----
 *
 * The child parses and writes what it found to a pipe as records: a
 * type byte ('W' a warning, 'E' a serialised entry, 'N' one that is
 * navigation, 'T', 'L', 'G', 'A' the note's title, lines, tags and
 * aliases, 'D' done), a 32-bit
 * line, a 64-bit length and the bytes.  The parent reads them all, and
 * takes them only when the child ended well and said 'D'. */

typedef struct {
    int fd;
    int failed;
} child_t;

static int
put_all (int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write (fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t) w;
    }
    return 0;
}

static int
put_record (int fd, char type, uint32_t line, const char *data, uint64_t len)
{
    char head[13];
    head[0] = type;
    memcpy (head + 1, &line, 4);
    memcpy (head + 5, &len, 8);
    return put_all (fd, head, sizeof head) < 0 || put_all (fd, data, (size_t) len) < 0
               ? -1
               : 0;
}

static void
child_warn (void *vctx, unsigned line, const char *message)
{
    child_t *c = vctx;
    if (put_record (c->fd, 'W', line, message, strlen (message)) < 0)
        c->failed = 1;
}

static void
limit (int resource, rlim_t value)
{
    struct rlimit rl;
    if (getrlimit (resource, &rl) == 0
        && (rl.rlim_max == RLIM_INFINITY || value < rl.rlim_max)) {
        rl.rlim_cur = value;
        setrlimit (resource, &rl);
    }
}

/* The child: parse, send, exit (never return into the indexer). */
_Noreturn static void
child_main (int fd, const char *text, size_t len, unsigned mb)
{
    unsigned long pages = 0;
    FILE *f = fopen ("/proc/self/statm", "r");
    if (f) {
        if (fscanf (f, "%lu", &pages) != 1)
            pages = 0;
        fclose (f);
    }
    limit (RLIMIT_AS,
           (rlim_t) pages * (rlim_t) sysconf (_SC_PAGESIZE) + (rlim_t) mb * 1024 * 1024);
    limit (RLIMIT_CPU, CHILD_CPU_SECONDS);
    limit (RLIMIT_CORE, 0);
    child_t c = { fd, 0 };
    _saekin_entry_list_t list = { 0 };
    _saekin_note_meta_t meta = { 0 };
    if (_saekin_markdown_split_note (text, len, &list, &meta, child_warn, &c) < 0)
        _exit (3);
    uint32_t last = meta.last_line;
    if ((meta.title && put_record (fd, 'T', 0, meta.title, strlen (meta.title)) < 0)
        || put_record (fd, 'L', meta.first_line, (const char *) &last, 4) < 0)
        _exit (3);
    for (size_t i = 0; i < meta.n_tags; i++)
        if (put_record (fd, 'G', 0, meta.tags[i], strlen (meta.tags[i])) < 0)
            _exit (3);
    for (size_t i = 0; i < meta.n_aliases; i++)
        if (put_record (fd, 'A', 0, meta.aliases[i], strlen (meta.aliases[i])) < 0)
            _exit (3);
    for (size_t i = 0; i < list.n && ! c.failed; i++) {
        size_t dlen = 0;
        char *data = _saekin_entry_serialize ("", &list.items[i], &dlen);
        /* (navigation is not serialised: 'N' says it) */
        char type = list.items[i].navigation ? 'N' : 'E';
        if (! data || put_record (fd, type, 0, data, dlen) < 0)
            _exit (3);
        free (data);
    }
    if (c.failed || put_record (fd, 'D', 0, "", 0) < 0)
        _exit (3);
    _exit (0);
}

static char *
failed_message (int status)
{
    char *m = NULL;
    if (WIFSIGNALED (status)
        && (WTERMSIG (status) == SIGXCPU || WTERMSIG (status) == SIGKILL))
        m = strdup ("too costly to parse (out of time), skipped");
    else
        m = strdup ("too costly to parse (out of memory), skipped");
    return m;
}

/* Append a copy of DATA[0..LEN) to *ARR (N strings).  0, or -1. */
static int
push_copy (char ***arr, size_t *n, const char *data, size_t len)
{
    char *c = strndup (data, len);
    char **a = c ? realloc (*arr, (*n + 1) * sizeof *a) : NULL;
    if (! a) {
        free (c);
        return -1;
    }
    a[(*n)++] = c;
    *arr = a;
    return 0;
}

int
_saekin_note_split (const char *text, size_t len, bool costly, unsigned memory_mb,
                    _saekin_entry_list_t *out, _saekin_note_meta_t *meta,
                    _saekin_markdown_warn_fn warn, void *warn_ctx, char **why)
{
    *why = NULL;
    if (! costly)
        return _saekin_markdown_split_note (text, len, out, meta, warn, warn_ctx);
    _saekin_markdown_init (); /* fork() then waits for the parser lock */
    int fds[2];
    if (pipe (fds) != 0)
        return _saekin_markdown_split_note (text, len, out, meta, warn, warn_ctx);
    pid_t pid = fork ();
    if (pid < 0) {
        close (fds[0]);
        close (fds[1]);
        return _saekin_markdown_split_note (text, len, out, meta, warn, warn_ctx);
    }
    if (pid == 0) {
        close (fds[0]);
        child_main (fds[1], text, len, memory_mb);
    }
    close (fds[1]);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    for (;;) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 65536;
            char *b = realloc (buf, nc);
            if (! b) {
                oom = 1;
                break;
            }
            buf = b;
            cap = nc;
        }
        ssize_t r = read (fds[0], buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t) r;
    }
    close (fds[0]);
    int status = 0;
    while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
        ;
    int result = 0;
    bool done = false;
    /* Whole records up to a 'D': the child said all it had to. */
    for (size_t at = 0; ! oom && at + 13 <= n;) {
        uint64_t dlen;
        memcpy (&dlen, buf + at + 5, 8);
        if (dlen > n - at - 13)
            break;
        if (buf[at] == 'D') {
            done = true;
            break;
        }
        at += 13 + (size_t) dlen;
    }
    if (oom) {
        result = -1;
    } else if (! WIFEXITED (status) || WEXITSTATUS (status) != 0 || ! done) {
        *why = failed_message (status);
        result = -2;
    } else {
        for (size_t at = 0; at + 13 <= n && result == 0;) {
            uint32_t line;
            uint64_t dlen;
            memcpy (&line, buf + at + 1, 4);
            memcpy (&dlen, buf + at + 5, 8);
            char type = buf[at];
            const char *data = buf + at + 13;
            at += 13 + (size_t) dlen;
            if (type == 'W') {
                char *msg = strndup (data, (size_t) dlen);
                if (msg && warn)
                    warn (warn_ctx, line, msg);
                free (msg);
            } else if (type == 'T') {
                free (meta->title);
                if (! (meta->title = strndup (data, (size_t) dlen)))
                    result = -1;
            } else if (type == 'L' && dlen == 4) {
                uint32_t last;
                memcpy (&last, data, 4);
                meta->first_line = line;
                meta->last_line = last;
            } else if (type == 'G') {
                if (push_copy (&meta->tags, &meta->n_tags, data, (size_t) dlen) < 0)
                    result = -1;
            } else if (type == 'A') {
                if (push_copy (&meta->aliases, &meta->n_aliases, data, (size_t) dlen) < 0)
                    result = -1;
            } else if (type == 'E' || type == 'N') {
                _saekin_entry_t *e = _saekin_entry_list_push (out);
                char *file = NULL;
                if (! e || ! _saekin_entry_parse (data, (size_t) dlen, &file, e))
                    result = -1;
                else
                    e->navigation = type == 'N';
                free (file);
            } else {
                break;
            }
        }
    }
    free (buf);
    return result;
}
