/* Tests of the one gradient checker on objectives other than the RNN:
 * a three-parameter cubic whose central-difference errors are known in
 * closed form (order 2: h^2/3 on each axis; order 4: exact for a cubic), a
 * planted error, and an overflowing objective that is "not finite". */
#include <math.h>

#include "faulty_objective.h"
#include "gradcheck.h"
#include "tap.h"

/* E(w) = sum_p w_p^3 / 3 + w0 w1 w2; dE/dw_p = w_p^2 + (product of the others). */
static rs_status cubic_fdf(void *ctx, const double *w, double *loss, double *grad)
{
    (void)ctx;
    *loss = (w[0] * w[0] * w[0] + w[1] * w[1] * w[1] + w[2] * w[2] * w[2]) / 3.0 + w[0] * w[1] * w[2];
    if (grad) {
        grad[0] = w[0] * w[0] + w[1] * w[2];
        grad[1] = w[1] * w[1] + w[0] * w[2];
        grad[2] = w[2] * w[2] + w[0] * w[1];
    }
    return RS_OK;
}

/* E(w) = exp(w0) overflows for w0 > 709.78: loss and gradient +inf. */
static rs_status exp_fdf(void *ctx, const double *w, double *loss, double *grad)
{
    (void)ctx;
    *loss = exp(w[0]);
    if (grad)
        grad[0] = exp(w[0]);
    return RS_OK;
}

int main(void)
{
    objective cubic = {3, cubic_fdf, NULL, NULL};
    double w[3] = {0.5, -1.25, 2.0};
    gradcheck_opts o = gradcheck_defaults();
    gradcheck_entry e[3];
    gradcheck_summary s;
    o.eps = 0.1;
    o.tutorial_steps = 0;
    tap_ok(gradcheck_objective(&cubic, w, &o, e, &s) == RS_OK, "order 2 on a cubic runs");
    /* (E(w+h) - E(w-h))/2h - E'(w) = h^2 E'''/6 = h^2/3 along each axis (E''' = 2). */
    int ok = 1;
    for (int p = 0; p < 3; p++)
        ok &= fabs((e[p].numerical - e[p].backprop) - 0.01 / 3.0) < 1e-12;
    tap_ok(ok, "order 2 error is h^2/3 on every axis (%.6g)", e[0].numerical - e[0].backprop);
    tap_ok(s.verdict == GRADCHECK_FAIL && s.failed == 3, "which fails isclose's default rtol");
    o.order = 4;
    gradcheck_objective(&cubic, w, &o, e, &s);
    ok = 1;
    for (int p = 0; p < 3; p++)
        ok &= fabs(e[p].numerical - e[p].backprop) < 1e-12;
    tap_ok(ok && s.verdict == GRADCHECK_PASS && s.passed == 3,
           "order 4 is exact for a cubic up to rounding (%.3g)", e[1].numerical - e[1].backprop);
    tap_ok(w[0] == 0.5 && w[1] == -1.25 && w[2] == 2.0, "the point is left unchanged");
    double loss;
    cubic_fdf(NULL, w, &loss, NULL);
    tap_ok(s.loss == loss, "the summary holds the loss at w (%.17g)", s.loss);

    faulty_objective fault = {cubic, 2, 1e-3};
    objective bad = faulty_objective_wrap(&fault);
    gradcheck_objective(&bad, w, &o, e, &s);
    tap_ok(s.verdict == GRADCHECK_FAIL && s.failed == 1 && s.worst == 2 &&
               e[2].verdict == GRADCHECK_FAIL,
           "a planted error in component 2 fails there only, and is the worst");
    tap_ok(fabs(e[2].abs_err - 1e-3) < 1e-9 && fabs(e[2].rel_err - 1e-3 / fabs(e[2].backprop)) < 1e-9,
           "abs and rel error of the planted error");

    objective ex = {1, exp_fdf, NULL, NULL};
    double big = 800.0;
    gradcheck_objective(&ex, &big, &o, e, &s);
    tap_ok(s.verdict == GRADCHECK_NOT_FINITE && s.not_finite == 1,
           "an overflowing objective is 'not finite'");
    tap_ok(!isnan(e[0].numerical) && !isnan(e[0].abs_err) && !isnan(e[0].rel_err) &&
               !isnan(s.worst_ratio) && isinf(e[0].numerical),
           "and nothing in its entry is NaN (inf - inf reported as +inf)");
    o.order = 3;
    tap_ok(gradcheck_objective(&cubic, w, &o, e, &s) == RS_EINVAL, "order 3 is refused");
    o.order = 2;
    o.eps = 0.0;
    tap_ok(gradcheck_objective(&cubic, w, &o, e, &s) == RS_EINVAL, "a zero step is refused");
    return tap_done();
}
