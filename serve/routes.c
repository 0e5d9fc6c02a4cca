/* routes.c - the page, the JSON API and the checks every request passes
 * first: GET or HEAD only, no body, a Host that names this server (DNS
 * rebinding), and on every answer a strict Content-Security-Policy,
 * nosniff and no CORS header at all.
 *
 * Each thread of MHD's pool keeps its own searcher (libsaekin handles,
 * and the Xapian databases behind them, are not shared between threads),
 * opened at its first request and brought up to the last finished index
 * update before each search. */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assets.h"
#include "buf.h"
#include "routes.h"
#include "saekin.h"

/* Long enough for any question a person types; short enough that no
 * query can keep a thread busy for long. */
#define MAX_QUERY_BYTES 512
#define MAX_HITS        100
#define MAX_OFFSET      1000

/* The page loads its script, style and data from this server only, runs
 * no inline script and can be framed by nobody. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                          "form-action 'self'; frame-ancestors 'none'";

static pthread_key_t searcher_key;
static pthread_mutex_t settings_lock = PTHREAD_MUTEX_INITIALIZER;

static void
close_searcher (void *s)
{
    saekin_searcher_close (s);
}

int
routes_init (void)
{
    return pthread_key_create (&searcher_key, close_searcher) == 0 ? 0 : -1;
}

static enum MHD_Result
respond (struct MHD_Connection *conn, unsigned code, const char *type, const void *body,
         size_t len, enum MHD_ResponseMemoryMode mode, bool cache)
{
    struct MHD_Response *r = MHD_create_response_from_buffer (len, (void *) body, mode);
    if (! r)
        return MHD_NO;
    MHD_add_response_header (r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header (r, "Content-Security-Policy", csp);
    MHD_add_response_header (r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header (r, "X-Frame-Options", "DENY");
    MHD_add_response_header (r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header (r, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header (r, MHD_HTTP_HEADER_CACHE_CONTROL,
                             cache ? "max-age=300" : "no-store");
    enum MHD_Result ok = MHD_queue_response (conn, code, r);
    MHD_destroy_response (r);
    return ok;
}

static enum MHD_Result
send_json (struct MHD_Connection *conn, unsigned code, buf_t *b)
{
    size_t len;
    char *body = buf_take (b, &len);
    if (! body)
        return respond (conn, 500, "application/json", "{\"error\":\"out of memory\"}",
                        25, MHD_RESPMEM_PERSISTENT, false);
    return respond (conn, code, "application/json; charset=utf-8", body, len,
                    MHD_RESPMEM_MUST_FREE, false);
}

static enum MHD_Result
send_error (struct MHD_Connection *conn, unsigned code, const char *message)
{
    buf_t b = { 0 };
    buf_puts (&b, "{\"error\":");
    buf_json_string (&b, message);
    buf_printf (&b, ",\"status\":%u}", code);
    return send_json (conn, code, &b);
}

/* This thread's searcher, opened at its first use; NULL when the indexes
 * cannot be opened, with the 503 that says why queued on CONN and its
 * result in *SENT. */
static saekin_searcher_t *
thread_searcher (struct MHD_Connection *conn, const serve_config_t *cfg,
                 enum MHD_Result *sent)
{
    saekin_searcher_t *s = pthread_getspecific (searcher_key);
    if (s) {
        /* On failure (a rebuild halfway through its swap) the searcher
         * keeps answering from the state it had. */
        saekin_searcher_refresh (s);
        return s;
    }
    char *msg = NULL;
    pthread_mutex_lock (&settings_lock);
    saekin_status_t st = saekin_searcher_open_with_settings (cfg->dbs, cfg->n_dbs,
                                                             cfg->settings, &s, &msg);
    pthread_mutex_unlock (&settings_lock);
    if (st != SAEKIN_STATUS_SUCCESS) {
        *sent = send_error (conn, 503, msg ? msg : "the index cannot be opened");
        free (msg);
        return NULL;
    }
    pthread_setspecific (searcher_key, s);
    return s;
}

/* ---- checks ---- */

/* Whether the Host header names this server: the address listened on,
 * localhost, 127.0.0.1 or [::1], with the port listened on.  A page on
 * another site that rebinds its own name to 127.0.0.1 sends its name
 * here, and is refused. */
static bool
host_allowed (const serve_config_t *cfg, const char *host)
{
    if (! host || ! *host)
        return false;
    const char *name = host, *colon;
    size_t name_len;
    if (*host == '[') {
        const char *close = strchr (host, ']');
        if (! close)
            return false;
        name_len = (size_t) (close - host) + 1;
        colon = close[1] == ':' ? close + 1 : close[1] ? (const char *) "" : NULL;
        if (colon && ! *colon)
            return false;
    } else {
        colon = strrchr (host, ':');
        name_len = colon ? (size_t) (colon - host) : strlen (host);
    }
    unsigned long port = 80;
    if (colon) {
        char *end;
        errno = 0;
        port = strtoul (colon + 1, &end, 10);
        if (*end || end == colon + 1 || errno)
            return false;
    }
    if (port != cfg->port)
        return false;
    static const char *const local[] = { "localhost", "127.0.0.1", "[::1]" };
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (strlen (local[i]) == name_len && strncasecmp (name, local[i], name_len) == 0)
            return true;
    const char *mine = cfg->listen_host;
    size_t mine_len = strlen (mine);
    if (strchr (mine, ':') && *mine != '[') /* an IPv6 address given bare */
        return name_len == mine_len + 2 && name[0] == '['
               && strncasecmp (name + 1, mine, mine_len) == 0;
    return mine_len == name_len && strncasecmp (name, mine, name_len) == 0;
}

/* Parse a whole decimal number from 0 to MAX. */
static bool
parse_number (const char *s, unsigned long max, unsigned long *out)
{
    if (! s || ! *s)
        return false;
    for (const char *p = s; *p; p++)
        if (! isdigit ((unsigned char) *p) || p - s > 9)
            return false;
    *out = strtoul (s, NULL, 10);
    return *out <= max;
}

static const char *
arg (struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value (conn, MHD_GET_ARGUMENT_KIND, name);
}

/* ---- the API ---- */

static enum MHD_Result
api_search (struct MHD_Connection *conn, const serve_config_t *cfg)
{
    const char *q = arg (conn, "q"), *n_arg = arg (conn, "n");
    const char *offset_arg = arg (conn, "offset"), *prefix_arg = arg (conn, "prefix");
    unsigned long n = 10, offset = 0, prefix = 0;
    if (! q || ! *q)
        return send_error (conn, 400, "give the query as q=");
    if (strlen (q) > MAX_QUERY_BYTES)
        return send_error (conn, 400, "the query is too long (512 bytes at most)");
    if (n_arg && ! parse_number (n_arg, MAX_HITS, &n))
        return send_error (conn, 400, "n must be a number from 1 to 100");
    if (n_arg && n == 0)
        return send_error (conn, 400, "n must be a number from 1 to 100");
    if (offset_arg && ! parse_number (offset_arg, MAX_OFFSET, &offset))
        return send_error (conn, 400, "offset must be a number from 0 to 1000");
    if (prefix_arg && ! parse_number (prefix_arg, 1, &prefix))
        return send_error (conn, 400, "prefix must be 0 or 1");
    enum MHD_Result sent;
    saekin_searcher_t *s = thread_searcher (conn, cfg, &sent);
    if (! s)
        return sent;
    saekin_hits_t *hits = NULL;
    saekin_status_t st = saekin_searcher_query_page (
        s, q, offset, n, prefix ? SAEKIN_QUERY_PREFIX : 0, &hits);
    if (st == SAEKIN_STATUS_BAD_QUERY || st == SAEKIN_STATUS_BAD_ARGUMENT)
        return send_error (conn, 400, saekin_searcher_status_string (s));
    if (st != SAEKIN_STATUS_SUCCESS)
        return send_error (conn, 500, saekin_searcher_status_string (s));
    buf_t b = { 0 };
    buf_puts (&b, "{\"query\":");
    buf_json_string (&b, q);
    buf_printf (
        &b, ",\"prefix\":%s,\"offset\":%lu,\"total\":%zu,\"correction\":null,\"hits\":[",
        prefix ? "true" : "false", offset, saekin_hits_estimate (hits));
    for (size_t i = 0; i < saekin_hits_count (hits); i++) {
        char *json = saekin_hit_json (saekin_hits_get (hits, i));
        if (! json)
            b.oom = true;
        else {
            if (i)
                buf_puts (&b, ",");
            buf_puts (&b, json);
            free (json);
        }
    }
    buf_puts (&b, "]}");
    saekin_hits_free (hits);
    return send_json (conn, 200, &b);
}

static enum MHD_Result
api_docs (struct MHD_Connection *conn, const serve_config_t *cfg)
{
    const char *name = arg (conn, "name");
    if (! name || ! *name)
        return send_error (conn, 400, "give the service's name as name=");
    if (strlen (name) > MAX_QUERY_BYTES)
        return send_error (conn, 400, "the name is too long");
    saekin_hits_t *hits = NULL;
    pthread_mutex_lock (&settings_lock);
    saekin_status_t st = saekin_docs_lookup_with_settings (cfg->settings, name, &hits);
    pthread_mutex_unlock (&settings_lock);
    if (st != SAEKIN_STATUS_SUCCESS)
        return send_error (conn, 500, saekin_status_to_string (st));
    if (saekin_hits_count (hits) == 0) {
        saekin_hits_free (hits);
        buf_t m = { 0 };
        buf_printf (&m, "no service named '%s' in the vocabulary", name);
        enum MHD_Result r = send_error (conn, 404, m.data ? m.data : "no such service");
        buf_free (&m);
        return r;
    }
    buf_t b = { 0 };
    buf_puts (&b, "{\"name\":");
    buf_json_string (&b, name);
    buf_puts (&b, ",\"hits\":[");
    char *json = saekin_hit_json (saekin_hits_get (hits, 0));
    if (json)
        buf_puts (&b, json);
    else
        b.oom = true;
    free (json);
    buf_puts (&b, "]}");
    saekin_hits_free (hits);
    return send_json (conn, 200, &b);
}

static enum MHD_Result
api_note (struct MHD_Connection *conn, const serve_config_t *cfg)
{
    const char *file = arg (conn, "file"), *line_arg = arg (conn, "line");
    unsigned long line = 0;
    if (! file || ! *file)
        return send_error (conn, 400, "give the note as file=");
    if (line_arg && ! parse_number (line_arg, 100000000, &line))
        return send_error (conn, 400, "line must be a line number");
    enum MHD_Result sent;
    saekin_searcher_t *s = thread_searcher (conn, cfg, &sent);
    if (! s)
        return sent;
    char *html = NULL;
    saekin_status_t st = saekin_searcher_note_html (s, file, (unsigned) line, &html);
    if (st == SAEKIN_STATUS_FILE_ERROR)
        return send_error (conn, 404, saekin_searcher_status_string (s));
    if (st != SAEKIN_STATUS_SUCCESS)
        return send_error (conn, 500, saekin_searcher_status_string (s));
    buf_t b = { 0 };
    buf_puts (&b, "{\"file\":");
    buf_json_string (&b, file);
    buf_printf (&b, ",\"line\":%lu,\"html\":", line);
    buf_json_string (&b, html);
    buf_puts (&b, "}");
    free (html);
    return send_json (conn, 200, &b);
}

static enum MHD_Result
api_config (struct MHD_Connection *conn, const serve_config_t *cfg)
{
    buf_t b = { 0 };
    buf_puts (&b, "{\"editor\":");
    buf_json_string (&b, cfg->editor);
    buf_puts (&b, ",\"version\":");
    buf_json_string (&b, SAEKIN_VERSION);
    buf_puts (&b, "}");
    return send_json (conn, 200, &b);
}

static enum MHD_Result
send_asset (struct MHD_Connection *conn, const char *name)
{
    for (const asset_t *a = assets; a->name; a++) {
        if (strcmp (a->name, name) != 0)
            continue;
        const char *dot = strrchr (name, '.');
        const char *type = ! dot                        ? "application/octet-stream"
                           : strcmp (dot, ".html") == 0 ? "text/html; charset=utf-8"
                           : strcmp (dot, ".js") == 0   ? "text/javascript; charset=utf-8"
                           : strcmp (dot, ".css") == 0  ? "text/css; charset=utf-8"
                           : strcmp (dot, ".svg") == 0  ? "image/svg+xml"
                           : strcmp (dot, ".png") == 0  ? "image/png"
                                                        : "application/octet-stream";
        return respond (conn, 200, type, a->data, a->len, MHD_RESPMEM_PERSISTENT, false);
    }
    return send_error (conn, 404, "not found");
}

enum MHD_Result
routes_handle (void *cls, struct MHD_Connection *conn, const char *url,
               const char *method, const char *version, const char *upload_data,
               size_t *upload_data_size, void **con_cls)
{
    const serve_config_t *cfg = cls;
    (void) version;
    (void) upload_data;
    /* A bad method or a body is refused at the first call, before any
     * body is read: nothing here takes one. */
    if (*con_cls == NULL) {
        *con_cls = (void *) 1;
        if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
            return send_error (conn, 405, "only GET is served");
        const char *clen = MHD_lookup_connection_value (conn, MHD_HEADER_KIND,
                                                        MHD_HTTP_HEADER_CONTENT_LENGTH);
        if ((clen && strcmp (clen, "0") != 0)
            || MHD_lookup_connection_value (conn, MHD_HEADER_KIND,
                                            MHD_HTTP_HEADER_TRANSFER_ENCODING))
            return send_error (conn, 413, "a request body is not accepted");
        return MHD_YES; /* answered at the next call: a response queued
                         * this early would close the connection */
    }
    if (*upload_data_size) {
        *upload_data_size = 0; /* a chunked body sneaked past: not read */
        return MHD_YES;
    }
    if (! host_allowed (cfg, MHD_lookup_connection_value (conn, MHD_HEADER_KIND,
                                                          MHD_HTTP_HEADER_HOST)))
        return send_error (conn, 403, "the Host header does not name this server");
    if (strcmp (url, "/") == 0 || strcmp (url, "/index.html") == 0)
        return send_asset (conn, "page.html");
    if (strcmp (url, "/api/search") == 0)
        return api_search (conn, cfg);
    if (strcmp (url, "/api/docs") == 0)
        return api_docs (conn, cfg);
    if (strcmp (url, "/api/note") == 0)
        return api_note (conn, cfg);
    if (strcmp (url, "/api/config") == 0)
        return api_config (conn, cfg);
    if (strncmp (url, "/api/", 5) == 0)
        return send_error (conn, 404, "no such API");
    return send_asset (conn, url + 1);
}
