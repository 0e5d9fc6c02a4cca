/* xapian-shim.cc - the only code in saekin that includes <xapian.h>.
 *
 * Every extern "C" function wraps its whole body in try/catch and maps
 * what was thrown to a saekin_status_t through catch_status(), keeping the
 * message on the handle.  Nothing C++ escapes into C. */
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <dirent.h>
#include <time.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

extern "C" {
#include "xapian-shim.h"
}

/* What a writer keeps of its index folder (see "the index folder"). */
struct xfolder {
    int fd = -1;      /* the index folder */
    int lock = -1;    /* saekin.lock, flock()ed */
    mode_t mode = 0;  /* the folder's mode */
    std::string live; /* the live database's name in it; "" when the
                       * folder itself is one (an older layout) */
    unsigned long version = 0;

    ~xfolder ()
    {
        if (fd >= 0)
            close (fd);
        if (lock >= 0)
            close (lock); /* releases the lock */
    }
};

struct _saekin_xwriter {
    Xapian::WritableDatabase db;
    /* Opened with _saekin_xwriter_open_readonly(): DB stays unopened and
     * the reading functions read READER instead (see reading()). */
    bool readonly = false;
    Xapian::Database reader;
    std::string path;
    std::string message;
    bool in_transaction = false;
    /* Outside a transaction, commit every FLUSH_EVERY documents (0: leave
     * it to Xapian); ADDED counts them since the last commit. */
    size_t flush_every = 0;
    size_t added = 0;
    /* The index folder of a writer opened with _saekin_xwriter_open():
     * its lock, its live database.  PATH is then the folder, and DB the
     * database at PATH/FOLDER.live. */
    std::unique_ptr<xfolder> folder;
};

/* The folder of W's live database. */
static std::string
live_path (const _saekin_xwriter_t *w)
{
    return w->folder->live.empty () ? w->path : w->path + "/" + w->folder->live;
}

/* What W's reading functions read: its writable database itself (never
 * a copy of the handle, which a swap-in of a new database would leave
 * pointing at the old one), or its reader. */
static const Xapian::Database &
reading (const _saekin_xwriter_t *w)
{
    return w->readonly ? w->reader : w->db;
}

struct _saekin_xreader {
    Xapian::Database db;
    std::vector<std::string> paths;
    /* What each path named when it was opened (see live_state()): an
     * update that swaps a whole new database in (a rebuild, a compaction)
     * changes it, and only opening the path again reaches the new one. */
    std::vector<std::string> live;
    size_t estimate; /* matches estimated by the last search */
    std::string message;
    double time_limit = 0; /* seconds for the matcher; 0: none */
};

namespace
{

/* The value slot holding a document's place among all documents: its
 * note's unique term and its ordinal in the note.  Hits of equal weight
 * are ranked by it instead of by docid, so an index built up by updates
 * ranks exactly as a clean build of the same notes does. */
const Xapian::valueno SLOT_ORDER = 0;

std::string
order_key (const char *unique_term, size_t i)
{
    std::string key (unique_term);
    key += '\0';
    for (int shift = 24; shift >= 0; shift -= 8)
        key += (char) ((i >> shift) & 0xff);
    return key;
}

/* What a damaged index is told with, and what to do about it. */
const std::string DAMAGED = "the index is damaged (remove its folder and "
                            "index the notes again): ";

/* Map the exception in flight to a status, storing its text in MESSAGE.
 * WRITING says what a generic DatabaseError means: on a writer it is a
 * failure to write (disk full, read-only folder). */
saekin_status_t
catch_status (std::string &message, bool writing)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        /* Xapian throws this too when the lock file cannot be made (a
         * read-only folder or file system): that is no other writer. */
        if (e.get_msg ().find ("already locked") != std::string::npos) {
            message = "the index is being updated by another saekin-index";
            return SAEKIN_STATUS_LOCKED;
        }
        message = "cannot write the index: " + e.get_msg ();
        return SAEKIN_STATUS_WRITE_ERROR;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        message = "no index here: " + e.get_msg ();
        return SAEKIN_STATUS_NO_INDEX;
    } catch (const Xapian::DatabaseCorruptError &e) {
        message = DAMAGED + e.get_msg ();
        return SAEKIN_STATUS_CORRUPT;
    } catch (const Xapian::DatabaseVersionError &e) {
        message = "not an index saekin can read: " + e.get_msg ();
        return SAEKIN_STATUS_NO_INDEX;
    } catch (const Xapian::DatabaseOpeningError &e) {
        message = "cannot open the index: " + e.get_msg ();
        return writing ? SAEKIN_STATUS_WRITE_ERROR : SAEKIN_STATUS_NO_INDEX;
    } catch (const Xapian::DatabaseCreateError &e) {
        message = "cannot create the index: " + e.get_msg ();
        return SAEKIN_STATUS_WRITE_ERROR;
    } catch (const Xapian::DatabaseModifiedError &e) {
        /* Only a writer changing the index faster than it can be read,
         * for longer than a reader waits (see while_busy()). */
        message = "the index kept changing while being read (a writer is busy): try "
                  "again";
        return SAEKIN_STATUS_LOCKED;
    } catch (const Xapian::NetworkError &e) {
        message = "cannot reach the remote index: " + e.get_msg ();
        return SAEKIN_STATUS_NO_INDEX;
    } catch (const Xapian::DatabaseError &e) {
        /* A writer fails to write (disk full, read-only) unless what
         * failed was reading what is there: then, as for a reader, the
         * index is damaged ("EOF reading block 616"). */
        std::string d = e.get_description ();
        if (writing && d.find ("reading") == std::string::npos
            && d.find ("EOF") == std::string::npos) {
            message = "cannot write the index: " + d;
            return SAEKIN_STATUS_WRITE_ERROR;
        }
        message = DAMAGED + d;
        return SAEKIN_STATUS_CORRUPT;
    } catch (const Xapian::QueryParserError &e) {
        message = "bad query: " + e.get_msg ();
        return SAEKIN_STATUS_BAD_QUERY;
    } catch (const Xapian::InvalidArgumentError &e) {
        message = e.get_description ();
        return SAEKIN_STATUS_BAD_ARGUMENT;
    } catch (const Xapian::Error &e) {
        message = e.get_description ();
        return SAEKIN_STATUS_INTERNAL_ERROR;
    } catch (const std::bad_alloc &) {
        message = "out of memory";
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    } catch (const std::exception &e) {
        message = e.what ();
        return SAEKIN_STATUS_INTERNAL_ERROR;
    } catch (...) {
        message = "unknown C++ exception";
        return SAEKIN_STATUS_INTERNAL_ERROR;
    }
}

/* catch_status() for a reader R, from inside a catch block: a damaged
 * index is named, as several may be searched at once, and so is a remote
 * one that fails (its stub files: a network error says no more). */
saekin_status_t
reader_failed (_saekin_xreader_t *r)
{
    saekin_status_t s = catch_status (r->message, false);
    bool network = false;
    try {
        throw;
    } catch (const Xapian::NetworkError &) {
        network = true;
    } catch (...) {
    }
    if ((s == SAEKIN_STATUS_CORRUPT || network) && ! r->paths.empty ()) {
        std::string where;
        for (const std::string &p : r->paths) {
            struct stat st;
            if (network && stat (p.c_str (), &st) == 0 && S_ISDIR (st.st_mode))
                continue; /* a local folder: not what the network failed */
            where += (where.empty () ? "" : ", ") + p;
        }
        if (! where.empty ())
            r->message = where + ": " + r->message;
    }
    return s;
}

/* Hand MESSAGE to a C caller that may have passed NULL. */
void
give_message (char **out, const std::string &message)
{
    if (out)
        *out = strdup (message.c_str ());
}

Xapian::Query
build_query (const _saekin_qnode_t *n)
{
    std::vector<Xapian::Query> sub;
    for (size_t i = 0; i < n->n_children; i++)
        sub.push_back (build_query (n->children[i]));
    switch (n->op) {
    case _SAEKIN_Q_TERM:
        return Xapian::Query (n->term, n->wqf);
    case _SAEKIN_Q_WILDCARD:
        /* Bound the expansion so that "a*" on a big index stays fast. */
        return Xapian::Query (Xapian::Query::OP_WILDCARD, n->term, 100,
                              Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    case _SAEKIN_Q_ALL:
        return Xapian::Query::MatchAll;
    case _SAEKIN_Q_SCALE:
        if (sub.empty ())
            return Xapian::Query ();
        return Xapian::Query (Xapian::Query::OP_SCALE_WEIGHT, sub[0], n->scale);
    case _SAEKIN_Q_AND:
        return Xapian::Query (Xapian::Query::OP_AND, sub.begin (), sub.end ());
    case _SAEKIN_Q_OR:
        return Xapian::Query (Xapian::Query::OP_OR, sub.begin (), sub.end ());
    case _SAEKIN_Q_AND_NOT:
        return Xapian::Query (Xapian::Query::OP_AND_NOT, sub.begin (), sub.end ());
    case _SAEKIN_Q_SYNONYM:
        return Xapian::Query (Xapian::Query::OP_SYNONYM, sub.begin (), sub.end ());
    case _SAEKIN_Q_FILTER:
        return Xapian::Query (Xapian::Query::OP_FILTER, sub.begin (), sub.end ());
    case _SAEKIN_Q_PHRASE:
        return Xapian::Query (Xapian::Query::OP_PHRASE, sub.begin (), sub.end (),
                              n->window ? n->window : (Xapian::termcount) sub.size ());
    case _SAEKIN_Q_PROXIMITY:
        /* Applied by run_search() at the root; elsewhere only its query. */
        return sub.empty () ? Xapian::Query () : sub[0];
    }
    return Xapian::Query ();
}

/* ---- opening without letting Xapian choose ---- */

/* Xapian opens whatever a path names: a folder of any backend, a stub
 * file (or a folder's XAPIANDB) whose "remote :PROG ARGS" line starts a
 * program.  Stubs come from other people (a team's shared index), so
 * saekin reads them itself and opens only what it can trust: a local
 * glass folder, or "remote HOST:PORT" over TCP. */

/* A stub is a few lines; a bigger file is not one. */
const off_t STUB_MAX_BYTES = 64 * 1024;

[[noreturn]] void
refuse (const std::string &where, const std::string &why)
{
    throw Xapian::DatabaseOpeningError (where + ": " + why);
}

bool
is_glass_folder (const std::string &dir)
{
    struct stat st;
    return stat ((dir + "/iamglass").c_str (), &st) == 0;
}

/* The TCP index HOST:PORT of a stub's "remote" line, or refuse. */
Xapian::Database
open_remote (const std::string &where, const std::string &arg)
{
    std::string::size_type colon = arg.rfind (':');
    if (colon == 0 || arg.empty () || arg[0] == ':')
        refuse (where, "refused \"remote " + arg
                           + "\": it would run a program; a stub may name only "
                             "remote HOST:PORT or a local glass index folder");
    std::string host = arg.substr (0, colon == std::string::npos ? 0 : colon);
    std::string port = colon == std::string::npos ? "" : arg.substr (colon + 1);
    if (host.empty () || port.empty () || port.size () > 5
        || port.find_first_not_of ("0123456789") != std::string::npos
        || atol (port.c_str ()) < 1 || atol (port.c_str ()) > 65535
        || host.find_first_of (" \t") != std::string::npos)
        refuse (where, "refused \"remote " + arg + "\": not HOST:PORT");
    return Xapian::Remote::open (host, (unsigned) atol (port.c_str ()));
}

/* What the open stub file FD holds, up to a little over a stub's size;
 * FD is closed. */
std::string
read_stub (int fd)
{
    std::string text;
    char buf[4096];
    ssize_t got;
    while ((got = read (fd, buf, sizeof buf)) > 0
           && text.size () <= (size_t) STUB_MAX_BYTES)
        text.append (buf, (size_t) got);
    close (fd);
    return text;
}

/* The indexes the stub file STUB names, one line each ("remote
 * HOST:PORT", "glass PATH" or "auto PATH" naming a glass folder, PATH
 * relative to BASE), as one database; anything else is refused. */
Xapian::Database
open_stub (const std::string &stub, const std::string &base, int depth = 0)
{
    int fd = open (stub.c_str (), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0 && errno == ELOOP)
        fd = open (stub.c_str (), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat (fd, &st) != 0 || ! S_ISREG (st.st_mode)
        || st.st_size > STUB_MAX_BYTES) {
        if (fd >= 0)
            close (fd);
        refuse (stub, "not an index folder nor a stub file naming one");
    }
    std::string text = read_stub (fd);
    Xapian::Database all;
    size_t n = 0;
    unsigned line_no = 0;
    for (std::string::size_type at = 0; at < text.size ();) {
        std::string::size_type eol = text.find ('\n', at);
        std::string line = text.substr (at, eol == std::string::npos ? std::string::npos
                                                                     : eol - at);
        at = eol == std::string::npos ? text.size () : eol + 1;
        line_no++;
        std::string::size_type b = line.find_first_not_of (" \t\r");
        if (b == std::string::npos || line[b] == '#')
            continue;
        std::string::size_type e = line.find_last_not_of (" \t\r");
        line = line.substr (b, e - b + 1);
        std::string::size_type sp = line.find_first_of (" \t");
        std::string kind = line.substr (0, sp);
        std::string arg;
        if (sp != std::string::npos)
            arg = line.substr (line.find_first_not_of (" \t", sp));
        std::string where = stub + ":" + std::to_string (line_no);
        if (line.find ('\0') != std::string::npos)
            refuse (where, "not a stub file (NUL byte)");
        if (kind == "remote") {
            all.add_database (open_remote (where, arg));
        } else if ((kind == "glass" || kind == "auto") && ! arg.empty ()) {
            std::string dir = arg[0] == '/' ? arg : base + "/" + arg;
            struct stat sst;
            if (! is_glass_folder (dir) && depth == 0
                && stat ((dir + "/XAPIANDB").c_str (), &sst) == 0) {
                /* a saekin index folder: its own stub names its live
                 * database (read once more, never further) */
                all.add_database (open_stub (dir + "/XAPIANDB", dir, depth + 1));
                n++;
                continue;
            }
            if (! is_glass_folder (dir))
                refuse (where, "refused \"" + line
                                   + "\": a stub may name only remote HOST:PORT or a "
                                     "local glass index folder");
            try {
                all.add_database (Xapian::Database (dir, Xapian::DB_BACKEND_GLASS));
            } catch (const Xapian::DatabaseNotFoundError &gone) {
                /* It was there a moment ago: a writer swapped a new one
                 * in and removed it (an opening error, which
                 * while_busy() tries again when the stub changed). */
                throw Xapian::DatabaseOpeningError (where + ": " + gone.get_msg ());
            }
        } else {
            refuse (where, "refused \"" + line
                               + "\": a stub may name only remote HOST:PORT or a "
                                 "local glass index folder");
        }
        n++;
    }
    if (n == 0)
        refuse (stub, "a stub file naming no index");
    return all;
}

/* PATH opened for reading: a glass folder, or a stub file (or a folder
 * holding only a XAPIANDB stub) read by open_stub().  Throws
 * DatabaseNotFoundError when nothing is there. */
Xapian::Database
open_for_reading (const std::string &path)
{
    struct stat st;
    if (stat (path.c_str (), &st) != 0)
        throw Xapian::DatabaseNotFoundError ("no index at " + path
                                             + " (run saekin-index first)");
    if (! S_ISDIR (st.st_mode)) {
        std::string::size_type slash = path.rfind ('/');
        return open_stub (path,
                          slash == std::string::npos ? "." : path.substr (0, slash));
    }
    struct stat sst;
    if (! is_glass_folder (path) && stat ((path + "/XAPIANDB").c_str (), &sst) == 0)
        return open_stub (path + "/XAPIANDB", path);
    return Xapian::Database (path, Xapian::DB_BACKEND_GLASS);
}

/* ---- reading while a writer works ----
 *
 * A writer commits under a reader (Xapian then throws
 * DatabaseModifiedError once the reader's revision is overwritten) and
 * swaps whole databases in (the stub names a new one; the old one is
 * removed right after, maybe while a reader is opening it).  None
 * of that is damage: a reader opens everything afresh and tries again,
 * until a deadline rather than a number of times, since a busy writer
 * may commit many times in a row.  What is sorted by exception type:
 * DatabaseModifiedError is always a writer; an opening error or a
 * damaged-looking read is a writer only when the index changed meanwhile
 * (a folder that stays the same and still fails is what it says). */

/* How long a reader keeps trying while the index keeps changing. */
const double BUSY_DEADLINE_S = 20.0;

double
now_s ()
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* What a writer changes when it commits or swaps at PATH: the stub's
 * text, and the identity and times of the live database's version
 * file. */
std::string
fingerprint (const std::string &path)
{
    std::string fp;
    struct stat st;
    std::string db = path;
    int fd = open ((path + "/XAPIANDB").c_str (), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0) {
        char buf[256];
        ssize_t n = read (fd, buf, sizeof buf);
        close (fd);
        if (n > 0)
            fp.append (buf, (size_t) n);
        std::string::size_type sp = fp.find (' '), nl = fp.find ('\n');
        if (sp != std::string::npos)
            db = path + "/"
                 + fp.substr (sp + 1, nl == std::string::npos ? nl : nl - sp - 1);
    }
    if (stat ((db + "/iamglass").c_str (), &st) == 0)
        fp += std::to_string (st.st_ino) + ":" + std::to_string (st.st_mtim.tv_sec) + "."
              + std::to_string (st.st_mtim.tv_nsec) + ":" + std::to_string (st.st_size);
    return fp;
}

/* The text of the stub file FILE (at most a stub's size), "" when none. */
std::string
stub_text (const std::string &file)
{
    int fd = open (file.c_str (), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    return fd < 0 ? std::string () : read_stub (fd);
}

/* What PATH names as a reader opens it: its identity (device, inode),
 * the text of its stub (the folder's XAPIANDB, or the stub file itself)
 * and of the XAPIANDB of each index folder that stub names.  A swap
 * changes it (a new "glass vN"); a commit in place does not. */
std::string
live_state (const std::string &path)
{
    struct stat st;
    if (stat (path.c_str (), &st) != 0)
        return "";
    std::string state = std::to_string (st.st_dev) + ":" + std::to_string (st.st_ino)
                        + "\n";
    std::string base = path, stub = path;
    if (S_ISDIR (st.st_mode)) {
        if (is_glass_folder (path))
            return state;
        stub = path + "/XAPIANDB";
    } else {
        std::string::size_type slash = path.rfind ('/');
        base = slash == std::string::npos ? "." : path.substr (0, slash);
    }
    std::string text = stub_text (stub);
    state += text;
    if (! S_ISDIR (st.st_mode)) {
        /* a stub file: the index folders it names have stubs too */
        std::string::size_type at = 0;
        while (at < text.size ()) {
            std::string::size_type eol = text.find ('\n', at);
            std::string line = text.substr (
                at, eol == std::string::npos ? std::string::npos : eol - at);
            at = eol == std::string::npos ? text.size () : eol + 1;
            std::string::size_type sp = line.find_first_of (" \t");
            if (sp == std::string::npos
                || (line.compare (0, sp, "glass") != 0
                    && line.compare (0, sp, "auto") != 0))
                continue;
            std::string arg = line.substr (sp);
            arg.erase (0, arg.find_first_not_of (" \t"));
            arg.erase (arg.find_last_not_of (" \t\r") + 1);
            if (! arg.empty ())
                state += stub_text ((arg[0] == '/' ? arg : base + "/" + arg)
                                    + "/XAPIANDB");
        }
    }
    return state;
}

std::string
fingerprint (const std::vector<std::string> &paths)
{
    std::string fp;
    for (const std::string &p : paths)
        fp += fingerprint (p) + '\n';
    return fp;
}

/* Run WORK; when it throws what a busy writer causes, call REOPEN and
 * run it again, until BUSY_DEADLINE_S.  Anything else, or the deadline
 * passed, is thrown on.  PATHS: what is read, to tell a writer's change
 * from damage. */
template <typename Work, typename Reopen>
void
while_busy (const std::vector<std::string> &paths, Work work, Reopen reopen)
{
    double deadline = now_s () + BUSY_DEADLINE_S;
    /* The state at the last failure: a failure is a writer's when the
     * state moved since the one before.  (Not read before the first try:
     * nearly every call passes it, and a first failure is retried
     * anyway.) */
    std::string before;
    for (unsigned attempt = 0;; attempt++) {
        try {
            if (attempt)
                reopen ();
            work ();
            return;
        } catch (const Xapian::DatabaseModifiedError &) {
            if (now_s () > deadline)
                throw;
        } catch (const Xapian::DatabaseNotFoundError &) {
            throw; /* nothing there at all */
        } catch (const Xapian::DatabaseOpeningError &) {
            std::string after = fingerprint (paths);
            if (now_s () > deadline || (attempt && after == before))
                throw;
            before = after;
        } catch (const Xapian::DatabaseCorruptError &) {
            std::string after = fingerprint (paths);
            if (now_s () > deadline || (attempt && after == before))
                throw;
            before = after;
        }
        /* Let the writer finish what it is doing: 1, 2, 4... 64 ms. */
        struct timespec pause = { 0, (long) (1000000L << std::min (attempt, 6u)) };
        nanosleep (&pause, NULL);
    }
}

/* PATHS opened afresh as one database (stubs read again). */
Xapian::Database
open_all (const std::vector<std::string> &paths)
{
    Xapian::Database all;
    for (const std::string &p : paths)
        all.add_database (open_for_reading (p));
    return all;
}

} // namespace

namespace
{

/* ---- the index folder ----
 *
 * An index folder holds, all inside it (so that it may be a mount point,
 * a symbolic link, or sit in a folder its user cannot write):
 *
 *   XAPIANDB      a Xapian stub file, "glass vN": the live database;
 *   vN/           the live glass database, the only one;
 *   tmp/          scratch while a writer runs: shards of a build, a
 *                 merge or a compaction (removed when the writer closes);
 *   saekin.lock   held by the writer for its whole life.
 *
 * A new database (a merge of shards, a compaction) is built in tmp/,
 * renamed to vN+1 and put live by replacing XAPIANDB with rename(2): one
 * step, in the folder itself, so a reader or a run after a kill -9 finds
 * the old database or the new, whole.  The database it replaces is
 * removed right after the swap, or the folder would hold two indexes
 * until the next writer (a --compact made it bigger, not smaller).  That
 * is safe for readers: one that has the old database open keeps reading
 * its open files (an unlinked file stays readable while open), and its
 * next refresh sees the stub changed and opens the new one; one that read
 * the stub just before the swap fails to open the old one and tries again
 * (while_busy(): the stub changed meanwhile).  Only what a kill -9 leaves
 * between the swap and the removal waits for the next writer.  Indexes
 * made before this layout are a glass database in the folder itself;
 * they are written in place until their first swap.
 *
 * Nothing is ever removed through a symbolic link: removals are unlinkat()
 * relative to a folder opened with O_NOFOLLOW, of names saekin made. */

const char STUB[] = "XAPIANDB";
const char STUB_TMP[] = "XAPIANDB.tmp";
const char SCRATCH[] = "tmp";
const char LOCK_FILE[] = "saekin.lock";

/* The version number of the folder name NAME ("v12": 12), 0 when NAME is
 * not a version. */
unsigned long
version_of (const char *name)
{
    if (name[0] != 'v' || ! name[1]
        || strspn (name + 1, "0123456789") != strlen (name + 1) || strlen (name + 1) > 9)
        return 0;
    return strtoul (name + 1, NULL, 10);
}

/* Remove the folder NAME of the folder open as PARENT: the files in it,
 * then the folder.  A link named NAME is removed, never followed; a
 * folder inside it is left (so NAME stays, but nothing outside is
 * touched). */
void
remove_at (int parent, const char *name)
{
    int fd = openat (parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        struct stat st;
        if (fstatat (parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0
            && ! S_ISDIR (st.st_mode))
            unlinkat (parent, name, 0);
        return;
    }
    DIR *d = fdopendir (fd);
    if (! d) {
        close (fd);
        return;
    }
    /* A glass database's iamglass first: a reader opening it meanwhile
     * then finds no database there (and tries the stub again) rather
     * than a database with tables missing. */
    unlinkat (dirfd (d), "iamglass", 0);
    std::vector<std::string> names;
    while (struct dirent *e = readdir (d))
        if (strcmp (e->d_name, ".") != 0 && strcmp (e->d_name, "..") != 0)
            names.push_back (e->d_name);
    for (const std::string &n : names)
        unlinkat (dirfd (d), n.c_str (), 0); /* fails on a folder: left */
    closedir (d);
    unlinkat (parent, name, AT_REMOVEDIR);
}

/* Remove the database folder PATH (see remove_at()). */
void
remove_db (const std::string &path)
{
    std::string::size_type slash = path.rfind ('/');
    std::string dir = slash == std::string::npos ? "." : path.substr (0, slash);
    std::string base = slash == std::string::npos ? path : path.substr (slash + 1);
    int parent = open (dir.empty () ? "/" : dir.c_str (),
                       O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0)
        return;
    remove_at (parent, base.c_str ());
    close (parent);
}

/* PATH without doubled or trailing slashes ("x/" and "x" are one index). */
std::string
clean_path (const char *path)
{
    std::string out;
    for (const char *p = path; *p; p++)
        if (*p != '/' || out.empty () || out.back () != '/')
            out += *p;
    while (out.size () > 1 && out.back () == '/')
        out.pop_back ();
    return out;
}

/* Xapian's files in a glass database made private as the index folder is:
 * readable by the group or others only when the folder is (a new folder
 * is 0700, so its files are 0600).  Xapian makes its files with the
 * process's umask; a commit makes iamglass anew. */
void
make_private (const std::string &db, mode_t folder_mode)
{
    int fd = open (db.c_str (), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    mode_t share = folder_mode & 044;
    struct stat st;
    if (fstat (fd, &st) == 0 && (st.st_mode & 07777) != (0700 | (folder_mode & 055)))
        fchmod (fd, 0700 | (folder_mode & 055));
    DIR *d = fdopendir (fd);
    if (! d) {
        close (fd);
        return;
    }
    while (struct dirent *e = readdir (d)) {
        if (fstatat (dirfd (d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
            || ! S_ISREG (st.st_mode) || (st.st_mode & 0777) == (0600 | share))
            continue;
        int f = openat (dirfd (d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (f >= 0) {
            fchmod (f, 0600 | share);
            close (f);
        }
    }
    closedir (d);
}

} // namespace

namespace
{

/* Open the index folder DIR for writing into F: create it (0700) when
 * missing, take its lock (for the writer's whole life), find the live
 * database, remove what killed runs left.  Throws. */
void
folder_open (xfolder &f, const std::string &dir)
{
    struct stat st;
    if (mkdir (dir.c_str (), 0700) != 0 && errno != EEXIST)
        throw Xapian::DatabaseCreateError ("cannot make the index folder", errno);
    f.fd = open (dir.c_str (), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (f.fd < 0) {
        if (errno == ENOTDIR)
            throw Xapian::DatabaseOpeningError (
                "not an index folder (a file: saekin-index writes only a local folder)");
        throw Xapian::DatabaseOpeningError ("cannot open the index folder", errno);
    }
    if (fstat (f.fd, &st) != 0)
        throw Xapian::DatabaseOpeningError ("cannot open the index folder", errno);
    f.mode = st.st_mode & 07777;
    /* A folder its writer may not write is read-only, even where the
     * database inside could be written: a swap could not be made. */
    if (faccessat (f.fd, ".", W_OK, AT_EACCESS) != 0)
        throw Xapian::DatabaseError ("the index folder " + dir
                                     + " is read-only: " + strerror (errno));
    f.lock = openat (f.fd, LOCK_FILE, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (f.lock < 0)
        throw Xapian::DatabaseLockError ("cannot open the lock file " + dir + "/"
                                         + LOCK_FILE + ": " + strerror (errno));
    if (flock (f.lock, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            throw Xapian::DatabaseLockError ("already locked");
        throw Xapian::DatabaseLockError ("cannot lock " + dir + "/" + LOCK_FILE + ": "
                                         + strerror (errno));
    }
    /* The live database: the stub's, else the folder itself (an older
     * layout), else none yet. */
    int sfd = openat (f.fd, STUB, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (sfd >= 0) {
        char buf[256];
        ssize_t n = read (sfd, buf, sizeof buf - 1);
        close (sfd);
        buf[n > 0 ? n : 0] = '\0';
        char name[32];
        if (sscanf (buf, "glass %31s", name) != 1 || ! version_of (name)
            || buf[strspn (buf, "glass v0123456789")] != '\n')
            throw Xapian::DatabaseOpeningError (
                dir + "/" + STUB
                + " does not name a database saekin made (not an index folder "
                  "of saekin-index)");
        f.live = name;
        f.version = version_of (name);
    } else if (faccessat (f.fd, "iamglass", F_OK, 0) == 0) {
        f.live = "";
    } else {
        f.live = "v1";
        f.version = 1;
    }
    /* What killed runs left: scratch, a stub not yet put live, the
     * databases the live one replaced.  The caller holds the lock. */
    int tfd = openat (f.fd, SCRATCH, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (tfd >= 0) {
        DIR *d = fdopendir (tfd);
        if (d) {
            std::vector<std::string> names;
            while (struct dirent *e = readdir (d))
                if (strcmp (e->d_name, ".") != 0 && strcmp (e->d_name, "..") != 0)
                    names.push_back (e->d_name);
            for (const std::string &n : names)
                remove_at (dirfd (d), n.c_str ());
            closedir (d);
        } else
            close (tfd);
    }
    unlinkat (f.fd, STUB_TMP, 0);
    DIR *d = fdopendir (dup (f.fd));
    if (d) {
        std::vector<std::string> old;
        while (struct dirent *e = readdir (d))
            if (version_of (e->d_name) && f.live != e->d_name)
                old.push_back (e->d_name);
        closedir (d);
        for (const std::string &n : old)
            remove_at (f.fd, n.c_str ());
    }
}

/* The scratch folder of F made (a real folder: a link there is removed),
 * and the path of NAME in it. */
std::string
scratch_path (xfolder &f, const std::string &dir, const std::string &name)
{
    struct stat st;
    if (fstatat (f.fd, SCRATCH, &st, AT_SYMLINK_NOFOLLOW) == 0 && ! S_ISDIR (st.st_mode))
        unlinkat (f.fd, SCRATCH, 0);
    if (mkdirat (f.fd, SCRATCH, 0700) != 0 && errno != EEXIST)
        throw Xapian::DatabaseCreateError ("cannot make " + dir + "/" + SCRATCH, errno);
    return dir + "/" + SCRATCH + "/" + name;
}

/* Put the database built at DIR/tmp/NAME live in F (see the top of this
 * section): renamed to the next version, then named by the stub.  Returns
 * the new live name.  Throws, leaving the old one live. */
std::string
folder_swap_in (xfolder &f, const std::string &dir, const std::string &name)
{
    std::string from = std::string (SCRATCH) + "/" + name;
    std::string to;
    unsigned long v = f.version;
    for (;;) {
        to = "v" + std::to_string (++v);
        if (renameat (f.fd, from.c_str (), f.fd, to.c_str ()) == 0)
            break;
        if (errno != EEXIST && errno != ENOTEMPTY)
            throw Xapian::DatabaseError ("cannot swap in the new index", errno);
        remove_at (f.fd, to.c_str ()); /* a leftover: try it once more, then the next */
        if (renameat (f.fd, from.c_str (), f.fd, to.c_str ()) == 0)
            break;
    }
    make_private (dir + "/" + to, f.mode);
    std::string text = "glass " + to + "\n";
    int fd = openat (f.fd, STUB_TMP,
                     O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                     0600 | (f.mode & 044));
    bool ok = fd >= 0 && write (fd, text.data (), text.size ()) == (ssize_t) text.size ()
              && fsync (fd) == 0;
    int err = errno;
    if (fd >= 0)
        close (fd);
    /* The one step that puts it live: the renameat2 system call itself
     * (glibc makes a renameat of it), so that tests can find it and slow
     * it down with strace. */
    if (ok) {
        long r = syscall (SYS_renameat2, f.fd, STUB_TMP, f.fd, STUB, 0);
        if (r != 0 && errno == ENOSYS)
            r = renameat (f.fd, STUB_TMP, f.fd, STUB);
        ok = r == 0;
        err = errno;
    }
    if (! ok) {
        unlinkat (f.fd, STUB_TMP, 0);
        remove_at (f.fd, to.c_str ());
        throw Xapian::DatabaseError ("cannot swap in the new index", err);
    }
    fsync (f.fd);
    f.version = v;
    return to;
}

/* After the first swap of a folder of the older layout: its own
 * database is no longer live (the stub names the new one).  iamglass
 * goes first, so that no reader takes the folder for a database again. */
void
folder_drop_legacy (xfolder &f)
{
    unlinkat (f.fd, "iamglass", 0);
    static const char *const files[] = {
        "postlist.glass", "position.glass", "termlist.glass", "docdata.glass",
        "record.glass",   "spelling.glass", "synonym.glass",  "flintlock",
    };
    for (const char *n : files)
        unlinkat (f.fd, n, 0);
}

} // namespace

/* ------------------------------------------------------------------ */
/* writer                                                              */
/* ------------------------------------------------------------------ */

namespace
{

/* A new handle for PATH made ready by OPEN (which throws on failure),
 * in *W; else a status and "PATH: why" in *ERROR_MESSAGE.  WRITING: how
 * catch_status() reads the failure. */
template <typename Open>
saekin_status_t
open_handle (const char *path, _saekin_xwriter_t **w, char **error_message, bool writing,
             Open open)
{
    std::string message;
    *w = NULL;
    try {
        std::unique_ptr<_saekin_xwriter_t> h (new _saekin_xwriter_t);
        h->path = path;
        open (*h);
        *w = h.release ();
        return SAEKIN_STATUS_SUCCESS;
    } catch (...) {
        saekin_status_t s = catch_status (message, writing);
        give_message (error_message, std::string (path) + ": " + message);
        return s;
    }
}

} // namespace

extern "C" saekin_status_t
_saekin_xwriter_open (const char *path, _saekin_xwriter_t **w, char **error_message)
{
    std::string dir = clean_path (path);
    return open_handle (
        dir.c_str (), w, error_message, true, [dir] (_saekin_xwriter_t &h) {
            h.folder.reset (new xfolder);
            folder_open (*h.folder, dir);
            bool fresh = ! h.folder->live.empty ()
                         && faccessat (h.folder->fd, STUB, F_OK, AT_SYMLINK_NOFOLLOW)
                                != 0;
            if (fresh)
                remove_at (h.folder->fd, h.folder->live.c_str ()); /* a killed start's */
            h.db = Xapian::WritableDatabase (
                live_path (&h),
                (fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN)
                    | Xapian::DB_BACKEND_GLASS);
            if (fresh) {
                /* A new index: its empty database goes live through the
             * stub at once, so a reader finds an index. */
                std::string text = std::string ("glass ") + h.folder->live + "\n";
                int fd = openat (h.folder->fd, STUB_TMP,
                                 O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                                 0600 | (h.folder->mode & 044));
                bool ok = fd >= 0
                          && write (fd, text.data (), text.size ())
                                 == (ssize_t) text.size ()
                          && fsync (fd) == 0;
                if (fd >= 0)
                    close (fd);
                if (! ok || renameat (h.folder->fd, STUB_TMP, h.folder->fd, STUB) != 0)
                    throw Xapian::DatabaseCreateError ("cannot write " + dir + "/" + STUB,
                                                       errno);
            }
            make_private (live_path (&h), h.folder->mode);
        });
}

extern "C" saekin_status_t
_saekin_xwriter_open_readonly (const char *path, _saekin_xwriter_t **w,
                               char **error_message)
{
    return open_handle (path, w, error_message, false, [path] (_saekin_xwriter_t &h) {
        struct stat st;
        if (stat (path, &st) != 0)
            throw Xapian::DatabaseNotFoundError (
                "no index here (run saekin-index first)");
        std::vector<std::string> one (1, h.path);
        while_busy (
            one, [&] { h.reader = open_for_reading (path); }, [] {});
        h.readonly = true;
    });
}

#define WRITER_TRY try {
#define WRITER_CATCH                                                                     \
    }                                                                                    \
    catch (...)                                                                          \
    {                                                                                    \
        return catch_status (w->message, true);                                          \
    }                                                                                    \
    return SAEKIN_STATUS_SUCCESS;

/* Run WORK, which reads W: on a read-only handle (no lock: a writer may
 * commit or swap meanwhile) again on the index opened afresh while a
 * writer is busy (see while_busy()). */
template <typename Work>
static void
read_busy (_saekin_xwriter_t *w, Work work)
{
    if (! w->readonly) {
        work ();
        return;
    }
    std::vector<std::string> one (1, w->path);
    while_busy (one, work, [w] { w->reader = open_for_reading (w->path); });
}

extern "C" saekin_status_t
_saekin_xwriter_begin (_saekin_xwriter_t *w)
{
    WRITER_TRY
    w->db.begin_transaction (true);
    w->in_transaction = true;
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_commit (_saekin_xwriter_t *w)
{
    WRITER_TRY
    if (! w->in_transaction) {
        w->db.commit (); /* a scratch database, written without a transaction */
        return SAEKIN_STATUS_SUCCESS;
    }
    w->in_transaction = false;
    w->db.commit_transaction ();
    if (w->folder)
        make_private (live_path (w), w->folder->mode);
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_cancel (_saekin_xwriter_t *w)
{
    WRITER_TRY
    if (w->in_transaction) {
        w->in_transaction = false;
        w->db.cancel_transaction ();
    }
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_replace (_saekin_xwriter_t *w, const char *unique_term,
                         const _saekin_xdoc_t *docs, size_t n)
{
    WRITER_TRY
    if (w->db.term_exists (unique_term))
        w->db.delete_document (unique_term);
    for (size_t i = 0; i < n; i++) {
        Xapian::Document doc;
        doc.set_data (std::string (docs[i].data, docs[i].data_len));
        doc.add_value (SLOT_ORDER, order_key (unique_term, i));
        for (size_t t = 0; t < docs[i].n_terms; t++) {
            const _saekin_xterm_t &xt = docs[i].terms[t];
            if (xt.pos)
                doc.add_posting (xt.term, xt.pos, xt.wdf);
            else
                doc.add_term (xt.term, xt.wdf);
        }
        w->db.add_document (doc);
    }
    if (w->flush_every && ! w->in_transaction && (w->added += n) >= w->flush_every) {
        w->added = 0;
        w->db.commit ();
    }
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_clear (_saekin_xwriter_t *w)
{
    WRITER_TRY
    std::vector<Xapian::docid> ids;
    for (Xapian::PostingIterator p = w->db.postlist_begin ("");
         p != w->db.postlist_end (""); ++p)
        ids.push_back (*p);
    for (Xapian::docid id : ids)
        w->db.delete_document (id);
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_get_metadata (_saekin_xwriter_t *w, const char *key, char **value,
                              size_t *len)
{
    *value = NULL;
    WRITER_TRY
    std::string v;
    read_busy (w, [&] { v = reading (w).get_metadata (key); });
    char *out = (char *) malloc (v.size () + 1);
    if (! out)
        throw std::bad_alloc ();
    memcpy (out, v.data (), v.size ());
    out[v.size ()] = '\0';
    *value = out;
    if (len)
        *len = v.size ();
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_set_metadata (_saekin_xwriter_t *w, const char *key, const char *value,
                              size_t len)
{
    WRITER_TRY
    w->db.set_metadata (key, std::string (value, len));
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_metadata_each (_saekin_xwriter_t *w, const char *prefix,
                               int (*fn) (void *, const char *, const char *, size_t),
                               void *ctx)
{
    WRITER_TRY
    /* Gathered first (a few keys), so that a retry hands FN none twice. */
    std::vector<std::pair<std::string, std::string> > kv;
    read_busy (w, [&] {
        kv.clear ();
        for (Xapian::TermIterator k = reading (w).metadata_keys_begin (prefix);
             k != reading (w).metadata_keys_end (prefix); ++k)
            kv.emplace_back (*k, reading (w).get_metadata (*k));
    });
    for (const auto &e : kv)
        if (fn (ctx, e.first.c_str (), e.second.c_str (), e.second.size ()))
            break;
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_doc_count (_saekin_xwriter_t *w, size_t *n)
{
    WRITER_TRY
    read_busy (w, [&] { *n = reading (w).get_doccount (); });
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_each_doc (_saekin_xwriter_t *w, int (*fn) (void *, const char *, size_t),
                          void *ctx)
{
    WRITER_TRY
    /* A retry goes on after the last document handed to FN (docids of
     * notes a writer did not touch stay as they were). */
    Xapian::docid next = 1;
    bool stop = false;
    read_busy (w, [&] {
        const Xapian::Database &db = reading (w);
        Xapian::PostingIterator p = db.postlist_begin ("");
        for (p.skip_to (next); ! stop && p != db.postlist_end (""); ++p) {
            std::string data = db.get_document (*p).get_data ();
            next = *p + 1;
            stop = fn (ctx, data.data (), data.size ()) != 0;
        }
    });
    WRITER_CATCH
}

/* Make W's database the one built at its scratch NAME (see "the index
 * folder"), W's lock held all along; reopened on the new one. */
static void
swap_in (_saekin_xwriter_t *w, const std::string &name)
{
    std::string old = w->folder->live;
    std::string live = folder_swap_in (*w->folder, w->path, name);
    w->db.close ();
    w->folder->live = live;
    /* The replaced database goes now (see "the index folder"): readers
     * holding it open keep their files. */
    if (old.empty ())
        folder_drop_legacy (*w->folder);
    else if (version_of (old.c_str ()))
        remove_at (w->folder->fd, old.c_str ());
    w->db = Xapian::WritableDatabase (live_path (w),
                                      Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
}

extern "C" saekin_status_t
_saekin_xwriter_each_term (_saekin_xwriter_t *w, const char *prefix,
                           int (*fn) (void *, const char *, size_t), void *ctx)
{
    WRITER_TRY
    const Xapian::Database &db = reading (w);
    for (Xapian::TermIterator t = db.allterms_begin (prefix);
         t != db.allterms_end (prefix); ++t) {
        std::string term = *t;
        if (fn (ctx, term.c_str (), t.get_termfreq ()))
            break;
    }
    WRITER_CATCH
}

extern "C" saekin_status_t
_saekin_xwriter_compact (_saekin_xwriter_t *w)
{
    WRITER_TRY
    /* Compacted into the scratch folder, then swapped in: the old index
     * stays whole until the swap, so a failure leaves it as it was. */
    std::string tmp = scratch_path (*w->folder, w->path, "compact");
    w->db.commit ();
    remove_db (tmp);
    try {
        w->db.compact (tmp);
    } catch (...) {
        remove_db (tmp);
        throw;
    }
    swap_in (w, "compact");
    WRITER_CATCH
}

extern "C" const char *
_saekin_xwriter_message (const _saekin_xwriter_t *w)
{
    return w->message.c_str ();
}

/* ---- building in shards ---- */

extern "C" const char *
_saekin_xwriter_path (const _saekin_xwriter_t *w)
{
    return w->path.c_str ();
}

extern "C" char *
_saekin_xwriter_scratch_path (_saekin_xwriter_t *w, const char *name)
{
    try {
        return strdup (scratch_path (*w->folder, w->path, name).c_str ());
    } catch (const Xapian::Error &e) {
        w->message = "cannot write the index: " + e.get_description ();
        return NULL;
    } catch (...) {
        w->message = "out of memory";
        return NULL;
    }
}

extern "C" void
_saekin_xdb_remove (const char *path)
{
    try {
        remove_db (path);
    } catch (...) {
    }
}

extern "C" saekin_status_t
_saekin_xwriter_open_scratch (const char *path, _saekin_xwriter_t **w,
                              char **error_message)
{
    return open_handle (path, w, error_message, true, [path] (_saekin_xwriter_t &h) {
        /* No fsync: a shard lives for one run, and the merge that
         * replaces the index syncs what it writes. */
        h.db = Xapian::WritableDatabase (path, Xapian::DB_CREATE_OR_OVERWRITE
                                                   | Xapian::DB_NO_SYNC
                                                   | Xapian::DB_BACKEND_GLASS);
        /* Xapian buffers 10,000 documents (XAPIAN_FLUSH_THRESHOLD)
         * between flushes; our documents are passages, small, and its
         * in-memory inverter slows down as it grows: a build is fastest
         * (and smallest in memory) with a flush about every thousand
         * passages.  A user who sets Xapian's own variable (libxapian
         * reads it anyway) gets Xapian's flushing: the one variable
         * lib/ reads outside environment.c, as saekin.h says. */
        h.flush_every = getenv ("XAPIAN_FLUSH_THRESHOLD") ? 0 : 1000;
    });
}

extern "C" saekin_status_t
_saekin_xwriter_replace_all (_saekin_xwriter_t *w, const char *const *sources, size_t n,
                             const char *drop_prefix)
{
    WRITER_TRY
    std::string tmp = scratch_path (*w->folder, w->path, "new");
    /* The metadata to carry over, read while W still holds it. */
    std::vector<std::pair<std::string, std::string> > keep;
    for (Xapian::TermIterator k = w->db.metadata_keys_begin ();
         k != w->db.metadata_keys_end (); ++k)
        if (std::string (*k).compare (0, strlen (drop_prefix), drop_prefix) != 0)
            keep.emplace_back (*k, w->db.get_metadata (*k));
    Xapian::Database all;
    for (size_t i = 0; i < n; i++)
        all.add_database (Xapian::Database (sources[i], Xapian::DB_BACKEND_GLASS));
    remove_db (tmp);
    /* Compaction renumbers documents source after source: the order of
     * SOURCES is the order of the docids. */
    all.compact (tmp);
    all.close ();
    {
        Xapian::WritableDatabase out (tmp, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        for (const auto &kv : keep)
            if (out.get_metadata (kv.first).empty ())
                out.set_metadata (kv.first, kv.second);
        out.commit ();
        out.close ();
    }
    bool was_in_transaction = w->in_transaction;
    if (w->in_transaction) {
        w->in_transaction = false;
        w->db.cancel_transaction ();
    }
    /* Swapped while W holds the folder's lock, so that no other writer
     * can start on either database. */
    swap_in (w, "new");
    if (was_in_transaction) {
        w->db.begin_transaction (true);
        w->in_transaction = true;
    }
    WRITER_CATCH
}

extern "C" void
_saekin_xwriter_close (_saekin_xwriter_t *w)
{
    if (! w)
        return;
    try {
        if (w->in_transaction)
            w->db.cancel_transaction ();
        w->db.close ();
    } catch (...) {
        /* Closing must not throw; an uncommitted run is simply dropped. */
    }
    /* The scratch folder, when the run left it empty (as it does unless
     * a removal failed): the index folder keeps only the live database.
     * AT_REMOVEDIR removes no link and no folder with anything in it. */
    if (w->folder && w->folder->fd >= 0)
        unlinkat (w->folder->fd, SCRATCH, AT_REMOVEDIR);
    delete w;
}

/* ------------------------------------------------------------------ */
/* stemming                                                            */
/* ------------------------------------------------------------------ */

extern "C" int
_saekin_xstem_en (const char *word, char *out, size_t out_size)
{
    if (out_size == 0)
        return -1;
    try {
        static thread_local Xapian::Stem stem ("en");
        std::string s = stem (word);
        size_t n = s.size () < out_size - 1 ? s.size () : out_size - 1;
        memcpy (out, s.data (), n);
        out[n] = '\0';
        return 0;
    } catch (...) {
        snprintf (out, out_size, "%s", word);
        return -1;
    }
}

/* ------------------------------------------------------------------ */
/* reader                                                              */
/* ------------------------------------------------------------------ */

extern "C" saekin_status_t
_saekin_xreader_open (const char *const *paths, size_t n, _saekin_xreader_t **r,
                      char **error_message)
{
    std::string message;
    *r = NULL;
    const char *current = n ? paths[0] : "";
    try {
        _saekin_xreader_t *h = new _saekin_xreader_t;
        h->estimate = 0;
        try {
            for (size_t i = 0; i < n; i++) {
                current = paths[i];
                std::vector<std::string> one (1, paths[i]);
                Xapian::Database db;
                /* Taken before opening: a swap meanwhile is seen by
                 * the next refresh. */
                std::string live;
                while_busy (
                    one,
                    [&] {
                        live = live_state (paths[i]);
                        db = open_for_reading (paths[i]);
                    },
                    [] {});
                h->db.add_database (db);
                h->paths.push_back (paths[i]);
                h->live.push_back (live);
            }
        } catch (...) {
            delete h;
            throw;
        }
        *r = h;
        return SAEKIN_STATUS_SUCCESS;
    } catch (...) {
        saekin_status_t s = catch_status (message, false);
        if ((s == SAEKIN_STATUS_NO_INDEX || s == SAEKIN_STATUS_CORRUPT)
            && message.find (current) == std::string::npos)
            message = std::string (current) + ": " + message;
        give_message (error_message, message);
        return s;
    }
}

namespace
{

/* How many of the best matches a PROXIMITY root checks: see run_search(). */
const size_t PROXIMITY_DEPTH = 30;

/* Whether document DID holds TERMS in that order within WINDOW
 * positions (the last no further than WINDOW - 1 after the first). */
bool
in_order_within (const Xapian::Database &db, Xapian::docid did,
                 const std::vector<std::string> &terms, Xapian::termpos window)
{
    std::vector<std::vector<Xapian::termpos> > pos;
    for (const std::string &t : terms) {
        pos.emplace_back (db.positionlist_begin (did, t), db.positionlist_end (did, t));
        if (pos.back ().empty ())
            return false;
    }
    /* From each place of the first term, take the earliest place of each
     * next term after the one before: the tightest run starting there. */
    for (Xapian::termpos first : pos[0]) {
        Xapian::termpos at = first;
        bool found = true;
        for (size_t i = 1; i < pos.size () && found; i++) {
            auto next = std::upper_bound (pos[i].begin (), pos[i].end (), at);
            found = next != pos[i].end ();
            if (found)
                at = *next;
        }
        if (found && at - first < window)
            return true;
    }
    return false;
}

/* One search of tree QUERY for at most MAX matches, handed to FN best
 * first; a document's data is read only when FN is about to get it, and
 * FN's non-zero result stops the reading.
 *
 * A PROXIMITY root is applied here, to the PROXIMITY_DEPTH best matches
 * of its query: those holding its phrase's terms close and in order have
 * their weight multiplied, then these are ranked again (ties by
 * SLOT_ORDER, as Xapian ranks them).  A fixed depth, whatever MAX, so
 * that the best 10 are the first 10 of the best 200. */
void
run_search (_saekin_xreader_t *r, const _saekin_qnode_t *query, size_t max,
            _saekin_xmatch_fn fn, void *ctx)
{
    const _saekin_qnode_t *prox = NULL;
    double boost = 1;
    if (query->op == _SAEKIN_Q_PROXIMITY && query->n_children == 2) {
        prox = query->children[1];
        boost = query->scale;
        query = query->children[0];
    }
    Xapian::Enquire enquire (r->db);
    enquire.set_query (build_query (query));
    enquire.set_sort_by_relevance_then_value (SLOT_ORDER, false);
    if (r->time_limit > 0)
        enquire.set_time_limit (r->time_limit);
    Xapian::MSet mset = enquire.get_mset (0, (Xapian::doccount) max);
    r->estimate = mset.get_matches_estimated ();
    std::vector<std::string> terms;
    for (size_t i = 0; prox && i < prox->n_children; i++)
        if (prox->children[i]->op == _SAEKIN_Q_TERM)
            terms.push_back (prox->children[i]->term);
    Xapian::termpos window = prox && prox->window ? prox->window
                                                  : (Xapian::termpos) terms.size ();
    struct ranked {
        double weight;
        std::string order; /* SLOT_ORDER */
        Xapian::docid did;
    };
    std::vector<ranked> hits;
    for (Xapian::MSetIterator m = mset.begin (); m != mset.end (); ++m) {
        double w = m.get_weight ();
        if (terms.size () > 1 && hits.size () < PROXIMITY_DEPTH
            && in_order_within (r->db, *m, terms, window))
            w *= boost;
        hits.push_back ({ w, m.get_sort_key (), *m });
    }
    /* (a match below the depth weighs no more than one above it did
     * before any boost: the order past the depth stands) */
    if (terms.size () > 1)
        std::stable_sort (
            hits.begin (), hits.begin () + std::min (hits.size (), PROXIMITY_DEPTH),
            [] (const ranked &a, const ranked &b) {
                return a.weight != b.weight ? a.weight > b.weight : a.order < b.order;
            });
    unsigned rank = 1;
    for (const ranked &h : hits) {
        std::string data = r->db.get_document (h.did).get_data ();
        if (fn (ctx, rank++, h.weight, data.data (), data.size ()))
            break;
    }
}

} // namespace

namespace
{

/* Run WORK on R's databases, opening them afresh and trying again while
 * a writer changes them underneath (see while_busy()); any other failure
 * becomes a status with its message on R. */
template <typename Work>
saekin_status_t
with_reopen (_saekin_xreader_t *r, Work work)
{
    try {
        while_busy (r->paths, work, [r] { r->db = open_all (r->paths); });
        return SAEKIN_STATUS_SUCCESS;
    } catch (...) {
        return reader_failed (r);
    }
}

} // namespace

extern "C" saekin_status_t
_saekin_xreader_search (_saekin_xreader_t *r, const _saekin_qnode_t *query, size_t max,
                        _saekin_xmatch_fn fn, void *ctx)
{
    return with_reopen (r, [&] { run_search (r, query, max, fn, ctx); });
}

extern "C" saekin_status_t
_saekin_xreader_termfreq (_saekin_xreader_t *r, const char *term, size_t *freq)
{
    return with_reopen (r, [&] { *freq = r->db.get_termfreq (term); });
}

extern "C" saekin_status_t
_saekin_xreader_terms_with_prefix (_saekin_xreader_t *r, const char *prefix,
                                   int (*fn) (void *, const char *), void *ctx)
{
    /* Gathered first, so that a retry hands FN no term twice. */
    std::vector<std::string> terms;
    saekin_status_t s = with_reopen (r, [&] {
        terms.clear ();
        for (Xapian::TermIterator t = r->db.allterms_begin (prefix);
             t != r->db.allterms_end (prefix); ++t)
            terms.push_back (*t);
    });
    for (size_t i = 0; s == SAEKIN_STATUS_SUCCESS && i < terms.size (); i++)
        if (fn (ctx, terms[i].c_str ()))
            break;
    return s;
}

extern "C" void
_saekin_xreader_set_time_limit (_saekin_xreader_t *r, double seconds)
{
    r->time_limit = seconds;
}

extern "C" saekin_status_t
_saekin_xreader_terms_between (_saekin_xreader_t *r, const char *from, const char *to,
                               int (*fn) (void *, const char *, size_t), void *ctx)
{
    return with_reopen (r, [&] {
        Xapian::TermIterator t = r->db.allterms_begin ();
        t.skip_to (from);
        for (; t != r->db.allterms_end (); ++t) {
            std::string term = *t;
            if (term.compare (to) >= 0 || fn (ctx, term.c_str (), t.get_termfreq ()))
                break;
        }
    });
}

extern "C" size_t
_saekin_xreader_estimate (const _saekin_xreader_t *r)
{
    return r->estimate;
}

extern "C" saekin_status_t
_saekin_xreader_refresh (_saekin_xreader_t *r)
{
    try {
        bool swapped = false;
        for (size_t i = 0; i < r->paths.size (); i++)
            if (live_state (r->paths[i]) != r->live[i])
                swapped = true;
        if (! swapped) {
            try {
                r->db.reopen ();
                return SAEKIN_STATUS_SUCCESS;
            } catch (const Xapian::DatabaseOpeningError &) {
                /* its database was swapped out and removed just now
                 * (DatabaseNotFoundError is one): open the paths again */
            }
        }
        /* Opened whole before the old one is let go: a failure keeps
         * the reader on what it had (its open files stay readable even
         * once a writer removed them). */
        Xapian::Database db;
        std::vector<std::string> live;
        while_busy (
            r->paths,
            [&] {
                db = Xapian::Database ();
                live.clear ();
                for (const std::string &p : r->paths) {
                    struct stat st;
                    if (stat (p.c_str (), &st) != 0)
                        throw Xapian::DatabaseNotFoundError ("no index at " + p);
                    live.push_back (live_state (p));
                    db.add_database (open_for_reading (p));
                }
            },
            [] {});
        r->db = db;
        r->live = live;
        return SAEKIN_STATUS_SUCCESS;
    } catch (...) {
        return reader_failed (r);
    }
}

extern "C" saekin_status_t
_saekin_xreader_each_with_term (_saekin_xreader_t *r, const char *term,
                                int (*fn) (void *, const char *, size_t), void *ctx)
{
    return with_reopen (r, [&] {
        for (Xapian::PostingIterator p = r->db.postlist_begin (term);
             p != r->db.postlist_end (term); ++p) {
            std::string data = r->db.get_document (*p).get_data ();
            if (fn (ctx, data.data (), data.size ()))
                break;
        }
    });
}

extern "C" const char *
_saekin_xreader_message (const _saekin_xreader_t *r)
{
    return r->message.c_str ();
}

extern "C" void
_saekin_xreader_close (_saekin_xreader_t *r)
{
    if (! r)
        return;
    try {
        r->db.close ();
    } catch (...) {
    }
    delete r;
}
