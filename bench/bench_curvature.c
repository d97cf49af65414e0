/* bench_curvature.c: seconds for the curvature computations, best of
 * --repeat runs (make bench-curvature; bench/bench_curvature.sh prints
 * them beside NumPy/PyTorch). One line per case: "name seconds".
 *   map-tanh     curvature_rows: 256 x 256 grid, tanh, M = 100, T = 100
 *   map-linear   the same, linear
 *   add-dense    the addition model's dense Hessian, 1024 sums
 *   add-hvp      one Hessian-vector product, all 16384 sums */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addition_hessian.h"
#include "curvature.h"
#include "grid.h"
#include "rng.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double time_map(const dataset *ds, activation f, int repeat)
{
    enum { N = 256 };
    static double wx[N], wr[N], out[N * N * CURV_CHANNELS];
    grid_linspace(-3, 3, N, wx);
    grid_linspace(-1.5, 1.5, N, wr);
    curvature_problem p = {ds, f, 0.0};
    double best = 1e300;
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        curvature_rows(&p, wx, N, wr, N, out, NULL);
        double t = now() - t0;
        best = t < best ? t : best;
    }
    return best;
}

static void addition_cases(int repeat)
{
    rng r;
    addition_net net;
    rng_seed(&r, RNG_NUMPY, 0);
    addition_net_init(&net, 8, 16);
    addition_net_randomize(&net, &r);
    static uint32_t a[16384], b[16384];
    for (size_t i = 0; i < 16384; i++)
        a[i] = (uint32_t)(i / 128), b[i] = (uint32_t)(i % 128);
    uint32_t sa[1024], sb[1024];
    for (size_t i = 0; i < 1024; i++)
        sa[i] = a[i * 16], sb[i] = b[i * 16];
    addition_hess *hs, *full;
    addition_hess_new(&net, net.w, 1024, sa, sb, &hs);
    addition_hess_new(&net, net.w, 16384, a, b, &full);
    double *hess = malloc(net.nparams * net.nparams * sizeof *hess);
    double v[304], hv[304], best_d = 1e300, best_v = 1e300;
    for (int i = 0; i < 304; i++)
        v[i] = 1.0 / (i + 1.0);
    for (int k = 0; k < repeat; k++) {
        double t0 = now();
        addition_hess_dense(hs, hess, NULL);
        double t1 = now();
        addition_hess_vec(full, v, hv);
        double t2 = now();
        best_d = t1 - t0 < best_d ? t1 - t0 : best_d;
        best_v = t2 - t1 < best_v ? t2 - t1 : best_v;
    }
    printf("add-dense %.6f\nadd-hvp %.6f\n", best_d, best_v);
    free(hess);
    addition_hess_free(hs);
    addition_hess_free(full);
    addition_net_free(&net);
}

int main(int argc, char **argv)
{
    int repeat = argc > 1 ? atoi(argv[1]) : 3;
    rng r;
    dataset ds;
    rng_seed(&r, RNG_PCG, 1);
    dataset_generate(&ds, &r, 100, 100);
    dataset_targets_to_mean(&ds);
    printf("map-tanh %.6f\n", time_map(&ds, ACT_TANH, repeat));
    printf("map-linear %.6f\n", time_map(&ds, ACT_LINEAR, repeat));
    addition_cases(repeat);
    dataset_free(&ds);
    return 0;
}
