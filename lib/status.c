/* status.c - status names, and where the index and the user's synonyms
 * live by default: the only place the library reads the environment,
 * and only when a program asks (the library itself takes its settings
 * from saekin_settings_t). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saekin.h"

const char *
saekin_status_to_string (saekin_status_t status)
{
    switch (status) {
    case SAEKIN_STATUS_SUCCESS:
        return "no error";
    case SAEKIN_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case SAEKIN_STATUS_FILE_ERROR:
        return "cannot read file";
    case SAEKIN_STATUS_NOT_TEXT:
        return "not a text file";
    case SAEKIN_STATUS_NO_INDEX:
        return "no index";
    case SAEKIN_STATUS_LOCKED:
        return "the index is being updated by another saekin-index";
    case SAEKIN_STATUS_CORRUPT:
        return "the index is damaged";
    case SAEKIN_STATUS_WRITE_ERROR:
        return "cannot write the index";
    case SAEKIN_STATUS_BAD_QUERY:
        return "bad query";
    case SAEKIN_STATUS_BAD_ARGUMENT:
        return "bad argument";
    case SAEKIN_STATUS_INTERNAL_ERROR:
        return "internal error";
    case SAEKIN_STATUS_READ_ONLY:
        return "the index was opened read-only";
    case SAEKIN_STATUS_LAST_STATUS:
        break;
    }
    return "unknown status";
}

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
