/* optim_method.h: what the optimiser files share (internal to src/optim):
 * a state block of a step counter and k vectors of n doubles. */
#ifndef RNNSCAPE_OPTIM_METHOD_H
#define RNNSCAPE_OPTIM_METHOD_H

#include <stdint.h>
#include <string.h>

#include "optim.h"

typedef struct {
    size_t t;         /* steps taken */
    double scalar;    /* one per-method scalar (iRprop+'s previous loss) */
    double v[];       /* k vectors of n values, vector j at v + j*n */
} optim_vectors;

/* Bytes for k vectors of n doubles; SIZE_MAX if that does not fit. */
static inline size_t optim_vectors_size(size_t n, size_t k)
{
    if (n && k > (SIZE_MAX - sizeof(optim_vectors)) / sizeof(double) / n)
        return SIZE_MAX;
    return sizeof(optim_vectors) + k * n * sizeof(double);
}

/* Zeroes all k vectors and the counter. */
static inline optim_vectors *optim_vectors_init(void *state, size_t n, size_t k)
{
    optim_vectors *s = state;
    s->t = 0;
    s->scalar = 0.0;
    if (n && k)
        memset(s->v, 0, k * n * sizeof(double));
    return s;
}

/* Defines NAME_size and NAME_init for a state of K vectors that start at 0. */
#define OPTIM_ZEROED_STATE(name, k)                                                                \
    static size_t name##_size(size_t n) { return optim_vectors_size(n, k); }                       \
    static rs_status name##_init(void *state, size_t n, const optim_params *p)                     \
    {                                                                                              \
        (void)p;                                                                                   \
        optim_vectors_init(state, n, k);                                                           \
        return RS_OK;                                                                              \
    }

static inline const double *optim_vectors_get(const void *state, size_t n, size_t k)
{
    return ((const optim_vectors *)state)->v + k * n;
}

/* torch's weight decay: the L2 term added to the gradient, d = g + wd*w. */
static inline double optim_decayed(double g, double w, double wd) { return wd != 0 ? g + wd * w : g; }

#endif
