/* cli_data.h: the data and model options every linear subcommand shares
 * (--data, --samples, --length, --seed, --rng, --activation), turning them
 * into a dataset and describing it in the output header. */
#ifndef RNNSCAPE_CLI_DATA_H
#define RNNSCAPE_CLI_DATA_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "activation.h"
#include "dataset.h"
#include "rng.h"

enum {
    OPT_DATA = 1000,
    OPT_SAMPLES,
    OPT_LENGTH,
    OPT_SEED,
    OPT_RNG,
    OPT_ACTIVATION,
    OPT_TARGET,
    OPT_FIRST_FREE /* subcommands number their own long options from here */
};

#define CLI_DATA_LONGOPTS                                                                          \
    {"data", required_argument, NULL, OPT_DATA},                                                   \
        {"samples", required_argument, NULL, OPT_SAMPLES},                                         \
        {"length", required_argument, NULL, OPT_LENGTH},                                           \
        {"seed", required_argument, NULL, OPT_SEED}, {"rng", required_argument, NULL, OPT_RNG},    \
        {"activation", required_argument, NULL, OPT_ACTIVATION},                                   \
    {                                                                                              \
        "target", required_argument, NULL, OPT_TARGET                                              \
    }

#define CLI_DATA_HELP                                                                              \
    "Data (default: the tutorial's 20 sequences of 10 bits, NumPy stream, seed 1):\n"              \
    "  --data FILE          read sequences from FILE (one per line: inputs, target)\n"             \
    "  --samples M          generate M sequences (default 20)\n"                                   \
    "  --length T           of T bits each (default 10)\n"                                         \
    "  --seed S             random seed (default 1)\n"                                             \
    "  --rng pcg|numpy      generator for generated data (default pcg; numpy when\n"               \
    "                       no data option is given: the tutorial's stream)\n"                     \
    "  --target count|mean  generated targets: the count of ones (default) or\n"                   \
    "                       the fraction count/T, inside a tanh unit's range\n"                    \
    "Model:\n"                                                                                     \
    "  --activation F       linear (default), tanh, sigmoid or relu:\n"                            \
    "                       s_k = F(s_(k-1)*w_rec + x_k*w_x)\n"

typedef struct {
    const char *path;
    long samples, length;
    uint64_t seed;
    rng_kind kind;
    int generated; /* any of --samples/--length/--seed/--rng given */
    int kind_given;
    int mean_target; /* --target mean */
    activation f;
} cli_data_opts;

/* A subcommand's own options: returns CLI_OK or CLI_USAGE (after printing),
 * or CLI_NOT_MINE if c is not one of its options. */
#define CLI_NOT_MINE (-2)
typedef int (*cli_option_fn)(void *ctx, int c, const char *arg);

/* What cli_parse_args needs to know about a subcommand. */
typedef struct {
    const char *cmd;               /* "surface" */
    const char *help;              /* printed by -h/--help */
    const struct option *longopts; /* CLI_DATA_LONGOPTS, its own, output, help */
    cli_data_opts *data;           /* receives the data and model options */
    const char **out;              /* receives -o/--output */
    cli_option_fn own;             /* its own options */
    void *ctx;                     /* passed to own */
} cli_parser;

/* What cli_parse_args returns after printing the help. */
#define CLI_HELP_SHOWN (-1)

/* Parses argv strictly: the data options, -o, -h and the subcommand's own;
 * an unknown option, a missing value or a stray argument is one line on
 * stderr. Returns CLI_OK, CLI_USAGE or CLI_HELP_SHOWN. */
int cli_parse_args(const cli_parser *p, int argc, char **argv);

void cli_data_init(cli_data_opts *o);
/* Handles c if it is a data option: returns CLI_OK or CLI_USAGE; -1 if c is
 * not a data option. */
int cli_data_option(const char *cmd, int c, const char *arg, cli_data_opts *o);
/* Loads or generates the data set; CLI_OK or prints and returns the code. */
int cli_data_get(const char *cmd, const cli_data_opts *o, dataset *ds);
/* "# data: ..." and "# model: ..." header lines. */
void cli_data_header(FILE *fp, const cli_data_opts *o, const dataset *ds);

#endif
