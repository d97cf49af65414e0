/* addition_curvature.h: the curvature of the binary-addition model's loss
 * over a plane through weights w*: at every point w* + alpha d1 + beta d2
 * the exact dense Hessian of the mean loss over a set of sums
 * (addition_hessian.h) and its extreme eigenvalues, for Li et al.'s (2018)
 * map of lambda_min/lambda_max. */
#ifndef RNNSCAPE_ADDITION_CURVATURE_H
#define RNNSCAPE_ADDITION_CURVATURE_H

#include <stddef.h>
#include <stdint.h>

#include "addition.h"
#include "status.h"

enum { ADDC_LOSS = 0, ADDC_LAMBDA_MIN, ADDC_LAMBDA_MAX, ADDC_RATIO, ADDC_CHANNELS };
extern const char *const addition_curvature_names[]; /* "loss", "lambda_min", ... */

/* out[(j*n + i)*ADDC_CHANNELS + c] at (alpha_i, beta_j), the coordinates
 * of addition_grid_coord(range, n, .) (x = alpha fastest). The ratio
 * follows curvature.h's rules (0 when both are 0; -inf when lambda_max is
 * 0 > lambda_min). Each point's Hessian is threaded inside, so the map is
 * identical for any number of threads. */
rs_status addition_curvature_plane(const addition_net *net, const double *w, const double *d1,
                                   const double *d2, double range, size_t n, size_t nsums,
                                   const uint32_t *a, const uint32_t *b, double *out);
/* Rows [j0, j1) of that grid (beta_j), into out ((j1 - j0) x n x channels),
 * the same values: for splitting the rows across MPI ranks (gridjob.h). */
rs_status addition_curvature_rows(const addition_net *net, const double *w, const double *d1,
                                  const double *d2, double range, size_t n, size_t j0, size_t j1,
                                  size_t nsums, const uint32_t *a, const uint32_t *b, double *out);

/* Bytes a map over nsums sums allocates at its peak (one point at a
 * time: its passes, products, dense Hessian and eigensolver), besides
 * `row_values` output values held at once. */
double addition_curvature_bytes(int bits, int hidden, double nsums, double row_values,
                                size_t threads);

#endif
