/* bench_addition.h: the addition model's rows of `make bench` (the 51 x 51
 * landscape at hidden 16 and 64 against bench/numpy_addition.py). */
#ifndef RNNSCAPE_BENCH_ADDITION_H
#define RNNSCAPE_BENCH_ADDITION_H

typedef struct {
    const char *python;   /* a python3 with NumPy, or NULL */
    const char *script;   /* bench/numpy_addition.py */
    const char *dir;      /* a scratch folder */
    int threads;          /* all threads */
    double peak, peak1;   /* peak FMA lane rates, all threads and one */
    int reps, quick;
} bench_addition_config;

void bench_addition(const bench_addition_config *cfg);

#endif
