#include "addition_curvature.h"

#include <math.h>
#include <stdlib.h>

#include "addition_hessian.h"
#include "addition_landscape.h"
#include "symeig.h"

const char *const addition_curvature_names[] = {"loss", "lambda_min", "lambda_max", "ratio", NULL};

/* One point: the loss and the extreme eigenvalues of the dense Hessian. */
static rs_status point(const addition_net *net, const double *wp, size_t nsums, const uint32_t *a,
                       const uint32_t *b, double *hess, double *ev, double *out)
{
    addition_hess *hs;
    rs_status st = addition_hess_new(net, wp, nsums, a, b, &hs);
    if (st != RS_OK)
        return st;
    st = addition_hess_dense(hs, hess, NULL);
    if (st == RS_OK)
        st = symeig(net->nparams, hess, ev, NULL); /* descending */
    if (st == RS_OK) {
        double lo = ev[net->nparams - 1], hi = ev[0];
        out[ADDC_LOSS] = addition_hess_loss(hs);
        out[ADDC_LAMBDA_MIN] = lo;
        out[ADDC_LAMBDA_MAX] = hi;
        out[ADDC_RATIO] = hi == 0.0 ? (lo == 0.0 ? 0.0 : -INFINITY) : lo / hi;
    }
    addition_hess_free(hs);
    return st;
}

rs_status addition_curvature_plane(const addition_net *net, const double *w, const double *d1,
                                   const double *d2, double range, size_t n, size_t nsums,
                                   const uint32_t *a, const uint32_t *b, double *out)
{
    return addition_curvature_rows(net, w, d1, d2, range, n, 0, n, nsums, a, b, out);
}

rs_status addition_curvature_rows(const addition_net *net, const double *w, const double *d1,
                                  const double *d2, double range, size_t n, size_t j0, size_t j1,
                                  size_t nsums, const uint32_t *a, const uint32_t *b, double *out)
{
    const size_t np = net->nparams;
    double *hess = malloc(np * np * sizeof *hess), *ev = malloc(np * sizeof *ev);
    double *wp = malloc(np * sizeof *wp);
    rs_status st = hess && ev && wp ? RS_OK : RS_ENOMEM;
    for (size_t j = j0; st == RS_OK && j < j1; j++)
        for (size_t i = 0; st == RS_OK && i < n; i++) {
            double al = addition_grid_coord(range, n, i), be = addition_grid_coord(range, n, j);
            for (size_t q = 0; q < np; q++)
                wp[q] = w[q] + al * d1[q] + be * d2[q];
            st = point(net, wp, nsums, a, b, hess, ev, out + ((j - j0) * n + i) * ADDC_CHANNELS);
        }
    free(hess);
    free(ev);
    free(wp);
    return st;
}
