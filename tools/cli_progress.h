/* cli_progress.h: a percentage on stderr for long runs, in the style of
 * 'rnnscape surface': "\rrnnscape CMD: NN%", shown only on a terminal and
 * only once a run has taken a second, rewritten only when the figure
 * changes, and erased when the run ends.
 *
 * For the tests, RNNSCAPE_TEST_PROGRESS_AFTER=SECONDS (a number >= 0)
 * replaces the one second, so a short run shows its line on a terminal. */
#ifndef RNNSCAPE_CLI_PROGRESS_H
#define RNNSCAPE_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

typedef struct {
    const char *cmd;
    size_t total;
    struct timespec t0;
    double after; /* seconds before the line appears */
    int tty;      /* stderr is a terminal */
    int shown;
    int last;     /* the percentage on the line, -1 before the first */
} cli_progress;

/* A run of total units (rows, points, iterations) starts now. */
void cli_progress_start(cli_progress *p, const char *cmd, size_t total);
/* done units are finished; done >= total erases the line if it was shown. */
void cli_progress_show(cli_progress *p, size_t done);

#endif
