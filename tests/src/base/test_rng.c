/* test_rng: the rng wrapper dispatches to the generator it was seeded
 * with, and gives the same draws as calling that generator directly. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "rng.h"
#include "status.h"
#include "tap.h"

int main(void)
{
    (void)tap_plan;
    (void)tap_diag;
    rng r;
    pcg32 p;
    mt19937 m;

    /* PCG: seed s means pcg32_seed(s, 54), i.e. the reference demo stream for 42. */
    tap_ok(rng_seed(&r, RNG_PCG, 42) == RS_OK && r.kind == RNG_PCG, "rng_seed(pcg, 42) ok");
    pcg32_seed(&p, 42u, 54u);
    int same = 1;
    for (int i = 0; i < 100; i++) {
        if (rng_double(&r) != pcg32_double(&p))
            same = 0;
        if (rng_below(&r, 1000u + (uint32_t)i) != pcg32_below(&p, 1000u + (uint32_t)i))
            same = 0;
    }
    tap_ok(same, "pcg: rng_double and rng_below equal pcg32_double and pcg32_below on stream 54");
    rng_seed(&r, RNG_PCG, 42);
    tap_ok(rng_below(&r, 0xffffffffu) == 0xa15c02b7u,
           "pcg seed 42: first draw is the demo's 0xa15c02b7");
    rng_seed(&r, RNG_PCG, 42);
    double expect = ((0xa15c02b7u >> 5) * 67108864.0 + (0x7b47f409u >> 6)) / 9007199254740992.0;
    tap_ok(rng_double(&r) == expect, "pcg seed 42: rng_double uses the demo's first two outputs");

    /* A 64-bit PCG seed is used whole. */
    tap_ok(rng_seed(&r, RNG_PCG, UINT64_MAX) == RS_OK, "pcg accepts a seed of 2^64-1");
    pcg32_seed(&p, UINT64_MAX, 54u);
    tap_ok(rng_below(&r, 0xffffffffu) == pcg32_below(&p, 0xffffffffu),
           "pcg seed 2^64-1 matches the direct call");

    /* NumPy: seed s means init_genrand(s). */
    tap_ok(rng_seed(&r, RNG_NUMPY, 1) == RS_OK && r.kind == RNG_NUMPY, "rng_seed(numpy, 1) ok");
    double d = rng_double(&r);
    tap_ok(d == 0.417022004702574, "numpy seed 1: rng_double = 0.417022004702574 (got %.17g)", d);
    rng_seed(&r, RNG_NUMPY, 0);
    mt19937_seed(&m, 0u);
    same = 1;
    for (int i = 0; i < 700; i++) { /* past a twist */
        if (rng_double(&r) != mt19937_double(&m))
            same = 0;
        if (rng_below(&r, 128) != mt19937_below(&m, 128))
            same = 0;
        if (rng_normal(&r) != mt19937_normal(&m))
            same = 0;
    }
    tap_ok(same, "numpy: rng_double, rng_below, rng_normal equal the mt19937 calls (700 rounds)");
    rng_seed(&r, RNG_NUMPY, 0);
    uint32_t v = rng_below(&r, 128);
    tap_ok(v == 44, "numpy seed 0: rng_below(128) = 44 (got %u)", (unsigned)v);
    rng_seed(&r, RNG_NUMPY, 0);
    tap_ok(tap_close(rng_normal(&r), 1.764052345967664, 1e-15, 0),
           "numpy seed 0: rng_normal = 1.764052345967664");

    /* NumPy's seed range is [0, 2^32 - 1]. */
    tap_ok(rng_seed(&r, RNG_NUMPY, 4294967295ULL) == RS_OK, "numpy seed 2^32-1 accepted");
    tap_ok(rng_double(&r) == 0.0976320289940138,
           "numpy seed 2^32-1: random() = 0.0976320289940138");
    tap_ok(rng_seed(&r, RNG_NUMPY, 4294967296ULL) == RS_ERANGE, "numpy seed 2^32 is RS_ERANGE");
    tap_ok(rng_seed(&r, RNG_NUMPY, UINT64_MAX) == RS_ERANGE, "numpy seed 2^64-1 is RS_ERANGE");
    rng_seed(&r, RNG_PCG, 42);
    rng_seed(&r, RNG_NUMPY, 4294967296ULL);
    tap_ok(r.kind == RNG_PCG && rng_below(&r, 0xffffffffu) == 0xa15c02b7u,
           "a rejected seed leaves the generator as it was");

    /* PCG normals: finite, roughly standard. */
    rng_seed(&r, RNG_PCG, 7);
    double sum = 0, sum2 = 0;
    int finite = 1;
    const int n = 100000;
    for (int i = 0; i < n; i++) {
        double x = rng_normal(&r);
        if (!isfinite(x))
            finite = 0;
        sum += x;
        sum2 += x * x;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    tap_ok(finite && fabs(mean) < 0.015 && fabs(var - 1) < 0.02,
           "pcg rng_normal: mean %.4f, variance %.4f", mean, var);

    /* Different kinds with the same seed give different streams. */
    rng a, b;
    rng_seed(&a, RNG_PCG, 5);
    rng_seed(&b, RNG_NUMPY, 5);
    tap_ok(rng_double(&a) != rng_double(&b), "pcg and numpy streams differ for the same seed");

    tap_ok(rng_below(&a, 0) == 0 && rng_below(&b, 0) == 0, "rng_below(0) returns 0 for both kinds");

    tap_ok(strcmp(rng_kind_name(RNG_PCG), "pcg") == 0 &&
               strcmp(rng_kind_name(RNG_NUMPY), "numpy") == 0,
           "rng_kind_name: pcg, numpy");
    return tap_done();
}
