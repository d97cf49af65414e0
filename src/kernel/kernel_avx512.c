/* kernel_avx512.c: 512-bit AVX-512F, chosen at run time. The whole file is
 * compiled for avx512f by the target pragma (no special compiler flags);
 * kernel.c calls it only when the CPU has AVX-512F. Bitwise operations go
 * through the integer forms so that AVX512DQ is not required. */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

#ifdef KERNEL_HAVE_X86
#include <immintrin.h>
#pragma GCC target("avx512f")

typedef __m512d VT;
#define VL 8

#define V_SET1(d) _mm512_set1_pd(d)
#define V_ZERO() _mm512_setzero_pd()
#define V_LOADU(p) _mm512_loadu_pd(p)
#define V_STOREU(p, v) _mm512_storeu_pd((p), (v))
#define V_ADD _mm512_add_pd
#define V_SUB _mm512_sub_pd
#define V_MUL _mm512_mul_pd
#define V_DIV _mm512_div_pd
#define V_FMA _mm512_fmadd_pd
#define V_FNMA _mm512_fnmadd_pd
#define KV_BITOP(op, a, b) _mm512_castsi512_pd(op(_mm512_castpd_si512(a), _mm512_castpd_si512(b)))
#define V_AND(a, b) KV_BITOP(_mm512_and_si512, a, b)
#define V_OR(a, b) KV_BITOP(_mm512_or_si512, a, b)
#define V_XOR(a, b) KV_BITOP(_mm512_xor_si512, a, b)
#define V_MINX(x, c) _mm512_min_pd((c), (x))
#define V_MAXX(x, c) _mm512_max_pd((c), (x))
#define V_POW2K(kb, bias)                                                                          \
    _mm512_castsi512_pd(                                                                           \
        _mm512_slli_epi64(_mm512_add_epi64(_mm512_castpd_si512(kb), _mm512_set1_epi64(bias)), 52))

/* bits(kb) mod 16 picks the entry: permutex2var reads an index's low 4 bits */
#define V_TABLE16(tab, kb)                                                                         \
    _mm512_permutex2var_pd(_mm512_loadu_pd(tab), _mm512_castpd_si512(kb), _mm512_loadu_pd((tab) + 8))
/* bits(kb) = 0x4338000000000000 + k, a multiple of 16 plus k: >> 4 gives floor(k/16) */
#define V_POW2K16(kb, bias)                                                                        \
    _mm512_castsi512_pd(_mm512_slli_epi64(                                                         \
        _mm512_add_epi64(_mm512_srli_epi64(_mm512_castpd_si512(kb), 4), _mm512_set1_epi64(bias)), 52))

#define KERNEL_ISA avx512
#ifndef KERNEL_NV_LIN
#define KERNEL_NV_LIN 12
#endif
#ifndef KERNEL_NV_NL
#define KERNEL_NV_NL 8
#endif

#include "vmath_simd.h"
#include "kernel_simd.h"
#endif
