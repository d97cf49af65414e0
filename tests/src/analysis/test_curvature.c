/* Tests of the curvature map (curvature_rows): every point equals the
 * scalar Hessian (rnn2_hessian, itself pinned against PyTorch) and its
 * eigen-decomposition, for every activation and instruction set; points
 * are independent of their tile; overflow gives inf, never NaN. */
#include <math.h>
#include <stdlib.h>

#include "curvature.h"
#include "grid.h"
#include "kernel.h"
#include "rnn2_hessian.h"
#include "tap.h"
#include "tutorial_data.h"

#define NX 37 /* not a multiple of the tile: padded lanes are exercised */
#define NREC 5

/* Largest relative difference of the map from the scalar path; -1 on NaN. */
static double compare_map(const dataset *ds, activation f, double s0)
{
    double wx[NX], wrec[NREC], out[NX * NREC * CURV_CHANNELS], hess[NX * NREC * 3];
    grid_linspace(-2.5, 2.5, NX, wx);
    grid_linspace(-1.7, 1.9, NREC, wrec);
    curvature_problem p = {ds, f, s0};
    if (curvature_rows(&p, wx, NX, wrec, NREC, out, hess) != RS_OK)
        return -1;
    double worst = 0.0;
    for (size_t j = 0; j < NREC; j++)
        for (size_t i = 0; i < NX; i++) {
            rnn2_model lm = {wx[i], wrec[j], f, s0};
            rnn2_hess h;
            rnn2_hessian(&lm, ds, &h);
            const double *hh = hess + (j * NX + i) * 3, *o = out + (j * NX + i) * CURV_CHANNELS;
            double ref[3] = {h.h[0][0], h.h[0][1], h.h[1][1]};
            double scale = fmax(fabs(ref[0]), fmax(fabs(ref[1]), fabs(ref[2])));
            for (int k = 0; k < 3; k++) {
                if (isnan(hh[k]))
                    return -1;
                worst = fmax(worst, fabs(hh[k] - ref[k]) / fmax(scale, 1e-300));
            }
            curvature_eig e;
            curvature_eig2(hh[0], hh[1], hh[2], &e);
            double ch[CURV_CHANNELS] = {e.lambda_min, e.lambda_max, e.ratio, e.det, e.trace};
            for (int c = 0; c < CURV_CHANNELS; c++)
                if (!(o[c] == ch[c]))
                    return -1;
        }
    return worst;
}

static void test_against_scalar(const dataset *ds)
{
    for (size_t k = 0; kernel_isa_names[k]; k++) {
        const char *isa = kernel_isa_names[k];
        if (!kernel_isa_supported(isa)) {
            tap_ok(1, "%s not supported here # SKIP", isa);
            continue;
        }
        kernel_force_isa(isa);
        double worst = 0.0;
        int bad = 0;
        for (int f = ACT_LINEAR; f <= ACT_RELU; f++)
            for (int s = 0; s < 2; s++) {
                double w = compare_map(ds, (activation)f, s ? 0.3 : 0.0);
                bad |= w < 0;
                worst = fmax(worst, w);
            }
        tap_ok(!bad && worst <= 1e-12,
               "%s: every map point equals the scalar Hessian to 1e-12 of max|H| (worst %.2g), "
               "4 activations, s0 = 0 and 0.3; channels are its eigen-decomposition",
               isa, worst);
    }
    kernel_force_isa(NULL);
}

static void test_linear_exact(const dataset *ds)
{
    /* linear and relu have no vmath: bit-identical to the scalar path */
    double wx[NX], wrec[1] = {0.8}, hess[NX * 3], out[NX * CURV_CHANNELS];
    grid_linspace(-2, 2, NX, wx);
    curvature_problem p = {ds, ACT_LINEAR, 0.0};
    curvature_rows(&p, wx, NX, wrec, 1, out, hess);
    int ok = 1;
    for (size_t i = 0; i < NX; i++) {
        rnn2_model lm = {wx[i], 0.8, ACT_LINEAR, 0.0};
        rnn2_hess h;
        rnn2_hessian(&lm, ds, &h);
        ok &= hess[i * 3] == h.h[0][0] && hess[i * 3 + 1] == h.h[0][1] &&
              hess[i * 3 + 2] == h.h[1][1];
    }
    tap_ok(ok, "linear: the map's Hessian entries equal the scalar path's bit for bit");
}

static void test_tile_independence(const dataset *ds)
{
    /* a point's value does not depend on the grid it is computed in */
    double wx[NX], wrec[2] = {0.9, 1.3}, out[NX * 2 * CURV_CHANNELS], one[CURV_CHANNELS];
    grid_linspace(-1, 2, NX, wx);
    curvature_problem p = {ds, ACT_TANH, 0.1};
    curvature_rows(&p, wx, NX, wrec, 2, out, NULL);
    int ok = 1;
    for (size_t i = 0; i < NX; i += 5) {
        curvature_rows(&p, &wx[i], 1, &wrec[1], 1, one, NULL);
        for (int c = 0; c < CURV_CHANNELS; c++)
            ok &= one[c] == out[(NX + i) * CURV_CHANNELS + c];
    }
    tap_ok(ok, "a point alone gives the same bits as inside a row of %d", NX);
}

static void test_overflow(void)
{
    dataset ds = pcg_data(10, 800, 3);
    double wx[NX], wrec[3] = {-3, 1.5, 3}, out[NX * 3 * CURV_CHANNELS];
    grid_linspace(-3, 3, NX, wx);
    int ok = 1, infs = 0;
    for (int f = ACT_LINEAR; f <= ACT_RELU; f++) {
        curvature_problem p = {&ds, (activation)f, 0.0};
        curvature_rows(&p, wx, NX, wrec, 3, out, NULL);
        for (size_t i = 0; i < NX * 3 * CURV_CHANNELS; i++) {
            ok &= !isnan(out[i]);
            infs += isinf(out[i]) != 0;
        }
    }
    tap_ok(ok && infs > 0, "overflow (T = 800, |w_rec| up to 3): %d infinities, no NaN", infs);
    dataset_free(&ds);
}

static void test_bad_input(const dataset *ds)
{
    double wx[1] = {NAN}, wrec[1] = {1}, out[CURV_CHANNELS];
    curvature_problem p = {ds, ACT_LINEAR, 0.0};
    tap_ok(curvature_rows(&p, wx, 1, wrec, 1, out, NULL) == RS_EINVAL, "a NaN weight: RS_EINVAL");
    p.s0 = INFINITY;
    wx[0] = 1;
    tap_ok(curvature_rows(&p, wx, 1, wrec, 1, out, NULL) == RS_EINVAL, "an infinite s0: RS_EINVAL");
    p.s0 = 0;
    tap_ok(curvature_rows(&p, wx, 0, wrec, 1, out, NULL) == RS_OK, "an empty grid is fine");
}

int main(void)
{
    dataset ds = tutorial_data();
    test_against_scalar(&ds);
    test_linear_exact(&ds);
    test_tile_independence(&ds);
    test_overflow();
    test_bad_input(&ds);
    dataset_free(&ds);
    return tap_done();
}
