#include "addition_objective.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition_trie.h"

static rs_status problem_alloc(addition_problem *p, const addition_net *net)
{
    memset(p, 0, sizeof *p);
    p->net = net;
    p->selected = -1;
    if (addition_work_init(&p->ws, net->bits, net->hidden) != RS_OK)
        return RS_ENOMEM;
    p->tmp = malloc(net->nparams * sizeof *p->tmp);
    if (!p->tmp) {
        addition_work_free(&p->ws);
        return RS_ENOMEM;
    }
    return RS_OK;
}

rs_status addition_problem_init_pairs(addition_problem *p, const addition_net *net, size_t n,
                                      const uint32_t *a, const uint32_t *b)
{
    uint32_t half = (uint32_t)1 << (net->bits - 1);
    if (n == 0)
        return RS_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (a[i] >= half || b[i] >= half)
            return RS_EINVAL;
    rs_status st = problem_alloc(p, net);
    if (st != RS_OK)
        return st;
    p->a = malloc(n * sizeof *p->a);
    p->b = malloc(n * sizeof *p->b);
    if (!p->a || !p->b) {
        addition_problem_free(p);
        return RS_ENOMEM;
    }
    memcpy(p->a, a, n * sizeof *a);
    memcpy(p->b, b, n * sizeof *b);
    p->npairs = n;
    return RS_OK;
}

rs_status addition_problem_init_drawn(addition_problem *p, const addition_net *net, rng *r,
                                      size_t n)
{
    uint32_t half = (uint32_t)1 << (net->bits - 1);
    uint32_t *a = malloc((n ? n : 1) * sizeof *a), *b = malloc((n ? n : 1) * sizeof *b);
    rs_status st = a && b ? RS_OK : RS_ENOMEM;
    for (size_t i = 0; st == RS_OK && i < n; i++) { /* the tutorial's order: a, then b */
        a[i] = rng_below(r, half);
        b[i] = rng_below(r, half);
    }
    if (st == RS_OK)
        st = addition_problem_init_pairs(p, net, n, a, b);
    free(a);
    free(b);
    return st;
}

rs_status addition_problem_init_stream(addition_problem *p, const addition_net *net, rng *r)
{
    rs_status st = problem_alloc(p, net);
    if (st == RS_OK)
        p->stream = r;
    return st;
}

void addition_problem_free(addition_problem *p)
{
    addition_work_free(&p->ws);
    free(p->tmp);
    free(p->a);
    free(p->b);
    p->tmp = NULL;
    p->a = p->b = NULL;
    p->npairs = 0;
}

static rs_status problem_select(void *ctx, size_t iter)
{
    addition_problem *p = ctx;
    if (!p->stream) {
        p->selected = (long)(iter % p->npairs);
        return RS_OK;
    }
    if (p->next_draw > 0 && iter == p->next_draw - 1)
        return RS_OK; /* the current pair again */
    if (iter < p->next_draw)
        return RS_EINVAL; /* a stream cannot go back */
    uint32_t half = (uint32_t)1 << (p->net->bits - 1);
    while (p->next_draw <= iter) { /* the tutorial's order: a, then b */
        p->cur_a = rng_below(p->stream, half);
        p->cur_b = rng_below(p->stream, half);
        p->next_draw++;
    }
    p->selected = 0;
    return RS_OK;
}

/* What the tutorial prints about the forward pass in p->ws: its error
 * sum_k |c_k - o_k| and the bits round(o_k) (0.5 rounds to 0, as np.round). */
static void record_step(addition_problem *p, uint32_t a, uint32_t b, double loss)
{
    const addition_work *ws = &p->ws;
    double err = 0.0;
    uint64_t pred = 0;
    for (int k = 0; k < p->net->bits; k++) {
        err += fabs((double)ws->c[k] - ws->o[k]);
        if (ws->o[k] > 0.5)
            pred |= (uint64_t)1 << k;
    }
    p->last = (addition_step){
        .abs_error = err, .loss = loss, .pred = pred, .target = (uint64_t)a + b};
}

/* E and dE/dw of one pair. */
static void pair_fdf(addition_problem *p, const double *w, uint32_t a, uint32_t b, double *loss,
                     double *grad)
{
    if (grad)
        addition_gradient(p->net, w, a, b, &p->ws, grad, loss, NULL);
    else
        *loss = addition_loss(p->net, w, a, b, &p->ws);
}

static rs_status problem_fdf(void *ctx, const double *w, double *loss, double *grad)
{
    addition_problem *p = ctx;
    if (p->stream || p->selected >= 0) {
        if (p->stream && p->next_draw == 0)
            return RS_EINVAL; /* no pair drawn yet */
        uint32_t a = p->stream ? p->cur_a : p->a[p->selected];
        uint32_t b = p->stream ? p->cur_b : p->b[p->selected];
        pair_fdf(p, w, a, b, loss, grad);
        record_step(p, a, b, *loss);
        return RS_OK;
    }
    size_t n = p->net->nparams;
    double e = 0.0;
    if (grad)
        memset(grad, 0, n * sizeof *grad);
    for (size_t i = 0; i < p->npairs; i++) { /* E summed over the list */
        double ei;
        pair_fdf(p, w, p->a[i], p->b[i], &ei, grad ? p->tmp : NULL);
        e += ei;
        if (grad)
            for (size_t q = 0; q < n; q++)
                grad[q] += p->tmp[q];
    }
    *loss = e;
    return RS_OK;
}

objective addition_objective(addition_problem *p)
{
    return (objective){
        .n = p->net->nparams, .fdf = problem_fdf, .select = problem_select, .ctx = p};
}

/* ---- the trie pool ----------------------------------------------------- */

struct addition_loss_pool {
    const addition_net *net;
    addition_trie trie;
    size_t slots;
    addition_trie_work **work; /* one per slot */
};

void addition_loss_pool_free(addition_loss_pool *lp)
{
    if (!lp)
        return;
    for (size_t s = 0; lp->work && s < lp->slots; s++)
        addition_trie_work_free(lp->work[s]);
    free(lp->work);
    addition_trie_free(&lp->trie);
    free(lp);
}

rs_status addition_loss_pool_new(const addition_problem *p, size_t slots,
                                 addition_loss_pool **out)
{
    *out = NULL;
    if (p->stream || p->npairs == 0 || slots == 0)
        return RS_EINVAL;
    addition_loss_pool *lp = calloc(1, sizeof *lp);
    if (!lp)
        return RS_ENOMEM;
    lp->net = p->net;
    addition_evalset es = {.n = p->npairs, .full = 0, .bits = p->net->bits, .a = p->a, .b = p->b};
    rs_status st = addition_trie_init(&lp->trie, &es);
    if (st != RS_OK) {
        free(lp);
        return st;
    }
    lp->work = calloc(slots, sizeof *lp->work);
    lp->slots = slots;
    st = lp->work ? RS_OK : RS_ENOMEM;
    for (size_t s = 0; st == RS_OK && s < slots; s++)
        st = addition_trie_work_new(&lp->trie, p->net->hidden, &lp->work[s]);
    if (st != RS_OK) {
        addition_loss_pool_free(lp);
        return st;
    }
    *out = lp;
    return RS_OK;
}

rs_status addition_loss_pool_eval(void *ctx, size_t slot, const double *w, double *loss)
{
    addition_loss_pool *lp = ctx;
    double mean;
    if (slot >= lp->slots)
        return RS_EINVAL;
    rs_status st = addition_trie_eval(&lp->trie, lp->net, w, lp->work[slot], &mean, NULL);
    /* the objective's E is the sum over the pairs: n times their mean */
    *loss = addition_loss_defined(mean * (double)lp->trie.pairs);
    return st;
}

double addition_loss_pool_bytes(int bits, int hidden, size_t npairs, size_t slots)
{
    double T = bits, n = (double)npairs, hp = hidden + 8.0; /* padding, at most */
    /* the trie: per level and node a child index, input, target, weight;
     * while it is built, a key and a node per pair */
    double trie = T * n * (4.0 + 1.0 + 1.0 + 8.0) + n * 16.0 + n * 4.0;
    /* per slot: padded weights, input rows and chunk buffers of at most
     * 4 * max(24, 1024 / hp) nodes a level (addition_trie.c's chunks) */
    double rmax = 4.0 * fmax(24.0, 1024.0 / hp);
    double work = 8.0 * (hp * hp + 7.0 * hp + rmax * hp * (T + 1.0) + 2.0 * rmax) + (T + 1.0) * rmax;
    return trie + (double)slots * (work + 4096.0);
}
