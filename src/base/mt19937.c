#include "mt19937.h"

#include <math.h>

#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfU
#define MT_UPPER 0x80000000U
#define MT_LOWER 0x7fffffffU

void mt19937_seed(mt19937 *g, uint32_t seed)
{
    g->mt[0] = seed;
    /* Knuth's multiplier spreads the seed over the state (init_genrand). */
    for (int i = 1; i < MT19937_N; i++)
        g->mt[i] = 1812433253U * (g->mt[i - 1] ^ (g->mt[i - 1] >> 30)) + (uint32_t)i;
    g->mti = MT19937_N;
    g->has_gauss = 0;
    g->gauss = 0.0;
}

static void mt19937_twist(mt19937 *g)
{
    for (int i = 0; i < MT19937_N; i++) {
        uint32_t y = (g->mt[i] & MT_UPPER) | (g->mt[(i + 1) % MT19937_N] & MT_LOWER);
        g->mt[i] = g->mt[(i + MT_M) % MT19937_N] ^ (y >> 1) ^ ((y & 1U) ? MT_MATRIX_A : 0U);
    }
    g->mti = 0;
}

uint32_t mt19937_next(mt19937 *g)
{
    if (g->mti >= MT19937_N)
        mt19937_twist(g);
    uint32_t y = g->mt[g->mti++];
    /* Tempering. */
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

double mt19937_double(mt19937 *g)
{
    uint32_t a = mt19937_next(g) >> 5, b = mt19937_next(g) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

uint32_t mt19937_below(mt19937 *g, uint64_t n)
{
    /* randint(1) draws nothing; n = 0 is outside the domain, also 0. */
    if (n <= 1)
        return 0;
    uint64_t max = n - 1;
    /* Smallest all-ones mask covering max, as NumPy's legacy randint. */
    uint64_t mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    uint32_t v;
    while ((v = mt19937_next(g) & (uint32_t)mask) > max)
        ;
    return v;
}

double mt19937_normal(mt19937 *g)
{
    if (g->has_gauss) {
        g->has_gauss = 0;
        return g->gauss;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * mt19937_double(g) - 1.0;
        x2 = 2.0 * mt19937_double(g) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    /* Polar Box-Muller: one pair of normals per accepted point. */
    double f = sqrt(-2.0 * log(r2) / r2);
    g->gauss = f * x1;
    g->has_gauss = 1;
    return f * x2;
}
