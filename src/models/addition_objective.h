/* addition_objective.h: the binary-addition RNN as an objective
 * (objective.h): n = every weight (2H + H + H*H, 304 at H = 16), the loss
 * E = sum_k 1/2 (c_k - o_k)^2 of a sum a + b, and its BPTT gradient.
 *
 * The sums come from one of two sources:
 *   - a fixed list of pairs: fdf sums E over all of them until select(i)
 *     picks pair i (mod the list's length) alone, the way a gradient check
 *     over a batch or a stochastic pass over a data set needs;
 *   - a stream: select(i) draws pair i from a generator, a then b, as the
 *     tutorial does once per iteration, so a stochastic driver sees exactly
 *     the sums of `addition train` (iterations must be selected in order).
 *
 *     addition_problem p;
 *     addition_problem_init_stream(&p, &net, &r);
 *     objective obj = addition_objective(&p);
 *     obj.select(obj.ctx, 0);  objective_fdf(&obj, w, &E, grad);
 *     // p.last: the error, prediction and target the tutorial prints */
#ifndef RNNSCAPE_ADDITION_OBJECTIVE_H
#define RNNSCAPE_ADDITION_OBJECTIVE_H

#include <stddef.h>
#include <stdint.h>

#include "addition.h"
#include "objective.h"
#include "rng.h"
#include "status.h"

typedef struct {
    const addition_net *net; /* the shape (bits, hidden); its weights are not used */
    addition_work ws;
    double *tmp;   /* one pair's gradient, when E sums several */
    size_t npairs; /* fixed pairs, owned; 0 for a stream */
    uint32_t *a, *b;
    rng *stream;       /* the generator a stream draws from (not owned) */
    size_t next_draw;  /* the iteration a stream draws next */
    long selected;     /* pair index fdf sees, or -1: all pairs summed */
    uint32_t cur_a, cur_b; /* a stream's current pair */
    /* The last single-pair evaluation: the tutorial's printed quantities
     * (abs_error, loss, pred, target) at the weights fdf last saw. */
    addition_step last;
} addition_problem;

/* E over the n pairs (a[i], b[i]), each below 2^(bits-1) (RS_EINVAL
 * otherwise, or for n = 0). The pairs are copied. */
rs_status addition_problem_init_pairs(addition_problem *p, const addition_net *net, size_t n,
                                      const uint32_t *a, const uint32_t *b);
/* A list of n pairs drawn from r now, a then b each (as a stream would). */
rs_status addition_problem_init_drawn(addition_problem *p, const addition_net *net, rng *r,
                                      size_t n);
/* One pair per iteration drawn from r: a, then b, each rng_below(2^(bits-1)). */
rs_status addition_problem_init_stream(addition_problem *p, const addition_net *net, rng *r);
void addition_problem_free(addition_problem *p);

/* The objective over p (p must outlive it). select(i): a list picks pair
 * i mod n; a stream draws pairs up to iteration i (RS_EINVAL for an
 * iteration already passed). */
objective addition_objective(addition_problem *p);

/* ---- the loss alone, fast, from several threads at once ----------- */

/* E summed over a fixed list of pairs, evaluated by the prefix trie
 * (addition_trie.h: each distinct state once, batched and vectorised),
 * with one scratch space per slot so that `slots` threads may evaluate at
 * once: the finite differences of a gradient check (gradcheck_pool). E
 * agrees with the objective's to rounding (the vector sigmoid, the sums'
 * order), and is the same bits whatever slot or thread computes it. */
typedef struct addition_loss_pool addition_loss_pool;

/* The pool over p's fixed pairs (RS_EINVAL for a stream or slots = 0). */
rs_status addition_loss_pool_new(const addition_problem *p, size_t slots,
                                 addition_loss_pool **out);
void addition_loss_pool_free(addition_loss_pool *lp);
/* E at w through slot (< slots): a gradcheck_pool's loss; ctx is the pool. */
rs_status addition_loss_pool_eval(void *ctx, size_t slot, const double *w, double *loss);
/* Bytes a pool of `slots` over npairs sums of the shape holds (an
 * estimate for a check before allocating, as memory.h asks). */
double addition_loss_pool_bytes(int bits, int hidden, size_t npairs, size_t slots);

#endif
