/* optim.c: the optimiser table, parameter checks, gradient clipping and
 * the driver loop shared by every method. */
#include "optim.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The table: adding an optimiser is one line here. */
const optim_type *const optim_types[] = {
    &optim_sgd,           &optim_adagrad,     &optim_rmsprop,
    &optim_adam,          &optim_rprop_tutorial, &optim_rprop_plus,
    &optim_rprop_minus,   &optim_irprop_plus, &optim_irprop_minus,
    NULL};

/* The names in the same order, for option parsers (cli_choice). */
const char *const optim_names[] = {"sgd",    "adagrad", "rmsprop", "adam",   "rprop-tutorial",
                                   "rprop+", "rprop-",  "irprop+", "irprop-", NULL};

#define PARAM(name, bit, field, flag, lo, hi, lo_open, hi_open, expect)                           \
    {name, bit, offsetof(optim_params, field), flag, lo, hi, lo_open, hi_open, expect,          \
     name ": expected " expect}
#define NONNEG(name, bit, field) PARAM(name, bit, field, 0, 0.0, INFINITY, 0, 1, "a number >= 0")
#define POSITIVE(name, bit, field) PARAM(name, bit, field, 0, 0.0, INFINITY, 1, 1, "a number > 0")
#define UNIT(name, bit, field) PARAM(name, bit, field, 0, 0.0, 1.0, 0, 1, "a number in [0, 1)")
#define FLAG(name, bit, field) PARAM(name, bit, field, 1, 0.0, 1.0, 0, 0, "0 or 1")
const optim_param_info optim_param_table[] = {
    NONNEG("lr", OPTIM_P_LR, lr),
    NONNEG("momentum", OPTIM_P_MOMENTUM, momentum),
    PARAM("dampening", OPTIM_P_DAMPENING, dampening, 0, -INFINITY, INFINITY, 1, 1, "a number"),
    FLAG("nesterov", OPTIM_P_NESTEROV, nesterov),
    NONNEG("weight-decay", OPTIM_P_WEIGHT_DECAY, weight_decay),
    NONNEG("lr-decay", OPTIM_P_LR_DECAY, lr_decay),
    NONNEG("initial-accumulator", OPTIM_P_INITIAL_ACCUMULATOR, initial_accumulator),
    NONNEG("alpha", OPTIM_P_ALPHA, alpha),
    FLAG("centered", OPTIM_P_CENTERED, centered),
    NONNEG("eps", OPTIM_P_EPS, eps),
    UNIT("beta1", OPTIM_P_BETA1, beta1),
    UNIT("beta2", OPTIM_P_BETA2, beta2),
    FLAG("amsgrad", OPTIM_P_AMSGRAD, amsgrad),
    POSITIVE("delta0", OPTIM_P_DELTA0, delta0),
    POSITIVE("delta-min", OPTIM_P_DELTA_MIN, delta_min),
    POSITIVE("delta-max", OPTIM_P_DELTA_MAX, delta_max),
    POSITIVE("eta-plus", OPTIM_P_ETA_PLUS, eta_plus),
    POSITIVE("eta-minus", OPTIM_P_ETA_MINUS, eta_minus),
    {NULL, 0, 0, 0, 0.0, 0.0, 0, 0, NULL, NULL}};

void optim_param_set(optim_params *p, const optim_param_info *info, double v)
{
    char *base = (char *)p + info->offset;
    if (info->is_flag) {
        int f = v != 0;
        memcpy(base, &f, sizeof f);
    } else {
        memcpy(base, &v, sizeof v);
    }
}

int optim_param_in_domain(const optim_param_info *info, double v)
{
    return isfinite(v) && (info->lo_open ? v > info->lo : v >= info->lo) &&
           (info->hi_open ? v < info->hi : v <= info->hi);
}

double optim_param_value(const optim_params *p, const optim_param_info *info)
{
    const char *base = (const char *)p + info->offset;
    if (info->is_flag) {
        int v;
        memcpy(&v, base, sizeof v);
        return v ? 1.0 : 0.0;
    }
    double v;
    memcpy(&v, base, sizeof v);
    return v;
}

const optim_type *optim_find(const char *name)
{
    for (size_t i = 0; optim_types[i]; i++)
        if (strcmp(optim_types[i]->name, name) == 0)
            return optim_types[i];
    return NULL;
}

optim_config optim_config_default(const optim_type *type, size_t iters)
{
    return (optim_config){type, type->defaults, {OPTIM_CLIP_NONE, 0.0}, iters};
}

/* One domain rule: the parameter (if used) must satisfy ok, else why. */
static int violates(unsigned uses, unsigned bit, int ok) { return (uses & bit) && !ok; }

rs_status optim_check(const optim_config *c, const char **why)
{
    const optim_params *p = &c->params;
    unsigned u = c->type->uses;
#define RULE(bit, cond, text)                                                                      \
    if (violates(u, bit, cond)) {                                                                  \
        *why = text;                                                                               \
        return RS_EINVAL;                                                                          \
    }
    for (const optim_param_info *in = optim_param_table; in->name; in++)
        if ((u & in->bit) && !optim_param_in_domain(in, optim_param_value(p, in))) {
            *why = in->rule;
            return RS_EINVAL;
        }
    RULE(OPTIM_P_NESTEROV, !p->nesterov || (p->momentum > 0 && p->dampening == 0),
         "nesterov: needs momentum > 0 and dampening 0");
    RULE(OPTIM_P_DELTA_MAX, !(u & OPTIM_P_DELTA_MIN) || p->delta_min <= p->delta_max,
         "delta-min: must not exceed delta-max");
    RULE(OPTIM_P_DELTA_MIN, !(u & OPTIM_P_DELTA0) || p->delta0 >= p->delta_min,
         "delta0: expected a value in [delta-min, delta-max]");
    RULE(OPTIM_P_DELTA_MAX, !(u & OPTIM_P_DELTA0) || p->delta0 <= p->delta_max,
         "delta0: expected a value in [delta-min, delta-max]");
#undef RULE
    if (c->clip.kind != OPTIM_CLIP_NONE && !(isfinite(c->clip.c) && c->clip.c > 0)) {
        *why = "clip: expected a threshold > 0";
        return RS_EINVAL;
    }
    *why = NULL;
    return RS_OK;
}

/* ||g||_2 without overflow or underflow: scaled by the largest |g_i|. */
static double norm2(size_t n, const double *g)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, fabs(g[i]));
    if (m == 0.0)
        return 0.0;
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += (g[i] / m) * (g[i] / m);
    return m * sqrt(s);
}

void optim_clip_apply(const optim_clip *clip, size_t n, double *g)
{
    if (clip->kind == OPTIM_CLIP_VALUE) {
        for (size_t i = 0; i < n; i++)
            g[i] = fmin(fmax(g[i], -clip->c), clip->c);
    } else if (clip->kind == OPTIM_CLIP_NORM) {
        /* Pascanu et al. (2013), Alg. 1: if ||g|| > C then g <- (C/||g||) g
         * (exactly: no epsilon added to the norm, unlike torch's clip_grad_norm_) */
        double norm = norm2(n, g);
        if (norm > clip->c)
            for (size_t i = 0; i < n; i++)
                g[i] *= clip->c / norm;
    }
}

struct optim_state {
    const optim_type *type;
    size_t n;
    optim_params p;
    max_align_t block[]; /* the method's state */
};

optim_state *optim_alloc(const optim_type *type, size_t n, const optim_params *p, rs_status *st)
{
    size_t sz = type->state_size(n);
    if (sz == SIZE_MAX || sz > SIZE_MAX - sizeof(optim_state)) {
        *st = RS_ENOMEM;
        return NULL;
    }
    optim_state *s = malloc(sizeof *s + sz);
    if (!s) {
        *st = RS_ENOMEM;
        return NULL;
    }
    s->type = type;
    s->n = n;
    s->p = *p;
    if ((*st = type->init(s->block, n, p)) != RS_OK) {
        free(s);
        return NULL;
    }
    return s;
}

rs_status optim_step(optim_state *s, double *w, const double *g, double loss)
{
    return s->type->step(s->block, s->n, &s->p, w, g, loss);
}

const void *optim_state_block(const optim_state *s) { return s->block; }

void optim_free(optim_state *s) { free(s); }

static int all_finite(size_t n, const double *v)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

/* One step from w; if it leaves the finite numbers (0/0 with eps = 0, an
 * overflowing jump), w and the state are put back and 0 is returned, so no
 * iterate or state the trace shows is ever NaN. */
static int step_finite(optim_state *s, void *saved, size_t n, double *w, const double *w_at,
                       const double *g, double loss, rs_status *st)
{
    size_t sz = s->type->state_size(n);
    memcpy(saved, s->block, sz);
    if ((*st = optim_step(s, w, g, loss)) != RS_OK || all_finite(n, w))
        return 1;
    memcpy(s->block, saved, sz);
    memcpy(w, w_at, n * sizeof *w);
    return 0;
}

/* The loop: evaluate, hand over, transform, step. Scratch: the gradient,
 * its transformed copy and the iterate before the step (3n doubles), then
 * room for a copy of the state. */
static rs_status run_loop(const objective *obj, const optim_config *cfg, optim_state *s, double *w,
                          double *scratch, optim_callback cb, void *ctx)
{
    size_t n = obj->n;
    double *g = scratch, *gt = scratch + n, *w_at = scratch + 2 * n;
    void *saved = scratch + 3 * n;
    for (size_t i = 0;; i++) {
        rs_status st;
        double loss;
        if (obj->select && (st = obj->select(obj->ctx, i)) != RS_OK)
            return st;
        if ((st = objective_fdf(obj, w, &loss, g)) != RS_OK)
            return st;
        int finite = isfinite(loss) && all_finite(n, g);
        int last = i == cfg->iters || !finite;
        memcpy(w_at, w, n * sizeof *w);
        if (!last) {
            memcpy(gt, g, n * sizeof *g);
            optim_clip_apply(&cfg->clip, n, gt);
            if (!step_finite(s, saved, n, w, w_at, gt, loss, &st))
                last = 1, finite = 0;
            else if (st != RS_OK)
                return st;
        }
        optim_point pt = {i, n, w_at, loss, g, cfg->type, optim_state_block(s)};
        if (cb && (st = cb(ctx, &pt)) != RS_OK)
            return st;
        if (last) {
            memcpy(w, w_at, n * sizeof *w);
            return finite ? RS_OK : RS_ERANGE;
        }
    }
}

rs_status optim_run(const objective *obj, const optim_config *cfg, double *w, optim_callback cb,
                    void *ctx)
{
    const char *why;
    rs_status st = optim_check(cfg, &why);
    if (st != RS_OK)
        return st;
    size_t n = obj->n, sz = cfg->type->state_size(n);
    if (n > SIZE_MAX / (4 * sizeof(double)) || sz == SIZE_MAX ||
        sz > SIZE_MAX - 3 * n * sizeof(double) - sizeof(double))
        return RS_ENOMEM;
    double *scratch = malloc(3 * n * sizeof *scratch + sz + sizeof(double));
    optim_state *s = scratch ? optim_alloc(cfg->type, n, &cfg->params, &st) : NULL;
    if (!scratch)
        st = RS_ENOMEM;
    if (s)
        st = run_loop(obj, cfg, s, w, scratch, cb, ctx);
    optim_free(s);
    free(scratch);
    return st;
}
