/* rnnscape gradcheck: backpropagation against central differences. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_data.h"
#include "cli_par.h"
#include "cmd_gradcheck.h"
#include "commands.h"
#include "gradcheck.h"
#include "grid.h"
#include "gridio.h"

static const char gradcheck_help[] =
    "Usage: rnnscape gradcheck [OPTIONS]\n\n"
    "Compares the backpropagated gradient (dxi/dw_x, dxi/dw_rec) with central\n"
    "differences (xi(w+eps) - xi(w-eps)) / 2eps. A parameter passes when\n"
    "|num - bp| <= atol + rtol*|bp| (NumPy's isclose). Where the loss or a\n"
    "gradient overflows the verdict is 'not finite'.\n\n"
    "At one point (default):\n"
    "  --at WX,WREC         the point (default 1.2,1.2, the tutorial's)\n"
    "As a sweep over a grid (any of these selects it):\n"
    "  --wx LO:HI --wrec LO:HI --grid N|NX,NREC\n"
    "                       as for 'rnnscape surface' (defaults -3:3, -3:3, 50);\n"
    "                       prints the worst case; -o writes every point\n"
    "Tolerances:\n"
    "  --eps E              step (default 1e-7)\n"
    "  --order 2|4          central-difference stencil: 2 (default), the tutorial's\n"
    "                       (xi(w+eps) - xi(w-eps)) / 2eps, error O(eps^2); 4: the\n"
    "                       5-point (8(xi(w+eps) - xi(w-eps)) - (xi(w+2eps) -\n"
    "                       xi(w-2eps))) / 12eps, error O(eps^4)\n"
    "  --rtol R --atol A    defaults 1e-5 and 1e-8\n" CLI_DATA_HELP CLI_S0_HELP "Output:\n"
    "  -o, --output FILE    sweep only: every point, 'w_x w_rec loss bp_wx num_wx\n"
    "                       bp_wrec num_wrec verdict' (0 pass, 1 fail, 2 not finite);\n"
    "                       an undefined value (inf - inf) is written inf, verdict 2\n"
    "  --format text|binary|npy|vtk\n"
    "                       as for 'rnnscape surface', with the six values after\n"
    "                       w_x w_rec as channels (npy: shape (NREC, NX, 6);\n"
    "                       binary: float64 records of 8 values per point; vtk: one\n"
    "                       array per value); text (default) has the '#' header\n"
    "  -h, --help           show this help\n\n"
    "Exit status: 0 all checked points pass, 1 a mismatch (or, at a single point,\n"
    "a non-finite gradient), 2 bad usage.\n";

enum {
    OPT_AT = OPT_FIRST_FREE,
    OPT_WX,
    OPT_WREC,
    OPT_GRID,
    OPT_EPS,
    OPT_RTOL,
    OPT_ATOL,
    OPT_ORDER,
    OPT_FORMAT
};

typedef struct {
    double wx, wrec;
    int sweep;    /* any of --wx, --wrec, --grid given */
    int at_given; /* --at given */
    double wx_lo, wx_hi, wrec_lo, wrec_hi;
    size_t nx, nrec;
    gradcheck_opts tol;
    int format;
    int format_given;
    const char *out;
    cli_data_opts data;
} gradcheck_args;

static int order_option(const char *arg, int *order)
{
    static const char *const orders[] = {"2", "4", NULL};
    int idx;
    if (cli_choice("gradcheck", "--order", arg, orders, &idx) != CLI_OK)
        return CLI_USAGE;
    *order = idx == 0 ? 2 : 4;
    return CLI_OK;
}

static int gradcheck_option(void *ctx, int c, const char *arg)
{
    gradcheck_args *a = ctx;
    const char *cmd = "gradcheck";
    a->at_given |= c == OPT_AT;
    a->sweep |= c == OPT_WX || c == OPT_WREC || c == OPT_GRID;
    switch (c) {
    case OPT_AT: return cli_point(cmd, "--at", arg, &a->wx, &a->wrec);
    case OPT_WX: return cli_range(cmd, "--wx", arg, &a->wx_lo, &a->wx_hi);
    case OPT_WREC: return cli_range(cmd, "--wrec", arg, &a->wrec_lo, &a->wrec_hi);
    case OPT_GRID: return cli_grid(cmd, "--grid", arg, &a->nx, &a->nrec);
    case OPT_EPS: return cli_double_above(cmd, "--eps", arg, 0.0, 1, &a->tol.eps);
    case OPT_RTOL: return cli_double_above(cmd, "--rtol", arg, 0.0, 0, &a->tol.rtol);
    case OPT_ATOL: return cli_double_above(cmd, "--atol", arg, 0.0, 0, &a->tol.atol);
    case OPT_ORDER: return order_option(arg, &a->tol.order);
    case OPT_FORMAT:
        a->format_given = 1;
        return cli_choice(cmd, "--format", arg, gridio_format_names, &a->format);
    }
    return CLI_NOT_MINE;
}

static int parse_args(int argc, char **argv, gradcheck_args *a)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                             {"at", required_argument, NULL, OPT_AT},
                                             {"wx", required_argument, NULL, OPT_WX},
                                             {"wrec", required_argument, NULL, OPT_WREC},
                                             {"grid", required_argument, NULL, OPT_GRID},
                                             {"eps", required_argument, NULL, OPT_EPS},
                                             {"rtol", required_argument, NULL, OPT_RTOL},
                                             {"atol", required_argument, NULL, OPT_ATOL},
                                             {"order", required_argument, NULL, OPT_ORDER},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_parser p = {"gradcheck", gradcheck_help, longopts, &a->data, &a->out, gradcheck_option, a};
    int rc = cli_parse_args(&p, argc, argv);
    if (rc == CLI_OK && a->at_given && a->sweep) {
        cli_error("gradcheck", "--at cannot be combined with --wx, --wrec or --grid");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && a->out && !a->sweep) {
        cli_error("gradcheck", "-o: only a sweep (--wx, --wrec, --grid) writes a file");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && a->format_given && !a->out) {
        cli_error("gradcheck", "--format: only with -o (a sweep's file)");
        rc = CLI_USAGE;
    }
    return rc;
}

static void print_entry(const char *name, const gradcheck_entry *e)
{
    /* The checker never gives NaN: an undefined value is +inf, "not finite". */
    printf("%-6s %24.17g %24.17g %10.3g %10.3g  %s\n", name, e->backprop, e->numerical,
           e->abs_err, e->rel_err, gradcheck_verdict_names[e->verdict]);
}

static int check_point(const gradcheck_args *a, const objective *obj)
{
    gradcheck_result r;
    if (gradcheck_at2(obj, a->wx, a->wrec, &a->tol, &r) != RS_OK) {
        cli_error("gradcheck", "out of memory");
        return CLI_FAILURE;
    }
    printf("gradient check at (w_x, w_rec) = (%.17g, %.17g), loss %.17g\n", a->wx, a->wrec, r.loss);
    printf("central differences with eps = %g; pass when |num - bp| <= %g + %g*|bp|\n", a->tol.eps,
           a->tol.atol, a->tol.rtol);
    printf("%-6s %24s %24s %10s %10s  %s\n", "param", "backprop", "numerical", "abs error",
           "rel error", "verdict");
    print_entry("w_x", &r.wx);
    print_entry("w_rec", &r.wrec);
    if (r.verdict == GRADCHECK_PASS) {
        puts("No gradient errors found");
        return CLI_OK;
    }
    puts(r.verdict == GRADCHECK_FAIL
             ? "Gradient check FAILED"
             : "Gradient not finite here, or eps below the weights' resolution (w + eps == w): "
               "cannot be checked");
    return CLI_CHECK_FAILED;
}

static void print_sweep(const gradcheck_sweep_result *s)
{
    printf("gradient check over %zu points: %zu pass, %zu fail, %zu not finite\n", s->points,
           s->passed, s->failed, s->not_finite);
    printf("worst case at (w_x, w_rec) = (%.17g, %.17g): |num - bp| is %.3g times its "
           "tolerance\n",
           s->worst_wx, s->worst_wrec, s->worst_ratio);
    printf("%-6s %24s %24s %10s %10s  %s\n", "param", "backprop", "numerical", "abs error",
           "rel error", "verdict");
    print_entry("w_x", &s->worst.wx);
    print_entry("w_rec", &s->worst.wrec);
}

static void write_sweep_header(FILE *fp, int argc, char **argv, const gradcheck_args *a,
                               const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    fprintf(fp, "# eps %.17g, pass when |num - bp| <= %.17g + %.17g*|bp|\n", a->tol.eps,
            a->tol.atol, a->tol.rtol);
    fputs("# columns: w_x w_rec loss bp_wx num_wx bp_wrec num_wrec verdict "
          "(0 pass, 1 fail, 2 not finite)\n",
          fp);
}

/* The six values the sweep writes per point, after w_x and w_rec. */
enum { SWEEP_CHANNELS = 6 };
static const char *const sweep_channels[SWEEP_CHANNELS] = {"loss",    "bp_wx",   "num_wx",
                                                           "bp_wrec", "num_wrec", "verdict"};

/* What the grid driver (cli_grid_run) calls back with: the rows of the
 * sweep on whichever MPI rank they fall, formatted block by block
 * (gridio_head/block/tail), or, for vtk with several channels, by one
 * writer in one pass (then the job is sequential). */
typedef struct {
    int argc;
    char **argv;
    const gradcheck_args *a;
    const dataset *ds;
    const objective *obj;
    const double *wx, *wrec;
    gradcheck_result *row;
    double *values; /* nx x SWEEP_CHANNELS */
    gridio_layout g;
    int stateful;
    gridio_writer w;
    FILE *fp;
    size_t j0;
} sweep_job;

static rs_status write_row(void *ctx, size_t j, const gradcheck_result *row)
{
    sweep_job *s = ctx;
    if (!s->fp)
        return RS_OK;
    for (size_t i = 0; i < s->a->nx; i++) {
        const gradcheck_result *r = &row[i];
        double *v = s->values + i * SWEEP_CHANNELS;
        v[0] = r->loss;
        v[1] = r->wx.backprop;
        v[2] = r->wx.numerical;
        v[3] = r->wrec.backprop;
        v[4] = r->wrec.numerical;
        v[5] = (double)r->verdict;
    }
    if (s->stateful)
        return gridio_writer_rows(&s->w, 1, s->values);
    return gridio_block(s->fp, (gridio_format)s->a->format, &s->g, s->j0 + j, 1, s->values);
}

static rs_status sweep_block(void *ctx, size_t j0, size_t n, FILE *fp, void *part)
{
    sweep_job *s = ctx;
    s->fp = fp;
    s->j0 = j0;
    return gradcheck_sweep_run(s->obj, &s->a->tol, s->wx, s->a->nx, s->wrec + j0, n, s->row,
                               write_row, s, part);
}

static rs_status sweep_head(void *ctx, FILE *fp)
{
    sweep_job *s = ctx;
    if (s->a->format == GRIDIO_TEXT)
        write_sweep_header(fp, s->argc, s->argv, s->a, s->ds);
    if (s->stateful)
        return gridio_writer_begin(&s->w, fp, (gridio_format)s->a->format, &s->g);
    return gridio_head(fp, (gridio_format)s->a->format, &s->g);
}

static rs_status sweep_tail(void *ctx, FILE *fp)
{
    sweep_job *s = ctx;
    if (s->stateful)
        return gridio_writer_end(&s->w);
    return gridio_tail(fp, (gridio_format)s->a->format, &s->g);
}

static void sweep_merge(void *ctx, void *summary, const void *part)
{
    (void)ctx;
    gradcheck_sweep_merge(summary, part);
}

static int check_sweep(int argc, char **argv, const gradcheck_args *a, const dataset *ds,
                       const objective *obj)
{
    double *wx = malloc(a->nx * sizeof *wx), *wrec = malloc(a->nrec * sizeof *wrec);
    gradcheck_result *row = malloc(a->nx * sizeof *row);
    double *values = malloc(a->nx * SWEEP_CHANNELS * sizeof *values);
    gradcheck_sweep_result s = {0};
    int rc = CLI_OK;
    if (!wx || !wrec || !row || !values) {
        cli_error("gradcheck", "out of memory for a %zu x %zu grid", a->nx, a->nrec);
        rc = CLI_FAILURE;
    } else {
        grid_linspace(a->wx_lo, a->wx_hi, a->nx, wx);
        grid_linspace(a->wrec_lo, a->wrec_hi, a->nrec, wrec);
        char title[160];
        cli_data_title(title, sizeof title, "gradcheck: backprop against central differences",
                       &a->data);
        sweep_job w = {.argc = argc, .argv = argv, .a = a, .ds = ds, .obj = obj, .wx = wx,
                       .wrec = wrec, .row = row, .values = values,
                       .g = {wx, a->nx, wrec, a->nrec, SWEEP_CHANNELS, sweep_channels, title},
                       .stateful = a->format == GRIDIO_VTK};
        size_t per = ((size_t)1 << 14) / a->nx; /* rows per round: about 2^14 points */
        gridjob job = {.nrows = a->nrec, .rows_per_rank = per ? per : 1, .rows = sweep_block,
                       .head = sweep_head, .tail = sweep_tail, .merge = sweep_merge, .ctx = &w,
                       .part_size = sizeof s, .summary = &s, .path = a->out,
                       .no_output = !a->out, .sequential = w.stateful,
                       .sequential_why = "--format vtk with several channels"};
        rc = cli_grid_run("gradcheck", &job, argc, argv);
        if (w.stateful && rc != CLI_OK)
            gridio_writer_abort(&w.w);
        if (rc == CLI_OK) {
            print_sweep(&s);
            rc = s.failed ? CLI_CHECK_FAILED : CLI_OK;
        }
    }
    free(wx);
    free(wrec);
    free(row);
    free(values);
    return rc;
}

int cmd_gradcheck(int argc, char **argv) { return cmd_gradcheck_wrapped(argc, argv, NULL, NULL); }

int cmd_gradcheck_wrapped(int argc, char **argv, cmd_objective_wrap wrap, void *ctx)
{
    gradcheck_args a = {1.2,  1.2, 0, 0, -3, 3, -3, 3, 50, 50, gradcheck_defaults(), GRIDIO_TEXT,
                        0,    NULL, {0}};
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input("gradcheck", "-o", a.out, "--data", a.data.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get("gradcheck", &a.data, &ds)) != CLI_OK)
        return rc;
    rnn2_problem prob = {cli_data_model(&a.data, a.wx, a.wrec), &ds};
    objective real = rnn2_objective(&prob), obj = wrap ? wrap(&real, ctx) : real;
    rc = a.sweep ? check_sweep(argc, argv, &a, &ds, &obj) : check_point(&a, &obj);
    dataset_free(&ds);
    return rc;
}
