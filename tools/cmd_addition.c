/* rnnscape addition: the binary-addition RNN of seeds 000/001. Dispatches
 * to train, gradcheck, gradflow and landscape (cmd_addition_*.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "addition_io.h"
#include "cli.h"
#include "cmd_addition_sub.h"
#include "commands.h"

static const char usage_text[] =
    "Usage: rnnscape addition COMMAND [OPTIONS]\n"
    "       rnnscape addition COMMAND --help\n\n"
    "The sigmoid RNN that learns 8-bit binary addition (seed 000): 2 inputs\n"
    "(a_k, b_k), 16 hidden units, 1 output, no biases, least significant bit\n"
    "first; loss E = sum_k 1/2 (c_k - o_k)^2 per sum a + b.\n\nCommands:\n"
    "  train      train as the tutorial does; print its log, write curves,\n"
    "             checkpoints, gradient flow and the final weights\n"
    "  curvature  lambda_min/lambda_max of the exact Hessian over a plane\n"
    "  gradcheck  backprop against central differences for every weight\n"
    "             (exit 1 on mismatch)\n"
    "  gradflow   per-timestep norms ||dE/dh_k|| at given weights\n"
    "  hessian    the exact Hessian: full spectrum, trace, eigenvalue density\n"
    "  landscape  the mean loss on a plane through trained weights (random\n"
    "             filter-normalised or PCA-of-trajectory directions)\n\n"
    "Reproduce the tutorial's log:  rnnscape addition train --rng numpy --seed 0\n";

static const struct {
    const char *name;
    int (*run)(int, char **, int, char **);
} subs[] = {
    {"train", addition_cmd_train},
    {"gradcheck", addition_cmd_gradcheck},
    {"gradflow", addition_cmd_gradflow},
    {"landscape", addition_cmd_landscape},
    {"hessian", addition_cmd_hessian},
    {"curvature", addition_cmd_curvature},
};

int cmd_addition(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("addition", "missing command (see 'rnnscape addition --help')");
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_help(usage_text);
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0) {
            char *full[argc + 1];
            memcpy(full, argv, sizeof full); /* before getopt permutes argv */
            return subs[i].run(argc - 1, argv + 1, argc, full);
        }
    cli_error("addition", "unknown command '%s' (see 'rnnscape addition --help')", argv[1]);
    return CLI_USAGE;
}

int addition_parse(const char *cmd, const char *help, const struct option *longopts,
                   const char **out, cli_option_fn own, void *ctx, const char *shorts, int argc,
                   char **argv)
{
    cli_parser p = {cmd, help, longopts, NULL, out, own, ctx}; /* no data options */
    cli_parser_more more = {.shorts = shorts};
    return cli_parse_args_with(&p, &more, argc, argv);
}

int addition_outputs_open(const char *cmd, addition_outputs *o, const char *opt, const char *path,
                          FILE **fp)
{
    size_t clash;
    if (o->group.n == 0)
        outfile_group_init(&o->group);
    rs_status st = outfile_group_open(&o->group, path, fp, &clash);
    if (st == RS_OK) {
        o->opt[o->group.n - 1] = opt;
        o->path[o->group.n - 1] = path;
        return CLI_OK;
    }
    if (st == RS_EINVAL && errno == EEXIST) {
        cli_error(cmd, "%s: '%s' is the file of %s already", opt, path, o->opt[clash]);
        return CLI_USAGE;
    }
    cli_error(cmd, "%s: cannot write '%s': %s", opt, path,
              st == RS_EIO || st == RS_EINVAL ? strerror(errno) : rs_status_str(st));
    return CLI_FAILURE;
}

int addition_outputs_commit(const char *cmd, addition_outputs *o)
{
    size_t bad;
    if (o->group.n == 0)
        return CLI_OK;
    if (outfile_group_commit(&o->group, &bad) == RS_OK)
        return CLI_OK;
    cli_error(cmd, "%s: writing '%s' failed: %s (no output written)", o->opt[bad], o->path[bad],
              strerror(errno));
    return CLI_FAILURE;
}

void addition_outputs_abort(addition_outputs *o)
{
    if (o->group.n > 0)
        outfile_group_abort(&o->group);
}

int addition_opt_rng(const char *cmd, const char *arg, rng_kind *kind)
{
    static const char *const names[] = {"pcg", "numpy", NULL};
    int i;
    if (cli_choice(cmd, "--rng", arg, names, &i) != CLI_OK)
        return CLI_USAGE;
    *kind = i == 1 ? RNG_NUMPY : RNG_PCG;
    return CLI_OK;
}

int addition_rng_option(const char *cmd, int c, const char *arg, rng_kind *kind, uint64_t *seed)
{
    if (c == ADD_OPT_RNG)
        return addition_opt_rng(cmd, arg, kind);
    if (c == ADD_OPT_SEED)
        return cli_u64(cmd, "--seed", arg, seed);
    return CLI_NOT_MINE;
}

int addition_seed(const char *cmd, rng *r, rng_kind kind, uint64_t seed)
{
    if (rng_seed(r, kind, seed) != RS_OK) {
        cli_error(cmd,
                  "--seed: expected an integer from 0 to 4294967295 with --rng numpy, got '%llu'",
                  (unsigned long long)seed);
        return CLI_USAGE;
    }
    return CLI_OK;
}

int addition_load_weights(const char *cmd, const char *path, addition_net *net)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        cli_error(cmd, "--weights: cannot read '%s': %s", path, strerror(errno));
        return CLI_USAGE;
    }
    addition_read_error err;
    rs_status st = addition_read_weights_limited(fp, net, NULL, &err);
    int saved = errno;
    fclose(fp);
    if (st == RS_OK)
        return CLI_OK;
    if (st == RS_EFORMAT && err.line == 0 && strcmp(err.what, "no weights") == 0)
        cli_error(cmd,
                  "--weights: '%s': not a weights file of 'rnnscape addition train' "
                  "(needs '# bits:' and '# hidden:' lines and every weight)",
                  path);
    else if (st == RS_EIO) { /* a folder is bad input; a device that fails, an I/O error */
        cli_error(cmd, "--weights: cannot read '%s': %s", path, strerror(saved));
        return cli_read_failure(saved);
    } else if (err.line > 0)
        cli_error(cmd, "--weights: '%s' line %ld: %s", path, err.line, err.what);
    else
        cli_error(cmd, "--weights: '%s': %s", path, err.what[0] ? err.what : rs_status_str(st));
    return CLI_USAGE;
}

int addition_load_evalset(const char *cmd, addition_evalset *es, int bits)
{
    rs_status st = addition_evalset_init(es, bits);
    if (st != RS_OK) {
        cli_error(cmd, "evaluation set: %s", rs_status_str(st));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

void addition_describe_evalset(FILE *fp, const addition_evalset *es)
{
    uint32_t m = (uint32_t)1 << (es->bits - 1);
    if (es->full)
        fprintf(fp, "# evaluation set: all %zu sums a + b with a, b in [0, %u)\n", es->n, m);
    else
        fprintf(fp,
                "# evaluation set: %zu pairs a, b in [0, %u) drawn with --rng pcg --seed %u "
                "(a then b)\n",
                es->n, m, ADDITION_SAMPLE_SEED);
}
