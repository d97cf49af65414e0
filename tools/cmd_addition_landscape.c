/* rnnscape addition landscape: the mean loss on a plane through trained
 * weights, along random filter-normalised or PCA-of-trajectory directions. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition_io.h"
#include "addition_landscape.h"
#include "addition_trajectory.h"
#include "cli.h"
#include "cli_memory.h"
#include "cli_par.h"
#include "cmd_addition_sub.h"
#include "gridio.h"

#define CMD "addition landscape"

static const char help_text[] =
    "Usage: rnnscape addition landscape --weights FILE [OPTIONS]\n\n"
    "Writes L(alpha, beta) = mean E over the evaluation set (all 128 x 128 sums for\n"
    "8 bits) at w* + alpha d1 + beta d2, w* the weights of --weights, on an N x N\n"
    "grid alpha, beta in [-R, R] (symmetric, exactly 0 in the middle for odd N).\n\n"
    "  --weights FILE     the centre w* (from 'addition train --save')\n"
    "  --directions random|pca\n"
    "                     random (default): d1 then d2 standard normal draws, each\n"
    "                     rescaled neuron by neuron to the norm of w*'s incoming\n"
    "                     weights of that neuron (filter normalisation, Li et al.\n"
    "                     2018); pca: the first two principal directions (unit\n"
    "                     vectors) of the checkpoints of --checkpoints (refused\n"
    "                     when they do not span two directions)\n"
    "  --checkpoints FILE the training trajectory ('addition train --checkpoints')\n"
    "  --trajectory FILE  with pca: also write each checkpoint's projection\n"
    "                     (checkpoint - w*) . d1, . d2 and its own mean loss\n"
    "  --range R          half-width (default 1 for random; for pca 1.25 times the\n"
    "                     trajectory's largest |coordinate|)\n"
    "  --grid N           points per axis, 1 to 2001 (default 51)\n"
    "  --rng pcg|numpy, --seed S  generator of random directions (default pcg, 0)\n"
    "  --format text|binary|npy|vtk\n"
    "                     the grid's format (default text)\n"
    "  -o, --output FILE  the grid (default standard output)\n"
    CLI_MEMORY_HELP "\n"
    "Output: text: columns alpha beta loss, alpha varying fastest, one block of\n"
    "rows per beta separated by a blank line (gnuplot pm3d), after '#' lines\n"
    "naming every parameter; npy: the losses as a (beta, alpha) float64 array;\n"
    "binary: gnuplot's binary matrix (float32); vtk: a legacy VTK rectilinear grid\n"
    "(ParaView) with the array mean_loss. The trajectory file: columns\n"
    "alpha beta loss, one line per checkpoint. The files are written all or none.\n";

typedef struct {
    const char *weights, *checkpoints, *output, *trajectory;
    int pca, have_range, format;
    double range;
    long grid;
    rng_kind kind;
    uint64_t seed;
    memory_limit memory;
} land_opts;

enum {
    OPT_DIRECTIONS = ADD_OPT_FIRST_FREE,
    OPT_CHECKPOINTS,
    OPT_RANGE,
    OPT_GRID,
    OPT_TRAJECTORY,
    OPT_FORMAT
};

static int land_option(void *ctx, int c, const char *arg)
{
    static const char *const dirs[] = {"random", "pca", NULL};
    land_opts *o = ctx;
    int rc = addition_rng_option(CMD, c, arg, &o->kind, &o->seed);
    if (rc != CLI_NOT_MINE)
        return rc;
    switch (c) {
    case ADD_OPT_WEIGHTS: o->weights = arg; return CLI_OK;
    case OPT_DIRECTIONS: return cli_choice(CMD, "--directions", arg, dirs, &o->pca);
    case OPT_CHECKPOINTS: o->checkpoints = arg; return CLI_OK;
    case OPT_TRAJECTORY: o->trajectory = arg; return CLI_OK;
    case OPT_FORMAT: return cli_choice(CMD, "--format", arg, gridio_format_names, &o->format);
    case OPT_GRID: return cli_long(CMD, "--grid", arg, 1, 2001, &o->grid);
    case OPT_MAX_MEMORY: return cli_memory_option(CMD, arg, &o->memory);
    case OPT_RANGE:
        o->have_range = 1;
        return cli_double_above(CMD, "--range", arg, 0.0, 1, &o->range);
    }
    return CLI_NOT_MINE;
}

static int parse_opts(int argc, char **argv, land_opts *o)
{
    static const struct option longopts[] = {
        ADDITION_RNG_LONGOPTS,
        {"weights", required_argument, NULL, ADD_OPT_WEIGHTS},
        {"directions", required_argument, NULL, OPT_DIRECTIONS},
        {"checkpoints", required_argument, NULL, OPT_CHECKPOINTS},
        {"range", required_argument, NULL, OPT_RANGE},
        {"grid", required_argument, NULL, OPT_GRID},
        {"trajectory", required_argument, NULL, OPT_TRAJECTORY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"output", required_argument, NULL, 'o'},
        CLI_MEMORY_LONGOPT,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    *o = (land_opts){.range = 1.0, .grid = 51, .kind = RNG_PCG};
    int rc = addition_parse(CMD, help_text, longopts, &o->output, land_option, o, NULL, argc, argv);
    if (rc == CLI_OK && !o->weights) {
        cli_error(CMD, "--weights FILE is required (see 'rnnscape addition landscape --help')");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && o->pca && !o->checkpoints) {
        cli_error(CMD, "--directions pca needs --checkpoints FILE");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && !o->pca && (o->checkpoints || o->trajectory)) {
        cli_error(CMD, "--%s: only with --directions pca",
                  o->checkpoints ? "checkpoints" : "trajectory");
        rc = CLI_USAGE;
    }
    return rc;
}

/* The checkpoints of --checkpoints (n x nparams, owned by *traj), read
 * within --max-memory. */
static int load_trajectory(const char *path, const addition_net *net, const memory_limit *mem,
                           size_t *n, long **iter, double **traj)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        cli_error(CMD, "--checkpoints: cannot read '%s': %s", path, strerror(errno));
        return CLI_USAGE;
    }
    int bits, hidden;
    read_limits lim = {*mem, ADDITION_MAX_LINE, ADDITION_MAX_CHECKPOINTS_FILE};
    addition_read_error err;
    rs_status st = addition_read_checkpoints_limited(fp, &lim, &bits, &hidden, n, iter, traj, &err);
    int saved = errno;
    fclose(fp);
    if (st != RS_OK) {
        if (err.line > 0)
            cli_error(CMD, "--checkpoints: '%s' line %ld: %s", path, err.line, err.what);
        else
            cli_error(CMD, "--checkpoints: '%s': %s", path,
                      err.what[0] ? err.what : rs_status_str(st));
        /* a folder is bad input; a read that fails, an I/O error */
        return st == RS_ENOMEM ? CLI_FAILURE : st == RS_EIO ? cli_read_failure(saved) : CLI_USAGE;
    }
    if (bits != net->bits || hidden != net->hidden) {
        cli_error(CMD, "--checkpoints: '%s' has bits %d, hidden %d; the weights have %d, %d", path,
                  bits, hidden, net->bits, net->hidden);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* Refuses (printed, CLI_FAILURE) before allocating what would not fit:
 * the landscape's set, trie, per-thread buffers and rows, and with pca
 * the trajectory's PCA and losses. */
static int check_memory(const land_opts *o, const addition_net *net, size_t ncheck)
{
    size_t threads = cli_threads();
    double grid = addition_landscape_bytes(net->bits, net->hidden, 2.0 * (double)o->grid, threads);
    if (o->pca &&
        cli_memory_check(CMD, &o->memory,
                         grid + addition_trajectory_bytes(net->bits, net->hidden, (double)ncheck,
                                                          threads),
                         "the trajectory's PCA and losses") != CLI_OK)
        return CLI_FAILURE;
    return cli_memory_check(CMD, &o->memory, grid, "the landscape");
}

/* Everything the command computes. */
typedef struct {
    addition_net net;
    addition_evalset es;
    size_t ncheck;
    long *iter;
    double *traj;
    addition_trajectory t;
    double *d1, *d2;
} landscape;

static void landscape_free(landscape *l)
{
    addition_trajectory_free(&l->t);
    free(l->iter);
    free(l->traj);
    free(l->d1);
    free(l->d2);
    addition_evalset_free(&l->es);
    addition_net_free(&l->net);
}

static int pca_directions(const land_opts *o, landscape *l)
{
    rs_status st = addition_trajectory_plane(&l->net, l->net.w, l->ncheck, l->traj, &l->es, l->d1,
                                             l->d2, &l->t);
    if (st == RS_EINVAL) {
        cli_error(CMD,
                  "--checkpoints: '%s': its %zu checkpoints do not span two directions "
                  "(second singular value %.3g of %.3g); PCA needs a trajectory that moves "
                  "in a plane",
                  o->checkpoints, l->ncheck, l->t.pca.sigma[1], l->t.pca.sigma[0]);
        return CLI_USAGE;
    }
    if (st != RS_OK) {
        cli_error(CMD, "PCA: %s", rs_status_str(st));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

/* Loads the weights (and checkpoints) and picks the plane. */
static int prepare(land_opts *o, landscape *l)
{
    rng r;
    int rc = addition_seed(CMD, &r, o->kind, o->seed);
    if (rc == CLI_OK)
        rc = addition_load_weights(CMD, o->weights, &l->net);
    if (rc == CLI_OK && o->pca)
        rc = load_trajectory(o->checkpoints, &l->net, &o->memory, &l->ncheck, &l->iter, &l->traj);
    if (rc == CLI_OK)
        rc = check_memory(o, &l->net, l->ncheck);
    if (rc == CLI_OK)
        rc = addition_load_evalset(CMD, &l->es, l->net.bits);
    if (rc != CLI_OK)
        return rc;
    l->d1 = malloc(l->net.nparams * sizeof *l->d1);
    l->d2 = malloc(l->net.nparams * sizeof *l->d2);
    if (!l->d1 || !l->d2) {
        cli_error(CMD, "out of memory");
        return CLI_FAILURE;
    }
    if (o->pca && (rc = pca_directions(o, l)) != CLI_OK)
        return rc;
    if (!o->pca)
        addition_random_directions(&l->net, l->net.w, &r, l->d1, l->d2);
    if (o->pca && !o->have_range)
        o->range = addition_trajectory_reach(&l->t);
    return CLI_OK;
}

static void write_header(FILE *fp, const land_opts *o, const landscape *l, int nfull, char **full)
{
    cli_header(fp, nfull, full);
    fprintf(fp, "# weights: %s\n# bits: %d\n# hidden: %d\n", o->weights, l->net.bits,
            l->net.hidden);
    addition_describe_evalset(fp, &l->es);
    if (o->pca)
        fprintf(fp,
                "# directions: pca of %zu checkpoints in %s (mean-centred), unit vectors;"
                " explained variance %.6g and %.6g\n",
                l->ncheck, o->checkpoints, l->t.pca.explained[0], l->t.pca.explained[1]);
    else
        fprintf(fp, "# directions: random, filter-normalised per neuron; rng: %s; seed: %llu\n",
                rng_kind_name(o->kind), (unsigned long long)o->seed);
    fprintf(fp, "# range: %.17g\n# grid: %ld\n", o->range, o->grid);
}

/* What the grid driver (cli_grid_run) calls back with: rows of constant
 * beta (x = alpha, y = beta), on whichever MPI rank they fall. */
typedef struct {
    const land_opts *o;
    const landscape *l;
    int nfull;
    char **full;
    const addition_landscape_plan *pl;
    gridio_layout g;
    double *v; /* one block of rows */
} land_job;

static rs_status land_head(void *ctx, FILE *fp)
{
    const land_job *j = ctx;
    if (j->o->format == GRIDIO_TEXT) {
        write_header(fp, j->o, j->l, j->nfull, j->full);
        fputs("# columns: alpha beta loss (mean E = sum_k 1/2 (c_k - o_k)^2 over the set)\n", fp);
    }
    return gridio_head(fp, (gridio_format)j->o->format, &j->g);
}

static rs_status land_rows(void *ctx, size_t j0, size_t n, FILE *fp, void *part)
{
    const land_job *j = ctx;
    (void)part;
    rs_status st = addition_landscape_beta_rows(j->pl, j0, j0 + n, j->v);
    return st == RS_OK ? gridio_block(fp, (gridio_format)j->o->format, &j->g, j0, n, j->v) : st;
}

static rs_status land_tail(void *ctx, FILE *fp)
{
    const land_job *j = ctx;
    return gridio_tail(fp, (gridio_format)j->o->format, &j->g);
}

/* Computes and writes the grid, its rows split across MPI ranks. */
static int write_grid(const land_opts *o, const landscape *l, int nfull, char **full,
                      addition_outputs *out)
{
    size_t n = (size_t)o->grid;
    double *axis = malloc(n * sizeof *axis), *v = malloc(n * sizeof *v);
    addition_landscape_plan *pl = NULL;
    int rc = CLI_FAILURE;
    if (!axis || !v ||
        addition_landscape_plan_new(&l->net, l->net.w, l->d1, l->d2, o->range, n, &l->es, &pl) !=
            RS_OK) {
        cli_error(CMD, "out of memory");
    } else {
        for (size_t i = 0; i < n; i++)
            axis[i] = addition_grid_coord(o->range, n, i);
        static const char *const names[] = {"mean_loss"};
        gridio_layout g = {axis, n, axis, n, 1, names, "rnnscape addition landscape: mean E"};
        land_job j = {o, l, nfull, full, pl, g, v};
        gridjob job = {.nrows = n,
                       .rows_per_rank = 1,
                       .rows = land_rows,
                       .head = land_head,
                       .tail = land_tail,
                       .ctx = &j,
                       .path = o->output};
        if (out->group.n > 0) { /* the grid commits with the trajectory */
            out->opt[out->group.n] = "-o";
            out->path[out->group.n] = o->output ? o->output : "-";
            job.group = &out->group;
            job.group_names = out->path;
        }
        rc = cli_grid_run(CMD, &job, nfull, full);
    }
    addition_landscape_plan_free(pl);
    free(axis);
    free(v);
    return rc;
}

static void write_trajectory(FILE *fp, const land_opts *o, const landscape *l, int nfull,
                             char **full)
{
    write_header(fp, o, l, nfull, full);
    fputs("# trajectory iterations:", fp);
    for (size_t i = 0; i < l->ncheck; i++)
        fprintf(fp, " %ld", l->iter[i]);
    fputs("\n# trajectory: alpha beta loss per checkpoint\n"
          "# columns: alpha beta loss (alpha = (w_i - w*) . d1, beta = (w_i - w*) . d2, loss ="
          " mean E at w_i)\n",
          fp);
    for (size_t i = 0; i < l->ncheck; i++)
        fprintf(fp, "%.17g %.17g %.17g\n", l->t.alpha[i], l->t.beta[i], l->t.loss[i]);
}

int addition_cmd_landscape(int argc, char **argv, int nfull, char **full)
{
    land_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc != CLI_OK)
        return rc;
    if ((rc = cli_output_not_input(CMD, "-o", o.output, "--weights", o.weights, "--checkpoints",
                                   o.checkpoints, NULL)) != CLI_OK ||
        (rc = cli_output_not_input(CMD, "--trajectory", o.trajectory, "--weights", o.weights,
                                   "--checkpoints", o.checkpoints, NULL)) != CLI_OK)
        return rc;
    landscape l = {0};
    addition_outputs out = {0};
    FILE *traj_fp = NULL;
    rc = prepare(&o, &l);
    /* The trajectory: rank 0's alone, and all or nothing with the grid:
     * it is written and flushed to its temporary file (or device) before
     * the grid runs, so every failure it can meet but a rename (a full
     * disk, /dev/full) stops the command before the grid is replaced; the
     * grid driver commits both through the group, all or none. */
    if (rc == CLI_OK && o.trajectory && o.output && strcmp(o.output, o.trajectory) == 0) {
        cli_error(CMD, "--trajectory: '%s' is the file of --output already", o.trajectory);
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && o.trajectory && cli_par()->rank == 0)
        rc = addition_outputs_open(CMD, &out, "--trajectory", o.trajectory, &traj_fp);
    if (rc == CLI_OK && traj_fp) {
        write_trajectory(traj_fp, &o, &l, nfull, full);
        if (fflush(traj_fp) != 0 || ferror(traj_fp)) {
            cli_error(CMD, "--trajectory: writing '%s' failed: %s (no output written)",
                      o.trajectory, strerror(errno));
            rc = CLI_FAILURE;
        }
    }
    rc = cli_par_agree(rc);
    if (rc == CLI_OK)
        rc = write_grid(&o, &l, nfull, full, &out);
    addition_outputs_abort(&out);
    landscape_free(&l);
    return rc;
}
