/* gradcheck.h: backpropagation against central differences for the
 * two-parameter RNN, at one point or as a sweep over a grid, with NumPy's
 * isclose rule (|num - bp| <= atol + rtol*|bp|) as the pass criterion. */
#ifndef RNNSCAPE_GRADCHECK_H
#define RNNSCAPE_GRADCHECK_H

#include <stddef.h>

#include "rnn2.h"

typedef struct {
    double eps;        /* central-difference step (tutorial: 1e-7) */
    double rtol, atol; /* isclose defaults: 1e-5, 1e-8 */
} gradcheck_opts;

typedef enum { GRADCHECK_PASS = 0, GRADCHECK_FAIL, GRADCHECK_NOT_FINITE } gradcheck_verdict;

extern const char *const gradcheck_verdict_names[]; /* "pass", "FAIL", "not finite" */

/* One parameter's comparison. */
typedef struct {
    double backprop, numerical;
    double abs_err, rel_err; /* rel_err = abs_err / max(|bp|, |num|), 0 if both 0 */
    gradcheck_verdict verdict;
} gradcheck_entry;

typedef struct {
    double loss;
    gradcheck_entry wx, wrec;
    gradcheck_verdict verdict; /* worst of the two */
} gradcheck_result;

/* The tutorial's settings: eps 1e-7, rtol 1e-5, atol 1e-8. */
gradcheck_opts gradcheck_defaults(void);
rs_status gradcheck_at(const rnn2_model *lm, const dataset *ds, const gradcheck_opts *o,
                       gradcheck_result *out);

/* Summary of a sweep: counts, and the point with the largest excess of
 * |num - bp| over its tolerance (the worst case). */
typedef struct {
    size_t points, passed, failed, not_finite;
    double worst_wx, worst_wrec;
    gradcheck_result worst;
    double worst_ratio; /* |num - bp| / (atol + rtol*|bp|); > 1 fails */
} gradcheck_sweep_result;

/* results (optional, nrec x nx) receives every point's result. */
rs_status gradcheck_sweep(const dataset *ds, activation f, const gradcheck_opts *o,
                          const double *wx, size_t nx, const double *wrec, size_t nrec,
                          gradcheck_result *results, gradcheck_sweep_result *summary);

/* Adds a part of a sweep (e.g. one row) into a running summary, so a sweep
 * done piece by piece reports what one call over the whole grid would. */
void gradcheck_sweep_merge(gradcheck_sweep_result *into, const gradcheck_sweep_result *part);

#endif
