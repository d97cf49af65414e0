/* adam.c: Adam (Kingma & Ba 2015), with AMSGrad (Reddi et al. 2018), as
 * torch.optim.Adam:
 *   d = g + wd*w;  m = b1*m + (1 - b1)*d;  v = b2*v + (1 - b2)*d^2;
 *   AMSGrad: v^ = max(v^, v), else v^ = v;
 *   w = w - (lr / (1 - b1^t)) * m / (sqrt(v^) / sqrt(1 - b2^t) + eps). */
#include <math.h>

#include "optim_method.h"

static const char *const adam_vectors[] = {"exp_avg", "exp_avg_sq", "max_exp_avg_sq", NULL};

OPTIM_ZEROED_STATE(adam, 3)

static rs_status adam_step(void *state, size_t n, const optim_params *p, double *w, const double *g,
                           double loss)
{
    (void)loss;
    optim_vectors *s = state;
    double *m = s->v, *v = s->v + n, *vmax = s->v + 2 * n;
    s->t++;
    double t = (double)s->t;
    double step = p->lr / (1 - pow(p->beta1, t)); /* bias correction of m */
    double bc2_sqrt = sqrt(1 - pow(p->beta2, t)); /* and of v */
    for (size_t i = 0; i < n; i++) {
        double d = optim_decayed(g[i], w[i], p->weight_decay);
        m[i] = p->beta1 * m[i] + (1 - p->beta1) * d;
        v[i] = p->beta2 * v[i] + (1 - p->beta2) * (d * d);
        double vhat = v[i];
        if (p->amsgrad)
            vhat = vmax[i] = fmax(vmax[i], v[i]);
        w[i] -= step * (m[i] / (sqrt(vhat) / bc2_sqrt + p->eps));
    }
    return RS_OK;
}

const optim_type optim_adam = {
    .name = "adam",
    .title = "Adam",
    .uses = OPTIM_P_LR | OPTIM_P_BETA1 | OPTIM_P_BETA2 | OPTIM_P_EPS | OPTIM_P_WEIGHT_DECAY |
            OPTIM_P_AMSGRAD,
    .defaults = {.lr = 0.001, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8},
    .state_size = adam_size,
    .init = adam_init,
    .step = adam_step,
    .vectors = adam_vectors,
    .vector = optim_vectors_get,
};
