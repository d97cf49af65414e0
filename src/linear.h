/* linear.h: the two-parameter RNN of the counting tutorial,
 * s_k = f(s_(k-1)*w_rec + x_k*w_x), y = s_T, loss xi = mean_i (t_i - y_i)^2:
 * forward states, loss, backpropagation through time, per-timestep gradients. */
#ifndef RNNSCAPE_LINEAR_H
#define RNNSCAPE_LINEAR_H

#include "activation.h"
#include "dataset.h"
#include "status.h"

typedef struct {
    double wx, wrec;
    activation f;
} linear_model;

/* Which quantity linear_grad_over_time reports. */
typedef enum {
    LINEAR_SCALE_LOSS = 0, /* sum_i dxi/dS_ik, the true gradient */
    LINEAR_SCALE_TUTORIAL  /* the tutorial's plotted M * sum_i 2(y_i-t_i) w_rec^(T-k): M^2 times the
                              above */
} linear_scale;

typedef struct {
    double loss;
    double d_wx, d_wrec; /* dxi/dw_x, dxi/dw_rec */
} linear_grad;

/* Output of one sequence x[0..t); non-finite states give +-inf or NaN. */
double linear_output(const linear_model *lm, const double *x, size_t t);
/* All states, m x (t+1) row-major with S[i][0] = 0. */
void linear_forward(const linear_model *lm, const dataset *ds, double *states);
/* The loss; +inf where the forward pass overflows (never NaN). */
double linear_loss(const linear_model *lm, const dataset *ds);
/* Loss and gradient by BPTT; RS_ENOMEM if scratch cannot be allocated. */
rs_status linear_gradient(const linear_model *lm, const dataset *ds, linear_grad *g);
/* grad[k] for k = 0..T (T+1 values): the summed gradient with respect to
 * the states S_k, in the requested scale. */
rs_status linear_grad_over_time(const linear_model *lm, const dataset *ds, linear_scale scale,
                                double *grad);

/* Test-only: adds `offset` to dxi/dw_x in every linear_gradient result, so a
 * test can prove the gradient check catches a wrong gradient. 0 = off. */
void linear_test_set_gradient_fault(double offset);

#endif
