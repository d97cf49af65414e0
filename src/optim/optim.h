/* optim.h: first-order optimisers for any objective (objective.h), in the
 * style of GSL's gsl_multimin_fdfminimizer_type: each method is a table of
 * functions (optim_type) with its own state, found by name in a
 * NULL-terminated list; one driver (optim_run) owns the loop, applies the
 * gradient transform (clipping) before every step, and hands every iterate
 * to a callback, so traces are written as they are computed.
 *
 * The methods follow torch.optim's names, defaults and update rules
 * exactly (SGD, Adagrad, RMSprop, Adam; torch's Rprop is iRprop-), plus
 * the counting tutorial's RProp and the other Igel & Huesken (2000) variants.
 *
 * Using it (any number of parameters n):
 *
 *     const optim_type *t = optim_find("adam");
 *     optim_config c = optim_config_default(t, 1000); // torch's defaults
 *     c.params.lr = 0.01;
 *     c.clip = (optim_clip){OPTIM_CLIP_NORM, 1.0};
 *     if (optim_check(&c, &why) != RS_OK) ... why names the bad parameter
 *     double w[n] = {start};
 *     st = optim_run(&objective, &c, w, on_iterate, ctx); // w ends at the last iterate
 *
 * or, for a loop of one's own: optim_alloc, then per iteration
 * optim_clip_apply and optim_step, then optim_free.
 *
 * Adding an optimiser: one file defining a `const optim_type optim_NAME`
 * and one line in the table in optim.c (and its declaration below). */
#ifndef RNNSCAPE_OPTIM_H
#define RNNSCAPE_OPTIM_H

#include <stddef.h>

#include "objective.h"
#include "status.h"

/* Every hyper-parameter of every method, with torch.optim's names in the
 * comments. A method reads only those in its `uses` mask. */
typedef struct optim_params {
    double lr;                  /* lr */
    double momentum;            /* momentum (SGD, RMSprop) */
    double dampening;           /* dampening (SGD) */
    int nesterov;               /* nesterov (SGD) */
    double weight_decay;        /* weight_decay: L2 term added to the gradient */
    double lr_decay;            /* lr_decay (Adagrad) */
    double initial_accumulator; /* initial_accumulator_value (Adagrad) */
    double alpha;               /* alpha (RMSprop) */
    int centered;               /* centered (RMSprop) */
    double eps;                 /* eps (Adagrad, RMSprop, Adam) */
    double beta1, beta2;        /* betas (Adam) */
    int amsgrad;                /* amsgrad (Adam) */
    double delta0;              /* Rprop's lr: the initial step size */
    double delta_min, delta_max; /* step_sizes (Rprop) */
    double eta_plus, eta_minus;  /* etas = (eta_minus, eta_plus) (Rprop) */
} optim_params;

/* One bit per field of optim_params, for optim_type.uses. */
typedef enum {
    OPTIM_P_LR = 1u << 0,
    OPTIM_P_MOMENTUM = 1u << 1,
    OPTIM_P_DAMPENING = 1u << 2,
    OPTIM_P_NESTEROV = 1u << 3,
    OPTIM_P_WEIGHT_DECAY = 1u << 4,
    OPTIM_P_LR_DECAY = 1u << 5,
    OPTIM_P_INITIAL_ACCUMULATOR = 1u << 6,
    OPTIM_P_ALPHA = 1u << 7,
    OPTIM_P_CENTERED = 1u << 8,
    OPTIM_P_EPS = 1u << 9,
    OPTIM_P_BETA1 = 1u << 10,
    OPTIM_P_BETA2 = 1u << 11,
    OPTIM_P_AMSGRAD = 1u << 12,
    OPTIM_P_DELTA0 = 1u << 13,
    OPTIM_P_DELTA_MIN = 1u << 14,
    OPTIM_P_DELTA_MAX = 1u << 15,
    OPTIM_P_ETA_PLUS = 1u << 16,
    OPTIM_P_ETA_MINUS = 1u << 17
} optim_param_bit;

/* A description of each parameter, for headers and option parsers:
 * name is the command-line spelling without "--" ("weight-decay"). */
typedef struct {
    const char *name;
    unsigned bit;
    size_t offset; /* into optim_params */
    int is_flag;   /* an int 0/1 rather than a double */
    /* The domain (torch's checks): lo < v (lo_open) or lo <= v, and
     * v < hi (hi_open) or v <= hi; every value finite. */
    double lo, hi;
    int lo_open, hi_open;
    const char *expect; /* the domain in words: "a number >= 0" */
    const char *rule;   /* "lr: expected a number >= 0" */
} optim_param_info;
extern const optim_param_info optim_param_table[]; /* ends with name NULL */
/* The value of parameter `info` in p, as a double (flags 0 or 1). */
double optim_param_value(const optim_params *p, const optim_param_info *info);
/* Sets it (flags: v != 0). */
void optim_param_set(optim_params *p, const optim_param_info *info, double v);
/* Whether v lies in the parameter's domain. */
int optim_param_in_domain(const optim_param_info *info, double v);

/* An optimiser. The state is one block of state_size(n) bytes that the
 * driver allocates; init sets it up, step updates w in place from the
 * (already transformed) gradient g and the loss at w. Both return RS_OK,
 * or RS_EINVAL for parameters outside the method's domain. */
typedef struct optim_type {
    const char *name; /* "adam" */
    const char *title; /* "Adam" (for legends and headers) */
    unsigned uses;    /* OPTIM_P_* bits of the parameters it reads */
    optim_params defaults;
    size_t (*state_size)(size_t n); /* SIZE_MAX if it does not fit */
    rs_status (*init)(void *state, size_t n, const optim_params *p);
    rs_status (*step)(void *state, size_t n, const optim_params *p, double *w, const double *g,
                      double loss);
    /* Per-parameter state vectors worth tracing ("momentum_buffer", ...),
     * NULL-terminated (may be empty); vector(state, n, k) gives the k-th. */
    const char *const *vectors;
    const double *(*vector)(const void *state, size_t n, size_t k);
} optim_type;

extern const optim_type optim_sgd, optim_adagrad, optim_rmsprop, optim_adam;
extern const optim_type optim_rprop_tutorial, optim_rprop_plus, optim_rprop_minus,
    optim_irprop_plus, optim_irprop_minus;

/* Every optimiser, NULL-terminated, and their names (same order). */
extern const optim_type *const optim_types[];
extern const char *const optim_names[];
/* The optimiser of that name, or NULL. */
const optim_type *optim_find(const char *name);

/* The gradient transform applied before every step. */
typedef enum {
    OPTIM_CLIP_NONE = 0,
    OPTIM_CLIP_NORM, /* Pascanu et al. 2013, Alg. 1: g <- g*C/||g|| when ||g|| > C */
    OPTIM_CLIP_VALUE /* each component into [-C, C] */
} optim_clip_kind;
typedef struct {
    optim_clip_kind kind;
    double c; /* the threshold C > 0 */
} optim_clip;
/* Applies the transform to the n finite values of g in place. */
void optim_clip_apply(const optim_clip *clip, size_t n, double *g);

typedef struct {
    const optim_type *type;
    optim_params params;
    optim_clip clip;
    size_t iters; /* steps; the run visits iters + 1 iterates */
} optim_config;

/* type's defaults (torch's), no clipping. */
optim_config optim_config_default(const optim_type *type, size_t iters);
/* RS_OK, or RS_EINVAL with *why a static sentence naming the parameter
 * ("lr: expected a number >= 0", "delta0: expected a value in
 * [delta-min, delta-max]"). Checks only the parameters the type uses,
 * with torch's domains. */
rs_status optim_check(const optim_config *c, const char **why);

/* One iterate as the driver hands it to the callback. */
typedef struct {
    size_t iter; /* 0 = the start */
    size_t n;
    const double *w;    /* the iterate */
    double loss;        /* at w */
    const double *grad; /* the objective's gradient at w, before clipping */
    /* The optimiser's state after the step from w (at the last iterate,
     * and at one where the run stops, the state before any step from it). */
    const optim_type *type;
    const void *state;
} optim_point;

/* Returns RS_OK to go on; anything else ends the run with that status. */
typedef rs_status (*optim_callback)(void *ctx, const optim_point *pt);

/* Runs cfg->iters steps from w (n = obj->n values; on return the last
 * iterate reached). Each iteration i: obj->select(i) if the objective is
 * stochastic, loss and gradient at w, the clip transform on a copy of the
 * gradient, the step, then cb with iterate i (cb may be NULL). Ends with
 * RS_ERANGE after handing over the first iterate whose loss or gradient
 * is not finite (no step from there could give a number); RS_EINVAL for
 * invalid parameters (see optim_check), RS_ENOMEM, or the objective's or
 * callback's status. */
rs_status optim_run(const objective *obj, const optim_config *cfg, double *w, optim_callback cb,
                    void *ctx);

/* For a loop of one's own. optim_alloc returns NULL with *st set. */
typedef struct optim_state optim_state;
optim_state *optim_alloc(const optim_type *type, size_t n, const optim_params *p, rs_status *st);
/* One step of w from the (transformed) gradient g and the loss at w. */
rs_status optim_step(optim_state *s, double *w, const double *g, double loss);
/* The method's state block, for optim_type.vector. */
const void *optim_state_block(const optim_state *s);
void optim_free(optim_state *s);

#endif
