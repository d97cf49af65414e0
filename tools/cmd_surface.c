/* rnnscape surface: the loss over a grid of (w_x, w_rec). */
#include <stdlib.h>

#include "cli.h"
#include "cli_data.h"
#include "cli_par.h"
#include "commands.h"
#include "grid.h"
#include "gridio.h"
#include "surface.h"

static const char surface_help[] =
    "Usage: rnnscape surface [OPTIONS]\n\n"
    "Computes the loss xi(w_x, w_rec) on a grid of evenly spaced points\n"
    "(np.linspace spacing, both ends included). Overflowing points are inf.\n\n"
    "Grid:\n"
    "  --wx LO:HI           range of w_x (default -3:3)\n"
    "  --wrec LO:HI         range of w_rec (default -3:3)\n"
    "  --grid N | NX,NREC   points per axis (default 50); an axis of 1 point\n"
    "                       holds just LO\n"
    "  --method exact|brute exact: the separable method, linear model only\n"
    "                       (default for linear); brute: the forward pass at\n"
    "                       every point (default for other activations)\n" CLI_DATA_HELP CLI_S0_HELP "Output:\n"
    "  -o, --output FILE    write to FILE atomically (default: standard output)\n"
    "  --format text|binary|npy|vtk\n"
    "                       text (default): '# ' header, then 'w_x w_rec loss'\n"
    "                       lines, a blank line after each row of constant w_rec;\n"
    "                       npy: NumPy array of shape (NREC, NX), no header;\n"
    "                       binary: gnuplot's binary matrix (float32; read it\n"
    "                       with: splot FILE binary matrix using 1:2:3);\n"
    "                       vtk: legacy VTK (binary) rectilinear grid with the\n"
    "                       point array 'loss', which ParaView opens\n"
    "  -h, --help           show this help\n";

enum { OPT_WX = OPT_FIRST_FREE, OPT_WREC, OPT_GRID, OPT_METHOD, OPT_FORMAT };

typedef struct {
    double wx_lo, wx_hi, wrec_lo, wrec_hi;
    size_t nx, nrec;
    int method; /* -1: the default for the activation */
    int format;
    const char *out;
    cli_data_opts data;
} surface_args;

static int surface_option(void *ctx, int c, const char *arg)
{
    surface_args *a = ctx;
    const char *cmd = "surface";
    switch (c) {
    case OPT_WX: return cli_range(cmd, "--wx", arg, &a->wx_lo, &a->wx_hi);
    case OPT_WREC: return cli_range(cmd, "--wrec", arg, &a->wrec_lo, &a->wrec_hi);
    case OPT_GRID: return cli_grid(cmd, "--grid", arg, &a->nx, &a->nrec);
    case OPT_METHOD: return cli_choice(cmd, "--method", arg, surface_method_names, &a->method);
    case OPT_FORMAT: return cli_choice(cmd, "--format", arg, gridio_format_names, &a->format);
    }
    return CLI_NOT_MINE;
}

static int parse_args(int argc, char **argv, surface_args *a)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                             {"wx", required_argument, NULL, OPT_WX},
                                             {"wrec", required_argument, NULL, OPT_WREC},
                                             {"grid", required_argument, NULL, OPT_GRID},
                                             {"method", required_argument, NULL, OPT_METHOD},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_parser p = {"surface", surface_help, longopts, &a->data, &a->out, surface_option, a};
    int rc = cli_parse_args(&p, argc, argv);
    if (rc == CLI_OK && a->method == SURFACE_EXACT && a->data.f != ACT_LINEAR) {
        cli_error("surface", "--method exact: only for --activation linear; use --method brute");
        rc = CLI_USAGE;
    }
    if (a->method < 0)
        a->method = a->data.f == ACT_LINEAR ? SURFACE_EXACT : SURFACE_BRUTE;
    return rc;
}

static void write_header(FILE *fp, int argc, char **argv, const surface_args *a, const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    fprintf(fp,
            "# grid: w_x %.17g:%.17g (%zu points), w_rec %.17g:%.17g (%zu points), "
            "np.linspace spacing\n",
            a->wx_lo, a->wx_hi, a->nx, a->wrec_lo, a->wrec_hi, a->nrec);
    fprintf(fp, "# method: %s; inf marks overflow\n", surface_method_names[a->method]);
    fprintf(fp, "# columns: w_x w_rec loss\n");
}

/* What the grid driver (cli_grid_run) calls back with. */
typedef struct {
    const surface_args *a;
    const dataset *ds;
    int argc;
    char **argv;
    const surface_plan *pl;
    gridio_layout g;
    double *v;
} surface_job;

static rs_status surface_head(void *ctx, FILE *fp)
{
    const surface_job *s = ctx;
    if (s->a->format == GRIDIO_TEXT)
        write_header(fp, s->argc, s->argv, s->a, s->ds);
    return gridio_head(fp, (gridio_format)s->a->format, &s->g);
}

static rs_status surface_block(void *ctx, size_t j0, size_t n, FILE *fp, void *part)
{
    const surface_job *s = ctx;
    (void)part;
    rs_status st = surface_plan_rows(s->pl, s->g.x, s->g.nx, s->g.y + j0, n, s->v);
    if (st == RS_OK)
        st = gridio_block(fp, (gridio_format)s->a->format, &s->g, j0, n, s->v);
    return st;
}

static rs_status surface_tail(void *ctx, FILE *fp)
{
    const surface_job *s = ctx;
    return gridio_tail(fp, (gridio_format)s->a->format, &s->g);
}

/* Computes and writes the grid block by block (across MPI ranks, when run
 * under mpirun). */
static int compute_and_write(int argc, char **argv, const surface_args *a, const dataset *ds,
                             const double *wx, const double *wrec, double *v, size_t rows)
{
    surface_plan *pl;
    if (surface_plan_new_s0(ds, a->data.f, a->data.s0, (surface_method)a->method, &pl) != RS_OK) {
        cli_error("surface", "out of memory");
        return CLI_FAILURE;
    }
    static const char *const names[] = {"loss"};
    char title[160];
    cli_data_title(title, sizeof title, "surface: loss over (w_x, w_rec)", &a->data);
    surface_job s = {a, ds, argc, argv, pl, {wx, a->nx, wrec, a->nrec, 1, names, title}, v};
    gridjob job = {.nrows = a->nrec, .rows_per_rank = rows, .rows = surface_block,
                   .head = surface_head, .tail = surface_tail, .ctx = &s, .path = a->out};
    int rc = cli_grid_run("surface", &job, argc, argv);
    surface_plan_free(pl);
    return rc;
}

int cmd_surface(int argc, char **argv)
{
    surface_args a = {-3, 3, -3, 3, 50, 50, -1, GRIDIO_TEXT, NULL, {0}};
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input("surface", "-o", a.out, "--data", a.data.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get("surface", &a.data, &ds)) != CLI_OK)
        return rc;
    size_t rows = surface_block_rows(a.nx, a.nrec);
    double *wx = malloc(a.nx * sizeof *wx), *wrec = malloc(a.nrec * sizeof *wrec);
    double *v = malloc(a.nx * rows * sizeof *v);
    if (!wx || !wrec || !v) {
        cli_error("surface", "out of memory for a %zu x %zu grid", a.nx, a.nrec);
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
