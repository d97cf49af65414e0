/* `rnnscape addition gradcheck` with a deliberately broken gradient (the
 * library's test-only fault hook) must fail with exit 1; with the true
 * gradient the same command passes. Links the command's own sources. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "addition.h"
#include "commands.h"
#include "tap.h"

/* Runs `rnnscape addition gradcheck ARGS` with its summary kept off the TAP
 * stream (standard output goes to /dev/null for the call). */
static int run_gradcheck(int n, char **args)
{
    char *argv[16] = {"addition", "gradcheck"};
    for (int i = 0; i < n; i++)
        argv[2 + i] = args[i];
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    int rc = cmd_addition(2 + n, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(null);
    close(saved);
    return rc;
}

int main(void)
{
    (void)tap_plan;
    (void)tap_diag;
    (void)tap_close;
    char *random_w[] = {"--seed", "3", "--batch", "4"};
    char *tutorial_w[] = {"--rng", "numpy", "--seed", "0", "--pair", "9,60"};
    tap_ok(run_gradcheck(4, random_w) == 0, "gradcheck passes at random weights");
    tap_ok(run_gradcheck(6, tutorial_w) == 0, "gradcheck passes at the tutorial's initial weights");
    addition_test_set_gradient_fault(1e-4);
    tap_ok(run_gradcheck(4, random_w) == 1, "a gradient off by 1e-4 in one weight: exit 1");
    addition_test_set_gradient_fault(1e-6);
    tap_ok(run_gradcheck(6, tutorial_w) == 1, "a gradient off by 1e-6 in one weight: exit 1");
    addition_test_set_gradient_fault(0.0);
    char *bad[] = {"--eps", "0"};
    tap_ok(run_gradcheck(2, bad) == 2, "--eps 0 is bad usage: exit 2");
    return tap_done();
}
