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
    unsigned note_memory_mb; /* 0: NOTE_MEMORY_MB_DEFAULT (options made {0}) */
    size_t watch_limit;      /* 0: no limit of ours */
    struct {
        saekin_problem_fn problem;
        saekin_progress_fn progress;
        saekin_change_fn change;
        void *ctx;
    } callbacks;
};

/* The default of saekin_index_options_set_note_memory_mb(). */
#define NOTE_MEMORY_MB_DEFAULT 512u

/* A copy of SETTINGS (the defaults when NULL) in *COPY, for a handle to
 * keep; freed with saekin_settings_free(). */
saekin_status_t _saekin_settings_copy (const saekin_settings_t *settings,
                                       saekin_settings_t **copy);

#endif /* SAEKIN_SETTINGS_H */
