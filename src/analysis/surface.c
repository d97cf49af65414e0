#include "surface.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "horner.h"
#include "kernel.h"
#include "rnn2.h"

const char *const surface_method_names[] = {"exact", "brute", NULL};

struct surface_plan {
    const dataset *ds;
    activation f;
    double s0;
    surface_method method;
    double *xt; /* exact: inputs transposed to t x mpad, zero-padded */
    size_t mpad;
    unsigned char *nonzero; /* exact: sample i has a nonzero input */
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
 * A or B overflows although every P_i is finite. */
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

/* ---- the rescaled evaluation, for rows at the double range's edges ----
 * Each P_i is carried as q_i * 2^e_i with 1/2 <= |q_i| < 1 (frexp form),
 * so it neither overflows nor underflows however large T or |w_rec|, and a
 * loss is computed from residuals scaled by a common power of two. Powers
 * of two are exact, so the only roundings are those of Horner's rule. */

/* An exponent difference clamped to what ldexp can use; beyond +-2200
 * the result is 0 or inf anyway. */
static int clamp_exp(long e) { return e > 2200 ? 2200 : e < -2200 ? -2200 : (int)e; }

/* (q, e) <- frexp form of s * 2^e. */
static void normalize(double s, long *e, double *q)
{
    int d = 0;
    *q = frexp(s, &d);
    *e = *q == 0.0 ? 0 : *e + d;
}

/* Horner: P <- P*w + x in frexp form (w = mw * 2^ew, mw = 0 for w = 0). */
static void scaled_step(double *q, long *e, double mw, int ew, double x)
{
    double a = *q * mw;
    long ea = *e + ew;
    int ex = 0;
    double mx = frexp(x, &ex);
    if (a == 0.0) {
        *q = mx;
        *e = mx == 0.0 ? 0 : ex;
        return;
    }
    if (mx == 0.0) {
        normalize(a, &ea, q);
        *e = ea;
        return;
    }
    long top = ea > ex ? ea : ex;
    double sum = ldexp(a, clamp_exp(ea - top)) + ldexp(mx, clamp_exp(ex - top));
    normalize(sum, &top, q);
    *e = top;
}

/* e with |v| = m 2^e, 1/2 <= m < 1 (frexp's), or LONG_MIN for v = 0. */
static long exponent_of(double v)
{
    int e = 0;
    if (v == 0.0 || !isfinite(v))
        return LONG_MIN;
    frexp(v, &e);
    return e;
}

typedef struct {
    double *q; /* m mantissas */
    long *e;   /* m exponents */
    long emax; /* largest e_i of a nonzero q_i (LONG_MIN: all zero) */
    double zq; /* s0's path w_rec^T as zq * 2^ze */
    long ze;
} scaled_row;

static void scaled_row_compute(const dataset *ds, double wrec, scaled_row *r)
{
    int ew = 0;
    double mw = frexp(wrec, &ew);
    r->emax = LONG_MIN;
    for (size_t i = 0; i < ds->m; i++) {
        double q = 0.0;
        long e = 0;
        for (size_t k = 0; k < ds->t; k++)
            scaled_step(&q, &e, mw, ew, ds->x[i * ds->t + k]);
        r->q[i] = q;
        r->e[i] = e;
        if (q != 0.0 && e > r->emax)
            r->emax = e;
    }
    r->zq = 0.5;
    r->ze = 1; /* 1 = 0.5 * 2^1 */
    for (size_t k = 0; k < ds->t; k++)
        scaled_step(&r->zq, &r->ze, mw, ew, 0.0);
}

/* The loss at w_x from a scaled row: residuals over 2^G, G the exponent of
 * the largest term, so every scaled residual is below 5 in magnitude;
 * xi = 2^(2G) mean (r_i/2^G)^2, +inf where that exceeds the double range. */
static double scaled_loss(const dataset *ds, const scaled_row *r, double s0, long tmax, double wx)
{
    long ewx = exponent_of(wx), es0 = exponent_of(s0);
    long g = tmax;
    if (ewx != LONG_MIN && r->emax != LONG_MIN && ewx + r->emax > g)
        g = ewx + r->emax;
    if (es0 != LONG_MIN && r->zq != 0.0 && es0 + r->ze > g)
        g = es0 + r->ze;
    if (g == LONG_MIN)
        return 0.0; /* all targets, outputs and s0 terms are zero */
    double z = s0 == 0.0 ? 0.0 : ldexp(s0 * r->zq, clamp_exp(r->ze - g));
    double sum = 0.0;
    for (size_t i = 0; i < ds->m; i++) {
        double res = ldexp(ds->target[i], clamp_exp(-g)) -
                     ldexp(wx * r->q[i], clamp_exp(r->e[i] - g)) - z;
        sum += res * res;
    }
    double mean = sum / (double)ds->m;
    /* 2^(2G) in two steps so the exponent stays within ldexp's range. */
    return ldexp(ldexp(mean, clamp_exp(g)), clamp_exp(g));
}

/* Scratch one thread needs for the exact method. */
typedef struct {
    double *p;      /* HORNER_ROWS x mpad polynomials */
    double *target; /* m targets less s0 w_rec^T */
    scaled_row sr;
    long tmax; /* exponent of the largest |t_i| */
} exact_work;

/* A sample's P underflowed (a nonzero input, but |P| below the normal range). */
static int row_underflows(const surface_plan *pl, const double *p)
{
    for (size_t i = 0; i < pl->ds->m; i++)
        if (pl->nonzero[i] && fabs(p[i]) < DBL_MIN)
            return 1;
    return 0;
}

/* The targets of a row with s0 != 0: t_i - s0 w_rec^T (linear model:
 * S_T = w_x P + s0 w_rec^T). Returns 0 if that is not finite. */
static int shifted_targets(const surface_plan *pl, double wrec, double *out)
{
    double wt = 1.0;
    for (size_t k = 0; k < pl->ds->t; k++)
        wt *= wrec;
    double shift = pl->s0 * wt;
    int finite = isfinite(shift);
    for (size_t i = 0; i < pl->ds->m; i++) {
        out[i] = pl->ds->target[i] - shift;
        finite &= isfinite(out[i]);
    }
    return finite;
}

/* One row of the exact method: the quadratic where it is safe, residuals
 * where A or B overflows, the rescaled evaluation at the range's edges. */
static void row_evaluate(const surface_plan *pl, const double *p, double wrec, const double *wx,
                         size_t nx, exact_work *w, double *out)
{
    const dataset *ds = pl->ds;
    const double *target = ds->target;
    int tame = 1;
    if (pl->s0 != 0.0) {
        tame = shifted_targets(pl, wrec, w->target);
        target = w->target;
    }
    tame = tame && !row_underflows(pl, p);
    row_fit r = row_fit_compute(p, target, ds->m);
    /* A below the normal range would lose digits in A (w_x - w*)^2. */
    if (tame && r.p_finite && isfinite(r.a) && r.a >= DBL_MIN && isfinite(r.wstar) &&
        isfinite(r.xi_min)) {
        row_quadratic(&r, wx, nx, out);
        return;
    }
    if (tame && r.p_finite && r.a == 0.0) {
        for (size_t i = 0; i < nx; i++)
            out[i] = r.c; /* every P_i is exactly 0: y = s0 w_rec^T */
        return;
    }
    if (tame && r.p_finite) {
        for (size_t i = 0; i < nx; i++)
            out[i] = row_residual_loss(p, target, ds->m, wx[i]); /* A or B overflowed */
        return;
    }
    scaled_row_compute(ds, wrec, &w->sr);
    for (size_t i = 0; i < nx; i++)
        out[i] = scaled_loss(ds, &w->sr, pl->s0, w->tmax, wx[i]);
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

/* One group of up to HORNER_ROWS rows starting at row j0. */
static void rows_exact(const surface_plan *pl, const double *wx, size_t nx, const double *wrec,
                       size_t nrec, size_t j0, exact_work *w, double *out)
{
    double wr[HORNER_ROWS];
    size_t n = nrec - j0 < HORNER_ROWS ? nrec - j0 : HORNER_ROWS;
    for (size_t r = 0; r < HORNER_ROWS; r++)
        wr[r] = wrec[j0 + (r < n ? r : n - 1)]; /* pad with the last row */
    horner_rows(pl->xt, pl->mpad, pl->ds->t, wr, w->p);
    for (size_t r = 0; r < n; r++)
        row_evaluate(pl, w->p + r * pl->mpad, wr[r], wx, nx, w, out + (j0 + r) * nx);
}

static int exact_work_alloc(const surface_plan *pl, exact_work *w)
{
    size_t m = pl->ds->m;
    w->p = malloc(HORNER_ROWS * pl->mpad * sizeof *w->p);
    w->target = malloc(m * sizeof *w->target);
    w->sr.q = malloc(m * sizeof *w->sr.q);
    w->sr.e = malloc(m * sizeof *w->sr.e);
    w->tmax = LONG_MIN;
    for (size_t i = 0; i < m; i++) {
        long e = exponent_of(pl->ds->target[i]);
        w->tmax = e > w->tmax ? e : w->tmax;
    }
    return w->p && w->target && w->sr.q && w->sr.e;
}

static void exact_work_free(exact_work *w)
{
    free(w->p);
    free(w->target);
    free(w->sr.q);
    free(w->sr.e);
}

static rs_status plan_rows_exact(const surface_plan *pl, const double *wx, size_t nx,
                                 const double *wrec, size_t nrec, double *out)
{
    size_t groups = (nrec + HORNER_ROWS - 1) / HORNER_ROWS;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        exact_work w;
        int ok = exact_work_alloc(pl, &w);
        if (!ok)
            failed = 1;
#pragma omp for schedule(static)
        for (size_t g = 0; g < groups; g++)
            if (ok)
                rows_exact(pl, wx, nx, wrec, nrec, g * HORNER_ROWS, &w, out);
        exact_work_free(&w);
    }
    return failed ? RS_ENOMEM : RS_OK;
}

rs_status surface_plan_new(const dataset *ds, activation f, surface_method method,
                           surface_plan **out)
{
    return surface_plan_new_s0(ds, f, 0.0, method, out);
}

rs_status surface_plan_new_s0(const dataset *ds, activation f, double s0, surface_method method,
                              surface_plan **out)
{
    if ((method == SURFACE_EXACT && f != ACT_LINEAR) || !isfinite(s0))
        return RS_EINVAL;
    surface_plan *pl = calloc(1, sizeof *pl);
    if (!pl)
        return RS_ENOMEM;
    *pl = (surface_plan){ds, f, s0, method, NULL, padded(ds->m), NULL};
    if (method == SURFACE_EXACT) {
        pl->xt = transpose_inputs(ds);
        pl->nonzero = calloc(ds->m ? ds->m : 1, 1);
        if (!pl->xt || !pl->nonzero) {
            surface_plan_free(pl);
            return RS_ENOMEM;
        }
        for (size_t i = 0; i < ds->m; i++)
            for (size_t k = 0; k < ds->t; k++)
                pl->nonzero[i] |= ds->x[i * ds->t + k] != 0.0;
    }
    *out = pl;
    return RS_OK;
}

rs_status surface_plan_rows(const surface_plan *pl, const double *wx, size_t nx, const double *wrec,
                            size_t nrec, double *out)
{
    if (pl->method == SURFACE_EXACT)
        return plan_rows_exact(pl, wx, nx, wrec, nrec, out);
    return kernel_surface_brute_s0(pl->ds->x, pl->ds->target, pl->ds->m, pl->ds->t, pl->f, pl->s0,
                                   wx, nx, wrec, nrec, out);
}

size_t surface_block_rows(size_t nx, size_t nrec)
{
    size_t rows = ((size_t)1 << 18) / (nx ? nx : 1);
    if (rows < 8)
        rows = 8;
    return rows < nrec ? rows : nrec;
}

void surface_plan_free(surface_plan *pl)
{
    if (pl) {
        free(pl->xt);
        free(pl->nonzero);
    }
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
