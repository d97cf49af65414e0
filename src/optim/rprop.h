/* rprop.h: resilient backpropagation on the two-parameter RNN: the
 * tutorial's variant and the four of Igel & Huesken (2000), Rprop+,
 * Rprop-, iRprop+ and iRprop-, each with step bounds delta_min/delta_max. */
#ifndef RNNSCAPE_RPROP_H
#define RNNSCAPE_RPROP_H

#include <stddef.h>

#include "rnn2.h"

typedef enum {
    RPROP_TUTORIAL = 0, /* sign comparison only, no bounds, no backtracking */
    RPROP_PLUS,         /* Rprop+: weight backtracking on a sign change */
    RPROP_MINUS,        /* Rprop-: no backtracking */
    RPROP_IPLUS,        /* iRprop+: backtracking only if the loss rose */
    RPROP_IMINUS        /* iRprop-: gradient zeroed after a sign change */
} rprop_variant;

extern const char *const rprop_variant_names[]; /* "tutorial", "rprop+", ... NULL */

typedef struct {
    rprop_variant variant;
    double eta_plus, eta_minus;  /* 1.2, 0.5 */
    double delta0;               /* initial step, both weights (tutorial 0.001) */
    double delta_min, delta_max; /* bounds (not used by the tutorial variant) */
} rprop_opts;

/* One iterate of the trace: the weights, the loss and gradient there, and
 * the step sizes used for the step from here (at the last iterate: the
 * step sizes the next step would start from). */
typedef struct {
    double wx, wrec, loss, d_wx, d_wrec, delta_wx, delta_wrec;
} rprop_point;

/* Per-weight state of the optimiser. */
typedef struct {
    double delta;     /* current step size */
    double prev_sign; /* sign of the previous gradient (0 after a reset) */
    double prev_step; /* last applied change of the weight, for backtracking */
} rprop_state;

/* A run in progress, so a long trace can be written as it is computed. */
typedef struct {
    const dataset *ds;
    rprop_opts o;
    rnn2_model lm; /* the current iterate */
    rprop_state sx, sr;
    double prev_loss;
} rprop_iter;

/* The tutorial's hyper-parameters for the given variant; bounds 1e-6, 50. */
rprop_opts rprop_defaults(rprop_variant v);
void rprop_begin(rprop_iter *it, const dataset *ds, const rnn2_model *start,
                 const rprop_opts *o);
/* Describes the current iterate in p; with step, also takes the step from
 * it (p then holds the step sizes used). */
rs_status rprop_next(rprop_iter *it, int step, rprop_point *p);
/* Runs iters iterations from start; trace gets iters+1 points, start included. */
rs_status rprop_run(const dataset *ds, const rnn2_model *start, const rprop_opts *o, size_t iters,
                    rprop_point *trace);

#endif
