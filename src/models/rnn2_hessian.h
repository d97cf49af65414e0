/* rnn2_hessian.h: the exact Hessian of the two-parameter RNN's loss
 * xi = (1/M) sum_i (t_i - y_i)^2 with respect to w = (w_x, w_rec), for any
 * activation and initial state s0, by second-order forward mode: along the
 * recurrence each state carries its first and second derivatives with
 * respect to both weights (no finite differences).
 *
 * Recurrence (z_k = s_(k-1) w_rec + x_k w_x, s_k = f(z_k); a = ds/dw_x,
 * b = ds/dw_rec and aa, ab, bb their second derivatives):
 *   z_x = a w_rec + x        z_r = b w_rec + s
 *   z_xx = aa w_rec          z_xr = ab w_rec + a        z_rr = bb w_rec + 2b
 *   a' = f' z_x,  aa' = f'' z_x^2 + f' z_xx  (and so on: the chain rule twice)
 * then H = (2/M) sum_i [grad y_i grad y_i^T + (y_i - t_i) hess y_i].
 *
 * Overflow rule: an entry that overflows is the signed infinity the
 * arithmetic gives; an entry the arithmetic cannot determine (NaN from
 * inf - inf or 0 * inf once the states have overflowed) is reported as
 * +inf. So no entry is ever NaN. */
#ifndef RNNSCAPE_RNN2_HESSIAN_H
#define RNNSCAPE_RNN2_HESSIAN_H

#include "dataset.h"
#include "rnn2.h"
#include "status.h"

typedef struct {
    double loss;    /* xi; +inf where the forward pass overflows */
    double grad[2]; /* dxi/dw_x, dxi/dw_rec */
    double h[2][2]; /* d2xi/dw_i dw_j, symmetric; index 0 is w_x, 1 is w_rec */
} rnn2_hess;

/* f'(z) and f''(z) written through the output s = f(z) (relu: 0 at z = 0,
 * as its subgradient in PyTorch; f'' = 0 for linear and relu). */
static inline void rnn2_slopes(activation f, double s, double *d1, double *d2)
{
    switch (f) {
    case ACT_TANH:
        *d1 = 1.0 - s * s;
        *d2 = -2.0 * s * *d1;
        break;
    case ACT_SIGMOID:
        *d1 = s * (1.0 - s);
        *d2 = *d1 * (1.0 - 2.0 * s);
        break;
    case ACT_RELU:
        *d1 = s > 0.0 ? 1.0 : 0.0;
        *d2 = 0.0;
        break;
    default:
        *d1 = 1.0;
        *d2 = 0.0;
        break;
    }
}

/* Loss, gradient and Hessian at the model's (w_x, w_rec). RS_EINVAL for an
 * empty data set. */
rs_status rnn2_hessian(const rnn2_model *lm, const dataset *ds, rnn2_hess *out);

/* The rule above, applied to finished sums: NaN becomes +inf. */
static inline double rnn2_hessian_entry(double v) { return v != v ? INFINITY : v; }

#endif
