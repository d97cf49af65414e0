/* test_pcg32: the PCG32 generator against the published output of the
 * reference pcg32-demo (pcg-c-basic, seed 42, stream 54), plus the
 * properties the rest of rnnscape relies on. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcg32.h"
#include "tap.h"

/* Five rounds of pcg32-demo: six 32-bit outputs, 65 coin flips
 * (boundedrand 2, H for 1), 33 die rolls (boundedrand 6, plus 1) and a
 * Fisher-Yates deal of 52 cards (boundedrand i for i = 52 .. 2). */
static const struct {
    uint32_t u32[6];
    const char *coins, *rolls, *cards;
} demo[5] = {
    {{0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e},
     "HHTTTHTHHHTHTTTHHHHHTTTHHHTHTHTHTTHTTTHHHHHHTTTTHHTTTTTHTTTTTTTHT",
     "3 4 1 1 2 2 3 2 4 3 2 4 3 3 5 2 3 1 3 1 5 1 4 1 5 6 4 6 6 2 6 3 3",
     "Qd Ks 6d 3s 3d 4c 3h Td Kc 5c Jh Kd Jd As 4s 4h Ad Th Ac Jc 7s Qs "
     "2s 7h Kh 2d 6c Ah 4d Qh 9h 6s 5s 2c 9c Ts 8d 9s 3c 8c Js 5d 2h 6h "
     "7d 8s 9d 5h 8h Qc 7c Tc"},
    {{0x74ab93ad, 0x1c1da000, 0x494ff896, 0x34462f2f, 0xd308a3e5, 0x0fa83bab},
     "HHHHHHHHHHTHHHTHTHTHTHTTTTHHTTTHHTHHTHTTHHTTTHHHHHHTHTTHTHTTTTTTT",
     "5 1 1 3 3 2 4 5 3 2 2 6 4 3 2 4 2 4 3 2 3 6 3 2 3 4 2 4 1 1 5 4 4",
     "7d 2s 7h Td 8s 3c 3d Js 2d Tc 4h Qs 5c 9c Th 2c Jc Qd 9d Qc 7s 3s "
     "5s 6h 4d Jh 4c Ac 4s 5h 5d Kc 8h 8d Jd 9s Ad 6s 6c Kd 2h 3h Kh Ts "
     "Qh 9h 6d As 7c Ks Ah 8c"},
    {{0x39af5f9f, 0x04196b18, 0xc3c3eb28, 0xc076c60c, 0xc693e135, 0xf8f63932},
     "HTTHHTTTTTHTTHHHTHTTHHTTHTHHTHTHTTTTHHTTTHHTHHTTHTTHHHTHHHTHTTTHT",
     "5 1 5 3 2 2 4 5 3 3 1 3 4 6 3 2 3 4 2 2 3 1 5 2 4 6 6 4 2 4 3 3 6",
     "Kd Jh Kc Qh 4d Qc 4h 9d 3c Kh Qs 8h 5c Jd 7d 8d 3h 7c 8s 3s 2h Ks "
     "9c 9h 2c 8c Ad 7s 4s 2s 5h 6s 4c Ah 7h 5s Ac 3d 5d Qd As Tc 6h 9s "
     "2d 6c 6d Td Jc Ts Th Js"},
    {{0x55ce6851, 0x97a7726d, 0x17e10815, 0x58007d43, 0x962fb148, 0xb9bb55bd},
     "HHTHHTTTTHTHHHHHTTHHHTTTHHTHTHTHTHHTTHTHHHHHHTHHTHHTHHTTTTHHTHHTT",
     "6 6 3 2 3 4 2 6 4 2 6 3 2 3 5 5 3 4 4 6 6 2 6 5 4 4 6 1 6 1 3 6 5",
     "Qd 8h 5d 8s 8d Ts 7h Th Qs Js 7s Kc 6h 5s 4d Ac Jd 7d 7c Td 2c 6s "
     "5h 6d 3s Kd 9s Jh Kh As Ah 9h 3c Qh 9c 2d Tc 9d 2s 3d Ks 4h Qc Ad "
     "Jc 8c 2h 3h 4s 4c 5c 6c"},
    {{0xfcef7cd6, 0x1b488b5a, 0xd0daf7ea, 0x1d9a70f7, 0x241a37cf, 0x9a3857b7},
     "HHHHTHHTTHTTHHHTTTHHTHTHTTTTHTTHTHTTTHHHTHTHTTHTTHTHHTHTHHHTHTHTT",
     "5 4 1 2 6 1 3 1 5 6 3 6 2 1 4 4 5 2 1 5 6 5 6 4 4 4 5 2 6 4 3 5 6",
     "4d 9s Qc 9h As Qs 7s 4c Kd 6h 6s 2c 8c 5d 7h 5h Jc 3s 7c Jh Js Ks "
     "Tc Jd Kc Th 3h Ts Qh Ad Td 3c Ah 2d 3d 5c Ac 8s 5s 9c 2h 6c 6d Kh "
     "Qd 8d 7d 2s 8h 4h 9d 4s"},
};

static void check_demo(void)
{
    pcg32 g;
    pcg32_seed(&g, 42u, 54u);
    for (int round = 0; round < 5; round++) {
        int same = 1;
        for (int i = 0; i < 6; i++) {
            uint32_t v = pcg32_next(&g);
            if (v != demo[round].u32[i]) {
                tap_diag("round %d output %d: got 0x%08x, want 0x%08x", round + 1, i, (unsigned)v,
                         (unsigned)demo[round].u32[i]);
                same = 0;
            }
        }
        tap_ok(same, "pcg32-demo round %d: six 32-bit outputs", round + 1);

        char coins[66];
        for (int i = 0; i < 65; i++)
            coins[i] = pcg32_below(&g, 2) ? 'H' : 'T';
        coins[65] = '\0';
        if (!tap_ok(strcmp(coins, demo[round].coins) == 0, "pcg32-demo round %d: coins", round + 1))
            tap_diag("got %s", coins);

        char rolls[128] = "";
        size_t n = 0;
        for (int i = 0; i < 33; i++)
            n += (size_t)snprintf(rolls + n, sizeof rolls - n, "%s%d", i ? " " : "",
                                  (int)pcg32_below(&g, 6) + 1);
        if (!tap_ok(strcmp(rolls, demo[round].rolls) == 0, "pcg32-demo round %d: rolls", round + 1))
            tap_diag("got %s", rolls);

        int cards[52];
        for (int i = 0; i < 52; i++)
            cards[i] = i;
        for (uint32_t i = 52; i > 1; i--) {
            uint32_t chosen = pcg32_below(&g, i);
            int c = cards[chosen];
            cards[chosen] = cards[i - 1];
            cards[i - 1] = c;
        }
        char deal[200] = "";
        n = 0;
        for (int i = 0; i < 52; i++)
            n += (size_t)snprintf(deal + n, sizeof deal - n, "%s%c%c", i ? " " : "",
                                  "A23456789TJQK"[cards[i] / 4], "hcds"[cards[i] % 4]);
        if (!tap_ok(strcmp(deal, demo[round].cards) == 0, "pcg32-demo round %d: cards", round + 1))
            tap_diag("got %s", deal);
    }
}

/* pcg32_below: in range, rejects exactly the low 2^32 mod bound values. */
static void check_below(void)
{
    pcg32 g, h;
    int in_range = 1;
    pcg32_seed(&g, 7u, 1u);
    static const uint32_t bounds[] = {1,  2,    3,           6,           7,
                                      10, 1000, 0x80000000u, 0x80000001u, 0xffffffffu};
    for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++)
        for (int i = 0; i < 2000; i++)
            if (pcg32_below(&g, bounds[b]) >= bounds[b])
                in_range = 0;
    tap_ok(in_range, "pcg32_below stays in [0, bound) for bounds 1 .. 2^32-1");

    /* Against a transcription of the reference rule on the same stream:
     * threshold = 2^32 mod bound, retry below it, return r mod bound. */
    int same = 1;
    uint32_t bound = 0xc0000000u; /* threshold 2^30: a quarter rejected */
    pcg32_seed(&g, 3u, 9u);
    pcg32_seed(&h, 3u, 9u);
    long rejected = 0;
    for (int i = 0; i < 20000; i++) {
        uint32_t r;
        while ((r = pcg32_next(&h)) < 0x40000000u)
            rejected++;
        if (pcg32_below(&g, bound) != r % bound)
            same = 0;
    }
    tap_ok(same, "pcg32_below(3*2^30) follows the reference rejection rule");
    tap_ok(rejected > 5000 && rejected < 8400, "the rejection actually happens (%ld of ~6667)",
           rejected);

    /* Unbiased: with bound 3*2^30, plain r % bound would make residues
     * below 2^30 twice as likely; compare the two halves of the range. */
    pcg32_seed(&g, 11u, 5u);
    long low = 0, total = 200000;
    for (long i = 0; i < total; i++)
        if (pcg32_below(&g, bound) < 0x60000000u)
            low++;
    /* Unbiased: p = 1/2, sd = 224; biased modulo would give p = 2/3. */
    tap_ok(labs(low - total / 2) < 1500,
           "pcg32_below(3*2^30) is unbiased (%ld of %ld in the lower half)", low, total);

    /* Small bound: chi-square over 6 faces. */
    pcg32_seed(&g, 42u, 54u);
    long count[6] = {0};
    for (long i = 0; i < 60000; i++)
        count[pcg32_below(&g, 6)]++;
    double chi2 = 0;
    for (int i = 0; i < 6; i++)
        chi2 += (count[i] - 10000.0) * (count[i] - 10000.0) / 10000.0;
    tap_ok(chi2 < 20.5, "pcg32_below(6) uniform: chi-square %.2f < 20.5 (5 dof, p = 0.001)", chi2);

    pcg32_seed(&g, 1u, 1u);
    h = g;
    tap_ok(pcg32_below(&g, 1) == 0 && pcg32_below(&g, 0) == 0, "pcg32_below(1) and (0) return 0");
    pcg32_next(&h);
    tap_ok(g.state == h.state, "pcg32_below(1) draws once, pcg32_below(0) draws nothing");
}

static void check_double(void)
{
    pcg32 g, h;
    pcg32_seed(&g, 42u, 54u);
    h = g;
    double d = pcg32_double(&g);
    /* Two draws: a = 0xa15c02b7 >> 5, b = 0x7b47f409 >> 6. */
    double want = ((0xa15c02b7u >> 5) * 67108864.0 + (0x7b47f409u >> 6)) / 9007199254740992.0;
    tap_ok(d == want, "pcg32_double(42, 54) = (a*2^26 + b)/2^53 = %.17g", d);
    pcg32_next(&h);
    pcg32_next(&h);
    tap_ok(g.state == h.state, "pcg32_double takes exactly two draws");

    int ok = 1, full = 0;
    double lo = 1, hi = 0;
    pcg32_seed(&g, 5u, 5u);
    for (int i = 0; i < 100000; i++) {
        d = pcg32_double(&g);
        if (!(d >= 0.0 && d < 1.0))
            ok = 0;
        /* d * 2^53 is an integer: no bit beyond 53 */
        double s = d * 9007199254740992.0;
        if (s != floor(s))
            ok = 0;
        /* The lowest of the 53 bits is used. */
        if (fmod(s, 2.0) == 1.0)
            full = 1;
        lo = fmin(lo, d);
        hi = fmax(hi, d);
    }
    tap_ok(ok, "pcg32_double in [0, 1) and a multiple of 2^-53");
    tap_ok(full, "pcg32_double sets the 53rd bit");
    tap_ok(lo < 1e-4 && hi > 1 - 1e-4, "pcg32_double covers [0, 1) (min %g, max %g)", lo, hi);
}

static void check_streams(void)
{
    pcg32 a, b, c;
    pcg32_seed(&a, 42u, 54u);
    pcg32_seed(&b, 42u, 55u);
    pcg32_seed(&c, 43u, 54u);
    int same_ab = 0, same_ac = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t x = pcg32_next(&a), y = pcg32_next(&b), z = pcg32_next(&c);
        same_ab += x == y;
        same_ac += x == z;
    }
    tap_ok(same_ab < 3, "streams 54 and 55 differ (%d equal of 1000)", same_ab);
    tap_ok(same_ac < 3, "seeds 42 and 43 differ (%d equal of 1000)", same_ac);
    tap_ok(a.inc != b.inc && (a.inc & 1) && (b.inc & 1), "each stream has its own odd increment");

    /* Only the low 63 bits of the sequence select the stream, as in the reference. */
    pcg32_seed(&a, 42u, 54u);
    pcg32_seed(&b, 42u, 54u | (1ULL << 63));
    tap_ok(pcg32_next(&a) == pcg32_next(&b), "sequence bit 63 is ignored, as in pcg32_srandom_r");

    /* Reseeding restarts the stream. */
    pcg32_seed(&a, 42u, 54u);
    for (int i = 0; i < 10; i++)
        pcg32_next(&a);
    pcg32_seed(&a, 42u, 54u);
    tap_ok(pcg32_next(&a) == 0xa15c02b7u, "reseeding restarts the stream");

    /* A 64-bit seed uses all its bits. */
    pcg32_seed(&a, 1ULL << 40, 54u);
    pcg32_seed(&b, 0, 54u);
    tap_ok(pcg32_next(&a) != pcg32_next(&b), "high seed bits matter");
}

int main(void)
{
    (void)tap_plan;
    (void)tap_close;
    check_demo();
    check_below();
    check_double();
    check_streams();
    return tap_done();
}
