/* `rnnscape addition gradcheck` with a deliberately broken gradient (a
 * test wrapper around the real objective plants the error in the last
 * weight; the command has no such option and the library no hidden state)
 * must fail with exit 1; with the true gradient the same command passes.
 * Links the command's own sources. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "addition.h"
#include "cmd_addition_sub.h"
#include "commands.h"
#include "faulty_objective.h"
#include "tap.h"

static objective plant(const objective *real, void *ctx)
{
    faulty_objective *f = ctx;
    f->real = *real;
    f->component = real->n - 1; /* the last weight, Wh[H-1][H-1] */
    return faulty_objective_wrap(f);
}

/* Runs `rnnscape addition gradcheck ARGS` with the gradient of the last
 * weight off by fault (0: the true gradient), its summary kept off the TAP
 * stream (standard output goes to /dev/null for the call). */
static int run_gradcheck(int n, char **args, double fault)
{
    char *argv[16] = {"gradcheck"};
    char *full[17] = {"addition", "gradcheck"};
    for (int i = 0; i < n; i++)
        argv[1 + i] = full[2 + i] = args[i];
    faulty_objective f = {.offset = fault};
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    int rc = addition_cmd_gradcheck_wrapped(1 + n, argv, 2 + n, full, plant, &f);
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
    tap_ok(run_gradcheck(4, random_w, 0.0) == 0, "gradcheck passes at random weights");
    tap_ok(run_gradcheck(6, tutorial_w, 0.0) == 0,
           "gradcheck passes at the tutorial's initial weights");
    tap_ok(run_gradcheck(4, random_w, 1e-4) == 1, "a gradient off by 1e-4 in one weight: exit 1");
    tap_ok(run_gradcheck(6, tutorial_w, 1e-6) == 1, "a gradient off by 1e-6 in one weight: exit 1");
    char *bad[] = {"--eps", "0"};
    tap_ok(run_gradcheck(2, bad, 0.0) == 2, "--eps 0 is bad usage: exit 2");
    char *argv[] = {"addition", "gradcheck", "--seed", "3", NULL};
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    int rc = cmd_addition(4, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(null);
    close(saved);
    tap_ok(rc == 0, "through 'rnnscape addition' itself: passes");
    return tap_done();
}
