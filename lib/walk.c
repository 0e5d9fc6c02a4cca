/* walk.c - finding the notes under a root with fts(3), reading a note
 * whole, and cleaning the paths given (so one root has one name).
 *
 * The walk is physical (links are not followed into folders, so link
 * loops cannot trap it), but a root given as a link is followed (a notes
 * folder moved to another disk and linked back is still that folder); a link to a note is followed only when the note
 * it names lies inside the root, so a link cannot pull in files from
 * elsewhere.  Hidden folders (.git, .obsidian) and hidden files are
 * skipped. */
#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"

/* Whether NAME ends in one of EXTS (any letter case). */
static bool
has_extension (const char *name, const char *const *exts)
{
    size_t n = strlen (name);
    for (const char *const *e = exts; *e; e++) {
        size_t k = strlen (*e);
        if (n > k && strcasecmp (name + n - k, *e) == 0)
            return true;
    }
    return false;
}

/* A note's name ends in .md, .markdown, .mdown, .mkd or .txt (a .txt
 * note is read as Markdown: plain text is plain paragraphs), in any
 * letter case (.MD from Windows tools).  Hidden names are skipped like
 * hidden folders: they are editors' lock files (.#note.md) and macOS
 * resource forks (._note.md, binary), not notes. */
bool
_saekin_is_note_name (const char *name)
{
    static const char *const exts[] = {
        ".md", ".markdown", ".mdown", ".mkd", ".txt", NULL
    };
    return name[0] != '.' && has_extension (name, exts);
}

/* Count (and remember, for --dry-run) a file the walk leaves out. */
static int
skip (_saekin_found_list_t *out, const char *path, const char *name)
{
    static const char *const images[] = { ".png",  ".jpg",  ".jpeg", ".gif", ".svg",
                                          ".webp", ".bmp",  ".ico",  ".tif", ".tiff",
                                          ".heic", ".avif", NULL };
    if (name[0] == '.')
        return 0; /* hidden: editors' and systems' files, not the person's */
    bool image = has_extension (name, images);
    ++*(image ? &out->skipped_images : &out->skipped_other);
    char **p = realloc (out->skipped, (out->n_skipped + 1) * sizeof *p);
    if (! p)
        return -1;
    out->skipped = p;
    if (asprintf (&p[out->n_skipped], "%s\t%s", image ? "image" : "other", path) < 0)
        return -1;
    out->n_skipped++;
    return 0;
}

bool
_saekin_skipped_folder (const char *name)
{
    return name[0] == '.' || strcmp (name, "node_modules") == 0;
}

static int
push (_saekin_found_list_t *out, const char *path, size_t below, const struct stat *st)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        _saekin_found_t *p = realloc (out->items, cap * sizeof *p);
        if (! p)
            return -1;
        out->items = p;
        out->cap = cap;
    }
    char *copy = strdup (path);
    if (! copy)
        return -1;
    out->items[out->n].path = copy;
    while (path[below] == '/')
        below++;
    out->items[out->n].below = below;
    out->items[out->n].size = st->st_size;
    out->items[out->n].mtime = st->st_mtim;
    out->n++;
    return 0;
}

/* True when the real path of PATH lies inside REAL_ROOT. */
static bool
inside (const char *path, const char *real_root)
{
    char *real = realpath (path, NULL);
    if (! real)
        return false;
    size_t n = strlen (real_root);
    bool in = strncmp (real, real_root, n) == 0
              && (real[n] == '/' || real[n] == '\0' || strcmp (real_root, "/") == 0);
    free (real);
    return in;
}

int
_saekin_walk (const char *root, _saekin_found_list_t *out,
              void (*warn) (void *ctx, const char *path, const char *msg), void *ctx)
{
    struct stat st;
    if (stat (root, &st) != 0)
        return -1;
    if (! S_ISDIR (st.st_mode)) {
        if (! S_ISREG (st.st_mode)) {
            errno = EINVAL;
            return -1;
        }
        const char *slash = strrchr (root, '/');
        return push (out, root, slash ? (size_t) (slash - root) + 1 : 0, &st);
    }
    char *real_root = realpath (root, NULL);
    if (! real_root)
        return -1;
    char *argv[] = { (char *) root, NULL };
    FTS *fts = fts_open (argv, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, NULL);
    if (! fts) {
        free (real_root);
        return -1;
    }
    int result = 0;
    FTSENT *e;
    while ((e = fts_read (fts)) != NULL && result == 0) {
        switch (e->fts_info) {
        case FTS_D:
            if (e->fts_level > 0 && _saekin_skipped_folder (e->fts_name))
                fts_set (fts, e, FTS_SKIP);
            break;
        case FTS_DNR:
        case FTS_ERR:
            if (warn)
                warn (ctx, e->fts_path, strerror (e->fts_errno));
            break;
        case FTS_F:
            if (! _saekin_is_note_name (e->fts_name))
                result = skip (out, e->fts_path, e->fts_name);
            else
                result = push (out, e->fts_path, strlen (root), e->fts_statp);
            break;
        case FTS_SL:
        case FTS_SLNONE:
            if (! _saekin_is_note_name (e->fts_name))
                break;
            if (stat (e->fts_path, &st) != 0) {
                if (warn)
                    warn (ctx, e->fts_path, "broken link, skipped");
            } else if (! S_ISREG (st.st_mode)) {
                if (warn)
                    warn (ctx, e->fts_path, "link to something not a file, skipped");
            } else if (! inside (e->fts_path, real_root)) {
                if (warn)
                    warn (ctx, e->fts_path,
                          "link leads out of the indexed folder, skipped");
            } else {
                result = push (out, e->fts_path, strlen (root), &st);
            }
            break;
        default:
            break;
        }
    }
    fts_close (fts);
    free (real_root);
    return result;
}

/* ---- reading a note, cleaning a path ---- */

/* Notes larger than this are not notes. */
#define MAX_NOTE_BYTES (64u * 1024 * 1024)

/* Read PATH whole into *BUF (malloc'd, NUL-terminated).  Returns 0, or -1
 * with errno set. */
int
_saekin_read_whole (const char *path, char **buf, size_t *len, struct stat *st)
{
    *buf = NULL;
    int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    /* A failed fstat leaves *ST unset: its errno is the answer, kept
     * across close(). */
    if (fstat (fd, st) != 0) {
        int e = errno;
        close (fd);
        errno = e;
        return -1;
    }
    if (! S_ISREG (st->st_mode)) {
        close (fd);
        errno = EISDIR;
        return -1;
    }
    if ((uint64_t) st->st_size > MAX_NOTE_BYTES) {
        close (fd);
        errno = EFBIG;
        return -1;
    }
    size_t cap = (size_t) st->st_size + 1, n = 0;
    char *b = malloc (cap + 1);
    if (! b) {
        close (fd);
        return -1;
    }
    for (;;) {
        if (n == cap) {
            /* The file grew while we read it: read on. */
            if (cap >= MAX_NOTE_BYTES) {
                free (b);
                close (fd);
                errno = EFBIG;
                return -1;
            }
            char *nb = realloc (b, cap * 2 + 1);
            if (! nb) {
                free (b);
                close (fd);
                return -1;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read (fd, b + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free (b);
            close (fd);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t) r;
    }
    close (fd);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

/* True when PATH lies under the folder ROOT. */
bool
_saekin_path_under (const char *path, const char *root)
{
    size_t n = strlen (root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    return strncmp (path, root, n) == 0 && path[n] == '/';
}

/* PATH made absolute (joined to the current folder) and cleaned of "."
 * and ".." components, doubled and trailing slashes, so that a root given
 * as "notes", "./notes/" or "/home/me/notes" is one root, and an update
 * run from another folder still finds it.  Malloc'd; NULL when out of
 * memory or the current folder cannot be named. */
char *
_saekin_absolute_path (const char *path)
{
    char *cwd = NULL, *joined;
    if (path[0] != '/' && ! (cwd = getcwd (NULL, 0)))
        return NULL;
    if (asprintf (&joined, "%s/%s", cwd ? cwd : "", path) < 0) {
        free (cwd);
        return NULL;
    }
    free (cwd);
    /* Clean in place: OUT never runs ahead of IN. */
    char *out = joined;
    for (const char *in = joined; *in;) {
        while (*in == '/')
            in++;
        const char *end = strchrnul (in, '/');
        size_t n = (size_t) (end - in);
        if (n == 0 || (n == 1 && in[0] == '.')) {
            /* nothing to keep */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > joined && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove (out, in, n);
            out += n;
        }
        in = end;
    }
    if (out == joined)
        *out++ = '/';
    *out = '\0';
    return joined;
}

static int
by_path (const void *a, const void *b)
{
    return strcmp (((const _saekin_found_t *) a)->path,
                   ((const _saekin_found_t *) b)->path);
}

void
_saekin_found_list_sort (_saekin_found_list_t *out)
{
    if (out->n > 1)
        qsort (out->items, out->n, sizeof *out->items, by_path);
    /* A note two roots reach (a file kept as a root, then its folder
     * added) is one note. */
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (k && strcmp (out->items[k - 1].path, out->items[i].path) == 0) {
            free (out->items[i].path);
            continue;
        }
        out->items[k++] = out->items[i];
    }
    out->n = k;
}

void
_saekin_found_list_clear (_saekin_found_list_t *out)
{
    for (size_t i = 0; i < out->n; i++)
        free (out->items[i].path);
    free (out->items);
    for (size_t i = 0; i < out->n_skipped; i++)
        free (out->skipped[i]);
    free (out->skipped);
    memset (out, 0, sizeof *out);
}
