/* entry.h - a passage of a note ("entry") as the Markdown splitter makes
 * it, the indexer stores it and the searcher shows it.  Private to lib/. */
#ifndef SAEKIN_ENTRY_H
#define SAEKIN_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

/** A link found in a note.  Both strings are owned by the entry. */
typedef struct {
    char *url;
    char *text; /* "" for a bare URL or autolink */
} _saekin_entry_link_t;

/** One passage: a heading's section, or a list item with what is nested
 * under it.  Every string is NUL-terminated UTF-8 owned by the entry. */
typedef struct {
    unsigned first_line; /* 1-based, inclusive, from cmark's source positions */
    unsigned last_line;  /* 1-based, inclusive */
    char *title;         /* heading text or the item's lead words, plain */
    size_t n_heading;
    char **heading; /* headings (and parent items) above, outermost first */
    char *text;     /* body text, plain, blocks separated by '\n' */
    char *struck;   /* struck-through (~~...~~) text, kept apart so it
                           * can weigh less; "" when none */
    size_t n_links;
    _saekin_entry_link_t *links; /* links inside the entry */
    size_t n_heading_links;
    _saekin_entry_link_t *heading_links; /* links in the headings above it,
                                          * nearest heading first */
    char *tags; /* inline #tags in its text, each followed by '\n'; NULL
                 * when none.  The note's, not the passage's: not stored */
    bool navigation; /* only links (a table of contents, a link list), or
                      * in a section titled as references (참고 자료,
                      * References, 출처): it points to the content
                      * rather than holds it, so it ranks below content.
                      * Known to the splitter and the indexer only (not
                      * serialised: the index's terms carry it). */
} _saekin_entry_t;

/** A growable list of entries, in file order. */
typedef struct {
    _saekin_entry_t *items;
    size_t n;
    size_t cap;
} _saekin_entry_list_t;

/** Free everything ENTRY owns (not ENTRY itself). */
void _saekin_entry_clear (_saekin_entry_t *entry);

/** Free every entry of LIST and its array; LIST is left empty. */
void _saekin_entry_list_clear (_saekin_entry_list_t *list);

/** Append a zeroed entry to LIST; returns it, or NULL when out of memory. */
_saekin_entry_t *_saekin_entry_list_push (_saekin_entry_list_t *list);

/** Serialise ENTRY with its FILE path into a malloc'd byte string for a
 * Xapian document's data; *LEN receives its length.  NULL when out of
 * memory. */
char *_saekin_entry_serialize (const char *file, const _saekin_entry_t *entry,
                               size_t *len);

/** Parse DATA (from _saekin_entry_serialize) into *ENTRY and a malloc'd
 * *FILE.  Returns false (and leaves nothing allocated) when DATA is not
 * a serialised entry. */
bool _saekin_entry_parse (const char *data, size_t len, char **file,
                          _saekin_entry_t *entry);

#endif
