/* cli_par.c: ranks, --resume and grid jobs for the command (cli_par.h). */
#include <config.h>

#include "cli_par.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* The command's own state (tools/ may hold it; the library gets it as an
 * argument). */
static par_ctx par = {0, 1, 0, -1, -1, NULL};
static int resume_given;
static size_t test_rows_per_rank; /* RNNSCAPE_TEST_ROWS_PER_RANK */
static long test_kill_round = -1; /* RNNSCAPE_TEST_KILL_ROUND */
static long test_stop_round = -1; /* RNNSCAPE_TEST_STOP_ROUND: SIGSTOP, for a test to act */

/* How long the ranks wait for each other at exit before deciding that one
 * of them failed alone (generous: ranks leave the job's last exchange
 * together, so only a real failure takes this long). */
#define CLI_PAR_END_WAIT_S 10.0

const par_ctx *cli_par(void) { return &par; }
int cli_par_resume(void) { return resume_given; }

/* A grid command: one whose rows gridjob splits, and which takes --resume. */
static int is_grid_command(int argc, char **argv)
{
    static const char *const grid[] = {"surface", "gradcheck", "curvature", NULL};
    /* and "addition landscape", "addition curvature" */
    if (argc < 2)
        return 0;
    for (size_t i = 0; grid[i]; i++)
        if (strcmp(argv[1], grid[i]) == 0)
            return 1;
    return argc > 2 && strcmp(argv[1], "addition") == 0 &&
           (strcmp(argv[2], "landscape") == 0 || strcmp(argv[2], "curvature") == 0);
}

/* Removes every --resume before a "--" (the command never sees it, so the
 * header a resumed run writes is the header of an uninterrupted one). */
static void take_resume(int *argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--resume") == 0)
            resume_given = 1;
        else
            argv[out++] = argv[i];
    }
    argv[out] = NULL;
    *argc = out;
}

/* Test-only settings from the environment: a count, or the default. */
static long env_count(const char *name, long dflt)
{
    const char *s = getenv(name);
    char *end;
    if (!s || !*s)
        return dflt;
    errno = 0;
    long v = strtol(s, &end, 10);
    return errno || *end || v < 0 ? dflt : v;
}

int cli_par_begin(int *argc, char ***argv)
{
    if (par_init(&par, argc, argv, par_launched()) != RS_OK) {
        fputs("rnnscape: cannot start MPI\n", stderr);
        return CLI_FAILURE;
    }
    /* Only rank 0 speaks: the others would repeat every line. */
    if (par.rank != 0 && (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)))
        return CLI_FAILURE;
    par.fault_rank = (int)env_count("RNNSCAPE_TEST_FAIL_RANK", -1);
    par.fault_round = env_count("RNNSCAPE_TEST_FAIL_ROUND", 0);
    test_rows_per_rank = (size_t)env_count("RNNSCAPE_TEST_ROWS_PER_RANK", 0);
    test_kill_round = env_count("RNNSCAPE_TEST_KILL_ROUND", -1);
    test_stop_round = env_count("RNNSCAPE_TEST_STOP_ROUND", -1);
    if (is_grid_command(*argc, *argv))
        take_resume(argc, *argv);
    return CLI_OK;
}

int cli_par_end(int rc)
{
    fflush(stdout);
    fflush(stderr);
    if (par.mpi && !par_end(&par, CLI_PAR_END_WAIT_S)) {
        if (par.rank == 0)
            fputs("rnnscape: not every MPI rank finished (one failed on its own); stopping all\n",
                  stderr);
        par_abort(&par, rc ? rc : CLI_FAILURE);
    }
    return rc;
}

int cli_par_agree(int rc)
{
    if (par.size == 1)
        return rc;
    uint64_t mine = (uint64_t)rc, *all = malloc((size_t)par.size * sizeof *all);
    if (!all || par_allgather_u64(&par, &mine, 1, all) != RS_OK) {
        free(all);
        par_abort(&par, CLI_FAILURE); /* the ranks cannot agree: stop them all */
        return CLI_FAILURE;
    }
    int agreed = CLI_OK;
    for (int k = 0; k < par.size && agreed == CLI_OK; k++)
        agreed = (int)all[k];
    free(all);
    return agreed;
}

/* ---- running a grid job ---------------------------------------------- */

typedef struct {
    const char *cmd;
    struct timespec t0;
    int shown;
    long rounds;
} grid_progress;

/* "NN%" on stderr from rank 0 once a run has taken a second, only on a
 * terminal; and the test hook that kills the run after some rounds. */
static void on_round(void *ctx, size_t done, size_t total)
{
    grid_progress *g = ctx;
    if (++g->rounds == test_kill_round && par.rank == 0)
        raise(SIGKILL);
    if (g->rounds == test_stop_round && par.rank == 0)
        raise(SIGSTOP); /* the test changes the folder, then continues it */
    if (par.rank != 0 || !isatty(STDERR_FILENO))
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double secs = (double)(now.tv_sec - g->t0.tv_sec) + 1e-9 * (double)(now.tv_nsec - g->t0.tv_nsec);
    if (done == total) {
        if (g->shown)
            fputs("\r                                        \r", stderr);
        return;
    }
    if (secs < 1.0)
        return;
    fprintf(stderr, "\rrnnscape %s: %3.0f%%", g->cmd, 100.0 * (double)done / (double)total);
    g->shown = 1;
}

/* The command line, which identifies the job in the resume journal. */
static char *job_ident(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n), *p = s;
    for (int i = 0; s && i < argc; i++) {
        size_t m = strlen(argv[i]);
        memcpy(p, argv[i], m);
        p += m;
        *p++ = i + 1 < argc ? ' ' : '\0';
    }
    if (s && argc == 0)
        *s = '\0';
    return s;
}

static void report_failure(const char *cmd, const gridjob *job, const gridjob_report *rep)
{
    char where[96] = "";
    const char *name = job->path && strcmp(job->path, "-") != 0 ? job->path : "standard output";
    if (job->group && job->group_names && job->group_names[rep->output] &&
        strcmp(job->group_names[rep->output], "-") != 0)
        name = job->group_names[rep->output]; /* one of the outputs committed with the grid */
    if (par.size > 1)
        snprintf(where, sizeof where, " (rank %d of %d)", rep->rank, par.size);
    switch (rep->step) {
    case GRIDJOB_STEP_OPEN:
        if (rep->status == RS_EINVAL && rep->err == EEXIST)
            cli_error(cmd, "-o: '%s' is the file of another output already", name);
        else if (rep->status == RS_EINVAL)
            cli_error(cmd, "--resume: needs -o FILE (a file to continue)");
        else
            cli_error(cmd, "cannot write '%s': %s%s", name,
                      rep->status == RS_EIO ? strerror(rep->err ? rep->err : EIO)
                                            : rs_status_str(rep->status),
                      where);
        break;
    case GRIDJOB_STEP_ROWS:
        cli_error(cmd, "%s computing the rows from %zu%s", rs_status_str(rep->status), rep->row,
                  where);
        break;
    case GRIDJOB_STEP_SPLIT:
        cli_error(cmd, "%s: written in one pass by one process, so neither split across MPI "
                  "ranks nor resumable (--format npy is both)",
                  job->sequential_why ? job->sequential_why : "this output");
        break;
    default:
        cli_error(cmd, "writing '%s' failed: %s%s", name,
                  rep->status == RS_EIO ? strerror(rep->err ? rep->err : EIO)
                                        : rs_status_str(rep->status),
                  where);
    }
}

int cli_grid_run(const char *cmd, gridjob *job, int argc, char **argv)
{
    grid_progress g = {cmd, {0, 0}, 0, 0};
    gridjob_report rep;
    char *ident = job_ident(argc, argv);
    if (!ident) {
        cli_error(cmd, "out of memory");
        return CLI_FAILURE;
    }
    clock_gettime(CLOCK_MONOTONIC, &g.t0);
    job->resume = resume_given;
    job->ident = ident;
    job->after_round = on_round;
    job->progress_ctx = &g;
    if (test_rows_per_rank)
        job->rows_per_rank = test_rows_per_rank;
    rs_status st = gridjob_run(&par, job, &rep);
    free(ident);
    if (st == RS_OK && rep.resumed && par.rank == 0)
        fprintf(stderr, "rnnscape %s: resumed '%s' at row %zu of %zu\n", cmd, job->path,
                rep.resumed_rows, job->nrows);
    if (st == RS_OK)
        return CLI_OK;
    if (par.rank == 0)
        report_failure(cmd, job, &rep);
    return rep.status == RS_EINVAL && (rep.step == GRIDJOB_STEP_OPEN || rep.step == GRIDJOB_STEP_SPLIT)
               ? CLI_USAGE
               : CLI_FAILURE;
}
