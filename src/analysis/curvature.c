#include "curvature.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "curvature_isa.h"
#include "kernel_isa.h" /* the ISA and its vmath functions, looked up once per map */
#include "rnn2_hessian.h"

const char *const curvature_channel_names[] = {"lambda_min", "lambda_max", "ratio",
                                               "det",        "trace",      NULL};

static void unit(double *v, double x, double y)
{
    double n = hypot(x, y);
    v[0] = x / n;
    v[1] = y / n;
}

/* An eigenvector of [[p, q], [q, r]] for eigenvalue l (finite, scaled
 * entries): the larger of the two rows of (H - l I), turned a right angle. */
static void eigvec(double p, double q, double r, double l, double *v)
{
    double x1 = q, y1 = l - p; /* from row 1: (p - l) v0 + q v1 = 0 */
    double x2 = l - r, y2 = q; /* from row 2 */
    if (hypot(x1, y1) >= hypot(x2, y2))
        x2 = x1, y2 = y1;
    if (x2 == 0.0 && y2 == 0.0) /* a multiple of I: any vector */
        x2 = 1.0;
    unit(v, x2, y2);
}

/* Finite entries: scale by a power of two (exact), then the eigenvalues
 * (m +- hypot(d, q)), the smaller in magnitude through the determinant
 * (Kahan's ad - bc) to keep its relative accuracy. */
static void eig_finite(double p, double q, double r, curvature_eig *e)
{
    double big = fmax(fabs(p), fmax(fabs(q), fabs(r)));
    if (big == 0.0) {
        *e = (curvature_eig){0, 0, {1, 0}, {0, 1}, 0, 0, 0, INFINITY};
        return;
    }
    int ex = ilogb(big);
    p = scalbn(p, -ex), q = scalbn(q, -ex), r = scalbn(r, -ex);
    double m = 0.5 * (p + r), d = 0.5 * (p - r), rad = hypot(d, q);
    double qq = q * q;
    double det = fma(p, r, -qq) - fma(q, q, -qq); /* Kahan: pr - q^2 */
    double l1 = m >= 0.0 ? m + rad : m - rad;     /* the larger magnitude */
    double l2 = l1 != 0.0 ? det / l1 : 0.0;
    double lmax = fmax(l1, l2), lmin = fmin(l1, l2);
    eigvec(p, q, r, lmax, e->v_max);
    e->v_min[0] = -e->v_max[1];
    e->v_min[1] = e->v_max[0];
    e->lambda_max = scalbn(lmax, ex);
    e->lambda_min = scalbn(lmin, ex);
    e->det = scalbn(scalbn(det, ex), ex);
    e->trace = scalbn(p + r, ex);
}

/* An infinite entry: the limits of curvature.h's rule. */
static void eig_infinite(double p, double q, double r, curvature_eig *e)
{
    if (isinf(q)) {
        e->lambda_min = -INFINITY, e->lambda_max = INFINITY, e->det = -INFINITY;
        unit(e->v_max, 1.0, q > 0 ? 1.0 : -1.0);
    } else {
        /* eigenvalues tend to the diagonal entries; det to p r - q^2 */
        e->lambda_min = fmin(p, r), e->lambda_max = fmax(p, r);
        double det = p * r;
        e->det = isnan(det) ? -q * q : det; /* inf * 0: the finite -q^2 */
        if (p >= r)
            e->v_max[0] = 1.0, e->v_max[1] = 0.0;
        else
            e->v_max[0] = 0.0, e->v_max[1] = 1.0;
    }
    e->v_min[0] = -e->v_max[1];
    e->v_min[1] = e->v_max[0];
    double tr = p + r;
    e->trace = isnan(tr) ? INFINITY : tr;
}

void curvature_eig2(double hxx, double hxr, double hrr, curvature_eig *e)
{
    hxx = rnn2_hessian_entry(hxx), hxr = rnn2_hessian_entry(hxr), hrr = rnn2_hessian_entry(hrr);
    if (isinf(hxx) || isinf(hxr) || isinf(hrr))
        eig_infinite(hxx, hxr, hrr, e);
    else
        eig_finite(hxx, hxr, hrr, e);
    double lo = e->lambda_min, hi = e->lambda_max;
    if (isinf(lo) && isinf(hi))
        e->ratio = copysign(1.0, lo) * copysign(1.0, hi);
    else if (hi == 0.0)
        e->ratio = lo == 0.0 ? 0.0 : -INFINITY;
    else
        e->ratio = lo / hi;
    double alo = fabs(lo), ahi = fabs(hi), small = fmin(alo, ahi), large = fmax(alo, ahi);
    e->cond = small == 0.0 || isinf(small) ? INFINITY : large / small;
}

const char *const curvature_verdict_names[] = {"pass", "FAIL", "not finite"};

curvature_check_opts curvature_check_defaults(void)
{
    return (curvature_check_opts){1e-5, 1e-6, 1e-8};
}

/* Central difference of the backpropagated gradient along weight j. */
static rs_status gradient_difference(const rnn2_model *lm, const dataset *ds, int j, double eps,
                                     double num[2])
{
    rnn2_model probe = *lm;
    double *w = j == 0 ? &probe.wx : &probe.wrec, w0 = *w;
    rnn2_grad plus, minus;
    *w = w0 + eps;
    rs_status st = rnn2_gradient(&probe, ds, &plus);
    *w = w0 - eps;
    if (st == RS_OK)
        st = rnn2_gradient(&probe, ds, &minus);
    if (st != RS_OK)
        return st;
    num[0] = (plus.d_wx - minus.d_wx) / (2.0 * eps);
    num[1] = (plus.d_wrec - minus.d_wrec) / (2.0 * eps);
    /* the undefined forms (inf - inf) are +inf, as everywhere */
    for (int i = 0; i < 2; i++)
        if (isnan(num[i]))
            num[i] = INFINITY;
    return RS_OK;
}

rs_status curvature_check_at(const rnn2_model *lm, const dataset *ds, const rnn2_hess *h,
                             const curvature_check_opts *o, curvature_check *out)
{
    double scale = 0.0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            scale = fmax(scale, fabs(h->h[i][j]));
    out->worst = CURV_CHECK_PASS;
    for (int j = 0; j < 2; j++) {
        double num[2];
        rs_status st = gradient_difference(lm, ds, j, o->eps, num);
        if (st != RS_OK)
            return st;
        for (int i = 0; i < 2; i++) {
            double ex = h->h[i][j], err = fabs(num[i] - ex);
            curvature_verdict v = CURV_CHECK_PASS;
            if (!isfinite(ex) || !isfinite(num[i]) || !isfinite(scale)) {
                v = CURV_CHECK_NOT_FINITE;
                err = INFINITY; /* no comparison was possible */
            }
            else if (!(err <= o->atol + o->rtol * scale))
                v = CURV_CHECK_FAIL;
            out->exact[i][j] = ex;
            out->numerical[i][j] = num[i];
            out->abs_err[i][j] = err;
            out->rel_err[i][j] = !isfinite(err) ? INFINITY : scale > 0.0 ? err / scale : 0.0;
            out->verdict[i][j] = v;
            /* a failure outranks "not finite": it is a real disagreement */
            if (v == CURV_CHECK_FAIL ||
                (v == CURV_CHECK_NOT_FINITE && out->worst == CURV_CHECK_PASS))
                out->worst = v;
        }
    }
    return RS_OK;
}

static int all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return 0;
    return 1;
}

typedef void (*curv_tile_fn)(const curv_tile_job *);

/* The tile for the kernel's instruction set (kernel.h: RNNSCAPE_ISA and
 * kernel_force_isa apply here too). */
static curv_tile_fn tile_for_isa(const char *name)
{
#ifdef CURV_HAVE_X86
    if (strcmp(name, "avx512") == 0)
        return curv_tile_avx512;
    if (strcmp(name, "avx2") == 0)
        return curv_tile_avx2;
#endif
    (void)name;
    return curv_tile_generic;
}

/* Sums of one lane into the point's channels and Hessian entries. */
static void finish_point(const double *sums, size_t lane, double c, double *out, double *hess)
{
    double h[3];
    for (int k = 0; k < 3; k++)
        h[k] = rnn2_hessian_entry(c * sums[(3 + k) * CURV_LANES + lane]);
    curvature_eig e;
    curvature_eig2(h[0], h[1], h[2], &e);
    out[CURV_LAMBDA_MIN] = e.lambda_min;
    out[CURV_LAMBDA_MAX] = e.lambda_max;
    out[CURV_RATIO] = e.ratio;
    out[CURV_DET] = e.det;
    out[CURV_TRACE] = e.trace;
    if (hess)
        memcpy(hess, h, sizeof h);
}

rs_status curvature_rows(const curvature_problem *p, const double *wx, size_t nx,
                         const double *wrec, size_t nrec, double *out, double *hess)
{
    const dataset *ds = p ? p->ds : NULL;
    if (!ds || ds->m == 0 || (!wx && nx) || (!wrec && nrec) || (!out && nx && nrec))
        return RS_EINVAL;
    if ((int)p->f < ACT_LINEAR || (int)p->f > ACT_RELU || !isfinite(p->s0))
        return RS_EINVAL;
    if (nx && nrec > SIZE_MAX / CURV_CHANNELS / nx)
        return RS_ERANGE;
    if (!all_finite(ds->target, ds->m) || !all_finite(ds->x, ds->m * ds->t) ||
        !all_finite(wx, nx) || !all_finite(wrec, nrec))
        return RS_EINVAL;
    if (nx == 0 || nrec == 0)
        return RS_OK;
    const kernel_isa_ops *isa = kernel_isa_current();
    const curv_tile_fn tile = tile_for_isa(isa->name);
    void (*act)(const double *, double *, size_t) = p->f == ACT_TANH ? isa->tanh : isa->sigmoid;
    const size_t per_row = (nx + CURV_LANES - 1) / CURV_LANES;
    const long long ntile = (long long)(per_row * nrec);
    const double c = 2.0 / (double)ds->m;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1)
#endif
    for (long long tix = 0; tix < ntile; tix++) {
        double lane_wx[CURV_LANES], sums[CURV_SUMS * CURV_LANES];
        const size_t row = (size_t)tix / per_row, first = ((size_t)tix % per_row) * CURV_LANES;
        const size_t n = nx - first < CURV_LANES ? nx - first : CURV_LANES;
        for (size_t l = 0; l < CURV_LANES; l++)
            lane_wx[l] = wx[first + (l < n ? l : n - 1)];
        curv_tile_job job = {ds->x, ds->target, ds->m,   ds->t, (int)p->f,
                             p->s0, wrec[row],  lane_wx, sums,  act};
        tile(&job);
        for (size_t l = 0; l < n; l++) {
            size_t pt = row * nx + first + l;
            finish_point(sums, l, c, out + pt * CURV_CHANNELS, hess ? hess + pt * 3 : NULL);
        }
    }
    return RS_OK;
}
