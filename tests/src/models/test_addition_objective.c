/* Tests of the addition RNN as an objective (addition_objective.c) and of
 * the training loop (addition_train.c): the stream draws the tutorial's
 * sums, the objective's gradient is the one SGD needs to repeat the
 * tutorial's update bit for bit, a list sums E over its pairs, central
 * differences agree with the gradient, and the loop hands over seed 000's
 * printed errors and the checkpoints it promises. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition.h"
#include "addition_objective.h"
#include "addition_train.h"
#include "tap.h"

/* Seed 000's log at iterations 0 and 1000: error, a, b. */
static const double log_error[2] = {3.45638663, 3.63389116};
static const unsigned log_a[2] = {9, 28}, log_b[2] = {60, 35};

static addition_net tutorial_net(rng *r)
{
    addition_net net;
    addition_net_init(&net, 8, 16);
    rng_seed(r, RNG_NUMPY, 0);
    addition_net_randomize(&net, r);
    return net;
}

/* SGD on the stream's objective, w -= 0.1 * grad, against the tutorial's
 * loop: the same sums and the same weights to the last bit. */
static void test_stream_is_the_tutorial(void)
{
    rng r1, r2;
    addition_net a = tutorial_net(&r1), b = tutorial_net(&r2);
    addition_problem p;
    addition_problem_init_stream(&p, &b, &r2);
    objective obj = addition_objective(&p);
    addition_work ws;
    addition_work_init(&ws, 8, 16);
    double *upd = calloc(a.nparams, sizeof *upd), *g = malloc(a.nparams * sizeof *g);
    int same_sums = 1, same_error = 1;
    double printed[2] = {0, 0};
    unsigned pa[2] = {0, 0}, pb[2] = {0, 0};
    for (size_t i = 0; i < 1001; i++) {
        uint32_t x = rng_below(&r1, 128), y = rng_below(&r1, 128);
        addition_step st;
        addition_train_step(&a, 0.1, x, y, &ws, upd, &st);
        double e;
        obj.select(obj.ctx, i);
        objective_fdf(&obj, b.w, &e, g);
        for (size_t q = 0; q < b.nparams; q++)
            b.w[q] -= 0.1 * g[q];
        same_sums &= p.cur_a == x && p.cur_b == y;
        same_error &= p.last.abs_error == st.abs_error && p.last.loss == st.loss &&
                      p.last.pred == st.pred;
        if (i % 1000 == 0) {
            printed[i / 1000] = p.last.abs_error;
            pa[i / 1000] = p.cur_a;
            pb[i / 1000] = p.cur_b;
        }
    }
    tap_ok(same_sums, "the stream draws the tutorial's sums, a then b");
    tap_ok(same_error, "and reports the error, loss and prediction the tutorial prints");
    tap_ok(fabs(printed[0] - log_error[0]) < 5e-9 && fabs(printed[1] - log_error[1]) < 5e-9 &&
               pa[0] == log_a[0] && pb[0] == log_b[0] && pa[1] == log_a[1] && pb[1] == log_b[1],
           "iterations 0 and 1000 are seed 000's (%.8f %u+%u, %.8f %u+%u)", printed[0], pa[0],
           pb[0], printed[1], pa[1], pb[1]);
    tap_ok(memcmp(a.w, b.w, a.nparams * sizeof *a.w) == 0,
           "w -= 0.1 * grad equals the tutorial's update bit for bit over 1001 sums");
    tap_ok(obj.select(obj.ctx, 3) == RS_EINVAL, "a stream refuses to go back");
    tap_ok(obj.n == 304, "n = 304 weights");
    free(upd);
    free(g);
    addition_work_free(&ws);
    addition_problem_free(&p);
    addition_net_free(&a);
    addition_net_free(&b);
}

/* A list: E and the gradient summed over its pairs, or one pair selected;
 * central differences of order 4 against the gradient. */
static void test_pair_list(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    const uint32_t a[3] = {9, 100, 127}, b[3] = {60, 27, 127};
    addition_problem p;
    tap_ok(addition_problem_init_pairs(&p, &net, 3, a, b) == RS_OK, "a list of three pairs");
    objective obj = addition_objective(&p);
    size_t n = net.nparams;
    double *g = malloc(n * sizeof *g), *gi = malloc(n * sizeof *gi), *sum = calloc(n, sizeof *sum);
    double e, ei, esum = 0.0;
    addition_work ws;
    addition_work_init(&ws, 8, 16);
    objective_fdf(&obj, net.w, &e, g);
    for (int i = 0; i < 3; i++) {
        addition_gradient(&net, net.w, a[i], b[i], &ws, gi, &ei, NULL);
        esum += ei;
        for (size_t q = 0; q < n; q++)
            sum[q] += gi[q];
    }
    tap_ok(e == esum && memcmp(g, sum, n * sizeof *g) == 0,
           "unselected, E and grad are the sums over the pairs (E = %.17g)", e);
    obj.select(obj.ctx, 4); /* 4 mod 3 = pair 1 */
    objective_fdf(&obj, net.w, &e, g);
    addition_gradient(&net, net.w, a[1], b[1], &ws, gi, &ei, NULL);
    tap_ok(e == ei && memcmp(g, gi, n * sizeof *g) == 0 && p.last.target == 127,
           "select(4) picks pair 4 mod 3 = 100 + 27");
    double worst = 0.0, h = 1e-3;
    for (size_t q = 0; q < n; q++) {
        double keep = net.w[q], ep, em, ep2, em2;
        net.w[q] = keep + h;
        objective_fdf(&obj, net.w, &ep, NULL);
        net.w[q] = keep - h;
        objective_fdf(&obj, net.w, &em, NULL);
        net.w[q] = keep + 2 * h;
        objective_fdf(&obj, net.w, &ep2, NULL);
        net.w[q] = keep - 2 * h;
        objective_fdf(&obj, net.w, &em2, NULL);
        net.w[q] = keep;
        /* 5-point central difference */
        double fd = (8.0 * (ep - em) - (ep2 - em2)) / (12.0 * h);
        worst = fmax(worst, fabs(fd - g[q]) / fmax(fmax(fabs(fd), fabs(g[q])), 1e-8));
    }
    tap_ok(worst < 1e-6, "central differences agree with the gradient (worst rel %.2e)", worst);
    const uint32_t bad[1] = {128};
    addition_problem q;
    tap_ok(addition_problem_init_pairs(&q, &net, 1, bad, a) == RS_EINVAL,
           "a pair out of range is refused");
    free(g);
    free(gi);
    free(sum);
    addition_work_free(&ws);
    addition_problem_free(&p);
    addition_net_free(&net);
}

typedef struct {
    long iters_seen, checkpoints;
    long ckpt_iter[16];
    double err0, err1000, mean_last;
    double loss_last;
} seen;

static rs_status on_iter(void *ctx, const addition_train_record *rec)
{
    seen *s = ctx;
    if (rec->iter != s->iters_seen)
        return RS_EINVAL;
    s->iters_seen++;
    if (rec->iter == 0)
        s->err0 = rec->step.abs_error;
    if (rec->iter == 1000)
        s->err1000 = rec->step.abs_error;
    s->mean_last = rec->mean_abs_error;
    return RS_OK;
}

static rs_status on_ckpt(void *ctx, const addition_train_checkpoint *c)
{
    seen *s = ctx;
    if (s->checkpoints < 16)
        s->ckpt_iter[s->checkpoints] = c->iter;
    s->checkpoints++;
    s->loss_last = c->evaluated ? c->mean_loss : -1.0;
    return RS_OK;
}

static void test_train_loop(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    addition_evalset es;
    addition_evalset_init(&es, 8);
    seen s = {0};
    addition_train_config cfg = {.iters = 2500,
                                 .every = 1000,
                                 .alpha = 0.1,
                                 .eval = &es,
                                 .gradflow = 1,
                                 .running_mean = 1,
                                 .on_iteration = on_iter,
                                 .on_checkpoint = on_ckpt,
                                 .ctx = &s};
    tap_ok(addition_train(&net, &r, &cfg) == RS_OK, "2500 iterations of the tutorial's loop");
    tap_ok(s.iters_seen == 2500, "every iteration handed over in order");
    tap_ok(fabs(s.err0 - log_error[0]) < 5e-9 && fabs(s.err1000 - log_error[1]) < 5e-9,
           "iterations 0 and 1000 carry seed 000's printed errors");
    tap_ok(s.checkpoints == 4 && s.ckpt_iter[0] == 0 && s.ckpt_iter[1] == 1000 &&
               s.ckpt_iter[2] == 2000 && s.ckpt_iter[3] == 2500,
           "checkpoints 0, 1000, 2000 and the final 2500");
    double mean = 0.0, trie = 0.0;
    addition_evaluate(&net, net.w, &es, &mean, NULL, NULL);
    tap_ok(s.loss_last == mean, "the last checkpoint evaluates the final weights (%.17g)", mean);
    /* without the gradient flow the checkpoints are the trie's evaluation */
    seen s2 = {0};
    cfg.iters = 0;
    cfg.gradflow = 0;
    cfg.ctx = &s2;
    addition_train(&net, &r, &cfg);
    addition_mean_loss(&net, net.w, &es, &trie);
    tap_ok(s2.loss_last == trie && fabs(trie - mean) <= 1e-13 * mean,
           "without the gradient flow: the trie's loss, the batched one's to rounding (%.17g)",
           trie);
    tap_ok(s.mean_last > 0.0 && s.mean_last < 8.0, "a running mean of the error (%.6g)",
           s.mean_last);
    cfg.gradflow = 1;
    cfg.eval = NULL;
    tap_ok(addition_train(&net, &r, &cfg) == RS_EINVAL, "gradient flow without a set: EINVAL");
    addition_evalset_free(&es);
    addition_net_free(&net);
}

/* The trie pool's E over a list of pairs (duplicates included) is the
 * objective's to rounding, the same bits from every slot, and refuses a
 * stream and a slot out of range. */
static void test_loss_pool(void)
{
    rng r;
    addition_net net = tutorial_net(&r);
    uint32_t a[5] = {9, 0, 127, 9, 64}, b[5] = {60, 0, 127, 60, 3};
    addition_problem p;
    addition_problem_init_pairs(&p, &net, 5, a, b);
    objective obj = addition_objective(&p);
    addition_loss_pool *lp = NULL;
    tap_ok(addition_loss_pool_new(&p, 3, &lp) == RS_OK, "a pool of 3 slots over 5 pairs");
    double ref, e0 = 0, e2 = 1;
    objective_fdf(&obj, net.w, &ref, NULL);
    addition_loss_pool_eval(lp, 0, net.w, &e0);
    addition_loss_pool_eval(lp, 2, net.w, &e2);
    tap_ok(fabs(e0 - ref) <= 1e-13 * ref, "its E is the objective's sum over the pairs (%.17g, %.17g)",
           e0, ref);
    tap_ok(e0 == e2, "slot 0 and slot 2 give the same bits");
    tap_ok(addition_loss_pool_eval(lp, 3, net.w, &e0) == RS_EINVAL, "slot 3 of 3 is refused");
    double bytes = addition_loss_pool_bytes(8, 16, 5, 3);
    tap_ok(bytes > 3 * 16 * 16 * 8.0 && bytes < 1e8, "its size estimate is plausible (%.0f bytes)",
           bytes);
    addition_loss_pool_free(lp);
    addition_problem s;
    addition_problem_init_stream(&s, &net, &r);
    tap_ok(addition_loss_pool_new(&s, 1, &lp) == RS_EINVAL && !lp, "a stream has no fixed pairs");
    addition_problem_free(&s);
    addition_problem_free(&p);
    addition_net_free(&net);
}

int main(void)
{
    test_stream_is_the_tutorial();
    test_pair_list();
    test_train_loop();
    test_loss_pool();
    return tap_done();
}
