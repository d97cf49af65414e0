/* addition_avx512.c: the addition model's kernels (addition_simd.h) for
 * 512-bit AVX-512F, chosen at run time; the target pragma compiles the file
 * for avx512f without special compiler flags. A tile row is one vector of
 * 8 columns, so a tile holds 12 rows. gemm and expand give the same bits as
 * AVX2 (the same fused terms in the same order); rowdot sums 8 partial
 * sums, not 4, so its results differ from AVX2's by rounding. */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

#ifdef KERNEL_HAVE_X86
#include <immintrin.h>
#pragma GCC target("avx512f")

typedef __m512d AT;
#define AL 8
#define A_ZERO() _mm512_setzero_pd()
#define A_LOADU(p) _mm512_loadu_pd(p)
#define A_STOREU(p, v) _mm512_storeu_pd((p), (v))
#define A_BCAST(p) _mm512_set1_pd(*(p))
#define A_ADD _mm512_add_pd
#define A_MADD(a, b, c) _mm512_fmadd_pd((a), (b), (c))
/* each vector's lane sum: halves, then quarters, then pairs (a fixed order) */
#define A_HSUM4(s0, s1, s2, s3, z)                                                                 \
    do {                                                                                           \
        (z)[0] = _mm512_reduce_add_pd(s0);                                                         \
        (z)[1] = _mm512_reduce_add_pd(s1);                                                         \
        (z)[2] = _mm512_reduce_add_pd(s2);                                                         \
        (z)[3] = _mm512_reduce_add_pd(s3);                                                         \
    } while (0)
#define ADDITION_ISA avx512
#define ADDITION_MR 12

#include "addition_simd.h"
#endif
