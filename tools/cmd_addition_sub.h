/* cmd_addition_sub.h: the sub-subcommands of `rnnscape addition` and the
 * option helpers they share (generator, seed, weights file). */
#ifndef RNNSCAPE_CMD_ADDITION_SUB_H
#define RNNSCAPE_CMD_ADDITION_SUB_H

#include <stdint.h>
#include <stdio.h>

#include "addition.h"
#include "optim.h"
#include "outfile.h"
#include "cli_data.h"
#include "cmd_gradcheck.h"
#include "rng.h"

/* Long-option codes the addition commands share (cli_parse_args hands
 * them to the command's own callback); each command numbers its own from
 * ADD_OPT_FIRST_FREE. */
enum {
    ADD_OPT_RNG = OPT_FIRST_FREE,
    ADD_OPT_SEED,
    ADD_OPT_WEIGHTS,
    ADD_OPT_OPTIMIZER,
    ADD_OPT_CLIP_NORM,
    ADD_OPT_CLIP_VALUE,
    ADD_OPT_PARAM,                            /* + i: optim_param_table[i] */
    ADD_OPT_FIRST_FREE = ADD_OPT_PARAM + 64 /* the commands' own from here */
};
#define ADD_OPTIM_PARAMS_MAX 64
#define ADDITION_RNG_LONGOPTS                                                                      \
    {"rng", required_argument, NULL, ADD_OPT_RNG}, {"seed", required_argument, NULL, ADD_OPT_SEED}

/* Each takes argv with argv[0] = the sub-subcommand's name; full/nfull is
 * the untouched "addition ..." argv for the data-file headers. */
int addition_cmd_train(int argc, char **argv, int nfull, char **full);
int addition_cmd_gradcheck(int argc, char **argv, int nfull, char **full);
int addition_cmd_landscape(int argc, char **argv, int nfull, char **full);
int addition_cmd_gradflow(int argc, char **argv, int nfull, char **full);
/* gradcheck with the checked objective passed through wrap (NULL: as it
 * is), so a test can plant a wrong gradient (cmd_gradcheck.h's hook). */
int addition_cmd_gradcheck_wrapped(int argc, char **argv, int nfull, char **full,
                                   cmd_objective_wrap wrap, void *wrap_ctx);

/* Parses argv (argv[0] the sub-subcommand) with the shared cli_parse_args:
 * own handles the command's options, -o goes to *out; shorts are the short
 * options in getopt's notation ("qo:h"; NULL: "o:h"). Returns CLI_OK,
 * CLI_USAGE (printed) or CLI_HELP_SHOWN. */
int addition_parse(const char *cmd, const char *help, const struct option *longopts,
                   const char **out, cli_option_fn own, void *ctx, const char *shorts, int argc,
                   char **argv);

/* A command's output files, committed all or nothing (outfile.h's group),
 * with the option each came from for the messages. Zero-initialise. */
typedef struct {
    outfile_group group;
    const char *opt[OUTFILE_GROUP_MAX];
    const char *path[OUTFILE_GROUP_MAX];
} addition_outputs;
/* Opens path ("-" is standard output) for option opt: CLI_OK; CLI_USAGE
 * when it is the file of an earlier output; CLI_FAILURE (printed). */
int addition_outputs_open(const char *cmd, addition_outputs *o, const char *opt, const char *path,
                          FILE **fp);
/* Commits every output or none: CLI_OK or CLI_FAILURE (printed). */
int addition_outputs_commit(const char *cmd, addition_outputs *o);
/* Discards every output (harmless after a commit). */
void addition_outputs_abort(addition_outputs *o);

/* The optimiser options (cmd_addition_optim.c). type -1: none given. */
typedef struct {
    int type;              /* index in optim_types */
    optim_params given;    /* the values given ... */
    unsigned given_bits;   /* ... and which (OPTIM_P_* bits) */
    optim_clip clip;
} addition_optim_opts;
/* Fills out (room entries) with the optimiser's long options (all but
 * alpha, which the command owns); returns how many. */
size_t addition_optim_longopts(struct option *out, size_t room);
/* Handles an optimiser option: CLI_OK, CLI_USAGE (printed), CLI_NOT_MINE. */
int addition_optim_option(const char *cmd, int c, const char *arg, addition_optim_opts *o);
/* --alpha given to an optimiser (RMSprop's smoothing constant). */
int addition_optim_alpha(const char *cmd, const char *arg, addition_optim_opts *o);
/* The configuration: CLI_OK; CLI_NOT_MINE when no --optimizer was given
 * (the tutorial's update; then no optimiser option may be given);
 * CLI_USAGE (printed) for an option the optimiser does not use or a value
 * outside its domain. */
int addition_optim_config(const char *cmd, const addition_optim_opts *o, optim_config *c);
/* "# optimizer: ..." with every parameter the optimiser uses. */
void addition_optim_header(FILE *fp, const optim_config *c);

/* --rng pcg|numpy into *kind; CLI_OK or CLI_USAGE (message printed). */
int addition_opt_rng(const char *cmd, const char *arg, rng_kind *kind);
/* --rng and --seed (ADD_OPT_RNG, ADD_OPT_SEED); CLI_NOT_MINE for others. */
int addition_rng_option(const char *cmd, int c, const char *arg, rng_kind *kind, uint64_t *seed);
/* Seeds r; a NumPy seed must be below 2^32. CLI_OK or CLI_USAGE. */
int addition_seed(const char *cmd, rng *r, rng_kind kind, uint64_t seed);
/* Reads a weights file written by `addition train`. CLI_OK or CLI_USAGE. */
int addition_load_weights(const char *cmd, const char *path, addition_net *net);
/* Builds the evaluation set, printing any failure; CLI_OK or CLI_FAILURE. */
int addition_load_evalset(const char *cmd, addition_evalset *es, int bits);
/* A line naming the evaluation set, for data-file headers. */
void addition_describe_evalset(FILE *fp, const addition_evalset *es);

#endif
