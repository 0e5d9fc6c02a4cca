/* watch.c - keeping the index in step with the notes as they are saved
 * (saekin-index --watch), with inotify(7).
 *
 * Every folder under the roots is watched.  An event on a note's name
 * (written and closed, created, moved in or out, deleted) queues the
 * note's path; once the events have been quiet for a moment (an editor's
 * save is a burst: write a temporary file, rename it over the note), the
 * queue is handed to saekin_index_update() as single files, which reads
 * only their records.  Editors' swap and backup files (.note.md.swp,
 * note.md~, 4913) are no notes' names, so they queue nothing.  A new
 * folder is watched, and the notes already in it (written before its
 * watch was set) are queued; a folder moved away or deleted makes its
 * root be walked again, which drops its notes.
 *
 * The index is opened for each batch and closed after it, so the
 * watcher holds the single-writer lock only while it writes: another
 * saekin-index run meanwhile works (or exits 75 if it meets the watcher
 * writing, as with any writer).  When the watcher finds the index
 * locked, it keeps its queue and tries again: nothing is lost.
 *
 * When inotify runs out of watches (fs.inotify.max_user_watches), or
 * its queue overflows, the watcher says so and walks its roots again
 * every RESCAN_SECONDS instead of trusting the events of what is not
 * watched. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "saekin.h"
#include "settings.h"
#include "walk.h"

/* A batch is written once no event came for QUIET_MS, or at the latest
 * MAX_WAIT_MS after its first event (one second is the promise). */
#define QUIET_MS    40
#define MAX_WAIT_MS 250
/* How long to wait for the lock before trying again. */
#define LOCKED_RETRY_MS 100
/* Walk the roots this often when not every folder could be watched. */
#define RESCAN_SECONDS 2

#define WATCH_MASK                                                                       \
    (IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ONLYDIR   \
     | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

typedef struct {
    int wd;
    char *path;
    const char *root; /* the root it lies in (a string of the watcher's roots) */
} watch_t;

typedef struct {
    char **items;
    size_t n;
} strings_t;

typedef struct {
    const char *db_path;
    const saekin_index_options_t *opt;
    int fd;
    char **roots; /* absolute */
    size_t n_roots;
    bool *root_is_file;
    watch_t *watches;
    size_t n_watches;
    size_t cap_watches;
    size_t max_watches; /* the options' watch limit; 0: no limit of ours */
    bool rescan;        /* not everything is watched: walk the roots regularly */
    strings_t pending;  /* paths to update */
    bool oom;
} watcher_t;

static double
now_ms (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

static void
tell (watcher_t *w, const char *file, const char *message, bool fatal)
{
    if (w->opt->callbacks.problem)
        w->opt->callbacks.problem (w->opt->callbacks.ctx, file, 0, message, fatal);
}

static void
queue (watcher_t *w, const char *path)
{
    for (size_t i = 0; i < w->pending.n; i++)
        if (strcmp (w->pending.items[i], path) == 0)
            return;
    char **p = realloc (w->pending.items, (w->pending.n + 1) * sizeof *p);
    if (! p || ! (p[w->pending.n] = strdup (path))) {
        if (p)
            w->pending.items = p;
        w->oom = true;
        return;
    }
    w->pending.items = p;
    w->pending.n++;
}

static void
strings_clear (strings_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        free (s->items[i]);
    free (s->items);
    memset (s, 0, sizeof *s);
}

static watch_t *
find_watch (watcher_t *w, int wd)
{
    for (size_t i = 0; i < w->n_watches; i++)
        if (w->watches[i].wd == wd)
            return &w->watches[i];
    return NULL;
}

static void
forget_watch (watcher_t *w, int wd)
{
    for (size_t i = 0; i < w->n_watches; i++)
        if (w->watches[i].wd == wd) {
            free (w->watches[i].path);
            w->watches[i] = w->watches[--w->n_watches];
            return;
        }
}

/* The watch limit is reached: say so once and rescan from now on. */
static void
out_of_watches (watcher_t *w, const char *dir)
{
    if (w->rescan)
        return;
    w->rescan = true;
    char msg[160];
    snprintf (msg, sizeof msg,
              "inotify watch limit reached (fs.inotify.max_user_watches): "
              "walking the notes again every %d s",
              RESCAN_SECONDS);
    tell (w, dir, msg, false);
}

/* Watch the folder DIR (in ROOT).  Returns 0, or -1 when it cannot be
 * watched (told). */
static int
watch_dir (watcher_t *w, const char *dir, const char *root)
{
    if (w->max_watches && w->n_watches >= w->max_watches) {
        out_of_watches (w, dir);
        return -1;
    }
    int wd = inotify_add_watch (w->fd, dir, WATCH_MASK);
    if (wd < 0) {
        if (errno == ENOSPC)
            out_of_watches (w, dir);
        else if (errno != ENOENT && errno != ENOTDIR)
            tell (w, dir, strerror (errno), false);
        return -1;
    }
    watch_t *old = find_watch (w, wd);
    if (old) {
        /* The same folder reached again (a root inside another, or a
         * folder moved within the tree): keep its newest name. */
        char *p = strdup (dir);
        if (! p) {
            w->oom = true;
            return -1;
        }
        free (old->path);
        old->path = p;
        return 0;
    }
    if (w->n_watches == w->cap_watches) {
        size_t cap = w->cap_watches ? w->cap_watches * 2 : 64;
        watch_t *p = realloc (w->watches, cap * sizeof *p);
        if (! p) {
            w->oom = true;
            return -1;
        }
        w->watches = p;
        w->cap_watches = cap;
    }
    watch_t *x = &w->watches[w->n_watches];
    if (! (x->path = strdup (dir))) {
        w->oom = true;
        return -1;
    }
    x->wd = wd;
    x->root = root;
    w->n_watches++;
    return 0;
}

/* Watch DIR and every folder under it the walk would enter; with QUEUE,
 * queue the notes found there too (a folder that just appeared). */
static void
watch_tree (watcher_t *w, const char *dir, const char *root, bool queue_notes)
{
    strings_t stack = { 0 };
    char *first = strdup (dir);
    if (! first) {
        w->oom = true;
        return;
    }
    stack.items = malloc (sizeof *stack.items);
    if (! stack.items) {
        free (first);
        w->oom = true;
        return;
    }
    stack.items[stack.n++] = first;
    while (stack.n && ! w->oom) {
        char *d = stack.items[--stack.n];
        if (watch_dir (w, d, root) == 0 || queue_notes) {
            DIR *h = opendir (d);
            struct dirent *e;
            while (h && (e = readdir (h)) != NULL) {
                if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
                    continue;
                char *p = NULL;
                if (asprintf (&p, "%s/%s", d, e->d_name) < 0) {
                    w->oom = true;
                    break;
                }
                struct stat st;
                if (lstat (p, &st) == 0 && S_ISDIR (st.st_mode)
                    && ! _saekin_skipped_folder (e->d_name)) {
                    char **s = realloc (stack.items, (stack.n + 1) * sizeof *s);
                    if (! s) {
                        free (p);
                        w->oom = true;
                        break;
                    }
                    stack.items = s;
                    stack.items[stack.n++] = p;
                    continue;
                }
                if (queue_notes && _saekin_is_note_name (e->d_name))
                    queue (w, p);
                free (p);
            }
            if (h)
                closedir (h);
        }
        free (d);
    }
    strings_clear (&stack);
}

/* The root PATH lies in (its longest root), NULL when none. */
static const char *
root_of (watcher_t *w, const char *path)
{
    const char *best = NULL;
    for (size_t i = 0; i < w->n_roots; i++)
        if ((strcmp (path, w->roots[i]) == 0 || _saekin_path_under (path, w->roots[i]))
            && (! best || strlen (w->roots[i]) > strlen (best)))
            best = w->roots[i];
    return best;
}

static bool
is_file_root (watcher_t *w, const char *path)
{
    for (size_t i = 0; i < w->n_roots; i++)
        if (w->root_is_file[i] && strcmp (w->roots[i], path) == 0)
            return true;
    return false;
}

static void
on_event (watcher_t *w, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW) {
        /* Events were lost: walk everything. */
        for (size_t i = 0; i < w->n_roots; i++)
            queue (w, w->roots[i]);
        return;
    }
    if (ev->mask & IN_IGNORED) {
        forget_watch (w, ev->wd);
        return;
    }
    watch_t *x = find_watch (w, ev->wd);
    if (! x || ! ev->len)
        return;
    char *path = NULL;
    if (asprintf (&path, "%s/%s", x->path, ev->name) < 0) {
        w->oom = true;
        return;
    }
    const char *root = root_of (w, path);
    bool dir_root = root && ! is_file_root (w, root);
    if (ev->mask & IN_ISDIR) {
        if (! dir_root || _saekin_skipped_folder (ev->name)) {
            /* not a folder the walk would enter */
        } else if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
            watch_tree (w, path, root, true);
        } else if (ev->mask & (IN_MOVED_FROM | IN_DELETE)) {
            /* Its notes are gone: the walk of its root finds which. */
            for (size_t i = 0; i < w->n_watches; i++)
                if (_saekin_path_under (w->watches[i].path, path)
                    || strcmp (w->watches[i].path, path) == 0)
                    inotify_rm_watch (w->fd, w->watches[i].wd);
            queue (w, root);
        }
    } else if (is_file_root (w, path) || (dir_root && _saekin_is_note_name (ev->name))) {
        queue (w, path);
    }
    free (path);
}

/* Read what inotify has.  Returns 0, or -1 on a read error (told). */
static int
read_events (watcher_t *w)
{
    char buf[64 * 1024] __attribute__ ((aligned (__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read (w->fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return 0;
            tell (w, "inotify", strerror (errno), true);
            return -1;
        }
        if (n == 0)
            return 0;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *) p;
            on_event (w, ev);
            p += sizeof *ev + ev->len;
        }
    }
}

/* What a batch's update reports, passed on to the caller's callbacks,
 * but for "no such file" about a queued path that is gone: a note
 * created and deleted between two batches (an editor's temporary file
 * under a note's name) was never indexed, and is no failure. */
typedef struct {
    const saekin_index_options_t *opt;
} relay_t;

static void
relay_problem (void *ctx, const char *file, unsigned line, const char *message,
               bool fatal)
{
    relay_t *r = ctx;
    struct stat st;
    if (fatal && strcmp (message, strerror (ENOENT)) == 0 && stat (file, &st) != 0)
        return;
    if (r->opt->callbacks.problem)
        r->opt->callbacks.problem (r->opt->callbacks.ctx, file, line, message, fatal);
}

/* Write the queued paths into the index.  Returns SUCCESS (the queue is
 * then empty), LOCKED (the queue is kept, to try again), or a failure. */
static saekin_status_t
flush (watcher_t *w)
{
    if (w->pending.n == 0)
        return SAEKIN_STATUS_SUCCESS;
    /* A root to walk again covers every path under it. */
    strings_t batch = { 0 };
    bool walks = false;
    for (size_t i = 0; i < w->pending.n; i++)
        for (size_t r = 0; r < w->n_roots; r++)
            if (! w->root_is_file[r] && strcmp (w->pending.items[i], w->roots[r]) == 0)
                walks = true;
    for (size_t i = 0; i < w->pending.n; i++) {
        const char *p = w->pending.items[i];
        const char *root = root_of (w, p);
        bool keep = true;
        if (walks && root && strcmp (root, p) != 0) {
            /* covered by the walk of its root, if that root is walked */
            for (size_t k = 0; k < w->pending.n; k++)
                if (strcmp (w->pending.items[k], root) == 0)
                    keep = false;
        }
        if (keep) {
            char **s = realloc (batch.items, (batch.n + 1) * sizeof *s);
            if (! s) {
                free (batch.items);
                return SAEKIN_STATUS_OUT_OF_MEMORY;
            }
            batch.items = s;
            batch.items[batch.n++] = w->pending.items[i]; /* borrowed */
        }
    }
    saekin_index_t *ix = NULL;
    char *msg = NULL;
    saekin_status_t s = saekin_index_open (w->db_path, &ix, &msg);
    if (s == SAEKIN_STATUS_SUCCESS) {
        relay_t relay = { w->opt };
        saekin_index_options_t o = { 0 };
        o.note_memory_mb = w->opt->note_memory_mb;
        o.callbacks.problem = relay_problem;
        o.callbacks.ctx = &relay;
        s = saekin_index_update (ix, (const char *const *) batch.items, batch.n, &o);
        if (s != SAEKIN_STATUS_SUCCESS && s != SAEKIN_STATUS_LOCKED)
            tell (w, w->db_path, saekin_index_status_string (ix), true);
        saekin_index_close (ix);
    } else if (s != SAEKIN_STATUS_LOCKED) {
        tell (w, w->db_path, msg ? msg : saekin_status_to_string (s), true);
    }
    free (msg);
    if (s == SAEKIN_STATUS_SUCCESS && w->opt->callbacks.change)
        for (size_t i = 0; i < batch.n; i++) {
            struct stat st;
            bool there = stat (batch.items[i], &st) == 0;
            w->opt->callbacks.change (
                w->opt->callbacks.ctx,
                there ? (S_ISDIR (st.st_mode) ? "walked" : "indexed") : "removed",
                batch.items[i]);
        }
    free (batch.items);
    if (s == SAEKIN_STATUS_SUCCESS)
        strings_clear (&w->pending);
    return s;
}

/* The roots to watch: PATHS made absolute, else the index's roots. */
static saekin_status_t
find_roots (watcher_t *w, const char *const *paths, size_t n_paths, char **error)
{
    saekin_index_t *ix = NULL;
    const saekin_index_info_t *info = NULL;
    if (n_paths == 0) {
        saekin_status_t s = saekin_index_open_readonly (w->db_path, &ix, error);
        if (s != SAEKIN_STATUS_SUCCESS)
            return s;
        s = saekin_index_info (ix, &info);
        if (s != SAEKIN_STATUS_SUCCESS) {
            if (error)
                *error = strdup (saekin_index_status_string (ix));
            saekin_index_close (ix);
            return s;
        }
        paths = info->roots;
        n_paths = info->n_roots;
        if (n_paths == 0) {
            saekin_index_close (ix);
            if (error)
                *error = strdup ("no folder to watch: give one (it is then indexed and "
                                 "recorded)");
            return SAEKIN_STATUS_BAD_ARGUMENT;
        }
    }
    w->roots = calloc (n_paths, sizeof *w->roots);
    w->root_is_file = calloc (n_paths, sizeof *w->root_is_file);
    saekin_status_t s = w->roots && w->root_is_file ? SAEKIN_STATUS_SUCCESS
                                                    : SAEKIN_STATUS_OUT_OF_MEMORY;
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < n_paths; i++) {
        if (! (w->roots[i] = _saekin_absolute_path (paths[i]))) {
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
            break;
        }
        w->n_roots++;
        struct stat st;
        w->root_is_file[i] = stat (w->roots[i], &st) == 0 && ! S_ISDIR (st.st_mode);
    }
    saekin_index_close (ix);
    return s;
}

static void
watcher_free (watcher_t *w)
{
    for (size_t i = 0; i < w->n_watches; i++)
        free (w->watches[i].path);
    free (w->watches);
    for (size_t i = 0; i < w->n_roots; i++)
        free (w->roots[i]);
    free (w->roots);
    free (w->root_is_file);
    strings_clear (&w->pending);
    if (w->fd >= 0)
        close (w->fd);
}

saekin_status_t
saekin_index_watch (const char *db_path, const char *const *paths, size_t n_paths,
                    const saekin_index_options_t *options,
                    const volatile sig_atomic_t *stop, char **error_message)
{
    saekin_index_options_t none = { 0 };
    if (error_message)
        *error_message = NULL;
    if (! db_path || ! stop)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    watcher_t w = { .db_path = db_path, .opt = options ? options : &none, .fd = -1 };
    w.max_watches = w.opt->watch_limit;
    saekin_status_t s = find_roots (&w, paths, n_paths, error_message);
    if (s == SAEKIN_STATUS_SUCCESS
        && (w.fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC)) < 0) {
        if (error_message
            && asprintf (error_message, "inotify: %s", strerror (errno)) < 0)
            *error_message = NULL;
        s = SAEKIN_STATUS_INTERNAL_ERROR;
    }
    /* Watch first, then bring the index up to date: a note saved in
     * between is seen by both, never by neither. */
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < w.n_roots; i++) {
        if (w.root_is_file[i]) {
            char *dir = strdup (w.roots[i]);
            char *slash = dir ? strrchr (dir, '/') : NULL;
            if (slash) {
                *slash = '\0';
                watch_dir (&w, *dir ? dir : "/", w.roots[i]);
            }
            free (dir);
        } else {
            watch_tree (&w, w.roots[i], w.roots[i], false);
        }
        queue (&w, w.roots[i]);
    }
    if (s == SAEKIN_STATUS_SUCCESS && w.oom)
        s = SAEKIN_STATUS_OUT_OF_MEMORY;
    double first = 0, last = 0, rescan_at = now_ms () + RESCAN_SECONDS * 1000.0;
    if (w.pending.n)
        first = last = now_ms () - MAX_WAIT_MS; /* the catch-up: at once */
    while (s == SAEKIN_STATUS_SUCCESS && ! *stop) {
        double t = now_ms ();
        int timeout = -1;
        if (w.pending.n) {
            double due = last + QUIET_MS;
            if (due > first + MAX_WAIT_MS)
                due = first + MAX_WAIT_MS;
            timeout = due > t ? (int) (due - t) + 1 : 0;
        }
        if (w.rescan) {
            int r = rescan_at > t ? (int) (rescan_at - t) + 1 : 0;
            if (timeout < 0 || r < timeout)
                timeout = r;
        }
        /* Wake up now and then to see *STOP even when no signal
         * interrupts poll() (a handler installed with SA_RESTART). */
        if (timeout < 0 || timeout > 500)
            timeout = 500;
        struct pollfd pfd = { w.fd, POLLIN, 0 };
        int n = poll (&pfd, 1, timeout);
        if (n < 0 && errno != EINTR) {
            tell (&w, "inotify", strerror (errno), true);
            s = SAEKIN_STATUS_INTERNAL_ERROR;
            break;
        }
        if (n > 0) {
            size_t before = w.pending.n;
            if (read_events (&w) < 0) {
                s = SAEKIN_STATUS_INTERNAL_ERROR;
                break;
            }
            if (w.pending.n > before) {
                last = now_ms ();
                if (before == 0)
                    first = last;
            }
        }
        if (w.oom) {
            s = SAEKIN_STATUS_OUT_OF_MEMORY;
            break;
        }
        t = now_ms ();
        if (w.rescan && t >= rescan_at) {
            rescan_at = t + RESCAN_SECONDS * 1000.0;
            if (w.pending.n == 0)
                first = last = t - MAX_WAIT_MS;
            for (size_t i = 0; i < w.n_roots; i++)
                queue (&w, w.roots[i]);
        }
        if (w.pending.n && (t >= last + QUIET_MS || t >= first + MAX_WAIT_MS)) {
            saekin_status_t f = flush (&w);
            if (f == SAEKIN_STATUS_LOCKED) {
                /* Another writer: keep the queue, try again shortly. */
                first = last = now_ms () - MAX_WAIT_MS + LOCKED_RETRY_MS;
            } else if (f == SAEKIN_STATUS_OUT_OF_MEMORY) {
                s = f;
            } else if (f != SAEKIN_STATUS_SUCCESS) {
                /* Told already; drop the batch rather than fail forever. */
                strings_clear (&w.pending);
            }
        }
    }
    watcher_free (&w);
    return s;
}
