#include "cli_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* RNNSCAPE_TEST_PROGRESS_AFTER, when it is a number >= 0; else 1 s. */
static double delay(void)
{
    const char *s = getenv("RNNSCAPE_TEST_PROGRESS_AFTER");
    char *end;
    double v = s && *s ? strtod(s, &end) : -1.0;
    return s && *s && *end == '\0' && v >= 0.0 ? v : 1.0;
}

void cli_progress_start(cli_progress *p, const char *cmd, size_t total)
{
    p->cmd = cmd;
    p->total = total;
    p->shown = 0;
    p->last = -1;
    p->tty = isatty(STDERR_FILENO);
    p->after = delay();
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
    if (!p->tty)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double secs = (double)(now.tv_sec - p->t0.tv_sec) + 1e-9 * (double)(now.tv_nsec - p->t0.tv_nsec);
    int pct = (int)(100.0 * (double)done / (double)total);
    if (secs < p->after || pct == p->last)
        return;
    fprintf(stderr, "\rrnnscape %s: %3d%%", p->cmd, pct);
    fflush(stderr);
    p->shown = 1;
    p->last = pct;
}
