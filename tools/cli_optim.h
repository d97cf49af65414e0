/* The optimiser options shared by `rnnscape optimize` and `rnnscape
 * addition train --optimizer`: --optimizer NAME, one long option per entry
 * of optim_param_table (torch.optim's names: --lr, --momentum, ...),
 * --clip-norm and --clip-value; their help text; turning them into an
 * optim_config that refuses options the chosen optimiser does not use;
 * and the header text describing a configuration. */
#ifndef RNNSCAPE_CLI_OPTIM_H
#define RNNSCAPE_CLI_OPTIM_H

#include <getopt.h>
#include <stdio.h>

#include "optim.h"

/* Option codes from a command's base: base (--optimizer), base + 1
 * (--clip-norm), base + 2 (--clip-value), base + 3 + i (optim_param_table[i]). */
enum { CLI_OPTIM_PARAMS_MAX = 64, CLI_OPTIM_CODES = 3 + CLI_OPTIM_PARAMS_MAX };

/* What was given. type -1: no --optimizer. */
typedef struct {
    int type;            /* index in optim_types */
    optim_params given;  /* the values given ... */
    unsigned given_bits; /* ... and which (OPTIM_P_* bits) */
    optim_clip clip;
} cli_optim_opts;

/* The hyper-parameter and clipping lines of a command's --help. */
#define CLI_OPTIM_HELP                                                                             \
    "Hyper-parameters (an option the optimiser does not use is refused):\n"                        \
    "  --lr R               learning rate (sgd 0.001, adagrad 0.01, rmsprop 0.01,\n"              \
    "                       adam 0.001)\n"                                                         \
    "  --momentum M         sgd, rmsprop (default 0)\n"                                            \
    "  --dampening D        sgd (default 0)\n"                                                     \
    "  --nesterov           sgd: Nesterov momentum (needs --momentum, no dampening)\n"             \
    "  --weight-decay L     sgd, adagrad, rmsprop, adam: L*w added to the gradient\n"              \
    "                       (default 0)\n"                                                         \
    "  --lr-decay D         adagrad (default 0)\n"                                                 \
    "  --initial-accumulator A  adagrad (default 0)\n"                                          \
    "  --alpha A            rmsprop: smoothing constant (default 0.99)\n"                         \
    "  --centered           rmsprop: normalise by the estimated variance\n"                        \
    "  --eps E              adagrad (default 1e-10), rmsprop, adam (1e-8)\n"                       \
    "  --beta1 B, --beta2 B adam (defaults 0.9, 0.999)\n"                                          \
    "  --amsgrad            adam: the AMSGrad variant\n"                                           \
    "  --delta0 D           RProp: initial step (torch's lr; default 0.01,\n"                     \
    "                       rprop-tutorial 0.001)\n"                                               \
    "  --delta-min D        RProp bounds, not for rprop-tutorial (default 1e-6;\n"                 \
    "  --delta-max D          default 50); delta0 must lie between them\n"                         \
    "  --eta-plus E         RProp step growth (default 1.2)\n"                                     \
    "  --eta-minus E        RProp step shrink (default 0.5)\n"                                   \
    "Gradient clipping, before every step (not both):\n"                                           \
    "  --clip-norm C        g <- g*C/||g|| when ||g|| > C (Pascanu et al. 2013,\n"                 \
    "                       Alg. 1, exactly: torch's clip_grad_norm_ adds 1e-6\n"                  \
    "                       to ||g||)\n"                                                           \
    "  --clip-value C       each component into [-C, C]\n"

/* Fills out (room entries) with the long options, codes from base, all
 * but the parameter named skip (NULL: none); returns how many. */
size_t cli_optim_longopts(struct option *out, size_t room, int base, const char *skip);
/* Handles option code c: CLI_OK, CLI_USAGE (printed), CLI_NOT_MINE. */
int cli_optim_option(const char *cmd, int base, int c, const char *arg, cli_optim_opts *o);
/* The parameter called name (e.g. "alpha", when the command owns the
 * option) given as arg: CLI_OK, CLI_USAGE (printed), CLI_NOT_MINE. */
int cli_optim_param(const char *cmd, const char *name, const char *arg, cli_optim_opts *o);
/* The chosen type's defaults with the values given, for iters steps:
 * CLI_OK; CLI_NOT_MINE when no --optimizer was given (then no optimiser
 * option may be, the tutorial's update taking only --alpha); CLI_USAGE
 * (printed) naming every option the optimiser does not use, or a value
 * outside its domain. */
int cli_optim_config(const char *cmd, const cli_optim_opts *o, size_t iters, optim_config *c);
/* RProp's step bounds: delta_min <= delta_max and, if check_delta0,
 * delta0 between them; CLI_OK or CLI_USAGE (printed, naming the option). */
int cli_optim_delta_bounds(const char *cmd, double delta0, double delta_min, double delta_max,
                           int check_delta0);
/* "<sep>name value" for every parameter the optimiser uses, then
 * "<sep>clip-norm C", "<sep>clip-value C" or "<sep>no clipping"; values
 * with the fewest digits (15 to 17) that read back exactly. */
void cli_optim_describe(FILE *fp, const optim_config *c, const char *sep);

#endif
