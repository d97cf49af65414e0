/* cli_progress.h: a percentage on stderr for long runs, in the style of
 * 'rnnscape surface': "\rrnnscape CMD: NN%", shown only on a terminal and
 * only once a run has taken a second, and erased when the run ends. */
#ifndef RNNSCAPE_CLI_PROGRESS_H
#define RNNSCAPE_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

typedef struct {
    const char *cmd;
    size_t total;
    struct timespec t0;
    int shown;
} cli_progress;

/* A run of total units (rows, points, iterations) starts now. */
void cli_progress_start(cli_progress *p, const char *cmd, size_t total);
/* done units are finished; done == total erases the line if it was shown. */
void cli_progress_show(cli_progress *p, size_t done);

#endif
