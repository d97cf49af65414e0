/* kernel_isa.h: internal interface between the dispatcher (kernel.c,
 * vmath.c) and the per-instruction-set translation units. Not installed,
 * not for callers outside the kernel and vmath modules. */
#ifndef RNNSCAPE_KERNEL_ISA_H
#define RNNSCAPE_KERNEL_ISA_H

#include <stddef.h>

#include "activation.h"

/* The most vectors any ISA puts in one tile, and so the most lanes:
 * KERNEL_NV_MAX * 8 doubles. */
#define KERNEL_NV_MAX 16
#define KERNEL_TILE_MAX (KERNEL_NV_MAX * 8)

typedef struct {
    const double *x; /* m x T inputs, row-major */
    const double *t; /* m targets */
    size_t m, T;
    int f;                /* activation */
    int colmode;          /* 1: lanes differ in w_rec; 0: lanes differ in w_x */
    double fixed;         /* the shared weight: w_x (colmode) or w_rec */
    const double *lane_w; /* tile_lanes(f) lane weights (padded) */
    double *lane_out;     /* tile_lanes(f) results: acc/M, NaN not yet mapped */
    double s0;            /* the initial state S_0 */
} kernel_tile_job;

typedef struct {
    const char *name;
    void (*tile)(const kernel_tile_job *job);
    size_t (*tile_lanes)(activation f);
    void (*tanh)(const double *x, double *y, size_t n);
    void (*sigmoid)(const double *x, double *y, size_t n);
} kernel_isa_ops;

/* The instruction set in use (forced or best supported); never NULL. */
const kernel_isa_ops *kernel_isa_current(void);

#define KERNEL_DECLARE_ISA(s)                                                                      \
    void kernel_tile_##s(const kernel_tile_job *job);                                              \
    size_t kernel_tile_lanes_##s(activation f);                                                    \
    void vmath_tanh_##s(const double *x, double *y, size_t n);                                     \
    void vmath_sigmoid_##s(const double *x, double *y, size_t n);

KERNEL_DECLARE_ISA(scalar)
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KERNEL_HAVE_X86 1
KERNEL_DECLARE_ISA(sse2)
KERNEL_DECLARE_ISA(avx2)
KERNEL_DECLARE_ISA(avx512)
#endif

#endif
