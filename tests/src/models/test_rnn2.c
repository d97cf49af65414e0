/* Tests of the two-parameter RNN: the tutorial's own NumPy numbers, BPTT
 * against central differences for every activation, both gradient scales,
 * and overflow to inf. */
#include <math.h>

#include "tap.h"
#include "rnn2.h"
#include "tutorial_data.h"

static void test_tutorial_numbers(const dataset *ds)
{
    rnn2_model lm = {1.2, 1.2, ACT_LINEAR, 0.0};
    rnn2_grad g;
    rnn2_gradient(&lm, ds, &g);
    tap_ok(g.loss == 110.22803726617079, "loss at (1.2, 1.2) is NumPy's 110.22803726617079");
    tap_ok(g.d_wx == 274.595429133218, "dxi/dw_x at (1.2, 1.2) equals NumPy's bit for bit");
    tap_ok(g.d_wrec == 1593.2428444791924, "dxi/dw_rec at (1.2, 1.2) equals NumPy's");
    lm = (rnn2_model){1, 1, ACT_LINEAR, 0.0};
    tap_ok(rnn2_loss(&lm, ds) == 0.0, "the optimum (1, 1) has zero loss");
    lm = (rnn2_model){2, 1, ACT_LINEAR, 0.0};
    tap_ok(rnn2_loss(&lm, ds) == 28.35, "loss at (2, 1) is 28.35");
    lm = (rnn2_model){-3, -3, ACT_LINEAR, 0.0};
    tap_ok(rnn2_loss(&lm, ds) == 1021727227.2, "loss at (-3, -3) is 1021727227.2");
}

static void test_grad_over_time(const dataset *ds)
{
    double tut[11], loss[11];
    rnn2_model red = {2, 1, ACT_LINEAR, 0.0};
    rnn2_grad_over_time(&red, ds, RNN2_SCALE_TUTORIAL, tut);
    int all = 1;
    for (int k = 0; k <= 10; k++)
        all &= tut[k] == 4120.0;
    tap_ok(all, "tutorial scale at (2, 1) is 4120 at every timestep");
    rnn2_model blue = {1, 2, ACT_LINEAR, 0.0};
    rnn2_grad_over_time(&blue, ds, RNN2_SCALE_TUTORIAL, tut);
    tap_ok(tut[0] == 362209280.0 && tut[1] == 181104640.0 && tut[10] == 353720.0,
           "tutorial scale at (1, 2) doubles per step back (NumPy's values)");
    rnn2_model magenta = {1, -2, ACT_LINEAR, 0.0};
    rnn2_grad_over_time(&magenta, ds, RNN2_SCALE_TUTORIAL, tut);
    tap_ok(tut[0] == -73605120.0 && tut[1] == 36802560.0, "(1, -2) alternates in sign");
    rnn2_grad_over_time(&blue, ds, RNN2_SCALE_TUTORIAL, tut);
    rnn2_grad_over_time(&blue, ds, RNN2_SCALE_LOSS, loss);
    int scaled = 1;
    for (int k = 0; k <= 10; k++)
        scaled &= tap_close(tut[k], 400.0 * loss[k], 1e-14, 0);
    tap_ok(scaled, "tutorial scale is M^2 = 400 times the true gradient");
    tap_ok(tap_close(loss[9], 2.0 * loss[10], 1e-15, 0) &&
               tap_close(loss[0], 1024.0 * loss[10], 1e-15, 0),
           "true gradient follows dxi/dS_(k-1) = dxi/dS_k * w_rec");
    rnn2_grad_over_time(&red, ds, RNN2_SCALE_LOSS, loss);
    tap_ok(tap_close(loss[5], 10.3, 1e-14, 0), "true gradient at (2, 1) is 4120/400 = 10.3");
}

/* Central differences of the loss at lm, as an independent reference. */
static void numeric_gradient(rnn2_model lm, const dataset *ds, double h, double *gx, double *gr)
{
    rnn2_model p = lm, q = lm;
    p.wx += h;
    q.wx -= h;
    *gx = (rnn2_loss(&p, ds) - rnn2_loss(&q, ds)) / (2 * h);
    p = q = lm;
    p.wrec += h;
    q.wrec -= h;
    *gr = (rnn2_loss(&p, ds) - rnn2_loss(&q, ds)) / (2 * h);
}

static void test_bptt_all_activations(void)
{
    dataset ds = pcg_data(15, 12, 5);
    const double pts[][2] = {{0.7, 0.9}, {-1.3, 0.4}, {2.1, -0.8}, {0.3, 1.1}};
    for (int f = ACT_LINEAR; f <= ACT_RELU; f++) {
        double worst = 0.0;
        for (int p = 0; p < 4; p++) {
            rnn2_model lm = {pts[p][0], pts[p][1], (activation)f, 0.0};
            rnn2_grad g;
            double nx, nr;
            rnn2_gradient(&lm, &ds, &g);
            numeric_gradient(lm, &ds, 1e-6, &nx, &nr);
            worst = fmax(worst, fabs(nx - g.d_wx) / fmax(1.0, fabs(g.d_wx)));
            worst = fmax(worst, fabs(nr - g.d_wrec) / fmax(1.0, fabs(g.d_wrec)));
        }
        tap_ok(worst < 1e-6, "BPTT matches central differences, %s (worst %.2g)",
               activation_names[f], worst);
    }
    dataset_free(&ds);
}

static void test_overflow(const dataset *ds)
{
    rnn2_model lm = {1, 1e40, ACT_LINEAR, 0.0};
    double l = rnn2_loss(&lm, ds);
    tap_ok(isinf(l) && l > 0, "exploding w_rec gives +inf loss");
    lm = (rnn2_model){1e300, -1e300, ACT_LINEAR, 0.0};
    l = rnn2_loss(&lm, ds);
    tap_ok(isinf(l) && l > 0, "inf - inf inside the pass still reports +inf, not NaN");
    rnn2_grad g;
    rnn2_gradient(&lm, ds, &g);
    tap_ok(isinf(g.loss), "gradient's loss is +inf there too");
    lm = (rnn2_model){1e300, 5, ACT_TANH};
    tap_ok(isfinite(rnn2_loss(&lm, ds)), "tanh saturates: finite loss at huge weights");
}

int main(void)
{
    dataset ds = tutorial_data();
    test_tutorial_numbers(&ds);
    test_grad_over_time(&ds);
    test_bptt_all_activations();
    test_overflow(&ds);
    dataset_free(&ds);
    return tap_done();
}
