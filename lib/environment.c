/* environment.c - the environment variables of saekin's programs: where
 * the index and the user's synonyms live by default, and the settings
 * and update options the variables give.  The only file of lib/ that
 * reads the environment, and only when a program asks: the library
 * itself takes its settings from saekin_settings_t and
 * saekin_index_options_t (so that a server or an editor embedding it
 * decides what applies). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

char *
saekin_default_db_path (void)
{
    const char *env = getenv ("SAEKIN_DB");
    if (env && *env)
        return strdup (env);
    char *path = NULL;
    const char *xdg = getenv ("XDG_DATA_HOME");
    const char *home = getenv ("HOME");
    int r = -1;
    if (xdg && *xdg)
        r = asprintf (&path, "%s/saekin", xdg);
    else if (home && *home)
        r = asprintf (&path, "%s/.local/share/saekin", home);
    return r < 0 ? NULL : path;
}

char *
saekin_default_synonyms_path (void)
{
    const char *xdg = getenv ("XDG_CONFIG_HOME");
    const char *home = getenv ("HOME");
    char *path = NULL;
    int r = -1;
    /* The XDG spec says to ignore a relative XDG_CONFIG_HOME. */
    if (xdg && xdg[0] == '/')
        r = asprintf (&path, "%s/saekin/synonyms.tsv", xdg);
    else if (home && *home)
        r = asprintf (&path, "%s/.config/saekin/synonyms.tsv", home);
    return r < 0 ? NULL : path;
}

/* $NAME as a whole number from MIN to MAX in *VALUE; false (and *VALUE
 * untouched) when it is unset, empty, not such a number or out of range:
 * the programs have always ignored such a value. */
static bool
env_whole (const char *name, long min, long max, long *value)
{
    const char *env = getenv (name);
    if (! env || ! *env)
        return false;
    char *end;
    errno = 0;
    long n = strtol (env, &end, 10);
    if (*end || errno || n < min || n > max)
        return false;
    *value = n;
    return true;
}

saekin_status_t
saekin_read_environment (saekin_settings_t *settings, saekin_index_options_t *options)
{
    if (! settings && ! options)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    long n;
    if (settings) {
        const char *vocabulary = getenv ("SAEKIN_VOCABULARY");
        if (vocabulary && *vocabulary
            && saekin_settings_set_vocabulary_path (settings, vocabulary)
                   != SAEKIN_STATUS_SUCCESS)
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        /* A missing synonyms file is the usual case: the path is set
         * whenever there is a home to find it in. */
        char *synonyms = saekin_default_synonyms_path ();
        if (synonyms) {
            saekin_status_t s = saekin_settings_set_synonyms_path (settings, synonyms);
            free (synonyms);
            if (s != SAEKIN_STATUS_SUCCESS)
                return s;
        }
        if (env_whole ("SAEKIN_INDEX_THREADS", 1, 1024, &n))
            saekin_settings_set_threads (settings, (unsigned) n);
        if (env_whole ("SAEKIN_QUERY_TIMEOUT", 0, INT_MAX, &n))
            saekin_settings_set_timeout (settings, (double) n);
    }
    if (options) {
        /* A leading number is enough, as it always was (atol). */
        const char *mb = getenv ("SAEKIN_NOTE_MEMORY_MB");
        long m = mb ? atol (mb) : 0;
        if (m > 0)
            saekin_index_options_set_note_memory_mb (
                options, m > (long) UINT_MAX ? UINT_MAX : (unsigned) m);
        /* Anything that is no number is 0, no limit, as it always was
         * (strtoul). */
        const char *max = getenv ("SAEKIN_WATCH_MAX");
        if (max && *max)
            saekin_index_options_set_watch_limit (options,
                                                  (size_t) strtoul (max, NULL, 10));
    }
    return SAEKIN_STATUS_SUCCESS;
}
