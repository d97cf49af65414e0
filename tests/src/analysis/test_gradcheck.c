/* Tests of the gradient check: the tutorial's point passes, a planted
 * gradient error fails, overflow is "not finite", and a sweep's summary. */
#include <math.h>

#include "faulty_objective.h"
#include "tap.h"
#include "gradcheck.h"
#include "grid.h"
#include "tutorial_data.h"

int main(void)
{
    dataset ds = tutorial_data();
    gradcheck_opts o = gradcheck_defaults();
    tap_ok(o.eps == 1e-7 && o.rtol == 1e-5 && o.atol == 1e-8, "defaults are the tutorial's");
    rnn2_model lm = {1.2, 1.2, ACT_LINEAR, 0.0};
    gradcheck_result r;
    gradcheck_at(&lm, &ds, &o, &r);
    tap_ok(r.verdict == GRADCHECK_PASS, "passes at (1.2, 1.2)");
    tap_ok(r.wx.backprop == 274.595429133218 && fabs(r.wx.numerical - 274.5954292) < 1e-6,
           "reports backprop and numerical dxi/dw_x (num %.17g)", r.wx.numerical);
    tap_ok(r.wx.rel_err > 0 && r.wx.rel_err < 1e-8, "relative error is small but not zero");

    rnn2_problem prob = {lm, &ds};
    faulty_objective fault = {rnn2_objective(&prob), 0, 1e-2};
    objective faulty = faulty_objective_wrap(&fault);
    gradcheck_at2(&faulty, lm.wx, lm.wrec, &o, &r);
    tap_ok(r.verdict == GRADCHECK_FAIL && r.wx.verdict == GRADCHECK_FAIL &&
               r.wrec.verdict == GRADCHECK_PASS,
           "a 1e-2 error planted in dxi/dw_x fails, and only w_x");

    lm = (rnn2_model){1, 1e40, ACT_LINEAR, 0.0};
    gradcheck_at(&lm, &ds, &o, &r);
    tap_ok(r.verdict == GRADCHECK_NOT_FINITE, "an exploding point is 'not finite'");

    double wx[9], wrec[7];
    grid_linspace(-2, 2, 9, wx);
    grid_linspace(-1.5, 1.5, 7, wrec);
    gradcheck_sweep_result s;
    gradcheck_sweep(&ds, ACT_LINEAR, &o, wx, 9, wrec, 7, NULL, &s);
    tap_ok(s.points == 63 && s.passed == 63 && s.failed == 0, "sweep of 63 points all pass");
    tap_ok(s.worst_ratio > 0 && s.worst_ratio <= 1, "worst case is within tolerance (%.3g)",
           s.worst_ratio);
    prob.model.f = ACT_TANH;
    gradcheck_result row[9];
    gradcheck_sweep_run(&faulty, &o, wx, 9, wrec, 7, row, NULL, NULL, &s);
    tap_ok(s.failed > 0 && s.worst_ratio > 1, "sweep with a planted error reports failures");
    dataset_free(&ds);
    return tap_done();
}
