/* bench: `make bench` (through bench/run.sh). Prints one table:
 *
 *   - the machine's peak FMA lane rate, measured here: many independent
 *     fused multiply-add chains on full-width vectors of the instruction
 *     set in use, on all threads;
 *   - the brute-force kernel on linear, relu, tanh and sigmoid surfaces,
 *     with all threads and with one, as grid-point*sample*steps per second
 *     and as a fraction of the peak lane rate;
 *   - the NumPy implementation (bench/numpy_surface.py) on the same
 *     surfaces, when a python3 with NumPy is available, and the ratio;
 *   - the exact linear method through the command line (2001 x 2001 grid,
 *     M = 1000, T = 100, the whole process writing .npy) against NumPy's
 *     separable method (compute only);
 *   - the addition model's landscape (bench_addition.c), against
 *     bench/numpy_addition.py (found beside --script).
 *
 * Every timing is the best of several runs (the machine is shared).
 * Usage: bench [--python PY] [--script numpy_surface.py] [--rnnscape PATH]
 *              [--quick] [--reps N] [--addition-only]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "activation.h"
#include "bench_addition.h"
#include "kernel.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define BENCH_X86 1
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int max_threads(void)
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

static void set_threads(int n)
{
#ifdef _OPENMP
    omp_set_num_threads(n);
#else
    (void)n;
#endif
}

/* ---- peak FMA lane rate ---------------------------------------------- */
/* NCH independent chains acc = acc*a + b; each chain is one full-width
 * vector; returns lanes*FMAs done. The chains converge to b/(1-a), so no
 * overflow or subnormal slows them down. */
#define NCH 16
#define CAL_BODY(VT, SET1, FMA, ADDV, STORE, VLN)                                                  \
    VT acc[NCH];                                                                                   \
    const VT a = SET1(0.999999), b = SET1(1e-3);                                                   \
    for (int c = 0; c < NCH; c++)                                                                  \
        acc[c] = SET1(1.0 + c);                                                                    \
    for (long it = 0; it < iters; it++) {                                                          \
        _Pragma("GCC unroll 16") for (int c = 0; c < NCH; c++) acc[c] = FMA(acc[c], a, b);         \
    }                                                                                              \
    VT s = acc[0];                                                                                 \
    for (int c = 1; c < NCH; c++)                                                                  \
        s = ADDV(s, acc[c]);                                                                       \
    double out[VLN];                                                                               \
    STORE(out, s);                                                                                 \
    *sink = out[0];                                                                                \
    return (double)iters * NCH * VLN;

#ifdef BENCH_X86
__attribute__((target("avx512f"))) static double cal_avx512(long iters, double *sink)
{
    CAL_BODY(__m512d, _mm512_set1_pd, _mm512_fmadd_pd, _mm512_add_pd, _mm512_storeu_pd, 8)
}
__attribute__((target("avx2,fma"))) static double cal_avx2(long iters, double *sink)
{
    CAL_BODY(__m256d, _mm256_set1_pd, _mm256_fmadd_pd, _mm256_add_pd, _mm256_storeu_pd, 4)
}
#define SSE_MULADD(x, y, z) _mm_add_pd(_mm_mul_pd((x), (y)), (z))
static double cal_sse2(long iters, double *sink)
{
    CAL_BODY(__m128d, _mm_set1_pd, SSE_MULADD, _mm_add_pd, _mm_storeu_pd, 2)
}
#endif
#define SC_SET1(d) (d)
#define SC_FMA(x, y, z) ((x) * (y) + (z))
#define SC_ADD(x, y) ((x) + (y))
#define SC_STORE(p, v) ((p)[0] = (v))
static double cal_scalar(long iters, double *sink)
{
    CAL_BODY(double, SC_SET1, SC_FMA, SC_ADD, SC_STORE, 1)
}

static double calibrate(const char *isa, int threads, long iters)
{
    double (*fn)(long, double *) = cal_scalar;
#ifdef BENCH_X86
    if (strcmp(isa, "avx512") == 0)
        fn = cal_avx512;
    else if (strcmp(isa, "avx2") == 0)
        fn = cal_avx2;
    else if (strcmp(isa, "sse2") == 0)
        fn = cal_sse2;
#endif
    double lanes = 0.0, sink = 0.0;
    set_threads(threads);
    double t0 = now();
#ifdef _OPENMP
#pragma omp parallel reduction(+ : lanes, sink)
#endif
    {
        double s;
        lanes += fn(iters, &s);
        sink += s;
    }
    double dt = now() - t0;
    if (sink == 42.0)
        puts("");
    return lanes / dt;
}

/* ---- data ------------------------------------------------------------ */
static uint64_t bench_rng = 0x2545F4914F6CDD1DULL;
static double unit(void)
{
    bench_rng = bench_rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(bench_rng >> 11) * 0x1p-53;
}

/* np.linspace's own arithmetic, so NumPy and we use the same points */
static void linspace(double *a, size_t n, double lo, double hi)
{
    double step = n > 1 ? (hi - lo) / (double)(n - 1) : 0.0;
    for (size_t i = 0; i < n; i++)
        a[i] = (double)i * step + lo;
    if (n > 1)
        a[n - 1] = hi;
}

typedef struct {
    const char *name;
    activation f;
    size_t n, m, T;
    double lo, hi;
} bcase;

static double time_brute(const bcase *c, const double *x, const double *t, const double *wx,
                         const double *wr, double *out, int threads, int reps)
{
    double best = INFINITY;
    set_threads(threads);
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        kernel_surface_brute(x, t, c->m, c->T, c->f, wx, c->n, wr, c->n, out);
        double dt = now() - t0;
        if (dt < best)
            best = dt;
    }
    return best;
}

/* Runs the NumPy script on the same data; returns its best compute time
 * (or NAN) and the largest relative difference from ours in *diff. */
static double run_numpy(const char *py, const char *script, const bcase *c, const char *dir,
                        const double *ours, double *diff, int reps)
{
    char cmd[4096], res[512];
    snprintf(res, sizeof res, "%s/numpy_out.f64", dir);
    snprintf(cmd, sizeof cmd,
             "'%s' '%s' --x '%s/x.f64' --t '%s/t.f64' --m %zu --T %zu --activation %s "
             "--method brute --wx=%.17g:%.17g:%zu --wrec=%.17g:%.17g:%zu --repeat %d --out '%s'",
             py, script, dir, dir, c->m, c->T, activation_names[c->f], c->lo, c->hi, c->n, c->lo,
             c->hi, c->n, reps, res);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NAN;
    double secs = NAN;
    char line[256];
    while (fgets(line, sizeof line, p))
        if (sscanf(line, "seconds %lf", &secs) == 1)
            break;
    while (fgets(line, sizeof line, p))
        ;
    if (pclose(p) != 0)
        return NAN;
    *diff = NAN;
    FILE *f = fopen(res, "rb");
    if (f) {
        size_t n = c->n * c->n;
        double *v = malloc(n * sizeof *v);
        if (v && fread(v, sizeof *v, n, f) == n) {
            double w = 0.0;
            for (size_t i = 0; i < n; i++) {
                if (isinf(v[i]) && isinf(ours[i]))
                    continue;
                double d = fabs(v[i] - ours[i]) / fmax(fabs(ours[i]), 1e-300);
                if (!(d <= w))
                    w = d;
            }
            *diff = w;
        }
        free(v);
        fclose(f);
        remove(res);
    }
    return secs;
}

static void row(const char *cs, size_t n, size_t m, size_t T, const char *act, const char *method,
                int threads, double secs, double rate, const char *ratios)
{
    char grid[32];
    snprintf(grid, sizeof grid, "%zux%zu", n, n);
    printf("%-14s %-10s %5zu %4zu %-8s %-16s %3d %9.4f %10.3g  %s\n", cs, grid, m, T, act, method,
           threads, secs, rate, ratios);
}

static int write_file(const char *path, const double *v, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(v, sizeof *v, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *py = NULL, *script = NULL, *cli = NULL;
    int quick = 0, reps = 3, addition_only = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--python") && i + 1 < argc)
            py = argv[++i];
        else if (!strcmp(argv[i], "--script") && i + 1 < argc)
            script = argv[++i];
        else if (!strcmp(argv[i], "--rnnscape") && i + 1 < argc)
            cli = argv[++i];
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--quick"))
            quick = 1;
        else if (!strcmp(argv[i], "--addition-only"))
            addition_only = 1;
        else {
            fprintf(stderr, "bench: unknown argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (reps < 1)
        reps = 1;
    /* as the command does: the library reads no environment */
    const char *isa_env = getenv("RNNSCAPE_ISA");
    if (isa_env && kernel_force_isa(isa_env) != RS_OK) {
        fprintf(stderr, "bench: RNNSCAPE_ISA: '%s' is not an instruction set this CPU runs\n",
                isa_env);
        return 2;
    }
    if (py && !*py)
        py = NULL;

    char cpu[256] = "unknown";
    FILE *ci = fopen("/proc/cpuinfo", "r");
    if (ci) {
        char line[512];
        while (fgets(line, sizeof line, ci))
            if (!strncmp(line, "model name", 10)) {
                char *c = strchr(line, ':');
                if (c) {
                    snprintf(cpu, sizeof cpu, "%s", c + 2);
                    cpu[strcspn(cpu, "\n")] = 0;
                }
                break;
            }
        fclose(ci);
    }
    const int nth = max_threads();
    const char *isa = kernel_isa_name();
    printf("# rnnscape bench: CPU %s, %d threads, instruction set %s\n", cpu, nth, isa);

    /* peak: calibrate the iteration count to ~0.3 s, best of reps */
    long iters = 20000000;
    calibrate(isa, nth, iters / 10); /* warm up the thread pool */
    double peak = 0.0, peak1 = 0.0;
    for (int r = 0; r < reps + 1; r++) {
        double p = calibrate(isa, nth, iters);
        if (p > peak)
            peak = p;
        double p1 = calibrate(isa, 1, iters);
        if (p1 > peak1)
            peak1 = p1;
    }
    printf("# peak FMA lane rate (%d independent %s FMA chains per thread): %.3g lanes/s with "
           "%d threads, %.3g with 1\n",
           NCH, isa, peak, nth, peak1);
    printf("# rate = grid points * samples * steps per second; %%peak against the peak with "
           "the same number of threads\n");
    printf("%-14s %-10s %5s %4s %-8s %-16s %3s %9s %10s  %s\n", "case", "grid", "M", "T", "act",
           "method", "thr", "seconds", "rate", "ratios");

    bcase cases[] = {
        {"brute-linear", ACT_LINEAR, 512, 200, 100, -3.0, 3.0},
        {"brute-relu", ACT_RELU, 512, 200, 100, -3.0, 3.0},
        {"brute-tanh", ACT_TANH, 256, 100, 100, -3.0, 3.0},
        {"brute-sigmoid", ACT_SIGMOID, 256, 100, 100, -3.0, 3.0},
    };
    const size_t ncase = addition_only ? 0 : sizeof cases / sizeof cases[0];
    if (quick)
        for (size_t i = 0; i < ncase; i++)
            cases[i].m /= 4;

    char dir[] = "/tmp/rnnscape-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return 3;
    }
    for (size_t ci2 = 0; ci2 < ncase; ci2++) {
        const bcase *c = &cases[ci2];
        size_t n = c->n, m = c->m, T = c->T;
        double *x = malloc(m * T * sizeof *x), *t = malloc(m * sizeof *t);
        double *wx = malloc(n * sizeof *wx), *out = malloc(n * n * sizeof *out);
        for (size_t i = 0; i < m; i++) {
            double cnt = 0;
            for (size_t k = 0; k < T; k++)
                cnt += x[i * T + k] = unit() < 0.5 ? 0.0 : 1.0;
            t[i] = cnt;
        }
        linspace(wx, n, c->lo, c->hi);
        double work = (double)n * n * m * T;
        double s_all = time_brute(c, x, t, wx, wx, out, nth, reps);
        double s_one = nth > 1 ? time_brute(c, x, t, wx, wx, out, 1, reps) : s_all;
        set_threads(nth);
        char ratios[256];
        snprintf(ratios, sizeof ratios, "%.0f%% of peak", 100.0 * work / s_one / peak1);
        if (nth > 1)
            row(c->name, n, m, T, activation_names[c->f], "kernel", 1, s_one, work / s_one, ratios);
        int len = snprintf(ratios, sizeof ratios, "%.0f%% of peak; %.2fx 1 thread",
                           100.0 * work / s_all / peak, s_one / s_all);
        if (c->f != ACT_RELU) {
            if (py && script) {
                char p[512];
                snprintf(p, sizeof p, "%s/x.f64", dir);
                write_file(p, x, m * T);
                snprintf(p, sizeof p, "%s/t.f64", dir);
                write_file(p, t, m);
                double diff = NAN;
                double s_np = run_numpy(py, script, c, dir, out, &diff, reps);
                if (isnan(s_np)) {
                    snprintf(ratios + len, sizeof ratios - len, "; numpy failed");
                } else {
                    snprintf(ratios + len, sizeof ratios - len, "; %.1fx numpy", s_np / s_all);
                    row(c->name, n, m, T, activation_names[c->f], "numpy-brute", 1, s_np,
                        work / s_np, "");
                    printf("#   numpy vs kernel: largest relative difference %.2g\n", diff);
                }
            } else {
                snprintf(ratios + len, sizeof ratios - len,
                         "; numpy skipped (no python3 with "
                         "numpy)");
            }
        }
        row(c->name, n, m, T, activation_names[c->f], "kernel", nth, s_all, work / s_all, ratios);
        free(x);
        free(t);
        free(wx);
        free(out);
    }

    /* ---- the exact linear method through the command line --------------- */
    const size_t G = quick ? 501 : 2001, EM = 1000, ET = 100;
    int cli_npy = 0;
    if (!addition_only && cli && access(cli, X_OK) == 0) {
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "'%s' surface --help 2>/dev/null | grep -q npy", cli);
        cli_npy = system(cmd) == 0;
    }
    if (!cli_npy) {
        if (!addition_only)
            printf("%-14s skipped: no rnnscape with 'surface --format npy' found\n", "exact-linear");
    } else {
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "'%s' data --samples %zu --length %zu --seed 1 -o '%s/data.txt'",
                 cli, EM, ET, dir);
        if (system(cmd) != 0) {
            printf("%-14s skipped: 'rnnscape data' failed\n", "exact-linear");
        } else {
            double best = INFINITY;
            int failed = 0;
            for (int r = 0; r < reps && !failed; r++) {
                snprintf(cmd, sizeof cmd,
                         "'%s' surface --data '%s/data.txt' --wx -3:3 --wrec -3:3 --grid %zu "
                         "--method exact --format npy -o '%s/exact.npy'",
                         cli, dir, G, dir);
                double t0 = now();
                failed = system(cmd) != 0;
                double dt = now() - t0;
                if (dt < best)
                    best = dt;
            }
            double work = (double)G * G * EM * ET;
            char ratios[256] = "";
            if (failed) {
                printf("%-14s failed: %s\n", "exact-linear", cmd);
            } else {
                if (py && script) {
                    snprintf(cmd, sizeof cmd,
                             "'%s' '%s' --data '%s/data.txt' --method separable --wx=-3:3:%zu "
                             "--wrec=-3:3:%zu --repeat %d --check '%s/exact.npy'",
                             py, script, dir, G, G, reps, dir);
                    FILE *p = popen(cmd, "r");
                    double s_np = NAN, diff = NAN;
                    char line[256];
                    while (p && fgets(line, sizeof line, p)) {
                        sscanf(line, "seconds %lf", &s_np);
                        sscanf(line, "check %lf", &diff);
                    }
                    if (p)
                        pclose(p);
                    if (!isnan(s_np)) {
                        row("exact-linear", G, EM, ET, "linear", "numpy-separable", 1, s_np,
                            work / s_np, "compute only");
                        snprintf(ratios, sizeof ratios, "%.1fx numpy (whole process)", s_np / best);
                        printf("#   numpy vs rnnscape: largest relative difference %.2g\n", diff);
                    }
                }
                row("exact-linear", G, EM, ET, "linear", "rnnscape-exact", nth, best, work / best,
                    ratios);
            }
        }
        remove(strcat(strcpy(cmd, dir), "/data.txt"));
        remove(strcat(strcpy(cmd, dir), "/exact.npy"));
    }
    /* ---- the addition model's landscape ------------------------------------ */
    char add_script[1024] = "";
    if (script) {
        const char *slash = strrchr(script, '/');
        int dirlen = slash ? (int)(slash - script + 1) : 0;
        snprintf(add_script, sizeof add_script, "%.*snumpy_addition.py", dirlen, script);
    }
    bench_addition_config acfg = {py, *add_script ? add_script : NULL, dir, nth, peak, peak1,
                                  reps, quick};
    bench_addition(&acfg);

    char p[512];
    snprintf(p, sizeof p, "%s/x.f64", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/t.f64", dir);
    remove(p);
    rmdir(dir);
    return 0;
}
