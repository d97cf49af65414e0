#include "pca.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "symeig.h"

/* m = (x minus the mean point) * 2^-*ex; sqrt(sum of |x_i|^2) (not
 * centred) * 2^-*ex = norm[0] * norm[1], kept apart as it may overflow. The mean is a sum of x / n and the scale a
 * power of two (exact; the directions do not change) keeping the
 * centred entries below 2^501, so that points near the double's limit
 * overflow no sum and leave no NaN. */
static int centre_points(size_t n, size_t dim, const double *x, double *m, double norm[2],
                         int *ex)
{
    double big = 0.0, cbig = 0.0, ss = 0.0;
    for (size_t q = 0; q < n * dim; q++)
        big = fmax(big, fabs(x[q]));
    if (!isfinite(big))
        return 0;
    for (size_t p = 0; p < dim; p++) {
        double mean = 0.0;
        for (size_t i = 0; i < n; i++)
            mean += x[i * dim + p] / (double)n;
        for (size_t i = 0; i < n; i++) {
            double v = x[i * dim + p];
            m[i * dim + p] = mean; /* for now */
            cbig = fmax(cbig, fabs(0.5 * v - 0.5 * mean)); /* half: cannot overflow */
            ss += big > 0.0 ? (v / big) * (v / big) : 0.0;
        }
    }
    *ex = cbig > 0x1p499 ? ilogb(cbig) + 1 - 500 : 0;
    for (size_t q = 0; q < n * dim; q++)
        m[q] = scalbn(x[q], -*ex) - scalbn(m[q], -*ex);
    norm[0] = scalbn(big, -*ex);
    norm[1] = sqrt(ss);
    return 1;
}

/* Unit length, and the largest entry positive; 0 for a zero vector. */
static int normalise(size_t dim, double *d)
{
    double norm = 0.0, big = 0.0;
    for (size_t p = 0; p < dim; p++) {
        norm += d[p] * d[p];
        if (fabs(d[p]) > fabs(big))
            big = d[p];
    }
    if (!(norm > 0.0))
        return 0;
    double s = (big < 0.0 ? -1.0 : 1.0) / sqrt(norm);
    for (size_t p = 0; p < dim; p++)
        d[p] *= s;
    return 1;
}

/* The covariance route (n > dim): C = M^T M, its eigenvectors are the directions. */
static rs_status by_covariance(size_t n, size_t dim, const double *m, double *eval, double *evec)
{
    double *c = calloc(dim * dim, sizeof *c);
    if (!c)
        return RS_ENOMEM;
    for (size_t i = 0; i < n; i++) { /* covariance: C += m_i^T m_i (upper triangle) */
        const double *mi = m + i * dim;
        for (size_t p = 0; p < dim; p++) {
            double f = mi[p];
            double *row = c + p * dim;
            for (size_t q = p; q < dim; q++)
                row[q] += f * mi[q];
        }
    }
    for (size_t p = 0; p < dim; p++)
        for (size_t q = 0; q < p; q++)
            c[p * dim + q] = c[q * dim + p];
    rs_status st = symeig(dim, c, eval, evec);
    free(c);
    return st;
}

/* The Gram route (n <= dim): G = M M^T; direction = M^T u for its eigenvector u. */
static rs_status by_gram(size_t n, size_t dim, const double *m, double *eval, double *evec,
                         double *d1, double *d2)
{
    double *g = malloc(n * n * sizeof *g);
    if (!g)
        return RS_ENOMEM;
    for (size_t i = 0; i < n; i++) /* Gram: G_ij = m_i . m_j */
        for (size_t j = 0; j <= i; j++) {
            double s = 0.0;
            for (size_t p = 0; p < dim; p++)
                s += m[i * dim + p] * m[j * dim + p];
            g[i * n + j] = g[j * n + i] = s;
        }
    rs_status st = symeig(n, g, eval, evec);
    free(g);
    if (st != RS_OK)
        return st;
    memset(d1, 0, dim * sizeof *d1);
    memset(d2, 0, dim * sizeof *d2);
    for (size_t i = 0; i < n; i++) /* d = M^T u */
        for (size_t p = 0; p < dim; p++) {
            d1[p] += m[i * dim + p] * evec[i];
            d2[p] += m[i * dim + p] * evec[n + i];
        }
    return RS_OK;
}

rs_status pca_plane(size_t n, size_t dim, const double *x, double *d1, double *d2,
                    pca_result *res)
{
    if (n < 3 || dim < 2)
        return RS_EINVAL; /* after centring, fewer than 3 points span at most a line */
    size_t k = n <= dim ? n : dim;
    double *m = malloc(n * dim * sizeof *m), *eval = malloc(k * sizeof *eval),
           *evec = malloc(k * k * sizeof *evec);
    double norm[2] = {0.0, 0.0};
    int ex = 0;
    rs_status st = m && eval && evec ? RS_OK : RS_ENOMEM;
    if (st == RS_OK && !centre_points(n, dim, x, m, norm, &ex))
        st = RS_EINVAL;
    if (st == RS_OK && n <= dim)
        st = by_gram(n, dim, m, eval, evec, d1, d2);
    else if (st == RS_OK) {
        st = by_covariance(n, dim, m, eval, evec);
        if (st == RS_OK) {
            memcpy(d1, evec, dim * sizeof *d1);
            memcpy(d2, evec + dim, dim * sizeof *d2);
        }
    }
    if (st == RS_OK) {
        double trace = 0.0;
        for (size_t i = 0; i < k; i++)
            trace += eval[i];
        res->explained[0] = eval[0] / trace;
        res->explained[1] = eval[1] / trace;
        res->sigma[0] = sqrt(fmax(eval[0], 0.0));
        res->sigma[1] = sqrt(fmax(eval[1], 0.0));
        /* rank: sigma_2 above rounding noise relative to the points' size */
        if (!(res->sigma[1] / norm[0] > PCA_RANK_TOL * norm[1]) || !normalise(dim, d1) ||
            !normalise(dim, d2))
            st = RS_EINVAL;
        res->sigma[0] = scalbn(res->sigma[0], ex); /* the points' own scale */
        res->sigma[1] = scalbn(res->sigma[1], ex);
    }
    free(m);
    free(eval);
    free(evec);
    return st;
}

void pca_project(size_t n, size_t dim, const double *x, const double *centre, const double *d1,
                 const double *d2, double *alpha, double *beta)
{
    for (size_t i = 0; i < n; i++) {
        const double *xi = x + i * dim;
        double a = 0.0, b = 0.0;
        for (size_t p = 0; p < dim; p++) { /* projection: (x_i - c) . d */
            a += (xi[p] - centre[p]) * d1[p];
            b += (xi[p] - centre[p]) * d2[p];
        }
        alpha[i] = a;
        beta[i] = b;
    }
}
