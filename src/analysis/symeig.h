/* symeig.h: every eigenvalue and eigenvector of a real symmetric matrix:
 * Householder reduction to tridiagonal form, then implicit QR steps with
 * Wilkinson shifts (Golub & Van Loan, Matrix Computations, 8.3), about
 * 9 m^3 flops for an m x m matrix with vectors. Single-threaded, so the
 * result is the same for any number of threads. */
#ifndef RNNSCAPE_SYMEIG_H
#define RNNSCAPE_SYMEIG_H

#include <stddef.h>

#include "status.h"

/* a: m x m symmetric, row-major (destroyed). eval (m) receives the
 * eigenvalues in decreasing order; evec (m x m, or NULL for values only)
 * the unit eigenvectors as rows, evec[i*m ..] belonging to eval[i].
 * RS_EINVAL for a value that is not finite, RS_ERANGE if the iteration
 * did not converge (it always has in practice), RS_ENOMEM. */
rs_status symeig(size_t m, double *a, double *eval, double *evec);

#endif
