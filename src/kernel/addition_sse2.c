/* addition_sse2.c: the addition model's kernels (addition_simd.h) for the
 * x86-64 baseline, 128-bit SSE2 without FMA. */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

#ifdef KERNEL_HAVE_X86
#include <emmintrin.h>

typedef __m128d AT;
#define AL 2
#define A_ZERO() _mm_setzero_pd()
#define A_LOADU(p) _mm_loadu_pd(p)
#define A_STOREU(p, v) _mm_storeu_pd((p), (v))
#define A_BCAST(p) _mm_load1_pd(p)
#define A_ADD _mm_add_pd
#define A_MADD(a, b, c) _mm_add_pd(_mm_mul_pd((a), (b)), (c))
#define A_HSUM4(s0, s1, s2, s3, z)                                                                 \
    do {                                                                                           \
        _mm_storeu_pd((z), _mm_add_pd(_mm_unpacklo_pd((s0), (s1)), _mm_unpackhi_pd((s0), (s1))));  \
        _mm_storeu_pd((z) + 2,                                                                     \
                      _mm_add_pd(_mm_unpacklo_pd((s2), (s3)), _mm_unpackhi_pd((s2), (s3))));       \
    } while (0)
#define ADDITION_ISA sse2
#define ADDITION_MR 2

#include "addition_simd.h"
#endif
