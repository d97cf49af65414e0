#include "cli_progress.h"

#include <stdio.h>
#include <unistd.h>

void cli_progress_start(cli_progress *p, const char *cmd, size_t total)
{
    p->cmd = cmd;
    p->total = total;
    p->shown = 0;
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
}

void cli_progress_show(cli_progress *p, size_t done)
{
    size_t total = p->total;
    if (done >= total) {
        if (p->shown)
            fprintf(stderr, "\r%*s\r", 40, "");
        p->shown = 0;
        return;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double secs = (double)(now.tv_sec - p->t0.tv_sec) + 1e-9 * (double)(now.tv_nsec - p->t0.tv_nsec);
    if (secs < 1.0 || !isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "\rrnnscape %s: %3.0f%%", p->cmd, 100.0 * (double)done / (double)total);
    p->shown = 1;
}
