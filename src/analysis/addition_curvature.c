#include "addition_curvature.h"

#include <math.h>
#include <stdlib.h>

#include "addition_hessian.h"
#include "addition_landscape.h"
#include "symeig.h"

const char *const addition_curvature_names[] = {"loss", "lambda_min", "lambda_max", "ratio", NULL};

/* The extreme eigenvalues of the finite m x m matrix a (destroyed),
 * scaled by a power of two first (exact) so that only an eigenvalue whose
 * true value overflows does. */
static rs_status finite_extremes(size_t m, double *a, double *ev, double *lo, double *hi)
{
    double big = 0.0;
    for (size_t q = 0; q < m * m; q++)
        big = fmax(big, fabs(a[q]));
    int ex = big > 0.0 ? ilogb(big) : 0;
    for (size_t q = 0; q < m * m; q++)
        a[q] = scalbn(a[q], -ex);
    rs_status st = symeig(m, a, ev, NULL); /* descending */
    *lo = scalbn(ev[m - 1], ex);
    *hi = scalbn(ev[0], ex);
    return st;
}

/* lambda_min and lambda_max of the symmetric np x np hess (destroyed),
 * whose entries may be infinite: the limits as those entries grow
 * (curvature.h's rule for 2 x 2). An infinite off-diagonal entry gives
 * -inf and +inf; infinite diagonal entries push lambda_max (+inf) or
 * lambda_min (-inf) out, and the other end is that of the principal
 * submatrix of the finite rows, where the remaining eigenvalues tend. */
static rs_status extremes(size_t np, double *hess, double *ev, double *lo, double *hi)
{
    int pos = 0, neg = 0;
    size_t m = 0;
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < np; j++)
            if (i != j && !isfinite(hess[i * np + j])) {
                *lo = -INFINITY, *hi = INFINITY;
                return RS_OK;
            }
    for (size_t i = 0; i < np; i++) {
        double d = hess[i * np + i];
        pos |= d == INFINITY, neg |= d == -INFINITY;
        if (isfinite(d))
            ev[m++] = (double)i; /* the finite rows, in order */
    }
    /* compact the finite rows in place: entry (r, c) of the submatrix is
     * read from (idx_r, idx_c) >= (r, c) in row-major order, never before
     * it is written */
    for (size_t r = 0; r < m; r++)
        for (size_t c = 0; c < m; c++)
            hess[r * m + c] = hess[(size_t)ev[r] * np + (size_t)ev[c]];
    double flo = INFINITY, fhi = -INFINITY; /* an empty submatrix */
    rs_status st = m > 0 ? finite_extremes(m, hess, ev, &flo, &fhi) : RS_OK;
    *lo = neg ? -INFINITY : flo;
    *hi = pos ? INFINITY : fhi;
    return st;
}

/* lambda_min / lambda_max by curvature.h's rule: +-1 when both are
 * infinite, 0 when both are 0, -inf when lambda_max is 0 > lambda_min. */
static double ratio(double lo, double hi)
{
    if (isinf(lo) && isinf(hi))
        return copysign(1.0, lo) * copysign(1.0, hi);
    if (hi == 0.0)
        return lo == 0.0 ? 0.0 : -INFINITY;
    return lo / hi;
}

/* One point: the loss and the extreme eigenvalues of the dense Hessian. */
static rs_status point(const addition_net *net, const double *wp, size_t nsums, const uint32_t *a,
                       const uint32_t *b, double *hess, double *ev, double *out)
{
    addition_hess *hs;
    rs_status st = addition_hess_new(net, wp, nsums, a, b, &hs);
    if (st != RS_OK)
        return st;
    st = addition_hess_dense_extended(hs, hess);
    double lo = 0.0, hi = 0.0;
    if (st == RS_OK)
        st = extremes(net->nparams, hess, ev, &lo, &hi);
    if (st == RS_OK) {
        out[ADDC_LOSS] = addition_hess_loss(hs);
        out[ADDC_LAMBDA_MIN] = lo;
        out[ADDC_LAMBDA_MAX] = hi;
        out[ADDC_RATIO] = ratio(lo, hi);
    }
    addition_hess_free(hs);
    return st;
}

rs_status addition_curvature_plane(const addition_net *net, const double *w, const double *d1,
                                   const double *d2, double range, size_t n, size_t nsums,
                                   const uint32_t *a, const uint32_t *b, double *out)
{
    return addition_curvature_rows(net, w, d1, d2, range, n, 0, n, nsums, a, b, out);
}

rs_status addition_curvature_rows(const addition_net *net, const double *w, const double *d1,
                                  const double *d2, double range, size_t n, size_t j0, size_t j1,
                                  size_t nsums, const uint32_t *a, const uint32_t *b, double *out)
{
    const size_t np = net->nparams;
    double *hess = malloc(np * np * sizeof *hess), *ev = malloc(np * sizeof *ev);
    double *wp = malloc(np * sizeof *wp);
    rs_status st = hess && ev && wp ? RS_OK : RS_ENOMEM;
    for (size_t j = j0; st == RS_OK && j < j1; j++)
        for (size_t i = 0; st == RS_OK && i < n; i++) {
            double al = addition_grid_coord(range, n, i), be = addition_grid_coord(range, n, j);
            for (size_t q = 0; q < np; q++)
                wp[q] = w[q] + al * d1[q] + be * d2[q];
            st = point(net, wp, nsums, a, b, hess, ev, out + ((j - j0) * n + i) * ADDC_CHANNELS);
        }
    free(hess);
    free(ev);
    free(wp);
    return st;
}

double addition_curvature_bytes(int bits, int hidden, double nsums, double row_values,
                                size_t threads)
{
    double np = (double)addition_nparams(hidden);
    /* the point's passes and products, the identity and its Hessian, the
     * eigenvalues and symeig's work (4 np), the point's weights */
    return addition_hess_bytes(bits, hidden, nsums) +
           addition_hess_product_bytes(bits, hidden, nsums, threads) +
           addition_hess_dense_bytes(hidden) + 6.0 * np * sizeof(double) + row_values * sizeof(double);
}
