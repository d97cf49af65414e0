/* hessian_spectrum.h: spectra of a symmetric operator known only through
 * products v -> A v (a Hessian from Hessian-vector products): Lanczos
 * with full reorthogonalisation (extreme eigenvalues), Hutchinson's trace
 * estimator, and stochastic Lanczos quadrature for the eigenvalue density
 * (Ubaru, Chen & Saad 2017; the method of PyHessian). Random probe vectors
 * are Rademacher (+-1) from PCG32 with the given seed, so a seed fixes the
 * result. */
#ifndef RNNSCAPE_HESSIAN_SPECTRUM_H
#define RNNSCAPE_HESSIAN_SPECTRUM_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* A symmetric linear operator of dimension n. */
typedef struct {
    size_t n;
    rs_status (*apply)(void *ctx, const double *v, double *av);
    /* optional: av[j*n ..] = A v[j*n ..] for nv vectors at once (faster
     * where products share work); NULL: apply one by one */
    rs_status (*apply_block)(void *ctx, const double *v, size_t nv, double *av);
    void *ctx;
} spectrum_op;

/* m Lanczos steps (m <= n) from q0 (normalised here): the tridiagonal
 * alpha[0..steps), beta[0..steps-1) (beta[i] couples i and i+1). *steps < m
 * after an invariant subspace is found. */
rs_status spectrum_lanczos(const spectrum_op *A, const double *q0, size_t m, double *alpha,
                           double *beta, size_t *steps);

/* The k smallest (lo, ascending) and k largest (hi, descending)
 * eigenvalues, as Ritz values of m Lanczos steps from a random start. */
rs_status spectrum_extremes(const spectrum_op *A, size_t k, size_t m, uint64_t seed, double *lo,
                            double *hi);

/* Hutchinson: tr A ~ (1/nv) sum v^T A v over nv Rademacher v; *se is the
 * standard error of that mean (sample deviation / sqrt(nv)). */
rs_status spectrum_hutchinson(const spectrum_op *A, size_t nv, uint64_t seed, double *estimate,
                              double *se);

/* SLQ: for each of nv Rademacher vectors, m Lanczos steps (the nv runs in
 * lockstep, so each step is one block product); the Ritz values
 * are nodes and the squared first components of their eigenvectors the
 * weights, each vector's weights summing to 1/nv. nodes and weights have
 * room for nv*m; *count gets the number written. */
rs_status spectrum_slq(const spectrum_op *A, size_t nv, size_t m, uint64_t seed, double *nodes,
                       double *weights, size_t *count);

/* A density from weighted points smoothed by a Gaussian of width sigma,
 * evaluated at x[0..nx): out[i] = sum_j w_j N(x_i; p_j, sigma^2); weights
 * NULL means 1/np each (the density of a list of eigenvalues). */
void spectrum_gauss_density(const double *points, const double *weights, size_t np, double sigma,
                            const double *x, size_t nx, double *out);

#endif
