#include "addition_batch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition_kernel.h"

struct addition_batch {
    int bits, hidden;
    size_t hp, rows; /* padded hidden size; sums per batch */
    addition_kernel_ops ops;
    double *wh, *wht;    /* hp x hp: Wh and its transpose, zero padded, packed */
    double *w1, *in;     /* hp: W1; 4 x hp: x W0 for the inputs 2 a_k + b_k */
    double *h;           /* (bits + 1) x rows x hp: h_0 = 0, h_1 .. h_T */
    double *o;           /* bits x rows: outputs */
    double *pre, *fut, *cur; /* rows x hp: pre-activations; deltas e_(k+1), e_k */
    double *z;           /* rows */
    double *dh;          /* bits x rows: ||dE/dh_k|| per sum */
    uint32_t *ch;        /* rows + 1: row r's only child is row r */
    unsigned char *x, *c; /* bits x rows: inputs and target bits */
};

void addition_batch_free(addition_batch *b)
{
    if (!b)
        return;
    free(b->wh);
    free(b->ch);
    free(b->x);
    free(b);
}

rs_status addition_batch_new(int bits, int hidden, addition_batch **out)
{
    *out = NULL;
    if (bits < 2 || bits > ADDITION_BITS_MAX || hidden < 1 || hidden > ADDITION_HIDDEN_MAX)
        return RS_EINVAL;
    addition_batch *b = calloc(1, sizeof *b);
    if (!b)
        return RS_ENOMEM;
    size_t hp = ((size_t)hidden + ADDITION_KERNEL_PAD - 1) / ADDITION_KERNEL_PAD *
                ADDITION_KERNEL_PAD;
    size_t rows = 8192 / hp, T = (size_t)bits;
    rows = rows < 8 ? 8 : rows > 64 ? 64 : rows;
    *b = (addition_batch){.bits = bits, .hidden = hidden, .hp = hp, .rows = rows};
    addition_kernel_select(&b->ops);
    size_t nd = 2 * hp * hp + 5 * hp + (T + 1) * rows * hp + T * rows + 3 * rows * hp + rows + T * rows;
    b->wh = calloc(nd, sizeof *b->wh);
    b->ch = malloc((rows + 1) * sizeof *b->ch);
    b->x = malloc(2 * T * rows);
    if (!b->wh || !b->ch || !b->x) {
        addition_batch_free(b);
        return RS_ENOMEM;
    }
    b->wht = b->wh + hp * hp;
    b->w1 = b->wht + hp * hp;
    b->in = b->w1 + hp;
    b->h = b->in + 4 * hp;
    b->o = b->h + (T + 1) * rows * hp;
    b->pre = b->o + T * rows;
    b->fut = b->pre + rows * hp;
    b->cur = b->fut + rows * hp;
    b->z = b->cur + rows * hp;
    b->dh = b->z + rows;
    b->c = b->x + T * rows;
    for (size_t r = 0; r <= rows; r++)
        b->ch[r] = (uint32_t)r;
    *out = b;
    return RS_OK;
}

void addition_batch_load(addition_batch *b, const double *w)
{
    size_t H = (size_t)b->hidden, hp = b->hp;
    const double *w0 = w, *w1 = w + 2 * H, *wh = w + 3 * H;
    for (size_t i = 0; i < H; i++)
        for (size_t j = 0; j < H; j++) {
            b->wh[addition_kernel_packed(hp, i, j)] = wh[i * H + j];
            b->wht[addition_kernel_packed(hp, j, i)] = wh[i * H + j];
        }
    memcpy(b->w1, w1, H * sizeof *w1);
    for (int x = 0; x < 4; x++) {
        double xa = (double)(x >> 1), xb = (double)(x & 1);
        for (size_t j = 0; j < H; j++) /* forward: x_k W0 */
            b->in[(size_t)x * hp + j] = xa * w0[j] + xb * w0[H + j];
    }
}

/* Forward over n <= rows sums: h_k and o_k for every k. */
static void forward(addition_batch *b, size_t n)
{
    size_t hp = b->hp, R = b->rows;
    for (int k = 1; k <= b->bits; k++) {
        const double *hp_prev = b->h + (size_t)(k - 1) * R * hp;
        double *hk = b->h + (size_t)k * R * hp, *ok = b->o + (size_t)(k - 1) * R;
        /* forward: x_k W0 + h_(k-1) Wh, then h_k = sigma(.), o_k = sigma(h_k W1) */
        b->ops.expand(n, hp, hp_prev, b->wh, b->ch, b->x + (size_t)(k - 1) * R, b->in, b->pre);
        b->ops.sigmoid(b->pre, hk, n * hp);
        b->ops.rowdot(n, hp, hk, b->w1, b->z);
        b->ops.sigmoid(b->z, ok, n);
    }
}

/* Backward over n sums, the tutorial's walk: ||dE/dh_k|| per sum into dh. */
static void backward(addition_batch *b, size_t n, double *dh)
{
    size_t H = (size_t)b->hidden, hp = b->hp, R = b->rows;
    memset(b->fut, 0, n * hp * sizeof *b->fut); /* no future delta after the last bit */
    for (int k = b->bits; k >= 1; k--) {
        const double *hk = b->h + (size_t)k * R * hp, *ok = b->o + (size_t)(k - 1) * R;
        const unsigned char *ck = b->c + (size_t)(k - 1) * R;
        b->ops.gemm(n, hp, b->fut, b->wht, b->pre); /* e_(k+1) Wh^T */
        for (size_t r = 0; r < n; r++) {
            double o = ok[r];
            /* BPTT: output delta d_k = (c_k - o_k) o_k (1 - o_k) = -dE/dz_k */
            double d = ((double)ck[r] - o) * (o * (1.0 - o));
            const double *g0 = b->pre + r * hp, *h = hk + r * hp;
            double *cur = b->cur + r * hp, norm2 = 0.0;
            for (size_t j = 0; j < H; j++) {
                double g = g0[j] + d * b->w1[j]; /* BPTT: -dE/dh_k = e_(k+1) Wh^T + d_k W1^T */
                norm2 += g * g;
                cur[j] = g * (h[j] * (1.0 - h[j])); /* BPTT: e_k = (-dE/dh_k) h_k (1 - h_k) */
            }
            dh[(size_t)(k - 1) * R + r] = sqrt(norm2);
        }
        double *t = b->fut;
        b->fut = b->cur;
        b->cur = t;
    }
}

void addition_batch_run(addition_batch *b, const uint32_t *a, const uint32_t *bv, size_t n,
                        int want_dh, addition_batch_sums *s)
{
    size_t R = b->rows, T = (size_t)b->bits;
    double *dh = want_dh ? b->dh : NULL;
    for (size_t i0 = 0; i0 < n; i0 += R) {
        size_t m = n - i0 < R ? n - i0 : R;
        for (size_t r = 0; r < m; r++) {
            uint32_t x = a[i0 + r], y = bv[i0 + r], c = x + y;
            for (size_t k = 0; k < T; k++) {
                b->x[k * R + r] = (unsigned char)(((x >> k) & 1u) << 1 | ((y >> k) & 1u));
                b->c[k * R + r] = (unsigned char)((c >> k) & 1u);
            }
        }
        forward(b, m);
        if (dh)
            backward(b, m, dh);
        for (size_t r = 0; r < m; r++) {
            double e = 0.0;
            int right = 1;
            for (size_t k = 0; k < T; k++) {
                double o = b->o[k * R + r], res = (double)b->c[k * R + r] - o;
                e += 0.5 * res * res; /* loss: E = sum_k 1/2 (c_k - o_k)^2 */
                right &= (o > 0.5) == (b->c[k * R + r] != 0);
            }
            s->loss += addition_loss_defined(e);
            s->correct += right;
            if (dh)
                for (size_t k = 0; k < T; k++)
                    s->dh[k] += dh[k * R + r];
        }
    }
}
