/* routes.h - what saekin-serve answers: the page, the JSON API and the
 * checks every request passes first. */
#ifndef SAEKIN_SERVE_ROUTES_H
#define SAEKIN_SERVE_ROUTES_H

#include <microhttpd.h>
#include <stddef.h>

#include "saekin.h"

typedef struct {
    const char *const *dbs; /* the indexes every searcher opens */
    size_t n_dbs;
    const char *listen_host; /* the address listened on, as given */
    unsigned port;           /* the port listened on (never 0) */
    const char *editor;      /* URL template for file:line links */
    /* The library's settings (vocabulary, synonyms, the query time
     * limit), read from the environment by main; a settings handle is
     * used by one thread at a time, so routes.c locks around it. */
    saekin_settings_t *settings;
} serve_config_t;

/** Ready the per-thread searchers; 0, or -1 when out of resources. */
int routes_init (void);

/** MHD's access handler; CLS is the serve_config_t. */
enum MHD_Result routes_handle (void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version,
                               const char *upload_data, size_t *upload_data_size,
                               void **con_cls);

#endif
