/* cmd_addition_sub.h: the sub-subcommands of `rnnscape addition` and the
 * option helpers they share (generator, seed, weights file). */
#ifndef RNNSCAPE_CMD_ADDITION_SUB_H
#define RNNSCAPE_CMD_ADDITION_SUB_H

#include <stdint.h>

#include "addition.h"
#include "rng.h"

/* Each takes argv with argv[0] = the sub-subcommand's name; full/nfull is
 * the untouched "addition ..." argv for the data-file headers. */
int addition_cmd_train(int argc, char **argv, int nfull, char **full);
int addition_cmd_gradcheck(int argc, char **argv, int nfull, char **full);
int addition_cmd_landscape(int argc, char **argv, int nfull, char **full);
int addition_cmd_gradflow(int argc, char **argv, int nfull, char **full);

/* --rng pcg|numpy into *kind; CLI_OK or CLI_USAGE (message printed). */
int addition_opt_rng(const char *cmd, const char *arg, rng_kind *kind);
/* Seeds r; a NumPy seed must be below 2^32. CLI_OK or CLI_USAGE. */
int addition_seed(const char *cmd, rng *r, rng_kind kind, uint64_t seed);
/* Reads a weights file written by `addition train`. CLI_OK or CLI_USAGE. */
int addition_load_weights(const char *cmd, const char *path, addition_net *net);
/* Builds the evaluation set, printing any failure; CLI_OK or CLI_FAILURE. */
int addition_load_evalset(const char *cmd, addition_evalset *es, int bits);
/* A line naming the evaluation set, for data-file headers. */
void addition_describe_evalset(FILE *fp, const addition_evalset *es);

#endif
