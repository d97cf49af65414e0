/* pcg32.h: the PCG32 random number generator (O'Neill's XSH RR output on a
 * 64-bit LCG state, with stream selection), rnnscape's default generator.
 * Written from the published description; tests check the reference outputs. */
#ifndef RNNSCAPE_PCG32_H
#define RNNSCAPE_PCG32_H

#include <stdint.h>

typedef struct {
    uint64_t state;
    uint64_t inc; /* always odd: selects the stream */
} pcg32;

/* Seeds like the reference pcg32_srandom_r(initstate, initseq). */
void pcg32_seed(pcg32 *g, uint64_t initstate, uint64_t initseq);
uint32_t pcg32_next(pcg32 *g);
/* Uniform in [0, bound) without modulo bias, as pcg32_boundedrand_r;
 * bound > 0 (bound 0 returns 0 without drawing). */
uint32_t pcg32_below(pcg32 *g, uint32_t bound);
/* Uniform double in [0, 1) with 53 random bits (two draws). */
double pcg32_double(pcg32 *g);

#endif
