/* Tests of model A (src/addition.c, addition_io.c, addition_landscape.c):
 * the tutorial's known numbers, BPTT against finite differences, the
 * update's sign, the fast loss walk against per-sum evaluation, PCA and
 * filter normalisation, and the weight-file round trip. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition.h"
#include "addition_io.h"
#include "addition_landscape.h"
#include "pca.h"
#include "tap.h"

/* Seed 000's log: iteration 0, 1000, ..., 9000. */
static const struct {
    double error;
    unsigned a, b, pred;
} seed_log[10] = {{3.45638663, 9, 60, 1},   {3.63389116, 28, 35, 255}, {3.91366595, 116, 44, 72},
                  {3.72191702, 4, 73, 223}, {3.5852713, 71, 11, 8},    {2.53352328, 81, 113, 162},
                  {0.57691441, 81, 0, 81},  {1.42589952, 4, 125, 129}, {0.47477457, 39, 17, 56},
                  {0.21595037, 11, 3, 14}};

static addition_net tutorial_net(rng *r)
{
    addition_net net;
    addition_net_init(&net, 8, 16);
    rng_seed(r, RNG_NUMPY, 0);
    addition_net_randomize(&net, r);
    return net;
}

static void test_initial_weights(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    /* NumPy: np.random.seed(0); 2*np.random.random(...) - 1 for W0, W1, Wh */
    tap_ok(net.nparams == 304, "304 weights for 16 hidden units");
    tap_ok(net.w[0] == 0.0976270078546495, "W0[0][0] = %.17g", net.w[0]);
    tap_ok(net.w[31] == 0.5484673788684333, "W0[1][15] = %.17g", net.w[31]);
    tap_ok(net.w[32] == -0.0876993355669029, "W1[0] = %.17g", net.w[32]);
    tap_ok(net.w[47] == -0.7421474046902934, "W1[15] = %.17g", net.w[47]);
    tap_ok(net.w[48] == -0.36914329815163227, "Wh[0][0] = %.17g", net.w[48]);
    tap_ok(net.w[303] == -0.8377972200240065, "Wh[15][15] = %.17g", net.w[303]);
    addition_net_free(&net);
}

static void test_tutorial_log(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    addition_work ws;
    addition_work_init(&ws, 8, 16);
    double *upd = calloc(net.nparams, sizeof *upd);
    int blocks_ok = 1, err_ok = 1;
    for (long j = 0; j < 10000; j++) {
        uint32_t a = rng_below(&r, 128), b = rng_below(&r, 128);
        addition_step st;
        addition_train_step(&net, 0.1, a, b, &ws, upd, &st);
        if (j % 1000 == 0) {
            int i = (int)(j / 1000);
            /* the log prints 8 decimals (7 for 3.5852713, a trailing 0 dropped) */
            err_ok &= fabs(st.abs_error - seed_log[i].error) <= 5e-9;
            blocks_ok &= a == seed_log[i].a && b == seed_log[i].b && st.pred == seed_log[i].pred &&
                         st.target == a + b;
        }
    }
    tap_ok(err_ok, "the ten printed errors match seed 000's log to every digit");
    tap_ok(blocks_ok, "the ten sums and predictions match seed 000's log");
    /* the same run in NumPy (the tutorial's code) ends with these weights */
    tap_ok(tap_close(net.w[0], -0.35951953024667294, 1e-12, 0), "final W0[0][0] as NumPy");
    tap_ok(tap_close(net.w[32 + 7], 6.395020149688596, 1e-12, 0), "final W1[7] as NumPy");
    tap_ok(tap_close(net.w[303], -0.746440354209944, 1e-12, 0), "final Wh[15][15] as NumPy");
    free(upd);
    addition_work_free(&ws);
    addition_net_free(&net);
}

/* 5-point central difference of E for a + b at w, weight p. */
static double numeric(const addition_net *net, double *w, size_t p, uint32_t a, uint32_t b,
                      addition_work *ws)
{
    double keep = w[p], h = 1e-3, e[4];
    const double off[4] = {h, -h, 2 * h, -2 * h};
    for (int i = 0; i < 4; i++) {
        w[p] = keep + off[i];
        e[i] = addition_loss(net, w, a, b, ws);
    }
    w[p] = keep;
    return (8.0 * (e[0] - e[1]) - (e[2] - e[3])) / (12.0 * h);
}

static double worst_gradient_error(const addition_net *net, uint32_t a, uint32_t b)
{
    addition_work ws;
    addition_work_init(&ws, net->bits, net->hidden);
    double *g = malloc(net->nparams * sizeof *g), worst = 0.0, loss;
    addition_gradient(net, net->w, a, b, &ws, g, &loss, NULL);
    for (size_t p = 0; p < net->nparams; p++) {
        double fd = numeric(net, net->w, p, a, b, &ws);
        double rel = fabs(fd - g[p]) / fmax(fmax(fabs(fd), fabs(g[p])), 1e-8);
        worst = isnan(rel) ? INFINITY : fmax(worst, rel);
    }
    free(g);
    addition_work_free(&ws);
    return worst;
}

static void train_net(addition_net *net, rng *r, long iters)
{
    addition_work ws;
    addition_work_init(&ws, net->bits, net->hidden);
    double *upd = calloc(net->nparams, sizeof *upd);
    uint32_t half = (uint32_t)1 << (net->bits - 1);
    for (long j = 0; j < iters; j++) {
        uint32_t a = rng_below(r, half), b = rng_below(r, half);
        addition_step st;
        addition_train_step(net, 0.1, a, b, &ws, upd, &st);
    }
    free(upd);
    addition_work_free(&ws);
}

static void test_gradient(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    double w1 = worst_gradient_error(&net, 9, 60), w2 = worst_gradient_error(&net, 127, 127);
    tap_ok(w1 < 1e-6 && w2 < 1e-6, "BPTT = finite differences at the initial weights (%.2e, %.2e)",
           w1, w2);
    train_net(&net, &r, 10000);
    w1 = worst_gradient_error(&net, 11, 3);
    w2 = worst_gradient_error(&net, 100, 27);
    tap_ok(w1 < 1e-6 && w2 < 1e-6, "BPTT = finite differences at the trained weights (%.2e, %.2e)",
           w1, w2);
    addition_net_free(&net);
    addition_net other;
    addition_net_init(&other, 5, 3);
    rng_seed(&r, RNG_PCG, 7);
    addition_net_randomize(&other, &r);
    for (size_t p = 0; p < other.nparams; p++)
        other.w[p] *= 3.0; /* larger weights: saturating units */
    w1 = worst_gradient_error(&other, 9, 14);
    tap_ok(w1 < 1e-6, "BPTT = finite differences for 5 bits, 3 hidden, large weights (%.2e)", w1);
    addition_net_free(&other);
}

/* The tutorial's step is w <- w - alpha dE/dw, checked against both the
 * BPTT gradient and finite differences (the sign convention). */
static void test_update_sign(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    train_net(&net, &r, 3000);
    addition_work ws;
    addition_work_init(&ws, 8, 16);
    size_t np = net.nparams;
    double *before = malloc(np * sizeof *before), *g = malloc(np * sizeof *g),
           *upd = calloc(np, sizeof *upd), alpha = 0.1;
    memcpy(before, net.w, np * sizeof *before);
    addition_gradient(&net, net.w, 37, 90, &ws, g, NULL, NULL);
    int exact = 1, fd_ok = 1, moved = 0;
    for (size_t p = 0; p < np; p++) {
        double fd = numeric(&net, before, p, 37, 90, &ws);
        g[p] = fd; /* keep the finite-difference gradient */
    }
    double *bp = malloc(np * sizeof *bp);
    addition_gradient(&net, before, 37, 90, &ws, bp, NULL, NULL);
    addition_step st;
    addition_train_step(&net, alpha, 37, 90, &ws, upd, &st);
    for (size_t p = 0; p < np; p++) {
        double step = net.w[p] - before[p];
        exact &= net.w[p] == before[p] - alpha * bp[p];
        fd_ok &= tap_close(step, -alpha * g[p], 1e-6, 1e-12);
        moved += step != 0.0;
        exact &= upd[p] == 0.0;
    }
    tap_ok(exact, "the tutorial's update is w - alpha * (BPTT dE/dw), accumulator emptied");
    tap_ok(fd_ok && moved > 200,
           "its step is -alpha * (finite-difference dE/dw) (%d weights moved)", moved);
    free(before);
    free(g);
    free(bp);
    free(upd);
    addition_work_free(&ws);
    addition_net_free(&net);
}

static void test_dhnorm(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    addition_work ws;
    addition_work_init(&ws, 8, 16);
    double g[304], dh[8], loss, n1 = 0.0;
    addition_gradient(&net, net.w, 9, 60, &ws, g, &loss, dh);
    /* at the last bit dE/dh_T = -d_T W1, d_T = (c_T - o_T) o_T (1 - o_T) */
    double o = ws.o[7], d = ((double)ws.c[7] - o) * o * (1 - o);
    for (int j = 0; j < 16; j++)
        n1 += net.w[32 + j] * net.w[32 + j];
    tap_ok(tap_close(dh[7], fabs(d) * sqrt(n1), 1e-14, 0), "||dE/dh_T|| = |d_T| ||W1||");
    /* dE/dW1[j] = sum_k -d_k h_k,j: one more cross-check of the forward states */
    double s = 0.0;
    for (int k = 1; k <= 8; k++) {
        double ok = ws.o[k - 1];
        s += -((double)ws.c[k - 1] - ok) * ok * (1 - ok) * ws.h[k * 16 + 3];
    }
    tap_ok(tap_close(g[32 + 3], s, 1e-13, 0), "dE/dW1[3] = sum_k -d_k h_k,3");
    addition_net_free(&net);
    addition_work_free(&ws);
}

static void test_mean_loss(void)
{
    rng r;
    addition_evalset es;
    for (int bits = 3; bits <= 8; bits += 5) {
        addition_net net;
        addition_net_init(&net, bits, 16);
        rng_seed(&r, RNG_PCG, 11);
        addition_net_randomize(&net, &r);
        addition_evalset_init(&es, bits);
        double fast, slow, acc, brute = 0.0;
        addition_mean_loss(&net, net.w, &es, &fast);
        addition_evaluate(&net, net.w, &es, &slow, &acc, NULL);
        addition_work ws;
        addition_work_init(&ws, bits, 16);
        uint32_t m = 1u << (bits - 1);
        for (uint32_t a = 0; a < m; a++)
            for (uint32_t b = 0; b < m; b++)
                brute += addition_loss(&net, net.w, a, b, &ws);
        brute /= (double)m * m;
        tap_ok(es.n == (size_t)m * m && tap_close(fast, slow, 1e-12, 0) &&
                   tap_close(fast, brute, 1e-12, 0),
               "%d bits: the prefix walk's mean loss = per-sum mean (%.17g, %.17g)", bits, fast,
               slow);
        addition_work_free(&ws);
        addition_evalset_free(&es);
        addition_net_free(&net);
    }
    addition_net net = tutorial_net(&r);
    train_net(&net, &r, 10000);
    addition_evalset_init(&es, 8);
    double loss, acc;
    addition_evaluate(&net, net.w, &es, &loss, &acc, NULL);
    tap_ok(acc == 1.0 && loss < 0.02, "the trained tutorial net adds all 16384 sums (loss %.4g)",
           loss);
    addition_evalset_free(&es);
    addition_evalset_init(&es, 12);
    tap_ok(!es.full && es.n == ADDITION_SAMPLE_PAIRS, "12 bits: a fixed sample of sums");
    addition_evalset_free(&es);
    addition_net_free(&net);
}

static double block_norm(const double *v, size_t H, size_t u)
{
    double s = 0.0;
    if (u == H) {
        for (size_t i = 0; i < H; i++)
            s += v[2 * H + i] * v[2 * H + i];
        return sqrt(s);
    }
    s = v[u] * v[u] + v[H + u] * v[H + u];
    for (size_t i = 0; i < H; i++)
        s += v[3 * H + i * H + u] * v[3 * H + i * H + u];
    return sqrt(s);
}

static void test_directions(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    double d1[304], d2[304];
    rng_seed(&r, RNG_PCG, 3);
    addition_random_directions(&net, net.w, &r, d1, d2);
    int ok = 1;
    for (size_t u = 0; u <= 16; u++)
        ok &= tap_close(block_norm(d1, 16, u), block_norm(net.w, 16, u), 1e-13, 0) &&
              tap_close(block_norm(d2, 16, u), block_norm(net.w, 16, u), 1e-13, 0);
    tap_ok(ok, "random directions have the trained weights' norm per neuron");
    double e1[304] = {0}, e2[304] = {0}, traj[6 * 304];
    e1[5] = 0.6, e1[100] = 0.8; /* two orthonormal directions */
    e2[40] = 1.0;
    const double x[6] = {-3, -1, 0, 1, 2, 1}, y[6] = {0.5, -0.4, 0.2, 0.1, -0.3, -0.1};
    for (int i = 0; i < 6; i++)
        for (int p = 0; p < 304; p++)
            traj[i * 304 + p] = net.w[p] + x[i] * e1[p] + y[i] * e2[p];
    pca_result pr;
    rs_status st = pca_plane(6, 304, traj, d1, d2, &pr);
    const double *ex = pr.explained;
    /* d1 and d2 must be an orthonormal basis of span(e1, e2) */
    double a1 = 0, b1 = 0, a2 = 0, b2 = 0, dot12 = 0;
    for (int p = 0; p < 304; p++) {
        a1 += d1[p] * e1[p], b1 += d1[p] * e2[p];
        a2 += d2[p] * e1[p], b2 += d2[p] * e2[p];
        dot12 += d1[p] * d2[p];
    }
    tap_ok(st == RS_OK && tap_close(a1 * a1 + b1 * b1, 1, 1e-12, 0) &&
               tap_close(a2 * a2 + b2 * b2, 1, 1e-12, 0) && fabs(dot12) < 1e-12 &&
               tap_close(ex[0] + ex[1], 1, 1e-12, 0) && ex[0] >= ex[1],
           "PCA finds the plane a trajectory lies in (explained %.3f + %.3f)", ex[0], ex[1]);
    tap_ok(pca_plane(2, 304, traj, d1, d2, &pr) == RS_EINVAL,
           "PCA refuses fewer than 3 points");
    tap_ok(addition_grid_coord(1.0, 51, 25) == 0.0 && addition_grid_coord(2.5, 51, 0) == -2.5 &&
               addition_grid_coord(2.5, 51, 50) == 2.5,
           "grid coordinates: exact ends and centre");
    addition_evalset es;
    addition_evalset_init(&es, 8);
    double grid[9], centre;
    addition_landscape(&net, net.w, e1, e2, 0.5, 3, &es, grid);
    addition_mean_loss(&net, net.w, &es, &centre);
    double shifted[304], corner;
    for (int p = 0; p < 304; p++)
        shifted[p] = net.w[p] - 0.5 * e1[p] + 0.5 * e2[p];
    addition_mean_loss(&net, shifted, &es, &corner);
    tap_ok(grid[4] == centre, "landscape centre = the loss at the weights");
    tap_ok(tap_close(grid[2], corner, 1e-15, 0),
           "landscape (alpha, beta) = (-R, R) is w - R d1 + R d2");
    addition_evalset_free(&es);
    addition_net_free(&net);
}

static void test_io(void)
{
    rng r;
    addition_net net = tutorial_net(&r), back;
    FILE *fp = tmpfile();
    addition_write_weights(fp, &net, net.w);
    rewind(fp);
    long line;
    rs_status st = addition_read_weights(fp, &back, &line);
    tap_ok(st == RS_OK && back.bits == 8 && back.hidden == 16 &&
               memcmp(back.w, net.w, 304 * sizeof *net.w) == 0,
           "weights survive a write and read exactly");
    if (st == RS_OK)
        addition_net_free(&back);
    fclose(fp);
    fp = tmpfile();
    fputs("# bits: 8\n# hidden: 16\n0 0 0 0 0.5\n1 0 0 1 x\n", fp);
    rewind(fp);
    tap_ok(addition_read_weights(fp, &back, &line) == RS_EFORMAT && line == 4,
           "a malformed weights file is refused at its line");
    fclose(fp);
    fp = tmpfile();
    addition_write_checkpoint_header(fp, &net);
    addition_write_checkpoint(fp, 0, &net);
    addition_write_checkpoint(fp, 500, &net);
    rewind(fp);
    int bits, hidden;
    size_t n;
    long *iter;
    double *w;
    st = addition_read_checkpoints(fp, &bits, &hidden, &n, &iter, &w, &line);
    tap_ok(st == RS_OK && n == 2 && iter[1] == 500 && bits == 8 && hidden == 16 &&
               memcmp(w + 304, net.w, 304 * sizeof *w) == 0,
           "checkpoints survive a write and read exactly");
    if (st == RS_OK) {
        free(iter);
        free(w);
    }
    fclose(fp);
    addition_net_free(&net);
}

/* A temporary file holding exactly the n bytes s (NULs included). */
static FILE *file_of(const char *s, size_t n)
{
    FILE *fp = tmpfile();
    if (fp) {
        fwrite(s, 1, n, fp);
        rewind(fp);
    }
    return fp;
}

/* Reads s as a weights file: its status, *line and whether net.w is NULL
 * on failure. */
static rs_status weights_of(const char *s, size_t n, long *line, int *clean)
{
    FILE *fp = file_of(s, n);
    addition_net net;
    rs_status st = addition_read_weights(fp, &net, line);
    *clean = st == RS_OK || net.w == NULL;
    if (st == RS_OK)
        addition_net_free(&net);
    fclose(fp);
    return st;
}

static rs_status checkpoints_of(const char *s, size_t n, long *line, int *clean)
{
    FILE *fp = file_of(s, n);
    int bits, hidden;
    size_t rows;
    long *iter;
    double *w;
    rs_status st = addition_read_checkpoints(fp, &bits, &hidden, &rows, &iter, &w, line);
    *clean = st == RS_OK || (!iter && !w && rows == 0);
    if (st == RS_OK) {
        free(iter);
        free(w);
    }
    fclose(fp);
    return st;
}

#define W_HEAD "# bits: 3\n# hidden: 1\n"
#define W_BODY "0 0 0 0 -0.5\n1 0 1 0 0.25\n2 1 0 0 0.125\n3 2 0 0 -1\n"

/* Hostile weights and checkpoints files, among them what the fuzzers
 * (fuzz/fuzz_weights.c, fuzz/fuzz_checkpoints.c) found. */
static void test_io_hostile(void)
{
    static const struct {
        const char *text;
        size_t len; /* 0: strlen(text) */
        rs_status st;
        long line;
        const char *what;
    } wcases[] = {
        {W_HEAD W_BODY, 0, RS_OK, 6, "a small weights file"},
        {W_HEAD W_BODY, sizeof W_HEAD W_BODY - 2, RS_OK, 6, "no newline at the end"},
        {W_HEAD "\0\0\0ng: pcg\n" W_BODY, sizeof W_HEAD + 10, RS_EFORMAT, 3,
         "a line starting with NUL bytes (fuzzer)"},
        {W_HEAD "0 0 0 0 -0.5\0 junk\n1 0 1 0 0.25\n2 1 0 0 0.125\n3 2 0 0 -1\n",
         sizeof W_HEAD "0 0 0 0 -0.5\0 junk\n1 0 1 0 0.25\n2 1 0 0 0.125\n3 2 0 0 -1\n" - 1,
         RS_EFORMAT, 3, "a weight line with a NUL in it"},
        {W_HEAD "0 0 0 0 -0.5\n1 0 1 0 0x1p-2\n2 1 0 0 0.125\n3 2 0 0 -1\n", 0, RS_EFORMAT, 4,
         "a hexadecimal weight"},
        {W_HEAD "0 0 0 0 -0.5\n1 0 1 0 nan\n2 1 0 0 0.125\n3 2 0 0 -1\n", 0, RS_EFORMAT, 4,
         "a NaN weight"},
        {W_HEAD "0 0 0 0 -0.5\n1 0 1 0 0.25\n2 0 0 7 0.125\n3 2 0 0 -1\n", 0, RS_EFORMAT, 5,
         "a weight with the wrong matrix, row and column"},
        {"# bits: 3\n# hidden: 4294967297\n" W_BODY, 0, RS_EFORMAT, 0,
         "'# hidden: 4294967297' does not wrap to 1"},
        {"# bits: 4294967299\n# hidden: 1\n" W_BODY, 0, RS_EFORMAT, 0,
         "'# bits: 4294967299' does not wrap to 3"},
        {"# bits: 3\n# hidden: -1\n" W_BODY, 0, RS_EFORMAT, 0, "a negative hidden"},
        {W_HEAD "0 0 0 0 -0.5\n1 0 1 0 0.25\n2 1 0 0 0.125\n", 0, RS_EFORMAT, 5,
         "a missing weight"},
        {W_HEAD W_BODY "4 2 0 0 1\n", 0, RS_EFORMAT, 7, "one weight too many"},
    };
    for (size_t i = 0; i < sizeof wcases / sizeof *wcases; i++) {
        long line = -1;
        int clean;
        size_t n = wcases[i].len ? wcases[i].len : strlen(wcases[i].text);
        rs_status st = weights_of(wcases[i].text, n, &line, &clean);
        tap_ok(st == wcases[i].st && line == wcases[i].line && clean,
               "weights: %s (status %d, line %ld)", wcases[i].what, (int)st, line);
    }
#define K_HEAD "# bits: 3\n# hidden: 1\n"
    static const struct {
        const char *text;
        size_t len;
        rs_status st;
        long line;
        const char *what;
    } kcases[] = {
        {K_HEAD "0 -0.5 0.25 0.125 -1\n10 -0.25 0.5 0.125 1e-3\n", 0, RS_OK, 4,
         "a small checkpoints file"},
        {K_HEAD "\0\0\0 0.1\n0 -0.5 0.25 0.125 -1\n", sizeof K_HEAD "\0\0\0 0.1\n" - 1, RS_EFORMAT,
         3, "a line starting with NUL bytes (fuzzer)"},
        {K_HEAD "0 -0.5 0.25 0.125 -1\0 7\n", sizeof K_HEAD "0 -0.5 0.25 0.125 -1\0 7\n" - 1,
         RS_EFORMAT, 3, "a row with a NUL in it"},
        {K_HEAD "0x10 -0.5 0.25 0.125 -1\n", 0, RS_EFORMAT, 3, "a hexadecimal iteration"},
        {K_HEAD "0 -0.5 0.25 0.125 inf\n", 0, RS_EFORMAT, 3, "an infinite weight"},
        {K_HEAD "0.5 -0.5 0.25 0.125 -1\n", 0, RS_EFORMAT, 3, "a fractional iteration"},
        {K_HEAD "0 -0.5 0.25 0.125\n", 0, RS_EFORMAT, 3, "a short row"},
        {K_HEAD "0 -0.5 0.25 0.125 -1 7\n", 0, RS_EFORMAT, 3, "a long row"},
        {"# bits: 3\n# hidden: 4294967297\n0 -0.5 0.25 0.125 -1\n", 0, RS_EFORMAT, 0,
         "'# hidden: 4294967297' does not wrap to 1"},
        {"# bits: 3\n# hidden: 1024\n0 1 2\n", 0, RS_EFORMAT, 3,
         "a short row of 1024 hidden units"},
        {K_HEAD, 0, RS_EFORMAT, 0, "no checkpoint"},
    };
    for (size_t i = 0; i < sizeof kcases / sizeof *kcases; i++) {
        long line = -1;
        int clean;
        size_t n = kcases[i].len ? kcases[i].len : strlen(kcases[i].text);
        rs_status st = checkpoints_of(kcases[i].text, n, &line, &clean);
        tap_ok(st == kcases[i].st && line == kcases[i].line && clean,
               "checkpoints: %s (status %d, line %ld)", kcases[i].what, (int)st, line);
    }
}

int main(void)
{
    (void)tap_plan;
    (void)tap_diag;
    test_initial_weights();
    test_tutorial_log();
    test_gradient();
    test_update_sign();
    test_dhnorm();
    test_mean_loss();
    test_directions();
    test_io();
    test_io_hostile();
    return tap_done();
}
