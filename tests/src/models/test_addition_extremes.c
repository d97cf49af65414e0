/* test_addition_extremes.c: the addition model's loss at the edges of the
 * double range (issue 12, item 1). Weights that overflow, or whose
 * arithmetic meets inf - inf or 0 * inf, give the loss +inf, never NaN,
 * on every path that computes it: one sum (addition_loss and
 * addition_gradient), the batched evaluation, the trie's mean loss and
 * the landscape plane; finite losses are unchanged. */
#include <math.h>
#include <stdlib.h>

#include "addition.h"
#include "addition_landscape.h"
#include "tap.h"

/* 1e308 with the sign of the seeded random weight: sums of such terms
 * overflow both ways (inf - inf), and x_k = 0 times an infinite weight
 * is 0 * inf once the pre-activations are infinite. */
static void huge_weights(addition_net *net)
{
    rng r;
    rng_seed(&r, RNG_PCG, 5);
    addition_net_randomize(net, &r);
    for (size_t p = 0; p < net->nparams; p++)
        net->w[p] = net->w[p] < 0 ? -1e308 : 1e308;
}

static void test_rule(void)
{
    tap_ok(addition_loss_defined(NAN) == INFINITY && addition_loss_defined(-NAN) == INFINITY,
           "an undefined loss (NaN of either sign) is +inf");
    tap_ok(addition_loss_defined(INFINITY) == INFINITY && addition_loss_defined(0.25) == 0.25 &&
               addition_loss_defined(0.0) == 0.0,
           "+inf and finite losses pass unchanged");
}

static void test_paths(void)
{
    addition_net net;
    addition_work ws;
    addition_evalset es;
    addition_net_init(&net, 8, 16);
    addition_work_init(&ws, 8, 16);
    addition_evalset_init(&es, 8);
    huge_weights(&net);
    double one = addition_loss(&net, net.w, 100, 27, &ws);
    double *grad = malloc(net.nparams * sizeof *grad), gl = 0.0;
    addition_gradient(&net, net.w, 100, 27, &ws, grad, &gl, NULL);
    tap_ok(!isnan(one) && !isnan(gl), "one sum: loss %g, with the gradient %g (not NaN)", one, gl);
    double mean = 0.0, acc = 0.0, fast = 0.0;
    addition_evaluate(&net, net.w, &es, &mean, &acc, NULL);
    tap_ok(mean == INFINITY, "batched mean loss over 128 x 128 sums at +-1e308 weights: %g", mean);
    addition_mean_loss(&net, net.w, &es, &fast);
    tap_ok(fast == INFINITY, "trie mean loss at the same weights: %g", fast);
    /* a single infinite weight in W0 and its negative: inf - inf at once */
    rng r;
    rng_seed(&r, RNG_PCG, 5);
    addition_net_randomize(&net, &r);
    net.w[0] = INFINITY, net.w[16] = -INFINITY; /* W0 row 0 and row 1, unit 0 */
    addition_mean_loss(&net, net.w, &es, &fast);
    addition_evaluate(&net, net.w, &es, &mean, &acc, NULL);
    tap_ok(fast == INFINITY && mean == INFINITY, "W0 = +inf / -inf on one unit: trie %g, batch %g",
           fast, mean);
    free(grad);
    addition_evalset_free(&es);
    addition_work_free(&ws);
    addition_net_free(&net);
}

static void test_plane(void)
{
    addition_net net;
    addition_evalset es;
    addition_net_init(&net, 8, 16);
    addition_evalset_init(&es, 8);
    rng r;
    rng_seed(&r, RNG_PCG, 1);
    addition_net_randomize(&net, &r);
    double *d1 = malloc(2 * net.nparams * sizeof *d1), *d2 = d1 + net.nparams, grid[25];
    addition_random_directions(&net, net.w, &r, d1, d2);
    addition_landscape(&net, net.w, d1, d2, 1e308, 5, &es, grid);
    int nan = 0, inf = 0;
    for (int q = 0; q < 25; q++)
        nan += isnan(grid[q]) != 0, inf += grid[q] == INFINITY;
    tap_ok(nan == 0 && inf > 0, "landscape --range 1e308: no NaN, %d of 25 points +inf", inf);
    double centre;
    addition_mean_loss(&net, net.w, &es, &centre);
    tap_ok(grid[12] == centre && isfinite(centre), "its centre is still the finite loss at w (%g)",
           centre);
    free(d1);
    addition_evalset_free(&es);
    addition_net_free(&net);
}

int main(void)
{
    test_rule();
    test_paths();
    test_plane();
    return tap_done();
}
