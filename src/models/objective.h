/* objective.h: the one interface every model offers to the analyses and
 * optimisers: n parameters, the loss and its gradient at a point, and, for
 * stochastic objectives, a way to pick the sample a step sees. Analyses
 * (gradient check, optimise loop, curvature) take an objective, never a
 * model by name. Modelled on GSL's gsl_multimin_function_fdf. */
#ifndef RNNSCAPE_OBJECTIVE_H
#define RNNSCAPE_OBJECTIVE_H

#include <stddef.h>

#include "status.h"

typedef struct objective {
    size_t n; /* number of parameters */
    /* Loss at w (n values) into *loss and, when grad is not NULL, its
     * gradient into grad (n values). Overflow gives a loss of +inf and
     * gradient components of +-inf, never NaN. */
    rs_status (*fdf)(void *ctx, const double *w, double *loss, double *grad);
    /* Stochastic objectives only (NULL otherwise): makes fdf see the
     * sample (or mini-batch) of iteration iter until the next call. */
    rs_status (*select)(void *ctx, size_t iter);
    void *ctx;
} objective;

static inline rs_status objective_fdf(const objective *obj, const double *w, double *loss,
                                      double *grad)
{
    return obj->fdf(obj->ctx, w, loss, grad);
}

#endif
