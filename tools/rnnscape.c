/* rnnscape: the command. Dispatches to one subcommand per file (cmd_*.c). */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_par.h"
#include "commands.h"
#include "kernel.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} subcommands[] = {
    {"data", cmd_data, "write a data set of binary sequences and their counts"},
    {"surface", cmd_surface, "the loss over a grid of (w_x, w_rec)"},
    {"gradtime", cmd_gradtime, "per-timestep gradients dxi/dS_k at given points"},
    {"gradcheck", cmd_gradcheck, "backprop against central differences (exit 1 on mismatch)"},
    {"hessian", cmd_hessian, "the exact 2 x 2 Hessian at a point, eigenvalues, self-check"},
    {"curvature", cmd_curvature, "maps of the Hessian's eigenvalues over a grid of (w_x, w_rec)"},
    {"rprop", cmd_rprop, "an RProp optimiser trace"},
    {"optimize", cmd_optimize, "a trace of any optimiser (SGD, Adagrad, RMSprop, Adam, RProp)"},
    {"predict", cmd_predict, "the model's output for one sequence"},
    {"tutorial", cmd_tutorial, "print the counting tutorial's results"},
    {"addition", cmd_addition, "the binary-addition RNN (see 'rnnscape addition --help')"},
    {"explore", cmd_explore, "an interactive gnuplot window on the loss surface"},
    {"plot", cmd_plot, "draw a figure from data files (PNG, SVG or PDF) with gnuplot"},
};

static int usage(FILE *fp)
{
    fputs("Usage: rnnscape COMMAND [OPTIONS]\n"
          "       rnnscape COMMAND --help\n"
          "       rnnscape --version\n\n"
          "Looks inside the training of small recurrent networks. The linear\n"
          "model s_k = s_(k-1)*w_rec + x_k*w_x counts the ones in a binary\n"
          "sequence; with no data option it uses the counting tutorial's data\n"
          "(20 sequences of 10 bits, NumPy's generator seeded with 1).\n\nCommands:\n",
          fp);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        fprintf(fp, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
    fputs("\nExit status: 0 success, 1 a check failed, 2 bad usage or input,\n"
          "3 any other failure.\n",
          fp);
    return fp == stdout ? CLI_OK : CLI_USAGE;
}

/* Every command writes to standard output through stdio; a full disk or a
 * closed stream may show up only when it is flushed, so check once, here,
 * for every command that has not already reported an error (exit 0, or 1
 * for a check that failed). */
static int finish(const char *cmd, int rc)
{
    if (rc <= CLI_CHECK_FAILED && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "rnnscape%s%s: writing standard output failed: %s\n", cmd ? " " : "",
                cmd ? cmd : "", strerror(errno ? errno : EIO));
        return CLI_FAILURE;
    }
    return rc;
}

/* RNNSCAPE_ISA forces an instruction set; a name this CPU cannot run is a
 * usage error, not something to ignore. */
static int check_isa_env(void)
{
    const char *isa = getenv("RNNSCAPE_ISA");
    if (!isa || kernel_force_isa(isa) == RS_OK)
        return CLI_OK;
    fprintf(stderr, "rnnscape: RNNSCAPE_ISA: expected 'auto' or one of");
    for (size_t i = 0; kernel_isa_names[i]; i++)
        if (kernel_isa_supported(kernel_isa_names[i]))
            fprintf(stderr, " %s", kernel_isa_names[i]);
    fprintf(stderr, ", got '%s'\n", isa);
    return CLI_USAGE;
}

/* Runs the command; *cmd gets the subcommand's name once it is known. */
static int dispatch(int argc, char **argv, const char **cmd)
{
    if (argc < 2) {
        fputs("rnnscape: missing command (see 'rnnscape --help')\n", stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return usage(stdout);
    if (strcmp(argv[1], "--version") == 0) {
        printf("rnnscape %s\n", PACKAGE_VERSION);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0) {
            cli_install_signal_cleanup();
            *cmd = subcommands[i].name;
            return subcommands[i].run(argc - 1, argv + 1);
        }
    fprintf(stderr, "rnnscape: unknown command '%s' (see 'rnnscape --help')\n", argv[1]);
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    const char *cmd = NULL;
    int rc = cli_par_begin(&argc, &argv);
    if (rc == CLI_OK)
        rc = check_isa_env();
    if (rc == CLI_OK)
        rc = dispatch(argc, argv, &cmd);
    return cli_par_end(finish(cmd, rc));
}
