/* addition_landscape_pin.c: prints the landscape values that
 * tests/src/analysis/test_addition_landscape.c pins, computed ONCE with the
 * landscape code as it stood before the vectorised kernel (commit 195de9b:
 * one depth-first walk per grid point, libm's exp, scalar sums). Build it
 * against that library and run it:
 *
 *   cc -O2 -Isrc/base -Isrc/models -Isrc/analysis -Isrc/io \
 *      tests/pinned/addition_landscape_pin.c build/src/librnnscape.a -lm -fopenmp
 *   ./a.out > tests/pinned/addition_landscape_pin.out
 *
 * The cases (shared with the test): the tutorial's trained weights; random
 * weights with a hidden size that is not a multiple of any vector length;
 * 12 and 16 bits (the sampled evaluation set); 64 and 256 hidden units;
 * the smallest net. */
#include <stdio.h>
#include <stdlib.h>

#include "addition.h"
#include "addition_landscape.h"

typedef struct {
    const char *name;
    int bits, hidden, trained;
    rng_kind wkind;
    unsigned wseed;
    rng_kind dkind;
    unsigned dseed;
    double range;
    size_t n;
} pin_case;

static const pin_case cases[] = {
    {"tutorial", 8, 16, 1, RNG_NUMPY, 0, RNG_PCG, 0, 1.0, 5},
    {"tutorial_np3", 8, 16, 1, RNG_NUMPY, 0, RNG_NUMPY, 3, 0.3, 3},
    {"h5_b6", 6, 5, 0, RNG_PCG, 7, RNG_PCG, 1, 2.0, 3},
    {"h8_b12", 12, 8, 0, RNG_PCG, 2, RNG_PCG, 4, 1.0, 3},
    {"h64_b8", 8, 64, 0, RNG_PCG, 5, RNG_PCG, 6, 0.5, 3},
    {"h1_b2", 2, 1, 0, RNG_PCG, 8, RNG_PCG, 9, 3.0, 3},
    {"h16_b16", 16, 16, 0, RNG_PCG, 10, RNG_PCG, 11, 1.0, 3},
    {"h256_b8", 8, 256, 0, RNG_PCG, 12, RNG_PCG, 13, 1.0, 1},
};

int main(void)
{
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const pin_case *p = &cases[c];
        addition_net net;
        addition_evalset es;
        rng r;
        addition_net_init(&net, p->bits, p->hidden);
        rng_seed(&r, p->wkind, p->wseed);
        addition_net_randomize(&net, &r);
        if (p->trained) { /* the tutorial's 10 000 iterations, alpha 0.1 */
            addition_work ws;
            addition_work_init(&ws, p->bits, p->hidden);
            double *upd = calloc(net.nparams, sizeof *upd);
            uint32_t half = (uint32_t)1 << (p->bits - 1);
            for (long j = 0; j < 10000; j++) {
                uint32_t a = rng_below(&r, half), b = rng_below(&r, half);
                addition_step st;
                addition_train_step(&net, 0.1, a, b, &ws, upd, &st);
            }
            free(upd);
            addition_work_free(&ws);
        }
        double *d1 = malloc(net.nparams * sizeof *d1), *d2 = malloc(net.nparams * sizeof *d2);
        double *loss = malloc(p->n * p->n * sizeof *loss);
        rng_seed(&r, p->dkind, p->dseed);
        addition_random_directions(&net, net.w, &r, d1, d2);
        addition_evalset_init(&es, p->bits);
        addition_landscape(&net, net.w, d1, d2, p->range, p->n, &es, loss);
        printf("static const double pin_%s[%zu] = {\n", p->name, p->n * p->n);
        for (size_t i = 0; i < p->n * p->n; i++)
            printf("    %.17g,\n", loss[i]);
        printf("};\n");
        free(d1);
        free(d2);
        free(loss);
        addition_evalset_free(&es);
        addition_net_free(&net);
    }
    return 0;
}
