/* kernel_avx2.c: 256-bit AVX2 with FMA, chosen at run time. The whole
 * file is compiled for avx2+fma by the target pragma, so no special
 * compiler flags are needed; kernel.c calls it only when the CPU has both. */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

#ifdef KERNEL_HAVE_X86
#include <immintrin.h>
#pragma GCC target("avx2,fma")

typedef __m256d VT;
#define VL 4

#define V_SET1(d) _mm256_set1_pd(d)
#define V_ZERO() _mm256_setzero_pd()
#define V_LOADU(p) _mm256_loadu_pd(p)
#define V_STOREU(p, v) _mm256_storeu_pd((p), (v))
#define V_ADD _mm256_add_pd
#define V_SUB _mm256_sub_pd
#define V_MUL _mm256_mul_pd
#define V_DIV _mm256_div_pd
#define V_FMA _mm256_fmadd_pd
#define V_FNMA _mm256_fnmadd_pd
#define V_AND _mm256_and_pd
#define V_OR _mm256_or_pd
#define V_XOR _mm256_xor_pd
#define V_MINX(x, c) _mm256_min_pd((c), (x))
#define V_MAXX(x, c) _mm256_max_pd((c), (x))
#define V_POW2K(kb, bias)                                                                          \
    _mm256_castsi256_pd(_mm256_slli_epi64(                                                         \
        _mm256_add_epi64(_mm256_castpd_si256(kb), _mm256_set1_epi64x(bias)), 52))

#define KERNEL_ISA avx2
#ifndef KERNEL_NV_LIN
#define KERNEL_NV_LIN 12
#endif
#ifndef KERNEL_NV_NL
#define KERNEL_NV_NL 6
#endif

#include "vmath_simd.h"
#include "kernel_simd.h"
#endif
