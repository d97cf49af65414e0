/* addition_batch.h: the binary-addition model on a batch of sums at once,
 * forward and backward, as matrix products across the batch's rows
 * (addition_kernel.h) with vmath's sigmoid: the whole-set evaluation with
 * gradient flow (addition_evaluate) at the speed of the landscape.
 *
 * Each sum's values are computed by the same sequence of operations
 * whatever the batch it is in, and the sums are accumulated in order, so
 * results do not depend on the batch size or on threads. */
#ifndef RNNSCAPE_ADDITION_BATCH_H
#define RNNSCAPE_ADDITION_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "addition.h"
#include "status.h"

typedef struct addition_batch addition_batch;

/* Sums accumulated over the batches run so far. */
typedef struct {
    double loss;                    /* sum of E = sum_k 1/2 (c_k - o_k)^2 */
    double correct;                 /* sums answered exactly */
    double dh[ADDITION_BITS_MAX];   /* sum of ||dE/dh_k|| at dh[k-1] */
} addition_batch_sums;

rs_status addition_batch_new(int bits, int hidden, addition_batch **out);
void addition_batch_free(addition_batch *b);
/* Weights w (net's layout) for the following runs. */
void addition_batch_load(addition_batch *b, const double *w);
/* The n sums a[i] + b[i], in order, added into s; with want_dh the
 * backward pass too (the gradient flow). */
void addition_batch_run(addition_batch *b, const uint32_t *a, const uint32_t *bv, size_t n,
                        int want_dh, addition_batch_sums *s);

#endif
