/* addition_avx2.c: the addition model's kernels (addition_simd.h) for
 * 256-bit AVX2 with FMA, chosen at run time; the target pragma compiles the
 * file for avx2+fma without special compiler flags. */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

#ifdef KERNEL_HAVE_X86
#include <immintrin.h>
#pragma GCC target("avx2,fma")

typedef __m256d AT;
#define AL 4
#define A_ZERO() _mm256_setzero_pd()
#define A_LOADU(p) _mm256_loadu_pd(p)
#define A_STOREU(p, v) _mm256_storeu_pd((p), (v))
#define A_BCAST(p) _mm256_broadcast_sd(p)
#define A_ADD _mm256_add_pd
#define A_MADD(a, b, c) _mm256_fmadd_pd((a), (b), (c))
/* (s0 s1 s2 s3) -> their lane sums: pairs by hadd, then the two halves */
#define A_HSUM4(s0, s1, s2, s3, z)                                                                 \
    do {                                                                                           \
        __m256d h01 = _mm256_hadd_pd((s0), (s1)), h23 = _mm256_hadd_pd((s2), (s3));                \
        __m256d lo = _mm256_permute2f128_pd(h01, h23, 0x20);                                       \
        __m256d hi = _mm256_permute2f128_pd(h01, h23, 0x31);                                       \
        _mm256_storeu_pd((z), _mm256_add_pd(lo, hi));                                              \
    } while (0)
#define ADDITION_ISA avx2
#define ADDITION_MR 6

#include "addition_simd.h"
#endif
