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
/* Grid coordinate i of n on [-range, range]; exactly 0 at the centre. */
double addition_grid_coord(double range, size_t n, size_t i);
/* loss[i * n + j] = mean E over es at w + a_i d1 + b_j d2, a_i, b_j grid
 * coordinates; parallel, identical for any number of threads. */
rs_status addition_landscape(const addition_net *net, const double *w, const double *d1,
                             const double *d2, double range, size_t n, const addition_evalset *es,
                             double *loss);

/* A prepared landscape: the evaluation set's trie built once, so the grid
 * can be computed block by block of rows (to show progress, or to split
 * the rows between processes) with the same values as one call. net, w,
 * d1 and d2 must outlive the plan. */
typedef struct addition_landscape_plan addition_landscape_plan;

rs_status addition_landscape_plan_new(const addition_net *net, const double *w, const double *d1,
                                      const double *d2, double range, size_t n,
                                      const addition_evalset *es, addition_landscape_plan **out);
void addition_landscape_plan_free(addition_landscape_plan *pl);
/* Rows [row_lo, row_hi) of the n x n grid (row i: alpha = a_i) into out,
 * (row_hi - row_lo) x n; OpenMP across the points of those rows. */
rs_status addition_landscape_rows(const addition_landscape_plan *pl, size_t row_lo, size_t row_hi,
                                  double *out);
/* The same grid by rows of constant beta, the order grid files are
 * written in (x = alpha, y = beta): out[(j - row_lo) * n + i] is the loss
 * at (alpha_i, beta_j), bit for bit what addition_landscape_rows gives
 * there. For splitting a file's rows across MPI ranks (gridjob.h). */
rs_status addition_landscape_beta_rows(const addition_landscape_plan *pl, size_t row_lo,
                                       size_t row_hi, double *out);

/* Called after each block of rows: rows [row_lo, row_hi) are in values
 * ((row_hi - row_lo) x n). A status other than RS_OK stops the run. */
typedef rs_status (*addition_landscape_block_fn)(void *ctx, size_t row_lo, size_t row_hi,
                                                 const double *values);
/* Rows [row_lo, row_hi) in blocks of block_rows rows into out (the whole
 * range, (row_hi - row_lo) x n); on_block (may be NULL) after each block. */
rs_status addition_landscape_run(const addition_landscape_plan *pl, size_t row_lo, size_t row_hi,
                                 size_t block_rows, double *out, addition_landscape_block_fn on_block,
                                 void *ctx);

/* ---- memory estimates (bytes, as doubles: a huge shape cannot wrap) --
 * What the computations below allocate at their peak, so a command can
 * refuse before it allocates (memory.h). Each is an upper bound of the
 * sizes the code computes, not a measurement. */

/* Sums in the evaluation set of `bits` bits (addition_evalset_init). */
double addition_evalset_pairs(int bits);
/* The evaluation set itself (two uint32 per sum). */
double addition_evalset_bytes(int bits);
/* The trie of `pairs` sums while it is built (the sorted keys) and after;
 * and one evaluation's scratch (addition_trie_work_new). */
double addition_trie_bytes(int bits, double pairs);
double addition_trie_work_bytes(int bits, int hidden);
/* addition_evaluate over `pairs` sums: its 64 blocks' batch buffers, at
 * most `threads` at a time (gradient flow, accuracy). */
double addition_evaluate_bytes(int bits, int hidden, size_t threads);
/* The landscape over the evaluation set: the set, the trie, one scratch
 * and one weight vector per thread, and `grid` x `grid` values (pass the
 * rows held at once if the grid is written block by block). */
double addition_landscape_bytes(int bits, int hidden, double grid_values, size_t threads);

#endif
