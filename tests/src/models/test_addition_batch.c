/* test_addition_batch: the whole-set evaluation batched across sums
 * (addition_evaluate over addition_batch.h) against the per-sum scalar
 * code (addition_loss, addition_gradient with libm's exp): mean loss,
 * accuracy and the gradient flow ||dE/dh_k||, for the full and sampled
 * sets and padded hidden sizes; bit-identical for any number of threads.
 * Never timings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "addition.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static void train(addition_net *net, rng *r)
{
    addition_work ws;
    addition_work_init(&ws, net->bits, net->hidden);
    double *upd = calloc(net->nparams, sizeof *upd);
    for (long j = 0; j < 10000; j++) {
        uint32_t a = rng_below(r, 128), b = rng_below(r, 128);
        addition_step st;
        addition_train_step(net, 0.1, a, b, &ws, upd, &st);
    }
    free(upd);
    addition_work_free(&ws);
}

static void check(int bits, int hidden, unsigned seed, int trained)
{
    addition_net net;
    addition_evalset es;
    rng r;
    addition_net_init(&net, bits, hidden);
    rng_seed(&r, trained ? RNG_NUMPY : RNG_PCG, seed);
    addition_net_randomize(&net, &r);
    if (trained)
        train(&net, &r);
    addition_evalset_init(&es, bits);
    double loss, acc, dh[ADDITION_BITS_MAX];
    rs_status st = addition_evaluate(&net, net.w, &es, &loss, &acc, dh);
    /* the reference: every sum on its own, the scalar forward and BPTT */
    addition_work ws;
    addition_work_init(&ws, bits, hidden);
    double *g = malloc(net.nparams * sizeof *g), ref = 0.0, right = 0.0;
    double rdh[ADDITION_BITS_MAX] = {0}, one[ADDITION_BITS_MAX];
    for (size_t i = 0; i < es.n; i++) {
        double e;
        addition_gradient(&net, net.w, es.a[i], es.b[i], &ws, g, &e, one);
        ref += e;
        uint64_t v = 0;
        for (int k = 0; k < bits; k++) {
            rdh[k] += one[k];
            v |= (uint64_t)(ws.o[k] > 0.5) << k;
        }
        right += v == (uint64_t)es.a[i] + es.b[i];
    }
    ref /= (double)es.n;
    right /= (double)es.n;
    double worst = 0.0;
    for (int k = 0; k < bits; k++)
        worst = fmax(worst, fabs(dh[k] - rdh[k] / (double)es.n) / (rdh[k] / (double)es.n));
    tap_ok(st == RS_OK && tap_close(loss, ref, 1e-12, 0) && acc == right && worst <= 1e-12,
           "%d bits, %d hidden%s: loss %.17g, accuracy %g, ||dE/dh_k|| within %.1e of per-sum",
           bits, hidden, trained ? ", trained" : "", loss, acc, worst);
    free(g);
    addition_work_free(&ws);
    addition_evalset_free(&es);
    addition_net_free(&net);
}

static void test_threads(void)
{
#ifdef _OPENMP
    addition_net net;
    addition_evalset es;
    rng r;
    addition_net_init(&net, 7, 12);
    rng_seed(&r, RNG_PCG, 9);
    addition_net_randomize(&net, &r);
    addition_evalset_init(&es, 7);
    double v1[2 + ADDITION_BITS_MAX] = {0}, v2[2 + ADDITION_BITS_MAX] = {0};
    omp_set_num_threads(1);
    addition_evaluate(&net, net.w, &es, &v1[0], &v1[1], v1 + 2);
    omp_set_num_threads(2);
    addition_evaluate(&net, net.w, &es, &v2[0], &v2[1], v2 + 2);
    omp_set_num_threads(omp_get_num_procs());
    tap_ok(!memcmp(v1, v2, sizeof v1), "the same bytes on 1 and 2 threads");
    addition_evalset_free(&es);
    addition_net_free(&net);
#else
    tap_ok(1, "# SKIP built without OpenMP");
#endif
}

int main(void)
{
    check(8, 16, 0, 1);
    check(8, 16, 4, 0);
    check(6, 5, 5, 0);
    check(3, 1, 6, 0);
    check(12, 24, 7, 0);
    check(16, 20, 8, 0);
    test_threads();
    return tap_done();
}
