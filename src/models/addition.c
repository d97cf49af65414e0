#include "addition.h"

#include "addition_batch.h"
#include "addition_trie.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Logistic sigmoid, written as the tutorial writes it: 1/(1+exp(-x)). */
static double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

size_t addition_nparams(int hidden)
{
    size_t h = (size_t)hidden;
    return 2 * h + h + h * h;
}

rs_status addition_net_init(addition_net *net, int bits, int hidden)
{
    net->w = NULL;
    if (bits < 2 || bits > ADDITION_BITS_MAX || hidden < 1 || hidden > ADDITION_HIDDEN_MAX)
        return RS_EINVAL;
    net->bits = bits;
    net->hidden = hidden;
    net->nparams = addition_nparams(hidden);
    net->w = calloc(net->nparams, sizeof *net->w);
    return net->w ? RS_OK : RS_ENOMEM;
}

void addition_net_free(addition_net *net)
{
    free(net->w);
    net->w = NULL;
}

void addition_net_randomize(addition_net *net, rng *r)
{
    /* np.random.random((rows, cols)) fills row-major; W0, W1, Wh are laid
     * out back to back in that same order, so one pass reproduces all three. */
    for (size_t p = 0; p < net->nparams; p++)
        net->w[p] = 2.0 * rng_double(r) - 1.0;
}

const char *addition_param_name(int hidden, size_t p, int *row, int *col)
{
    size_t h = (size_t)hidden;
    if (p < 2 * h) {
        *row = (int)(p / h);
        *col = (int)(p % h);
        return "W0";
    }
    if (p < 3 * h) {
        *row = (int)(p - 2 * h);
        *col = 0;
        return "W1";
    }
    p -= 3 * h;
    *row = (int)(p / h);
    *col = (int)(p % h);
    return "Wh";
}

rs_status addition_work_init(addition_work *ws, int bits, int hidden)
{
    size_t t = (size_t)bits, h = (size_t)hidden;
    ws->bits = bits;
    ws->hidden = hidden;
    ws->h = calloc((t + 1) * h + 2 * h, sizeof *ws->h);
    ws->o = calloc(t, sizeof *ws->o);
    ws->x = calloc(2 * t, 1);
    ws->c = calloc(t, 1);
    if (!ws->h || !ws->o || !ws->x || !ws->c) {
        addition_work_free(ws);
        return RS_ENOMEM;
    }
    ws->fut = ws->h + (t + 1) * h;
    ws->cur = ws->fut + h;
    return RS_OK;
}

void addition_work_free(addition_work *ws)
{
    free(ws->h);
    free(ws->o);
    free(ws->x);
    free(ws->c);
    ws->h = ws->o = ws->fut = ws->cur = NULL;
    ws->x = ws->c = NULL;
}

/* The recurrent sum rec = h_(k-1) Wh, accumulated from 0 in the order of
 * i as the tutorial's dot product does; the j loop is elementwise. */
static void recurrent_sum(size_t H, const double *w, const double *hp, double *rec)
{
    const double *wh = w + 3 * H;
    for (size_t j = 0; j < H; j++)
        rec[j] = 0.0;
    for (size_t i = 0; i < H; i++) {
        double hi = hp[i];
        const double *row = wh + i * H;
#pragma omp simd
        for (size_t j = 0; j < H; j++)
            rec[j] += hi * row[j];
    }
}

/* forward: h_k = sigma(x_k W0 + h_(k-1) Wh), given rec = h_(k-1) Wh */
static void activate(size_t H, const double *w, int xa, int xb, const double *rec, double *hk)
{
    const double *w0 = w;
    for (size_t j = 0; j < H; j++) {
        double in = (double)xa * w0[j] + (double)xb * w0[H + j];
        hk[j] = sigmoid(in + rec[j]);
    }
}

/* One recurrent step; hk doubles as the scratch for the recurrent sum. */
static void hidden_step(int hidden, const double *w, int xa, int xb, const double *hp, double *hk)
{
    recurrent_sum((size_t)hidden, w, hp, hk);
    activate((size_t)hidden, w, xa, xb, hk, hk);
}

/* forward: o_k = sigma(h_k W1) */
static double output_step(int hidden, const double *w, const double *hk)
{
    const double *w1 = w + 2 * (size_t)hidden;
    double z = 0.0;
    for (int j = 0; j < hidden; j++)
        z += hk[j] * w1[j];
    return sigmoid(z);
}

void addition_forward(const addition_net *net, const double *w, uint32_t a, uint32_t b,
                      addition_work *ws)
{
    size_t H = (size_t)net->hidden;
    uint32_t c = a + b;
    memset(ws->h, 0, H * sizeof *ws->h); /* h_0 = 0 */
    for (int k = 1; k <= net->bits; k++) {
        int xa = (int)((a >> (k - 1)) & 1u), xb = (int)((b >> (k - 1)) & 1u);
        ws->x[2 * (k - 1)] = (unsigned char)xa;
        ws->x[2 * (k - 1) + 1] = (unsigned char)xb;
        ws->c[k - 1] = (unsigned char)((c >> (k - 1)) & 1u);
        double *hk = ws->h + (size_t)k * H;
        hidden_step(net->hidden, w, xa, xb, hk - H, hk);
        ws->o[k - 1] = output_step(net->hidden, w, hk);
    }
}

double addition_loss_defined(double e) { return isnan(e) ? INFINITY : e; }

/* Loss: E = sum_k 1/2 (c_k - o_k)^2 over a forward pass already run. */
static double sequence_loss(int bits, const addition_work *ws)
{
    double e = 0.0;
    for (int k = 0; k < bits; k++) {
        double r = (double)ws->c[k] - ws->o[k];
        e += 0.5 * r * r;
    }
    return addition_loss_defined(e);
}

double addition_loss(const addition_net *net, const double *w, uint32_t a, uint32_t b,
                     addition_work *ws)
{
    addition_forward(net, w, a, b, ws);
    return sequence_loss(net->bits, ws);
}

/* The tutorial's backward walk over a forward pass already run. Adds its
 * weight update (which is -dE/dw) into upd unless upd is NULL; dhnorm, if
 * not NULL, gets ||dE/dh_k||. */
static void backward(const addition_net *net, const double *w, addition_work *ws, double *upd,
                     double *dhnorm)
{
    size_t H = (size_t)net->hidden;
    const double *w1 = w + 2 * H, *wh = w + 3 * H;
    double *fut = ws->fut, *cur = ws->cur;
    memset(fut, 0, H * sizeof *fut); /* no future delta after the last bit */
    for (int k = net->bits; k >= 1; k--) {
        const double *hk = ws->h + (size_t)k * H, *hp = hk - H;
        double o = ws->o[k - 1];
        /* BPTT: output delta d_k = (c_k - o_k) o_k (1 - o_k) = -dE/dz_k */
        double d = ((double)ws->c[k - 1] - o) * (o * (1.0 - o));
        double norm2 = 0.0;
        for (size_t j = 0; j < H; j++) {
            const double *row = wh + j * H;
            double g = 0.0;
            for (size_t i = 0; i < H; i++)
                g += fut[i] * row[i];
            /* BPTT: -dE/dh_k = e_(k+1) Wh^T + d_k W1^T */
            g += d * w1[j];
            norm2 += g * g;
            /* BPTT: hidden delta e_k = (-dE/dh_k) * h_k (1 - h_k) */
            cur[j] = g * (hk[j] * (1.0 - hk[j]));
        }
        if (dhnorm)
            dhnorm[k - 1] = sqrt(norm2);
        if (upd) {
            int xa = ws->x[2 * (k - 1)], xb = ws->x[2 * (k - 1) + 1];
            double *u0 = upd, *u1 = upd + 2 * H, *uh = upd + 3 * H;
            for (size_t j = 0; j < H; j++)
                u1[j] += hk[j] * d; /* BPTT: dW1 += h_k^T d_k */
            for (size_t i = 0; i < H; i++)
                for (size_t j = 0; j < H; j++)
                    uh[i * H + j] += hp[i] * cur[j]; /* BPTT: dWh += h_(k-1)^T e_k */
            for (size_t j = 0; j < H; j++) {
                u0[j] += (double)xa * cur[j]; /* BPTT: dW0 += x_k^T e_k */
                u0[H + j] += (double)xb * cur[j];
            }
        }
        double *t = fut;
        fut = cur;
        cur = t;
    }
}

void addition_gradient(const addition_net *net, const double *w, uint32_t a, uint32_t b,
                       addition_work *ws, double *grad, double *loss, double *dhnorm)
{
    addition_forward(net, w, a, b, ws);
    if (loss)
        *loss = sequence_loss(net->bits, ws);
    memset(grad, 0, net->nparams * sizeof *grad);
    backward(net, w, ws, grad, dhnorm);
    /* the tutorial's update is the descent direction: dE/dw = -update */
    for (size_t p = 0; p < net->nparams; p++)
        grad[p] = -grad[p];
}

/* Integer value of the predicted bits round(o_k); o_k = 0.5 rounds to 0
 * as np.round (half to even) does. */
static uint64_t predicted_value(int bits, const addition_work *ws)
{
    uint64_t v = 0;
    for (int k = 0; k < bits; k++)
        if (ws->o[k] > 0.5)
            v |= (uint64_t)1 << k;
    return v;
}

void addition_train_step(addition_net *net, double alpha, uint32_t a, uint32_t b, addition_work *ws,
                         double *upd, addition_step *out)
{
    addition_forward(net, net->w, a, b, ws);
    double err = 0.0;
    for (int k = 0; k < net->bits; k++)
        err += fabs((double)ws->c[k] - ws->o[k]); /* the tutorial's overallError */
    out->abs_error = err;
    out->loss = sequence_loss(net->bits, ws);
    out->pred = predicted_value(net->bits, ws);
    out->target = (uint64_t)a + b;
    backward(net, net->w, ws, upd, NULL);
    for (size_t p = 0; p < net->nparams; p++) {
        /* update: W += dW * alpha, then the accumulator is emptied */
        net->w[p] += upd[p] * alpha;
        upd[p] = 0.0;
    }
}

rs_status addition_evalset_init(addition_evalset *es, int bits)
{
    es->a = es->b = NULL;
    es->bits = bits;
    if (bits < 2 || bits > ADDITION_BITS_MAX)
        return RS_EINVAL;
    uint32_t m = (uint32_t)1 << (bits - 1);
    es->full = bits <= ADDITION_FULL_BITS_MAX;
    es->n = es->full ? (size_t)m * m : ADDITION_SAMPLE_PAIRS;
    es->a = malloc(es->n * sizeof *es->a);
    es->b = malloc(es->n * sizeof *es->b);
    if (!es->a || !es->b) {
        addition_evalset_free(es);
        return RS_ENOMEM;
    }
    rng r;
    rng_seed(&r, RNG_PCG, ADDITION_SAMPLE_SEED);
    for (size_t i = 0; i < es->n; i++) {
        if (es->full) {
            es->a[i] = (uint32_t)(i / m);
            es->b[i] = (uint32_t)(i % m);
        } else {
            es->a[i] = rng_below(&r, m);
            es->b[i] = rng_below(&r, m);
        }
    }
    return RS_OK;
}

void addition_evalset_free(addition_evalset *es)
{
    free(es->a);
    free(es->b);
    es->a = es->b = NULL;
    es->n = 0;
}

/* Fixed blocks make every reduction's order independent of the threads. */
#define EVAL_BLOCKS 64

typedef struct {
    double loss, correct;
    double dh[ADDITION_BITS_MAX];
    int failed;
} eval_block;

static void evaluate_block(const addition_net *net, const double *w, const addition_evalset *es,
                           size_t lo, size_t hi, int want_dh, eval_block *out)
{
    addition_batch *b;
    memset(out, 0, sizeof *out);
    if (addition_batch_new(net->bits, net->hidden, &b) != RS_OK) {
        out->failed = 1;
        return;
    }
    addition_batch_sums s = {0};
    addition_batch_load(b, w);
    addition_batch_run(b, es->a + lo, es->b + lo, hi - lo, want_dh, &s);
    out->loss = s.loss;
    out->correct = s.correct;
    memcpy(out->dh, s.dh, sizeof out->dh);
    addition_batch_free(b);
}

rs_status addition_evaluate(const addition_net *net, const double *w, const addition_evalset *es,
                            double *mean_loss, double *accuracy, double *dhnorm)
{
    eval_block *blk = calloc(EVAL_BLOCKS, sizeof *blk);
    if (!blk)
        return RS_ENOMEM;
#pragma omp parallel for schedule(static)
    for (int q = 0; q < EVAL_BLOCKS; q++)
        evaluate_block(net, w, es, es->n * (size_t)q / EVAL_BLOCKS,
                       es->n * (size_t)(q + 1) / EVAL_BLOCKS, dhnorm != NULL, &blk[q]);
    double loss = 0.0, correct = 0.0, dh[ADDITION_BITS_MAX] = {0};
    int failed = 0;
    for (int q = 0; q < EVAL_BLOCKS; q++) {
        failed |= blk[q].failed;
        loss += blk[q].loss;
        correct += blk[q].correct;
        for (int k = 0; k < net->bits; k++)
            dh[k] += blk[q].dh[k];
    }
    free(blk);
    if (failed)
        return RS_ENOMEM;
    if (mean_loss)
        *mean_loss = loss / (double)es->n;
    if (accuracy)
        *accuracy = correct / (double)es->n;
    if (dhnorm)
        for (int k = 0; k < net->bits; k++)
            dhnorm[k] = dh[k] / (double)es->n;
    return RS_OK;
}

rs_status addition_mean_loss(const addition_net *net, const double *w, const addition_evalset *es,
                             double *mean_loss)
{
    addition_trie t;
    addition_trie_work *wk = NULL;
    rs_status st = addition_trie_init(&t, es);
    if (st == RS_OK)
        st = addition_trie_work_new(&t, net->hidden, &wk);
    if (st == RS_OK)
        st = addition_trie_eval(&t, net, w, wk, mean_loss, NULL);
    addition_trie_work_free(wk);
    addition_trie_free(&t);
    return st;
}
