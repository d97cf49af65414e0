#include "surface.h"

#include <math.h>
#include <stdlib.h>

#include "kernel.h"
#include "linear.h"

const char *const surface_method_names[] = {"exact", "brute", NULL};

rs_status surface_compute(const dataset *ds, activation f, surface_method method,
                          const double *wx, size_t nx, const double *wrec, size_t nrec,
                          double *out)
{
    if (method == SURFACE_EXACT) {
        if (f != ACT_LINEAR)
            return RS_EINVAL;
        return surface_exact(ds, wx, nx, wrec, nrec, out);
    }
    return surface_brute(ds, f, wx, nx, wrec, nrec, out);
}

/* Moments of one row: A = mean P^2, B = mean tP, C = mean t^2. */
typedef struct {
    double a, b, c;
    double wstar, xi_min;
    int p_finite; /* every P_i finite */
} row_fit;

/* Samples per register block of the Horner loop: 16 doubles are four AVX2
 * or two AVX-512 registers, enough independent chains to hide latency. */
#define SURFACE_BLOCK 16

/* P_i(w_rec) by Horner's rule over the inputs, P = P*w_rec + x_k, for every
 * sample; xt is t x mpad (samples padded with zeros to a multiple of the
 * block), so each block of accumulators stays in registers across k. Cloned
 * per instruction set and picked at run time; each clone computes every
 * value by the same operations whatever the thread count. */
__attribute__((target_clones("avx512f", "avx2", "default"), noinline))
static void row_polynomials(const double *xt, size_t mpad, size_t t, double wrec, double *p)
{
    for (size_t i0 = 0; i0 < mpad; i0 += SURFACE_BLOCK) {
        double acc[SURFACE_BLOCK] = {0};
        for (size_t k = 0; k < t; k++) {
            const double *xk = xt + k * mpad + i0;
            for (size_t j = 0; j < SURFACE_BLOCK; j++)
                acc[j] = acc[j] * wrec + xk[j];
        }
        for (size_t j = 0; j < SURFACE_BLOCK; j++)
            p[i0 + j] = acc[j];
    }
}

static row_fit row_fit_compute(const double *p, const double *target, size_t m)
{
    row_fit r = {0.0, 0.0, 0.0, 0.0, 0.0, 1};
    for (size_t i = 0; i < m; i++) {
        r.a += p[i] * p[i];
        r.b += target[i] * p[i];
        r.c += target[i] * target[i];
        if (!isfinite(p[i]))
            r.p_finite = 0;
    }
    double M = (double)m;
    r.a /= M;
    r.b /= M;
    r.c /= M;
    if (r.p_finite && isfinite(r.a) && r.a > 0.0) {
        r.wstar = r.b / r.a;
        /* xi_min summed from residuals, not C - B^2/A, which cancels. */
        double s = 0.0;
        for (size_t i = 0; i < m; i++) {
            double res = target[i] - r.wstar * p[i];
            s += res * res;
        }
        r.xi_min = s / M;
    }
    return r;
}

/* The loss at one w_x straight from the residuals t_i - w_x P_i: used where
 * A overflows although every P_i is finite. */
static double row_residual_loss(const double *p, const double *target, size_t m, double wx)
{
    double s = 0.0;
    for (size_t i = 0; i < m; i++) {
        double res = target[i] - wx * p[i];
        s += res * res;
    }
    double loss = s / (double)m;
    return isnan(loss) ? INFINITY : loss;
}

/* One row where A, w* and xi_min are finite: xi = A (w_x - w*)^2 + xi_min. */
static void row_quadratic(const row_fit *r, const double *wx, size_t nx, double *out)
{
    double a = r->a, wstar = r->wstar, xi_min = r->xi_min;
#pragma omp simd
    for (size_t i = 0; i < nx; i++) {
        double d = wx[i] - wstar;
        out[i] = a * d * d + xi_min;
    }
}

/* One row of the exact method, with the overflow cases made explicit. */
static void row_evaluate(const dataset *ds, const double *p, const row_fit *r, double wrec,
                         const double *wx, size_t nx, double *out)
{
    if (r->p_finite && isfinite(r->a) && r->a > 0.0) {
        row_quadratic(r, wx, nx, out);
        return;
    }
    for (size_t i = 0; i < nx; i++) {
        double w = wx[i];
        if (w == 0.0 || r->a == 0.0) {
            out[i] = r->c; /* every output is 0 */
        } else if (r->p_finite) {
            out[i] = row_residual_loss(p, ds->target, ds->m, w); /* A overflowed */
        } else if (fabs(w) >= 1e-100) {
            out[i] = INFINITY; /* |P| > DBL_MAX, so |y| > 1e208: xi overflows */
        } else {
            linear_model lm = {w, wrec, ACT_LINEAR};
            out[i] = linear_loss(&lm, ds);
        }
    }
}

/* Samples rounded up to a whole number of blocks. */
static size_t padded(size_t m)
{
    return (m + SURFACE_BLOCK - 1) / SURFACE_BLOCK * SURFACE_BLOCK;
}

/* The inputs transposed to t x mpad, zero-padded, so the Horner loop runs
 * over contiguous samples. */
static double *transpose_inputs(const dataset *ds)
{
    size_t mpad = padded(ds->m);
    double *xt = calloc(mpad * ds->t, sizeof *xt);
    if (!xt)
        return NULL;
    for (size_t i = 0; i < ds->m; i++)
        for (size_t k = 0; k < ds->t; k++)
            xt[k * mpad + i] = ds->x[i * ds->t + k];
    return xt;
}

rs_status surface_exact(const dataset *ds, const double *wx, size_t nx,
                        const double *wrec, size_t nrec, double *out)
{
    double *xt = transpose_inputs(ds);
    if (!xt)
        return RS_ENOMEM;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        double *p = malloc(padded(ds->m) * sizeof *p);
        if (!p)
            failed = 1;
#pragma omp for schedule(static)
        for (size_t j = 0; j < nrec; j++) {
            if (!p)
                continue;
            row_polynomials(xt, padded(ds->m), ds->t, wrec[j], p);
            row_fit r = row_fit_compute(p, ds->target, ds->m);
            row_evaluate(ds, p, &r, wrec[j], wx, nx, out + j * nx);
        }
        free(p);
    }
    free(xt);
    return failed ? RS_ENOMEM : RS_OK;
}

rs_status surface_brute(const dataset *ds, activation f, const double *wx, size_t nx,
                        const double *wrec, size_t nrec, double *out)
{
    return kernel_surface_brute(ds->x, ds->target, ds->m, ds->t, f, wx, nx, wrec, nrec, out);
}
