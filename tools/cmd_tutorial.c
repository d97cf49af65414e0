/* rnnscape tutorial: the counting tutorial's printed results, in order:
 * the gradient check, RProp's final weights and the test-sequence output. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "gradcheck.h"
#include "rprop.h"

static const char tutorial_help[] =
    "Usage: rnnscape tutorial\n\n"
    "Prints what the counting tutorial prints, computed afresh on its data\n"
    "(20 sequences of 10 bits, NumPy's generator seeded with 1): the gradient\n"
    "check at (1.2, 1.2), RProp's final weights after 500 iterations from\n"
    "(-1.5, 2), and the output for the test sequence 0 1 1 0 0 0 0 1 0 0 1 1.\n"
    "Each result is also shown with the command that reproduces it.\n";

static const double test_sequence[] = {0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1};

static int tutorial_run(const dataset *ds)
{
    gradcheck_opts go = gradcheck_defaults();
    rnn2_model at = {1.2, 1.2, ACT_LINEAR, 0.0};
    gradcheck_result gr;
    rprop_opts ro = rprop_defaults(RPROP_TUTORIAL);
    rnn2_model start = {-1.5, 2, ACT_LINEAR, 0.0};
    static rprop_point trace[501];
    if (gradcheck_at(&at, ds, &go, &gr) != RS_OK || rprop_run(ds, &start, &ro, 500, trace) != RS_OK)
        return CLI_FAILURE;
    puts("$ rnnscape gradcheck --at 1.2,1.2");
    printf("%s\n\n",
           gr.verdict == GRADCHECK_PASS ? "No gradient errors found" : "Gradient check FAILED");
    const rprop_point *w = &trace[500];
    puts("$ rnnscape rprop --start -1.5,2 --iters 500");
    printf("Final weights are: wx = %.4f, wRec = %.4f\n\n", w->wx, w->wrec);
    rnn2_model fin = {w->wx, w->wrec, ACT_LINEAR, 0.0};
    size_t t = sizeof test_sequence / sizeof test_sequence[0];
    double target = 0.0;
    for (size_t k = 0; k < t; k++)
        target += test_sequence[k];
    printf("$ rnnscape predict --weights %.17g,%.17g 0 1 1 0 0 0 0 1 0 0 1 1\n", w->wx, w->wrec);
    printf("Target output: %.0f vs Model output: %.2f\n", target,
           rnn2_output(&fin, test_sequence, t));
    return gr.verdict == GRADCHECK_PASS ? CLI_OK : CLI_CHECK_FAILED;
}

int cmd_tutorial(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cli_help(tutorial_help);
    if (argc > 1) {
        cli_error("tutorial", "unexpected argument '%s'", argv[1]);
        return CLI_USAGE;
    }
    rng r;
    dataset ds;
    rng_seed(&r, RNG_NUMPY, 1);
    if (dataset_generate(&ds, &r, 20, 10) != RS_OK) {
        cli_error("tutorial", "out of memory");
        return CLI_FAILURE;
    }
    int rc = tutorial_run(&ds);
    dataset_free(&ds);
    if (rc == CLI_FAILURE)
        cli_error("tutorial", "out of memory");
    return rc;
}
