/* pca.h: the first two principal directions of n points in dim dimensions
 * (a training trajectory: one checkpoint of every weight per point) and
 * the points' coordinates in that plane, for the landscape along the
 * trajectory (Li et al. 2018). The small one of the Gram matrix M M^T
 * (n x n) and the covariance M^T M (dim x dim) of the centred points M is
 * diagonalised, so the cost is O(n dim k + k^3) with k = min(n, dim):
 * linear in the number of checkpoints once they outnumber the weights. */
#ifndef RNNSCAPE_PCA_H
#define RNNSCAPE_PCA_H

#include <stddef.h>

#include "status.h"

/* A second singular value at most this times the points' root-sum-square
 * norm means the points span fewer than two directions: what is left is
 * rounding noise (identical or collinear checkpoints). The eigenvalues
 * (variances) carry rounding errors of about 1e-16 times the largest, so
 * singular values below about 1e-8 of the largest are indistinguishable
 * from zero; 1e-6 leaves a margin. */
#define PCA_RANK_TOL 1e-6

typedef struct {
    double explained[2]; /* each direction's share of the total variance */
    double sigma[2];     /* the centred points' two largest singular values */
} pca_result;

/* d1, d2 (dim each): orthogonal unit vectors along the two largest
 * principal axes of the points x (n x dim, row-major) about their mean;
 * signs chosen so each one's largest entry is positive. RS_EINVAL when
 * the points do not span two directions (see PCA_RANK_TOL) or a value is
 * not finite; RS_ENOMEM. */
rs_status pca_plane(size_t n, size_t dim, const double *x, double *d1, double *d2,
                    pca_result *res);

/* Coordinates of each point relative to centre: alpha[i] = (x_i - c).d1,
 * beta[i] = (x_i - c).d2. */
void pca_project(size_t n, size_t dim, const double *x, const double *centre, const double *d1,
                 const double *d2, double *alpha, double *beta);

#endif
