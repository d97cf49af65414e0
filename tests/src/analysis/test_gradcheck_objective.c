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

/* A pool over the cubic: counts its calls per slot, and fails on demand
 * at one parameter's probe (w[fail_at] moved off its value). */
typedef struct {
    size_t slots, calls[4];
    long fail_at;
    const double *w;
    size_t progress_calls, last_done;
} cubic_pool;

static rs_status cubic_pool_loss(void *ctx, size_t slot, const double *w, double *loss)
{
    cubic_pool *c = ctx;
    c->calls[slot]++; /* each slot is one thread's: no race */
    if (c->fail_at >= 0 && w[c->fail_at] != c->w[c->fail_at])
        return RS_ERANGE;
    return cubic_fdf(NULL, w, loss, NULL);
}

static void cubic_progress(void *ctx, size_t done, size_t total)
{
    cubic_pool *c = ctx;
    c->progress_calls++;
    c->last_done = done;
    (void)total;
}

/* The pool's entry point gives gradcheck_objective's entries bit for bit,
 * for one slot or several, and passes a failure on. */
static void test_pool(const objective *cubic, const double *w)
{
    gradcheck_opts o = gradcheck_defaults();
    o.order = 4;
    o.eps = 1e-3;
    gradcheck_entry ref[3], e[3];
    gradcheck_summary rs, s;
    gradcheck_objective(cubic, w, &o, ref, &rs);
    int same = 1;
    for (size_t slots = 1; slots <= 4; slots += 3) {
        cubic_pool c = {.slots = slots, .fail_at = -1, .w = w};
        gradcheck_pool pool = {slots, cubic_pool_loss, &c, cubic_progress, &c};
        same &= gradcheck_objective_pool(cubic, &pool, w, &o, e, &s) == RS_OK;
        for (int q = 0; q < 3; q++) /* field by field: a struct's padding is not compared */
            same &= e[q].backprop == ref[q].backprop && e[q].numerical == ref[q].numerical &&
                    e[q].abs_err == ref[q].abs_err && e[q].rel_err == ref[q].rel_err &&
                    e[q].verdict == ref[q].verdict;
        same &= s.loss == rs.loss && s.worst == rs.worst;
        size_t calls = c.calls[0] + c.calls[1] + c.calls[2] + c.calls[3];
        tap_ok(calls == 12 && c.progress_calls >= 1 && c.last_done == 3,
               "pool of %zu: 4 losses per parameter (%zu), progress to 3 of 3", slots, calls);
    }
    tap_ok(same, "the pool's entries are gradcheck_objective's, bit for bit, for 1 and 4 slots");
    cubic_pool c = {.slots = 2, .fail_at = 1, .w = w};
    gradcheck_pool pool = {2, cubic_pool_loss, &c, NULL, NULL};
    tap_ok(gradcheck_objective_pool(cubic, &pool, w, &o, e, &s) == RS_ERANGE,
           "a loss that fails at parameter 1 fails the pool's check with its status");
    pool.slots = 0;
    tap_ok(gradcheck_objective_pool(cubic, &pool, w, &o, e, &s) == RS_EINVAL,
           "a pool of no slots is refused");
    tap_ok(gradcheck_pool_threads() >= 1, "OpenMP's thread count is at least 1");
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
    test_pool(&cubic, w);
    return tap_done();
}
