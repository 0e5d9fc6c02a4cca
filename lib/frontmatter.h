/* frontmatter.h - what a note says about itself: the YAML (---) or TOML
 * (+++) block at its top (title, tags, aliases) and its inline #tags.
 * Private to lib/. */
#ifndef SAEKIN_FRONTMATTER_H
#define SAEKIN_FRONTMATTER_H

#include <stddef.h>

/** A note's metadata.  Every string is malloc'd, NUL-terminated UTF-8
 * owned by the structure. */
typedef struct {
    char *title; /* NULL when the note names none */
    char **tags; /* lower-cased, without '#', each once */
    size_t n_tags;
    char **aliases; /* other names of the note */
    size_t n_aliases;
    unsigned first_line; /* lines of the block, 0 when there is none */
    unsigned last_line;
} _saekin_note_meta_t;

/** Called for a malformed block: LINE is 1-based. */
typedef void (*_saekin_frontmatter_warn_fn) (void *ctx, unsigned line,
                                             const char *message);

/** Read the front matter at the top of TEXT (LEN bytes, NFC UTF-8, a BOM
 * allowed) into META (zeroed by the caller) and blank the block in TEXT
 * (every byte but its line ends becomes a space), so that the Markdown
 * reader sees no passage there and line numbers stay those of the file.
 * A malformed block is told to WARN and left as text.  Returns 0, or -1
 * when out of memory. */
int _saekin_frontmatter_read (char *text, size_t len, _saekin_note_meta_t *meta,
                              _saekin_frontmatter_warn_fn warn, void *warn_ctx);

/** Add the tag S[0..N) to META: without a leading '#', ASCII lower-cased,
 * cut to 100 bytes; a nested tag "a/b" also adds "a".  Returns 0, or -1
 * when out of memory. */
int _saekin_note_meta_add_tag (_saekin_note_meta_t *meta, const char *s, size_t n);

/** Free what META holds and leave it zeroed. */
void _saekin_note_meta_clear (_saekin_note_meta_t *meta);

/** Call FN for each inline tag ("#word", after a space or at a line's
 * start, not all digits) in S[0..N).  Tag characters are letters,
 * digits, '_', '-' and '/'. */
void _saekin_inline_tags (const char *s, size_t n,
                          void (*fn) (void *ctx, const char *tag, size_t len), void *ctx);

#endif
