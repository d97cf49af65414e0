#include "rnn2.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pairwise.h"

/* The rule for undefined forms: an inf - inf or 0*inf met after an
 * overflow makes the quantity +inf (the loss, a gradient component, an
 * output), never NaN. */
static inline double rnn2_defined(double v) { return isnan(v) ? INFINITY : v; }

/* The recurrence s_k = f(s_(k-1)*w_rec + x_k*w_x). */
static inline double rnn2_step(const rnn2_model *lm, double s, double x)
{
    return activation_apply(lm->f, s * lm->wrec + x * lm->wx);
}

double rnn2_output(const rnn2_model *lm, const double *x, size_t t)
{
    double s = lm->s0;
    for (size_t k = 0; k < t; k++)
        s = rnn2_step(lm, s, x[k]);
    return s;
}

void rnn2_forward(const rnn2_model *lm, const dataset *ds, double *states)
{
    size_t w = ds->t + 1;
    for (size_t i = 0; i < ds->m; i++) {
        double *s = states + i * w;
        s[0] = lm->s0;
        for (size_t k = 0; k < ds->t; k++)
            s[k + 1] = rnn2_step(lm, s[k], ds->x[i * ds->t + k]);
    }
}

double rnn2_loss(const rnn2_model *lm, const dataset *ds)
{
    double sum = 0.0;
    for (size_t i = 0; i < ds->m; i++) {
        double r = ds->target[i] - rnn2_output(lm, ds->x + i * ds->t, ds->t);
        sum += r * r;
    }
    /* A NaN here comes from inf*0 or inf-inf after overflow: report +inf. */
    return rnn2_defined(sum / (double)ds->m);
}

/* Scratch for BPTT: states (m x (t+1)), per-sample state gradients, and a
 * product buffer for NumPy-order means. */
typedef struct {
    double *s, *d, *prod;
} bptt_work;

static rs_status bptt_alloc(bptt_work *w, const dataset *ds)
{
    w->s = malloc(ds->m * (ds->t + 1) * sizeof *w->s);
    w->d = malloc(ds->m * sizeof *w->d);
    w->prod = malloc(ds->m * sizeof *w->prod);
    if (w->s && w->d && w->prod)
        return RS_OK;
    free(w->s);
    free(w->d);
    free(w->prod);
    return RS_ENOMEM;
}

static void bptt_free(bptt_work *w)
{
    free(w->s);
    free(w->d);
    free(w->prod);
}

/* d[i] <- d[i] * f'(z_ik): turns dxi/dS_ik into dxi/dz_ik. */
static void through_activation(const rnn2_model *lm, const bptt_work *w, size_t m, size_t stride,
                               size_t k)
{
    if (lm->f == ACT_LINEAR)
        return;
    for (size_t i = 0; i < m; i++)
        w->d[i] *= activation_slope(lm->f, w->s[i * stride + k]);
}

rs_status rnn2_gradient(const rnn2_model *lm, const dataset *ds, rnn2_grad *g)
{
    bptt_work w;
    if (bptt_alloc(&w, ds) != RS_OK)
        return RS_ENOMEM;
    size_t m = ds->m, t = ds->t, stride = t + 1;
    rnn2_forward(lm, ds, w.s);
    for (size_t i = 0; i < m; i++) {
        double r = ds->target[i] - w.s[i * stride + t];
        w.prod[i] = r * r;
        /* Output gradient as the tutorial writes it, 2(y - t); the 1/M of
         * the mean is applied per timestep below, as np.mean does. */
        w.d[i] = 2.0 * (w.s[i * stride + t] - ds->target[i]);
    }
    g->loss = pairwise_sum(w.prod, m) / (double)m;
    double d_wx = 0.0, d_wrec = 0.0;
    for (size_t k = t; k >= 1; k--) {
        through_activation(lm, &w, m, stride, k);
        /* dxi/dw_x += mean_i dz_ik x_ik;  dxi/dw_rec += mean_i dz_ik S_i,k-1 */
        for (size_t i = 0; i < m; i++)
            w.prod[i] = w.d[i] * ds->x[i * t + k - 1];
        d_wx += pairwise_sum(w.prod, m) / (double)m;
        for (size_t i = 0; i < m; i++)
            w.prod[i] = w.d[i] * w.s[i * stride + k - 1];
        d_wrec += pairwise_sum(w.prod, m) / (double)m;
        /* BPTT: dxi/dS_(k-1) = dxi/dz_k * w_rec */
        for (size_t i = 0; i < m; i++)
            w.d[i] *= lm->wrec;
    }
    bptt_free(&w);
    g->d_wx = rnn2_defined(d_wx);
    g->d_wrec = rnn2_defined(d_wrec);
    g->loss = rnn2_defined(g->loss);
    return RS_OK;
}

rs_status rnn2_grad_over_time(const rnn2_model *lm, const dataset *ds, rnn2_scale scale,
                                double *grad)
{
    bptt_work w;
    if (bptt_alloc(&w, ds) != RS_OK)
        return RS_ENOMEM;
    size_t m = ds->m, t = ds->t, stride = t + 1;
    double M = (double)m;
    rnn2_forward(lm, ds, w.s);
    for (size_t i = 0; i < m; i++)
        w.d[i] = 2.0 * (w.s[i * stride + t] - ds->target[i]);
    if (scale == RNN2_SCALE_TUTORIAL && lm->f == ACT_LINEAR) {
        /* The tutorial sums 2(y_i - t_i) over samples first, then carries
         * that one number back: g_(k-1) = g_k * w_rec, plotted times M. */
        double gk = pairwise_sum(w.d, m);
        for (size_t k = t + 1; k-- > 0;) {
            grad[k] = rnn2_defined(M * gk);
            gk *= lm->wrec;
        }
        bptt_free(&w);
        return RS_OK;
    }
    /* dxi/dS_iT = (2/M)(y_i - t_i); the tutorial scale is M^2 times it. */
    double factor = scale == RNN2_SCALE_TUTORIAL ? M : 1.0 / M;
    for (size_t i = 0; i < m; i++)
        w.d[i] *= factor;
    for (size_t k = t + 1; k-- > 0;) {
        grad[k] = rnn2_defined(pairwise_sum(w.d, m));
        if (k == 0)
            break;
        through_activation(lm, &w, m, stride, k);
        /* BPTT: dxi/dS_(k-1) = dxi/dS_k * f'(z_k) * w_rec */
        for (size_t i = 0; i < m; i++)
            w.d[i] *= lm->wrec;
    }
    bptt_free(&w);
    return RS_OK;
}

rs_status rnn2_grad_over_time_run(const rnn2_model *base, const double *points, size_t npts,
                                  const dataset *ds, rnn2_scale scale, double *grad,
                                  rnn2_point_fn on_point, void *ctx)
{
    for (size_t p = 0; p < npts; p++) {
        rnn2_model lm = *base;
        lm.wx = points[2 * p];
        lm.wrec = points[2 * p + 1];
        rs_status st = rnn2_grad_over_time(&lm, ds, scale, grad);
        if (st == RS_OK)
            st = on_point(ctx, p, &lm, grad);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}

static rs_status rnn2_objective_fdf(void *ctx, const double *w, double *loss, double *grad)
{
    rnn2_problem *p = ctx;
    rnn2_model lm = p->model;
    lm.wx = w[0];
    lm.wrec = w[1];
    if (!grad) {
        *loss = rnn2_loss(&lm, p->ds);
        return RS_OK;
    }
    rnn2_grad g;
    rs_status st = rnn2_gradient(&lm, p->ds, &g);
    if (st != RS_OK)
        return st;
    *loss = g.loss;
    grad[0] = g.d_wx;
    grad[1] = g.d_wrec;
    return RS_OK;
}

objective rnn2_objective(rnn2_problem *p)
{
    return (objective){.n = 2, .fdf = rnn2_objective_fdf, .select = NULL, .ctx = p};
}
