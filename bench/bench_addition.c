/* bench_addition.c: the addition model's rows of `make bench`.
 *
 * For hidden 16 (the tutorial's trained weights) and hidden 64 (random
 * weights), the 51 x 51 landscape over all 16 384 sums of 8 bits along
 * random filter-normalised directions: the whole grid with all threads
 * and with one, and as a fraction of the machine's limit, which is
 *
 *   (multiply-adds of the trie's products) / (peak FMA lane rate)
 *   + (sigmoids) / (vmath's measured sigmoid rate)
 *
 * per grid point, with the same number of threads; then the NumPy
 * implementation (bench/numpy_addition.py, batched over all sums, and its
 * shared-prefix variant) on the first points of the same grid, per grid
 * point, with the largest relative difference from ours. */
#include "bench_addition.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addition.h"
#include "addition_kernel.h"
#include "addition_landscape.h"
#include "addition_trie.h"
#include "vmath.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void set_threads(int n)
{
#ifdef _OPENMP
    omp_set_num_threads(n);
#else
    (void)n;
#endif
}

/* vmath_sigmoid's rate in lanes per second on `threads` threads, each on
 * its own cache-resident array. */
static double sigmoid_rate(int threads)
{
    enum { N = 4096, ROUNDS = 2000 };
    double best = 0.0;
    set_threads(threads);
    for (int r = 0; r < 3; r++) {
        double lanes = 0.0, t0 = now();
#ifdef _OPENMP
#pragma omp parallel reduction(+ : lanes)
#endif
        {
            double *x = malloc(2 * N * sizeof *x);
            if (x) {
                for (int i = 0; i < N; i++)
                    x[i] = -8.0 + 16.0 * i / N;
                for (int k = 0; k < ROUNDS; k++)
                    vmath_sigmoid(x, x + N, N);
                lanes += (double)N * ROUNDS;
                free(x);
            }
        }
        double rate = lanes / (now() - t0);
        if (rate > best)
            best = rate;
    }
    return best;
}

typedef struct {
    const char *name;
    int hidden, trained;
    size_t grid;
} addition_case;

/* The work of one grid point: multiply-adds and sigmoid lanes. */
static void point_work(const addition_trie *t, int hidden, double *fma, double *sig)
{
    double hp = (double)((hidden + ADDITION_KERNEL_PAD - 1) / ADDITION_KERNEL_PAD *
                         ADDITION_KERNEL_PAD);
    double parents = 0.0, states = (double)addition_trie_states(t);
    for (int k = 0; k < t->bits; k++)
        parents += (double)t->nodes[k];
    *fma = parents * hp * hp + states * hp; /* h_(k-1) Wh, then h_k W1 */
    *sig = states * hp + states;
}

static double time_landscape(const addition_net *net, const double *d1, const double *d2,
                             const addition_evalset *es, size_t n, double *out, int threads,
                             int reps)
{
    double best = INFINITY;
    set_threads(threads);
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        addition_landscape(net, net->w, d1, d2, 1.0, n, es, out);
        double dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    return best;
}

/* NumPy on the first `points` points: seconds per point (NAN if it
 * failed) and the largest relative difference from ours. */
static double run_numpy(const bench_addition_config *cfg, const addition_case *c,
                        const addition_net *net, const double *d1, const double *d2,
                        const char *method, size_t points, const double *ours, double *diff,
                        char *blas, size_t blas_len)
{
    char wpath[512], opath[512], cmd[2048];
    size_t np = net->nparams;
    snprintf(wpath, sizeof wpath, "%s/addition_w.f64", cfg->dir);
    snprintf(opath, sizeof opath, "%s/addition_out.f64", cfg->dir);
    FILE *f = fopen(wpath, "wb");
    if (!f)
        return NAN;
    int ok = fwrite(net->w, sizeof(double), np, f) == np && fwrite(d1, sizeof(double), np, f) == np &&
             fwrite(d2, sizeof(double), np, f) == np;
    if (fclose(f) != 0 || !ok)
        return NAN;
    snprintf(cmd, sizeof cmd,
             "'%s' '%s' --weights '%s' --bits 8 --hidden %d --range 1 --grid %zu --points %zu "
             "--method %s --repeat %d --out '%s'",
             cfg->python, cfg->script, wpath, c->hidden, c->grid, points, method,
             c->hidden > 16 ? 1 : 3, opath);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NAN;
    double secs = NAN;
    char line[2048];
    while (fgets(line, sizeof line, p)) {
        sscanf(line, "seconds %lf", &secs);
        if (!strncmp(line, "blas ", 5) && blas) {
            snprintf(blas, blas_len, "%.1000s", line + 5);
            blas[strcspn(blas, "\n")] = 0;
        }
    }
    if (pclose(p) != 0)
        secs = NAN;
    *diff = NAN;
    double *v = malloc(points * sizeof *v);
    f = fopen(opath, "rb");
    if (v && f && fread(v, sizeof *v, points, f) == points) {
        double m = 0.0;
        for (size_t i = 0; i < points; i++)
            m = fmax(m, fabs(v[i] - ours[i]) / fabs(ours[i]));
        *diff = m;
    }
    if (f)
        fclose(f);
    free(v);
    remove(wpath);
    remove(opath);
    return secs;
}

static void setup_net(const addition_case *c, addition_net *net, double *d1, double *d2)
{
    rng r;
    addition_net_init(net, 8, c->hidden);
    rng_seed(&r, c->trained ? RNG_NUMPY : RNG_PCG, c->trained ? 0 : 1);
    addition_net_randomize(net, &r);
    if (c->trained) { /* the tutorial: 10 000 iterations, alpha 0.1 */
        addition_work ws;
        double *upd = calloc(net->nparams, sizeof *upd);
        addition_work_init(&ws, 8, c->hidden);
        for (long j = 0; j < 10000; j++) {
            uint32_t a = rng_below(&r, 128), b = rng_below(&r, 128);
            addition_step st;
            addition_train_step(net, 0.1, a, b, &ws, upd, &st);
        }
        addition_work_free(&ws);
        free(upd);
    }
    rng_seed(&r, RNG_PCG, 0);
    addition_random_directions(net, net->w, &r, d1, d2);
}

static void row(const char *name, const char *grid, int hidden, const char *method, int threads,
                double secs, double per_point, const char *ratios)
{
    printf("%-14s %-10s %5d %-16s %3d %9.4f %9.3g  %s\n", name, grid, hidden, method, threads,
           secs, per_point * 1e3, ratios);
}

void bench_addition(const bench_addition_config *cfg)
{
    const int nth = cfg->threads;
    double sig = sigmoid_rate(nth), sig1 = sigmoid_rate(1);
    addition_kernel_ops ops;
    addition_kernel_select(&ops);
    printf("#\n# addition landscape: 8 bits, all 16384 sums, random filter-normalised directions, "
           "range 1; kernels %s\n",
           ops.name);
    printf("# vmath sigmoid rate: %.3g lanes/s with %d threads, %.3g with 1; limit per point = "
           "FMAs/peak + sigmoids/sigmoid rate\n",
           sig, nth, sig1);
    printf("%-14s %-10s %5s %-16s %3s %9s %9s  %s\n", "case", "grid", "H", "method", "thr",
           "seconds", "ms/point", "ratios");
    const addition_case cases[] = {
        {"addition-h16", 16, 1, cfg->quick ? 21 : 51},
        {"addition-h64", 64, 0, cfg->quick ? 11 : 51},
    };
    char blas[1024] = "";
    for (size_t ci = 0; ci < sizeof cases / sizeof cases[0]; ci++) {
        const addition_case *c = &cases[ci];
        addition_net net;
        addition_evalset es;
        addition_trie t;
        size_t np = addition_nparams(c->hidden), n = c->grid, pts = n * n;
        double *d1 = malloc(np * sizeof *d1), *d2 = malloc(np * sizeof *d2);
        double *out = malloc(pts * sizeof *out), *out1 = malloc(pts * sizeof *out1);
        setup_net(c, &net, d1, d2);
        addition_evalset_init(&es, 8);
        addition_trie_init(&t, &es);
        double fma, sg;
        point_work(&t, c->hidden, &fma, &sg);
        int reps = c->hidden > 16 ? 1 : cfg->reps;
        double s_all = time_landscape(&net, d1, d2, &es, n, out, nth, reps);
        double s_one = nth > 1 ? time_landscape(&net, d1, d2, &es, n, out1, 1, reps) : s_all;
        set_threads(nth);
        double lim1 = fma / cfg->peak1 + sg / sig1, lim = fma / cfg->peak + sg / sig;
        char grid[32], ratios[512];
        snprintf(grid, sizeof grid, "%zux%zu", n, n);
        snprintf(ratios, sizeof ratios, "%.0f%% of the limit (%.3g ms/point)",
                 100.0 * lim1 / (s_one / (double)pts), lim1 * 1e3);
        if (nth > 1)
            row(c->name, grid, c->hidden, "rnnscape", 1, s_one, s_one / (double)pts, ratios);
        int len = snprintf(ratios, sizeof ratios, "%.0f%% of the limit (%.3g ms/point); %.2fx 1 thread%s",
                           100.0 * lim / (s_all / (double)pts), lim * 1e3, s_one / s_all,
                           nth > 1 && memcmp(out, out1, pts * sizeof *out) ? " (NOT identical!)" : "");
        printf("#   %.3g FMAs and %.3g sigmoids per point (%zu states)\n", fma, sg,
               addition_trie_states(&t));
        if (cfg->python && cfg->script) {
            const char *methods[] = {"all", "prefix"};
            for (int m = 0; m < 2; m++) {
                size_t k = c->hidden > 16 ? 3 : 8;
                double diff;
                double s_np = run_numpy(cfg, c, &net, d1, d2, methods[m], k, out, &diff, blas,
                                        sizeof blas);
                if (isnan(s_np)) {
                    len += snprintf(ratios + len, sizeof ratios - len, "; numpy %s failed",
                                    methods[m]);
                    continue;
                }
                char what[64], note[128];
                snprintf(what, sizeof what, "numpy-%s", m ? "prefixes" : "all-sums");
                snprintf(note, sizeof note,
                         "first %zu points (best of %d); largest relative difference %.2g", k,
                         c->hidden > 16 ? 1 : 3, diff);
                row(c->name, grid, c->hidden, what, 0, s_np * (double)pts, s_np, note);
                len += snprintf(ratios + len, sizeof ratios - len, "; %.0fx numpy-%s",
                                s_np / (s_all / (double)pts), m ? "prefixes" : "all-sums");
            }
        } else {
            len += snprintf(ratios + len, sizeof ratios - len, "; numpy skipped");
        }
        row(c->name, grid, c->hidden, "rnnscape", nth, s_all, s_all / (double)pts, ratios);
        addition_trie_free(&t);
        addition_evalset_free(&es);
        addition_net_free(&net);
        free(d1);
        free(d2);
        free(out);
        free(out1);
    }
    if (*blas)
        printf("# NumPy's BLAS: %s (thr 0: NumPy's own threading; seconds for the whole grid "
               "extrapolated)\n",
               blas);
}
