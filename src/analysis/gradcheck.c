#include "gradcheck.h"

#include <math.h>
#include <string.h>

const char *const gradcheck_verdict_names[] = {"pass", "FAIL", "not finite"};

gradcheck_opts gradcheck_defaults(void)
{
    gradcheck_opts o = {1e-7, 1e-5, 1e-8};
    return o;
}

/* Which weight a central difference perturbs. */
typedef enum { PARAM_WX, PARAM_WREC } param;

/* Central difference (xi(w+eps) - xi(w-eps)) / 2eps, stepping the weight as
 * the tutorial does: w += eps, then w -= 2 eps (not w - eps directly). */
static double central_difference(const rnn2_model *lm, param which, const dataset *ds, double eps)
{
    rnn2_model probe = *lm;
    double *w = which == PARAM_WX ? &probe.wx : &probe.wrec;
    *w += eps;
    double plus = rnn2_loss(&probe, ds);
    *w -= 2.0 * eps;
    double minus = rnn2_loss(&probe, ds);
    return (plus - minus) / (2.0 * eps);
}

static gradcheck_entry compare(double bp, double num, const gradcheck_opts *o)
{
    gradcheck_entry e = {bp, num, fabs(num - bp), 0.0, GRADCHECK_PASS};
    double scale = fmax(fabs(bp), fabs(num));
    e.rel_err = scale > 0.0 ? e.abs_err / scale : 0.0;
    if (!isfinite(bp) || !isfinite(num))
        e.verdict = GRADCHECK_NOT_FINITE;
    else if (!(e.abs_err <= o->atol + o->rtol * fabs(bp))) /* np.isclose */
        e.verdict = GRADCHECK_FAIL;
    return e;
}

static gradcheck_verdict worst_of(gradcheck_verdict a, gradcheck_verdict b)
{
    /* A failure outranks "not finite": it is a real disagreement. */
    if (a == GRADCHECK_FAIL || b == GRADCHECK_FAIL)
        return GRADCHECK_FAIL;
    return a == GRADCHECK_NOT_FINITE || b == GRADCHECK_NOT_FINITE ? GRADCHECK_NOT_FINITE
                                                                  : GRADCHECK_PASS;
}

rs_status gradcheck_at(const rnn2_model *lm, const dataset *ds, const gradcheck_opts *o,
                       gradcheck_result *out)
{
    rnn2_grad g;
    rs_status st = rnn2_gradient(lm, ds, &g);
    if (st != RS_OK)
        return st;
    double num_wx = central_difference(lm, PARAM_WX, ds, o->eps);
    double num_wrec = central_difference(lm, PARAM_WREC, ds, o->eps);
    out->loss = g.loss;
    out->wx = compare(g.d_wx, num_wx, o);
    out->wrec = compare(g.d_wrec, num_wrec, o);
    out->verdict = worst_of(out->wx.verdict, out->wrec.verdict);
    return RS_OK;
}

/* How far past its tolerance a comparison is; NaN-free for ranking. */
static double excess(const gradcheck_entry *e, const gradcheck_opts *o)
{
    if (e->verdict == GRADCHECK_NOT_FINITE)
        return 0.0;
    return e->abs_err / (o->atol + o->rtol * fabs(e->backprop));
}

static void sweep_account(gradcheck_sweep_result *s, const gradcheck_result *r, double wx,
                          double wrec, const gradcheck_opts *o)
{
    s->points++;
    if (r->verdict == GRADCHECK_PASS)
        s->passed++;
    else if (r->verdict == GRADCHECK_FAIL)
        s->failed++;
    else
        s->not_finite++;
    double ratio = fmax(excess(&r->wx, o), excess(&r->wrec, o));
    if (s->points == 1 || ratio > s->worst_ratio) {
        s->worst_ratio = ratio;
        s->worst = *r;
        s->worst_wx = wx;
        s->worst_wrec = wrec;
    }
}

rs_status gradcheck_sweep(const dataset *ds, activation f, const gradcheck_opts *o,
                          const double *wx, size_t nx, const double *wrec, size_t nrec,
                          gradcheck_result *results, gradcheck_sweep_result *summary)
{
    memset(summary, 0, sizeof *summary);
    for (size_t j = 0; j < nrec; j++)
        for (size_t i = 0; i < nx; i++) {
            rnn2_model lm = {wx[i], wrec[j], f, 0.0};
            gradcheck_result r;
            rs_status st = gradcheck_at(&lm, ds, o, &r);
            if (st != RS_OK)
                return st;
            if (results)
                results[j * nx + i] = r;
            sweep_account(summary, &r, wx[i], wrec[j], o);
        }
    return RS_OK;
}

void gradcheck_sweep_merge(gradcheck_sweep_result *into, const gradcheck_sweep_result *part)
{
    if (part->points == 0)
        return;
    if (into->points == 0 || part->worst_ratio > into->worst_ratio) {
        into->worst_ratio = part->worst_ratio;
        into->worst = part->worst;
        into->worst_wx = part->worst_wx;
        into->worst_wrec = part->worst_wrec;
    }
    into->points += part->points;
    into->passed += part->passed;
    into->failed += part->failed;
    into->not_finite += part->not_finite;
}
