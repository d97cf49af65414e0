#include "surface.h"

#include <math.h>
#include <stdlib.h>

#include "horner.h"
#include "kernel.h"
#include "rnn2.h"

const char *const surface_method_names[] = {"exact", "brute", NULL};

struct surface_plan {
    const dataset *ds;
    activation f;
    surface_method method;
    double *xt; /* exact: inputs transposed to t x mpad, zero-padded */
    size_t mpad;
};

rs_status surface_compute(const dataset *ds, activation f, surface_method method, const double *wx,
                          size_t nx, const double *wrec, size_t nrec, double *out)
{
    surface_plan *pl;
    rs_status st = surface_plan_new(ds, f, method, &pl);
    if (st != RS_OK)
        return st;
    st = surface_plan_rows(pl, wx, nx, wrec, nrec, out);
    surface_plan_free(pl);
    return st;
}

/* Moments of one row: A = mean P^2, B = mean tP, C = mean t^2. */
typedef struct {
    double a, b, c;
    double wstar, xi_min;
    int p_finite; /* every P_i finite */
} row_fit;

static row_fit row_fit_compute(const double *p, const double *target, size_t m)
{
    row_fit r = {0.0, 0.0, 0.0, 0.0, 0.0, 1};
    double a = 0.0, b = 0.0, c = 0.0;
    int bad = 0;
    /* Vector partial sums: a fixed order for a given build, whatever the
     * thread count. */
#pragma omp simd reduction(+ : a, b, c) reduction(| : bad)
    for (size_t i = 0; i < m; i++) {
        a += p[i] * p[i];
        b += target[i] * p[i];
        c += target[i] * target[i];
        bad |= (p[i] - p[i]) != 0.0; /* inf - inf and NaN - NaN are NaN */
    }
    double M = (double)m;
    r.p_finite = !bad;
    r.a = a / M;
    r.b = b / M;
    r.c = c / M;
    if (r.p_finite && isfinite(r.a) && r.a > 0.0) {
        r.wstar = r.b / r.a;
        /* xi_min summed from residuals, not C - B^2/A, which cancels. */
        double sum = 0.0, wstar = r.wstar;
#pragma omp simd reduction(+ : sum)
        for (size_t i = 0; i < m; i++) {
            double res = target[i] - wstar * p[i];
            sum += res * res;
        }
        r.xi_min = sum / M;
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
            rnn2_model lm = {w, wrec, ACT_LINEAR, 0.0};
            out[i] = rnn2_loss(&lm, ds);
        }
    }
}

/* Samples rounded up to a whole number of Horner tiles. */
static size_t padded(size_t m)
{
    return (m + HORNER_SAMPLES - 1) / HORNER_SAMPLES * HORNER_SAMPLES;
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

/* One group of up to HORNER_ROWS rows starting at row j0; p is scratch
 * for HORNER_ROWS x mpad polynomials. */
static void rows_exact(const dataset *ds, const double *xt, size_t mpad, const double *wx,
                       size_t nx, const double *wrec, size_t nrec, size_t j0, double *p,
                       double *out)
{
    double w[HORNER_ROWS];
    size_t n = nrec - j0 < HORNER_ROWS ? nrec - j0 : HORNER_ROWS;
    for (size_t r = 0; r < HORNER_ROWS; r++)
        w[r] = wrec[j0 + (r < n ? r : n - 1)]; /* pad with the last row */
    horner_rows(xt, mpad, ds->t, w, p);
    for (size_t r = 0; r < n; r++) {
        row_fit f = row_fit_compute(p + r * mpad, ds->target, ds->m);
        row_evaluate(ds, p + r * mpad, &f, w[r], wx, nx, out + (j0 + r) * nx);
    }
}

static rs_status plan_rows_exact(const surface_plan *pl, const double *wx, size_t nx,
                                 const double *wrec, size_t nrec, double *out)
{
    size_t groups = (nrec + HORNER_ROWS - 1) / HORNER_ROWS;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        double *p = malloc(HORNER_ROWS * pl->mpad * sizeof *p);
        if (!p)
            failed = 1;
#pragma omp for schedule(static)
        for (size_t g = 0; g < groups; g++)
            if (p)
                rows_exact(pl->ds, pl->xt, pl->mpad, wx, nx, wrec, nrec, g * HORNER_ROWS, p, out);
        free(p);
    }
    return failed ? RS_ENOMEM : RS_OK;
}

rs_status surface_plan_new(const dataset *ds, activation f, surface_method method,
                           surface_plan **out)
{
    if (method == SURFACE_EXACT && f != ACT_LINEAR)
        return RS_EINVAL;
    surface_plan *pl = calloc(1, sizeof *pl);
    if (!pl)
        return RS_ENOMEM;
    *pl = (surface_plan){ds, f, method, NULL, padded(ds->m)};
    if (method == SURFACE_EXACT && !(pl->xt = transpose_inputs(ds))) {
        free(pl);
        return RS_ENOMEM;
    }
    *out = pl;
    return RS_OK;
}

rs_status surface_plan_rows(const surface_plan *pl, const double *wx, size_t nx, const double *wrec,
                            size_t nrec, double *out)
{
    if (pl->method == SURFACE_EXACT)
        return plan_rows_exact(pl, wx, nx, wrec, nrec, out);
    return kernel_surface_brute(pl->ds->x, pl->ds->target, pl->ds->m, pl->ds->t, pl->f, wx, nx,
                                wrec, nrec, out);
}

size_t surface_block_rows(size_t nx, size_t nrec)
{
    size_t rows = ((size_t)1 << 18) / (nx ? nx : 1);
    if (rows < 8)
        rows = 8;
    return rows < nrec ? rows : nrec;
}

rs_status surface_run(const surface_plan *pl, const double *wx, size_t nx, const double *wrec,
                      size_t nrec, size_t block_rows, double *buf, surface_block_fn on_block,
                      void *ctx)
{
    if (block_rows == 0)
        return RS_EINVAL;
    for (size_t j0 = 0; j0 < nrec; j0 += block_rows) {
        size_t n = nrec - j0 < block_rows ? nrec - j0 : block_rows;
        rs_status st = surface_plan_rows(pl, wx, nx, wrec + j0, n, buf);
        if (st == RS_OK && on_block)
            st = on_block(ctx, j0, n, buf);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}

void surface_plan_free(surface_plan *pl)
{
    if (pl)
        free(pl->xt);
    free(pl);
}

rs_status surface_exact(const dataset *ds, const double *wx, size_t nx, const double *wrec,
                        size_t nrec, double *out)
{
    return surface_compute(ds, ACT_LINEAR, SURFACE_EXACT, wx, nx, wrec, nrec, out);
}

rs_status surface_brute(const dataset *ds, activation f, const double *wx, size_t nx,
                        const double *wrec, size_t nrec, double *out)
{
    return surface_compute(ds, f, SURFACE_BRUTE, wx, nx, wrec, nrec, out);
}
