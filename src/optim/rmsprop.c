/* rmsprop.c: RMSprop (Hinton's lecture 6e; Graves 2013 for the centred
 * form) as torch.optim.RMSprop:
 *   d = g + wd*w;  v = alpha*v + (1 - alpha)*d^2;
 *   centred: m = alpha*m + (1 - alpha)*d, v~ = v - m^2, else v~ = v;
 *   a = sqrt(v~) + eps;  momentum mu > 0: b = mu*b + d/a, w = w - lr*b;
 *   else w = w - lr*d/a. */
#include <math.h>

#include "optim_method.h"

static const char *const rmsprop_vectors[] = {"square_avg", "grad_avg", "momentum_buffer", NULL};

OPTIM_ZEROED_STATE(rmsprop, 3)

static rs_status rmsprop_step(void *state, size_t n, const optim_params *p, double *w,
                              const double *g, double loss)
{
    (void)loss;
    optim_vectors *s = state;
    double *sq = s->v, *ga = s->v + n, *buf = s->v + 2 * n;
    for (size_t i = 0; i < n; i++) {
        double d = optim_decayed(g[i], w[i], p->weight_decay);
        sq[i] = p->alpha * sq[i] + (1 - p->alpha) * (d * d);
        double avg;
        if (p->centered) {
            ga[i] = p->alpha * ga[i] + (1 - p->alpha) * d;
            avg = sqrt(sq[i] - ga[i] * ga[i]);
        } else {
            avg = sqrt(sq[i]);
        }
        avg += p->eps;
        if (p->momentum > 0) {
            buf[i] = p->momentum * buf[i] + d / avg;
            w[i] -= p->lr * buf[i];
        } else {
            w[i] -= p->lr * (d / avg);
        }
    }
    s->t++;
    return RS_OK;
}

const optim_type optim_rmsprop = {
    .name = "rmsprop",
    .title = "RMSprop",
    .uses = OPTIM_P_LR | OPTIM_P_ALPHA | OPTIM_P_EPS | OPTIM_P_WEIGHT_DECAY | OPTIM_P_MOMENTUM |
            OPTIM_P_CENTERED,
    .defaults = {.lr = 0.01, .alpha = 0.99, .eps = 1e-8},
    .state_size = rmsprop_size,
    .init = rmsprop_init,
    .step = rmsprop_step,
    .vectors = rmsprop_vectors,
    .vector = optim_vectors_get,
};
