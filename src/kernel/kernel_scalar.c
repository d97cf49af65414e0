/* kernel_scalar.c: the portable fallback (one lane, plain C), compiled
 * everywhere. Same algorithms as the vector versions; a*b+c is never fused
 * here, so results may differ from the FMA instruction sets by an ulp or
 * two inside tanh and sigmoid (and not at all for linear and relu). */
#pragma GCC optimize("fp-contract=off")

#include <stdint.h>
#include <string.h>

#include "kernel_isa.h"

typedef double VT;
#define VL 1

static inline uint64_t ks_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}
static inline double ks_double(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

#define V_SET1(d) ((double)(d))
#define V_ZERO() 0.0
#define V_LOADU(p) (*(p))
#define V_STOREU(p, v) (*(p) = (v))
#define V_ADD(a, b) ((a) + (b))
#define V_SUB(a, b) ((a) - (b))
#define V_MUL(a, b) ((a) * (b))
#define V_DIV(a, b) ((a) / (b))
#define V_FMA(a, b, c) ((a) * (b) + (c))
#define V_FNMA(a, b, c) ((c) - (a) * (b))
#define V_AND(a, b) ks_double(ks_bits(a) & ks_bits(b))
#define V_OR(a, b) ks_double(ks_bits(a) | ks_bits(b))
#define V_XOR(a, b) ks_double(ks_bits(a) ^ ks_bits(b))
/* (c < x) ? c : x returns x when x is NaN, like x86 minpd(c, x) */
static inline double ks_minx(double x, double c) { return c < x ? c : x; }
static inline double ks_maxx(double x, double c) { return c > x ? c : x; }
#define V_MINX(x, c) ks_minx((x), (c))
#define V_MAXX(x, c) ks_maxx((x), (c))
#define V_POW2K(kb, bias) ks_double((ks_bits(kb) + (uint64_t)(bias)) << 52)

#define KERNEL_ISA scalar
#define KERNEL_NV_LIN 8
#define KERNEL_NV_NL 4

#include "vmath_simd.h"
#include "kernel_simd.h"
