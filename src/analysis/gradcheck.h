/* gradcheck.h: the one gradient checker. Compares an objective's analytic
 * gradient (backpropagation) with central differences, for any number of
 * parameters, with stencils of order 2 or 4, and judges each parameter by
 * NumPy's isclose rule |num - bp| <= atol + rtol*|bp|. Where either value is
 * not finite, or where the step is lost in rounding (w + h == w: the
 * numerical value is then +inf), the verdict is "not finite" (never a
 * comparison with NaN).
 * On top of it: the two-weight RNN's check at one point and the sweep of a
 * two-parameter objective over a grid, row by row.
 *
 * Example (any model):
 *     gradcheck_opts o = gradcheck_defaults();   // eps 1e-7, order 2
 *     o.order = 4; o.eps = 1e-3;
 *     gradcheck_entry *e = malloc(obj.n * sizeof *e);
 *     gradcheck_summary s;
 *     rs_status st = gradcheck_objective(&obj, w, &o, e, &s);
 *     // e[p]: backprop, numerical, abs_err, rel_err, verdict of parameter p
 *     // s.verdict: worst verdict; s.worst: index of the worst parameter */
#ifndef RNNSCAPE_GRADCHECK_H
#define RNNSCAPE_GRADCHECK_H

#include <stddef.h>

#include "objective.h"
#include "rnn2.h"

typedef struct {
    double eps;        /* central-difference step h (tutorial: 1e-7) */
    double rtol, atol; /* isclose tolerances (defaults 1e-5, 1e-8) */
    int order;         /* 2: (E(w+h) - E(w-h)) / 2h, error O(h^2) (default);
                          4: (8(E(w+h) - E(w-h)) - (E(w+2h) - E(w-2h))) / 12h, O(h^4) */
    double rel_floor;  /* rel_err = abs_err / max(|bp|, |num|, rel_floor); default 0 */
    int tutorial_steps; /* order 2 only: 1 (default) steps the weight as the tutorial
                           does, w += h then w -= 2h, so its numbers are reproduced to
                           the bit; 0 evaluates at w + h and w - h directly */
} gradcheck_opts;

typedef enum { GRADCHECK_PASS = 0, GRADCHECK_FAIL, GRADCHECK_NOT_FINITE } gradcheck_verdict;

extern const char *const gradcheck_verdict_names[]; /* "pass", "FAIL", "not finite" */

/* One parameter's comparison. Never NaN: a backprop or numerical value
 * that is undefined (inf - inf, 0*inf) is +inf, and then the verdict is
 * GRADCHECK_NOT_FINITE with abs_err = rel_err = +inf. */
typedef struct {
    double backprop, numerical;
    double abs_err; /* |num - bp| */
    double rel_err; /* abs_err / max(|bp|, |num|, rel_floor); 0 if that is 0 */
    gradcheck_verdict verdict;
} gradcheck_entry;

/* Summary of one check over all parameters. */
typedef struct {
    double loss;               /* the objective at w (+inf on overflow) */
    size_t passed, failed, not_finite;
    gradcheck_verdict verdict; /* worst: FAIL > not finite > pass */
    size_t worst;              /* parameter with the largest ratio (0 if none compared) */
    double worst_ratio;        /* its |num - bp| / (atol + rtol*|bp|); > 1 fails, 0 if none */
} gradcheck_summary;

/* Tutorial settings: eps 1e-7, rtol 1e-5, atol 1e-8, order 2, tutorial steps. */
gradcheck_opts gradcheck_defaults(void);

/* Checks every parameter of obj at w (obj->n values; w is not changed).
 * per_param (obj->n entries) receives each comparison; summary (may be
 * NULL) the counts. Errors: RS_EINVAL for order other than 2 or 4 or a
 * step that is not finite and > 0; RS_ENOMEM; any status of obj->fdf. */
rs_status gradcheck_objective(const objective *obj, const double *w, const gradcheck_opts *o,
                              gradcheck_entry *per_param, gradcheck_summary *summary);

/* Loss-only evaluations that several threads may make at once, each
 * through its own slot (its own scratch space): the finite differences of
 * a check shared among threads. progress (may be NULL) is called, from one
 * thread at a time, with the parameters finished so far. */
typedef struct {
    size_t slots; /* concurrent callers allowed, 1..4096; the threads used */
    rs_status (*loss)(void *ctx, size_t slot, const double *w, double *loss);
    void *ctx;
    void (*progress)(void *progress_ctx, size_t done, size_t total);
    void *progress_ctx;
} gradcheck_pool;

/* gradcheck_objective with obj's analytic gradient at w against central
 * differences of pool's loss, parameters spread over up to pool->slots
 * threads (OpenMP). Each difference is computed by the same operations
 * whatever thread takes it, so the entries are the same for any number of
 * threads and without OpenMP; they equal gradcheck_objective's when the
 * pool's loss is obj's. Errors: those of gradcheck_objective; RS_EINVAL
 * for a slot count out of range; the first failing parameter's status. */
rs_status gradcheck_objective_pool(const objective *obj, const gradcheck_pool *pool,
                                   const double *w, const gradcheck_opts *o,
                                   gradcheck_entry *per_param, gradcheck_summary *summary);
/* The threads an OpenMP parallel region would use now (1 without OpenMP):
 * the slots a pool needs to use them all. */
size_t gradcheck_pool_threads(void);

/* How far past its tolerance a comparison is: abs_err / (atol + rtol*|bp|),
 * 0 for a not-finite entry (so rankings never meet NaN). */
double gradcheck_ratio(const gradcheck_entry *e, const gradcheck_opts *o);

/* ---- two parameters: the RNN's (w_x, w_rec) --------------------------- */

typedef struct {
    double loss;
    gradcheck_entry wx, wrec;  /* parameter 0 and 1 */
    gradcheck_verdict verdict; /* worst of the two */
} gradcheck_result;

/* The two-weight RNN lm at its own weights (s0 and activation from lm). */
rs_status gradcheck_at(const rnn2_model *lm, const dataset *ds, const gradcheck_opts *o,
                       gradcheck_result *out);
/* Any two-parameter objective at (w0, w1). */
rs_status gradcheck_at2(const objective *obj, double w0, double w1, const gradcheck_opts *o,
                        gradcheck_result *out);

/* Summary of a sweep: counts, and the point with the largest excess of
 * |num - bp| over its tolerance (the worst case). */
typedef struct {
    size_t points, passed, failed, not_finite;
    double worst_wx, worst_wrec;
    gradcheck_result worst;
    double worst_ratio; /* |num - bp| / (atol + rtol*|bp|); > 1 fails */
} gradcheck_sweep_result;

/* Called after each finished row j (w1 = w1[j]) with its n0 results;
 * a status other than RS_OK stops the sweep and is returned. */
typedef rs_status (*gradcheck_row_fn)(void *ctx, size_t j, const gradcheck_result *row);

/* The sweep driver: checks the two-parameter objective at every (w0[i],
 * w1[j]), row by row (j outer), into row (n0 scratch results), calling
 * on_row (may be NULL) after each row; summary gets the whole grid's. */
rs_status gradcheck_sweep_run(const objective *obj, const gradcheck_opts *o, const double *w0,
                              size_t n0, const double *w1, size_t n1, gradcheck_result *row,
                              gradcheck_row_fn on_row, void *ctx,
                              gradcheck_sweep_result *summary);

/* The two-weight RNN (activation f, s0 = 0) over a grid; results
 * (optional, nrec x nx) receives every point's result. */
rs_status gradcheck_sweep(const dataset *ds, activation f, const gradcheck_opts *o,
                          const double *wx, size_t nx, const double *wrec, size_t nrec,
                          gradcheck_result *results, gradcheck_sweep_result *summary);

/* Adds a part of a sweep (e.g. one row) into a running summary, so a sweep
 * done piece by piece reports what one call over the whole grid would. */
void gradcheck_sweep_merge(gradcheck_sweep_result *into, const gradcheck_sweep_result *part);

#endif
