/* rnnscape addition hessian: the addition model's exact Hessian spectrum,
 * trace and eigenvalue density at given weights. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition_hessian.h"
#include "cli.h"
#include "cli_memory.h"
#include "addition_landscape.h"
#include "cmd_addition_sub.h"
#include "commands.h"
#include "grid.h"
#include "hessian_spectrum.h"
#include "rng.h"
#include "symeig.h"

#define CMD "addition hessian"
#define DENSE_MAX ADDITION_HESS_DENSE_MAX

/* RS_ERANGE from the Hessian's products: the weights are past the range
 * where its entries are finite. */
static const char *hess_status_str(rs_status st)
{
    return st == RS_ERANGE ? "the Hessian is not finite at these weights" : rs_status_str(st);
}

static const char help_text[] =
    "Usage: rnnscape addition hessian --weights FILE [MODE] [OPTIONS]\n\n"
    "The exact Hessian of the mean loss L = (1/N) sum over the sums of\n"
    "E = sum_k 1/2 (c_k - o_k)^2 at the weights of FILE, from Hessian-vector\n"
    "products (Pearlmutter's R-operator through BPTT, no finite differences).\n"
    "The sums: the evaluation set (all 128 x 128 sums for 8 bits), or every\n"
    "K-th of them with --every K.\n\n"
    "Mode (one):\n"
    "  --spectrum full      (default) the dense Hessian from one product per weight\n"
    "                       and all its eigenvalues, ascending: 'index eigenvalue'\n"
    "                       (up to 4096 weights, i.e. --hidden 62)\n"
    "  --spectrum K         the K smallest and K largest by Lanczos (any size):\n"
    "                       'k lambda_k_smallest lambda_k_largest'\n"
    "  --trace              the exact trace (sum of e_j^T H e_j) and Hutchinson's\n"
    "                       estimate with its standard error:\n"
    "                       'exact hutchinson std_error vectors'\n"
    "  --check              H v for a random v against central differences of the\n"
    "                       BPTT gradient along v; exit 1 when max|num - Hv| /\n"
    "                       max|Hv| exceeds --tol (default 1e-6)\n"
    "  --density            the eigenvalue density by stochastic Lanczos quadrature\n"
    "                       (PyHessian's method), Gaussian-smoothed, with the exact\n"
    "                       spectrum's smoothed density beside it where the dense\n"
    "                       Hessian can be formed: 'lambda slq exact'\n"
    "Options:\n"
    "  --weights FILE       weights written by 'addition train --save' (required)\n"
    "  --every K            every K-th sum of the evaluation set (default 1: all)\n"
    "  --vectors N          random probes for --trace (default 100) or --density\n"
    "                       (default 10)\n"
    "  --steps M            Lanczos steps (default 80 for --density; 3K + 40 for\n"
    "                       --spectrum K)\n"
    "  --sigma S            density smoothing width (default 1% of the range)\n"
    "  --points P           density points (default 400)\n"
    "  --seed S             seed of the random probes (PCG, default 0)\n"
    "  --eps E, --tol T     --check's step (default 1e-5) and tolerance\n"
    "  -o, --output FILE    write to FILE atomically (default standard output)\n"
    CLI_MEMORY_HELP
    "  -h, --help           show this help\n\n"
    "Exit status: 0 success, 1 --check found a mismatch, 2 bad usage or input,\n"
    "3 I/O or memory.\n";

enum {
    OPT_SPECTRUM = ADD_OPT_FIRST_FREE,
    OPT_TRACE,
    OPT_DENSITY,
    OPT_EVERY,
    OPT_VECTORS,
    OPT_STEPS,
    OPT_SIGMA,
    OPT_POINTS,
    OPT_CHECK,
    OPT_EPS,
    OPT_TOL
};
enum { MODE_FULL, MODE_EXTREMES, MODE_TRACE, MODE_DENSITY, MODE_CHECK };

typedef struct {
    const char *weights, *output;
    int mode, modes_given;
    long k, every, vectors, steps, points;
    double sigma, eps, tol;
    uint64_t seed;
    memory_limit memory;
} hess_opts;

static int hess_option(void *ctx, int c, const char *arg)
{
    hess_opts *o = ctx;
    switch (c) {
    case ADD_OPT_WEIGHTS: o->weights = arg; return CLI_OK;
    case ADD_OPT_SEED: return cli_u64(CMD, "--seed", arg, &o->seed);
    case OPT_SPECTRUM:
        o->modes_given++;
        if (strcmp(arg, "full") == 0) {
            o->mode = MODE_FULL;
            return CLI_OK;
        }
        o->mode = MODE_EXTREMES;
        if (cli_long(CMD, "--spectrum", arg, 1, 1000000L, &o->k) != CLI_OK)
            return CLI_USAGE;
        return CLI_OK;
    case OPT_TRACE: o->modes_given++, o->mode = MODE_TRACE; return CLI_OK;
    case OPT_DENSITY: o->modes_given++, o->mode = MODE_DENSITY; return CLI_OK;
    case OPT_CHECK: o->modes_given++, o->mode = MODE_CHECK; return CLI_OK;
    case OPT_EPS: return cli_double_above(CMD, "--eps", arg, 0.0, 1, &o->eps);
    case OPT_TOL: return cli_double_above(CMD, "--tol", arg, 0.0, 1, &o->tol);
    case OPT_EVERY: return cli_long(CMD, "--every", arg, 1, 1L << 20, &o->every);
    case OPT_VECTORS: return cli_long(CMD, "--vectors", arg, 1, 1000000L, &o->vectors);
    case OPT_STEPS: return cli_long(CMD, "--steps", arg, 1, 100000L, &o->steps);
    case OPT_POINTS: return cli_long(CMD, "--points", arg, 2, 1000000L, &o->points);
    case OPT_SIGMA: return cli_double_above(CMD, "--sigma", arg, 0.0, 1, &o->sigma);
    case OPT_MAX_MEMORY: return cli_memory_option(CMD, arg, &o->memory);
    }
    return CLI_NOT_MINE;
}

static int parse_opts(int argc, char **argv, hess_opts *o)
{
    static const struct option longopts[] = {{"weights", required_argument, NULL, ADD_OPT_WEIGHTS},
                                             {"seed", required_argument, NULL, ADD_OPT_SEED},
                                             {"spectrum", required_argument, NULL, OPT_SPECTRUM},
                                             {"trace", no_argument, NULL, OPT_TRACE},
                                             {"density", no_argument, NULL, OPT_DENSITY},
                                             {"every", required_argument, NULL, OPT_EVERY},
                                             {"vectors", required_argument, NULL, OPT_VECTORS},
                                             {"steps", required_argument, NULL, OPT_STEPS},
                                             {"sigma", required_argument, NULL, OPT_SIGMA},
                                             {"points", required_argument, NULL, OPT_POINTS},
                                             {"check", no_argument, NULL, OPT_CHECK},
                                             {"eps", required_argument, NULL, OPT_EPS},
                                             {"tol", required_argument, NULL, OPT_TOL},
                                             {"output", required_argument, NULL, 'o'},
                                             CLI_MEMORY_LONGOPT,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    *o = (hess_opts){.mode = MODE_FULL, .every = 1, .points = 400, .eps = 1e-5, .tol = 1e-6};
    int rc = addition_parse(CMD, help_text, longopts, &o->output, hess_option, o, NULL, argc, argv);
    if (rc == CLI_OK && !o->weights) {
        cli_error(CMD, "--weights: missing (weights written by 'addition train --save')");
        rc = CLI_USAGE;
    }
    if (rc == CLI_OK && o->modes_given > 1) {
        cli_error(CMD, "--spectrum, --trace, --density and --check exclude each other");
        rc = CLI_USAGE;
    }
    if (!o->vectors)
        o->vectors = o->mode == MODE_TRACE ? 100 : 10;
    if (!o->steps)
        o->steps = o->mode == MODE_EXTREMES ? 3 * o->k + 40 : 80;
    return rc;
}

static rs_status apply(void *ctx, const double *v, double *hv)
{
    return addition_hess_vec(ctx, v, hv);
}

static rs_status apply_block(void *ctx, const double *v, size_t nv, double *hv)
{
    return addition_hess_mat(ctx, v, nv, hv);
}

static void write_header(FILE *fp, int nfull, char **full, const hess_opts *o,
                         const addition_net *net, const addition_evalset *es, size_t nsums,
                         double loss)
{
    cli_header(fp, nfull, full);
    fprintf(fp, "# weights: %s (bits %d, hidden %d, %zu parameters)\n", o->weights, net->bits,
            net->hidden, net->nparams);
    addition_describe_evalset(fp, es);
    fprintf(fp,
            "# loss: L = (1/N) sum of E = sum_k 1/2 (c_k - o_k)^2 over N = %zu sums (every %ld-th "
            "of the set); L = %.17g\n",
            nsums, o->every, loss);
    fputs("# exact Hessian-vector products: R-operator through BPTT\n", fp);
}

/* The dense Hessian's eigenvalues, ascending, into ev (np). */
static int dense_spectrum(const addition_hess *hs, size_t np, double *ev, double *asym)
{
    double *hess = malloc(np * np * sizeof *hess), *desc = malloc(np * sizeof *desc);
    rs_status st = hess && desc ? addition_hess_dense(hs, hess, asym) : RS_ENOMEM;
    const char *why = hess_status_str(st);
    if (st == RS_OK && (st = symeig(np, hess, desc, NULL)) != RS_OK)
        why = st == RS_ERANGE ? "the eigensolver did not converge" : rs_status_str(st);
    for (size_t i = 0; st == RS_OK && i < np; i++)
        ev[i] = desc[np - 1 - i];
    free(hess);
    free(desc);
    if (st != RS_OK)
        cli_error(CMD, "the dense Hessian failed: %s", why);
    return st == RS_OK ? CLI_OK : CLI_FAILURE;
}

static int run_full(FILE *fp, const addition_hess *hs, size_t np)
{
    double *ev = malloc(np * sizeof *ev), asym = 0.0;
    int rc = ev ? dense_spectrum(hs, np, ev, &asym) : CLI_FAILURE;
    if (rc == CLI_OK) {
        double tr = 0.0;
        for (size_t i = 0; i < np; i++)
            tr += ev[i];
        fprintf(fp,
                "# spectrum: all %zu eigenvalues of the dense Hessian (symmetric to %.2g of "
                "max|H| before symmetrising), ascending; trace %.17g\n",
                np, asym, tr);
        fputs("# columns: index eigenvalue\n", fp);
        for (size_t i = 0; i < np; i++)
            fprintf(fp, "%zu %.17g\n", i, ev[i]);
    }
    free(ev);
    return rc;
}

static int run_extremes(FILE *fp, addition_hess *hs, size_t np, const hess_opts *o)
{
    size_t k = (size_t)o->k, m = (size_t)o->steps < np ? (size_t)o->steps : np;
    double *lo = malloc(2 * k * sizeof *lo), *hi = lo ? lo + k : NULL;
    spectrum_op op = {np, apply, apply_block, hs};
    rs_status st = lo ? spectrum_extremes(&op, k, m, o->seed, lo, hi) : RS_ENOMEM;
    if (st == RS_OK) {
        fprintf(fp,
                "# spectrum: the %zu smallest and largest eigenvalues, Ritz values of %zu "
                "Lanczos steps (full reorthogonalisation) from a Rademacher start, seed %llu\n",
                k, m, (unsigned long long)o->seed);
        fputs("# columns: k lambda_k_smallest lambda_k_largest\n", fp);
        for (size_t i = 0; i < k; i++)
            fprintf(fp, "%zu %.17g %.17g\n", i + 1, lo[i], hi[i]);
    } else {
        cli_error(CMD, "Lanczos failed: %s", hess_status_str(st));
    }
    free(lo);
    return st == RS_OK ? CLI_OK : CLI_FAILURE;
}

static int run_trace(FILE *fp, addition_hess *hs, size_t np, const hess_opts *o)
{
    double exact, est, se;
    spectrum_op op = {np, apply, apply_block, hs};
    rs_status st = addition_hess_trace(hs, &exact);
    if (st == RS_OK)
        st = spectrum_hutchinson(&op, (size_t)o->vectors, o->seed, &est, &se);
    if (st != RS_OK) {
        cli_error(CMD, "the trace failed: %s", hess_status_str(st));
        return CLI_FAILURE;
    }
    /* a zero standard error (a Hessian of zeros) leaves no 0/0: 0 if the
     * estimate is exact, else the signed infinity */
    double z = se > 0.0 ? (est - exact) / se : est == exact ? 0.0 : copysign(INFINITY, est - exact);
    fprintf(fp,
            "# trace: exact = sum_j e_j^T H e_j; Hutchinson = mean of v^T H v over %ld "
            "Rademacher v (seed %llu), std_error its standard error; "
            "(hutchinson - exact)/std_error = %.3g\n",
            o->vectors, (unsigned long long)o->seed, z);
    fputs("# columns: exact hutchinson std_error vectors\n", fp);
    fprintf(fp, "%.17g %.17g %.17g %ld\n", exact, est, se, o->vectors);
    return CLI_OK;
}

static int run_check(FILE *fp, addition_hess *hs, const addition_net *net, const hess_opts *o)
{
    size_t np = net->nparams;
    double *v = malloc(np * sizeof *v), err = 0.0;
    rs_status st = v ? RS_OK : RS_ENOMEM;
    if (st == RS_OK) {
        rng r;
        rng_seed(&r, RNG_PCG, o->seed);
        for (size_t q = 0; q < np; q++)
            v[q] = rng_normal(&r);
        st = addition_hess_check(hs, net, v, o->eps, &err);
    }
    free(v);
    if (st == RS_ERANGE) {
        /* README: a check that cannot compare says "not finite", exit 1 */
        cli_error(CMD, "--check: not finite: H v or the gradients at w +- eps v (eps %g) are "
                       "past the double range; nothing to compare",
                  o->eps);
        err = INFINITY;
    } else if (st != RS_OK) {
        cli_error(CMD, "the check failed to run: %s", hess_status_str(st));
        return CLI_FAILURE;
    }
    int pass = st == RS_OK && err <= o->tol;
    fprintf(fp,
            "# check: H v (R-operator) against (g(w + eps v) - g(w - eps v)) / 2eps, v "
            "standard normal (seed %llu), eps %.17g; pass when error <= %.17g\n",
            (unsigned long long)o->seed, o->eps, o->tol);
    if (st != RS_OK)
        fputs("# check: not finite (the error is +inf: no comparison was possible)\n", fp);
    fputs("# columns: error (max|num - Hv| / max|Hv|) verdict (0 pass, 1 fail)\n", fp);
    fprintf(fp, "%.17g %d\n", err, !pass);
    return pass ? CLI_OK : CLI_CHECK_FAILED;
}

/* The density is sampled on [lo - 5 sigma, hi + 5 sigma] and scaled by
 * 1 / (sigma sqrt(2 pi)): refused (exit 2) when either leaves the double
 * range, where it would give inf - inf or 0 * inf. */
static int density_fits(double lo, double hi, double sigma)
{
    double norm = 1.0 / (sigma * sqrt(2.0 * M_PI)), a = lo - 5 * sigma, b = hi + 5 * sigma;
    if (isfinite(norm) && norm > 0.0 && isfinite(a) && isfinite(b) && isfinite(b - a))
        return CLI_OK;
    cli_error(CMD, "--sigma: %g puts the density's range [%g - 5 sigma, %g + 5 sigma] or its "
                   "scale 1/(sigma sqrt(2 pi)) past the double range",
              sigma, lo, hi);
    return CLI_USAGE;
}

static int run_density(FILE *fp, addition_hess *hs, size_t np, const hess_opts *o)
{
    size_t nv = (size_t)o->vectors, m = (size_t)o->steps < np ? (size_t)o->steps : np;
    size_t npts = (size_t)o->points, count = 0;
    int dense = np <= DENSE_MAX, rc = CLI_OK;
    double *nodes = malloc(nv * m * sizeof *nodes), *wts = malloc(nv * m * sizeof *wts);
    double *ev = dense ? malloc(np * sizeof *ev) : NULL;
    double *x = malloc(npts * sizeof *x), *d1 = malloc(2 * npts * sizeof *d1);
    rs_status st;
    spectrum_op op = {np, apply, apply_block, hs};
    if (!nodes || !wts || (dense && !ev) || !x || !d1) {
        cli_error(CMD, "out of memory");
        rc = CLI_FAILURE;
    } else if ((st = spectrum_slq(&op, nv, m, o->seed, nodes, wts, &count)) != RS_OK) {
        cli_error(CMD, "stochastic Lanczos quadrature failed: %s", hess_status_str(st));
        rc = CLI_FAILURE;
    } else if (dense) {
        rc = dense_spectrum(hs, np, ev, NULL);
    }
    double lo = 0.0, hi = 0.0, sigma = 0.0;
    if (rc == CLI_OK) {
        lo = hi = nodes[0];
        for (size_t i = 0; i < count; i++)
            lo = fmin(lo, nodes[i]), hi = fmax(hi, nodes[i]);
        sigma = o->sigma > 0.0 ? o->sigma : 0.01 * (hi - lo > 0 ? hi - lo : 1.0);
        rc = density_fits(lo, hi, sigma);
    }
    if (rc == CLI_OK) {
        grid_linspace(lo - 5 * sigma, hi + 5 * sigma, npts, x);
        spectrum_gauss_density(nodes, wts, count, sigma, x, npts, d1);
        if (dense)
            spectrum_gauss_density(ev, NULL, np, sigma, x, npts, d1 + npts);
        fprintf(fp,
                "# density: stochastic Lanczos quadrature, %zu Rademacher vectors (seed %llu) "
                "x %zu Lanczos steps; Gaussian smoothing sigma %.17g%s\n",
                nv, (unsigned long long)o->seed, m, sigma,
                dense ? "; exact: the dense spectrum smoothed the same way" : "");
        fputs(dense ? "# columns: lambda slq exact\n" : "# columns: lambda slq\n", fp);
        for (size_t i = 0; i < npts; i++) {
            fprintf(fp, "%.17g %.17g", x[i], d1[i]);
            if (dense)
                fprintf(fp, " %.17g", d1[npts + i]);
            fputc('\n', fp);
        }
    }
    free(nodes);
    free(wts);
    free(ev);
    free(x);
    free(d1);
    return rc;
}

/* What a mode allocates at its peak, besides the evaluation set: the
 * prepared passes and one block of products (addition_hessian.h's
 * estimates), the dense Hessian where the mode forms it, and the Lanczos
 * bases of hessian_spectrum.c ((steps + 1) x np per vector in flight). */
static double mode_bytes(const hess_opts *o, const addition_net *net, double nsums)
{
    double np = (double)net->nparams, d = sizeof(double);
    double m = fmin((double)o->steps, np), nv = (double)o->vectors;
    double base = addition_hess_bytes(net->bits, net->hidden, nsums) +
                  addition_hess_product_bytes(net->bits, net->hidden, nsums, cli_threads()) +
                  2.0 * nsums * sizeof(uint32_t);
    double dense = addition_hess_dense_bytes(net->hidden) + 6.0 * np * d;
    switch (o->mode) {
    case MODE_FULL: return base + dense;
    case MODE_EXTREMES: return base + ((m + 1) * np + 3 * m * m + 4 * m + np) * d;
    case MODE_TRACE: return base + 4.0 * 16 * np * d;
    case MODE_CHECK: return 3.0 * base + 6.0 * np * d; /* w +- eps v: two more */
    default:
        return base + (nv * (m + 1) * np + 4 * nv * m + 3 * (double)o->points) * d +
               (np <= DENSE_MAX ? dense : 0.0);
    }
}

/* Writes the results (len bytes) atomically: verdict (CLI_OK or
 * CLI_CHECK_FAILED) when that succeeds, else CLI_FAILURE (printed). */
static int write_text(const char *path, const char *text, size_t len, int verdict)
{
    outfile of;
    int rc = cli_open(CMD, path, &of);
    if (rc != CLI_OK)
        return rc;
    errno = 0;
    if (fwrite(text, 1, len, of.fp) != len || fflush(of.fp) != 0) {
        /* the cause now: after the stream's error flag it would be lost */
        int err = errno ? errno : EIO;
        outfile_abort(&of);
        cli_error(CMD, "writing '%s' failed: %s",
                  path && strcmp(path, "-") != 0 ? path : "standard output", strerror(err));
        return CLI_FAILURE;
    }
    rc = cli_close(CMD, &of);
    return rc == CLI_OK ? verdict : rc;
}

/* The sums: every K-th of the evaluation set. */
static size_t pick_sums(const addition_evalset *es, long every, uint32_t *a, uint32_t *b)
{
    size_t n = 0;
    for (size_t i = 0; i < es->n; i += (size_t)every, n++)
        a[n] = es->a[i], b[n] = es->b[i];
    return n;
}

int addition_cmd_hessian(int argc, char **argv, int nfull, char **full)
{
    hess_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input(CMD, "-o", o.output, "--weights", o.weights, NULL)) != CLI_OK)
        return rc;
    addition_net net;
    if ((rc = addition_load_weights(CMD, o.weights, &net)) != CLI_OK)
        return rc;
    if (o.mode == MODE_FULL && net.nparams > DENSE_MAX) {
        cli_error(CMD, "--spectrum full: %zu weights is more than %d; use --spectrum K (Lanczos)",
                  net.nparams, DENSE_MAX);
        addition_net_free(&net);
        return CLI_USAGE;
    }
    size_t steps = (size_t)o.steps < net.nparams ? (size_t)o.steps : net.nparams;
    if (o.mode == MODE_EXTREMES && (size_t)o.k > steps) {
        cli_error(CMD, "--spectrum: expected K <= the Lanczos steps (%zu), got '%ld'", steps, o.k);
        addition_net_free(&net);
        return CLI_USAGE;
    }
    double want = ceil(addition_evalset_pairs(net.bits) / (double)o.every); /* every K-th */
    static const char *const what[] = {"the dense Hessian", "the Lanczos spectrum", "the trace",
                                       "the eigenvalue density", "the check"};
    addition_evalset es;
    if ((rc = cli_memory_check(CMD, &o.memory,
                               addition_evalset_bytes(net.bits) + mode_bytes(&o, &net, want),
                               what[o.mode])) != CLI_OK ||
        (rc = addition_load_evalset(CMD, &es, net.bits)) != CLI_OK) {
        addition_net_free(&net);
        return rc;
    }
    uint32_t *a = malloc(es.n * sizeof *a), *b = malloc(es.n * sizeof *b);
    addition_hess *hs = NULL;
    size_t nsums = a && b ? pick_sums(&es, o.every, a, b) : 0;
    /* the results go to memory first: a failure half way leaves nothing
     * on standard output or in the file, not a header alone */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    if (!a || !b || addition_hess_new(&net, net.w, nsums, a, b, &hs) != RS_OK ||
        !(mem = open_memstream(&text, &len))) {
        cli_error(CMD, "out of memory for %zu sums", es.n);
        rc = CLI_FAILURE;
    } else {
        write_header(mem, nfull, full, &o, &net, &es, nsums, addition_hess_loss(hs));
        switch (o.mode) {
        case MODE_FULL: rc = run_full(mem, hs, net.nparams); break;
        case MODE_EXTREMES: rc = run_extremes(mem, hs, net.nparams, &o); break;
        case MODE_TRACE: rc = run_trace(mem, hs, net.nparams, &o); break;
        case MODE_CHECK: rc = run_check(mem, hs, &net, &o); break;
        default: rc = run_density(mem, hs, net.nparams, &o); break;
        }
        if (fclose(mem) != 0 && (rc == CLI_OK || rc == CLI_CHECK_FAILED)) {
            cli_error(CMD, "out of memory for the output");
            rc = CLI_FAILURE;
        }
        if (rc == CLI_OK || rc == CLI_CHECK_FAILED)
            rc = write_text(o.output, text, len, rc);
    }
    free(text);
    addition_hess_free(hs);
    free(a);
    free(b);
    addition_evalset_free(&es);
    addition_net_free(&net);
    return rc;
}
