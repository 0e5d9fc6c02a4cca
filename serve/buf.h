/* buf.h - a growing byte buffer and the JSON pieces saekin-serve writes
 * around libsaekin's own hit objects. */
#ifndef SAEKIN_SERVE_BUF_H
#define SAEKIN_SERVE_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
    bool oom; /* an append failed: the buffer is not to be sent */
} buf_t;

void buf_add (buf_t *b, const char *s, size_t n);
void buf_puts (buf_t *b, const char *s);
void buf_printf (buf_t *b, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
/** S as a JSON string with its quotes; '<', '>' and '&' as \u escapes
 * too, so that no byte of it reads as markup wherever it lands;
 * invalid UTF-8 becomes U+FFFD. */
void buf_json_string (buf_t *b, const char *s);
/** Hand the data over (the caller frees it) and empty B; NULL on OOM. */
char *buf_take (buf_t *b, size_t *len);
void buf_free (buf_t *b);

#endif
