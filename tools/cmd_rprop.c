/* rnnscape rprop: an RProp optimiser trace on the two-parameter RNN. */

#include "cli.h"
#include "cli_data.h"
#include "cli_optim.h"
#include "commands.h"
#include "rprop.h"
#include "trace.h"

static const char rprop_help[] =
    "Usage: rnnscape rprop [OPTIONS]\n\n"
    "Runs RProp from a start point and writes every iterate (start included):\n"
    "'iter w_x w_rec loss d_wx d_wrec delta_wx delta_wrec', where d_ is the\n"
    "gradient at the iterate and delta_ the step sizes of the step taken from it.\n"
    "Prints the final weights as the tutorial does.\n\n"
    "  --start WX,WREC      start (default -1.5,2, the tutorial's)\n"
    "  --iters N            iterations (default 500)\n"
    "  --variant V          tutorial (default): sign comparison, no bounds, no\n"
    "                       backtracking; rprop+, rprop-, irprop+, irprop-:\n"
    "                       Igel & Huesken (2000), with the bounds below\n"
    "  --eta-plus E         step growth (default 1.2)\n"
    "  --eta-minus E        step shrink (default 0.5)\n"
    "  --delta0 D           initial step for both weights (default 0.001)\n"
    "  --delta-min D        smallest step (default 1e-6; not for 'tutorial')\n"
    "  --delta-max D        largest step (default 50; not for 'tutorial')\n" CLI_DATA_HELP CLI_S0_HELP
    "Output:\n"
    "  -o, --output FILE    the trace, atomically; the final weights then go to\n"
    "                       standard output (without -o the trace goes there and\n"
    "                       the final weights follow it as '#' lines)\n"
    "  -h, --help           show this help\n";

enum {
    OPT_START = OPT_FIRST_FREE,
    OPT_ITERS,
    OPT_VARIANT,
    OPT_ETA_PLUS,
    OPT_ETA_MINUS,
    OPT_DELTA0,
    OPT_DELTA_MIN,
    OPT_DELTA_MAX
};

#define RPROP_MAX_ITERS 100000000L

typedef struct {
    double wx, wrec;
    long iters;
    rprop_opts o;
    const char *out;
    cli_data_opts data;
    int bounds_given; /* 1: --delta-min, 2: --delta-max */
} rprop_args;

static int positive(const char *opt, const char *arg, double *v)
{
    int rc = cli_double("rprop", opt, arg, v);
    if (rc == CLI_OK && !(*v > 0.0)) {
        cli_error("rprop", "%s: expected a positive number, got '%s'", opt, arg);
        return CLI_USAGE;
    }
    return rc;
}

static int rprop_option(void *ctx, int c, const char *arg)
{
    rprop_args *a = ctx;
    const char *cmd = "rprop";
    int v, rc;
    switch (c) {
    case OPT_START: return cli_point(cmd, "--start", arg, &a->wx, &a->wrec);
    case OPT_ITERS: return cli_long(cmd, "--iters", arg, 0, RPROP_MAX_ITERS, &a->iters);
    case OPT_VARIANT:
        if ((rc = cli_choice(cmd, "--variant", arg, rprop_variant_names, &v)) == CLI_OK)
            a->o.variant = (rprop_variant)v;
        return rc;
    case OPT_ETA_PLUS: return positive("--eta-plus", arg, &a->o.eta_plus);
    case OPT_ETA_MINUS: return positive("--eta-minus", arg, &a->o.eta_minus);
    case OPT_DELTA0: return positive("--delta0", arg, &a->o.delta0);
    case OPT_DELTA_MIN:
        a->bounds_given |= 1;
        return positive("--delta-min", arg, &a->o.delta_min);
    case OPT_DELTA_MAX:
        a->bounds_given |= 2;
        return positive("--delta-max", arg, &a->o.delta_max);
    }
    return CLI_NOT_MINE;
}

/* Options the tutorial variant ignores are refused; the step bounds are
 * checked as the optimiser checks them. */
static int check_args(const rprop_args *a)
{
    if (a->o.variant == RPROP_TUTORIAL && (a->bounds_given & 1)) {
        cli_error("rprop", "--delta-min: not used by --variant tutorial");
        return CLI_USAGE;
    }
    if (a->o.variant == RPROP_TUTORIAL && (a->bounds_given & 2)) {
        cli_error("rprop", "--delta-max: not used by --variant tutorial");
        return CLI_USAGE;
    }
    return cli_optim_delta_bounds("rprop", a->o.delta0, a->o.delta_min, a->o.delta_max,
                                  a->o.variant != RPROP_TUTORIAL);
}

static int parse_args(int argc, char **argv, rprop_args *a)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                             {"start", required_argument, NULL, OPT_START},
                                             {"iters", required_argument, NULL, OPT_ITERS},
                                             {"variant", required_argument, NULL, OPT_VARIANT},
                                             {"eta-plus", required_argument, NULL, OPT_ETA_PLUS},
                                             {"eta-minus", required_argument, NULL, OPT_ETA_MINUS},
                                             {"delta0", required_argument, NULL, OPT_DELTA0},
                                             {"delta-min", required_argument, NULL, OPT_DELTA_MIN},
                                             {"delta-max", required_argument, NULL, OPT_DELTA_MAX},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_parser p = {"rprop", rprop_help, longopts, &a->data, &a->out, rprop_option, a};
    int rc = cli_parse_args(&p, argc, argv);
    return rc == CLI_OK ? check_args(a) : rc;
}

static void write_header(FILE *fp, int argc, char **argv, const rprop_args *a, const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    fprintf(fp,
            "# rprop: variant %s, start (%.17g, %.17g), %ld iterations, eta+ %.17g, "
            "eta- %.17g, delta0 %.17g",
            rprop_variant_names[a->o.variant], a->wx, a->wrec, a->iters, a->o.eta_plus,
            a->o.eta_minus, a->o.delta0);
    if (a->o.variant != RPROP_TUTORIAL)
        fprintf(fp, ", delta_min %.17g, delta_max %.17g", a->o.delta_min, a->o.delta_max);
    fputc('\n', fp);
}

/* The trace writer, remembering the last iterate for the summary. */
typedef struct {
    trace_writer tw;
    rprop_point last;
    size_t last_iter;
} trace_sink;

static rs_status write_point(void *ctx, const optim_point *pt)
{
    trace_sink *t = ctx;
    const double *delta = pt->type->vector(pt->state, pt->n, 0);
    t->last = (rprop_point){pt->w[0], pt->w[1], pt->loss, pt->grad[0], pt->grad[1], delta[0],
                            delta[1]};
    t->last_iter = pt->iter;
    return trace_row(&t->tw, pt);
}

/* Runs the optimiser, writing each iterate as it comes; *last gets the final one. */
static int write_trace(FILE *fp, const rprop_args *a, const dataset *ds, rprop_point *last)
{
    static const char *const wnames[] = {"w_x", "w_rec"}, *const suffix[] = {"wx", "wrec"};
    rnn2_problem prob = {cli_data_model(&a->data, a->wx, a->wrec), ds};
    objective obj = rnn2_objective(&prob);
    optim_config c = rprop_config(&a->o, (size_t)a->iters);
    trace_sink t = {.tw = {fp, 2, wnames, suffix, c.type, 1}};
    double w[2] = {a->wx, a->wrec};
    trace_columns(&t.tw);
    rs_status st = optim_run(&obj, &c, w, write_point, &t);
    *last = t.last;
    if (st == RS_ERANGE) {
        fprintf(fp, "# stopped: the loss, the gradient or the step from it is not finite at iteration %zu\n", t.last_iter);
        cli_error("rprop", "the loss, the gradient or the step from it is not finite at iteration %zu: the trace ends there",
                  t.last_iter);
        return CLI_OK;
    }
    if (st != RS_OK && !ferror(fp)) /* a write error is the caller's to name */
        cli_error("rprop", "%s", rs_status_str(st));
    if (st != RS_OK)
        return CLI_FAILURE;
    return CLI_OK;
}

static void print_final(FILE *fp, const char *prefix, const rprop_point *last)
{
    fprintf(fp, "%sFinal weights are: wx = %.4f, wRec = %.4f\n", prefix, last->wx, last->wrec);
    fprintf(fp, "%sfinal w_x %.17g w_rec %.17g loss %.17g\n", prefix, last->wx, last->wrec,
            last->loss);
}

int cmd_rprop(int argc, char **argv)
{
    rprop_args a = {-1.5, 2, 500, rprop_defaults(RPROP_TUTORIAL), NULL, {0}, 0};
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input("rprop", "-o", a.out, "--data", a.data.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get("rprop", &a.data, &ds)) != CLI_OK)
        return rc;
    outfile of;
    rprop_point last;
    if ((rc = cli_open("rprop", a.out, &of)) == CLI_OK) {
        write_header(of.fp, argc, argv, &a, &ds);
        if ((rc = write_trace(of.fp, &a, &ds, &last)) != CLI_OK) {
            cli_abort("rprop", &of);
        } else {
            if (!a.out)
                print_final(of.fp, "# ", &last);
            rc = cli_close("rprop", &of);
        }
    }
    if (rc == CLI_OK && a.out)
        print_final(stdout, "", &last);
    dataset_free(&ds);
    return rc;
}
