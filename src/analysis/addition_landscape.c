#include "addition_landscape.h"

#include "addition_trie.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* Index of entry i of neuron u's incoming block (u < H hidden, u == H the
 * output); hidden blocks have 2 + H entries, the output block H. */
static size_t block_index(size_t H, size_t u, size_t i)
{
    if (u == H)
        return 2 * H + i;                               /* W1[i] */
    return i < 2 ? i * H + u : 3 * H + (i - 2) * H + u; /* W0[i][u], Wh[i-2][u] */
}

void addition_filter_normalize(const addition_net *net, const double *w, double *d)
{
    size_t H = (size_t)net->hidden;
    for (size_t u = 0; u <= H; u++) {
        size_t len = u == H ? H : 2 + H;
        double nw = 0.0, nd = 0.0;
        for (size_t i = 0; i < len; i++) {
            size_t p = block_index(H, u, i);
            nw += w[p] * w[p];
            nd += d[p] * d[p];
        }
        if (nd == 0.0)
            continue;
        /* filter normalisation: d_u <- d_u / ||d_u|| * ||w_u|| */
        double s = sqrt(nw) / sqrt(nd);
        for (size_t i = 0; i < len; i++)
            d[block_index(H, u, i)] *= s;
    }
}

void addition_random_directions(const addition_net *net, const double *w, rng *r, double *d1,
                                double *d2)
{
    for (size_t p = 0; p < net->nparams; p++)
        d1[p] = rng_normal(r);
    for (size_t p = 0; p < net->nparams; p++)
        d2[p] = rng_normal(r);
    addition_filter_normalize(net, w, d1);
    addition_filter_normalize(net, w, d2);
}

double addition_grid_coord(double range, size_t n, size_t i)
{
    if (n < 2)
        return 0.0;
    /* symmetric grid: range * (2i - (n-1)) / (n-1), exactly 0 in the middle */
    return range * ((2.0 * (double)i - (double)(n - 1)) / (double)(n - 1));
}

struct addition_landscape_plan {
    const addition_net *net;
    const double *w, *d1, *d2;
    double range;
    size_t n;
    addition_trie trie;
};

rs_status addition_landscape_plan_new(const addition_net *net, const double *w, const double *d1,
                                      const double *d2, double range, size_t n,
                                      const addition_evalset *es, addition_landscape_plan **out)
{
    *out = NULL;
    if (es->bits != net->bits)
        return RS_EINVAL;
    addition_landscape_plan *pl = malloc(sizeof *pl);
    if (!pl)
        return RS_ENOMEM;
    *pl = (addition_landscape_plan){net, w, d1, d2, range, n, {0}};
    rs_status st = addition_trie_init(&pl->trie, es);
    if (st != RS_OK) {
        free(pl);
        return st;
    }
    *out = pl;
    return RS_OK;
}

void addition_landscape_plan_free(addition_landscape_plan *pl)
{
    if (!pl)
        return;
    addition_trie_free(&pl->trie);
    free(pl);
}

/* Rows [row_lo, row_hi) of constant alpha, or with by_beta of constant
 * beta; each point by the same formula either way. */
static rs_status landscape_points(const addition_landscape_plan *pl, size_t row_lo, size_t row_hi,
                                  int by_beta, double *out)
{
    const addition_net *net = pl->net;
    const size_t np = net->nparams, n = pl->n;
    const long total = (long)((row_hi - row_lo) * n);
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        double *wt = malloc(np * sizeof *wt);
        addition_trie_work *wk = NULL;
        if (!wt || addition_trie_work_new(&pl->trie, net->hidden, &wk) != RS_OK)
            failed = 1;
        /* every point is computed by the same code from the same inputs
         * whatever thread takes it: dynamic scheduling keeps the result */
#pragma omp for schedule(dynamic, 1)
        for (long q = 0; q < total; q++) {
            size_t i = row_lo + (size_t)q / n, j = (size_t)q % n;
            if (by_beta) { /* row i is beta_i: the point (alpha_j, beta_i) */
                size_t t = i;
                i = j;
                j = t;
            }
            double a = addition_grid_coord(pl->range, n, i), b = addition_grid_coord(pl->range, n, j);
            out[q] = NAN;
            if (!wk)
                continue;
            for (size_t p = 0; p < np; p++)
                wt[p] = pl->w[p] + a * pl->d1[p] + b * pl->d2[p]; /* plane: w* + alpha d1 + beta d2 */
            addition_trie_eval(&pl->trie, net, wt, wk, &out[q], NULL);
        }
        addition_trie_work_free(wk);
        free(wt);
    }
    return failed ? RS_ENOMEM : RS_OK;
}

rs_status addition_landscape_rows(const addition_landscape_plan *pl, size_t row_lo, size_t row_hi,
                                  double *out)
{
    return landscape_points(pl, row_lo, row_hi, 0, out);
}

rs_status addition_landscape_beta_rows(const addition_landscape_plan *pl, size_t row_lo,
                                       size_t row_hi, double *out)
{
    return landscape_points(pl, row_lo, row_hi, 1, out);
}

rs_status addition_landscape_run(const addition_landscape_plan *pl, size_t row_lo, size_t row_hi,
                                 size_t block_rows, double *out, addition_landscape_block_fn on_block,
                                 void *ctx)
{
    if (row_hi < row_lo || row_hi > pl->n)
        return RS_EINVAL;
    if (block_rows == 0)
        block_rows = 1;
    for (size_t r = row_lo; r < row_hi; r += block_rows) {
        size_t e = row_hi - r < block_rows ? row_hi : r + block_rows;
        double *v = out + (r - row_lo) * pl->n;
        rs_status st = addition_landscape_rows(pl, r, e, v);
        if (st == RS_OK && on_block)
            st = on_block(ctx, r, e, v);
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}

rs_status addition_landscape(const addition_net *net, const double *w, const double *d1,
                             const double *d2, double range, size_t n, const addition_evalset *es,
                             double *loss)
{
    addition_landscape_plan *pl;
    rs_status st = addition_landscape_plan_new(net, w, d1, d2, range, n, es, &pl);
    if (st == RS_OK)
        st = addition_landscape_run(pl, 0, n, n, loss, NULL, NULL);
    addition_landscape_plan_free(pl);
    return st;
}

/* ---- memory estimates --------------------------------------------------- */

double addition_evalset_pairs(int bits)
{
    if (bits < 2 || bits > ADDITION_BITS_MAX)
        return 0.0;
    double m = ldexp(1.0, bits - 1);
    return bits <= ADDITION_FULL_BITS_MAX ? m * m : (double)ADDITION_SAMPLE_PAIRS;
}

double addition_evalset_bytes(int bits) { return addition_evalset_pairs(bits) * 2 * sizeof(uint32_t); }

/* Hidden units padded as the kernels pad them (a multiple of 8; more
 * padding than the kernels use only raises the estimate). */
static double padded(int hidden) { return ceil((double)hidden / 8.0) * 8.0; }

double addition_trie_bytes(int bits, double pairs)
{
    /* building: a 16-byte key and a 4-byte node per sum; kept: per level
     * at most min(4^k, pairs) nodes of input, target (1 byte each), weight
     * (8) and their parents' child index (4) */
    double b = pairs * (16.0 + 4.0);
    for (int k = 1; k <= bits; k++)
        b += fmin(ldexp(1.0, 2 * k), pairs) * (1.0 + 1.0 + 8.0 + 4.0) + 4.0;
    return b;
}

double addition_trie_work_bytes(int bits, int hidden)
{
    /* padded Wh, W1, the four input rows, h_0; per chunk of rmax nodes
     * (at most 4 x max(24, 1024 / hp) of them) the states of every level,
     * the pre-activations, z, o and the flags */
    double hp = padded(hidden), rmax = 4.0 * fmax(24.0, floor(1024.0 / hp)), T = bits;
    double doubles = hp * hp + 6.0 * hp + rmax * hp + 2.0 * rmax + T * rmax * hp;
    return doubles * sizeof(double) + (T + 1.0) * rmax + 256.0;
}

double addition_evaluate_bytes(int bits, int hidden, size_t threads)
{
    /* one batch (addition_batch_new) per thread at a time: two padded
     * copies of Wh, the states of up to 64 rows and their deltas */
    double hp = padded(hidden), rows = fmin(64.0, fmax(8.0, floor(8192.0 / hp))), T = bits;
    double batch = (2 * hp * hp + 5 * hp + (T + 1) * rows * hp + 2 * T * rows + 3 * rows * hp +
                    rows) * sizeof(double) + (rows + 1) * 4.0 + 2 * T * rows;
    return addition_evalset_bytes(bits) + (double)threads * batch + 64.0 * 512.0;
}

double addition_landscape_bytes(int bits, int hidden, double grid_values, size_t threads)
{
    double np = (double)addition_nparams(hidden);
    double per_thread = addition_trie_work_bytes(bits, hidden) + np * sizeof(double);
    return addition_evalset_bytes(bits) + addition_trie_bytes(bits, addition_evalset_pairs(bits)) +
           (double)threads * per_thread + 4.0 * np * sizeof(double) +
           grid_values * sizeof(double);
}
