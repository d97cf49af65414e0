/* rnnscape hessian: the exact 2 x 2 Hessian at a point, its eigen-
 * decomposition, and a check against differences of the gradient. */
#include <math.h>
#include <stdio.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "curvature.h"
#include "rnn2_hessian.h"

static const char hessian_help[] =
    "Usage: rnnscape hessian [OPTIONS]\n\n"
    "The exact Hessian of the loss xi = mean_i (t_i - y_i)^2 with respect to\n"
    "(w_x, w_rec), by second-order forward differentiation through time (no\n"
    "finite differences), with its eigenvalues and unit eigenvectors and the\n"
    "condition number |lambda|_max/|lambda|_min. It then checks itself: each\n"
    "entry against central differences of the backpropagated gradient,\n"
    "(g_i(w + eps e_j) - g_i(w - eps e_j)) / 2eps, passing when\n"
    "|num - exact| <= atol + rtol*max|H|.\n\n"
    "  --at WX,WREC         the point (default 1.2,1.2)\n"
    "  --eps E              difference step (default 1e-5)\n"
    "  --rtol R --atol A    defaults 1e-6 and 1e-8\n" CLI_DATA_HELP CLI_S0_HELP "Output:\n"
    "  -o, --output FILE    write the report to FILE (default standard output)\n"
    "  -h, --help           show this help\n\n"
    "Infinite entries (the states overflowed) are +-inf, never NaN; see\n"
    "'rnnscape curvature --help' for the rules the eigenvalues follow then.\n\n"
    "Exit status: 0 the check passes, 1 a mismatch or a non-finite Hessian,\n"
    "2 bad usage.\n";

enum { OPT_AT = OPT_FIRST_FREE, OPT_EPS, OPT_RTOL, OPT_ATOL };

typedef struct {
    double wx, wrec;
    curvature_check_opts tol;
    const char *out;
    cli_data_opts data;
} hessian_args;

/* A tolerance: finite, > 0 when strict (the step), >= 0 otherwise. */
static int tolerance(const char *opt, const char *arg, int strict, double *v)
{
    int rc = cli_double("hessian", opt, arg, v);
    if (rc == CLI_OK && (strict ? !(*v > 0.0) : !(*v >= 0.0))) {
        cli_error("hessian", "%s: expected a %s number, got '%s'", opt,
                  strict ? "positive" : "non-negative", arg);
        return CLI_USAGE;
    }
    return rc;
}

static int hessian_option(void *ctx, int c, const char *arg)
{
    hessian_args *a = ctx;
    switch (c) {
    case OPT_AT: return cli_point("hessian", "--at", arg, &a->wx, &a->wrec);
    case OPT_EPS: return tolerance("--eps", arg, 1, &a->tol.eps);
    case OPT_RTOL: return tolerance("--rtol", arg, 0, &a->tol.rtol);
    case OPT_ATOL: return tolerance("--atol", arg, 0, &a->tol.atol);
    }
    return CLI_NOT_MINE;
}

static int parse_args(int argc, char **argv, hessian_args *a)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS,
                                             CLI_S0_LONGOPT,
                                             {"at", required_argument, NULL, OPT_AT},
                                             {"eps", required_argument, NULL, OPT_EPS},
                                             {"rtol", required_argument, NULL, OPT_RTOL},
                                             {"atol", required_argument, NULL, OPT_ATOL},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_parser p = {"hessian", hessian_help, longopts, &a->data, &a->out, hessian_option, a};
    return cli_parse_args(&p, argc, argv);
}

/* NaN without the sign printf gives it: the sign of a NaN means nothing. */
static double unsigned_nan(double v) { return isnan(v) ? fabs(v) : v; }

static const char *const entry_names[2][2] = {{"h_xx", "h_xr"}, {"h_rx", "h_rr"}};

static void print_hessian(FILE *fp, const hessian_args *a, const rnn2_hess *h,
                          const curvature_eig *e)
{
    fprintf(fp, "Hessian of the loss at (w_x, w_rec) = (%.17g, %.17g), s_0 = %.17g, loss %.17g\n",
            a->wx, a->wrec, a->data.s0, h->loss);
    fprintf(fp, "gradient   %.17g %.17g\n", h->grad[0], h->grad[1]);
    fprintf(fp, "hessian    %.17g %.17g\n", h->h[0][0], h->h[0][1]);
    fprintf(fp, "hessian    %.17g %.17g\n", h->h[1][0], h->h[1][1]);
    fprintf(fp, "lambda_min %.17g   v_min %.17g %.17g\n", e->lambda_min, e->v_min[0], e->v_min[1]);
    fprintf(fp, "lambda_max %.17g   v_max %.17g %.17g\n", e->lambda_max, e->v_max[0], e->v_max[1]);
    fprintf(fp, "ratio      %.17g   (lambda_min/lambda_max)\n", e->ratio);
    fprintf(fp, "det        %.17g\ntrace      %.17g\n", e->det, e->trace);
    fprintf(fp, "condition  %.17g   (|lambda|_max/|lambda|_min)\n", e->cond);
}

static int print_check(FILE *fp, const curvature_check_opts *o, const curvature_check *c)
{
    fprintf(fp,
            "\ncheck against central differences of the gradient, eps = %g;\n"
            "pass when |num - exact| <= %g + %g*max|H|\n",
            o->eps, o->atol, o->rtol);
    fprintf(fp, "%-6s %24s %24s %10s %10s  %s\n", "entry", "exact", "numerical", "abs error",
            "rel error", "verdict");
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            fprintf(fp, "%-6s %24.17g %24.17g %10.3g %10.3g  %s\n", entry_names[i][j],
                    c->exact[i][j], unsigned_nan(c->numerical[i][j]), fabs(c->abs_err[i][j]),
                    fabs(c->rel_err[i][j]), curvature_verdict_names[c->verdict[i][j]]);
    if (c->worst == CURV_CHECK_PASS) {
        fputs("No Hessian errors found\n", fp);
        return CLI_OK;
    }
    fputs(c->worst == CURV_CHECK_FAIL ? "Hessian check FAILED\n"
                                      : "Hessian not finite here: cannot be checked\n",
          fp);
    return CLI_CHECK_FAILED;
}

int cmd_hessian(int argc, char **argv)
{
    hessian_args a = {1.2, 1.2, curvature_check_defaults(), NULL, {0}};
    cli_data_init(&a.data);
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input("hessian", "-o", a.out, "--data", a.data.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get("hessian", &a.data, &ds)) != CLI_OK)
        return rc;
    rnn2_model lm = cli_data_model(&a.data, a.wx, a.wrec);
    rnn2_hess h;
    curvature_eig e;
    curvature_check c;
    outfile of;
    if (rnn2_hessian(&lm, &ds, &h) != RS_OK ||
        curvature_check_at(&lm, &ds, &h, &a.tol, &c) != RS_OK) {
        cli_error("hessian", "out of memory");
        rc = CLI_FAILURE;
    } else if ((rc = cli_open("hessian", a.out, &of)) == CLI_OK) {
        curvature_eig2(h.h[0][0], h.h[0][1], h.h[1][1], &e);
        print_hessian(of.fp, &a, &h, &e);
        int verdict = print_check(of.fp, &a.tol, &c);
        rc = cli_close("hessian", &of);
        if (rc == CLI_OK)
            rc = verdict;
    }
    dataset_free(&ds);
    return rc;
}
