/* addition_kernel_isa.h: the per-instruction-set entry points behind
 * addition_kernel.h, defined by addition_simd.h in addition_{avx512,avx2,sse2,
 * scalar}.c. Internal to src/kernel. */
#ifndef RNNSCAPE_ADDITION_KERNEL_ISA_H
#define RNNSCAPE_ADDITION_KERNEL_ISA_H

#include <stddef.h>
#include <stdint.h>

#include "kernel_isa.h"

#define ADDITION_DECLARE_ISA(s)                                                                    \
    void addition_gemm_##s(size_t rows, size_t hp, const double *a, const double *b, double *c);   \
    void addition_expand_##s(size_t rows, size_t hp, const double *a, const double *b,             \
                             const uint32_t *ch, const unsigned char *xin, const double *in,       \
                             double *pre);                                                         \
    void addition_rowdot_##s(size_t rows, size_t hp, const double *a, const double *v, double *z);

ADDITION_DECLARE_ISA(scalar)
#ifdef KERNEL_HAVE_X86
ADDITION_DECLARE_ISA(sse2)
ADDITION_DECLARE_ISA(avx2)
ADDITION_DECLARE_ISA(avx512)
#endif

#endif
