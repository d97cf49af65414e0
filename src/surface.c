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

/* P_i(w_rec) by Horner's rule over the inputs, for every sample. */
static void row_polynomials(const double *xt, size_t m, size_t t, double wrec, double *p)
{
    for (size_t i = 0; i < m; i++)
        p[i] = 0.0;
    for (size_t k = 0; k < t; k++) {
        const double *xk = xt + k * m;
#pragma omp simd
        for (size_t i = 0; i < m; i++)
            p[i] = p[i] * wrec + xk[i];
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

/* One row of the exact method, with the overflow cases made explicit. */
static void row_evaluate(const dataset *ds, const double *p, const row_fit *r, double wrec,
                         const double *wx, size_t nx, double *out)
{
    for (size_t i = 0; i < nx; i++) {
        double w = wx[i];
        if (w == 0.0 || r->a == 0.0) {
            out[i] = r->c; /* every output is 0 */
        } else if (r->p_finite && isfinite(r->a)) {
            double d = w - r->wstar;
            out[i] = r->a * d * d + r->xi_min; /* xi = A (w_x - w*)^2 + xi_min */
        } else if (r->p_finite) {
            out[i] = row_residual_loss(p, ds->target, ds->m, w);
        } else if (fabs(w) >= 1e-100) {
            out[i] = INFINITY; /* |P| > DBL_MAX, so |y| > 1e208: xi overflows */
        } else {
            linear_model lm = {w, wrec, ACT_LINEAR};
            out[i] = linear_loss(&lm, ds);
        }
    }
}

/* The inputs transposed to t x m, so the Horner loop runs over samples. */
static double *transpose_inputs(const dataset *ds)
{
    double *xt = malloc(ds->m * ds->t * sizeof *xt);
    if (!xt)
        return NULL;
    for (size_t i = 0; i < ds->m; i++)
        for (size_t k = 0; k < ds->t; k++)
            xt[k * ds->m + i] = ds->x[i * ds->t + k];
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
        double *p = malloc(ds->m * sizeof *p);
        if (!p)
            failed = 1;
#pragma omp for schedule(static)
        for (size_t j = 0; j < nrec; j++) {
            if (!p)
                continue;
            row_polynomials(xt, ds->m, ds->t, wrec[j], p);
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
