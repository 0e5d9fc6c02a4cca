/* qtree.h - a query as a small tree that C code builds and the Xapian
 * shim turns into a Xapian::Query, so that query logic stays in C and
 * only xapian-shim.cc includes <xapian.h>.  Private to lib/. */
#ifndef SAEKIN_QTREE_H
#define SAEKIN_QTREE_H

#include <stddef.h>

typedef enum {
    _SAEKIN_Q_TERM, /* term, wqf */
    _SAEKIN_Q_AND,
    _SAEKIN_Q_OR,
    _SAEKIN_Q_AND_NOT,   /* first child minus the rest */
    _SAEKIN_Q_SYNONYM,   /* children count as one term */
    _SAEKIN_Q_PHRASE,    /* children in order, within WINDOW (0: exact) */
    _SAEKIN_Q_PROXIMITY, /* the root only: the first child ranked; a match
                           * holding the terms of the second (a PHRASE) in
                           * order within its WINDOW has its weight times
                           * SCALE.  Checked on the best matches only. */
    _SAEKIN_Q_SCALE,     /* one child, weight scaled by SCALE */
    _SAEKIN_Q_WILDCARD,  /* every term starting with TERM */
    _SAEKIN_Q_FILTER,    /* first child ranked, filtered by the rest (no weight) */
    _SAEKIN_Q_ALL,       /* every document */
} _saekin_qop_t;

typedef struct _saekin_qnode {
    _saekin_qop_t op;
    char *term;      /* TERM and WILDCARD: owned */
    unsigned wqf;    /* TERM: within-query frequency (weight), >= 1 */
    unsigned window; /* PHRASE */
    double scale;    /* SCALE, PROXIMITY */
    size_t n_children;
    struct _saekin_qnode **children; /* owned */
} _saekin_qnode_t;

/** A new leaf for TERM (copied) with WQF; NULL when out of memory. */
_saekin_qnode_t *_saekin_qnode_term (const char *term, unsigned wqf);

/** A new inner node of OP with no children yet; NULL when out of memory. */
_saekin_qnode_t *_saekin_qnode_new (_saekin_qop_t op);

/** Append CHILD to PARENT, which takes ownership.  Returns 0, or -1 when
 * out of memory (CHILD is then freed). */
int _saekin_qnode_add (_saekin_qnode_t *parent, _saekin_qnode_t *child);

/** Free NODE and its children.  Accepts NULL. */
void _saekin_qnode_free (_saekin_qnode_t *node);

/** A readable dump of NODE into a malloc'd string, for tests and
 * --explain; NULL when out of memory. */
char *_saekin_qnode_describe (const _saekin_qnode_t *node);

#endif
