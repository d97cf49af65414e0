/* Tests of RProp: the tutorial's trace against its own NumPy run, and the
 * defining behaviour of each Igel & Huesken variant. */
#include <math.h>
#include <stdlib.h>

#include "tap.h"
#include "rprop.h"
#include "tutorial_data.h"

static rprop_point trace[501];

static void test_tutorial(const dataset *ds)
{
    rprop_opts o = rprop_defaults(RPROP_TUTORIAL);
    rnn2_model start = {-1.5, 2, ACT_LINEAR, 0.0};
    rprop_run(ds, &start, &o, 500, trace);
    tap_ok(trace[0].wx == -1.5 && trace[0].wrec == 2, "iterate 0 is the start");
    tap_ok(trace[1].wx == -1.4995 && trace[1].wrec == 1.9995, "iterate 1 is (-1.4995, 1.9995)");
    tap_ok(trace[250].wx == 1.0235814819704716 && trace[250].wrec == 0.9945775207660752,
           "iterate 250 equals the tutorial's NumPy run bit for bit");
    tap_ok(trace[500].wx == 1.001355547207059 && trace[500].wrec == 0.9996744737846419,
           "final weights equal NumPy's bit for bit (1.0014, 0.9997)");
    rnn2_model fin = {trace[500].wx, trace[500].wrec, ACT_LINEAR, 0.0};
    tap_ok(tap_close(trace[500].loss, rnn2_loss(&fin, ds), 1e-13, 0),
           "each iterate carries its loss");
}

/* Index of the first iteration (>= 1) whose d_wx sign differs from the previous. */
static size_t first_flip(size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (trace[i].d_wx * trace[i - 1].d_wx < 0)
            return i;
    return 0;
}

static void test_variants(const dataset *ds)
{
    rnn2_model start = {-1.5, 2, ACT_LINEAR, 0.0};
    for (int v = RPROP_PLUS; v <= RPROP_IMINUS; v++) {
        rprop_opts o = rprop_defaults((rprop_variant)v);
        o.delta0 = 0.01;
        rprop_run(ds, &start, &o, 500, trace);
        tap_ok(trace[500].loss < 1e-3, "%s converges near (1, 1) (loss %.3g)",
               rprop_variant_names[v], trace[500].loss);
        size_t f = first_flip(500);
        double step = trace[f + 1].wx - trace[f].wx, prev = trace[f].wx - trace[f - 1].wx;
        if (v == RPROP_PLUS)
            tap_ok(f && tap_close(step, -prev, 1e-12, 0),
                   "rprop+ undoes the last step at a sign change");
        else if (v == RPROP_IMINUS)
            tap_ok(f && step == 0.0, "irprop- takes no step at a sign change");
        else if (v == RPROP_MINUS)
            tap_ok(f && !tap_close(step, -prev, 1e-6, 0) &&
                       tap_close(fabs(step), trace[f].delta_wx, 1e-12, 0) &&
                       trace[f].delta_wx == 0.5 * trace[f - 1].delta_wx,
                   "rprop- steps on with a halved delta at a sign change");
        else {
            int rose = trace[f].loss > trace[f - 1].loss;
            tap_ok(f && (rose ? tap_close(step, -prev, 1e-12, 0) : step == 0.0),
                   "irprop+ backtracks only if the loss rose");
        }
    }
    rprop_opts o = rprop_defaults(RPROP_PLUS);
    o.delta0 = 1.0;
    o.delta_max = 1.5;
    o.delta_min = 0.2;
    rprop_run(ds, &start, &o, 200, trace);
    int bounded = 1;
    for (int i = 0; i <= 200; i++)
        bounded &= trace[i].delta_wx <= 1.5 && trace[i].delta_wx >= 0.2;
    tap_ok(bounded, "steps stay within [delta_min, delta_max]");
}

int main(void)
{
    dataset ds = tutorial_data();
    test_tutorial(&ds);
    test_variants(&ds);
    dataset_free(&ds);
    return tap_done();
}
