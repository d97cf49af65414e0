/* rnnscape predict: the model's output for one sequence. */
#include <math.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "rnn2.h"

static const char predict_help[] =
    "Usage: rnnscape predict --weights WX,WREC [--activation F] [--s0 S] X1 X2 ...\n\n"
    "Runs the model on the sequence X1 X2 ... (numbers, usually 0 and 1) and\n"
    "prints the target (the sum of the inputs: the count of ones) beside the\n"
    "model's output, as the tutorial does, then the output in full precision\n"
    "(an overflowing output is +-inf; an undefined one, inf - inf, is +inf).\n"
    "Options come before the sequence; '--' may separate them.\n\n"
    "  --weights WX,WREC    the weights (required), e.g. rprop's final ones\n"
    "  --target count|mean  the target: the sum of the inputs (default) or their\n"
    "                       mean, as for data made with --target mean\n"
    "  --activation F       linear (default), tanh, sigmoid or relu\n"
    CLI_S0_HELP
    "  -h, --help           show this help\n";

enum { OPT_WEIGHTS = OPT_FIRST_FREE };

static const char *const predict_targets[] = {"count", "mean", NULL};

typedef struct {
    rnn2_model lm;
    int have_weights, mean;
    double *x; /* the sequence, t values */
    size_t t;
} predict_args;

static int predict_option(void *ctx, int c, const char *arg)
{
    predict_args *a = ctx;
    const char *cmd = "predict";
    int f;
    switch (c) {
    case OPT_WEIGHTS:
        a->have_weights = 1;
        return cli_point(cmd, "--weights", arg, &a->lm.wx, &a->lm.wrec);
    case OPT_ACTIVATION:
        if (cli_choice(cmd, "--activation", arg, activation_names, &f) != CLI_OK)
            return CLI_USAGE;
        a->lm.f = (activation)f;
        return CLI_OK;
    case OPT_S0: return cli_double(cmd, "--s0", arg, &a->lm.s0);
    case OPT_TARGET: return cli_choice(cmd, "--target", arg, predict_targets, &a->mean);
    }
    return CLI_NOT_MINE;
}

/* One element of the sequence (x has room for every word of argv). */
static int predict_input(void *ctx, const char *word)
{
    predict_args *a = ctx;
    return cli_double("predict", "sequence", word, &a->x[a->t++]);
}

static int parse_args(int argc, char **argv, predict_args *a)
{
    static const struct option longopts[] = {
        {"weights", required_argument, NULL, OPT_WEIGHTS},
        {"activation", required_argument, NULL, OPT_ACTIVATION},
        {"target", required_argument, NULL, OPT_TARGET},
        CLI_S0_LONGOPT,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_parser p = {"predict", predict_help, longopts, NULL, NULL, predict_option, a};
    cli_parser_more more = {"h", predict_input, 1};
    int rc = cli_parse_args_with(&p, &more, argc, argv);
    if (rc == CLI_OK && !a->have_weights) {
        cli_error("predict", "missing --weights WX,WREC (see 'rnnscape predict --help')");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && a->t == 0) {
        cli_error("predict", "missing the sequence X1 X2 ... (see 'rnnscape predict --help')");
        rc = CLI_USAGE;
    }
    return rc;
}

int cmd_predict(int argc, char **argv)
{
    predict_args a = {{0, 0, ACT_LINEAR, 0.0}, 0, 0, malloc((size_t)argc * sizeof(double)), 0};
    if (!a.x)
        return CLI_FAILURE;
    int rc = parse_args(argc, argv, &a);
    if (rc == CLI_OK) {
        double target = 0.0;
        for (size_t k = 0; k < a.t; k++)
            target += a.x[k];
        if (a.mean)
            target /= (double)a.t;
        double y = rnn2_output(&a.lm, a.x, a.t);
        /* The undefined forms (inf - inf, 0*inf) give the loss's rule: +inf. */
        y = isnan(y) ? INFINITY : y;
        target = isnan(target) ? INFINITY : target;
        printf("Target output: %.17g vs Model output: %.2f\n", target, y);
        printf("target %.17g output %.17g\n", target, y);
    }
    free(a.x);
    return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
}
