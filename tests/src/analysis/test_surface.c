/* Tests of the loss surface: the exact separable method against brute
 * force and against single-point losses, overflow as inf, and identical
 * results for any number of threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "tap.h"
#include "grid.h"
#include "kernel.h"
#include "rnn2.h"
#include "surface.h"
#include "tutorial_data.h"

typedef struct {
    size_t nx, nrec;
    double *wx, *wrec, *exact, *brute;
} panel;

static panel panel_compute(const dataset *ds, double lo, double hi, double rlo, double rhi,
                           size_t nx, size_t nrec)
{
    panel p = {nx,
               nrec,
               malloc(nx * sizeof(double)),
               malloc(nrec * sizeof(double)),
               malloc(nx * nrec * sizeof(double)),
               malloc(nx * nrec * sizeof(double))};
    grid_linspace(lo, hi, nx, p.wx);
    grid_linspace(rlo, rhi, nrec, p.wrec);
    surface_exact(ds, p.wx, nx, p.wrec, nrec, p.exact);
    surface_brute(ds, ACT_LINEAR, p.wx, nx, p.wrec, nrec, p.brute);
    return p;
}

static void panel_free(panel *p)
{
    free(p->wx);
    free(p->wrec);
    free(p->exact);
    free(p->brute);
}

/* Largest relative difference between the two methods; counts where one
 * is finite and the other not, and any NaN. */
static double panel_compare(const panel *p, size_t *mismatched_inf, size_t *nans)
{
    double worst = 0.0;
    *mismatched_inf = *nans = 0;
    for (size_t i = 0; i < p->nx * p->nrec; i++) {
        double a = p->exact[i], b = p->brute[i];
        if (isnan(a) || isnan(b))
            (*nans)++;
        else if (isinf(a) || isinf(b))
            *mismatched_inf += a != b;
        else if (a != b)
            worst = fmax(worst, fabs(a - b) / fmax(fabs(a), fabs(b)));
    }
    return worst;
}

static void test_tutorial_panels(const dataset *ds)
{
    size_t bad_inf, nans;
    panel left = panel_compute(ds, -3, 3, -3, 3, 50, 50);
    double worst = panel_compare(&left, &bad_inf, &nans);
    tap_ok(worst < 1e-12 && !bad_inf && !nans, "left panel: exact = brute to 1e-12 (worst %.2g)",
           worst);
    rnn2_model lm = {left.wx[7], left.wrec[31], ACT_LINEAR, 0.0};
    tap_ok(tap_close(left.exact[31 * 50 + 7], rnn2_loss(&lm, ds), 1e-12, 0),
           "row 31, column 7 is the loss at (w_x[7], w_rec[31])");
    tap_ok(left.exact[0] == 1021727227.2 || tap_close(left.exact[0], 1021727227.2, 1e-13, 0),
           "corner (-3, -3) is NumPy's 1021727227.2");
    panel_free(&left);
    panel right = panel_compute(ds, -0.1, 2.1, -0.1, 2.1, 50, 50);
    worst = panel_compare(&right, &bad_inf, &nans);
    tap_ok(worst < 1e-12 && !bad_inf && !nans, "right panel: exact = brute to 1e-12 (worst %.2g)",
           worst);
    panel_free(&right);
    double one = 1.0, w;
    surface_exact(ds, &one, 1, &one, 1, &w);
    tap_ok(w == 0.0, "exact method gives exactly 0 at the optimum (1, 1)");
}

static void test_overflow(void)
{
    dataset ds = pcg_data(30, 1000, 11);
    size_t bad_inf, nans;
    panel p = panel_compute(&ds, -3, 3, -3, 3, 41, 41);
    double worst = panel_compare(&p, &bad_inf, &nans);
    size_t infs = 0;
    for (size_t i = 0; i < 41 * 41; i++)
        infs += isinf(p.exact[i]) != 0;
    tap_ok(infs > 0 && !nans, "T = 1000 overflows to inf (%zu points), never NaN", infs);
    tap_ok(!bad_inf && worst < 1e-12, "where finite, exact = brute (worst %.2g), same inf set",
           worst);
    double wx[3] = {0.0, 1e-300, 1.0}, wrec = 1e5, out[3];
    surface_exact(&ds, wx, 3, &wrec, 1, out);
    rnn2_model lm = {1e-300, 1e5, ACT_LINEAR, 0.0};
    tap_ok(out[0] == out[0] && isfinite(out[0]) && isinf(out[2]) &&
               (out[1] == rnn2_loss(&lm, &ds)),
           "overflowing row: w_x = 0 keeps the finite loss, tiny w_x falls back to the pass");
    panel_free(&p);
    dataset_free(&ds);
}

static void test_threads(const dataset *ds)
{
#ifdef _OPENMP
    size_t n = 64;
    double *wx = malloc(n * sizeof *wx), *a = malloc(n * n * sizeof *a),
           *b = malloc(n * n * sizeof *b);
    grid_linspace(-2, 2.5, n, wx);
    omp_set_num_threads(1);
    surface_exact(ds, wx, n, wx, n, a);
    omp_set_num_threads(2);
    surface_exact(ds, wx, n, wx, n, b);
    tap_ok(memcmp(a, b, n * n * sizeof *a) == 0, "exact: 1 and 2 threads agree bit for bit");
    omp_set_num_threads(1);
    surface_brute(ds, ACT_TANH, wx, n, wx, n, a);
    omp_set_num_threads(2);
    surface_brute(ds, ACT_TANH, wx, n, wx, n, b);
    tap_ok(memcmp(a, b, n * n * sizeof *a) == 0, "brute tanh: 1 and 2 threads agree bit for bit");
    free(wx);
    free(a);
    free(b);
#else
    (void)ds;
    tap_ok(1, "# SKIP built without OpenMP");
#endif
}

/* The exact method on every instruction set this CPU has agrees with the
 * default one to 1e-13 (FMA or not changes only rounding). */
static void test_isas(const dataset *ds)
{
    size_t n = 40;
    double *w = malloc(n * sizeof *w), *a = malloc(n * n * sizeof *a),
           *b = malloc(n * n * sizeof *b);
    grid_linspace(-2.5, 2.5, n, w);
    kernel_force_isa(NULL);
    surface_exact(ds, w, n, w, n, a);
    for (size_t k = 0; kernel_isa_names[k]; k++) {
        const char *isa = kernel_isa_names[k];
        if (!kernel_isa_supported(isa))
            continue;
        kernel_force_isa(isa);
        surface_exact(ds, w, n, w, n, b);
        double worst = 0.0;
        for (size_t i = 0; i < n * n; i++)
            worst = fmax(worst, fabs(a[i] - b[i]) / fmax(fabs(a[i]), 1e-300));
        tap_ok(worst < 1e-13, "exact method on %s agrees with the default (worst %.2g)", isa,
               worst);
    }
    kernel_force_isa(NULL);
    free(w);
    free(a);
    free(b);
}

int main(void)
{
    dataset ds = tutorial_data();
    test_tutorial_panels(&ds);
    test_overflow();
    test_threads(&ds);
    test_isas(&ds);
    double v;
    double w = 1.0;
    tap_ok(surface_compute(&ds, ACT_TANH, SURFACE_EXACT, &w, 1, &w, 1, &v) == RS_EINVAL,
           "exact method refuses a nonlinear activation");
    dataset_free(&ds);
    return tap_done();
}
