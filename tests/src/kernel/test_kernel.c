/* test_kernel: the brute-force surface kernel against a plain scalar libm
 * evaluation, on every instruction set this machine supports, for every
 * activation, on grids whose widths are and are not multiples of the
 * vector width; bit-identical output across thread counts; the overflow
 * rule (+inf, never NaN); argument checks. Never timings. */
#pragma GCC optimize("fp-contract=off")

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "activation.h"
#include "kernel.h"
#include "status.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* The reference: the model exactly as written, libm's tanh and exp. relu
 * propagates NaN as the kernel's overflow rule says. */
static double ref_act(activation f, double z)
{
    switch (f) {
    case ACT_TANH: return tanh(z);
    case ACT_SIGMOID: return 1.0 / (1.0 + exp(-z));
    case ACT_RELU: return (z > 0.0 || isnan(z)) ? z : 0.0;
    default: return z;
    }
}

static void ref_surface(const double *x, const double *t, size_t m, size_t T, activation f,
                        const double *wx, size_t nx, const double *wrec, size_t nrec, double *out)
{
    for (size_t j = 0; j < nrec; j++)
        for (size_t i = 0; i < nx; i++) {
            double acc = 0.0;
            for (size_t s = 0; s < m; s++) {
                double st = 0.0;
                for (size_t k = 0; k < T; k++) {
                    double a = st * wrec[j];
                    double b = x[s * T + k] * wx[i];
                    st = ref_act(f, a + b);
                }
                double e = t[s] - st;
                acc += e * e;
            }
            double v = acc / (double)m;
            out[j * nx + i] = isnan(v) ? INFINITY : v;
        }
}

static uint64_t rng_state = 0x853c49e6748fea9bULL;
static double rng_unit(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) * 0x1p-53;
}

static void make_data(double *x, double *t, size_t m, size_t T, int binary)
{
    for (size_t i = 0; i < m; i++) {
        double c = 0.0;
        for (size_t k = 0; k < T; k++) {
            double v = binary ? (rng_unit() < 0.5 ? 0.0 : 1.0) : 2.0 * rng_unit() - 1.0;
            x[i * T + k] = v;
            c += v;
        }
        t[i] = binary ? c : 0.3 * c;
    }
}

static void linspace(double *a, size_t n, double lo, double hi)
{
    for (size_t i = 0; i < n; i++)
        a[i] = n == 1 ? lo : lo + (hi - lo) * (double)i / (double)(n - 1);
}

typedef struct {
    size_t nx, nrec;
    double lo, hi;
    size_t m, T;
    int binary;
} grid_case;

static const grid_case cases[] = {
    {50, 50, -3.0, 3.0, 20, 10, 1},                              /* the tutorial's panel */
    {50, 50, -0.1, 2.1, 20, 10, 1}, {1, 1, 1.0, 1.0, 20, 10, 1}, /* the minimum itself: loss 0 */
    {1, 37, -2.0, 2.0, 9, 13, 1},   {37, 1, -2.0, 2.0, 9, 13, 1},
    {13, 203, -3.0, 3.0, 5, 30, 0}, {203, 13, -3.0, 3.0, 5, 30, 0},
    {97, 3, -1.5, 1.5, 3, 50, 1},   {31, 29, -3.0, 3.0, 4, 0, 1}, /* T = 0 */
};
#define NCASES (sizeof cases / sizeof cases[0])

static const char *act_name(activation f) { return activation_names[f]; }

static int bits_equal(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

/* Compares got with ref: every +inf in ref must be +inf in got, no NaN
 * anywhere, finite points within rel. Returns the worst relative error
 * (inf on a structural mismatch). */
static double worst_rel(const double *got, const double *ref, size_t n)
{
    double worst = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(got[i]) || isnan(ref[i]))
            return INFINITY;
        if (isinf(ref[i]) || isinf(got[i])) {
            if (got[i] != ref[i])
                return INFINITY;
            continue;
        }
        double d = fabs(got[i] - ref[i]);
        double s = fmax(fabs(got[i]), fabs(ref[i]));
        double r = s > 0.0 ? d / s : d;
        if (r > worst)
            worst = r;
    }
    return worst;
}

static void check_cases(void)
{
    const activation acts[] = {ACT_LINEAR, ACT_TANH, ACT_SIGMOID, ACT_RELU};
    for (size_t c = 0; c < NCASES; c++) {
        const grid_case *g = &cases[c];
        size_t n = g->nx * g->nrec;
        double *x = malloc((g->m * g->T + 1) * sizeof *x);
        double *t = malloc(g->m * sizeof *t);
        double *wx = malloc(g->nx * sizeof *wx);
        double *wr = malloc(g->nrec * sizeof *wr);
        double *ref = malloc(n * sizeof *ref);
        double *got = malloc(n * sizeof *got);
        double *first = malloc(n * sizeof *first);
        make_data(x, t, g->m, g->T, g->binary);
        linspace(wx, g->nx, g->lo, g->hi);
        linspace(wr, g->nrec, g->lo, g->hi);
        for (size_t a = 0; a < 4; a++) {
            activation f = acts[a];
            ref_surface(x, t, g->m, g->T, f, wx, g->nx, wr, g->nrec, ref);
            int have_first = 0;
            for (const char *const *isa = kernel_isa_names; *isa; isa++) {
                if (!kernel_isa_supported(*isa))
                    continue;
                kernel_force_isa(*isa);
                rs_status st =
                    kernel_surface_brute(x, t, g->m, g->T, f, wx, g->nx, wr, g->nrec, got);
                double w = worst_rel(got, ref, n);
                int exact = f == ACT_LINEAR || f == ACT_RELU;
                if (exact)
                    tap_ok(st == RS_OK && bits_equal(got, ref, n),
                           "%s %s %zux%zu M=%zu T=%zu: bit-identical to scalar reference", *isa,
                           act_name(f), g->nx, g->nrec, g->m, g->T);
                else
                    tap_ok(st == RS_OK && w <= 1e-13,
                           "%s %s %zux%zu M=%zu T=%zu: within 1e-13 of libm (worst %.3g)", *isa,
                           act_name(f), g->nx, g->nrec, g->m, g->T, w);
                /* AVX-512 and AVX2 use the same fused operations: identical,
                 * except the sigmoid's exp, reduced by a table on AVX-512 */
                if (!have_first) {
                    memcpy(first, got, n * sizeof *got);
                    have_first = 1;
                } else if (strcmp(*isa, "avx2") == 0 && f == ACT_SIGMOID) {
                    tap_ok(worst_rel(got, first, n) <= 1e-14,
                           "avx2 sigmoid %zux%zu within 1e-14 of avx512 (worst %.3g)", g->nx,
                           g->nrec, worst_rel(got, first, n));
                } else if (strcmp(*isa, "avx2") == 0) {
                    tap_ok(bits_equal(got, first, n), "avx2 %s %zux%zu bit-identical to avx512",
                           act_name(f), g->nx, g->nrec);
                }
            }
            kernel_force_isa(NULL);
        }
        free(x);
        free(t);
        free(wx);
        free(wr);
        free(ref);
        free(got);
        free(first);
    }
}

static void check_threads(void)
{
    const size_t m = 16, T = 24, nx = 61, nrec = 45;
    double x[16 * 24], t[16], wx[61], wr[45];
    double *a = malloc(nx * nrec * sizeof *a), *b = malloc(nx * nrec * sizeof *b);
    make_data(x, t, m, T, 1);
    linspace(wx, nx, -3, 3);
    linspace(wr, nrec, -3, 3);
    for (int f = ACT_LINEAR; f <= ACT_RELU; f++) {
#ifdef _OPENMP
        omp_set_num_threads(1);
        kernel_surface_brute(x, t, m, T, f, wx, nx, wr, nrec, a);
        int same = 1;
        for (int nt = 2; nt <= 5; nt++) {
            omp_set_num_threads(nt);
            kernel_surface_brute(x, t, m, T, f, wx, nx, wr, nrec, b);
            same &= bits_equal(a, b, nx * nrec);
        }
        tap_ok(same, "%s: bit-identical output with 1, 2, 3, 4, 5 threads", act_name(f));
#else
        kernel_surface_brute(x, t, m, T, f, wx, nx, wr, nrec, a);
        tap_ok(1, "%s: built without OpenMP (one thread only) # SKIP", act_name(f));
#endif
    }
#ifdef _OPENMP
    omp_set_num_threads(omp_get_num_procs());
#endif
    free(a);
    free(b);
}

static void check_overflow(void)
{
    /* |w_rec| up to 10 over 400 steps: linear and relu states overflow to
     * +-inf (and to NaN through inf*0 at w_rec = 0? no: 0 is in the grid
     * and must stay finite). */
    const size_t m = 6, T = 400, nx = 21, nrec = 41;
    double *x = malloc(m * T * sizeof *x), t[6], wx[21], wr[41];
    double *got = malloc(nx * nrec * sizeof *got), *ref = malloc(nx * nrec * sizeof *ref);
    make_data(x, t, m, T, 1);
    linspace(wx, nx, -2, 2);
    linspace(wr, nrec, -10, 10);
    for (int f = ACT_LINEAR; f <= ACT_RELU; f++) {
        ref_surface(x, t, m, T, f, wx, nx, wr, nrec, ref);
        for (const char *const *isa = kernel_isa_names; *isa; isa++) {
            if (!kernel_isa_supported(*isa))
                continue;
            kernel_force_isa(*isa);
            kernel_surface_brute(x, t, m, T, f, wx, nx, wr, nrec, got);
            size_t nan = 0, inf = 0, bad = 0, refinf = 0;
            for (size_t i = 0; i < nx * nrec; i++) {
                nan += isnan(got[i]) != 0;
                inf += isinf(got[i]) != 0;
                refinf += isinf(ref[i]) != 0;
                if (isinf(ref[i]) != isinf(got[i]) || (isinf(got[i]) && got[i] < 0))
                    bad++;
            }
            int want_inf = f == ACT_LINEAR || f == ACT_RELU;
            tap_ok(nan == 0 && bad == 0 && (!want_inf || inf > 0),
                   "%s %s exploding grid: %zu points +inf (reference %zu), no NaN", *isa,
                   act_name(f), inf, refinf);
        }
        kernel_force_isa(NULL);
    }
    /* a state that reaches inf and then meets w_rec = 0 would be inf*0 = NaN:
     * huge weights make x*w_x overflow on step 1 */
    double big[2] = {1e308, -1e308}, wrz[2] = {0.0, 1.0}, xb[2 * 3] = {1, 1, 1, 1, 1, 1};
    double tb[2] = {1, 2}, o[4];
    for (int f = ACT_LINEAR; f <= ACT_RELU; f++) {
        kernel_surface_brute(xb, tb, 2, 3, f, big, 2, wrz, 2, o);
        int ok = 1;
        for (int i = 0; i < 4; i++)
            ok &= !isnan(o[i]) && (f == ACT_TANH || f == ACT_SIGMOID ? isfinite(o[i]) : 1);
        tap_ok(ok, "%s near-overflow weights: %g %g %g %g", act_name(f), o[0], o[1], o[2], o[3]);
    }
    free(x);
    free(got);
    free(ref);
}

static void check_args(void)
{
    double x[4] = {1, 0, 1, 1}, t[2] = {2, 1}, w[2] = {0.5, 1.0}, o[4];
    tap_ok(kernel_surface_brute(NULL, t, 2, 2, ACT_LINEAR, w, 2, w, 2, o) == RS_EINVAL, "NULL x");
    tap_ok(kernel_surface_brute(x, t, 0, 2, ACT_LINEAR, w, 2, w, 2, o) == RS_EINVAL, "M = 0");
    tap_ok(kernel_surface_brute(x, t, 2, 2, (activation)9, w, 2, w, 2, o) == RS_EINVAL,
           "unknown activation");
    x[1] = NAN;
    tap_ok(kernel_surface_brute(x, t, 2, 2, ACT_LINEAR, w, 2, w, 2, o) == RS_EINVAL, "NaN input");
    x[1] = 0;
    w[1] = INFINITY;
    tap_ok(kernel_surface_brute(x, t, 2, 2, ACT_TANH, w, 2, w, 2, o) == RS_EINVAL, "inf weight");
    w[1] = 1;
    tap_ok(kernel_surface_brute(x, t, 2, 2, ACT_TANH, w, 0, w, 2, NULL) == RS_OK, "empty grid");
    tap_ok(kernel_force_isa("mmx") == RS_EINVAL, "unknown ISA refused");
    tap_ok(kernel_force_isa("scalar") == RS_OK && strcmp(kernel_isa_name(), "scalar") == 0,
           "scalar forced");
    kernel_force_isa(NULL);
    /* the library reads no environment: RNNSCAPE_ISA is the command's */
    const char *best = kernel_isa_name();
    setenv("RNNSCAPE_ISA", "scalar", 1);
    tap_ok(strcmp(best, kernel_isa_name()) == 0,
           "RNNSCAPE_ISA in the environment does not change the library's choice (%s)",
           kernel_isa_name());
    unsetenv("RNNSCAPE_ISA");
}

int main(void)
{
    unsetenv("RNNSCAPE_ISA");
    tap_diag("instruction set in use: %s", kernel_isa_name());
    for (const char *const *isa = kernel_isa_names; *isa; isa++)
        tap_diag("%s: %s", *isa, kernel_isa_supported(*isa) ? "supported" : "not supported");
    check_cases();
    check_threads();
    check_overflow();
    check_args();
    return tap_done();
}
