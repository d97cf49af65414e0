/* rnnscape curvature: maps of the Hessian's eigenvalues over a grid. */
#include <stdlib.h>

#include "cli.h"
#include "cli_data.h"
#include "cli_par.h"
#include "commands.h"
#include "curvature.h"
#include "grid.h"
#include "gridio.h"

static const char curvature_help[] =
    "Usage: rnnscape curvature [OPTIONS]\n\n"
    "Maps the curvature of the loss over a grid of (w_x, w_rec): at every point\n"
    "the exact 2 x 2 Hessian (as 'rnnscape hessian' computes it) and, from it,\n"
    "lambda_min, lambda_max, lambda_min/lambda_max, the determinant and the\n"
    "trace. Vectorised across grid points, threaded across rows; the file is\n"
    "byte-identical for any number of threads.\n\n"
    "Grid:\n"
    "  --wx LO:HI           range of w_x (default -3:3)\n"
    "  --wrec LO:HI         range of w_rec (default -3:3)\n"
    "  --grid N | NX,NREC   points per axis (default 50), np.linspace spacing\n" CLI_DATA_HELP
        CLI_S0_HELP "Output:\n"
    "  -o, --output FILE    write to FILE atomically (default: standard output)\n"
    "  --format text|binary|npy|vtk\n"
    "                       text (default): '# ' header, then 'w_x w_rec lambda_min\n"
    "                       lambda_max ratio det trace' lines, a blank line after\n"
    "                       each row; npy: float64 array of shape (NREC, NX, 5), no\n"
    "                       header; binary: gnuplot's general binary, 7 float64 per\n"
    "                       point (splot F binary record=(NX,NREC) format='%7float64'\n"
    "                       using 1:2:3); vtk: a rectilinear grid with the five\n"
    "                       channels as named arrays (ParaView)\n"
    "  -h, --help           show this help\n\n"
    "Infinities (never NaN): a Hessian entry that overflows is +-inf, one the\n"
    "arithmetic cannot determine is +inf; with infinite entries the eigenvalues,\n"
    "determinant and trace are the limits as those entries grow (an infinite\n"
    "off-diagonal: lambda_min -inf, lambda_max +inf, det -inf; an undetermined\n"
    "trace is +inf, determinant -inf). The ratio is +-1 (the product of the\n"
    "signs) when both eigenvalues are infinite, 0 when both are 0, and -inf\n"
    "when lambda_max = 0 > lambda_min.\n";

enum { OPT_WX = OPT_FIRST_FREE, OPT_WREC, OPT_GRID, OPT_FORMAT };

typedef struct {
    double wx_lo, wx_hi, wrec_lo, wrec_hi;
    size_t nx, nrec;
    int format;
    const char *out;
    cli_data_opts data;
} curvature_args;

static int curvature_option(void *ctx, int c, const char *arg)
{
    curvature_args *a = ctx;
    const char *cmd = "curvature";
    switch (c) {
    case OPT_WX: return cli_range(cmd, "--wx", arg, &a->wx_lo, &a->wx_hi);
    case OPT_WREC: return cli_range(cmd, "--wrec", arg, &a->wrec_lo, &a->wrec_hi);
    case OPT_GRID: return cli_grid(cmd, "--grid", arg, &a->nx, &a->nrec);
    case OPT_FORMAT: return cli_choice(cmd, "--format", arg, gridio_format_names, &a->format);
    }
    return CLI_NOT_MINE;
}

static int parse_args(int argc, char **argv, curvature_args *a)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS,
                                             CLI_S0_LONGOPT,
                                             {"wx", required_argument, NULL, OPT_WX},
                                             {"wrec", required_argument, NULL, OPT_WREC},
                                             {"grid", required_argument, NULL, OPT_GRID},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_parser p = {"curvature", curvature_help, longopts, &a->data, &a->out, curvature_option, a};
    return cli_parse_args(&p, argc, argv);
}

static void write_header(FILE *fp, int argc, char **argv, const curvature_args *a,
                         const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    fprintf(fp,
            "# grid: w_x %.17g:%.17g (%zu points), w_rec %.17g:%.17g (%zu points), "
            "np.linspace spacing\n",
            a->wx_lo, a->wx_hi, a->nx, a->wrec_lo, a->wrec_hi, a->nrec);
    fputs("# exact Hessian of xi in (w_x, w_rec); ratio = lambda_min/lambda_max; "
          "inf marks overflow (rules: rnnscape curvature --help)\n",
          fp);
    fputs("# columns: w_x w_rec", fp);
    for (int c = 0; c < CURV_CHANNELS; c++)
        fprintf(fp, " %s", curvature_channel_names[c]);
    fputc('\n', fp);
}

/* Rows per block: about 2^16 points, and at least a few rows per thread. */
static size_t block_rows(size_t nx, size_t nrec)
{
    size_t rows = ((size_t)1 << 16) / nx;
    if (rows < 8)
        rows = 8;
    return rows < nrec ? rows : nrec;
}

/* What the grid driver (cli_grid_run) calls back with: blocks of rows on
 * whichever MPI rank they fall, formatted by gridio_head/block/tail; vtk
 * (channel after channel) needs one writer in one pass: a sequential job. */
typedef struct {
    int argc;
    char **argv;
    const curvature_args *a;
    const dataset *ds;
    curvature_problem p;
    const double *wx, *wrec;
    double *v;
    gridio_layout g;
    int stateful;
    gridio_writer w;
} curvature_job;

static rs_status curvature_head(void *ctx, FILE *fp)
{
    curvature_job *j = ctx;
    if (j->a->format == GRIDIO_TEXT)
        write_header(fp, j->argc, j->argv, j->a, j->ds);
    if (j->stateful)
        return gridio_writer_begin(&j->w, fp, (gridio_format)j->a->format, &j->g);
    return gridio_head(fp, (gridio_format)j->a->format, &j->g);
}

static rs_status curvature_block(void *ctx, size_t j0, size_t n, FILE *fp, void *part)
{
    curvature_job *j = ctx;
    (void)part;
    rs_status st = curvature_rows(&j->p, j->wx, j->a->nx, j->wrec + j0, n, j->v, NULL);
    if (st != RS_OK)
        return st;
    if (j->stateful)
        return gridio_writer_rows(&j->w, n, j->v);
    return gridio_block(fp, (gridio_format)j->a->format, &j->g, j0, n, j->v);
}

static rs_status curvature_tail(void *ctx, FILE *fp)
{
    curvature_job *j = ctx;
    if (j->stateful)
        return gridio_writer_end(&j->w);
    return gridio_tail(fp, (gridio_format)j->a->format, &j->g);
}

static int compute_and_write(int argc, char **argv, const curvature_args *a, const dataset *ds,
                             const double *wx, const double *wrec, double *v, size_t rows)
{
    curvature_job j = {.argc = argc, .argv = argv, .a = a, .ds = ds,
                       .p = {ds, a->data.f, a->data.s0}, .wx = wx, .wrec = wrec, .v = v,
                       .g = {wx, a->nx, wrec, a->nrec, CURV_CHANNELS, curvature_channel_names,
                             "rnnscape curvature: eigenvalues of the exact Hessian"},
                       .stateful = a->format == GRIDIO_VTK};
    gridjob job = {.nrows = a->nrec, .rows_per_rank = rows, .rows = curvature_block,
                   .head = curvature_head, .tail = curvature_tail, .ctx = &j, .path = a->out,
                   .sequential = j.stateful, .sequential_why = "--format vtk"};
    int rc = cli_grid_run("curvature", &job, argc, argv);
    if (j.stateful && rc != CLI_OK)
        gridio_writer_abort(&j.w);
    return rc;
}

int cmd_curvature(int argc, char **argv)
{
    curvature_args a = {-3, 3, -3, 3, 50, 50, 0, NULL, {0}};
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input("curvature", "-o", a.out, "--data", a.data.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get("curvature", &a.data, &ds)) != CLI_OK)
        return rc;
    size_t rows = block_rows(a.nx, a.nrec);
    double *wx = malloc(a.nx * sizeof *wx), *wrec = malloc(a.nrec * sizeof *wrec);
    double *v = malloc(a.nx * rows * CURV_CHANNELS * sizeof *v);
    if (!wx || !wrec || !v) {
        cli_error("curvature", "out of memory for a %zu x %zu grid", a.nx, a.nrec);
        rc = CLI_FAILURE;
    } else {
        grid_linspace(a.wx_lo, a.wx_hi, a.nx, wx);
        grid_linspace(a.wrec_lo, a.wrec_hi, a.nrec, wrec);
        rc = compute_and_write(argc, argv, &a, &ds, wx, wrec, v, rows);
    }
    free(wx);
    free(wrec);
    free(v);
    dataset_free(&ds);
    return rc;
}
