/* settings.c - the opaque settings and update options of saekin.h and
 * their setters (opaque so that a new one breaks no caller), and the
 * library's version. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

int
saekin_version (void)
{
    return SAEKIN_VERSION_CODE;
}

const char *
saekin_version_string (void)
{
    return SAEKIN_VERSION;
}

/* ---- settings ---- */

saekin_status_t
saekin_settings_new (saekin_settings_t **settings)
{
    if (! settings)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *settings = calloc (1, sizeof **settings);
    return *settings ? SAEKIN_STATUS_SUCCESS : SAEKIN_STATUS_OUT_OF_MEMORY;
}

void
saekin_settings_free (saekin_settings_t *settings)
{
    if (! settings)
        return;
    free (settings->vocabulary_path);
    free (settings->synonyms_path);
    free (settings);
}

/* *FIELD = a copy of VALUE (NULL stays NULL). */
static saekin_status_t
set_string (char **field, const char *value)
{
    char *copy = NULL;
    if (value && ! (copy = strdup (value)))
        return SAEKIN_STATUS_OUT_OF_MEMORY;
    free (*field);
    *field = copy;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_settings_set_vocabulary_path (saekin_settings_t *settings, const char *path)
{
    if (! settings)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    return set_string (&settings->vocabulary_path, path);
}

saekin_status_t
saekin_settings_set_synonyms_path (saekin_settings_t *settings, const char *path)
{
    if (! settings)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    return set_string (&settings->synonyms_path, path);
}

saekin_status_t
saekin_settings_set_threads (saekin_settings_t *settings, unsigned threads)
{
    if (! settings)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    settings->threads = threads;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_settings_set_timeout (saekin_settings_t *settings, double seconds)
{
    if (! settings || isnan (seconds) || seconds < 0)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    settings->timeout = seconds;
    return SAEKIN_STATUS_SUCCESS;
}

saekin_status_t
saekin_settings_set_warning_callback (saekin_settings_t *settings, saekin_warning_fn fn,
                                      void *data)
{
    if (! settings)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    settings->warning = fn;
    settings->warning_data = data;
    return SAEKIN_STATUS_SUCCESS;
}

const char *
saekin_settings_get_vocabulary_path (const saekin_settings_t *settings)
{
    return settings ? settings->vocabulary_path : NULL;
}

const char *
saekin_settings_get_synonyms_path (const saekin_settings_t *settings)
{
    return settings ? settings->synonyms_path : NULL;
}

unsigned
saekin_settings_get_threads (const saekin_settings_t *settings)
{
    return settings ? settings->threads : 0;
}

double
saekin_settings_get_timeout (const saekin_settings_t *settings)
{
    return settings ? settings->timeout : 0;
}

saekin_status_t
_saekin_settings_copy (const saekin_settings_t *settings, saekin_settings_t **copy)
{
    saekin_settings_t *c;
    saekin_status_t s = saekin_settings_new (&c);
    if (s != SAEKIN_STATUS_SUCCESS)
        return s;
    if (settings) {
        c->threads = settings->threads;
        c->timeout = settings->timeout;
        c->warning = settings->warning;
        c->warning_data = settings->warning_data;
        if (set_string (&c->vocabulary_path, settings->vocabulary_path)
                != SAEKIN_STATUS_SUCCESS
            || set_string (&c->synonyms_path, settings->synonyms_path)
                   != SAEKIN_STATUS_SUCCESS) {
            saekin_settings_free (c);
            return SAEKIN_STATUS_OUT_OF_MEMORY;
        }
    }
    *copy = c;
    return SAEKIN_STATUS_SUCCESS;
}

/* ---- update options ---- */

saekin_status_t
saekin_index_options_new (saekin_index_options_t **options)
{
    if (! options)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    *options = calloc (1, sizeof **options);
    return *options ? SAEKIN_STATUS_SUCCESS : SAEKIN_STATUS_OUT_OF_MEMORY;
}

void
saekin_index_options_free (saekin_index_options_t *options)
{
    free (options);
}

#define SETTER(name, type, field)                                                        \
    saekin_status_t saekin_index_options_set_##name (saekin_index_options_t *options,    \
                                                     type value)                         \
    {                                                                                    \
        if (! options)                                                                   \
            return SAEKIN_STATUS_BAD_ARGUMENT;                                           \
        options->field = value;                                                          \
        return SAEKIN_STATUS_SUCCESS;                                                    \
    }

SETTER (rebuild, bool, rebuild)
SETTER (dry_run, bool, dry_run)
SETTER (problem_callback, saekin_problem_fn, callbacks.problem)
SETTER (progress_callback, saekin_progress_fn, callbacks.progress)
SETTER (change_callback, saekin_change_fn, callbacks.change)
SETTER (callback_data, void *, callbacks.ctx)

saekin_status_t
saekin_index_options_set_note_memory_mb (saekin_index_options_t *options,
                                         unsigned megabytes)
{
    /* No room at all would fail every costly note: a mistake, not a wish. */
    if (! options || megabytes == 0)
        return SAEKIN_STATUS_BAD_ARGUMENT;
    options->note_memory_mb = megabytes;
    return SAEKIN_STATUS_SUCCESS;
}

unsigned
saekin_index_options_get_note_memory_mb (const saekin_index_options_t *options)
{
    return options && options->note_memory_mb ? options->note_memory_mb
                                              : NOTE_MEMORY_MB_DEFAULT;
}

SETTER (watch_limit, size_t, watch_limit)

size_t
saekin_index_options_get_watch_limit (const saekin_index_options_t *options)
{
    return options ? options->watch_limit : 0;
}
