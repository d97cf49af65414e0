/* cli_par.h: the command's side of running across MPI ranks: starting and
 * ending the ranks (only rank 0 speaks), the global --resume option of the
 * grid commands, and running a grid job (src/io/gridjob.h) with progress
 * and one error message. In a plain process all of it is one rank. */
#ifndef RNNSCAPE_CLI_PAR_H
#define RNNSCAPE_CLI_PAR_H

#include "gridjob.h"
#include "par.h"

/* Starts MPI when a launcher started the process (see par_launched);
 * ranks other than 0 write nothing to stdout or stderr. Takes --resume
 * out of a grid command's arguments (surface, gradcheck, curvature,
 * addition landscape), before the command parses them. CLI_OK, or prints
 * and returns CLI_FAILURE. */
int cli_par_begin(int *argc, char ***argv);
/* Ends the ranks: cleanly when every rank gets here, otherwise stops them
 * all (a rank failed alone). Returns rc. */
int cli_par_end(int rc);
/* This process's rank context (one rank without MPI). */
const par_ctx *cli_par(void);
/* Every rank's rc: the first one (in rank order) that is not CLI_OK, so
 * that all ranks take the same branch after a step only some ranks did
 * (e.g. rank 0 opening a second output). */
int cli_par_agree(int rc);
/* 1 when --resume was given. */
int cli_par_resume(void);

/* Runs job across the ranks with --resume, progress on rank 0 (stderr,
 * on a terminal, once a run has taken a second) and the test faults of
 * the environment; argc/argv (the command's) identify the job for
 * --resume. On failure prints one line (rank 0) naming the failing rank.
 * Returns CLI_OK, CLI_USAGE or CLI_FAILURE. */
int cli_grid_run(const char *cmd, gridjob *job, int argc, char **argv);

#endif
