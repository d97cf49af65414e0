/* The gradcheck subcommand must exit 1 when the gradient is wrong. The
 * library's test-only hook plants the error; the CLI has no such option. */
#include <stdio.h>

#include "tap.h"
#include "commands.h"
#include "rnn2.h"

static int run(const char *at)
{
    char *argv[] = {"gradcheck", "--at", (char *)at, NULL};
    return cmd_gradcheck(3, argv);
}

int main(void)
{
    tap_ok(run("1.2,1.2") == 0, "gradcheck passes with the true gradient (exit 0)");
    rnn2_test_set_gradient_fault(1e-2);
    tap_ok(run("1.2,1.2") == 1, "a planted 1e-2 gradient error makes gradcheck exit 1");
    tap_ok(run("0.3,-0.7") == 1, "and at another point");
    rnn2_test_set_gradient_fault(0.0);
    tap_ok(run("0.3,-0.7") == 0, "hook off: passes again");
    return tap_done();
}
