/* addition_hessian.h: exact second derivatives of the binary-addition RNN
 * (addition.h): Hessian-vector products of the mean loss over a set of sums
 *
 *     L(w) = (1/N) sum_{(a,b) in the set} E(a, b),  E = sum_k 1/2 (c_k - o_k)^2
 *
 * by Pearlmutter's R-operator (forward-over-reverse) through the BPTT
 * recurrence, the dense Hessian from n of them (one per unit vector), and
 * the mean gradient they are checked against.
 *
 * R-forward (direction V = (V0, V1, Vh); R x = dx/dt along w + tV at t = 0):
 *   Rz_k = x_k V0 + Rh_(k-1) Wh + h_(k-1) Vh,  Rh_k = h_k(1-h_k) Rz_k
 *   Ru_k = Rh_k W1 + h_k V1                     (o_k = sigma(u_k))
 * R-backward (du_k = dE/du_k = (o_k - c_k) o_k(1-o_k), dz_k = dE/dz_k):
 *   Rdu_k = Ru_k [(o(1-o))^2 + (o-c) o(1-o)(1-2o)]
 *   Rg_k  = Rdu_k W1^T + du_k V1^T + Rdz_(k+1) Wh^T + dz_(k+1) Vh^T
 *   Rdz_k = Rg_k h(1-h) + g_k (1-2h) Rh_k       (g_k = dE/dh_k)
 *   (Hv)_W1 += Rh_k du_k + h_k Rdu_k,  (Hv)_Wh += Rh_(k-1)^T dz_k + h_(k-1)^T Rdz_k,
 *   (Hv)_W0 += x_k^T Rdz_k
 *
 * The forward and backward passes of every sum are computed once and kept
 * (addition_hess_new), so each product costs only the two R-passes. Sums
 * are split into a fixed number of chunks independent of the thread count
 * and their partial products added in chunk order: results are identical
 * for any number of threads. */
#ifndef RNNSCAPE_ADDITION_HESSIAN_H
#define RNNSCAPE_ADDITION_HESSIAN_H

#include <stddef.h>
#include <stdint.h>

#include "addition.h"
#include "status.h"

typedef struct addition_hess addition_hess;

/* The most parameters a dense Hessian is formed for (hidden <= 62): an
 * eigensolver of about 9 n^3 flops takes minutes beyond. */
#define ADDITION_HESS_DENSE_MAX 4096

/* Prepares L over the n sums (a[i], b[i]) at weights w (net gives the
 * shape; w has net->nparams entries). The pairs must be below
 * 2^(bits-1) (RS_EINVAL otherwise, or for n = 0). */
rs_status addition_hess_new(const addition_net *net, const double *w, size_t n, const uint32_t *a,
                            const uint32_t *b, addition_hess **out);
void addition_hess_free(addition_hess *h);

/* L (+inf where it met an undefined form: addition_loss_defined) and its
 * gradient at the prepared weights. */
double addition_hess_loss(const addition_hess *h);
void addition_hess_gradient(const addition_hess *h, double *grad);

/* hv = H v (nparams entries each). RS_ENOMEM if scratch fails. */
rs_status addition_hess_vec(const addition_hess *h, const double *v, double *hv);

/* hv[j*np ..] = H v[j*np ..] for nv directions at once (rows of v and
 * hv), processed in blocks whose inner loops run across directions. */
rs_status addition_hess_mat(const addition_hess *h, const double *v, size_t nv, double *hv);

/* The dense Hessian, row-major nparams x nparams, made exactly symmetric
 * by averaging H and its transpose; *asym (optional) gets the largest
 * |H_ij - H_ji| before that, relative to max |H_ij|. */
rs_status addition_hess_dense(const addition_hess *h, double *hess, double *asym);

/* The same where entries need not be finite (a map over a plane that
 * reaches past the double range): an overflowing entry is its signed
 * infinity, an undefined one (inf - inf, 0 * inf) +inf, and H_ij, H_ji of
 * opposite infinities +inf; never RS_ERANGE. */
rs_status addition_hess_dense_extended(const addition_hess *h, double *hess);

/* The exact trace, sum_j e_j^T H e_j, without storing H. */
rs_status addition_hess_trace(const addition_hess *h, double *trace);

/* H v against central differences of the exact (BPTT) gradient along v,
 * (g(w + eps v) - g(w - eps v)) / 2 eps: *err gets max_i |num_i - (Hv)_i| /
 * max_i |(Hv)_i|. net and the sums as for addition_hess_new. */
rs_status addition_hess_check(const addition_hess *h, const addition_net *net, const double *v,
                              double eps, double *err);

/* ---- memory estimates (bytes, as doubles so a huge shape cannot wrap) --
 * Upper bounds of what the code allocates, for refusing before it does. */

/* addition_hess_new over nsums sums: every sum's passes, the gradient and
 * its per-chunk partials. */
double addition_hess_bytes(int bits, int hidden, double nsums);
/* The scratch of one block of products (addition_hess_mat, _trace,
 * _vec), `threads` chunks at a time: the partial products of every chunk
 * and each thread's R-pass buffers. */
double addition_hess_product_bytes(int bits, int hidden, double nsums, size_t threads);
/* addition_hess_dense beyond the products: the identity it multiplies
 * and the nparams x nparams result. */
double addition_hess_dense_bytes(int hidden);

#endif
