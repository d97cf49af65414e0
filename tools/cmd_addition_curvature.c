/* rnnscape addition curvature: lambda_min/lambda_max of the exact Hessian
 * over a plane through trained weights (Li et al. 2018's map). */
#include <math.h>
#include <stdlib.h>

#include "addition_curvature.h"
#include "addition_hessian.h"
#include "addition_landscape.h"
#include "cli.h"
#include "cli_memory.h"
#include "cli_par.h"
#include "cmd_addition_sub.h"
#include "commands.h"
#include "gridio.h"

#define CMD "addition curvature"

static const char help_text[] =
    "Usage: rnnscape addition curvature --weights FILE [OPTIONS]\n\n"
    "At every point w* + alpha d1 + beta d2 of an N x N grid on [-R, R]^2 through\n"
    "the weights w* of FILE, along the random filter-normalised directions of\n"
    "'addition landscape' (the same --rng and --seed give the same plane), the\n"
    "exact dense Hessian of the mean loss over every K-th sum of the evaluation\n"
    "set and its extreme eigenvalues: 'alpha beta loss lambda_min lambda_max\n"
    "ratio' (ratio = lambda_min/lambda_max: near 0 or above where the surface\n"
    "is nearly convex, clearly negative where it is not; Li et al. 2018).\n"
    "One dense 304 x 304 Hessian per point: about 0.2 s of CPU per point at\n"
    "--every 64.\n\n"
    "  --weights FILE       the centre w* (from 'addition train --save'; required)\n"
    "  --range R            the plane's half-width (default 1)\n"
    "  --grid N             points per axis (default 11)\n"
    "  --every K            every K-th sum of the evaluation set (default 64)\n"
    "  --rng pcg|numpy, --seed S   the directions' generator (default pcg, 0)\n"
    "  --format text|binary|npy|vtk  as for 'rnnscape curvature' (4 channels)\n"
    "  -o, --output FILE    write to FILE atomically (default standard output)\n"
    CLI_MEMORY_HELP
    "  -h, --help           show this help\n";

enum { OPT_RANGE = ADD_OPT_FIRST_FREE, OPT_GRID, OPT_EVERY, OPT_FORMAT };

typedef struct {
    const char *weights, *output;
    double range;
    long grid, every;
    int format;
    rng_kind kind;
    uint64_t seed;
    memory_limit memory;
} curv_opts;

static int curv_option(void *ctx, int c, const char *arg)
{
    curv_opts *o = ctx;
    int rc = addition_rng_option(CMD, c, arg, &o->kind, &o->seed);
    if (rc != CLI_NOT_MINE)
        return rc;
    switch (c) {
    case ADD_OPT_WEIGHTS: o->weights = arg; return CLI_OK;
    case OPT_RANGE: return cli_double_above(CMD, "--range", arg, 0.0, 1, &o->range);
    case OPT_GRID: return cli_long(CMD, "--grid", arg, 1, 1001, &o->grid);
    case OPT_EVERY: return cli_long(CMD, "--every", arg, 1, 1L << 20, &o->every);
    case OPT_FORMAT: return cli_choice(CMD, "--format", arg, gridio_format_names, &o->format);
    case OPT_MAX_MEMORY: return cli_memory_option(CMD, arg, &o->memory);
    }
    return CLI_NOT_MINE;
}

static int parse_opts(int argc, char **argv, curv_opts *o)
{
    static const struct option longopts[] = {ADDITION_RNG_LONGOPTS,
                                             {"weights", required_argument, NULL, ADD_OPT_WEIGHTS},
                                             {"range", required_argument, NULL, OPT_RANGE},
                                             {"grid", required_argument, NULL, OPT_GRID},
                                             {"every", required_argument, NULL, OPT_EVERY},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"output", required_argument, NULL, 'o'},
                                             CLI_MEMORY_LONGOPT,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    *o = (curv_opts){.range = 1.0, .grid = 11, .every = 64, .kind = RNG_PCG};
    int rc = addition_parse(CMD, help_text, longopts, &o->output, curv_option, o, NULL, argc, argv);
    if (rc == CLI_OK && !o->weights) {
        cli_error(CMD, "--weights: missing (weights written by 'addition train --save')");
        rc = CLI_USAGE;
    }
    return rc;
}

static void write_header(FILE *fp, int nfull, char **full, const curv_opts *o,
                         const addition_net *net, size_t nsums)
{
    cli_header(fp, nfull, full);
    fprintf(fp, "# weights: %s (bits %d, hidden %d, %zu parameters)\n", o->weights, net->bits,
            net->hidden, net->nparams);
    fprintf(fp,
            "# plane: w* + alpha d1 + beta d2, random filter-normalised directions (rng %s, seed "
            "%llu), alpha, beta in [-%.17g, %.17g], %ld points each\n",
            rng_kind_name(o->kind), (unsigned long long)o->seed, o->range, o->range, o->grid);
    fprintf(fp,
            "# loss: mean E over %zu sums (every %ld-th of the evaluation set); exact dense "
            "Hessian at every point\n",
            nsums, o->every);
    fputs("# columns: alpha beta loss lambda_min lambda_max ratio\n", fp);
}

/* Everything the run holds, freed in one place. */
typedef struct {
    addition_net net;
    addition_evalset es;
    double *d1, *d2, *axis, *out;
    uint32_t *a, *b;
} curv_run;

static int compute(curv_run *r, const curv_opts *o, size_t *nsums)
{
    size_t np = r->net.nparams, n = (size_t)o->grid;
    rng g;
    if (addition_seed(CMD, &g, o->kind, o->seed) != CLI_OK)
        return CLI_USAGE;
    r->d1 = malloc(np * sizeof *r->d1);
    r->d2 = malloc(np * sizeof *r->d2);
    r->axis = malloc(n * sizeof *r->axis);
    r->out = malloc(n * ADDC_CHANNELS * sizeof *r->out); /* one row */
    r->a = malloc(r->es.n * sizeof *r->a);
    r->b = malloc(r->es.n * sizeof *r->b);
    if (!r->d1 || !r->d2 || !r->axis || !r->out || !r->a || !r->b) {
        cli_error(CMD, "out of memory");
        return CLI_FAILURE;
    }
    addition_random_directions(&r->net, r->net.w, &g, r->d1, r->d2);
    size_t k = 0;
    for (size_t i = 0; i < r->es.n; i += (size_t)o->every, k++)
        r->a[k] = r->es.a[i], r->b[k] = r->es.b[i];
    *nsums = k;
    for (size_t i = 0; i < n; i++)
        r->axis[i] = addition_grid_coord(o->range, n, i);
    return CLI_OK;
}

/* What the grid driver (cli_grid_run) calls back with: rows of constant
 * beta on whichever MPI rank they fall; vtk (channel after channel) needs
 * one writer in one pass, so it is a sequential job. */
typedef struct {
    const curv_run *r;
    const curv_opts *o;
    int nfull;
    char **full;
    size_t nsums;
    gridio_layout g;
    int stateful;
    gridio_writer w;
} curv_job;

static rs_status curv_head(void *ctx, FILE *fp)
{
    curv_job *j = ctx;
    if (j->o->format == GRIDIO_TEXT)
        write_header(fp, j->nfull, j->full, j->o, &j->r->net, j->nsums);
    if (j->stateful)
        return gridio_writer_begin(&j->w, fp, (gridio_format)j->o->format, &j->g);
    return gridio_head(fp, (gridio_format)j->o->format, &j->g);
}

static rs_status curv_rows(void *ctx, size_t j0, size_t n, FILE *fp, void *part)
{
    curv_job *j = ctx;
    const curv_run *r = j->r;
    (void)part;
    rs_status st = addition_curvature_rows(&r->net, r->net.w, r->d1, r->d2, j->o->range,
                                           (size_t)j->o->grid, j0, j0 + n, j->nsums, r->a, r->b,
                                           r->out);
    if (st != RS_OK)
        return st;
    if (j->stateful)
        return gridio_writer_rows(&j->w, n, r->out);
    return gridio_block(fp, (gridio_format)j->o->format, &j->g, j0, n, r->out);
}

static rs_status curv_tail(void *ctx, FILE *fp)
{
    curv_job *j = ctx;
    if (j->stateful)
        return gridio_writer_end(&j->w);
    return gridio_tail(fp, (gridio_format)j->o->format, &j->g);
}

/* Computes and writes the map, its rows split across MPI ranks. */
static int write_grid(const curv_run *r, const curv_opts *o, int nfull, char **full,
                      size_t nsums)
{
    size_t n = (size_t)o->grid;
    curv_job j = {.r = r, .o = o, .nfull = nfull, .full = full, .nsums = nsums,
                  .g = {r->axis, n, r->axis, n, ADDC_CHANNELS, addition_curvature_names,
                        "rnnscape addition curvature"},
                  .stateful = o->format == GRIDIO_VTK};
    gridjob job = {.nrows = n, .rows_per_rank = 1, .rows = curv_rows, .head = curv_head,
                   .tail = curv_tail, .ctx = &j, .path = o->output, .sequential = j.stateful,
                   .sequential_why = "--format vtk"};
    int rc = cli_grid_run(CMD, &job, nfull, full);
    if (j.stateful && rc != CLI_OK)
        gridio_writer_abort(&j.w);
    return rc;
}

int addition_cmd_curvature(int argc, char **argv, int nfull, char **full)
{
    curv_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input(CMD, "-o", o.output, "--weights", o.weights, NULL)) != CLI_OK)
        return rc;
    curv_run r = {0};
    if ((rc = addition_load_weights(CMD, o.weights, &r.net)) != CLI_OK)
        return rc;
    if (r.net.nparams > ADDITION_HESS_DENSE_MAX) {
        cli_error(CMD,
                  "--weights: '%s' has %zu weights, more than %d: a dense Hessian at every point "
                  "is formed up to hidden 62",
                  o.weights, r.net.nparams, ADDITION_HESS_DENSE_MAX);
        addition_net_free(&r.net);
        return CLI_USAGE;
    }
    size_t nsums = 0;
    /* every --every-th sum of the set: ceil(pairs / every) of them */
    double want = ceil(addition_evalset_pairs(r.net.bits) / (double)o.every);
    double bytes = addition_evalset_bytes(r.net.bits) +
                   addition_curvature_bytes(r.net.bits, r.net.hidden, want,
                                            (double)o.grid * (ADDC_CHANNELS + 1), cli_threads());
    if ((rc = cli_memory_check(CMD, &o.memory, bytes, "the curvature map")) == CLI_OK &&
        (rc = addition_load_evalset(CMD, &r.es, r.net.bits)) == CLI_OK &&
        (rc = compute(&r, &o, &nsums)) == CLI_OK)
        rc = write_grid(&r, &o, nfull, full, nsums);
    free(r.d1);
    free(r.d2);
    free(r.axis);
    free(r.out);
    free(r.a);
    free(r.b);
    addition_evalset_free(&r.es);
    addition_net_free(&r.net);
    return rc;
}
