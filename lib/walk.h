/* walk.h - finding the notes under a root.  Private to lib/. */
#ifndef SAEKIN_WALK_H
#define SAEKIN_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

/** A note found on disk. */
typedef struct {
    char *path;   /* as reached: the root joined with the path below it */
    size_t below; /* where in PATH the part below the root starts (for a
                   * root that is a file, its name) */
    off_t size;
    struct timespec mtime;
} _saekin_found_t;

typedef struct {
    _saekin_found_t *items;
    size_t n;
    size_t cap;
    /* files the walk left out (hidden ones aside): counts, and each as
     * "image\tPATH" or "other\tPATH" */
    size_t skipped_images;
    size_t skipped_other;
    char **skipped;
    size_t n_skipped;
} _saekin_found_list_t;

/** Append to OUT every note (*.md, *.markdown, *.mdown, *.mkd, *.txt in any case; regular files, following
 * links to files, never leaving ROOT through a folder link loop) under
 * ROOT, or ROOT itself when it is a file.  Problems (unreadable folders,
 * loops) go to WARN and the walk goes on.  Returns 0, or -1 when ROOT
 * itself cannot be read (errno set) or out of memory. */
int _saekin_walk (const char *root, _saekin_found_list_t *out,
                  void (*warn) (void *ctx, const char *path, const char *msg), void *ctx);

/** Whether NAME (a file name, no folder) is a note's: not hidden, and
 * ending in a note's extension. */
bool _saekin_is_note_name (const char *name);

/** Whether the walk leaves out the folder NAME (hidden ones such as
 * .git and .obsidian, node_modules). */
bool _saekin_skipped_folder (const char *name);

/** Sort OUT by path (byte order) so runs are deterministic. */
void _saekin_found_list_sort (_saekin_found_list_t *out);

void _saekin_found_list_clear (_saekin_found_list_t *out);

/** Read the regular file PATH whole (at most 64 MB) into *BUF (malloc'd,
 * NUL-terminated), its length in *LEN, its status in *ST.  Returns 0, or
 * -1 with errno set (EISDIR: not a regular file; EFBIG: too large). */
int _saekin_read_whole (const char *path, char **buf, size_t *len, struct stat *st);

/** True when PATH lies under the folder ROOT. */
bool _saekin_path_under (const char *path, const char *root);

/** PATH made absolute and cleaned of ".", "..", doubled and trailing
 * slashes.  Malloc'd; NULL when out of memory or the current folder
 * cannot be named. */
char *_saekin_absolute_path (const char *path);

#endif
