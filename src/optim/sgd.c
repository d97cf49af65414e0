/* sgd.c: stochastic gradient descent with momentum, dampening, Nesterov
 * momentum and weight decay, as torch.optim.SGD:
 *   d = g + wd*w;  b = d (first step) or mu*b + (1 - dampening)*d;
 *   d = d + mu*b (Nesterov) or b;  w = w - lr*d. */
#include "optim_method.h"

static const char *const sgd_vectors[] = {"momentum_buffer", NULL};

OPTIM_ZEROED_STATE(sgd, 1)

static rs_status sgd_step(void *state, size_t n, const optim_params *p, double *w, const double *g,
                          double loss)
{
    (void)loss;
    optim_vectors *s = state;
    double *buf = s->v;
    for (size_t i = 0; i < n; i++) {
        double d = optim_decayed(g[i], w[i], p->weight_decay);
        if (p->momentum != 0) {
            /* momentum: b_t = mu*b_(t-1) + (1 - tau)*d, b_1 = d */
            buf[i] = s->t == 0 ? d : p->momentum * buf[i] + (1 - p->dampening) * d;
            d = p->nesterov ? d + p->momentum * buf[i] : buf[i];
        }
        w[i] -= p->lr * d;
    }
    s->t++;
    return RS_OK;
}

const optim_type optim_sgd = {
    .name = "sgd",
    .title = "SGD",
    .uses = OPTIM_P_LR | OPTIM_P_MOMENTUM | OPTIM_P_DAMPENING | OPTIM_P_NESTEROV |
            OPTIM_P_WEIGHT_DECAY,
    .defaults = {.lr = 0.001},
    .state_size = sgd_size,
    .init = sgd_init,
    .step = sgd_step,
    .vectors = sgd_vectors,
    .vector = optim_vectors_get,
};
