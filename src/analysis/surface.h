/* surface.h: the loss of the two-parameter RNN over a grid of (w_x, w_rec).
 * The linear model has an exact separable method (the loss is a quadratic
 * in w_x on each row of constant w_rec); any activation has brute force. */
#ifndef RNNSCAPE_SURFACE_H
#define RNNSCAPE_SURFACE_H

#include <stddef.h>

#include "activation.h"
#include "dataset.h"
#include "status.h"

typedef enum { SURFACE_EXACT = 0, SURFACE_BRUTE } surface_method;

extern const char *const surface_method_names[]; /* "exact", "brute", NULL */

/* out is nrec x nx row-major: out[j*nx + i] is the loss at (wx[i], wrec[j]).
 * Overflowing points are +inf. RS_EINVAL for the exact method with a
 * nonlinear activation. */
rs_status surface_compute(const dataset *ds, activation f, surface_method method, const double *wx,
                          size_t nx, const double *wrec, size_t nrec, double *out);

/* A prepared computation: the data laid out once (for the exact method,
 * transposed and padded), so a large grid can be computed block by block
 * of rows without repeating that work. */
typedef struct surface_plan surface_plan;

/* RS_EINVAL for the exact method with a nonlinear activation. */
rs_status surface_plan_new(const dataset *ds, activation f, surface_method method,
                           surface_plan **out);
/* The same from the initial state s0 (finite): the loss of
 * s_k = f(s_(k-1)*w_rec + x_k*w_x) with s_0 = s0. Exact method: S_T =
 * w_x P_i(w_rec) + s0 w_rec^T. At the edges of the double range (P_i or
 * s0 w_rec^T not finite, P_i underflowing) the exact method rescales the
 * polynomials by powers of two, so it is finite wherever the loss is. */
rs_status surface_plan_new_s0(const dataset *ds, activation f, double s0, surface_method method,
                              surface_plan **out);
/* Rows wrec[0..nrec) of the grid, into out (nrec x nx). */
rs_status surface_plan_rows(const surface_plan *pl, const double *wx, size_t nx, const double *wrec,
                            size_t nrec, double *out);
void surface_plan_free(surface_plan *pl);

/* Rows per block for an nx-point row, for a driver that computes a big
 * grid block by block of rows (src/io/gridjob.h): about 2^18 values
 * (2 MB), so a block stays in cache between computing and writing, and at
 * least 8 rows (a few per thread); never more than nrec. */
size_t surface_block_rows(size_t nx, size_t nrec);

#endif
