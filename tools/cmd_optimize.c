/* rnnscape optimize: a trace of any optimiser of optim.h (torch.optim's
 * SGD, Adagrad, RMSprop, Adam; the RProp family) on the two-parameter RNN,
 * with optional gradient clipping. */

#include <string.h>

#include "cli.h"
#include "cli_data.h"
#include "cli_optim.h"
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
    CLI_OPTIM_HELP CLI_DATA_HELP CLI_S0_HELP
    "Output:\n"
    "  -o, --output FILE    the trace, atomically; the final iterate then goes to\n"
    "                       standard output (without -o the trace goes there and\n"
    "                       the final iterate follows it as a '#' line)\n"
    "  -h, --help           show this help\n";

enum {
    OPT_START = OPT_FIRST_FREE,
    OPT_ITERS,
    OPT_OPTIM /* the CLI_OPTIM_CODES codes of cli_optim.h */
};

#define OPTIMIZE_MAX_ITERS 100000000L

typedef struct {
    double wx, wrec;
    long iters;
    cli_optim_opts optim;
    const char *out;
    cli_data_opts data;
} optimize_args;

static const char *const cmd = "optimize";

static int optimize_option(void *ctx, int c, const char *arg)
{
    optimize_args *a = ctx;
    switch (c) {
    case OPT_START: return cli_point(cmd, "--start", arg, &a->wx, &a->wrec);
    case OPT_ITERS: return cli_long(cmd, "--iters", arg, 0, OPTIMIZE_MAX_ITERS, &a->iters);
    }
    return cli_optim_option(cmd, OPT_OPTIM, c, arg, &a->optim);
}

static int parse_args(int argc, char **argv, optimize_args *a, optim_config *c)
{
    static const struct option fixed[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                          {"start", required_argument, NULL, OPT_START},
                                          {"iters", required_argument, NULL, OPT_ITERS},
                                          {"output", required_argument, NULL, 'o'},
                                          {"help", no_argument, NULL, 'h'}};
    enum { NFIXED = sizeof fixed / sizeof fixed[0], ROOM = NFIXED + CLI_OPTIM_CODES + 1 };
    struct option longopts[ROOM];
    memcpy(longopts, fixed, sizeof fixed);
    size_t k = NFIXED + cli_optim_longopts(longopts + NFIXED, ROOM - NFIXED - 1, OPT_OPTIM, NULL);
    longopts[k] = (struct option){NULL, 0, NULL, 0};
    cli_parser p = {cmd, optimize_help, longopts, &a->data, &a->out, optimize_option, a};
    int rc = cli_parse_args(&p, argc, argv);
    return rc == CLI_OK ? cli_optim_config(cmd, &a->optim, (size_t)a->iters, c) : rc;
}

/* "# optimize: ..." naming the optimiser and every parameter it uses. */
static void write_header(FILE *fp, int argc, char **argv, const optimize_args *a,
                         const optim_config *c, const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    fprintf(fp, "# optimize: optimizer %s, start (%.17g, %.17g), %ld iterations", c->type->name,
            a->wx, a->wrec, a->iters);
    cli_optim_describe(fp, c, ", ");
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
        fprintf(fp, "# stopped: the loss, the gradient or the step from it is not finite at iteration %zu\n", t->iter);
        cli_error(cmd, "the loss, the gradient or the step from it is not finite at iteration %zu: the trace ends there",
                  t->iter);
        return CLI_OK;
    }
    if (st != RS_OK && !ferror(fp)) /* a write error is the caller's to name */
        cli_error(cmd, "%s", rs_status_str(st));
    if (st != RS_OK)
        return CLI_FAILURE;
    return CLI_OK;
}

static void print_final(FILE *fp, const char *prefix, const trace_sink *t)
{
    fprintf(fp, "%sfinal iter %zu w_x %.17g w_rec %.17g loss %.17g\n", prefix, t->iter, t->wx,
            t->wrec, t->loss);
}

int cmd_optimize(int argc, char **argv)
{
    optimize_args a = {.wx = -1.5, .wrec = 2, .iters = 500, .optim = {.type = 0}};
    optim_config c;
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a, &c);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input(cmd, "-o", a.out, "--data", a.data.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get(cmd, &a.data, &ds)) != CLI_OK)
        return rc;
    outfile of;
    trace_sink t = {{0}, 0, 0, 0, 0};
    if ((rc = cli_open(cmd, a.out, &of)) == CLI_OK) {
        write_header(of.fp, argc, argv, &a, &c, &ds);
        if ((rc = write_trace(of.fp, &a, &c, &ds, &t)) != CLI_OK) {
            cli_abort(cmd, &of);
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
