/* test_mt19937: the Mersenne Twister against the C++ standard's required
 * value and against NumPy's legacy RandomState (values produced by NumPy
 * 1.24 and hard-coded here, so the test itself needs no Python). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mt19937.h"
#include "tap.h"

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static void check_raw(void)
{
    mt19937 g;
    mt19937_seed(&g, 5489u);
    uint32_t first = mt19937_next(&g);
    tap_ok(first == 3499211612u, "init_genrand(5489): first output 3499211612 (got %u)",
           (unsigned)first);
    uint32_t second = mt19937_next(&g), third = mt19937_next(&g);
    tap_ok(second == 581869302u && third == 3890346734u, "then 581869302, 3890346734");
    uint32_t v = 0;
    for (int i = 3; i < 10000; i++)
        v = mt19937_next(&g);
    /* [rand.predef]: the 10000th consecutive invocation of a
     * default-constructed std::mt19937 produces 4123659995. */
    tap_ok(v == 4123659995u, "init_genrand(5489): 10000th output 4123659995 (got %u)", (unsigned)v);

    /* Reseeding resets everything, including a cached normal. */
    mt19937_normal(&g);
    mt19937_seed(&g, 5489u);
    tap_ok(g.has_gauss == 0 && mt19937_next(&g) == 3499211612u,
           "reseeding restarts the stream and drops the cached normal");
}

static void check_numpy_random(void)
{
    mt19937 g;
    mt19937_seed(&g, 1u);
    double d = mt19937_double(&g);
    tap_ok(bits(d) == 0x3fdab07d0ffa3c06ULL,
           "seed(1): random() = 0.41702200470257400 exactly (got %.17g)", d);

    /* The tutorial's first data row: np.round(np.random.rand(10)) after seed(1). */
    static const int row[10] = {0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    int same = 1;
    mt19937_seed(&g, 1u);
    for (int i = 0; i < 10; i++)
        if ((int)round(mt19937_double(&g)) != row[i])
            same = 0;
    tap_ok(same, "seed(1): round(rand(10)) = 0 1 0 0 0 0 0 0 0 1");

    /* np.random.seed(0); np.random.random((2, 16)), row-major. */
    static const uint64_t r216[32] = {
        0x3fe18fe1565f12a8ULL, 0x3fe6e2d4cf608733ULL, 0x3fe349d66b6e894bULL, 0x3fe16faedb6395f5ULL,
        0x3fdb1d2904fd0ef6ULL, 0x3fe4ab2a21899b5bULL, 0x3fdc016dca6159d2ULL, 0x3fec8967883a12f7ULL,
        0x3feed65349173336ULL, 0x3fd88a4e4bd24216ULL, 0x3fe955cfbf3fa928ULL, 0x3fe0ecb509eb7f22ULL,
        0x3fe22d6bc992362dULL, 0x3fed9e7cd7582508ULL, 0x3fb22f6b4acbf308ULL, 0x3fb64e1b14bdd2f0ULL,
        0x3f94b421af2289e0ULL, 0x3feaa4d25fd4207bULL, 0x3fe8e6a8fc8fb81dULL, 0x3febd723b77af827ULL,
        0x3fef50d769e4f981ULL, 0x3fe992b4fb3421f2ULL, 0x3fdd88e0bc29f018ULL, 0x3fe8fa1852b72c32ULL,
        0x3fbe473b970f6c30ULL, 0x3fe47a3ba653fcffULL, 0x3fc25966889914a8ULL, 0x3fee3aba4f08d288ULL,
        0x3fe0b2fb406c730bULL, 0x3fda89d23bc9ef04ULL, 0x3fd0ee7aa97d9bceULL, 0x3fe8c685baf29aadULL,
    };
    same = 1;
    mt19937_seed(&g, 0u);
    for (int i = 0; i < 32; i++) {
        d = mt19937_double(&g);
        if (bits(d) != r216[i]) {
            tap_diag("random((2,16))[%d]: got %.17g (0x%016llx)", i, d,
                     (unsigned long long)bits(d));
            same = 0;
        }
    }
    tap_ok(same, "seed(0): random((2,16)) bit for bit (0.5488135039273248 .. 0.7742336894342167)");

    /* Across the first twist: draws 312 and 313 use state words 624 .. 627. */
    mt19937_seed(&g, 0u);
    double a311 = 0, a312 = 0, a999 = 0;
    for (int i = 0; i < 1000; i++) {
        d = mt19937_double(&g);
        if (i == 311)
            a311 = d;
        if (i == 312)
            a312 = d;
        if (i == 999)
            a999 = d;
    }
    tap_ok(bits(a311) == 0x3fc2cf25ce2031ccULL && bits(a312) == 0x3fb45b8f280519f0ULL,
           "seed(0): random(1000)[311], [312] across the twist = 0.14694664540037505, "
           "0.07952208258675575");
    tap_ok(bits(a999) == 0x3fe5ab23e79781c2ULL, "seed(0): random(1000)[999] = 0.6771411441114241");

    mt19937_seed(&g, 4294967295u);
    d = mt19937_double(&g);
    tap_ok(bits(d) == 0x3fb8fe69a3924820ULL, "seed(2^32-1): random() = 0.0976320289940138");
}

static void check_numpy_randint(void)
{
    mt19937 g;
    static const uint32_t want[10] = {44, 47, 117, 64, 67, 123, 67, 103, 9, 83};
    int same = 1;
    mt19937_seed(&g, 0u);
    for (int i = 0; i < 10; i++) {
        uint32_t v = mt19937_below(&g, 128);
        if (v != want[i]) {
            tap_diag("randint(128) #%d: got %u, want %u", i, (unsigned)v, (unsigned)want[i]);
            same = 0;
        }
    }
    tap_ok(same, "seed(0): randint(128) x10 = 44 47 117 64 67 123 67 103 9 83");

    /* randint(6) needs the mask 7 and rejects 6 and 7. */
    static const uint32_t six[10] = {4, 5, 0, 3, 3, 3, 1, 3, 5, 2};
    same = 1;
    mt19937_seed(&g, 0u);
    for (int i = 0; i < 10; i++)
        if (mt19937_below(&g, 6) != six[i])
            same = 0;
    /* then randint(2^31+1) x3, randint(1) x2 (draws nothing), randint(128) */
    static const uint32_t big[3] = {1879422756u, 1277901399u, 243580376u};
    for (int i = 0; i < 3; i++)
        if (mt19937_below(&g, 2147483649ULL) != big[i])
            same = 0;
    tap_ok(same, "seed(0): randint(6) x10 = 4 5 0 3 3 3 1 3 5 2, then randint(2^31+1) x3");
    uint32_t z1 = mt19937_below(&g, 1), z2 = mt19937_below(&g, 1);
    uint32_t next = mt19937_below(&g, 128);
    tap_ok(z1 == 0 && z2 == 0 && next == 88,
           "randint(1) is 0 and draws nothing (next randint(128) = 88, got %u)", (unsigned)next);

    /* randint(1000) rejects with mask 1023: 37 235 908 72 767 905 715 645 after seed(1). */
    static const uint32_t thousand[8] = {37, 235, 908, 72, 767, 905, 715, 645};
    same = 1;
    mt19937_seed(&g, 1u);
    for (int i = 0; i < 8; i++)
        if (mt19937_below(&g, 1000) != thousand[i])
            same = 0;
    tap_ok(same, "seed(1): randint(0, 1000, size=8) = 37 235 908 72 767 905 715 645");

    /* randint(2^32) takes whole words; randint(129) mask 255; randint(2^31) mask 2^31-1. */
    mt19937_seed(&g, 0u);
    uint32_t w0 = mt19937_below(&g, 4294967296ULL), w1 = mt19937_below(&g, 4294967296ULL),
             w2 = mt19937_below(&g, 4294967296ULL);
    uint32_t b129 = mt19937_below(&g, 129), b31 = mt19937_below(&g, 2147483648ULL);
    tap_ok(w0 == 2357136044u && w1 == 2546248239u && w2 == 3071714933u && b129 == 67 &&
               b31 == 1537364731u,
           "seed(0): randint(2^32) x3 = 2357136044 2546248239 3071714933, randint(129) = 67, "
           "randint(2^31) = 1537364731");
}

static void check_numpy_normal(void)
{
    /* log() comes from the C library, as in NumPy, so allow a few ulps. */
    mt19937 g;
    mt19937_seed(&g, 0u);
    double n0 = mt19937_normal(&g), n1 = mt19937_normal(&g), n2 = mt19937_normal(&g);
    tap_ok(tap_close(n0, 1.764052345967664, 1e-15, 0),
           "seed(0): standard_normal() = 1.764052345967664 (got %.17g)", n0);
    tap_ok(tap_close(n1, 0.4001572083672233, 1e-15, 0),
           "then 0.4001572083672233, the cached pair member (got %.17g)", n1);
    tap_ok(tap_close(n2, 0.9787379841057392, 1e-15, 0), "then 0.9787379841057392 (got %.17g)", n2);
    tap_diag("bitwise equal to NumPy on this libm: %s",
             bits(n0) == 0x3ffc398ef3e5cfa5ULL && bits(n1) == 0x3fd99c2cfacc8953ULL ? "yes" : "no");

    static const double five[5] = {1.764052345967664, 0.4001572083672233, 0.9787379841057392,
                                   2.240893199201458, 1.8675579901499675};
    int same = 1;
    mt19937_seed(&g, 0u);
    for (int i = 0; i < 5; i++)
        if (!tap_close(mt19937_normal(&g), five[i], 1e-15, 0))
            same = 0;
    tap_ok(same, "seed(0): standard_normal(5)");

    mt19937_seed(&g, 0u);
    double n = 0;
    for (int i = 0; i <= 1000; i++)
        n = mt19937_normal(&g);
    tap_ok(tap_close(n, 0.555962679709798, 1e-14, 0),
           "seed(0): standard_normal(1001)[1000] = 0.555962679709798 (got %.17g)", n);

    mt19937_seed(&g, 2u);
    n = mt19937_normal(&g);
    tap_ok(n < 0 && tap_close(n, -0.4167578474054706, 1e-15, 0),
           "seed(2): standard_normal() = -0.4167578474054706 (got %.17g)", n);
}

int main(void)
{
    (void)tap_plan;
    check_raw();
    check_numpy_random();
    check_numpy_randint();
    check_numpy_normal();
    return tap_done();
}
