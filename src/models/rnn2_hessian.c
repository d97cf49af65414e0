#include "rnn2_hessian.h"

#include <math.h>

/* One sequence's output y and its first and second derivatives with
 * respect to (w_x, w_rec), by the forward recurrence in rnn2_hessian.h. */
typedef struct {
    double y, a, b, aa, ab, bb;
} output_jet;

static output_jet sequence_jet(const rnn2_model *lm, const double *x, size_t t)
{
    const double wx = lm->wx, wr = lm->wrec;
    double s = lm->s0, a = 0.0, b = 0.0, aa = 0.0, ab = 0.0, bb = 0.0;
    for (size_t k = 0; k < t; k++) {
        double zx = a * wr + x[k], zr = b * wr + s;
        double zxx = aa * wr, zxr = ab * wr + a, zrr = bb * wr + 2.0 * b;
        s = activation_apply(lm->f, s * wr + x[k] * wx);
        double d1, d2;
        rnn2_slopes(lm->f, s, &d1, &d2);
        /* chain rule twice: d2 f(z) = f'' dz dz^T + f' d2z */
        a = d1 * zx;
        b = d1 * zr;
        aa = d2 * zx * zx + d1 * zxx;
        ab = d2 * zx * zr + d1 * zxr;
        bb = d2 * zr * zr + d1 * zrr;
    }
    return (output_jet){s, a, b, aa, ab, bb};
}

rs_status rnn2_hessian(const rnn2_model *lm, const dataset *ds, rnn2_hess *out)
{
    if (!ds || ds->m == 0)
        return RS_EINVAL;
    double sq = 0.0, gx = 0.0, gr = 0.0, hxx = 0.0, hxr = 0.0, hrr = 0.0;
    for (size_t i = 0; i < ds->m; i++) {
        output_jet j = sequence_jet(lm, ds->x + i * ds->t, ds->t);
        double e = j.y - ds->target[i];
        sq += e * e;
        gx += e * j.a;
        gr += e * j.b;
        /* Gauss-Newton part plus residual times the output's Hessian */
        hxx += j.a * j.a + e * j.aa;
        hxr += j.a * j.b + e * j.ab;
        hrr += j.b * j.b + e * j.bb;
    }
    double c = 2.0 / (double)ds->m;
    out->loss = rnn2_hessian_entry(sq / (double)ds->m);
    out->grad[0] = rnn2_hessian_entry(c * gx);
    out->grad[1] = rnn2_hessian_entry(c * gr);
    out->h[0][0] = rnn2_hessian_entry(c * hxx);
    out->h[0][1] = out->h[1][0] = rnn2_hessian_entry(c * hxr);
    out->h[1][1] = rnn2_hessian_entry(c * hrr);
    return RS_OK;
}
