/* saekin-serve - a local search page and JSON API over saekin indexes.
 * Options, the listening socket and signals here; what is answered is
 * routes.c's, and all searching is libsaekin's. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "routes.h"
#include "saekin.h"

static const char *program = "saekin-serve";

#define DEFAULT_LISTEN "127.0.0.1:7777"
#define DEFAULT_EDITOR "vscode://file/{path}:{line}"
/* A search the matcher has not finished in this time settles for the
 * best hits found so far: no query holds a thread for long. */
#define QUERY_SECONDS 5.0

/* Warnings about the settings' files (a bad synonyms line). */
static void
on_warning (void *data, const char *file, unsigned line, const char *message)
{
    (void) data;
    if (line)
        fprintf (stderr, "%s: %s:%u: %s\n", program, file, line, message);
    else
        fprintf (stderr, "%s: %s: %s\n", program, file, message);
}

static void
usage (FILE *out)
{
    fprintf (out,
             "Usage: %s [OPTION]...\n"
             "Serve a search page and a JSON API over the saekin index, for a browser\n"
             "on this machine.  The first line printed is the address to open.\n"
             "\n"
             "  -d, --db=DIR          the index; may be given several times (default:\n"
             "                        $SAEKIN_DB, else $XDG_DATA_HOME/saekin, else\n"
             "                        ~/.local/share/saekin)\n"
             "  -l, --listen=ADDR:PORT  where to listen (default " DEFAULT_LISTEN ");\n"
             "                        port 0 takes a free port.  An address other than\n"
             "                        loopback lets other machines read your notes\n"
             "      --editor=TEMPLATE  link to open a hit's file, {path} and {line}\n"
             "                        replaced (default " DEFAULT_EDITOR ";\n"
             "                        file://{path} opens it in the browser)\n"
             "      --threads=N       answer N requests at once (default 4)\n"
             "      --help            display this help and exit\n"
             "      --version         output version information and exit\n"
             "\n"
             "SIGINT or SIGTERM stops it.  See saekin-serve(1) for the API.\n",
             program);
}

/* ADDR:PORT or [ADDR6]:PORT into *SA; HOST receives the address part
 * (without brackets), malloc'd.  Returns 0, or -1 with a message. */
static int
parse_listen (const char *spec, struct sockaddr_storage *sa, socklen_t *sa_len,
              char **host, bool *loopback)
{
    const char *colon = strrchr (spec, ':');
    if (! colon || colon == spec) {
        fprintf (stderr, "%s: --listen wants ADDRESS:PORT, got '%s'\n", program, spec);
        return -1;
    }
    const char *h = spec, *h_end = colon;
    if (*spec == '[') {
        h = spec + 1;
        h_end = strchr (spec, ']');
        if (! h_end || h_end + 1 != colon) {
            fprintf (stderr, "%s: --listen wants [ADDRESS]:PORT, got '%s'\n", program,
                     spec);
            return -1;
        }
    }
    char *end;
    errno = 0;
    unsigned long port = strtoul (colon + 1, &end, 10);
    if (*end || end == colon + 1 || errno || port > 65535) {
        fprintf (stderr, "%s: bad port in '%s': give 0 to 65535\n", program, spec);
        return -1;
    }
    *host = strndup (h, (size_t) (h_end - h));
    if (! *host)
        return -1;
    struct addrinfo hints = { 0 }, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int e = getaddrinfo (*host, NULL, &hints, &res);
    if (e != 0 || ! res) {
        fprintf (stderr, "%s: cannot listen on '%s': %s\n", program, *host,
                 e ? gai_strerror (e) : "no address");
        return -1;
    }
    memcpy (sa, res->ai_addr, res->ai_addrlen);
    *sa_len = res->ai_addrlen;
    freeaddrinfo (res);
    if (sa->ss_family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *) sa;
        in->sin_port = htons ((uint16_t) port);
        *loopback = (ntohl (in->sin_addr.s_addr) >> 24) == 127;
    } else {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) sa;
        in6->sin6_port = htons ((uint16_t) port);
        *loopback = IN6_IS_ADDR_LOOPBACK (&in6->sin6_addr);
    }
    return 0;
}

int
main (int argc, char **argv)
{
    enum { OPT_EDITOR = 256, OPT_THREADS, OPT_HELP, OPT_VERSION };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "listen", required_argument, NULL, 'l' },
        { "editor", required_argument, NULL, OPT_EDITOR },
        { "threads", required_argument, NULL, OPT_THREADS },
        { "help", no_argument, NULL, OPT_HELP },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    const char **dbs = calloc ((size_t) argc + 1, sizeof *dbs);
    size_t n_dbs = 0;
    const char *listen_spec = DEFAULT_LISTEN, *editor = DEFAULT_EDITOR;
    long threads = 4;
    int c;
    if (! dbs)
        return 2;
    while ((c = getopt_long (argc, argv, "d:l:", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd':
            dbs[n_dbs++] = optarg;
            break;
        case 'l':
            listen_spec = optarg;
            break;
        case OPT_EDITOR:
            editor = optarg;
            break;
        case OPT_THREADS:
            threads = strtol (optarg, &end, 10);
            if (*end || end == optarg || threads < 1 || threads > 64) {
                fprintf (stderr, "%s: invalid thread count '%s': give 1 to 64\n", program,
                         optarg);
                return 2;
            }
            break;
        case OPT_HELP:
            usage (stdout);
            return 0;
        case OPT_VERSION:
            printf ("%s (saekin) %s\n", program, SAEKIN_VERSION);
            return 0;
        default:
            fprintf (stderr, "Try '%s --help' for more information.\n", program);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf (stderr,
                 "%s: unexpected argument '%s'\nTry '%s --help' for more information.\n",
                 program, argv[optind], program);
        return 2;
    }
    char *default_db = NULL, *host = NULL, *msg = NULL;
    saekin_settings_t *settings = NULL;
    saekin_status_t st;
    if (n_dbs == 0) {
        if (! (default_db = saekin_default_db_path ())) {
            fprintf (stderr, "%s: no index: give --db or set SAEKIN_DB\n", program);
            goto fail;
        }
        dbs[n_dbs++] = default_db;
    }
    /* The library reads no environment itself: $SAEKIN_VOCABULARY and
     * the user's synonyms file.  The time limit is ours, whatever
     * $SAEKIN_QUERY_TIMEOUT (saekin-query's) says. */
    st = saekin_settings_new (&settings);
    if (st == SAEKIN_STATUS_SUCCESS)
        st = saekin_read_environment (settings, NULL);
    if (st == SAEKIN_STATUS_SUCCESS)
        st = saekin_settings_set_timeout (settings, QUERY_SECONDS);
    if (st == SAEKIN_STATUS_SUCCESS)
        st = saekin_settings_set_warning_callback (settings, on_warning, NULL);
    if (st != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, saekin_status_to_string (st));
        goto fail;
    }
    /* Open once here, so that a missing index is said at once and not
     * at the first request. */
    saekin_searcher_t *probe = NULL;
    if (saekin_searcher_open_with_settings (dbs, n_dbs, settings, &probe, &msg)
        != SAEKIN_STATUS_SUCCESS) {
        fprintf (stderr, "%s: %s\n", program, msg ? msg : "cannot open the index");
        goto fail;
    }
    saekin_searcher_close (probe);

    struct sockaddr_storage sa;
    socklen_t sa_len = 0;
    bool loopback = false;
    if (parse_listen (listen_spec, &sa, &sa_len, &host, &loopback) < 0)
        goto fail;
    if (! loopback)
        fprintf (
            stderr,
            "%s: WARNING: listening on %s, which is not loopback: anyone who can\n"
            "%s: WARNING: reach this machine there can search and read your notes.\n",
            program, listen_spec, program);

    /* The pool threads inherit this mask: only the main thread takes
     * SIGINT and SIGTERM, in sigwait() below. */
    sigset_t stop;
    sigemptyset (&stop);
    sigaddset (&stop, SIGINT);
    sigaddset (&stop, SIGTERM);
    pthread_sigmask (SIG_BLOCK, &stop, NULL);
    signal (SIGPIPE, SIG_IGN);

    if (routes_init () < 0) {
        fprintf (stderr, "%s: out of resources\n", program);
        goto fail;
    }
    /* The socket is made here, not by MHD: SO_REUSEADDR (a restart
     * right after a stop binds again) but never SO_REUSEPORT, so that a
     * port another server holds is refused. */
    int fd = socket (sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
        || bind (fd, (struct sockaddr *) &sa, sa_len) != 0 || listen (fd, 64) != 0) {
        fprintf (stderr, "%s: cannot listen on %s: %s\n", program, listen_spec,
                 strerror (errno));
        goto fail;
    }
    socklen_t bound_len = sizeof sa;
    getsockname (fd, (struct sockaddr *) &sa, &bound_len);
    serve_config_t cfg = { dbs, n_dbs, host, 0, editor, settings };
    cfg.port = ntohs (sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *) &sa)->sin6_port
                                               : ((struct sockaddr_in *) &sa)->sin_port);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (sa.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon (
        flags, 0, NULL, NULL, routes_handle, &cfg, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned) threads,
        /* a request is a line and a few headers: 16 KiB each, 10 s idle
         * at most, a bounded number at once */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) 16384, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned) 10, MHD_OPTION_CONNECTION_LIMIT, (unsigned) 256, MHD_OPTION_END);
    if (! d) {
        fprintf (stderr, "%s: cannot serve on %s\n", program, listen_spec);
        goto fail;
    }
    if (sa.ss_family == AF_INET6)
        printf ("http://[%s]:%u/\n", host, cfg.port);
    else
        printf ("http://%s:%u/\n", host, cfg.port);
    if (fflush (stdout) != 0) {
        fprintf (stderr, "%s: write error\n", program);
        MHD_stop_daemon (d);
        return 2;
    }
    int sig = 0;
    sigwait (&stop, &sig);
    MHD_stop_daemon (d);
    saekin_settings_free (settings);
    free (host);
    free (default_db);
    free (dbs);
    return 0;
fail:
    /* Everything freed, so that a refusal is no leak either. */
    saekin_settings_free (settings);
    free (msg);
    free (host);
    free (default_db);
    free (dbs);
    return 2;
}
