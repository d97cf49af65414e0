/* rnnscape gradtime: per-timestep gradients with respect to the states. */
#include <stdlib.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "rnn2.h"

static const char gradtime_help[] =
    "Usage: rnnscape gradtime [OPTIONS]\n\n"
    "Backpropagates through time at each point and writes, per timestep, the\n"
    "gradient summed over sequences. One gnuplot data block per point (two\n"
    "blank lines between blocks), rows in backpropagation order: step 0 is the\n"
    "output state S_T, step -T the initial state S_0.\n\n"
    "  --point WX,WREC      a point (repeatable); default: the tutorial's six,\n"
    "                       (2,1) (1,2) (1,-2) (1,0) (1,0.5) (1,-0.5)\n"
    "  --scale loss|tutorial\n"
    "                       loss (default): sum_i dxi/dS_ik, the true gradient;\n"
    "                       tutorial: the tutorial's plotted quantity\n"
    "                       M * sum_i 2(y_i - t_i) * w_rec^(T-k), which is M^2\n"
    "                       times the true gradient\n" CLI_DATA_HELP CLI_S0_HELP "Output:\n"
    "  -o, --output FILE    write to FILE atomically (default: standard output)\n"
    "  -h, --help           show this help\n";

enum { OPT_POINT = OPT_FIRST_FREE, OPT_SCALE };

#define GRADTIME_MAX_POINTS 1024

static const double tutorial_points[][2] = {{2, 1}, {1, 2}, {1, -2}, {1, 0}, {1, 0.5}, {1, -0.5}};

static const char *const scale_names[] = {"loss", "tutorial", NULL};

typedef struct {
    double pts[GRADTIME_MAX_POINTS][2];
    size_t npts;
    int scale;
    const char *out;
    cli_data_opts data;
} gradtime_args;

static int gradtime_option(void *ctx, int c, const char *arg)
{
    gradtime_args *a = ctx;
    const char *cmd = "gradtime";
    switch (c) {
    case OPT_POINT:
        if (a->npts == GRADTIME_MAX_POINTS) {
            cli_error(cmd, "--point: at most %d points", GRADTIME_MAX_POINTS);
            return CLI_USAGE;
        }
        a->npts++;
        return cli_point(cmd, "--point", arg, &a->pts[a->npts - 1][0], &a->pts[a->npts - 1][1]);
    case OPT_SCALE: return cli_choice(cmd, "--scale", arg, scale_names, &a->scale);
    }
    return CLI_NOT_MINE;
}

static int parse_args(int argc, char **argv, gradtime_args *a)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                             {"point", required_argument, NULL, OPT_POINT},
                                             {"scale", required_argument, NULL, OPT_SCALE},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_parser p = {"gradtime", gradtime_help, longopts, &a->data, &a->out, gradtime_option, a};
    int rc = cli_parse_args(&p, argc, argv);
    if (a->npts == 0)
        for (; a->npts < 6; a->npts++) {
            a->pts[a->npts][0] = tutorial_points[a->npts][0];
            a->pts[a->npts][1] = tutorial_points[a->npts][1];
        }
    return rc;
}

static void write_header(FILE *fp, int argc, char **argv, const gradtime_args *a, const dataset *ds)
{
    cli_header(fp, argc, argv);
    cli_data_header(fp, &a->data, ds);
    if (a->scale == RNN2_SCALE_LOSS)
        fputs("# quantity: sum_i dxi/dS_ik, the true gradient of the loss with respect "
              "to the state S_k (scale loss)\n",
              fp);
    else
        fputs("# quantity: the tutorial's plotted M * sum_i 2(y_i - t_i) * w_rec^(T-k), "
              "which is M^2 * sum_i dxi/dS_ik (scale tutorial)\n",
              fp);
    fputs("# columns: step k w_x w_rec gradient   (step = k - T: 0 at the output, "
          "-T at S_0)\n",
          fp);
}

/* Writes one point's block as the driver hands it over. */
typedef struct {
    FILE *fp;
    size_t t;
} gradtime_sink;

static rs_status write_point(void *ctx, size_t p, const rnn2_model *lm, const double *g)
{
    gradtime_sink *s = ctx;
    fprintf(s->fp, "%s# point (%.17g, %.17g)\n", p ? "\n\n" : "", lm->wx, lm->wrec);
    for (size_t k = s->t + 1; k-- > 0;)
        fprintf(s->fp, "%ld %zu %.17g %.17g %.17g\n", (long)k - (long)s->t, k, lm->wx, lm->wrec,
                g[k]);
    return RS_OK;
}

int cmd_gradtime(int argc, char **argv)
{
    gradtime_args *a = calloc(1, sizeof *a);
    if (!a)
        return CLI_FAILURE;
    cli_data_init(&a->data);
    int rc = parse_args(argc, argv, a);
    dataset ds = {0};
    double *g = NULL;
    outfile of;
    if (rc == CLI_OK)
        rc = cli_output_not_input("gradtime", "-o", a->out, "--data", a->data.path, NULL);
    if (rc != CLI_OK || (rc = cli_data_get("gradtime", &a->data, &ds)) != CLI_OK)
        goto done;
    g = malloc((ds.t + 1) * sizeof *g);
    if (!g || (rc = cli_open("gradtime", a->out, &of)) != CLI_OK) {
        rc = rc == CLI_OK ? CLI_FAILURE : rc;
        goto done;
    }
    write_header(of.fp, argc, argv, a, &ds);
    rnn2_model base = cli_data_model(&a->data, 0.0, 0.0);
    gradtime_sink sink = {of.fp, ds.t};
    if (rnn2_grad_over_time_run(&base, &a->pts[0][0], a->npts, &ds, (rnn2_scale)a->scale, g,
                                write_point, &sink) != RS_OK) {
        cli_error("gradtime", "out of memory");
        outfile_abort(&of);
        rc = CLI_FAILURE;
        goto done;
    }
    rc = cli_close("gradtime", &of);
done:
    free(g);
    free(a);
    dataset_free(&ds);
    return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
}
