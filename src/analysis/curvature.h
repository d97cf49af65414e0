/* curvature.h: the curvature of the two-parameter RNN's loss: the
 * eigen-decomposition of its 2 x 2 Hessian (rnn2_hessian.h) at a point,
 * and maps of lambda_min, lambda_max, lambda_min/lambda_max, the
 * determinant and the trace over a grid of (w_x, w_rec), computed by a
 * vectorised tile (lanes along w_x, instruction set chosen at run time as
 * the brute-force kernel's: kernel.h) with OpenMP across tiles. Every grid
 * point is computed by one fixed sequence of operations, so maps are
 * byte-identical for any number of threads.
 *
 * Rules for infinities (no channel is ever NaN). Hessian entries the
 * double arithmetic cannot determine are +inf (rnn2_hessian.h). Then:
 *   - finite entries: the matrix is scaled by a power of two before the
 *     eigenvalues are taken, so the result overflows only where the true
 *     value does, and then to the right signed infinity;
 *   - an infinite entry: the eigenvalues, determinant and trace are the
 *     limits as that entry grows without bound with the others fixed
 *     (an infinite off-diagonal gives lambda_min = -inf, lambda_max = +inf,
 *     determinant -inf); a limit that is undetermined (inf - inf) is +inf
 *     for the trace and -inf for the determinant;
 *   - lambda_min/lambda_max: the IEEE quotient where it is defined; +-1
 *     (the product of the signs) when both are infinite; 0 when both are
 *     0; -inf when lambda_max = 0 > lambda_min.
 *   - condition number |lambda|_max / |lambda|_min: +inf when the smaller
 *     is 0 or both are infinite. */
#ifndef RNNSCAPE_CURVATURE_H
#define RNNSCAPE_CURVATURE_H

#include <stddef.h>

#include "activation.h"
#include "dataset.h"
#include "rnn2_hessian.h"
#include "status.h"

/* The channels of a curvature map, in file order. */
enum { CURV_LAMBDA_MIN = 0, CURV_LAMBDA_MAX, CURV_RATIO, CURV_DET, CURV_TRACE, CURV_CHANNELS };
extern const char *const curvature_channel_names[]; /* "lambda_min", ..., NULL */

typedef struct {
    double lambda_min, lambda_max;
    double v_min[2], v_max[2]; /* unit eigenvectors (w_x, w_rec components) */
    double ratio;              /* lambda_min / lambda_max */
    double det, trace;
    double cond; /* |lambda|_max / |lambda|_min */
} curvature_eig;

/* Eigen-decomposition of the symmetric [[hxx, hxr], [hxr, hrr]] (NaN
 * entries are taken as +inf). */
void curvature_eig2(double hxx, double hxr, double hrr, curvature_eig *e);

/* The Hessian at one point checked against central differences of the
 * exact (backpropagated, rnn2_gradient) gradient:
 * num_ij = (g_i(w + eps e_j) - g_i(w - eps e_j)) / 2 eps. An entry passes
 * when |num - exact| <= atol + rtol * max|H| (the largest entry sets the
 * scale: an entry near zero is as exact as the others in absolute terms). */
typedef struct {
    double eps, rtol, atol; /* defaults 1e-5, 1e-6, 1e-8 */
} curvature_check_opts;

typedef enum { CURV_CHECK_PASS = 0, CURV_CHECK_FAIL, CURV_CHECK_NOT_FINITE } curvature_verdict;
extern const char *const curvature_verdict_names[]; /* "pass", "FAIL", "not finite" */

typedef struct {
    double exact[2][2], numerical[2][2]; /* [i][j]: d(dxi/dw_i)/dw_j */
    double abs_err[2][2], rel_err[2][2]; /* rel_err = abs_err / max|H| */
    curvature_verdict verdict[2][2], worst;
} curvature_check;

curvature_check_opts curvature_check_defaults(void);
/* h: the model's Hessian from rnn2_hessian. RS_ENOMEM from the gradient. */
rs_status curvature_check_at(const rnn2_model *lm, const dataset *ds, const rnn2_hess *h,
                             const curvature_check_opts *o, curvature_check *out);

/* What a map is of: the data set, activation and initial state. */
typedef struct {
    const dataset *ds;
    activation f;
    double s0;
} curvature_problem;

/* Rows wrec[0..nrec) of a map over wx[0..nx): out is nrec x nx x
 * CURV_CHANNELS, point-major (out[(j*nx + i)*CURV_CHANNELS + c]).
 * hess (optional, nrec x nx x 3) receives the entries hxx, hxr, hrr.
 * RS_EINVAL for an empty data set, an unknown activation or non-finite
 * data, weights or s0; RS_ERANGE if the sizes overflow. */
rs_status curvature_rows(const curvature_problem *p, const double *wx, size_t nx,
                         const double *wrec, size_t nrec, double *out, double *hess);

#endif
