#include "hessian_spectrum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "symeig.h"

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static void rademacher(rng *r, double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        v[i] = rng_below(r, 2) ? 1.0 : -1.0;
}

static rs_status apply_block(const spectrum_op *A, const double *v, size_t nv, double *av)
{
    if (A->apply_block)
        return A->apply_block(A->ctx, v, nv, av);
    rs_status st = RS_OK;
    for (size_t j = 0; st == RS_OK && j < nv; j++)
        st = A->apply(A->ctx, v + j * A->n, av + j * A->n);
    return st;
}

rs_status spectrum_lanczos(const spectrum_op *A, const double *q0, size_t m, double *alpha,
                           double *beta, size_t *steps)
{
    const size_t n = A->n;
    if (m > n)
        m = n;
    double *q = malloc((m + 1) * n * sizeof *q), *w = malloc(n * sizeof *w);
    rs_status st = q && w ? RS_OK : RS_ENOMEM;
    double nrm = st == RS_OK ? sqrt(dot(q0, q0, n)) : 0.0;
    if (st == RS_OK && !(nrm > 0.0))
        st = RS_EINVAL;
    size_t done = 0;
    double anorm = 0.0; /* a running estimate of ||A|| for the breakdown test */
    for (size_t i = 0; st == RS_OK && i < n; i++)
        q[i] = q0[i] / nrm;
    for (size_t j = 0; st == RS_OK && j < m; j++) {
        double *qj = q + j * n;
        if ((st = A->apply(A->ctx, qj, w)) != RS_OK)
            break;
        alpha[j] = dot(qj, w, n);
        /* full reorthogonalisation, twice (Gram-Schmidt against every q_i) */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i <= j; i++) {
                double c = dot(q + i * n, w, n);
                for (size_t t = 0; t < n; t++)
                    w[t] -= c * q[i * n + t];
            }
        done = j + 1;
        double b = sqrt(dot(w, w, n));
        anorm = fmax(anorm, fabs(alpha[j]) + b);
        if (j + 1 == m || !(b > 1e-13 * anorm)) /* the end, or an invariant subspace */
            break;
        beta[j] = b;
        for (size_t t = 0; t < n; t++)
            q[(j + 1) * n + t] = w[t] / b;
    }
    if (st == RS_OK)
        *steps = done;
    free(q);
    free(w);
    return st;
}

/* Eigenvalues (ascending, into alpha) and, optionally, the squared first
 * components of the eigenvectors (into tau2) of a Lanczos tridiagonal,
 * through the dense symmetric solver (symeig.h; m is small). */
static rs_status ritz(double *alpha, const double *beta, size_t m, double *tau2)
{
    double *a = calloc(m * m, sizeof *a), *ev = malloc(m * sizeof *ev);
    double *vec = tau2 ? malloc(m * m * sizeof *vec) : NULL;
    rs_status st = a && ev && (!tau2 || vec) ? RS_OK : RS_ENOMEM;
    for (size_t i = 0; st == RS_OK && i < m; i++) {
        a[i * m + i] = alpha[i];
        if (i + 1 < m)
            a[i * m + i + 1] = a[(i + 1) * m + i] = beta[i];
    }
    if (st == RS_OK)
        st = symeig(m, a, ev, vec);
    for (size_t i = 0; st == RS_OK && i < m; i++) { /* symeig is descending */
        alpha[i] = ev[m - 1 - i];
        if (tau2)
            tau2[i] = vec[(m - 1 - i) * m] * vec[(m - 1 - i) * m];
    }
    free(a);
    free(ev);
    free(vec);
    return st;
}

rs_status spectrum_extremes(const spectrum_op *A, size_t k, size_t m, uint64_t seed, double *lo,
                            double *hi)
{
    if (m > A->n)
        m = A->n;
    if (k > m)
        return RS_EINVAL;
    double *v = malloc(A->n * sizeof *v), *alpha = malloc(m * sizeof *alpha);
    double *beta = malloc(m * sizeof *beta);
    rs_status st = v && alpha && beta ? RS_OK : RS_ENOMEM;
    size_t steps = 0;
    if (st == RS_OK) {
        rng r;
        rng_seed(&r, RNG_PCG, seed);
        rademacher(&r, v, A->n);
        st = spectrum_lanczos(A, v, m, alpha, beta, &steps);
    }
    if (st == RS_OK && steps < k)
        st = RS_ERANGE;
    if (st == RS_OK)
        st = ritz(alpha, beta, steps, NULL);
    for (size_t i = 0; st == RS_OK && i < k; i++) {
        lo[i] = alpha[i];
        hi[i] = alpha[steps - 1 - i];
    }
    free(v);
    free(alpha);
    free(beta);
    return st;
}

#define PROBE_BLOCK 16

rs_status spectrum_hutchinson(const spectrum_op *A, size_t nv, uint64_t seed, double *estimate,
                              double *se)
{
    if (nv == 0)
        return RS_EINVAL;
    const size_t n = A->n;
    double *v = malloc(2 * PROBE_BLOCK * n * sizeof *v);
    if (!v)
        return RS_ENOMEM;
    double *av = v + PROBE_BLOCK * n;
    rng r;
    rng_seed(&r, RNG_PCG, seed);
    rs_status st = RS_OK;
    double mean = 0.0, m2 = 0.0; /* Welford's running mean and variance */
    for (size_t i0 = 0; st == RS_OK && i0 < nv; i0 += PROBE_BLOCK) {
        size_t nb = nv - i0 < PROBE_BLOCK ? nv - i0 : PROBE_BLOCK;
        for (size_t b = 0; b < nb; b++)
            rademacher(&r, v + b * n, n);
        st = apply_block(A, v, nb, av);
        for (size_t b = 0; st == RS_OK && b < nb; b++) {
            double x = dot(v + b * n, av + b * n, n), d = x - mean;
            mean += d / (double)(i0 + b + 1);
            m2 += d * (x - mean);
        }
    }
    if (st == RS_OK) {
        *estimate = mean;
        *se = nv > 1 ? sqrt(m2 / (double)(nv - 1) / (double)nv) : INFINITY;
    }
    free(v);
    return st;
}

/* nv Lanczos runs in lockstep, one block product per step: q (nv x
 * (m+1) x n) the bases, alpha and beta nv x m, steps[nv]. */
static rs_status lanczos_lockstep(const spectrum_op *A, size_t nv, size_t m, double *q,
                                  double *alpha, double *beta, size_t *steps)
{
    const size_t n = A->n;
    double *cur = malloc(2 * nv * n * sizeof *cur);
    if (!cur)
        return RS_ENOMEM;
    double *w = cur + nv * n, *anorm = calloc(nv, sizeof *anorm);
    int *live = malloc(nv * sizeof *live);
    rs_status st = anorm && live ? RS_OK : RS_ENOMEM;
    size_t nlive = nv;
    for (size_t r = 0; st == RS_OK && r < nv; r++)
        live[r] = 1, steps[r] = 0;
    for (size_t j = 0; st == RS_OK && j < m && nlive > 0; j++) {
        size_t c = 0;
        for (size_t r = 0; r < nv; r++)
            if (live[r])
                memcpy(cur + c++ * n, q + (r * (m + 1) + j) * n, n * sizeof *cur);
        if ((st = apply_block(A, cur, c, w)) != RS_OK)
            break;
        c = 0;
        for (size_t r = 0; r < nv; r++) {
            if (!live[r])
                continue;
            double *qr = q + r * (m + 1) * n, *wr = w + c++ * n;
            alpha[r * m + j] = dot(qr + j * n, wr, n);
            for (int pass = 0; pass < 2; pass++) /* full reorthogonalisation, twice */
                for (size_t i = 0; i <= j; i++) {
                    double d = dot(qr + i * n, wr, n);
                    for (size_t t = 0; t < n; t++)
                        wr[t] -= d * qr[i * n + t];
                }
            steps[r] = j + 1;
            double b = sqrt(dot(wr, wr, n));
            anorm[r] = fmax(anorm[r], fabs(alpha[r * m + j]) + b);
            if (j + 1 == m || !(b > 1e-13 * anorm[r])) { /* the end, or an invariant subspace */
                live[r] = 0;
                nlive--;
                continue;
            }
            beta[r * m + j] = b;
            for (size_t t = 0; t < n; t++)
                qr[(j + 1) * n + t] = wr[t] / b;
        }
    }
    free(cur);
    free(anorm);
    free(live);
    return st;
}

rs_status spectrum_slq(const spectrum_op *A, size_t nv, size_t m, uint64_t seed, double *nodes,
                       double *weights, size_t *count)
{
    const size_t n = A->n;
    if (m > n)
        m = n;
    *count = 0;
    double *q = malloc(nv * (m + 1) * n * sizeof *q), *alpha = malloc(nv * m * sizeof *alpha);
    double *beta = malloc(nv * m * sizeof *beta);
    size_t *steps = malloc(nv * sizeof *steps);
    rs_status st = q && alpha && beta && steps ? RS_OK : RS_ENOMEM;
    rng r;
    rng_seed(&r, RNG_PCG, seed);
    for (size_t i = 0; st == RS_OK && i < nv; i++) {
        double *q0 = q + i * (m + 1) * n;
        rademacher(&r, q0, n);
        for (size_t t = 0; t < n; t++)
            q0[t] /= sqrt((double)n);
    }
    if (st == RS_OK)
        st = lanczos_lockstep(A, nv, m, q, alpha, beta, steps);
    size_t c = 0;
    for (size_t i = 0; st == RS_OK && i < nv; i++) {
        memcpy(nodes + c, alpha + i * m, steps[i] * sizeof *nodes);
        st = ritz(nodes + c, beta + i * m, steps[i], weights + c);
        for (size_t j = 0; st == RS_OK && j < steps[i]; j++)
            weights[c + j] /= (double)nv;
        c += st == RS_OK ? steps[i] : 0;
    }
    *count = c;
    free(q);
    free(alpha);
    free(beta);
    free(steps);
    return st;
}

void spectrum_gauss_density(const double *points, const double *weights, size_t np, double sigma,
                            const double *x, size_t nx, double *out)
{
    const double norm = 1.0 / (sigma * sqrt(2.0 * M_PI));
    for (size_t i = 0; i < nx; i++) {
        double s = 0.0;
        for (size_t j = 0; j < np; j++) {
            double u = (x[i] - points[j]) / sigma;
            s += (weights ? weights[j] : 1.0 / (double)np) * exp(-0.5 * u * u);
        }
        out[i] = norm * s;
    }
}
