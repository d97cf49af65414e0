/* addition_landscape.h: the binary-addition model's loss on a plane through
 * trained weights w*: w* + alpha d1 + beta d2, with random filter-normalised
 * directions (Li et al. 2018) or the trajectory's two principal directions. */
#ifndef RNNSCAPE_ADDITION_LANDSCAPE_H
#define RNNSCAPE_ADDITION_LANDSCAPE_H

#include <stddef.h>

#include "addition.h"
#include "rng.h"
#include "status.h"

/* Rescales d neuron by neuron to the norms of w: a neuron's block is its
 * incoming weights (hidden unit j: W0[.][j] and Wh[.][j]; the output unit:
 * all of W1). A block of d that is all zero stays zero. */
void addition_filter_normalize(const addition_net *net, const double *w, double *d);
/* d1, then d2, each entry a standard normal draw, then filter-normalised. */
void addition_random_directions(const addition_net *net, const double *w, rng *r, double *d1,
                                double *d2);
/* The first two principal directions (unit, orthogonal) of the n points
 * traj (n x nparams, row-major) after subtracting their mean; explained
 * gets each one's share of the total variance. Signs: the largest entry
 * of each direction is positive. RS_EINVAL when the points span < 2 dims. */
rs_status addition_pca_directions(const addition_net *net, size_t n, const double *traj, double *d1,
                                  double *d2, double explained[2]);
/* Grid coordinate i of n on [-range, range]; exactly 0 at the centre. */
double addition_grid_coord(double range, size_t n, size_t i);
/* loss[i * n + j] = mean E over es at w + a_i d1 + b_j d2, a_i, b_j grid
 * coordinates; parallel, identical for any number of threads. */
rs_status addition_landscape(const addition_net *net, const double *w, const double *d1,
                             const double *d2, double range, size_t n, const addition_evalset *es,
                             double *loss);

#endif
