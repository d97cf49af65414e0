/* kernel.h: the brute-force loss-surface kernel of the two-parameter RNN
 *
 *     s_0 given (0 in the tutorial),  s_k = f(s_(k-1)*w_rec + x_k*w_x),  k = 1..T
 *     loss(w_x, w_rec) = (1/M) sum_i (t_i - s_iT)^2
 *
 * evaluated at every point of a grid, vectorised across grid points
 * (register-sized tiles of lanes), OpenMP across tiles, with the
 * instruction set chosen at run time (AVX-512F, AVX2+FMA, SSE2, portable
 * scalar C).
 *
 * Exactness. Every grid point is computed by one fixed sequence of
 * operations, whatever the tile, thread or number of threads, so the output
 * is bit-identical for any OMP_NUM_THREADS and with or without OpenMP:
 *   - the step is s*w_rec + x*w_x with two rounded products and a rounded
 *     sum (never fused), the error term is (t - s)^2 accumulated over the
 *     samples in order with a separate multiply and add, the loss is the sum
 *     divided by M. For linear and relu the result is therefore bit-identical
 *     to the plain scalar evaluation on every instruction set.
 *   - tanh and sigmoid are vmath's (vmath.h): within a few ulp of glibc, so a
 *     surface agrees with the libm evaluation to about 1e-14 relative. The
 *     AVX2 and AVX-512 tanh are bit-identical to each other; the AVX-512
 *     sigmoid reduces its exp with a table (vmath_simd.h) and differs from
 *     AVX2's by ulps, as SSE2 and scalar (no FMA) do.
 *
 * Overflow rule. A grid point whose sum of squared errors is not a finite
 * number gets +inf, never NaN: a state that overflows to +-inf gives an
 * infinite squared error; a NaN state (inf*0 or inf-inf after an overflow)
 * propagates to the end of its sequence (relu included: relu(NaN) is NaN
 * here) and the point is then reported as +inf. A relu state that goes to
 * -inf before the activation becomes 0, which is the correct limit. An
 * infinite value therefore means "the loss exceeds the largest double (or
 * the states exploded)", and a finite value is always the true evaluation.
 */
#ifndef RNNSCAPE_KERNEL_H
#define RNNSCAPE_KERNEL_H

#include <stddef.h>

#include "activation.h"
#include "status.h"

/* Loss surface by brute force. x: m x T inputs (row-major), t: m targets,
 * wx[nx], wrec[nrec]: the grid axes; out: nrec x nx, row-major (row j is
 * w_rec = wrec[j], column i is w_x = wx[i]). All inputs must be finite.
 * Returns RS_EINVAL for a NULL pointer, m = 0, an unknown activation or a
 * non-finite input (out untouched), RS_ERANGE if nx*nrec overflows size_t.
 * nx = 0 or nrec = 0 is a valid empty grid. T may be 0. */
rs_status kernel_surface_brute(const double *x, const double *t, size_t m, size_t T, activation f,
                               const double *wx, size_t nx, const double *wrec, size_t nrec,
                               double *out);
/* The same from the initial state s0 (finite; RS_EINVAL otherwise). */
rs_status kernel_surface_brute_s0(const double *x, const double *t, size_t m, size_t T,
                                  activation f, double s0, const double *wx, size_t nx,
                                  const double *wrec, size_t nrec, double *out);

/* Instruction sets, best first: "avx512" (AVX-512F), "avx2" (AVX2+FMA),
 * "sse2" (x86-64 baseline), "scalar" (portable C, any machine). By default
 * the best one the CPU supports is used; kernel_force_isa overrides that
 * (the command does so for the environment variable RNNSCAPE_ISA: the
 * library itself reads no environment). vmath uses the same choice. */

/* Forces an instruction set for kernel and vmath; NULL or "auto" returns
 * to the default. RS_EINVAL (nothing changed) for an unknown name or one
 * this CPU does not support. Not thread-safe: call it between runs. */
rs_status kernel_force_isa(const char *name);

/* Name of the instruction set in use now. */
const char *kernel_isa_name(void);

/* 1 if this build and CPU can run the named set, else 0. */
int kernel_isa_supported(const char *name);

/* The names this build knows, best first, NULL-terminated. */
extern const char *const kernel_isa_names[];

#endif
