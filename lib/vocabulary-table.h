/* vocabulary-table.h - the shipped vocabularies as a ready-made table,
 * compiled into libsaekin (lib/vocabulary-data.c, written at build time
 * by lib/vocabulary-compile from the data/ vocabularies), so that a query start
 * finds them without parsing anything.  Private to vocabulary.c. */
#ifndef SAEKIN_VOCABULARY_TABLE_H
#define SAEKIN_VOCABULARY_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vocabulary.h"

/** One slot of the open-addressing key table. */
typedef struct {
    const char *key;  /* NULL for an empty slot */
    uint32_t hash;    /* FNV-1a of KEY */
    uint32_t concept; /* index into the concepts */
} _saekin_vocabulary_slot_t;

typedef struct {
    _saekin_concept_t *concepts;
    size_t n_concepts;
    const _saekin_vocabulary_slot_t *slots;
    size_t n_slots; /* a power of two, or 0 */
    size_t n_keys;
    /* the vendors' names, folded ("aws", "amazon"): the @vendor lines */
    const char *const *vendors;
    size_t n_vendors;
} _saekin_vocabulary_table_t;

/** The shipped vocabularies. */
extern const _saekin_vocabulary_table_t _saekin_vocabulary_builtin;

/** Write V as C source defining _saekin_vocabulary_builtin (what
 * lib/vocabulary-compile does).  0, or -1 when OUT has a write error. */
int _saekin_vocabulary_write_c (const _saekin_vocabulary_t *v, FILE *out);

#endif
