/* kernel_sse2.c: the x86-64 baseline (128-bit SSE2, no FMA). */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

#ifdef KERNEL_HAVE_X86
#include <emmintrin.h>

typedef __m128d VT;
#define VL 2

#define V_SET1(d) _mm_set1_pd(d)
#define V_ZERO() _mm_setzero_pd()
#define V_LOADU(p) _mm_loadu_pd(p)
#define V_STOREU(p, v) _mm_storeu_pd((p), (v))
#define V_ADD _mm_add_pd
#define V_SUB _mm_sub_pd
#define V_MUL _mm_mul_pd
#define V_DIV _mm_div_pd
#define V_FMA(a, b, c) _mm_add_pd(_mm_mul_pd((a), (b)), (c))
#define V_FNMA(a, b, c) _mm_sub_pd((c), _mm_mul_pd((a), (b)))
#define V_AND _mm_and_pd
#define V_OR _mm_or_pd
#define V_XOR _mm_xor_pd
#define V_MINX(x, c) _mm_min_pd((c), (x))
#define V_MAXX(x, c) _mm_max_pd((c), (x))
#define V_POW2K(kb, bias)                                                                          \
    _mm_castsi128_pd(_mm_slli_epi64(_mm_add_epi64(_mm_castpd_si128(kb), _mm_set1_epi64x(bias)), 52))

#define KERNEL_ISA sse2
#define KERNEL_NV_LIN 8
#define KERNEL_NV_NL 4

#include "vmath_simd.h"
#include "kernel_simd.h"
#endif
