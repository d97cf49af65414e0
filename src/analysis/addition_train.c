#include "addition_train.h"

#include <math.h>
#include <stdlib.h>

#include "addition_objective.h"
#include "addition_trie.h"
#include "optim.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* What one run carries between iterations. */
typedef struct {
    addition_net *net;
    const addition_train_config *cfg;
    double *window; /* the last `every` abs_errors, a ring (running_mean) */
    double window_sum;
    double dh[ADDITION_BITS_MAX];
    addition_trie trie;       /* the evaluation set's prefixes (with eval) */
    addition_trie_work *work; /* and the scratch of its evaluation */
} train_run;

/* The checkpoint of the weights w after iter iterations, with its
 * evaluation when one is asked for. */
static rs_status checkpoint(train_run *t, long iter, const double *w)
{
    const addition_train_config *cfg = t->cfg;
    addition_train_checkpoint c = {.iter = iter, .net = t->net, .w = w};
    if (cfg->eval) {
        /* the gradient flow needs the batched evaluation's backward pass,
         * which gives the loss and accuracy too; without it the trie's
         * forward walk (the landscape's evaluation) is several times faster */
        double *dh = cfg->gradflow ? t->dh : NULL;
        rs_status st =
            dh ? addition_evaluate(t->net, w, cfg->eval, &c.mean_loss, &c.accuracy, dh)
               : addition_trie_eval(&t->trie, t->net, w, t->work, &c.mean_loss, &c.accuracy);
        if (st != RS_OK)
            return st;
        c.evaluated = 1;
        c.dhnorm = dh;
    }
    return cfg->on_checkpoint ? cfg->on_checkpoint(cfg->ctx, &c) : RS_OK;
}

/* Hands iteration j over, with the running mean of the error. */
static rs_status record(train_run *t, long j, uint32_t a, uint32_t b, const addition_step *st)
{
    const addition_train_config *cfg = t->cfg;
    addition_train_record r = {.iter = j, .a = a, .b = b, .step = *st};
    if (t->window) {
        /* running mean over a ring of the last `every` errors */
        size_t slot = (size_t)(j % cfg->every);
        if (j >= cfg->every)
            t->window_sum -= t->window[slot];
        t->window[slot] = st->abs_error;
        t->window_sum += st->abs_error;
        long n = j + 1 < cfg->every ? j + 1 : cfg->every;
        r.mean_abs_error = t->window_sum / (double)n;
    }
    return cfg->on_iteration ? cfg->on_iteration(cfg->ctx, &r) : RS_OK;
}

/* The tutorial's loop: draw a then b, checkpoint, its update. */
static rs_status tutorial_loop(train_run *t, rng *r)
{
    addition_net *net = t->net;
    const addition_train_config *cfg = t->cfg;
    addition_work ws;
    double *upd = calloc(net->nparams, sizeof *upd);
    if (!upd || addition_work_init(&ws, net->bits, net->hidden) != RS_OK) {
        free(upd);
        return RS_ENOMEM;
    }
    uint32_t half = (uint32_t)1 << (net->bits - 1);
    rs_status st = RS_OK;
    for (long j = 0; j < cfg->iters && st == RS_OK; j++) {
        uint32_t a = rng_below(r, half);
        uint32_t b = rng_below(r, half);
        if (j % cfg->every == 0)
            st = checkpoint(t, j, net->w);
        if (st != RS_OK)
            break;
        addition_step s;
        addition_train_step(net, cfg->alpha, a, b, &ws, upd, &s);
        st = record(t, j, a, b, &s);
    }
    if (st == RS_OK) /* the final weights are always the last checkpoint */
        st = checkpoint(t, cfg->iters, net->w);
    addition_work_free(&ws);
    free(upd);
    return st;
}

/* What the optimiser's callback needs: the run and the sums' source. */
typedef struct {
    train_run *t;
    const addition_problem *p;
} optim_run_ctx;

/* Iterate i of the optimiser (w_i, before its step): the checkpoint of the
 * weights after i iterations, then iteration i's record from the forward
 * pass the objective just made on the sum of iteration i. */
static rs_status on_iterate(void *ctx, const optim_point *pt)
{
    optim_run_ctx *c = ctx;
    const addition_train_config *cfg = c->t->cfg;
    long i = (long)pt->iter;
    rs_status st = RS_OK;
    if (i % cfg->every == 0 || i == cfg->iters)
        st = checkpoint(c->t, i, pt->w);
    if (st == RS_OK && i < cfg->iters)
        st = record(c->t, i, c->p->cur_a, c->p->cur_b, &c->p->last);
    return st;
}

/* Per-sample steps of an optimiser on E of iteration i's sum, drawn from
 * r as the tutorial draws it. */
static rs_status optim_loop(train_run *t, rng *r)
{
    addition_problem p;
    rs_status st = addition_problem_init_stream(&p, t->net, r);
    if (st != RS_OK)
        return st;
    objective obj = addition_objective(&p);
    optim_config c = *t->cfg->optim;
    c.iters = (size_t)t->cfg->iters;
    optim_run_ctx ctx = {t, &p};
    st = optim_run(&obj, &c, t->net->w, on_iterate, &ctx);
    addition_problem_free(&p);
    return st;
}

rs_status addition_train(addition_net *net, rng *r, const addition_train_config *cfg)
{
    if (cfg->iters < 0 || cfg->every < 1 || (cfg->gradflow && !cfg->eval))
        return RS_EINVAL;
    train_run t = {.net = net, .cfg = cfg};
    rs_status st = RS_OK;
    if (cfg->running_mean && !(t.window = calloc((size_t)cfg->every, sizeof *t.window)))
        st = RS_ENOMEM;
    int trie = cfg->eval && !cfg->gradflow;
    if (st == RS_OK && trie && (st = addition_trie_init(&t.trie, cfg->eval)) == RS_OK)
        st = addition_trie_work_new(&t.trie, net->hidden, &t.work);
    if (st == RS_OK)
        st = cfg->optim ? optim_loop(&t, r) : tutorial_loop(&t, r);
    addition_trie_work_free(t.work);
    if (trie)
        addition_trie_free(&t.trie);
    free(t.window);
    return st;
}

double addition_train_bytes(int bits, int hidden, long every, size_t eval_pairs, int gradflow,
                            size_t optim_state)
{
    double T = bits, H = hidden, n = (double)addition_nparams(hidden), hp = H + 8.0;
    /* the weights, the update, one sum's scratch, the optimiser's state,
     * the running mean's ring */
    double bytes = 8.0 * (3.0 * n + (T + 1.0) * H + 3.0 * T + 2.0 * H) + (double)optim_state +
                   8.0 * (double)every;
    if (eval_pairs) {
        double m = (double)eval_pairs;
        /* the set (two indices a pair), its trie (per level and node a
         * child index, input, target, weight; a key and node per pair
         * while it is built) and the trie's scratch (chunks of at most
         * 4 * max(24, 1024 / hp) nodes a level) */
        double rmax = 4.0 * fmax(24.0, 1024.0 / hp);
        bytes += 8.0 * m + T * m * 14.0 + 20.0 * m +
                 8.0 * (hp * hp + 7.0 * hp + rmax * hp * (T + 1.0) + 2.0 * rmax);
        /* the gradient flow's batches of at most 64 sums, one per thread at
         * a time, each with its states, deltas and weights (addition_batch.c) */
        double threads = 1.0;
#ifdef _OPENMP
        threads = omp_get_max_threads();
#endif
        if (gradflow)
            bytes += threads * 8.0 *
                     (2.0 * hp * hp + 5.0 * hp + (T + 4.0) * 64.0 * hp + 2.0 * T * 64.0);
    }
    return bytes;
}
