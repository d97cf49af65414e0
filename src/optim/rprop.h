/* rprop.h: the RProp family on the two-parameter RNN, as the `rprop`
 * command and the tutorial summary use it: the tutorial's variant and the
 * four of Igel & Huesken (2000), with the tutorial's hyper-parameters.
 * The methods themselves are optimiser types (optim.h, rprop_family.c);
 * this is a thin layer that runs them through optim_run. */
#ifndef RNNSCAPE_RPROP_H
#define RNNSCAPE_RPROP_H

#include <stddef.h>

#include "optim.h"
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

/* The tutorial's hyper-parameters for the given variant; bounds 1e-6, 50. */
rprop_opts rprop_defaults(rprop_variant v);
/* The optimiser type and its configuration for these options. */
const optim_type *rprop_type(rprop_variant v);
optim_config rprop_config(const rprop_opts *o, size_t iters);
/* Runs iters iterations from start; trace gets iters+1 points, start
 * included (fewer if the loss stops being finite: RS_ERANGE). */
rs_status rprop_run(const dataset *ds, const rnn2_model *start, const rprop_opts *o, size_t iters,
                    rprop_point *trace);

#endif
