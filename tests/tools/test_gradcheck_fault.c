/* The gradcheck subcommand must exit 1 when the gradient is wrong. A test
 * wrapper around the real objective plants the error; the CLI has no such
 * option and the library no hidden state for it. */
#include <stdio.h>

#include "cmd_gradcheck.h"
#include "commands.h"
#include "faulty_objective.h"
#include "tap.h"

static objective plant(const objective *real, void *ctx)
{
    faulty_objective *f = ctx;
    f->real = *real;
    return faulty_objective_wrap(f);
}

static int run(const char *at, double offset)
{
    char *argv[] = {"gradcheck", "--at", (char *)at, NULL};
    faulty_objective f = {.component = 0, .offset = offset};
    return cmd_gradcheck_wrapped(3, argv, plant, &f);
}

int main(void)
{
    char *argv[] = {"gradcheck", "--at", "1.2,1.2", NULL};
    tap_ok(cmd_gradcheck(3, argv) == 0, "gradcheck passes with the true gradient (exit 0)");
    tap_ok(run("1.2,1.2", 1e-2) == 1, "a planted 1e-2 gradient error makes gradcheck exit 1");
    tap_ok(run("0.3,-0.7", 1e-2) == 1, "and at another point");
    tap_ok(run("0.3,-0.7", 0.0) == 0, "no fault planted: passes again");
    return tap_done();
}
