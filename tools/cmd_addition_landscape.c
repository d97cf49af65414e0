/* rnnscape addition landscape: the mean loss on a plane through trained
 * weights, along random filter-normalised or PCA-of-trajectory directions. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition_io.h"
#include "addition_landscape.h"
#include "cli.h"
#include "cmd_addition_sub.h"

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
    "                     vectors) of the checkpoints of --checkpoints, whose\n"
    "                     projections (checkpoint - w*) . d are written as a\n"
    "                     second data block\n"
    "  --checkpoints FILE the training trajectory ('addition train --checkpoints')\n"
    "  --range R          half-width (default 1 for random; for pca 1.25 times the\n"
    "                     trajectory's largest |coordinate|)\n"
    "  --grid N           points per axis, 1 to 2001 (default 51)\n"
    "  --rng pcg|numpy, --seed S  generator of random directions (default pcg, 0)\n"
    "  -o, --output FILE  output (default standard output)\n\n"
    "Output: columns alpha beta loss, one block of rows per alpha separated by a\n"
    "blank line (gnuplot pm3d); with pca, after two blank lines, the trajectory:\n"
    "alpha beta loss per checkpoint (loss at the checkpoint's own weights).\n";

typedef struct {
    const char *weights, *checkpoints, *output;
    int pca, have_range;
    double range;
    long grid;
    rng_kind kind;
    uint64_t seed;
} land_opts;

enum { OPT_DIRECTIONS = ADD_OPT_FIRST_FREE, OPT_CHECKPOINTS, OPT_RANGE, OPT_GRID };

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
    case OPT_GRID: return cli_long(CMD, "--grid", arg, 1, 2001, &o->grid);
    case OPT_RANGE:
        o->have_range = 1;
        rc = cli_double(CMD, "--range", arg, &o->range);
        if (rc == CLI_OK && !(o->range > 0.0)) {
            cli_error(CMD, "--range: expected a number > 0, got '%s'", arg);
            rc = CLI_USAGE;
        }
        return rc;
    }
    return CLI_NOT_MINE;
}

static int parse_opts(int argc, char **argv, land_opts *o)
{
    static const struct option longopts[] = {ADDITION_RNG_LONGOPTS,
                                             {"weights", required_argument, NULL, ADD_OPT_WEIGHTS},
                                             {"directions", required_argument, NULL, OPT_DIRECTIONS},
                                             {"checkpoints", required_argument, NULL,
                                              OPT_CHECKPOINTS},
                                             {"range", required_argument, NULL, OPT_RANGE},
                                             {"grid", required_argument, NULL, OPT_GRID},
                                             {"output", required_argument, NULL, 'o'},
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
    return rc;
}

/* The trajectory: checkpoints, their coordinates in the plane and losses. */
typedef struct {
    size_t n;
    long *iter;
    double *w, *alpha, *beta, *loss;
    double explained[2];
} trajectory;

static int load_trajectory(const char *path, const addition_net *net, trajectory *t)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        cli_error(CMD, "--checkpoints: cannot read '%s': %s", path, strerror(errno));
        return CLI_USAGE;
    }
    int bits, hidden;
    long line;
    rs_status st = addition_read_checkpoints(fp, &bits, &hidden, &t->n, &t->iter, &t->w, &line);
    fclose(fp);
    if (st != RS_OK) {
        if (line > 0)
            cli_error(CMD, "--checkpoints: '%s' line %ld: expected an iteration and %zu weights",
                      path, line, net->nparams);
        else
            cli_error(CMD, "--checkpoints: '%s': %s", path,
                      st == RS_EFORMAT ? "not a checkpoints file of 'rnnscape addition train'"
                                       : rs_status_str(st));
        return CLI_USAGE;
    }
    if (bits != net->bits || hidden != net->hidden) {
        cli_error(CMD, "--checkpoints: '%s' has bits %d, hidden %d; the weights have %d, %d", path,
                  bits, hidden, net->bits, net->hidden);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* PCA directions and the projections of every checkpoint onto them. */
static int pca_plane(const addition_net *net, const addition_evalset *es, trajectory *t, double *d1,
                     double *d2)
{
    size_t np = net->nparams;
    rs_status st = addition_pca_directions(net, t->n, t->w, d1, d2, t->explained);
    if (st != RS_OK) {
        cli_error(CMD, "--checkpoints: %s",
                  st == RS_EINVAL ? "need 3 to 4000 checkpoints that span at least two directions"
                                  : rs_status_str(st));
        return st == RS_EINVAL ? CLI_USAGE : CLI_FAILURE;
    }
    t->alpha = malloc(t->n * sizeof(double));
    t->beta = malloc(t->n * sizeof(double));
    t->loss = malloc(t->n * sizeof(double));
    if (!t->alpha || !t->beta || !t->loss)
        return CLI_FAILURE;
    for (size_t i = 0; i < t->n; i++) {
        const double *wi = t->w + i * np;
        double a = 0.0, b = 0.0;
        for (size_t p = 0; p < np; p++) { /* projection: (w_i - w*) . d */
            a += (wi[p] - net->w[p]) * d1[p];
            b += (wi[p] - net->w[p]) * d2[p];
        }
        t->alpha[i] = a;
        t->beta[i] = b;
        if (addition_mean_loss(net, wi, es, &t->loss[i]) != RS_OK)
            return CLI_FAILURE;
    }
    return CLI_OK;
}

static void write_file(FILE *fp, const land_opts *o, const addition_net *net,
                       const addition_evalset *es, const trajectory *t, const double *loss,
                       int nfull, char **full)
{
    size_t n = (size_t)o->grid;
    cli_header(fp, nfull, full);
    fprintf(fp, "# weights: %s\n# bits: %d\n# hidden: %d\n", o->weights, net->bits, net->hidden);
    addition_describe_evalset(fp, es);
    if (o->pca) {
        fprintf(fp,
                "# directions: pca of %zu checkpoints in %s (mean-centred), unit vectors;"
                " explained variance %.6g and %.6g\n# trajectory iterations:",
                t->n, o->checkpoints, t->explained[0], t->explained[1]);
        for (size_t i = 0; i < t->n; i++)
            fprintf(fp, " %ld", t->iter[i]);
        fputc('\n', fp);
    } else {
        fprintf(fp, "# directions: random, filter-normalised per neuron; rng: %s; seed: %llu\n",
                rng_kind_name(o->kind), (unsigned long long)o->seed);
    }
    fprintf(fp, "# range: %.17g\n# grid: %zu\n", o->range, n);
    fputs("# columns: alpha beta loss (mean E = sum_k 1/2 (c_k - o_k)^2 over the set)\n", fp);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc('\n', fp);
        for (size_t j = 0; j < n; j++)
            fprintf(fp, "%.17g %.17g %.17g\n", addition_grid_coord(o->range, n, i),
                    addition_grid_coord(o->range, n, j), loss[i * n + j]);
    }
    if (o->pca) {
        fputs("\n\n# trajectory: alpha beta loss per checkpoint\n", fp);
        for (size_t i = 0; i < t->n; i++)
            fprintf(fp, "%.17g %.17g %.17g\n", t->alpha[i], t->beta[i], t->loss[i]);
    }
}

static double trajectory_reach(const trajectory *t)
{
    double m = 0.0;
    for (size_t i = 0; i < t->n; i++)
        m = fmax(m, fmax(fabs(t->alpha[i]), fabs(t->beta[i])));
    return m > 0.0 ? 1.25 * m : 1.0;
}

int addition_cmd_landscape(int argc, char **argv, int nfull, char **full)
{
    land_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc != CLI_OK)
        return rc;
    addition_net net = {0};
    addition_evalset es = {0};
    trajectory t = {0};
    double *d1 = NULL, *d2 = NULL, *loss = NULL;
    rng r;
    outfile of;
    rc = addition_seed(CMD, &r, o.kind, o.seed);
    if (rc == CLI_OK)
        rc = addition_load_weights(CMD, o.weights, &net);
    if (rc == CLI_OK && o.pca)
        rc = load_trajectory(o.checkpoints, &net, &t);
    if (rc == CLI_OK)
        rc = addition_load_evalset(CMD, &es, net.bits);
    if (rc == CLI_OK) {
        size_t n = (size_t)o.grid;
        d1 = malloc(net.nparams * sizeof *d1);
        d2 = malloc(net.nparams * sizeof *d2);
        loss = malloc(n * n * sizeof *loss);
        if (!d1 || !d2 || !loss) {
            cli_error(CMD, "out of memory");
            rc = CLI_FAILURE;
        }
    }
    if (rc == CLI_OK && o.pca)
        rc = pca_plane(&net, &es, &t, d1, d2);
    else if (rc == CLI_OK)
        addition_random_directions(&net, net.w, &r, d1, d2);
    if (rc == CLI_OK && o.pca && !o.have_range)
        o.range = trajectory_reach(&t);
    if (rc == CLI_OK &&
        addition_landscape(&net, net.w, d1, d2, o.range, (size_t)o.grid, &es, loss) != RS_OK) {
        cli_error(CMD, "out of memory");
        rc = CLI_FAILURE;
    }
    if (rc == CLI_OK && (rc = cli_open(CMD, o.output, &of)) == CLI_OK) {
        write_file(of.fp, &o, &net, &es, &t, loss, nfull, full);
        rc = cli_close(CMD, &of);
    }
    free(d1);
    free(d2);
    free(loss);
    free(t.iter);
    free(t.w);
    free(t.alpha);
    free(t.beta);
    free(t.loss);
    addition_evalset_free(&es);
    addition_net_free(&net);
    return rc;
}
