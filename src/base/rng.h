/* rng.h: one interface over the two generators, so models and data
 * generators take "a random stream" without caring which one it is. */
#ifndef RNNSCAPE_RNG_H
#define RNNSCAPE_RNG_H

#include <stdint.h>

#include "mt19937.h"
#include "pcg32.h"

typedef enum { RNG_PCG = 0, RNG_NUMPY = 1 } rng_kind;

typedef struct {
    rng_kind kind;
    union {
        pcg32 pcg;
        mt19937 mt;
    } u;
} rng;

/* The PCG stream used for every seed: state = seed, sequence = this. */
#define RNG_PCG_STREAM 54u

/* PCG: pcg32_seed(seed, RNG_PCG_STREAM). NumPy: np.random.seed(seed),
 * which needs seed < 2^32 (RS_ERANGE otherwise, and r is left as it was). */
int rng_seed(rng *r, rng_kind kind, uint64_t seed);
double rng_double(rng *r);
/* Uniform in [0, n); n > 0 (n 0 returns 0 without drawing). */
uint32_t rng_below(rng *r, uint32_t n);
double rng_normal(rng *r);
/* "pcg" or "numpy". */
const char *rng_kind_name(rng_kind kind);

#endif
