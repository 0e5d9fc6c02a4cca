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

/** A read-only look at a vocabulary's parts, for lib/vocabulary-compile
 * (which writes them out as the C source of _saekin_vocabulary_builtin):
 * every pointer is V's and lives as long as it. */
typedef struct {
    _saekin_concept_t *const *concepts;
    size_t n_concepts;
    const _saekin_vocabulary_slot_t *slots;
    size_t n_slots;
    size_t n_keys;
    char *const *vendors;
    size_t n_vendors;
} _saekin_vocabulary_view_t;

/** Fill *VIEW with V's parts. */
void _saekin_vocabulary_view (const _saekin_vocabulary_t *v, _saekin_vocabulary_view_t *view);

#endif
