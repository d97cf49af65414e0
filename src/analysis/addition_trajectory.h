/* addition_trajectory.h: a training run of the binary-addition RNN (its
 * checkpoints of every weight) seen in the plane of its two principal
 * directions (pca.h), for the landscape along the trajectory: the
 * directions, each checkpoint's coordinates about the centre w*, and the
 * mean loss at each checkpoint's own weights. */
#ifndef RNNSCAPE_ADDITION_TRAJECTORY_H
#define RNNSCAPE_ADDITION_TRAJECTORY_H

#include <stddef.h>

#include "addition.h"
#include "pca.h"
#include "status.h"

typedef struct {
    size_t n;
    double *alpha, *beta; /* (w_i - w*) . d1 and (w_i - w*) . d2 */
    double *loss;         /* mean E over the evaluation set at w_i */
    pca_result pca;       /* explained variance and singular values */
} addition_trajectory;

/* d1, d2 (nparams each) the principal directions of the n checkpoints
 * traj (n x nparams), and t their coordinates about centre and losses over
 * es. RS_EINVAL when the checkpoints do not span two directions (pca.h),
 * RS_ENOMEM. t is to be freed either way. */
rs_status addition_trajectory_plane(const addition_net *net, const double *centre, size_t n,
                                    const double *traj, const addition_evalset *es, double *d1,
                                    double *d2, addition_trajectory *t);
void addition_trajectory_free(addition_trajectory *t);
/* 1.25 times the largest |coordinate|: a half-width that shows the whole
 * trajectory (1 when every checkpoint sits at the centre). */
double addition_trajectory_reach(const addition_trajectory *t);

/* Bytes addition_trajectory_plane allocates for n checkpoints (besides
 * the checkpoints themselves): the centred copy and the small Gram or
 * covariance matrix of PCA with its eigenvectors, and one mean loss (a
 * trie and its scratch) per thread. */
double addition_trajectory_bytes(int bits, int hidden, double n, size_t threads);
/* Bytes of n checkpoints read into memory (iterations and weights, with
 * the reader's doubling growth). */
double addition_checkpoints_bytes(int hidden, double n);

#endif
