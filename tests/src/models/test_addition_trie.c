/* test_addition_trie: the trie of shared prefixes (addition_trie.h): its
 * shape for the full set (4^k states per level, 38 228 for 8 bits), the
 * weights of a sampled set, and its mean loss and accuracy against the
 * per-sum evaluation (addition_evaluate, libm's exp) for full and sampled
 * sets, hidden sizes that are and are not multiples of the padding, and
 * 16 bits. Never timings. */
#include <math.h>
#include <stdlib.h>

#include "tap.h"

#include "addition.h"
#include "addition_trie.h"

static void test_shape(void)
{
    addition_evalset es;
    addition_trie t;
    addition_evalset_init(&es, 8);
    rs_status st = addition_trie_init(&t, &es);
    int ok = st == RS_OK && t.nodes[0] == 1;
    for (int k = 1; ok && k <= 8; k++) {
        size_t want = k < 8 ? (size_t)1 << (2 * k) : 16384;
        double w = 0.0;
        for (size_t c = 0; c < t.nodes[k]; c++)
            w += t.weight[k][c];
        ok &= t.nodes[k] == want && w == 16384.0 && t.child[k - 1][t.nodes[k - 1]] == want;
    }
    tap_ok(ok, "8 bits: 4^k states at level k < 8, 4^7 at level 8, each level weighs 16384");
    tap_ok(st == RS_OK && addition_trie_states(&t) == 38228, "38 228 states for 16 384 sums");
    /* the input of the first state of level 1 is (0, 0); of the last (1, 1), sum bit 0 */
    tap_ok(t.input[1][0] == 0 && t.input[1][3] == 3 && t.target[1][3] == 0 && t.target[1][1] == 1,
           "level 1: inputs in order 00, 01, 10, 11 and their sum bits");
    addition_trie_free(&t);
    addition_evalset_free(&es);

    addition_evalset_init(&es, 12);
    st = addition_trie_init(&t, &es);
    double w = 0.0;
    for (size_t c = 0; st == RS_OK && c < t.nodes[12]; c++)
        w += t.weight[12][c];
    tap_ok(st == RS_OK && w == 16384.0 && t.nodes[1] == 4 && t.nodes[12] <= 16384,
           "12 bits: the sample's %zu distinct sums weigh 16384", st == RS_OK ? t.nodes[12] : 0);
    addition_trie_free(&t);
    addition_evalset_free(&es);
}

/* Loss and accuracy by the trie against the per-sum evaluation. */
static void check(int bits, int hidden, rng_kind kind, unsigned seed, double scale, int train)
{
    addition_net net;
    addition_evalset es;
    addition_trie t;
    addition_trie_work *wk = NULL;
    rng r;
    addition_net_init(&net, bits, hidden);
    rng_seed(&r, kind, seed);
    addition_net_randomize(&net, &r);
    for (size_t p = 0; p < net.nparams; p++)
        net.w[p] *= scale;
    if (train) { /* the tutorial's run */
        addition_work ws;
        addition_work_init(&ws, bits, hidden);
        double *upd = calloc(net.nparams, sizeof *upd);
        for (long j = 0; j < 10000; j++) {
            uint32_t a = rng_below(&r, 128), b = rng_below(&r, 128);
            addition_step st;
            addition_train_step(&net, 0.1, a, b, &ws, upd, &st);
        }
        free(upd);
        addition_work_free(&ws);
    }
    addition_evalset_init(&es, bits);
    rs_status st = addition_trie_init(&t, &es);
    if (st == RS_OK)
        st = addition_trie_work_new(&t, hidden, &wk);
    double fast = NAN, fast_acc = NAN, slow, slow_acc;
    if (st == RS_OK)
        st = addition_trie_eval(&t, &net, net.w, wk, &fast, &fast_acc);
    addition_evaluate(&net, net.w, &es, &slow, &slow_acc, NULL);
    tap_ok(st == RS_OK && tap_close(fast, slow, 1e-12, 0) && fast_acc == slow_acc,
           "%d bits, %d hidden%s: loss %.17g, accuracy %g as per sum (%.17g, %g)", bits, hidden,
           train ? ", trained" : "", fast, fast_acc, slow, slow_acc);
    addition_trie_work_free(wk);
    addition_trie_free(&t);
    addition_evalset_free(&es);
    addition_net_free(&net);
}

int main(void)
{
    test_shape();
    check(8, 16, RNG_NUMPY, 0, 1.0, 1);
    check(8, 16, RNG_PCG, 3, 1.0, 0);
    check(5, 3, RNG_PCG, 4, 4.0, 0);
    check(2, 1, RNG_PCG, 5, 1.0, 0);
    check(10, 9, RNG_PCG, 6, 2.0, 0);
    check(12, 24, RNG_PCG, 7, 1.0, 0);
    check(16, 40, RNG_PCG, 8, 1.0, 0);
    {
        addition_net net;
        addition_evalset es;
        addition_trie t;
        addition_trie_work *wk;
        addition_net_init(&net, 6, 4);
        addition_evalset_init(&es, 6);
        addition_trie_init(&t, &es);
        addition_trie_work_new(&t, 4, &wk);
        double l;
        addition_net other;
        addition_net_init(&other, 7, 4);
        tap_ok(addition_trie_eval(&t, &other, other.w, wk, &l, NULL) == RS_EINVAL,
               "a net of other bits is refused");
        addition_net_free(&other);
        addition_trie_work_free(wk);
        addition_trie_free(&t);
        addition_evalset_free(&es);
        addition_net_free(&net);
    }
    return tap_done();
}
