/* rnnscape optimize: a trace of any optimiser of optim.h (torch.optim's
 * SGD, Adagrad, RMSprop, Adam; the RProp family) on the two-parameter RNN,
 * with optional gradient clipping. */

#include <string.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "optim.h"
#include "rnn2.h"
#include "trace.h"

static const char optimize_help[] =
    "Usage: rnnscape optimize [OPTIONS]\n\n"
    "Runs an optimiser from a start point on the loss of the two-parameter RNN and\n"
    "writes every iterate (start included): 'iter w_x w_rec loss d_wx d_wrec' (d_ is\n"
    "the gradient at the iterate, before clipping), then the optimiser's state after\n"
    "the step from it (e.g. exp_avg_wx ... for adam, delta_wx delta_wrec for RProp).\n"
    "Update rules, names and defaults are torch.optim's (torch's Rprop is irprop-).\n\n"
    "  --optimizer NAME     sgd (default), adagrad, rmsprop, adam, rprop-tutorial,\n"
    "                       rprop+, rprop-, irprop+, irprop-\n"
    "  --start WX,WREC      start (default -1.5,2, the tutorial's)\n"
    "  --iters N            steps (default 500)\n"
    "Hyper-parameters (an option the optimiser does not use is refused):\n"
    "  --lr R               learning rate (sgd 0.001, adagrad 0.01, rmsprop 0.01,\n"
    "                       adam 0.001)\n"
    "  --momentum M         sgd, rmsprop (default 0)\n"
    "  --dampening D        sgd (default 0)\n"
    "  --nesterov           sgd: Nesterov momentum (needs --momentum, no dampening)\n"
    "  --weight-decay L     sgd, adagrad, rmsprop, adam: L*w added to the gradient\n"
    "                       (default 0)\n"
    "  --lr-decay D         adagrad (default 0)\n"
    "  --initial-accumulator A  adagrad (default 0)\n"
    "  --alpha A            rmsprop: smoothing constant (default 0.99)\n"
    "  --centered           rmsprop: normalise by the estimated variance\n"
    "  --eps E              adagrad (default 1e-10), rmsprop, adam (1e-8)\n"
    "  --beta1 B, --beta2 B adam (defaults 0.9, 0.999)\n"
    "  --amsgrad            adam: the AMSGrad variant\n"
    "  --delta0 D           RProp: initial step (torch's lr; default 0.01,\n"
    "                       rprop-tutorial 0.001)\n"
    "  --delta-min D        RProp bounds, not for rprop-tutorial (default 1e-6;\n"
    "  --delta-max D          default 50); delta0 must lie between them\n"
    "  --eta-plus E         RProp step growth (default 1.2)\n"
    "  --eta-minus E        RProp step shrink (default 0.5)\n"
    "Gradient clipping, before every step (not both):\n"
    "  --clip-norm C        g <- g*C/||g|| when ||g|| > C (Pascanu et al. 2013,\n"
    "                       Alg. 1, exactly: torch's clip_grad_norm_ adds 1e-6\n"
    "                       to ||g||)\n"
    "  --clip-value C       each component into [-C, C]\n" CLI_DATA_HELP CLI_S0_HELP
    "Output:\n"
    "  -o, --output FILE    the trace, atomically; the final iterate then goes to\n"
    "                       standard output (without -o the trace goes there and\n"
    "                       the final iterate follows it as a '#' line)\n"
    "  -h, --help           show this help\n";

enum {
    OPT_OPTIMIZER = OPT_FIRST_FREE,
    OPT_START,
    OPT_ITERS,
    OPT_CLIP_NORM,
    OPT_CLIP_VALUE,
    OPT_PARAM /* OPT_PARAM + i: optim_param_table[i] */
};

#define OPTIMIZE_MAX_ITERS 100000000L

typedef struct {
    double wx, wrec;
    long iters;
    int type; /* index into optim_types */
    optim_params given;
    unsigned given_mask; /* OPTIM_P_* bits of the hyper-parameters given */
    optim_clip clip;
    const char *clip_opt; /* the clipping option given, for messages */
    const char *out;
    cli_data_opts data;
} optimize_args;

static const char *const cmd = "optimize";

static int param_option(optimize_args *a, const optim_param_info *in, const char *arg)
{
    char opt[64];
    snprintf(opt, sizeof opt, "--%s", in->name);
    double v = 1.0;
    if (!in->is_flag && cli_double(cmd, opt, arg, &v) != CLI_OK)
        return CLI_USAGE;
    if (!optim_param_in_domain(in, v)) {
        cli_error(cmd, "%s: expected %s, got '%s'", opt, in->expect, arg);
        return CLI_USAGE;
    }
    optim_param_set(&a->given, in, v);
    a->given_mask |= in->bit;
    return CLI_OK;
}

static int clip_option(optimize_args *a, optim_clip_kind kind, const char *opt, const char *arg)
{
    if (a->clip_opt && strcmp(a->clip_opt, opt) != 0) {
        cli_error(cmd, "%s: cannot be combined with %s", opt, a->clip_opt);
        return CLI_USAGE;
    }
    if (cli_double(cmd, opt, arg, &a->clip.c) != CLI_OK)
        return CLI_USAGE;
    if (!(a->clip.c > 0)) {
        cli_error(cmd, "%s: expected a number > 0, got '%s'", opt, arg);
        return CLI_USAGE;
    }
    a->clip.kind = kind;
    a->clip_opt = opt;
    return CLI_OK;
}

static int optimize_option(void *ctx, int c, const char *arg)
{
    optimize_args *a = ctx;
    switch (c) {
    case OPT_OPTIMIZER: return cli_choice(cmd, "--optimizer", arg, optim_names, &a->type);
    case OPT_START: return cli_point(cmd, "--start", arg, &a->wx, &a->wrec);
    case OPT_ITERS: return cli_long(cmd, "--iters", arg, 0, OPTIMIZE_MAX_ITERS, &a->iters);
    case OPT_CLIP_NORM: return clip_option(a, OPTIM_CLIP_NORM, "--clip-norm", arg);
    case OPT_CLIP_VALUE: return clip_option(a, OPTIM_CLIP_VALUE, "--clip-value", arg);
    }
    if (c >= OPT_PARAM && c < OPT_PARAM + 64)
        return param_option(a, &optim_param_table[c - OPT_PARAM], arg);
    return CLI_NOT_MINE;
}

/* The chosen type's defaults with the given values; refuses options the
 * type does not use, naming them all, and parameters out of their domain. */
static int make_config(const optimize_args *a, optim_config *c)
{
    const optim_type *t = optim_types[a->type];
    *c = optim_config_default(t, (size_t)a->iters);
    c->clip = a->clip;
    char unused[512] = "";
    for (const optim_param_info *in = optim_param_table; in->name; in++) {
        if (!(a->given_mask & in->bit))
            continue;
        if (t->uses & in->bit) {
            optim_param_set(&c->params, in, optim_param_value(&a->given, in));
        } else {
            size_t len = strlen(unused);
            snprintf(unused + len, sizeof unused - len, "%s--%s", len ? ", " : "", in->name);
        }
    }
    if (unused[0]) {
        cli_error(cmd, "%s: not used by --optimizer %s", unused, t->name);
        return CLI_USAGE;
    }
    const optim_params *p = &c->params;
    if ((t->uses & OPTIM_P_DELTA_MIN) && p->delta_min > p->delta_max) {
        cli_error(cmd, "--delta-min: expected at most --delta-max (%g), got %g", p->delta_max,
                  p->delta_min);
        return CLI_USAGE;
    }
    if ((t->uses & OPTIM_P_DELTA_MIN) && !(p->delta0 >= p->delta_min && p->delta0 <= p->delta_max)) {
        cli_error(cmd, "--delta0: expected a value in [--delta-min, --delta-max] = [%g, %g], got %g",
                  p->delta_min, p->delta_max, p->delta0);
        return CLI_USAGE;
    }
    const char *why;
    if (optim_check(c, &why) != RS_OK) {
        cli_error(cmd, "--%s", why);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int parse_args(int argc, char **argv, optimize_args *a, optim_config *c)
{
    static const struct option fixed[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                          {"optimizer", required_argument, NULL, OPT_OPTIMIZER},
                                          {"start", required_argument, NULL, OPT_START},
                                          {"iters", required_argument, NULL, OPT_ITERS},
                                          {"clip-norm", required_argument, NULL, OPT_CLIP_NORM},
                                          {"clip-value", required_argument, NULL, OPT_CLIP_VALUE},
                                          {"output", required_argument, NULL, 'o'},
                                          {"help", no_argument, NULL, 'h'}};
    enum { NFIXED = sizeof fixed / sizeof fixed[0] };
    struct option longopts[NFIXED + 64 + 1];
    size_t k = 0;
    memcpy(longopts, fixed, sizeof fixed);
    k = NFIXED;
    for (size_t i = 0; optim_param_table[i].name && i < 64; i++)
        longopts[k++] = (struct option){optim_param_table[i].name,
                                        optim_param_table[i].is_flag ? no_argument
                                                                     : required_argument,
                                        NULL, OPT_PARAM + (int)i};
    longopts[k] = (struct option){NULL, 0, NULL, 0};
    cli_parser p = {cmd, optimize_help, longopts, &a->data, &a->out, optimize_option, a};
    int rc = cli_parse_args(&p, argc, argv);
    return rc == CLI_OK ? make_config(a, c) : rc;
}

/* "# optimize: ..." naming the optimiser and every parameter it uses. */
static void write_header(FILE *fp, int argc, char **argv, const optimize_args *a,
                         const optim_config *c, const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    fprintf(fp, "# optimize: optimizer %s, start (%.17g, %.17g), %ld iterations", c->type->name,
            a->wx, a->wrec, a->iters);
    for (const optim_param_info *in = optim_param_table; in->name; in++)
        if (c->type->uses & in->bit)
            fprintf(fp, ", %s %.17g", in->name, optim_param_value(&c->params, in));
    if (c->clip.kind == OPTIM_CLIP_NORM)
        fprintf(fp, ", clip-norm %.17g", c->clip.c);
    else if (c->clip.kind == OPTIM_CLIP_VALUE)
        fprintf(fp, ", clip-value %.17g", c->clip.c);
    else
        fputs(", no clipping", fp);
    fputc('\n', fp);
}

/* The trace writer, remembering the last iterate for the summary. */
typedef struct {
    trace_writer tw;
    double wx, wrec, loss;
    size_t iter;
} trace_sink;

static rs_status write_point(void *ctx, const optim_point *pt)
{
    trace_sink *t = ctx;
    t->wx = pt->w[0];
    t->wrec = pt->w[1];
    t->loss = pt->loss;
    t->iter = pt->iter;
    return trace_row(&t->tw, pt);
}

static int write_trace(FILE *fp, const optimize_args *a, const optim_config *c, const dataset *ds,
                       trace_sink *t)
{
    static const char *const wnames[] = {"w_x", "w_rec"}, *const suffix[] = {"wx", "wrec"};
    rnn2_problem prob = {cli_data_model(&a->data, a->wx, a->wrec), ds};
    objective obj = rnn2_objective(&prob);
    t->tw = (trace_writer){fp, 2, wnames, suffix, c->type, trace_type_vectors(c->type)};
    double w[2] = {a->wx, a->wrec};
    trace_columns(&t->tw);
    rs_status st = optim_run(&obj, c, w, write_point, t);
    if (st == RS_ERANGE) {
        fprintf(fp, "# stopped: the loss or gradient is not finite at iteration %zu\n", t->iter);
        cli_error(cmd, "the loss or gradient is not finite at iteration %zu: the trace ends there",
                  t->iter);
        return CLI_OK;
    }
    if (st != RS_OK) {
        cli_error(cmd, "%s", rs_status_str(st));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

static void print_final(FILE *fp, const char *prefix, const trace_sink *t)
{
    fprintf(fp, "%sfinal iter %zu w_x %.17g w_rec %.17g loss %.17g\n", prefix, t->iter, t->wx,
            t->wrec, t->loss);
}

int cmd_optimize(int argc, char **argv)
{
    optimize_args a = {.wx = -1.5, .wrec = 2, .iters = 500};
    optim_config c;
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a, &c);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    dataset ds;
    if ((rc = cli_data_get(cmd, &a.data, &ds)) != CLI_OK)
        return rc;
    outfile of;
    trace_sink t = {{0}, 0, 0, 0, 0};
    if ((rc = cli_open(cmd, a.out, &of)) == CLI_OK) {
        write_header(of.fp, argc, argv, &a, &c, &ds);
        if ((rc = write_trace(of.fp, &a, &c, &ds, &t)) != CLI_OK) {
            outfile_abort(&of);
        } else {
            if (!a.out)
                print_final(of.fp, "# ", &t);
            rc = cli_close(cmd, &of);
        }
    }
    if (rc == CLI_OK && a.out)
        print_final(stdout, "", &t);
    dataset_free(&ds);
    return rc;
}
