#include "rprop.h"

#include <math.h>

const char *const rprop_variant_names[] = {"tutorial", "rprop+",  "rprop-",
                                           "irprop+",  "irprop-", NULL};

rprop_opts rprop_defaults(rprop_variant v)
{
    rprop_opts o = {v, 1.2, 0.5, 0.001, 1e-6, 50.0};
    return o;
}

/* np.sign: -1, 0 or 1 (0 for NaN too, so a NaN gradient takes no step). */
static double sign_of(double g) { return g > 0.0 ? 1.0 : g < 0.0 ? -1.0 : 0.0; }

/* The tutorial: grow delta if the sign repeats, else shrink; step -sign*delta. */
static double step_tutorial(rprop_state *s, double g, const rprop_opts *o)
{
    double sg = sign_of(g);
    s->delta *= sg == s->prev_sign ? o->eta_plus : o->eta_minus;
    s->prev_sign = sg;
    return -sg * s->delta;
}

/* One weight's change for the Igel & Huesken variants. loss_rose is used
 * by iRprop+ only. */
static double step_standard(rprop_state *s, double g, const rprop_opts *o, int loss_rose)
{
    double sg = sign_of(g), agree = sg * s->prev_sign;
    if (agree > 0.0) {
        s->delta = fmin(s->delta * o->eta_plus, o->delta_max);
    } else if (agree < 0.0) {
        s->delta = fmax(s->delta * o->eta_minus, o->delta_min);
        if (o->variant == RPROP_PLUS || o->variant == RPROP_IPLUS) {
            /* Backtrack (always for Rprop+, only on a loss increase for iRprop+). */
            double back = (o->variant == RPROP_PLUS || loss_rose) ? -s->prev_step : 0.0;
            s->prev_sign = 0.0;
            s->prev_step = back;
            return back;
        }
        if (o->variant == RPROP_IMINUS)
            sg = 0.0; /* iRprop-: forget this gradient, take no step */
    }
    s->prev_sign = sg;
    s->prev_step = -sg * s->delta;
    return s->prev_step;
}

void rprop_begin(rprop_iter *it, const dataset *ds, const rnn2_model *start,
                 const rprop_opts *o)
{
    *it = (rprop_iter){ds, *o, *start, {o->delta0, 0.0, 0.0}, {o->delta0, 0.0, 0.0}, INFINITY};
}

rs_status rprop_next(rprop_iter *it, int step, rprop_point *p)
{
    rnn2_grad g;
    rs_status st = rnn2_gradient(&it->lm, it->ds, &g);
    if (st != RS_OK)
        return st;
    *p = (rprop_point){it->lm.wx, it->lm.wrec, g.loss, g.d_wx, g.d_wrec, it->sx.delta,
                       it->sr.delta};
    if (!step)
        return RS_OK;
    double dx, dr;
    if (it->o.variant == RPROP_TUTORIAL) {
        dx = step_tutorial(&it->sx, g.d_wx, &it->o);
        dr = step_tutorial(&it->sr, g.d_wrec, &it->o);
    } else {
        int rose = g.loss > it->prev_loss;
        dx = step_standard(&it->sx, g.d_wx, &it->o, rose);
        dr = step_standard(&it->sr, g.d_wrec, &it->o, rose);
    }
    it->prev_loss = g.loss;
    p->delta_wx = it->sx.delta;
    p->delta_wrec = it->sr.delta;
    it->lm.wx += dx;
    it->lm.wrec += dr;
    return RS_OK;
}

rs_status rprop_run(const dataset *ds, const rnn2_model *start, const rprop_opts *o, size_t iters,
                    rprop_point *trace)
{
    rprop_iter it;
    rprop_begin(&it, ds, start, o);
    for (size_t i = 0; i <= iters; i++) {
        rs_status st = rprop_next(&it, i < iters, &trace[i]);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}
