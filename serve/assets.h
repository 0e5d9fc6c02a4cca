/* assets.h - the page's files, embedded at build time (embed.c). */
#ifndef SAEKIN_SERVE_ASSETS_H
#define SAEKIN_SERVE_ASSETS_H

#include <stddef.h>

typedef struct {
    const char *name; /* the path it is served at, without the leading '/' */
    const unsigned char *data;
    size_t len;
} asset_t;

/** Every embedded file; the last has a NULL name. */
extern const asset_t assets[];

#endif
