/* rnn2.h: the two-parameter RNN of the counting tutorial,
 * s_k = f(s_(k-1)*w_rec + x_k*w_x), y = s_T, loss xi = mean_i (t_i - y_i)^2:
 * forward states, loss, backpropagation through time, per-timestep gradients. */
#ifndef RNNSCAPE_RNN2_H
#define RNNSCAPE_RNN2_H

#include "activation.h"
#include "dataset.h"
#include "objective.h"
#include "status.h"

typedef struct {
    double wx, wrec;
    activation f;
    double s0; /* the initial state S_0 (the tutorial's 0) */
} rnn2_model;

/* Which quantity rnn2_grad_over_time reports. */
typedef enum {
    RNN2_SCALE_LOSS = 0, /* sum_i dxi/dS_ik, the true gradient */
    RNN2_SCALE_TUTORIAL  /* the tutorial's plotted M * sum_i 2(y_i-t_i) w_rec^(T-k): M^2 times the
                              above */
} rnn2_scale;

typedef struct {
    double loss;
    double d_wx, d_wrec; /* dxi/dw_x, dxi/dw_rec */
} rnn2_grad;

/* Undefined forms. Where an overflow leads to inf - inf or 0*inf, the loss,
 * a gradient component (rnn2_gradient, rnn2_grad_over_time) is +inf, never
 * NaN; a quantity that overflows with a known sign is that signed inf. */

/* Output of one sequence x[0..t); non-finite states give +-inf or NaN
 * (callers that print it apply the rule above). */
double rnn2_output(const rnn2_model *lm, const double *x, size_t t);
/* All states, m x (t+1) row-major with S[i][0] = 0. */
void rnn2_forward(const rnn2_model *lm, const dataset *ds, double *states);
/* The loss; +inf where the forward pass overflows (never NaN). */
double rnn2_loss(const rnn2_model *lm, const dataset *ds);
/* Loss and gradient by BPTT (never NaN: see above); RS_ENOMEM if scratch
 * cannot be allocated. */
rs_status rnn2_gradient(const rnn2_model *lm, const dataset *ds, rnn2_grad *g);
/* grad[k] for k = 0..T (T+1 values): the summed gradient with respect to
 * the states S_k, in the requested scale. */
rs_status rnn2_grad_over_time(const rnn2_model *lm, const dataset *ds, rnn2_scale scale,
                                double *grad);

/* The gradient-over-time driver: for each point p, (w_x, w_rec) =
 * (points[2p], points[2p+1]) with the activation and s0 of base, computes
 * rnn2_grad_over_time into grad (t+1 scratch values) and hands it to
 * on_point; stops at the first status other than RS_OK. */
typedef rs_status (*rnn2_point_fn)(void *ctx, size_t p, const rnn2_model *lm, const double *grad);
rs_status rnn2_grad_over_time_run(const rnn2_model *base, const double *points, size_t npts,
                                  const dataset *ds, rnn2_scale scale, double *grad,
                                  rnn2_point_fn on_point, void *ctx);

/* The loss over a data set as an objective of n = 2 parameters
 * w = (w_x, w_rec), for the gradient check, the optimisers and the
 * curvature code; the activation and s0 come from model (its weights are
 * ignored). *p must outlive the objective. */
typedef struct {
    rnn2_model model;
    const dataset *ds;
} rnn2_problem;
objective rnn2_objective(rnn2_problem *p);

#endif
