/* rprop_family.c: resilient backpropagation. Each weight has its own step
 * size delta, grown by eta_plus while the gradient keeps its sign and
 * shrunk by eta_minus when it flips; the weight moves by -sign(g)*delta.
 *   tutorial: the counting tutorial's rule: no bounds, no backtracking,
 *             the sign compared with the previous one (0 at the start);
 *   rprop+, rprop-, irprop+, irprop-: Igel & Huesken (2000), delta kept in
 *             [delta_min, delta_max]; on a sign flip Rprop+ undoes its last
 *             step, iRprop+ only if the loss rose, iRprop- takes no step
 *             (and forgets the gradient); Rprop- steps on. irprop- is
 *             torch.optim.Rprop (lr = delta0, etas, step_sizes). */
#include <math.h>

#include "optim_method.h"

typedef enum { TUTORIAL, PLUS, MINUS, IPLUS, IMINUS } variant;

/* Vectors: delta (step sizes), prev_sign, prev_step (for backtracking). */
static const char *const rprop_vectors[] = {"delta", NULL};

static size_t rprop_size(size_t n) { return optim_vectors_size(n, 3); }

static rs_status rprop_init(void *state, size_t n, const optim_params *p)
{
    optim_vectors *s = optim_vectors_init(state, n, 3);
    for (size_t i = 0; i < n; i++)
        s->v[i] = p->delta0;
    s->scalar = INFINITY; /* previous loss: none yet */
    return RS_OK;
}

/* np.sign: -1, 0 or 1. */
static double sign_of(double g) { return g > 0.0 ? 1.0 : g < 0.0 ? -1.0 : 0.0; }

/* The tutorial: grow delta if the sign repeats, else shrink; step -sign*delta. */
static double step_tutorial(double *delta, double *prev_sign, double g, const optim_params *p)
{
    double sg = sign_of(g);
    *delta *= sg == *prev_sign ? p->eta_plus : p->eta_minus;
    *prev_sign = sg;
    return -sg * *delta;
}

/* One weight's change for the Igel & Huesken variants. */
static double step_standard(variant v, double *delta, double *prev_sign, double *prev_step,
                            double g, const optim_params *p, int loss_rose)
{
    double sg = sign_of(g), agree = sg * *prev_sign;
    if (agree > 0.0) {
        *delta = fmin(*delta * p->eta_plus, p->delta_max);
    } else if (agree < 0.0) {
        *delta = fmax(*delta * p->eta_minus, p->delta_min);
        if (v == PLUS || v == IPLUS) {
            /* Backtrack (always for Rprop+, only on a loss increase for iRprop+). */
            double back = (v == PLUS || loss_rose) ? -*prev_step : 0.0;
            *prev_sign = 0.0;
            *prev_step = back;
            return back;
        }
        if (v == IMINUS)
            sg = 0.0; /* iRprop-: forget this gradient, take no step */
    }
    *prev_sign = sg;
    *prev_step = -sg * *delta;
    return *prev_step;
}

static rs_status rprop_step(variant v, void *state, size_t n, const optim_params *p, double *w,
                            const double *g, double loss)
{
    optim_vectors *s = state;
    double *delta = s->v, *prev_sign = s->v + n, *prev_step = s->v + 2 * n;
    int rose = loss > s->scalar;
    for (size_t i = 0; i < n; i++)
        w[i] += v == TUTORIAL
                    ? step_tutorial(&delta[i], &prev_sign[i], g[i], p)
                    : step_standard(v, &delta[i], &prev_sign[i], &prev_step[i], g[i], p, rose);
    s->scalar = loss;
    s->t++;
    return RS_OK;
}

#define RPROP_STEP(fn, v)                                                                          \
    static rs_status fn(void *state, size_t n, const optim_params *p, double *w, const double *g,  \
                        double loss)                                                               \
    {                                                                                              \
        return rprop_step(v, state, n, p, w, g, loss);                                             \
    }
RPROP_STEP(step_tut, TUTORIAL)
RPROP_STEP(step_plus, PLUS)
RPROP_STEP(step_minus, MINUS)
RPROP_STEP(step_iplus, IPLUS)
RPROP_STEP(step_iminus, IMINUS)

#define RPROP_TUTORIAL_USES (OPTIM_P_DELTA0 | OPTIM_P_ETA_PLUS | OPTIM_P_ETA_MINUS)
#define RPROP_USES (RPROP_TUTORIAL_USES | OPTIM_P_DELTA_MIN | OPTIM_P_DELTA_MAX)
/* torch.optim.Rprop's defaults: lr 0.01, etas (0.5, 1.2), step_sizes (1e-6, 50). */
#define RPROP_DEFAULTS {.delta0 = 0.01, .delta_min = 1e-6, .delta_max = 50, .eta_plus = 1.2, .eta_minus = 0.5}
#define RPROP_TYPE(sym, nm, ttl, uses_, defaults_, stepfn)                                          \
    const optim_type sym = {.name = nm,                                                            \
                            .title = ttl,                                                          \
                            .uses = uses_,                                                         \
                            .defaults = defaults_,                                                 \
                            .state_size = rprop_size,                                              \
                            .init = rprop_init,                                                    \
                            .step = stepfn,                                                        \
                            .vectors = rprop_vectors,                                              \
                            .vector = optim_vectors_get}

/* The tutorial's own settings: delta0 0.001. */
#define RPROP_TUTORIAL_DEFAULTS {.delta0 = 0.001, .eta_plus = 1.2, .eta_minus = 0.5}
RPROP_TYPE(optim_rprop_tutorial, "rprop-tutorial", "RProp (tutorial)", RPROP_TUTORIAL_USES,
           RPROP_TUTORIAL_DEFAULTS, step_tut);
RPROP_TYPE(optim_rprop_plus, "rprop+", "Rprop+", RPROP_USES, RPROP_DEFAULTS,
           step_plus);
RPROP_TYPE(optim_rprop_minus, "rprop-", "Rprop-", RPROP_USES, RPROP_DEFAULTS,
           step_minus);
RPROP_TYPE(optim_irprop_plus, "irprop+", "iRprop+", RPROP_USES, RPROP_DEFAULTS,
           step_iplus);
RPROP_TYPE(optim_irprop_minus, "irprop-", "iRprop-", RPROP_USES, RPROP_DEFAULTS,
           step_iminus);
