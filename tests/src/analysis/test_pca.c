/* Tests of symeig.c and pca.c: the eigenvalues of the 1-2-1 matrix
 * (2 - 2cos(j pi/(m+1)), known in closed form) and its sine eigenvectors;
 * residuals and orthogonality on a random matrix; an ellipse whose
 * principal axes and variances are known; the Gram and the covariance
 * routes against each other; points that span fewer than two directions
 * refused. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pca.h"
#include "rng.h"
#include "symeig.h"
#include "tap.h"

static void test_121(void)
{
    size_t m = 60;
    double *a = calloc(m * m, sizeof *a), *ev = malloc(m * sizeof *ev),
           *v = malloc(m * m * sizeof *v);
    for (size_t i = 0; i < m; i++) {
        a[i * m + i] = 2.0;
        if (i + 1 < m)
            a[i * m + i + 1] = a[(i + 1) * m + i] = -1.0;
    }
    tap_ok(symeig(m, a, ev, v) == RS_OK, "symeig of the %zu x %zu 1-2-1 matrix", m, m);
    double worst = 0.0, worst_vec = 0.0;
    for (size_t r = 0; r < m; r++) {
        size_t j = m - r; /* decreasing order: the largest is j = m */
        double want = 2.0 - 2.0 * cos((double)j * M_PI / (double)(m + 1));
        worst = fmax(worst, fabs(ev[r] - want));
        double dot = 0.0; /* eigenvector sqrt(2/(m+1)) sin(i j pi/(m+1)) */
        for (size_t i = 0; i < m; i++)
            dot += v[r * m + i] * sqrt(2.0 / (double)(m + 1)) *
                   sin((double)((i + 1) * j) * M_PI / (double)(m + 1));
        worst_vec = fmax(worst_vec, fabs(1.0 - fabs(dot)));
    }
    tap_ok(worst < 1e-13, "eigenvalues 2 - 2cos(j pi/61) to %.1e", worst);
    tap_ok(worst_vec < 1e-12, "eigenvectors the sine vectors to %.1e", worst_vec);
    free(a);
    free(ev);
    free(v);
}

static void test_random(void)
{
    size_t m = 120;
    rng r;
    rng_seed(&r, RNG_PCG, 7);
    double *a = malloc(m * m * sizeof *a), *a0 = malloc(m * m * sizeof *a0),
           *ev = malloc(m * sizeof *ev), *v = malloc(m * m * sizeof *v);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j <= i; j++)
            a[i * m + j] = a[j * m + i] = rng_normal(&r);
    memcpy(a0, a, m * m * sizeof *a);
    tap_ok(symeig(m, a, ev, v) == RS_OK, "symeig of a random symmetric %zu x %zu matrix", m, m);
    double res = 0.0, orth = 0.0, trace = 0.0, sum = 0.0;
    int sorted = 1;
    for (size_t k = 0; k < m; k++) {
        trace += a0[k * m + k];
        sum += ev[k];
        sorted &= k == 0 || ev[k] <= ev[k - 1];
        for (size_t i = 0; i < m; i++) { /* residual (A v - lambda v)_i */
            double s = 0.0;
            for (size_t j = 0; j < m; j++)
                s += a0[i * m + j] * v[k * m + j];
            res = fmax(res, fabs(s - ev[k] * v[k * m + i]));
        }
        for (size_t l = 0; l <= k; l++) {
            double d = 0.0;
            for (size_t j = 0; j < m; j++)
                d += v[k * m + j] * v[l * m + j];
            orth = fmax(orth, fabs(d - (k == l ? 1.0 : 0.0)));
        }
    }
    tap_ok(res < 1e-12, "|A v - lambda v| < 1e-12 (%.1e)", res);
    tap_ok(orth < 1e-13, "orthonormal eigenvectors (%.1e)", orth);
    tap_ok(fabs(trace - sum) < 1e-11 && sorted, "eigenvalues sum to the trace, decreasing");
    double big[4] = {1e300, 2e300, 2e300, -1e300}, e2[2];
    rs_status st = symeig(2, big, e2, NULL);
    tap_ok(st == RS_OK && fabs(e2[0] / (sqrt(5.0) * 1e300) - 1.0) < 1e-15 &&
               fabs(e2[1] / (sqrt(5.0) * 1e300) + 1.0) < 1e-15,
           "entries near the largest double do not overflow: +-sqrt(5) 1e300 (%.17g, %.17g)",
           e2[0], e2[1]);
    free(a);
    free(a0);
    free(ev);
    free(v);
}

/* n points on an ellipse 3 cos t u1 + sin t u2 + c (u1, u2 orthonormal). */
static void ellipse(size_t n, size_t dim, double *x, const double *u1, const double *u2)
{
    for (size_t i = 0; i < n; i++) {
        double t = 2.0 * M_PI * (double)i / (double)n;
        for (size_t p = 0; p < dim; p++)
            x[i * dim + p] = 0.5 + 0.1 * (double)p + 3.0 * cos(t) * u1[p] + sin(t) * u2[p];
    }
}

static void test_plane(void)
{
    enum { DIM = 8, BIG = 40 };
    double u1[BIG] = {0}, u2[BIG] = {0};
    u1[0] = u1[3] = 0.6; /* |u1| = 1 with u1[5] */
    u1[5] = sqrt(1.0 - 0.72);
    u2[1] = 0.8;
    u2[2] = -0.6;
    size_t n = 24;
    double x[24 * BIG], d1[BIG], d2[BIG];
    pca_result res;
    rs_status st;
    ellipse(n, DIM, x, u1, u2); /* n > dim: the covariance route */
    tap_ok(pca_plane(n, DIM, x, d1, d2, &res) == RS_OK, "PCA of an ellipse, 24 points in 8-D");
    double e1 = 0.0, e2 = 0.0;
    for (size_t p = 0; p < DIM; p++) {
        e1 = fmax(e1, fabs(d1[p] - u1[p]));
        e2 = fmax(e2, fabs(fabs(d2[p]) - fabs(u2[p])));
    }
    tap_ok(e1 < 1e-13 && e2 < 1e-13, "the directions are its axes (%.1e, %.1e)", e1, e2);
    tap_ok(fabs(res.explained[0] - 0.9) < 1e-13 && fabs(res.explained[1] - 0.1) < 1e-13,
           "explained variance 9/10 and 1/10 (%.17g, %.17g)", res.explained[0],
           res.explained[1]);
    double g1[BIG], g2[BIG];
    pca_result rg;
    ellipse(n, BIG, x, u1, u2); /* the same points padded with zero axes: n <= dim, Gram */
    for (size_t i = 0; i < n; i++)
        for (size_t p = DIM; p < BIG; p++)
            x[i * BIG + p] = 0.0;
    tap_ok(pca_plane(n, BIG, x, g1, g2, &rg) == RS_OK, "the same points in 40-D (Gram route)");
    double diff = 0.0;
    for (size_t p = 0; p < BIG; p++)
        diff = fmax(diff, fmax(fabs(g1[p] - (p < DIM ? d1[p] : 0.0)),
                               fabs(g2[p] - (p < DIM ? d2[p] : 0.0))));
    tap_ok(diff < 1e-13 && fabs(rg.sigma[0] - res.sigma[0]) < 1e-12,
           "both routes give the same directions (%.1e)", diff);
    double al[24], be[24], c[BIG] = {0};
    pca_project(n, BIG, x, c, g1, g2, al, be);
    tap_ok(fabs(al[6] - (al[0] + al[12]) / 2.0) < 1e-12, "projections are linear in the points");

    for (size_t i = 0; i < n; i++) /* identical checkpoints */
        memcpy(x + i * DIM, x, DIM * sizeof *x);
    tap_ok(pca_plane(n, DIM, x, d1, d2, &res) == RS_EINVAL, "identical points are refused");
    for (size_t i = 0; i < n; i++) /* a line */
        for (size_t p = 0; p < DIM; p++)
            x[i * DIM + p] = 0.3 + (double)i * u1[p] / 7.0;
    st = pca_plane(n, DIM, x, d1, d2, &res);
    tap_ok(st == RS_EINVAL, "collinear points are refused (sigma %g, %g)", res.sigma[0],
           res.sigma[1]);
    tap_ok(pca_plane(2, DIM, x, d1, d2, &res) == RS_EINVAL, "two points are refused");
}

int main(void)
{
    test_121();
    test_random();
    test_plane();
    return tap_done();
}
