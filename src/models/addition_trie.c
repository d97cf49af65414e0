#include "addition_trie.h"

#include <stdlib.h>
#include <string.h>

#include "addition_kernel.h"

/* ---- the trie ------------------------------------------------------- */

/* The path of a + b as base-4 digits, bit 1's input (2 a_1 + b_1) most
 * significant: sorting these keys sorts the pairs in trie order. */
static uint64_t path_key(int bits, uint32_t a, uint32_t b)
{
    uint64_t key = 0;
    for (int k = 0; k < bits; k++)
        key = key << 2 | (uint64_t)(((a >> k) & 1u) << 1 | ((b >> k) & 1u));
    return key;
}

typedef struct {
    uint64_t key;
    uint32_t sum_low; /* (a + b) mod 2^32: the target bits */
} trie_pair;

static int pair_cmp(const void *x, const void *y)
{
    uint64_t a = ((const trie_pair *)x)->key, b = ((const trie_pair *)y)->key;
    return a < b ? -1 : a > b;
}

void addition_trie_free(addition_trie *t)
{
    for (int k = 0; k <= ADDITION_BITS_MAX; k++) {
        if (k < ADDITION_BITS_MAX) {
            free(t->child[k]);
            t->child[k] = NULL;
        }
        free(t->input[k]);
        free(t->target[k]);
        free(t->weight[k]);
        t->input[k] = t->target[k] = NULL;
        t->weight[k] = NULL;
    }
}

/* Level k's nodes from the sorted pairs; node[i] holds pair i's level-(k-1)
 * node on entry and its level-k node on return. */
static rs_status build_level(addition_trie *t, int k, const trie_pair *pr, uint32_t *node)
{
    size_t n = t->pairs, shift = 2 * (size_t)(t->bits - k), count = 0;
    for (size_t i = 0; i < n; i++)
        count += i == 0 || pr[i].key >> shift != pr[i - 1].key >> shift;
    t->nodes[k] = count;
    t->child[k - 1] = malloc((t->nodes[k - 1] + 1) * sizeof *t->child[k - 1]);
    t->input[k] = malloc(count);
    t->target[k] = malloc(count);
    t->weight[k] = calloc(count, sizeof *t->weight[k]);
    if (!t->child[k - 1] || !t->input[k] || !t->target[k] || !t->weight[k])
        return RS_ENOMEM;
    uint32_t c = 0, last_parent = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t prefix = pr[i].key >> shift;
        if (i == 0 || prefix != pr[i - 1].key >> shift) {
            c = i == 0 ? 0 : c + 1;
            uint32_t parent = node[i];
            if (i == 0 || parent != last_parent) /* the parent's first child */
                t->child[k - 1][parent] = c;
            last_parent = parent;
            t->input[k][c] = (unsigned char)(prefix & 3u);
            t->target[k][c] = (unsigned char)((pr[i].sum_low >> (k - 1)) & 1u);
        }
        t->weight[k][c] += 1.0;
        node[i] = c;
    }
    t->child[k - 1][t->nodes[k - 1]] = (uint32_t)count;
    return RS_OK;
}

rs_status addition_trie_init(addition_trie *t, const addition_evalset *es)
{
    memset(t, 0, sizeof *t);
    if (es->bits < 2 || es->bits > ADDITION_BITS_MAX || es->n == 0 || es->n > UINT32_MAX)
        return RS_EINVAL;
    t->bits = es->bits;
    t->pairs = es->n;
    t->nodes[0] = 1;
    trie_pair *pr = malloc(es->n * sizeof *pr);
    uint32_t *node = calloc(es->n, sizeof *node);
    rs_status st = pr && node ? RS_OK : RS_ENOMEM;
    if (st == RS_OK) {
        for (size_t i = 0; i < es->n; i++) {
            pr[i].key = path_key(es->bits, es->a[i], es->b[i]);
            pr[i].sum_low = es->a[i] + es->b[i];
        }
        qsort(pr, es->n, sizeof *pr, pair_cmp);
        for (int k = 1; k <= t->bits && st == RS_OK; k++)
            st = build_level(t, k, pr, node);
    }
    free(pr);
    free(node);
    if (st != RS_OK)
        addition_trie_free(t);
    return st;
}

size_t addition_trie_states(const addition_trie *t)
{
    size_t s = 0;
    for (int k = 1; k <= t->bits; k++)
        s += t->nodes[k];
    return s;
}

/* ---- the evaluation -------------------------------------------------- */

struct addition_trie_work {
    int bits, hidden;
    size_t hp;   /* hidden, padded to ADDITION_KERNEL_PAD */
    size_t rmax; /* most nodes per chunk and level */
    addition_kernel_ops ops;
    double *wh;          /* hp x hp: Wh, zero outside hidden x hidden, packed */
    double *w1;          /* hp: W1, zero padded */
    double *in;          /* 4 x hp: x W0 for the inputs 2 a_k + b_k = 0..3 */
    double *root;        /* hp zeros: h_0 */
    double *state;       /* bits x rmax x hp: the current chunk's h_k per level */
    double *pre;         /* rmax x hp: children's pre-activations */
    double *z, *o;       /* rmax: output pre-activation and output */
    unsigned char *ok;   /* (bits + 1) x rmax: all bits so far right */
    double level_loss[ADDITION_BITS_MAX];
    int want_accuracy;
    double correct;
};

/* Chunks small enough that a level's states stay in the nearest caches,
 * large enough for the matrix product to run at full speed: about
 * ADDITION_TRIE_CHUNK doubles of parents' states, and at least 24 parents
 * (four full register tiles); a parent has at most 4 children. */
#ifndef ADDITION_TRIE_CHUNK
#define ADDITION_TRIE_CHUNK 1024
#endif
static size_t chunk_rows(size_t hp)
{
    size_t parents = ADDITION_TRIE_CHUNK / hp;
    return 4 * (parents < 24 ? 24 : parents);
}

void addition_trie_work_free(addition_trie_work *wk)
{
    if (!wk)
        return;
    free(wk->wh);
    free(wk->state);
    free(wk->ok);
    free(wk);
}

rs_status addition_trie_work_new(const addition_trie *t, int hidden, addition_trie_work **out)
{
    *out = NULL;
    if (hidden < 1 || hidden > ADDITION_HIDDEN_MAX)
        return RS_EINVAL;
    addition_trie_work *wk = calloc(1, sizeof *wk);
    if (!wk)
        return RS_ENOMEM;
    size_t hp = ((size_t)hidden + ADDITION_KERNEL_PAD - 1) / ADDITION_KERNEL_PAD *
                ADDITION_KERNEL_PAD;
    size_t rmax = chunk_rows(hp), T = (size_t)t->bits;
    wk->bits = t->bits;
    wk->hidden = hidden;
    wk->hp = hp;
    wk->rmax = rmax;
    addition_kernel_select(&wk->ops);
    /* weights, then the per-chunk buffers, in one zeroed block */
    size_t nw = hp * hp + hp + 4 * hp + hp + rmax * hp + 2 * rmax;
    wk->wh = calloc(nw, sizeof *wk->wh);
    wk->state = malloc(T * rmax * hp * sizeof *wk->state);
    wk->ok = malloc((T + 1) * rmax);
    if (!wk->wh || !wk->state || !wk->ok) {
        addition_trie_work_free(wk);
        return RS_ENOMEM;
    }
    wk->w1 = wk->wh + hp * hp;
    wk->in = wk->w1 + hp;
    wk->root = wk->in + 4 * hp;
    wk->pre = wk->root + hp;
    wk->z = wk->pre + rmax * hp;
    wk->o = wk->z + rmax;
    wk->ok[0] = 1; /* the root: no bit wrong yet */
    *out = wk;
    return RS_OK;
}

/* Copies w into the padded layout; the padding stays zero, so padded
 * units (sigma(0) = 1/2) never reach a real unit or the output. */
static void load_weights(addition_trie_work *wk, const double *w)
{
    size_t H = (size_t)wk->hidden, hp = wk->hp;
    const double *w0 = w, *w1 = w + 2 * H, *wh = w + 3 * H;
    for (size_t i = 0; i < H; i++)
        for (size_t j = 0; j < H; j++)
            wk->wh[addition_kernel_packed(hp, i, j)] = wh[i * H + j];
    memcpy(wk->w1, w1, H * sizeof *w1);
    for (int x = 0; x < 4; x++) {
        double xa = (double)(x >> 1), xb = (double)(x & 1);
        for (size_t j = 0; j < H; j++) /* forward: x_k W0 */
            wk->in[(size_t)x * hp + j] = xa * w0[j] + xb * w0[H + j];
    }
}

/* All bits so far right, per child of parents [q, qe) at level k; the
 * sums through the right leaves are counted. */
static void chunk_accuracy(const addition_trie *t, addition_trie_work *wk, int k, size_t q,
                           size_t qe, const unsigned char *pok, unsigned char *sok)
{
    const uint32_t *ch = t->child[k - 1];
    const unsigned char *tg = t->target[k];
    const size_t clo = ch[q];
    for (size_t par = q; par < qe; par++)
        for (size_t c = ch[par]; c < ch[par + 1]; c++) {
            /* round(o_k) as np.round: 0.5 rounds to 0 */
            int right = (wk->o[c - clo] > 0.5) == (tg[c] != 0);
            sok[c - clo] = (unsigned char)(pok[par - q] && right);
            if (k == t->bits && sok[c - clo])
                wk->correct += t->weight[k][c];
        }
}

/* Level k's children of parents [q, qe) (states p, flags pok, both
 * indexed from q): states into s, outputs, losses and flags. */
static void chunk_forward(const addition_trie *t, addition_trie_work *wk, int k, size_t q,
                          size_t qe, const double *p, const unsigned char *pok, double *s,
                          unsigned char *sok)
{
    const size_t hp = wk->hp;
    const uint32_t *ch = t->child[k - 1];
    const size_t clo = ch[q], nc = ch[qe] - clo;
    const unsigned char *in = t->input[k], *tg = t->target[k];
    const double *wt = t->weight[k];
    /* forward: x_k W0 + h_(k-1) Wh for every child */
    wk->ops.expand(qe - q, hp, p, wk->wh, ch + q, in + clo, wk->in, wk->pre);
    wk->ops.sigmoid(wk->pre, s, nc * hp);  /* forward: h_k = sigma(x_k W0 + h_(k-1) Wh) */
    wk->ops.rowdot(nc, hp, s, wk->w1, wk->z);
    wk->ops.sigmoid(wk->z, wk->o, nc);     /* forward: o_k = sigma(h_k W1) */
    double sum = wk->level_loss[k - 1];
    for (size_t c = 0; c < nc; c++) {
        double r = (double)tg[clo + c] - wk->o[c];
        sum += wt[clo + c] * (0.5 * r * r); /* loss: 1/2 (c_k - o_k)^2 per sum */
    }
    wk->level_loss[k - 1] = sum;
    if (wk->want_accuracy)
        chunk_accuracy(t, wk, k, q, qe, pok, sok);
}

/* Level k below parents [plo, phi) of level k-1, chunk by chunk, each
 * chunk's subtree finished before the next (depth first). */
static void walk_level(const addition_trie *t, addition_trie_work *wk, int k, size_t plo,
                       size_t phi, const double *p, const unsigned char *pok)
{
    const size_t hp = wk->hp, rmax = wk->rmax;
    const uint32_t *ch = t->child[k - 1];
    double *s = wk->state + (size_t)(k - 1) * rmax * hp;
    unsigned char *sok = wk->ok + (size_t)k * rmax;
    for (size_t q = plo; q < phi;) {
        size_t qe = q + 1; /* one parent has at most 4 <= rmax children */
        while (qe < phi && ch[qe + 1] - ch[q] <= rmax)
            qe++;
        chunk_forward(t, wk, k, q, qe, p + (q - plo) * hp, pok + (q - plo), s, sok);
        if (k < t->bits)
            walk_level(t, wk, k + 1, ch[q], ch[qe], s, sok);
        q = qe;
    }
}

rs_status addition_trie_eval(const addition_trie *t, const addition_net *net, const double *w,
                             addition_trie_work *wk, double *mean_loss, double *accuracy)
{
    if (net->bits != t->bits || wk->bits != t->bits || net->hidden != wk->hidden)
        return RS_EINVAL;
    load_weights(wk, w);
    memset(wk->level_loss, 0, sizeof wk->level_loss);
    wk->correct = 0.0;
    wk->want_accuracy = accuracy != NULL;
    walk_level(t, wk, 1, 0, 1, wk->root, wk->ok);
    double total = 0.0;
    for (int k = 0; k < t->bits; k++)
        total += wk->level_loss[k];
    if (mean_loss)
        *mean_loss = addition_loss_defined(total / (double)t->pairs);
    if (accuracy)
        *accuracy = wk->correct / (double)t->pairs;
    return RS_OK;
}
