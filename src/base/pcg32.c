#include "pcg32.h"

/* The 64-bit LCG multiplier of the PCG family. */
#define PCG32_MULT 6364136223846793005ULL

uint32_t pcg32_next(pcg32 *g)
{
    uint64_t old = g->state;
    g->state = old * PCG32_MULT + g->inc;
    /* XSH RR: xorshift the high bits down, then rotate by the top 5 bits. */
    uint32_t xorshifted = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rot = (uint32_t)(old >> 59);
    return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
}

void pcg32_seed(pcg32 *g, uint64_t initstate, uint64_t initseq)
{
    g->state = 0;
    g->inc = (initseq << 1) | 1u;
    pcg32_next(g);
    g->state += initstate;
    pcg32_next(g);
}

uint32_t pcg32_below(pcg32 *g, uint32_t bound)
{
    if (bound == 0)
        return 0;
    /* Reject the lowest (2^32 mod bound) values so every residue is equally likely. */
    uint32_t threshold = (uint32_t)(-bound) % bound;
    for (;;) {
        uint32_t r = pcg32_next(g);
        if (r >= threshold)
            return r % bound;
    }
}

double pcg32_double(pcg32 *g)
{
    uint32_t a = pcg32_next(g) >> 5, b = pcg32_next(g) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}
