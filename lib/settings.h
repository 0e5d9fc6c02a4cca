/* settings.h - what lies behind the opaque saekin_settings_t and
 * saekin_index_options_t of saekin.h, for the files that read them. */
#ifndef SAEKIN_SETTINGS_H
#define SAEKIN_SETTINGS_H

#include "saekin.h"

struct saekin_settings {
    char *vocabulary_path; /* NULL: the compiled-in vocabulary */
    char *synonyms_path;   /* NULL: none */
    unsigned threads;      /* 0: one per processor */
    double timeout;        /* seconds; 0: none */
    saekin_warning_fn warning;
    void *warning_data;
};

struct saekin_index_options {
    bool rebuild;
    bool dry_run;
    struct {
        saekin_problem_fn problem;
        saekin_progress_fn progress;
        saekin_change_fn change;
        void *ctx;
    } callbacks;
};

/* A copy of SETTINGS (the defaults when NULL) in *COPY, for a handle to
 * keep; freed with saekin_settings_free(). */
saekin_status_t _saekin_settings_copy (const saekin_settings_t *settings,
                                       saekin_settings_t **copy);

#endif /* SAEKIN_SETTINGS_H */
