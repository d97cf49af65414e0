/* dataset.h: the counting task's data: M binary sequences of length T and
 * their targets. Generated from a random stream (the tutorial's recipe),
 * loaded from or saved to the plain-text data-file format. */
#ifndef RNNSCAPE_DATASET_H
#define RNNSCAPE_DATASET_H

#include <stddef.h>
#include <stdio.h>

#include "linereader.h"
#include "rng.h"
#include "status.h"

typedef struct {
    size_t m;       /* sequences */
    size_t t;       /* timesteps per sequence */
    double *x;      /* m x t, row-major: x[i*t + k] is input k+1 of sequence i */
    double *target; /* m */
} dataset;

/* Where and why loading failed, for the caller's message. */
typedef struct {
    size_t line;    /* 1-based line number, 0 if not about one line */
    char what[160]; /* e.g. "expected 11 numbers, found 9" */
    int errnum;     /* for RS_EIO: the errno of the open or read that failed
                     * (a caller tells a bad name, ENOENT or EISDIR, from a
                     * failed read, EIO), else 0 */
} dataset_error;

/* Largest m*t accepted, so a request is refused before allocating. */
#define DATASET_MAX_VALUES ((size_t)1 << 31)
/* The data-file reader's defaults: the longest line (a sequence of 10^8
 * bits is 200 MB of text) and the largest file it reads. */
#define DATASET_MAX_LINE ((size_t)256 << 20)
#define DATASET_MAX_FILE ((uint64_t)8 << 30)

/* What reading or generating a data set may use (linereader.h); NULL for
 * a limits argument means these defaults: DATASET_MAX_LINE,
 * DATASET_MAX_FILE and the memory available (memory.h). */
void dataset_limits_default(read_limits *lim);
/* Bytes a data set of m sequences of length t holds (for estimates). */
double dataset_bytes(size_t m, size_t t);

/* RS_ENOMEM, before allocating, when m*t exceeds DATASET_MAX_VALUES or
 * dataset_bytes(m, t) the memory ceiling. */
rs_status dataset_alloc(dataset *ds, size_t m, size_t t);
rs_status dataset_alloc_limited(dataset *ds, size_t m, size_t t, const read_limits *lim);
void dataset_free(dataset *ds);
/* Each row: t uniform doubles rounded half-to-even to 0/1 (np.around of
 * np.random.rand(t)); the target is the row's count of ones. */
rs_status dataset_generate(dataset *ds, rng *r, size_t m, size_t t);
rs_status dataset_generate_limited(dataset *ds, rng *r, size_t m, size_t t,
                                   const read_limits *lim);
/* The next `rows` rows of the same stream into x (rows x t) and target:
 * what dataset_generate does row by row, for a computation that streams a
 * generated data set in blocks instead of holding it (a block after
 * another from one rng gives exactly dataset_generate's rows). */
void dataset_generate_rows(rng *r, size_t t, size_t rows, double *x, double *target);
/* Replaces each target (a count of ones) by the fraction of ones, count/T:
 * a target inside the range of tanh and sigmoid units. */
void dataset_targets_to_mean(dataset *ds);
/* One sequence per line: the inputs, then the target. '#' lines and blank
 * lines are skipped; CRLF is accepted; every row must have the same width.
 * A line or file beyond the limits is RS_ERANGE and values beyond the
 * memory ceiling RS_ENOMEM, both with err->what naming the limit. */
rs_status dataset_read(dataset *ds, FILE *fp, dataset_error *err);
rs_status dataset_read_limited(dataset *ds, FILE *fp, const read_limits *lim,
                               dataset_error *err);
/* Opens path and reads it; RS_EIO with errno set if it cannot be opened. */
rs_status dataset_load(dataset *ds, const char *path, dataset_error *err);
rs_status dataset_load_limited(dataset *ds, const char *path, const read_limits *lim,
                               dataset_error *err);
/* Writes the rows (no header: the caller writes that). */
rs_status dataset_write(const dataset *ds, FILE *fp);

#endif
