/* tutorial_data.h: the counting tutorial's data set for the unit tests. */
#ifndef RNNSCAPE_TEST_TUTORIAL_DATA_H
#define RNNSCAPE_TEST_TUTORIAL_DATA_H

#include "dataset.h"

__attribute__((unused)) static dataset tutorial_data(void)
{
    rng r;
    dataset ds;
    rng_seed(&r, RNG_NUMPY, 1);
    dataset_generate(&ds, &r, 20, 10);
    return ds;
}

__attribute__((unused)) static dataset pcg_data(size_t m, size_t t, uint64_t seed)
{
    rng r;
    dataset ds;
    rng_seed(&r, RNG_PCG, seed);
    dataset_generate(&ds, &r, m, t);
    return ds;
}

#endif
