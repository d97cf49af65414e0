/* cli_memory.h: the --max-memory option every command shares, and the
 * check a command makes before a large allocation. The ceiling defaults to
 * two thirds of the memory available now (memory.h); --max-memory SIZE (512M, 8G, 1.5G;
 * K, M, G, T are powers of 1024) lowers or raises it. A refusal is one
 * line naming the estimate and the ceiling, exit 3 (a resource failure).
 *
 * Wiring into a parser (cli_parse_args or a command's own getopt loop):
 *   longopts:  CLI_MEMORY_LONGOPT,
 *   help:      CLI_MEMORY_HELP
 *   switch:    case OPT_MAX_MEMORY: rc = cli_memory_option(cmd, optarg, &lim); break;
 * then, before allocating:
 *   if ((rc = cli_memory_check(cmd, &lim, bytes, "the data set")) != CLI_OK) return rc;
 * and pass &lim (a memory_limit) down to the library (dataset_limits.memory). */
#ifndef RNNSCAPE_CLI_MEMORY_H
#define RNNSCAPE_CLI_MEMORY_H

#include <getopt.h>

#include "memory.h"

/* getopt_long's code for --max-memory: below cli_data.h's OPT_DATA (1000)
 * and above any short option, so it cannot clash with either. */
#define OPT_MAX_MEMORY 900

#define CLI_MEMORY_LONGOPT {"max-memory", required_argument, NULL, OPT_MAX_MEMORY}

#define CLI_MEMORY_HELP                                                                            \
    "  --max-memory SIZE    refuse to allocate more than SIZE (e.g. 512M, 8G;\n"                   \
    "                       default: 2/3 of the memory available now)\n"

/* Parses --max-memory's value into lim: CLI_OK, or prints the error and
 * returns CLI_USAGE. */
int cli_memory_option(const char *cmd, const char *arg, memory_limit *lim);
/* CLI_OK if `bytes` (an estimate) fits under the ceiling; else prints
 * "rnnscape CMD: WHAT needs about 17.6 GiB, more than the 12 GiB available
 * (see --max-memory)" and returns CLI_FAILURE. lim may be NULL. */
int cli_memory_check(const char *cmd, const memory_limit *lim, double bytes, const char *what);

/* The threads a parallel region will use (1 without OpenMP): the
 * per-thread buffers of an estimate. */
size_t cli_threads(void);

#endif
