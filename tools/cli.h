/* cli.h: what every subcommand shares: one-line error messages in the
 * form "rnnscape CMD: --opt: expected ..., got 'text'", strict option
 * values, the data-file header, and atomic output. */
#ifndef RNNSCAPE_CLI_H
#define RNNSCAPE_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "outfile.h"
#include "status.h"

enum {
    CLI_OK = 0,
    CLI_CHECK_FAILED = 1, /* a check ran and failed */
    CLI_USAGE = 2,        /* bad usage or bad input */
    CLI_FAILURE = 3       /* anything else: I/O, memory */
};

/* Largest number of points along one grid axis, and in a whole grid: a
 * request beyond these is refused before anything is allocated. */
#define CLI_GRID_AXIS_MAX 1000000u
#define CLI_GRID_POINTS_MAX 400000000u

/* Writes text with control bytes (below 0x20, and 0x7f) as \xNN. */
void cli_put_escaped(FILE *fp, const char *text);
/* Prints "rnnscape CMD: message" as one line on stderr, control bytes in
 * it (from any echoed text) escaped as \xNN. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports getopt's '?' (unknown option) or ':' (missing value) as one
 * line; argv_opt is the offending word. Returns CLI_USAGE. */
int cli_bad_option(const char *cmd, int c, const char *argv_opt);

/* Each returns CLI_OK, or prints the error and returns CLI_USAGE. */
int cli_double(const char *cmd, const char *opt, const char *arg, double *out);
/* A finite number > min (strict) or >= min; "expected a positive number"
 * (or non-negative, or "> MIN") otherwise. */
int cli_double_above(const char *cmd, const char *opt, const char *arg, double min, int strict,
                     double *out);
int cli_long(const char *cmd, const char *opt, const char *arg, long min, long max, long *out);
int cli_u64(const char *cmd, const char *opt, const char *arg, uint64_t *out);
int cli_range(const char *cmd, const char *opt, const char *arg, double *lo, double *hi);
int cli_point(const char *cmd, const char *opt, const char *arg, double *a, double *b);
int cli_grid(const char *cmd, const char *opt, const char *arg, size_t *nx, size_t *ny);
/* One of the words in choices (NULL-terminated); *index gets its position. */
int cli_choice(const char *cmd, const char *opt, const char *arg, const char *const *choices,
               int *index);

/* Opens -o FILE (or stdout for NULL/"-"); CLI_OK or prints and CLI_FAILURE. */
int cli_open(const char *cmd, const char *path, outfile *of);
/* Commits the output; CLI_OK or prints and CLI_FAILURE. */
int cli_close(const char *cmd, outfile *of);
/* Refuses an output that is one of the command's input files (before
 * anything is written): opt and out the output's option and path, then
 * pairs of an input's option and path (a NULL path is skipped), ending
 * with NULL. CLI_OK, or prints "OPT: 'OUT' is the input file of IN_OPT"
 * and returns CLI_USAGE. */
/* Discards the output after a failure; when the failure was writing it
 * (the stream has an error: EFBIG past `ulimit -f`, ENOSPC, EIO) prints
 * "writing 'FILE' failed: REASON" first. Returns CLI_FAILURE. */
int cli_abort(const char *cmd, outfile *of);
/* The exit status for an input file that could not be read, from the
 * errno of the failure: a name that is no readable file (missing, a
 * folder, no permission) is bad input, CLI_USAGE; a read that failed
 * (EIO from a device, /proc/self/mem) is an I/O error, CLI_FAILURE. */
int cli_read_failure(int err);
int cli_output_not_input(const char *cmd, const char *opt, const char *out, ...);

/* Writes "# rnnscape VERSION CMD" and "# command: ..." (the full argv,
 * control bytes escaped so the header stays one line each). */
void cli_header(FILE *fp, int argc, char **argv);

/* Prints help text to stdout; returns CLI_OK. */
int cli_help(const char *text);

/* Installs SIGINT/SIGTERM/SIGHUP handlers that remove a pending temporary
 * output file before the process dies. */
void cli_install_signal_cleanup(void);

#endif
