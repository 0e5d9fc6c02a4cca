/* vocabulary.h - the AWS vocabulary: one concept's names in English,
 * acronyms, Korean and transliterations, with its official docs links.
 * Loaded from the shipped data file merged with the user's own.  Private. */
#ifndef SAEKIN_VOCABULARY_H
#define SAEKIN_VOCABULARY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *name; /* canonical name, "AWS Key Management Service" */
    size_t n_aliases;
    char **aliases; /* every other spelling: "KMS", "키 관리 서비스" */
    size_t n_urls;
    char **urls; /* official docs, English first, then ko_kr */
} _saekin_concept_t;

typedef struct _saekin_vocabulary _saekin_vocabulary_t;

/** Load the shipped vocabulary (compiled in from data/aws- and cs-vocabulary.tsv;
 * the file VOCABULARY_PATH, when not NULL, is used instead) merged with
 * the user's synonyms file SYNONYMS_PATH (none when NULL).  The library
 * reads no environment: the caller's saekin_settings_t names the files.
 * Never fails for a missing file; returns NULL only when out of memory.
 * Bad lines are reported through WARN with the file and line. */
_saekin_vocabulary_t *_saekin_vocabulary_load (
    const char *vocabulary_path, const char *synonyms_path,
    void (*warn) (void *ctx, const char *file, unsigned line, const char *msg),
    void *ctx);

/** Load one vocabulary file into VOCAB (merging). 0, or -1 when the file
 * cannot be read. */
int _saekin_vocabulary_add_file (_saekin_vocabulary_t *vocab, const char *path,
                                 void (*warn) (void *ctx, const char *file, unsigned line,
                                               const char *msg),
                                 void *ctx);

/** An empty vocabulary; NULL when out of memory. */
_saekin_vocabulary_t *_saekin_vocabulary_new (void);

/** The concept one of whose names matches NAME (case, spacing and NFC
 * insensitive), borrowed; NULL when none. */
const _saekin_concept_t *_saekin_vocabulary_find (const _saekin_vocabulary_t *v,
                                                  const char *name);

/** The first field of a line listing the vendors' names ("@vendor <TAB>
 * AWS | Amazon"): a name may be written with or without one of them in
 * front. */
#define VENDOR_LINE "@vendor"

/** The length of a vendor's name and the space or hyphen after it at the
 * start of NAME, when a name follows ("Amazon Kinesis" gives 7); else 0.
 * The vendors are the shipped vocabulary's (its @vendor line), compiled
 * in, as title keys depend on them. */
size_t _saekin_vocabulary_vendor_prefix (const char *name);

/** True when WORD, folded as the analyser folds ("aws"), is a vendor's
 * name. */
bool _saekin_vocabulary_is_vendor (const char *word);

/** How many concepts, and concept I, borrowed. */
size_t _saekin_vocabulary_count (const _saekin_vocabulary_t *v);
const _saekin_concept_t *_saekin_vocabulary_get (const _saekin_vocabulary_t *v, size_t i);

void _saekin_vocabulary_free (_saekin_vocabulary_t *v);

#endif
