/* test_vmath: vmath_tanh and vmath_sigmoid against glibc over the whole
 * double range, on every instruction set this machine supports: +-0,
 * subnormals, tiny, the range-reduction switch points (k*ln2/2 for tanh,
 * k*ln2 for sigmoid), the clamps, large, huge, +-inf, NaN, and a
 * log-uniform random sweep of every binade; plus odd array lengths and
 * in-place use. Error is counted in ulps of the glibc value. */
#pragma GCC optimize("fp-contract=off")

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "kernel.h"
#include "vmath.h"

#define MAX_ULP 4.0

static double ref_sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

static int64_t ordered(double d)
{
    int64_t i;
    memcpy(&i, &d, sizeof i);
    return i < 0 ? INT64_MIN - i : i;
}

/* distance in ulps; 0 for two NaNs; huge for NaN vs number or a wrong
 * zero sign */
static double ulps(double got, double ref)
{
    if (isnan(got) || isnan(ref))
        return isnan(got) && isnan(ref) ? 0.0 : INFINITY;
    if (got == 0.0 && ref == 0.0)
        return signbit(got) == signbit(ref) ? 0.0 : INFINITY;
    int64_t a = ordered(got), b = ordered(ref);
    return a > b ? (double)((uint64_t)a - (uint64_t)b) : (double)((uint64_t)b - (uint64_t)a);
}

static uint64_t rs = 0x9e3779b97f4a7c15ULL;
static uint64_t next64(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return rs;
}

static size_t build_inputs(double *v, size_t cap)
{
    size_t n = 0;
#define ADD(d)                                                                                     \
    do {                                                                                           \
        if (n < cap)                                                                               \
            v[n++] = (d);                                                                          \
    } while (0)
    const double special[] = {0.0,
                              -0.0,
                              4.9406564584124654e-324,
                              2.2250738585072009e-308,
                              2.2250738585072014e-308,
                              1e-300,
                              1e-200,
                              1e-100,
                              1e-20,
                              1.4901161193847656e-08,
                              1e-8,
                              1e-5,
                              1e-3,
                              0.1,
                              0.25,
                              0.5,
                              1.0,
                              2.0,
                              5.0,
                              10.0,
                              19.0,
                              19.06,
                              19.07,
                              19.1,
                              20.0,
                              20.5,
                              22.0,
                              36.0,
                              37.0,
                              37.5,
                              40.0,
                              41.0,
                              100.0,
                              700.0,
                              708.39,
                              708.4,
                              709.0,
                              709.78,
                              709.782712893384,
                              709.7827128933841,
                              709.79,
                              710.0,
                              710.5,
                              745.0,
                              746.0,
                              800.0,
                              1e10,
                              1e100,
                              1e300,
                              DBL_MAX,
                              INFINITY,
                              NAN};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
        ADD(special[i]);
        ADD(-special[i]);
        ADD(nextafter(special[i], INFINITY));
        ADD(nextafter(special[i], 0.0));
    }
    /* subnormals */
    for (int i = 0; i < 200; i++) {
        double d = (double)(next64() >> 12) * 0x1p-1074 * 0x1p-52 * 0x1p52;
        d = ldexp((double)(next64() >> 12), -1074 - 52 + (int)(next64() % 53));
        ADD(d);
        ADD(-d);
    }
    /* switch points of the range reduction, and neighbours */
    for (int k = -1100; k <= 1100; k++) {
        double p1 = (k + 0.5) * M_LN2, p2 = p1 / 2;
        const double pts[2] = {p1, p2};
        for (int j = 0; j < 2; j++) {
            double d = pts[j];
            ADD(d);
            ADD(nextafter(d, INFINITY));
            ADD(nextafter(d, -INFINITY));
        }
    }
    /* every binade, random mantissas, both signs */
    for (int e = -1074; e <= 1023; e++)
        for (int r = 0; r < 24; r++) {
            double d = ldexp(1.0 + (double)(next64() >> 11) * 0x1p-53, e);
            if (isfinite(d))
                ADD((next64() & 1) ? d : -d);
        }
    /* dense where the functions curve */
    for (int i = 0; i < 200000; i++)
        ADD(-45.0 + 90.0 * (double)(next64() >> 11) * 0x1p-53);
    for (int i = 0; i < 20000; i++)
        ADD(-750.0 + 1500.0 * (double)(next64() >> 11) * 0x1p-53);
#undef ADD
    return n;
}

static void sweep(const char *isa, const char *name, void (*fn)(const double *, double *, size_t),
                  double (*ref)(double), const double *in, double *out, size_t n)
{
    fn(in, out, n);
    double worst = 0.0;
    size_t at = 0, nan_bad = 0;
    for (size_t i = 0; i < n; i++) {
        double u = ulps(out[i], ref(in[i]));
        if (isnan(out[i]) != isnan(in[i]))
            nan_bad++;
        if (u > worst) {
            worst = u;
            at = i;
        }
    }
    if (!tap_ok(worst <= MAX_ULP && nan_bad == 0, "%s %s: %zu inputs, worst %.0f ulp", isa, name, n,
                worst))
        tap_diag("at x = %.17g: got %.17g, libm %.17g", in[at], out[at], ref(in[at]));
}

int main(void)
{
    size_t cap = 400000;
    double *in = malloc(cap * sizeof *in), *out = malloc(cap * sizeof *out);
    double *first_t = malloc(cap * sizeof *in), *first_s = malloc(cap * sizeof *in);
    size_t n = build_inputs(in, cap);
    int have_first = 0;
    for (const char *const *isa = kernel_isa_names; *isa; isa++) {
        if (!kernel_isa_supported(*isa)) {
            tap_diag("%s not supported by this CPU: not tested", *isa);
            continue;
        }
        kernel_force_isa(*isa);
        sweep(*isa, "tanh", vmath_tanh, tanh, in, out, n);
        /* exact corners */
        double c[6] = {0.0, -0.0, INFINITY, -INFINITY, 4.9406564584124654e-324, -1e-300}, o[6];
        vmath_tanh(c, o, 6);
        tap_ok(o[0] == 0 && !signbit(o[0]) && o[1] == 0 && signbit(o[1]) && o[2] == 1.0 &&
                   o[3] == -1.0 && o[4] == c[4] && o[5] == c[5],
               "%s tanh: +-0 keep their sign, +-inf -> +-1, tiny x -> x", *isa);
        if (!have_first)
            memcpy(first_t, out, n * sizeof *out);
        else if (strcmp(*isa, "avx2") == 0)
            tap_ok(memcmp(first_t, out, n * sizeof *out) == 0, "avx2 tanh bit-identical to avx512");
        sweep(*isa, "sigmoid", vmath_sigmoid, ref_sigmoid, in, out, n);
        vmath_sigmoid(c, o, 4);
        tap_ok(o[0] == 0.5 && o[1] == 0.5 && o[2] == 1.0 && o[3] == 0.0,
               "%s sigmoid: +-0 -> 0.5, +inf -> 1, -inf -> 0", *isa);
        if (!have_first)
            memcpy(first_s, out, n * sizeof *out);
        else if (strcmp(*isa, "avx2") == 0) {
            /* AVX-512 reduces exp by ln2/16 with a table, AVX2 by ln2:
             * the two differ by rounding only */
            double worst = 0.0;
            for (size_t i = 0; i < n; i++)
                if (!isnan(out[i]) && ulps(out[i], first_s[i]) > worst)
                    worst = ulps(out[i], first_s[i]);
            tap_ok(worst <= 4, "avx2 sigmoid within 4 ulp of avx512 (worst %.0f)", worst);
        }
        have_first = 1;
        /* every short length, in place, against the whole-array result */
        int ok = 1;
        for (size_t len = 0; len <= 19; len++) {
            double buf[19];
            memcpy(buf, in + 1000, len * sizeof *buf);
            vmath_tanh(buf, buf, len);
            for (size_t i = 0; i < len; i++)
                ok &= ulps(buf[i], tanh(in[1000 + i])) <= MAX_ULP;
        }
        tap_ok(ok, "%s: lengths 0..19 in place", *isa);
    }
    kernel_force_isa(NULL);
    free(in);
    free(out);
    free(first_t);
    free(first_s);
    return tap_done();
}
