/* rnnscape predict: the model's output for one sequence. */
#include <math.h>
#include <stdlib.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "rnn2.h"

static const char predict_help[] =
    "Usage: rnnscape predict --weights WX,WREC [--activation F] X1 X2 ...\n\n"
    "Runs the model on the sequence X1 X2 ... (numbers, usually 0 and 1) and\n"
    "prints the target (the sum of the inputs: the count of ones) beside the\n"
    "model's output, as the tutorial does, then the output in full precision.\n\n"
    "  --weights WX,WREC    the weights (required), e.g. rprop's final ones\n"
    "  --target count|mean  the target: the sum of the inputs (default) or their\n"
    "                       mean, as for data made with --target mean\n"
    "  --activation F       linear (default), tanh, sigmoid or relu\n"
    "  -h, --help           show this help\n";

enum { OPT_WEIGHTS = OPT_FIRST_FREE };

static const char *const predict_targets[] = {"count", "mean", NULL};

int cmd_predict(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"weights", required_argument, NULL, OPT_WEIGHTS},
        {"activation", required_argument, NULL, OPT_ACTIVATION},
        {"target", required_argument, NULL, OPT_TARGET},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *cmd = "predict";
    rnn2_model lm = {0, 0, ACT_LINEAR, 0.0};
    int c, rc = CLI_OK, have_weights = 0, f, mean = 0;
    opterr = 0;
    optind = 1;
    /* '+': stop at the first non-option, so a sequence may start with "-1". */
    while (rc == CLI_OK && (c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_WEIGHTS:
            rc = cli_point(cmd, "--weights", optarg, &lm.wx, &lm.wrec);
            have_weights = 1;
            break;
        case OPT_ACTIVATION:
            if ((rc = cli_choice(cmd, "--activation", optarg, activation_names, &f)) == CLI_OK)
                lm.f = (activation)f;
            break;
        case OPT_TARGET: rc = cli_choice(cmd, "--target", optarg, predict_targets, &mean); break;
        case 'h': return cli_help(predict_help);
        default: return cli_bad_option(cmd, c, argv[optind - 1]);
        }
    }
    if (rc != CLI_OK)
        return rc;
    if (!have_weights) {
        cli_error(cmd, "missing --weights WX,WREC (see 'rnnscape predict --help')");
        return CLI_USAGE;
    }
    if (optind < argc && argv[optind][0] == '-' && argv[optind][1] == '-' && !argv[optind][2])
        optind++;
    size_t t = (size_t)(argc - optind);
    if (t == 0) {
        cli_error(cmd, "missing the sequence X1 X2 ... (see 'rnnscape predict --help')");
        return CLI_USAGE;
    }
    double *x = malloc(t * sizeof *x), target = 0.0;
    if (!x)
        return CLI_FAILURE;
    for (size_t k = 0; k < t && rc == CLI_OK; k++) {
        rc = cli_double(cmd, "sequence", argv[optind + (int)k], &x[k]);
        if (rc == CLI_OK)
            target += x[k];
    }
    if (mean)
        target /= (double)t;
    if (rc == CLI_OK) {
        double y = rnn2_output(&lm, x, t);
        printf("Target output: %.17g vs Model output: %.2f\n", target, y);
        printf("target %.17g output %.17g\n", target, isnan(y) ? INFINITY : y);
    }
    free(x);
    return rc;
}
