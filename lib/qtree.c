/* qtree.c - building, freeing and describing query trees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qtree.h"

_saekin_qnode_t *
_saekin_qnode_new (_saekin_qop_t op)
{
    _saekin_qnode_t *n = calloc (1, sizeof *n);
    if (n) {
        n->op = op;
        n->wqf = 1;
        n->scale = 1.0;
    }
    return n;
}

_saekin_qnode_t *
_saekin_qnode_term (const char *term, unsigned wqf)
{
    _saekin_qnode_t *n = _saekin_qnode_new (_SAEKIN_Q_TERM);
    if (! n)
        return NULL;
    n->term = strdup (term);
    if (! n->term) {
        free (n);
        return NULL;
    }
    n->wqf = wqf ? wqf : 1;
    return n;
}

int
_saekin_qnode_add (_saekin_qnode_t *parent, _saekin_qnode_t *child)
{
    if (! child)
        return -1;
    _saekin_qnode_t **c = realloc (parent->children,
                                   (parent->n_children + 1) * sizeof *c);
    if (! c) {
        _saekin_qnode_free (child);
        return -1;
    }
    c[parent->n_children++] = child;
    parent->children = c;
    return 0;
}

void
_saekin_qnode_free (_saekin_qnode_t *node)
{
    if (! node)
        return;
    for (size_t i = 0; i < node->n_children; i++)
        _saekin_qnode_free (node->children[i]);
    free (node->children);
    free (node->term);
    free (node);
}

static const char *const op_names[] = {
    "TERM",      "AND",   "OR",       "AND_NOT", "SYNONYM", "PHRASE",
    "PROXIMITY", "SCALE", "WILDCARD", "FILTER",  "ALL",
};

static void
describe (const _saekin_qnode_t *n, FILE *out)
{
    switch (n->op) {
    case _SAEKIN_Q_TERM:
        fprintf (out, "%s", n->term);
        if (n->wqf > 1)
            fprintf (out, "#%u", n->wqf);
        return;
    case _SAEKIN_Q_WILDCARD:
        fprintf (out, "%s*", n->term);
        return;
    case _SAEKIN_Q_ALL:
        fputs ("<all>", out);
        return;
    default:
        break;
    }
    fprintf (out, "(%s", op_names[n->op]);
    if (n->op == _SAEKIN_Q_SCALE || n->op == _SAEKIN_Q_PROXIMITY)
        fprintf (out, " %.2f", n->scale);
    if (n->op == _SAEKIN_Q_PHRASE)
        fprintf (out, "/%u", n->window);
    for (size_t i = 0; i < n->n_children; i++) {
        fputc (' ', out);
        describe (n->children[i], out);
    }
    fputc (')', out);
}

char *
_saekin_qnode_describe (const _saekin_qnode_t *node)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream (&buf, &len);
    if (! out)
        return NULL;
    describe (node, out);
    if (fclose (out) != 0) {
        free (buf);
        return NULL;
    }
    return buf;
}
