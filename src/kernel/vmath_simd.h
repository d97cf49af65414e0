/* vmath_simd.h: in-register tanh, sigmoid and exp, written once over a
 * small vector vocabulary and compiled once per instruction set.
 *
 * NOT a normal header: each per-ISA translation unit (src/kernel_avx512.c,
 * src/kernel_avx2.c, src/kernel_sse2.c, src/kernel_scalar.c) defines the
 * vocabulary below and then includes this file (and kernel_simd.h):
 *
 *   VT               the vector type, VL lanes of double
 *   V_SET1(d) V_ZERO() V_LOADU(p) V_STOREU(p, v)
 *   V_ADD V_SUB V_MUL V_DIV        IEEE operations, lane by lane
 *   V_FMA(a, b, c)                 a*b + c (fused where the ISA has FMA)
 *   V_FNMA(a, b, c)                c - a*b (fused where the ISA has FMA)
 *   V_AND V_OR V_XOR               bitwise
 *   V_MINX(x, c), V_MAXX(x, c)     min/max against a constant c that
 *                                  return x itself when x is NaN
 *   V_POW2K(kb, bias)              the double whose bits are
 *                                  (bits(kb) + bias) << 52, kb being the
 *                                  "round to integer with 1.5*2^52" sum
 *   optional, where a permute reads a 16-entry table from two registers:
 *   V_TABLE16(tab, kb)             tab[bits(kb) mod 16] in every lane
 *   V_POW2K16(kb, bias)            as V_POW2K with bits(kb) >> 4
 *
 * Algorithms (no gathers, no branches; one 16-entry table where V_TABLE16 exists):
 *   expm1 core: y = k*ln2 + r, |r| <= ln2/2 (Cody-Waite split, k found with
 *   the 1.5*2^52 rounding trick), expm1(r) = r + r^2*q(r) with q a degree-9
 *   minimax polynomial (relative error 2.9e-17); exp(y) = 2^k*(1 + expm1(r)), expm1(y) =
 * 2^k*expm1(r) + (2^k-1). tanh(x)    = sign(x) * e/(e + 2) with e = expm1(2|x|), |x| clamped to 20
 *                (beyond 19.07 tanh rounds to 1). Tiny and subnormal x come
 *                out exactly x; -0 stays -0; NaN propagates; +-inf -> +-1.
 *   sigmoid(z) = 1/(1 + exp(-z)) with -z clamped to [-40, 710] (where
 *                V_TABLE16 exists, exp reduces by ln2/16 with a table of
 *                2^(j/16) and a shorter polynomial: vm_exp_table16): above 709.78
 *                exp overflows to inf and the result is 0, as with libm;
 *                below -37 exp(-z) < 2^-54 and the result is 1.
 * Measured error against glibc (tests/src/test_vmath.c sweeps the whole
 * double range): within a few ulp.
 */

#define VM_LN2_HI 6.93147180369123816490e-01 /* 0x3fe62e42fee00000: k*hi exact */
#define VM_LN2_LO 1.90821492927058770002e-10
#define VM_INV_LN2 1.44269504088896338700e+00
#define VM_SHIFTER 6755399441055744.0 /* 1.5 * 2^52 */

/* r -> expm1(r) for |r| <= ln2/2 (plus a little slack): r + r^2*q(r) with
 * q of degree 9, the minimax fit (Remez, weighted for the relative error
 * of expm1; computed in 80-bit arithmetic, then rounded) of
 * (expm1(r) - r)/r^2: relative error 2.9e-17 with these double
 * coefficients, two terms fewer than the Taylor series needs. Evaluated by
 * Estrin's scheme (pairs, then r^2, r^4, r^8) so that its latency is 5
 * operations, not 10: the kernel's dependency chain runs through here at
 * every timestep. */
static inline VT vm_expm1_poly(VT r)
{
    const VT r2 = V_MUL(r, r);
    const VT r4 = V_MUL(r2, r2);
    const VT r8 = V_MUL(r4, r4);
    VT p0 = V_FMA(r, V_SET1(0.16666666666666696), V_SET1(0.5000000000000007));
    VT p1 = V_FMA(r, V_SET1(0.008333333333293157), V_SET1(0.04166666666656208));
    VT p2 = V_FMA(r, V_SET1(0.0001984126998703074), V_SET1(0.0013888888936290124));
    VT p3 = V_FMA(r, V_SET1(2.7557116887251705e-06), V_SET1(2.4801499617598532e-05));
    VT p4 = V_FMA(r, V_SET1(2.516132191519025e-08), V_SET1(2.762828482159731e-07));
    VT q01 = V_FMA(r2, p1, p0);
    VT q23 = V_FMA(r2, p3, p2);
    VT q03 = V_FMA(r4, q23, q01);
    VT q = V_FMA(r8, p4, q03);
    return V_FMA(r2, q, r);
}

/* Splits y (finite, |y| <= 2^10 * ln2 + slack) into k and r; returns r and
 * the rounding sum kb from which V_POW2K builds 2^(k + bias - 1023). */
static inline VT vm_reduce(VT y, VT *kb)
{
    VT b = V_FMA(y, V_SET1(VM_INV_LN2), V_SET1(VM_SHIFTER));
    VT kd = V_SUB(b, V_SET1(VM_SHIFTER));
    VT r = V_FNMA(kd, V_SET1(VM_LN2_HI), y);
    r = V_FNMA(kd, V_SET1(VM_LN2_LO), r);
    *kb = b;
    return r;
}

static inline VT vm_tanh(VT x)
{
    const VT signbit = V_SET1(-0.0);
    VT sign = V_AND(x, signbit);
    VT a = V_XOR(x, sign);       /* |x| */
    a = V_MINX(a, V_SET1(20.0)); /* NaN stays NaN */
    VT y = V_ADD(a, a);
    VT kb;
    VT r = vm_reduce(y, &kb);
    VT p = vm_expm1_poly(r);
    VT t = V_POW2K(kb, 1023); /* 2^k, 0 <= k <= 58 */
    VT e = V_FMA(t, p, V_SUB(t, V_SET1(1.0)));
    VT th = V_DIV(e, V_ADD(e, V_SET1(2.0)));
    return V_OR(th, sign);
}

#ifdef V_TABLE16
/* 2 * 2^(j/16), j = 0..15, each rounded to the nearest double (from
 * 50-digit decimal arithmetic): the table of vm_exp_table16, held in two
 * vectors of 8 and read with one permute, so no gathers. */
static const double vm_exp2_16ths[16] = {
    2.0, 2.0885475648548275, 2.1810154653305154, 2.277577269513383,
    2.378414230005442, 2.483715624146968, 2.5936791093020193, 2.7085110938737853,
    2.8284271247461903, 2.9536522918789987, 3.0844216508158815, 3.2209806638985086,
    3.363585661014858, 3.512504320746599, 3.668016172818685, 3.830413122794295};

/* exp(v) for v in [-40, 710], with table-driven reduction: v = (16m + j)
 * ln2/16 + r, |r| <= ln2/32, exp(v) = 2^(m-1) * (2 * 2^(j/16)) * e^r, with
 * e^r - 1 the Taylor polynomial of degree 7 (its remainder r^8/8! is below
 * 1.2e-18 here). Four multiply-adds fewer than vm_expm1_poly's wider
 * reduction needs; the scale 2^(m-1), m <= 1024, makes exp overflow to inf
 * exactly where exp() does. */
static inline VT vm_exp_table16(VT v)
{
    VT kb = V_FMA(v, V_SET1(16.0 * VM_INV_LN2), V_SET1(VM_SHIFTER));
    VT kd = V_SUB(kb, V_SET1(VM_SHIFTER));
    VT r = V_FNMA(kd, V_SET1(VM_LN2_HI / 16.0), v);
    r = V_FNMA(kd, V_SET1(VM_LN2_LO / 16.0), r);
    const VT r2 = V_MUL(r, r), r4 = V_MUL(r2, r2);
    VT p0 = V_FMA(r, V_SET1(1.0 / 6.0), V_SET1(0.5));
    VT p1 = V_FMA(r, V_SET1(1.0 / 120.0), V_SET1(1.0 / 24.0));
    VT p2 = V_FMA(r, V_SET1(1.0 / 5040.0), V_SET1(1.0 / 720.0));
    VT q = V_FMA(r4, p2, V_FMA(r2, p1, p0));
    VT p = V_FMA(r2, q, r); /* e^r - 1 */
    VT t = V_TABLE16(vm_exp2_16ths, kb);
    return V_MUL(V_FMA(t, p, t), V_POW2K16(kb, 1022));
}

static inline VT vm_sigmoid(VT z)
{
    VT v = V_XOR(z, V_SET1(-0.0)); /* -z */
    v = V_MAXX(v, V_SET1(-40.0));
    v = V_MINX(v, V_SET1(710.0));
    return V_DIV(V_SET1(1.0), V_ADD(V_SET1(1.0), vm_exp_table16(v)));
}
#else
static inline VT vm_sigmoid(VT z)
{
    VT v = V_XOR(z, V_SET1(-0.0)); /* -z */
    v = V_MAXX(v, V_SET1(-40.0));
    v = V_MINX(v, V_SET1(710.0));
    VT kb;
    VT r = vm_reduce(v, &kb);
    VT p = vm_expm1_poly(r);
    /* 2^k * (1 + p) with k <= 1024: scale by 2^(k-1), then by 2, so that
     * k = 1024 overflows to inf exactly as exp() does. */
    VT t = V_POW2K(kb, 1022);
    VT e = V_MUL(V_MUL(t, V_ADD(V_SET1(1.0), p)), V_SET1(2.0));
    return V_DIV(V_SET1(1.0), V_ADD(V_SET1(1.0), e));
}
#endif
