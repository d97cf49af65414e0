/* cli_data.h: the data and model options every linear subcommand shares
 * (--data, --samples, --length, --seed, --rng, --activation), turning them
 * into a dataset and describing it in the output header. */
#ifndef RNNSCAPE_CLI_DATA_H
#define RNNSCAPE_CLI_DATA_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "activation.h"
#include "cli_memory.h"
#include "dataset.h"
#include "rnn2.h"
#include "rng.h"

enum {
    OPT_DATA = 1000,
    OPT_SAMPLES,
    OPT_LENGTH,
    OPT_SEED,
    OPT_RNG,
    OPT_ACTIVATION,
    OPT_TARGET,
    OPT_S0,
    OPT_FIRST_FREE /* subcommands number their own long options from here */
};

#define CLI_DATA_LONGOPTS                                                                          \
    {"data", required_argument, NULL, OPT_DATA},                                                   \
        {"samples", required_argument, NULL, OPT_SAMPLES},                                         \
        {"length", required_argument, NULL, OPT_LENGTH},                                           \
        {"seed", required_argument, NULL, OPT_SEED}, {"rng", required_argument, NULL, OPT_RNG},    \
        {"activation", required_argument, NULL, OPT_ACTIVATION}, CLI_MEMORY_LONGOPT,               \
    {                                                                                              \
        "target", required_argument, NULL, OPT_TARGET                                              \
    }

#define CLI_DATA_HELP                                                                              \
    "Data (default: the tutorial's 20 sequences of 10 bits, NumPy stream, seed 1):\n"              \
    "  --data FILE          read sequences from FILE (one per line: inputs, target)\n"             \
    "  --samples M          generate M sequences (default 20)\n"                                   \
    "  --length T           of T bits each (default 10)\n"                                         \
    "  --seed S             random seed (default 1)\n"                                             \
    "  --rng pcg|numpy      generator (default numpy, the tutorial's stream, for\n"                 \
    "                       the tutorial's 20 x 10, seed 1, count targets; pcg for\n"              \
    "                       any other --samples, --length, --seed or --target)\n"                  \
    "  --target count|mean  generated targets: the count of ones (default) or\n"                   \
    "                       the fraction count/T, inside a tanh unit's range\n"                    \
    "Model:\n"                                                                                     \
    "  --activation F       linear (default), tanh, sigmoid or relu:\n"                            \
    "                       s_k = F(s_(k-1)*w_rec + x_k*w_x)\n"                                  \
    "Memory:\n" CLI_MEMORY_HELP

/* --s0, the initial state: a command that honours it (builds its model
 * with cli_data_model) adds CLI_S0_LONGOPT to its table and CLI_S0_HELP
 * to its help; cli_data_option parses it. */
#define CLI_S0_LONGOPT {"s0", required_argument, NULL, OPT_S0}
#define CLI_S0_HELP "  --s0 S               the initial state S_0 (default 0, the tutorial's)\n"

typedef struct {
    const char *path;
    long samples, length;
    uint64_t seed;
    rng_kind kind;
    int generated; /* any of --samples/--length/--seed/--rng given */
    int kind_given;
    int mean_target; /* --target mean */
    activation f;
    double s0; /* --s0 (default 0) */
    memory_limit memory; /* --max-memory (default: the memory available) */
} cli_data_opts;

/* A subcommand's own options: returns CLI_OK or CLI_USAGE (after printing),
 * or CLI_NOT_MINE if c is not one of its options. */
#define CLI_NOT_MINE (-2)
typedef int (*cli_option_fn)(void *ctx, int c, const char *arg);

/* Each positional argument, in order: CLI_OK or CLI_USAGE (after printing). */
typedef int (*cli_arg_fn)(void *ctx, const char *word);

/* What cli_parse_args needs to know about a subcommand. */
typedef struct {
    const char *cmd;               /* "surface" */
    const char *help;              /* printed by -h/--help */
    const struct option *longopts; /* CLI_DATA_LONGOPTS, its own, output, help */
    cli_data_opts *data;           /* receives the data and model options (NULL: none) */
    const char **out;              /* receives -o/--output (NULL: 'o' goes to own) */
    cli_option_fn own;             /* its own options (val as in longopts; a short
                                      option's val is its letter) */
    void *ctx;                     /* passed to own and to the positional handler */
} cli_parser;

/* Each positional argument, in order: CLI_OK or CLI_USAGE (after printing). */
typedef int (*cli_arg_fn)(void *ctx, const char *word);

/* What a few subcommands add (cli_parse_args_with). */
typedef struct {
    const char *shorts; /* short options in getopt's notation, e.g. "qo:h" (NULL: "o:h") */
    cli_arg_fn arg;     /* positional arguments (NULL: each one is an error) */
    int in_order;       /* 1: every word after the first positional one is positional
                           too (so a sequence may hold "-x"-like words after "--") */
} cli_parser_more;

/* What cli_parse_args returns after printing the help. */
#define CLI_HELP_SHOWN (-1)

/* Parses argv[1..argc) strictly, with no global state (getopt's is not
 * used): long options by name or unambiguous prefix ("--name VALUE" or
 * "--name=VALUE"), short ones ("-o FILE", "-oFILE"), "--" ends the
 * options, and a word that is a negative number ("-1", "-.5") is a
 * positional argument, not an option. One line on stderr for: an unknown
 * option, an ambiguous abbreviation (naming the candidates), a missing
 * value, a value given to an option that takes none, and stray arguments
 * (all of them named). Returns CLI_OK, CLI_USAGE or CLI_HELP_SHOWN. */
int cli_parse_args(const cli_parser *p, int argc, char **argv);
/* The same with other short options and positional arguments (more may be NULL). */
int cli_parse_args_with(const cli_parser *p, const cli_parser_more *more, int argc, char **argv);

void cli_data_init(cli_data_opts *o);
/* Handles c if it is a data option: returns CLI_OK or CLI_USAGE; -1 if c is
 * not a data option. */
int cli_data_option(const char *cmd, int c, const char *arg, cli_data_opts *o);
/* Loads or generates the data set; CLI_OK or prints and returns the code. */
int cli_data_get(const char *cmd, const cli_data_opts *o, dataset *ds);
/* The model the options describe, at (wx, wrec): activation and s0. */
rnn2_model cli_data_model(const cli_data_opts *o, double wx, double wrec);
/* A one-line title for headerless formats (vtk): what, the activation and s_0. */
void cli_data_title(char *buf, size_t size, const char *what, const cli_data_opts *o);
/* "# data: ..." and "# model: ..." header lines (the model line names s_0). */
void cli_data_header(FILE *fp, const cli_data_opts *o, const dataset *ds);

#endif
