/* faulty_objective.h (tests only): wraps a real objective and adds a
 * planted error to one gradient component, so a test can prove that the
 * gradient check catches a wrong gradient. The fault lives in the
 * wrapper's context, not in any global state of the library. */
#ifndef RNNSCAPE_FAULTY_OBJECTIVE_H
#define RNNSCAPE_FAULTY_OBJECTIVE_H

#include "objective.h"

typedef struct {
    objective real;
    size_t component; /* which gradient component is wrong */
    double offset;    /* added to it (0: the wrapper changes nothing) */
} faulty_objective;

static rs_status faulty_objective_fdf(void *ctx, const double *w, double *loss, double *grad)
{
    faulty_objective *f = ctx;
    rs_status st = objective_fdf(&f->real, w, loss, grad);
    if (st == RS_OK && grad)
        grad[f->component] += f->offset;
    return st;
}

/* The objective of f (which must outlive it). */
static inline objective faulty_objective_wrap(faulty_objective *f)
{
    return (objective){.n = f->real.n, .fdf = faulty_objective_fdf, .select = f->real.select,
                       .ctx = f};
}

#endif
