/* curvature_isa.h: internal interface between curvature.c and the per-
 * instruction-set tiles (curvature_{avx512,avx2,generic}.c, all compiled
 * from curvature_simd.h). Not for other callers. */
#ifndef RNNSCAPE_CURVATURE_ISA_H
#define RNNSCAPE_CURVATURE_ISA_H

#include <stddef.h>

#define CURV_VL 8 /* doubles per vector of the tile's vector type */
#define CURV_NV 4 /* vectors per tile */
#define CURV_LANES (CURV_VL * CURV_NV)
#define CURV_SUMS 6 /* per lane: sum e^2, e a, e b, a a + e aa, a b + e ab, b b + e bb */

typedef struct {
    const double *x, *t; /* m x T inputs, m targets */
    size_t m, T;
    int f; /* activation */
    double s0, wrec;
    const double *lane_wx; /* CURV_LANES weights w_x (padded) */
    double *sums;          /* CURV_SUMS x CURV_LANES; NaN marks a lane whose states became NaN */
    /* the kernel's vectorised tanh or sigmoid for this instruction set */
    void (*act)(const double *x, double *y, size_t n);
} curv_tile_job;

void curv_tile_generic(const curv_tile_job *job);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CURV_HAVE_X86 1
void curv_tile_avx2(const curv_tile_job *job);
void curv_tile_avx512(const curv_tile_job *job);
#endif

#endif
