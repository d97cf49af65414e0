/* rnnscape plot: any figure of `make figures` from data files, by running
 * gnuplot on the installed scripts; no source tree needed. */
#include <config.h>

#include <getopt.h> /* struct option */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "plot_run.h"
#include "rs_paths.h"

static const char plot_help[] =
    "Usage: rnnscape plot KIND FILE... -o OUT [OPTIONS]\n\n"
    "Draws a figure from data files written by rnnscape, with gnuplot and the\n"
    "installed scripts (the figures of 'make figures'), as PNG, SVG or PDF.\n\n"
    "Kinds and their files:\n"
    "  surface SURFACE...   the loss surface, one panel per 'rnnscape surface'\n"
    "                       file, on the tutorial's colour scale (--points,\n"
    "                       --trace)\n"
    "  gradient GRADTIME    the gradient over time ('rnnscape gradtime'), on a\n"
    "                       symmetric-log axis\n"
    "  traces SURFACE TRACE...\n"
    "                       optimiser traces ('rnnscape rprop' or 'optimize')\n"
    "                       on one surface (--titles)\n"
    "  loss TRACE...        the loss along traces, log axis (--titles)\n"
    "  surface3d SURFACE    the surface in 3-D (--trace)\n"
    "  zoo SURFACE TRACE... the optimiser zoo: traces on the surface and their\n"
    "                       loss against the iteration (--titles)\n"
    "  pascanu SURFACE TRACE...\n"
    "                       Pascanu et al.'s cliff: gradient descent, then\n"
    "                       clipped runs (--titles, --cbmin, --cbmax)\n"
    "  addition-learning CURVE EVAL\n"
    "                       learning curve of 'rnnscape addition train'\n"
    "  addition-gradflow GRADFLOW\n"
    "                       its gradient flow over checkpoints\n"
    "  addition-landscape RANDOM PCA TRAJECTORY\n"
    "                       'rnnscape addition landscape' files (random\n"
    "                       directions; PCA directions -o and --trajectory)\n"
    "  addition-landscape3d PCA TRAJECTORY\n"
    "                       the PCA landscape in 3-D\n"
    "  curvature CURVATURE  the exact Hessian's eigenvalues over the surface\n"
    "                       ('rnnscape curvature'; --points, --trace)\n"
    "  spectrum SPECTRUM... the addition model's Hessian spectra ('addition\n"
    "                       hessian'; --densities, --titles)\n"
    "  addition-curvature PLANE\n"
    "                       'rnnscape addition curvature': loss and\n"
    "                       lambda_min/lambda_max over the plane\n\n"
    "Options:\n"
    "  -o, --output OUT     the figure (required), written atomically\n"
    "  --format png|svg|pdf the format (default: from OUT's extension)\n"
    "  --points GRADTIME    surface, curvature: the annotated points of a\n"
    "                       gradtime file\n"
    "  --trace TRACE        surface, surface3d, curvature: an optimiser trace\n"
    "                       on top\n"
    "  --titles 'A B ...'   traces, loss, zoo, pascanu, spectrum: legend\n"
    "                       entries, one word per file\n"
    "  --densities 'F ...'  spectrum: 'addition hessian --density' files, one\n"
    "                       per spectrum, in the same order\n"
    "  --title TEXT         the figure's title\n"
    "  --cbmin X, --cbmax X surface, traces, surface3d, zoo, pascanu: the\n"
    "                       colour scale's ends (default: 10^-0.2 and 1e8,\n"
    "                       the tutorial's)\n"
    "  --plus X             surface, traces, surface3d, zoo: added to the loss\n"
    "                       before colouring (default 1: xi + 1)\n"
    "  --scale tutorial|data  surface, surface3d: the tutorial's colour scale\n"
    "                       (default) or the data's own range, in decades\n"
    "  --over top|background  surface: above the scale draw the top colour\n"
    "                       (default) or leave the background, as the\n"
    "                       tutorial's figure does\n"
    "  --width N, --height N  size in pixels\n"
    "  -h, --help           show this help\n\n"
    "The scripts are read from $RNNSCAPE_PLOTDIR if set, else from the\n"
    "installed folder (" RS_PKGDATADIR "); gnuplot is $GNUPLOT or 'gnuplot'\n"
    "on the PATH.\n\n"
    "Exit status: 0 success, 2 bad usage or a missing data file, 3 gnuplot\n"
    "missing or failing, or an output error.\n";

/* Which options a kind takes. */
enum { K_POINTS = 1, K_TRACE = 2, K_TITLES = 4, K_CBRANGE = 8, K_PLUS = 16, K_OVER = 32,
       K_DATASCALE = 64, K_DENSITIES = 128 };
#define K_SCALE (K_CBRANGE | K_PLUS)

typedef struct {
    const char *name;
    const char *script;
    const char *vars[3]; /* a variable per file; a list var takes the rest */
    int min, max;        /* how many files (max -1: any) */
    int list;            /* the last variable is a space-separated list */
    int options;
} plot_kind;

static const plot_kind kinds[] = {
    {"surface", "loss-surface.gp", {"surfaces"}, 1, -1, 1,
     K_POINTS | K_TRACE | K_SCALE | K_OVER | K_DATASCALE},
    {"gradient", "gradient-over-time.gp", {"datafile"}, 1, 1, 0, 0},
    {"traces", "rprop-family.gp", {"surface", "traces"}, 2, -1, 1, K_TITLES | K_SCALE},
    {"loss", "rprop-loss.gp", {"traces"}, 1, -1, 1, K_TITLES},
    {"surface3d", "surface-3d.gp", {"surface"}, 1, 1, 0, K_TRACE | K_SCALE | K_DATASCALE},
    {"zoo", "optim-zoo.gp", {"surface", "traces"}, 2, -1, 1, K_TITLES | K_SCALE},
    {"pascanu", "pascanu-cliff.gp", {"surface", "traces"}, 2, -1, 1, K_TITLES | K_CBRANGE},
    {"addition-learning", "addition_learning.gp", {"curve", "evalfile"}, 2, 2, 0, 0},
    {"addition-gradflow", "addition_gradflow.gp", {"datafile"}, 1, 1, 0, 0},
    {"addition-landscape", "addition_landscape.gp", {"random", "pca", "trajectory"}, 3, 3, 0, 0},
    {"addition-landscape3d", "addition_landscape3d.gp", {"datafile", "trajectory"}, 2, 2, 0, 0},
    {"curvature", "curvature-maps.gp", {"datafile"}, 1, 1, 0, K_POINTS | K_TRACE},
    {"spectrum", "hessian-spectrum.gp", {"spectra"}, 1, 4, 1, K_TITLES | K_DENSITIES},
    {"addition-curvature", "curvature-addition-plane.gp", {"datafile"}, 1, 1, 0, 0},
};

static const char *const format_names[] = {"png", "svg", "pdf", NULL};
static const char *const over_names[] = {"top", "background", NULL};
static const char *const scale_names[] = {"tutorial", "data", NULL};

enum {
    OPT_FORMAT = 1000,
    OPT_POINTS,
    OPT_TRACE,
    OPT_TITLES,
    OPT_TITLE,
    OPT_CBMIN,
    OPT_CBMAX,
    OPT_PLUS,
    OPT_WIDTH,
    OPT_HEIGHT,
    OPT_OVER,
    OPT_SCALE,
    OPT_DENSITIES
};

typedef struct {
    const plot_kind *kind;
    const char *out;
    int format; /* -1: from the extension */
    const char *points, *trace, *titles, *title, *densities;
    const char *cbmin, *cbmax, *plus; /* checked numbers, passed as written */
    const char *over, *scale;         /* checked choices */
    long width, height;
    const char **files; /* the words after KIND */
    int nfiles;
    int nwords; /* KIND and the files */
} plot_args;

static const plot_kind *find_kind(const char *name)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

/* A number for the colour scale: finite, and positive unless it is --plus. */
static int number(const char *opt, const char *arg, int positive, const char **out)
{
    double v;
    if (cli_double("plot", opt, arg, &v) != CLI_OK)
        return CLI_USAGE;
    if (positive && !(v > 0)) {
        cli_error("plot", "%s: expected a positive number, got '%s'", opt, arg);
        return CLI_USAGE;
    }
    *out = arg;
    return CLI_OK;
}

static int option(plot_args *a, int c, const char *arg)
{
    switch (c) {
    case 'o': a->out = arg; return CLI_OK;
    case OPT_FORMAT: return cli_choice("plot", "--format", arg, format_names, &a->format);
    case OPT_POINTS: a->points = arg; return CLI_OK;
    case OPT_TRACE: a->trace = arg; return CLI_OK;
    case OPT_TITLES: a->titles = arg; return CLI_OK;
    case OPT_TITLE: a->title = arg; return CLI_OK;
    case OPT_DENSITIES: a->densities = arg; return CLI_OK;
    case OPT_CBMIN: return number("--cbmin", arg, 1, &a->cbmin);
    case OPT_CBMAX: return number("--cbmax", arg, 1, &a->cbmax);
    case OPT_PLUS: return number("--plus", arg, 0, &a->plus);
    case OPT_OVER: {
        int i;
        int rc = cli_choice("plot", "--over", arg, over_names, &i);
        a->over = rc == CLI_OK ? over_names[i] : NULL;
        return rc;
    }
    case OPT_SCALE: {
        int i;
        int rc = cli_choice("plot", "--scale", arg, scale_names, &i);
        a->scale = rc == CLI_OK ? scale_names[i] : NULL;
        return rc;
    }
    case OPT_WIDTH: return cli_long("plot", "--width", arg, 16, 20000, &a->width);
    case OPT_HEIGHT: return cli_long("plot", "--height", arg, 16, 20000, &a->height);
    }
    return CLI_NOT_MINE;
}

static int own_option(void *ctx, int c, const char *arg) { return option(ctx, c, arg); }

/* KIND, then its files, in order (options may come between them). */
static int positional(void *ctx, const char *word)
{
    plot_args *a = ctx;
    if (a->nwords++ == 0) {
        if (!(a->kind = find_kind(word))) {
            char names[512] = "";
            for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
                snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                         i == 0 ? "" : i + 1 < sizeof kinds / sizeof kinds[0] ? ", " : " or ",
                         kinds[i].name);
            cli_error("plot", "KIND: expected %s, got '%s'", names, word);
            return CLI_USAGE;
        }
        return CLI_OK;
    }
    a->files[a->nfiles++] = word;
    return CLI_OK;
}

/* The format from OUT's extension, unless --format gave one. */
static int output_format(plot_args *a)
{
    if (a->format >= 0)
        return CLI_OK;
    const char *dot = strrchr(a->out, '.');
    for (int i = 0; dot && format_names[i]; i++)
        if (strcasecmp(dot + 1, format_names[i]) == 0) {
            a->format = i;
            return CLI_OK;
        }
    cli_error("plot", "-o: expected a name ending in .png, .svg or .pdf (or give --format), got '%s'",
              a->out);
    return CLI_USAGE;
}

/* Options the kind does not take are refused, not ignored. */
static int check_options(const plot_args *a)
{
    static const struct {
        int flag;
        const char *name;
        size_t offset;
    } given[] = {
        {K_POINTS, "--points", offsetof(plot_args, points)},
        {K_TRACE, "--trace", offsetof(plot_args, trace)},
        {K_TITLES, "--titles", offsetof(plot_args, titles)},
        {K_CBRANGE, "--cbmin", offsetof(plot_args, cbmin)},
        {K_CBRANGE, "--cbmax", offsetof(plot_args, cbmax)},
        {K_PLUS, "--plus", offsetof(plot_args, plus)},
        {K_OVER, "--over", offsetof(plot_args, over)},
        {K_DATASCALE, "--scale", offsetof(plot_args, scale)},
        {K_DENSITIES, "--densities", offsetof(plot_args, densities)},
    };
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        const char *v = *(const char *const *)((const char *)a + given[i].offset);
        if (v && !(a->kind->options & given[i].flag)) {
            cli_error("plot", "%s: not an option of 'plot %s'", given[i].name, a->kind->name);
            return CLI_USAGE;
        }
    }
    return CLI_OK;
}

/* Every input must be readable; names in a word list must be one word. */
static int check_file(const char *file, int in_list)
{
    if (access(file, R_OK) != 0) {
        cli_error("plot", "%s: cannot read it", file);
        return CLI_USAGE;
    }
    if (in_list && strpbrk(file, " \t\n'\"")) {
        cli_error("plot", "%s: a file in a list cannot have spaces or quotes in its name", file);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* --densities: a word list of readable files, as many as the spectra. */
static int check_densities(const plot_args *a)
{
    char buf[4096];
    if (strlen(a->densities) >= sizeof buf) {
        cli_error("plot", "--densities: too long");
        return CLI_USAGE;
    }
    strcpy(buf, a->densities);
    int n = 0;
    for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (check_file(w, 1) != CLI_OK)
            return CLI_USAGE;
        n++;
    }
    if (n != a->nfiles) {
        cli_error("plot", "--densities: expected %d file%s, one per spectrum, got %d", a->nfiles,
                  a->nfiles == 1 ? "" : "s", n);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int check_files(const plot_args *a)
{
    const plot_kind *k = a->kind;
    if (a->nfiles < k->min || (k->max >= 0 && a->nfiles > k->max)) {
        if (k->max < 0)
            cli_error("plot", "%s: expected at least %d data files, got %d", k->name, k->min,
                      a->nfiles);
        else if (k->min == k->max)
            cli_error("plot", "%s: expected %d data file%s, got %d", k->name, k->min,
                      k->min == 1 ? "" : "s", a->nfiles);
        else
            cli_error("plot", "%s: expected %d to %d data files, got %d", k->name, k->min,
                      k->max, a->nfiles);
        return CLI_USAGE;
    }
    int nvars = 0;
    while (nvars < 3 && k->vars[nvars])
        nvars++;
    for (int i = 0; i < a->nfiles; i++)
        if (check_file(a->files[i], k->list && i >= nvars - 1) != CLI_OK)
            return CLI_USAGE;
    if (a->points && check_file(a->points, 0) != CLI_OK)
        return CLI_USAGE;
    if (a->trace && check_file(a->trace, 0) != CLI_OK)
        return CLI_USAGE;
    return a->densities ? check_densities(a) : CLI_OK;
}

static int parse_args(int argc, char **argv, plot_args *a)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"format", required_argument, NULL, OPT_FORMAT},
        {"points", required_argument, NULL, OPT_POINTS},
        {"trace", required_argument, NULL, OPT_TRACE},
        {"titles", required_argument, NULL, OPT_TITLES},
        {"title", required_argument, NULL, OPT_TITLE},
        {"densities", required_argument, NULL, OPT_DENSITIES},
        {"cbmin", required_argument, NULL, OPT_CBMIN},
        {"cbmax", required_argument, NULL, OPT_CBMAX},
        {"plus", required_argument, NULL, OPT_PLUS},
        {"width", required_argument, NULL, OPT_WIDTH},
        {"height", required_argument, NULL, OPT_HEIGHT},
        {"over", required_argument, NULL, OPT_OVER},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    cli_parser p = {"plot", plot_help, longopts, NULL, &a->out, own_option, a};
    cli_parser_more more = {.arg = positional};
    int rc = cli_parse_args_with(&p, &more, argc, argv);
    if (rc != CLI_OK)
        return rc;
    if (!a->kind) {
        cli_error("plot", "missing KIND (see 'rnnscape plot --help')");
        return CLI_USAGE;
    }
    if (!a->out) {
        cli_error("plot", "-o: missing (the figure to write)");
        return CLI_USAGE;
    }
    rc = output_format(a);
    if (rc == CLI_OK)
        rc = check_options(a);
    if (rc == CLI_OK)
        rc = check_files(a);
    return rc;
}

/* The gnuplot variables: the files, the output and the styling. */
static void commands(plot_text *t, const plot_args *a, const char *output)
{
    const plot_kind *k = a->kind;
    plot_text_var(t, "term", format_names[a->format]);
    plot_text_var(t, "outfile", output);
    for (int v = 0, i = 0; v < 3 && k->vars[v] && i < a->nfiles; v++) {
        int last = v == 2 || !k->vars[v + 1];
        if (!(k->list && last)) {
            plot_text_var(t, k->vars[v], a->files[i++]);
            continue;
        }
        /* a word list; its names were checked to hold no spaces or quotes */
        plot_text_add(t, "%s='", k->vars[v]);
        for (const char *sep = ""; i < a->nfiles; i++, sep = " ")
            plot_text_add(t, "%s%s", sep, a->files[i]);
        plot_text_add(t, "'; ");
    }
    if (a->points)
        plot_text_var(t, "points", a->points);
    if (a->trace)
        plot_text_var(t, "trace", a->trace);
    if (a->titles)
        plot_text_var(t, "titles", a->titles);
    if (a->densities)
        plot_text_var(t, "densities", a->densities);
    if (a->title)
        plot_text_var(t, "title", a->title);
    if (a->cbmin)
        plot_text_add(t, "cbmin=%s; ", a->cbmin);
    if (a->cbmax)
        plot_text_add(t, "cbmax=%s; ", a->cbmax);
    if (a->plus)
        plot_text_add(t, "plus=%s; ", a->plus);
    if (a->over)
        plot_text_var(t, "over", a->over);
    if (a->scale)
        plot_text_var(t, "scale", a->scale);
    if (a->width)
        plot_text_add(t, "width=%ld; ", a->width);
    if (a->height)
        plot_text_add(t, "height=%ld; ", a->height);
}

int cmd_plot(int argc, char **argv)
{
    plot_args a = {0};
    a.format = -1;
    const char **files = malloc((size_t)argc * sizeof *files);
    if (!files) {
        cli_error("plot", "out of memory");
        return CLI_FAILURE;
    }
    a.files = files;
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK) {
        free(files);
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    }

    outfile of;
    if ((rc = cli_open("plot", a.out, &of)) != CLI_OK)
        return rc;
    const char *output = of.tmppath ? of.tmppath : of.path ? of.path : "/dev/stdout";
    plot_text t, script;
    plot_text_init(&t);
    plot_text_init(&script);
    commands(&t, &a, output);
    plot_text_add(&script, "%s/%s", plot_run_dir(), a.kind->script);
    if (t.failed || script.failed) {
        cli_error("plot", "out of memory");
        rc = CLI_FAILURE;
    } else if (access(script.s, R_OK) != 0) {
        cli_error("plot", "%s: cannot read it (the scripts are installed by 'make install'; "
                          "RNNSCAPE_PLOTDIR names another folder)",
                  script.s);
        rc = CLI_FAILURE;
    } else {
        fflush(of.fp);
        rc = plot_run_script("plot", t.s, script.s);
    }
    if (rc == CLI_OK)
        rc = cli_close("plot", &of);
    else
        outfile_abort(&of);
    plot_text_free(&t);
    plot_text_free(&script);
    free(files);
    return rc;
}
