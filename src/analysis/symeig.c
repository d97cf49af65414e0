#include "symeig.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Householder reduction: T = V A V^T with V orthogonal (v, rows; NULL to
 * skip), T tridiagonal with diagonal d and off-diagonal e (e[i] = T[i][i+1]).
 * a is overwritten; u and p are m scratch values each, t m more. */
static void tridiagonalize(size_t m, double *a, double *d, double *e, double *v, double *u,
                           double *p, double *t)
{
    for (size_t k = 0; k + 2 < m; k++) {
        size_t L = m - k - 1;
        const double *x = a + k * m + k + 1; /* row k right of the diagonal = column k below it */
        /* ||x|| scaled by max|x_i|, so tiny entries do not underflow to a
         * zero or subnormal square (and beta to inf, then NaN) */
        double big = 0.0, norm2 = 0.0;
        for (size_t i = 0; i < L; i++)
            big = fmax(big, fabs(x[i]));
        d[k] = a[k * m + k];
        if (big == 0.0) {
            e[k] = 0.0; /* already reduced */
            continue;
        }
        for (size_t i = 0; i < L; i++)
            norm2 += (x[i] / big) * (x[i] / big);
        double norm = big * sqrt(norm2);
        /* Householder: H = I - beta u u^T maps x to alpha e_1, alpha = -sign(x_0) ||x||,
         * with u = (x - alpha e_1) / ||x|| so that beta = 2 / (u.u) stays O(1) */
        double alpha = x[0] >= 0.0 ? -norm : norm;
        for (size_t i = 0; i < L; i++)
            u[i] = x[i] / norm;
        u[0] -= alpha / norm;
        double beta = 1.0 / (1.0 + fabs(x[0]) / norm); /* 2 / (u.u) */
        e[k] = alpha;
        /* trailing block B <- H B H: p = beta B u, w = p - (beta/2)(u.p) u, B -= u w^T + w u^T */
        double up = 0.0;
        for (size_t i = 0; i < L; i++) {
            const double *row = a + (k + 1 + i) * m + k + 1;
            double s = 0.0;
            for (size_t j = 0; j < L; j++)
                s += row[j] * u[j];
            p[i] = beta * s;
            up += u[i] * p[i];
        }
        double K = 0.5 * beta * up;
        for (size_t i = 0; i < L; i++)
            p[i] -= K * u[i];
        for (size_t i = 0; i < L; i++) {
            double *row = a + (k + 1 + i) * m + k + 1;
            for (size_t j = 0; j < L; j++)
                row[j] -= u[i] * p[j] + p[i] * u[j];
        }
        if (!v)
            continue;
        /* V <- H V on rows k+1..m-1: V -= beta u (u^T V) */
        memset(t, 0, m * sizeof *t);
        for (size_t i = 0; i < L; i++) {
            const double *row = v + (k + 1 + i) * m;
            for (size_t j = 0; j < m; j++)
                t[j] += u[i] * row[j];
        }
        for (size_t i = 0; i < L; i++) {
            double *row = v + (k + 1 + i) * m, f = beta * u[i];
            for (size_t j = 0; j < m; j++)
                row[j] -= f * t[j];
        }
    }
    if (m >= 2) {
        d[m - 2] = a[(m - 2) * m + m - 2];
        e[m - 2] = a[(m - 2) * m + m - 1];
    }
    d[m - 1] = a[(m - 1) * m + m - 1];
}

/* Rows p and q of v (length m) rotated: (v_p, v_q) <- (c v_p + s v_q, c v_q - s v_p). */
static void rotate_rows(size_t m, double *v, size_t p, size_t q, double c, double s)
{
    double *vp = v + p * m, *vq = v + q * m;
    for (size_t j = 0; j < m; j++) {
        double a = vp[j], b = vq[j];
        vp[j] = c * a + s * b;
        vq[j] = c * b - s * a;
    }
}

/* One implicit QR step with Wilkinson's shift on the unreduced block
 * [lo, hi] of the tridiagonal (d, e), chasing the bulge down with Givens
 * rotations T <- R T R^T, each also applied to the rows of v. */
static void qr_step(size_t m, double *d, double *e, double *v, size_t lo, size_t hi)
{
    /* Wilkinson: mu = the eigenvalue of the trailing 2 x 2 nearer d[hi] */
    double dd = 0.5 * (d[hi - 1] - d[hi]), ee = e[hi - 1];
    double mu = d[hi] - ee * (ee / (dd + copysign(hypot(dd, ee), dd)));
    double x = d[lo] - mu, z = e[lo], bulge = 0.0;
    for (size_t p = lo; p < hi; p++) {
        size_t q = p + 1;
        if (p > lo) {
            x = e[p - 1];
            z = bulge;
        }
        double r = hypot(x, z), c = 1.0, s = 0.0;
        if (r > 0.0) {
            c = x / r;
            s = z / r;
        }
        if (p > lo)
            e[p - 1] = r;
        double dp = d[p], dq = d[q], ep = e[p];
        /* Givens: the 2 x 2 block [dp ep; ep dq] <- R B R^T */
        d[p] = c * c * dp + 2.0 * c * s * ep + s * s * dq;
        d[q] = s * s * dp - 2.0 * c * s * ep + c * c * dq;
        e[p] = c * s * (dq - dp) + (c * c - s * s) * ep;
        if (q < hi) {
            bulge = s * e[q];
            e[q] *= c;
        }
        if (v)
            rotate_rows(m, v, p, q, c, s);
    }
}

/* Diagonalises the tridiagonal (d, e); 0 when it did not converge. */
static int tridiagonal_qr(size_t m, double *d, double *e, double *v)
{
    size_t hi = m - 1, steps = 0;
    while (hi > 0) {
        size_t lo = hi;
        while (lo > 0) { /* negligible off-diagonal: the block splits there */
            double off = fabs(e[lo - 1]);
            if (off <= DBL_EPSILON * (fabs(d[lo - 1]) + fabs(d[lo])) || off < DBL_MIN) {
                e[lo - 1] = 0.0;
                break;
            }
            lo--;
        }
        if (lo == hi) {
            hi--; /* d[hi] is an eigenvalue */
            continue;
        }
        if (++steps > 64 * m)
            return 0;
        qr_step(m, d, e, v, lo, hi);
    }
    return 1;
}

/* Eigenpairs sorted by decreasing eigenvalue (selection sort, rows swapped). */
static void sort_decreasing(size_t m, double *d, double *v, double *t)
{
    for (size_t i = 0; i + 1 < m; i++) {
        size_t best = i;
        for (size_t j = i + 1; j < m; j++)
            if (d[j] > d[best])
                best = j;
        if (best == i)
            continue;
        double x = d[i];
        d[i] = d[best];
        d[best] = x;
        if (v) {
            memcpy(t, v + i * m, m * sizeof *t);
            memcpy(v + i * m, v + best * m, m * sizeof *t);
            memcpy(v + best * m, t, m * sizeof *t);
        }
    }
}

rs_status symeig(size_t m, double *a, double *eval, double *evec)
{
    if (m == 0)
        return RS_OK;
    double scale = 0.0;
    for (size_t i = 0; i < m * m; i++) {
        if (!isfinite(a[i]))
            return RS_EINVAL;
        scale = fmax(scale, fabs(a[i]));
    }
    double *e = malloc(m * sizeof *e), *work = malloc(3 * m * sizeof *work);
    if (!e || !work) {
        free(e);
        free(work);
        return RS_ENOMEM;
    }
    if (evec) {
        memset(evec, 0, m * m * sizeof *evec);
        for (size_t i = 0; i < m; i++)
            evec[i * m + i] = 1.0;
    }
    if (scale > 0.0) /* work on a / max|a_ij| so no square overflows */
        for (size_t i = 0; i < m * m; i++)
            a[i] /= scale;
    tridiagonalize(m, a, eval, e, evec, work, work + m, work + 2 * m);
    int converged = tridiagonal_qr(m, eval, e, evec);
    if (scale > 0.0)
        for (size_t i = 0; i < m; i++)
            eval[i] *= scale;
    sort_decreasing(m, eval, evec, work);
    free(e);
    free(work);
    return converged ? RS_OK : RS_ERANGE;
}
