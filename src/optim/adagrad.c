/* adagrad.c: Adagrad (Duchi et al. 2011) as torch.optim.Adagrad:
 *   d = g + wd*w;  lr_t = lr / (1 + (t - 1)*lr_decay);  s = s + d^2;
 *   w = w - lr_t * d / (sqrt(s) + eps),  s starting at initial_accumulator. */
#include <math.h>

#include "optim_method.h"

static const char *const adagrad_vectors[] = {"sum", NULL};

static size_t adagrad_size(size_t n) { return optim_vectors_size(n, 1); }

static rs_status adagrad_init(void *state, size_t n, const optim_params *p)
{
    optim_vectors *s = optim_vectors_init(state, n, 1);
    for (size_t i = 0; i < n; i++)
        s->v[i] = p->initial_accumulator;
    return RS_OK;
}

static rs_status adagrad_step(void *state, size_t n, const optim_params *p, double *w,
                              const double *g, double loss)
{
    (void)loss;
    optim_vectors *s = state;
    double *sum = s->v;
    s->t++;
    double clr = p->lr / (1 + (double)(s->t - 1) * p->lr_decay); /* decayed rate */
    for (size_t i = 0; i < n; i++) {
        double d = optim_decayed(g[i], w[i], p->weight_decay);
        sum[i] += d * d;
        w[i] -= clr * (d / (sqrt(sum[i]) + p->eps));
    }
    return RS_OK;
}

const optim_type optim_adagrad = {
    .name = "adagrad",
    .title = "Adagrad",
    .uses = OPTIM_P_LR | OPTIM_P_LR_DECAY | OPTIM_P_WEIGHT_DECAY | OPTIM_P_INITIAL_ACCUMULATOR |
            OPTIM_P_EPS,
    .defaults = {.lr = 0.01, .eps = 1e-10},
    .state_size = adagrad_size,
    .init = adagrad_init,
    .step = adagrad_step,
    .vectors = adagrad_vectors,
    .vector = optim_vectors_get,
};
