/* vocabulary-compile.c - read the vocabulary files given and print them as
 * a C table for libsaekin (lib/vocabulary-data.c), so that no query start
 * has to parse them.  Run by Makefile.am; any bad line fails the build,
 * naming the file and line.
 *
 *   lib/vocabulary-compile FILE.tsv... > lib/vocabulary-data.c */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vocabulary-table.h"
#include "vocabulary.h"

/* The compiler itself starts from an empty table. */
const _saekin_vocabulary_table_t _saekin_vocabulary_builtin = { NULL, 0,    NULL, 0,
                                                                0,    NULL, 0 };

static unsigned warnings;

static void
warn (void *ctx, const char *file, unsigned line, const char *msg)
{
    (void) ctx;
    fprintf (stderr, "%s:%u: %s\n", file, line, msg);
    warnings++;
}

int
main (int argc, char **argv)
{
    _saekin_vocabulary_t *v = _saekin_vocabulary_new ();
    if (! v) {
        fputs ("vocabulary-compile: out of memory\n", stderr);
        return 1;
    }
    for (int i = 1; i < argc; i++)
        if (_saekin_vocabulary_add_file (v, argv[i], warn, NULL) != 0) {
            fprintf (stderr, "vocabulary-compile: %s: %s\n", argv[i], strerror (errno));
            return 1;
        }
    if (warnings)
        return 1;
    int rc = _saekin_vocabulary_write_c (v, stdout);
    _saekin_vocabulary_free (v);
    if (rc != 0) {
        fputs ("vocabulary-compile: write error\n", stderr);
        return 1;
    }
    return 0;
}
