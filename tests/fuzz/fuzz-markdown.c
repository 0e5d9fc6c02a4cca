/* fuzz-markdown.c - libFuzzer target for the Markdown splitter: any bytes
 * are repaired by _saekin_normalize(), split into entries, and each entry
 * must survive serialising and parsing back unchanged and turn into JSON.
 * Checks what every entry promises: lines in order and inside the note,
 * strings that are valid UTF-8 without NUL. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "entry.h"
#include "fuzz-common.h"
#include "json.h"
#include "markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
on_warning (void *ctx, unsigned line, const char *message)
{
    (void) ctx;
    (void) line;
    fuzz_check (message && *message, "a warning without a message");
}

static int
same_strings (char *const *a, char *const *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp (a[i], b[i]) != 0)
            return 0;
    return 1;
}

static int
same_links (const _saekin_entry_link_t *a, const _saekin_entry_link_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp (a[i].url, b[i].url) != 0 || strcmp (a[i].text, b[i].text) != 0)
            return 0;
    return 1;
}

static void
check_entry (const _saekin_entry_t *e, unsigned n_lines)
{
    fuzz_check (e->first_line >= 1, "entry starts before line 1");
    fuzz_check (e->first_line <= e->last_line, "entry ends before it starts");
    fuzz_check (e->last_line <= n_lines, "entry ends after the note");
    fuzz_utf8 (e->title, "title");
    fuzz_utf8 (e->text, "text");
    fuzz_utf8 (e->struck, "struck");
    for (size_t i = 0; i < e->n_heading; i++)
        fuzz_utf8 (e->heading[i], "heading");
    for (size_t i = 0; i < e->n_links; i++) {
        fuzz_utf8 (e->links[i].url, "link url");
        fuzz_utf8 (e->links[i].text, "link text");
    }
    /* Serialised and parsed back, the entry is the same. */
    size_t len = 0;
    char *data = _saekin_entry_serialize ("/notes/fuzz.md", e, &len);
    fuzz_check (data != NULL, "serialize failed");
    char *file = NULL;
    _saekin_entry_t back;
    fuzz_check (_saekin_entry_parse (data, len, &file, &back), "parse failed");
    fuzz_check (strcmp (file, "/notes/fuzz.md") == 0, "file changed");
    fuzz_check (
        back.first_line == e->first_line && back.last_line == e->last_line
            && strcmp (back.title, e->title) == 0 && strcmp (back.text, e->text) == 0
            && strcmp (back.struck, e->struck) == 0 && back.n_heading == e->n_heading
            && same_strings (back.heading, e->heading, e->n_heading)
            && back.n_links == e->n_links && same_links (back.links, e->links, e->n_links)
            && back.n_heading_links == e->n_heading_links
            && same_links (back.heading_links, e->heading_links, e->n_heading_links),
        "entry changed through serialize and parse");
    char *json = _saekin_entry_json (file, &back);
    fuzz_check (json != NULL, "entry json failed");
    fuzz_utf8 (json, "entry json");
    free (json);
    free (file);
    _saekin_entry_clear (&back);
    free (data);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
    size_t norm_len = 0, replaced = 0;
    char *norm = _saekin_normalize ((const char *) data, size, &norm_len, &replaced);
    fuzz_check (norm != NULL, "normalize failed");
    if (memchr (data, '\0', size)) {
        /* The indexer skips such a note as binary before splitting. */
        free (norm);
        return 0;
    }
    fuzz_check (strlen (norm) == norm_len, "normalized text holds a NUL");
    fuzz_utf8 (norm, "normalized text");
    unsigned n_lines = 1;
    for (size_t i = 0; i < norm_len; i++)
        n_lines += norm[i] == '\n' || (norm[i] == '\r' && norm[i + 1] != '\n');
    _saekin_entry_list_t list = { 0 };
    int r = _saekin_markdown_split (norm, norm_len, &list, on_warning, NULL);
    fuzz_check (r == 0, "markdown split failed");
    for (size_t i = 0; i < list.n; i++) {
        check_entry (&list.items[i], n_lines);
        if (i > 0)
            fuzz_check (list.items[i - 1].first_line <= list.items[i].first_line,
                        "entries out of file order");
    }
    _saekin_entry_list_clear (&list);
    free (norm);
    return 0;
}
