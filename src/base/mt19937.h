/* mt19937.h: the 32-bit Mersenne Twister with the draws of NumPy's legacy
 * RandomState (rand, randint, standard_normal), so that the tutorials' data
 * and initial weights can be regenerated bit for bit. */
#ifndef RNNSCAPE_MT19937_H
#define RNNSCAPE_MT19937_H

#include <stdint.h>

#define MT19937_N 624

typedef struct {
    uint32_t mt[MT19937_N];
    int mti;
    int has_gauss; /* NumPy's polar method caches its second normal */
    double gauss;
} mt19937;

/* Matsumoto and Nishimura's init_genrand; NumPy's np.random.seed(n). */
void mt19937_seed(mt19937 *g, uint32_t seed);
uint32_t mt19937_next(mt19937 *g);
/* np.random.rand(): (a*2^26 + b) / 2^53, a = next >> 5, b = next >> 6. */
double mt19937_double(mt19937 *g);
/* np.random.randint(n) for 0 < n <= 2^32: masked rejection sampling.
 * n = 1 (and the out-of-domain n = 0) returns 0 without drawing, as NumPy. */
uint32_t mt19937_below(mt19937 *g, uint64_t n);
/* np.random.standard_normal(): the legacy polar (Marsaglia) method. */
double mt19937_normal(mt19937 *g);

#endif
