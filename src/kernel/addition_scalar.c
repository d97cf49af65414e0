/* addition_scalar.c: the addition model's kernels (addition_simd.h) in
 * portable C, one lane; a*b + c is never fused, so gemm gives exactly the
 * scalar loop's roundings. */
#pragma GCC optimize("fp-contract=off")

#include "kernel_isa.h"

typedef double AT;
#define AL 1
#define A_ZERO() 0.0
#define A_LOADU(p) (*(p))
#define A_STOREU(p, v) (*(p) = (v))
#define A_BCAST(p) (*(p))
#define A_ADD(a, b) ((a) + (b))
#define A_MADD(a, b, c) ((a) * (b) + (c))
#define A_HSUM4(s0, s1, s2, s3, z)                                                                 \
    do {                                                                                           \
        (z)[0] = (s0);                                                                             \
        (z)[1] = (s1);                                                                             \
        (z)[2] = (s2);                                                                             \
        (z)[3] = (s3);                                                                             \
    } while (0)
#define ADDITION_ISA scalar
#define ADDITION_MR 2

#include "addition_simd.h"
