#include "addition_hessian.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Partial products are summed over at most this many chunks of sums. */
#define HESS_CHUNKS 64

/* One sum's forward and backward passes, kept for every product. */
typedef struct {
    double *h;  /* (T+1) x H states, h_0 = 0 */
    double *o;  /* T outputs */
    double *du; /* T: dE/du_k */
    double *dz; /* T x H: dE/dz_k at row k-1 */
    unsigned char *x, *c;
} sum_pass;

struct addition_hess {
    int T, H;
    size_t np, n;
    uint32_t *a, *b; /* the sums (copies) */
    const double *w; /* the caller's weights (not owned) */
    double *store;   /* the doubles of every sum_pass */
    unsigned char *bits;
    sum_pass *pass;
    double loss;
    double *grad;
};

static double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

/* Forward pass of a + b into p (as addition_forward does). */
static void forward(const addition_hess *hs, uint32_t a, uint32_t b, sum_pass *p)
{
    const size_t H = (size_t)hs->H;
    const double *w0 = hs->w, *w1 = hs->w + 2 * H, *wh = hs->w + 3 * H;
    uint32_t c = a + b;
    memset(p->h, 0, H * sizeof *p->h);
    for (int k = 1; k <= hs->T; k++) {
        int xa = (int)((a >> (k - 1)) & 1u), xb = (int)((b >> (k - 1)) & 1u);
        p->x[2 * (k - 1)] = (unsigned char)xa;
        p->x[2 * (k - 1) + 1] = (unsigned char)xb;
        p->c[k - 1] = (unsigned char)((c >> (k - 1)) & 1u);
        const double *hp = p->h + (size_t)(k - 1) * H;
        double *hk = p->h + (size_t)k * H, u = 0.0;
        for (size_t j = 0; j < H; j++) {
            double z = (double)xa * w0[j] + (double)xb * w0[H + j];
            for (size_t i = 0; i < H; i++)
                z += hp[i] * wh[i * H + j];
            hk[j] = sigmoid(z);
            u += hk[j] * w1[j];
        }
        p->o[k - 1] = sigmoid(u);
    }
}

/* BPTT with true signs; adds E's gradient into grad, returns E. */
static double backward(const addition_hess *hs, sum_pass *p, double *grad)
{
    const size_t H = (size_t)hs->H;
    const double *w1 = hs->w + 2 * H, *wh = hs->w + 3 * H;
    double e = 0.0;
    for (int k = hs->T; k >= 1; k--) {
        const double *hk = p->h + (size_t)k * H, *hp = hk - H;
        const double *dzn = k < hs->T ? p->dz + (size_t)k * H : NULL;
        double o = p->o[k - 1], r = o - (double)p->c[k - 1];
        e += 0.5 * r * r;
        double du = r * o * (1.0 - o); /* BPTT: dE/du_k = (o - c) o (1 - o) */
        p->du[k - 1] = du;
        double *dz = p->dz + (size_t)(k - 1) * H;
        for (size_t j = 0; j < H; j++) {
            double g = du * w1[j]; /* BPTT: dE/dh_k = du_k W1^T + dz_(k+1) Wh^T */
            if (dzn)
                for (size_t i = 0; i < H; i++)
                    g += wh[j * H + i] * dzn[i];
            dz[j] = g * hk[j] * (1.0 - hk[j]);
        }
        int xa = p->x[2 * (k - 1)], xb = p->x[2 * (k - 1) + 1];
        for (size_t j = 0; j < H; j++) {
            grad[2 * H + j] += hk[j] * du;
            grad[j] += (double)xa * dz[j];
            grad[H + j] += (double)xb * dz[j];
        }
        for (size_t i = 0; i < H; i++)
            for (size_t j = 0; j < H; j++)
                grad[3 * H + i * H + j] += hp[i] * dz[j];
    }
    return e;
}

/* Scratch for the R-passes of one sum along B directions at once; every
 * array is lane-minor ([...][b]) so the loops over b vectorise. */
typedef struct {
    double *rh;             /* (T+1) x H x B */
    double *ru;             /* T x B */
    double *rdz, *rdz_next; /* H x B each: Rdz_k and Rdz_(k+1) */
    double *rdu, *rg;       /* B each */
} r_work;

/* The R-forward pass along the directions vt (np x B, lane-minor). */
static inline __attribute__((always_inline)) void
r_forward(const addition_hess *hs, const sum_pass *p, const double *vt, r_work *rw, const size_t B)
{
    const size_t H = (size_t)hs->H;
    const double *w1 = hs->w + 2 * H, *wh = hs->w + 3 * H;
    const double *v0 = vt, *v1 = vt + 2 * H * B, *vh = vt + 3 * H * B;
    memset(rw->rh, 0, H * B * sizeof *rw->rh);
    for (int k = 1; k <= hs->T; k++) {
        const double xa = p->x[2 * (k - 1)], xb = p->x[2 * (k - 1) + 1];
        const double *hp = p->h + (size_t)(k - 1) * H, *hk = hp + H;
        const double *rhp = rw->rh + (size_t)(k - 1) * H * B;
        double *rz = rw->rh + (size_t)k * H * B, *ru = rw->ru + (size_t)(k - 1) * B;
        /* Rz_k = x_k V0 + Rh_(k-1) Wh + h_(k-1) Vh */
        for (size_t j = 0; j < H; j++)
#pragma omp simd
            for (size_t b = 0; b < B; b++)
                rz[j * B + b] = xa * v0[j * B + b] + xb * v0[(H + j) * B + b];
        for (size_t i = 0; i < H; i++) {
            const double hpi = hp[i];
            for (size_t j = 0; j < H; j++) {
                const double wij = wh[i * H + j];
                const double *vhij = vh + (i * H + j) * B, *rhpi = rhp + i * B;
                double *rzj = rz + j * B;
#pragma omp simd
                for (size_t b = 0; b < B; b++)
                    rzj[b] += rhpi[b] * wij + hpi * vhij[b];
            }
        }
#pragma omp simd
        for (size_t b = 0; b < B; b++)
            ru[b] = 0.0;
        for (size_t j = 0; j < H; j++) {
            const double sh = hk[j] * (1.0 - hk[j]), w1j = w1[j], hkj = hk[j];
#pragma omp simd
            for (size_t b = 0; b < B; b++) {
                rz[j * B + b] *= sh;                                /* Rh_k = h(1-h) Rz_k */
                ru[b] += rz[j * B + b] * w1j + hkj * v1[j * B + b]; /* Ru_k = Rh_k W1 + h_k V1 */
            }
        }
    }
}

/* The R-backward pass, adding H v for this sum into hvt (np x B). */
static inline __attribute__((always_inline)) void r_backward(const addition_hess *hs,
                                                             const sum_pass *p, const double *vt,
                                                             r_work *rw, double *hvt,
                                                             const size_t B)
{
    const size_t H = (size_t)hs->H;
    const double *w1 = hs->w + 2 * H, *wh = hs->w + 3 * H;
    const double *v1 = vt + 2 * H * B, *vh = vt + 3 * H * B;
    double *h0 = hvt, *h1 = hvt + 2 * H * B, *hh = hvt + 3 * H * B;
    for (int k = hs->T; k >= 1; k--) {
        const double *hk = p->h + (size_t)k * H, *hp = hk - H;
        const double *rhk = rw->rh + (size_t)k * H * B, *rhp = rhk - H * B;
        const double *dz = p->dz + (size_t)(k - 1) * H;
        const double *dzn = k < hs->T ? p->dz + (size_t)k * H : NULL;
        const double o = p->o[k - 1], r = o - (double)p->c[k - 1], s = o * (1.0 - o);
        const double du = p->du[k - 1], cu = s * s + r * s * (1.0 - 2.0 * o);
        const double *ru = rw->ru + (size_t)(k - 1) * B;
        double *rdu = rw->rdu, *rg = rw->rg, *rdz = rw->rdz, *rdzn = rw->rdz_next;
#pragma omp simd
        for (size_t b = 0; b < B; b++)
            rdu[b] = ru[b] * cu; /* Rdu_k = Ru_k [(o(1-o))^2 + (o-c) o(1-o)(1-2o)] */
        for (size_t j = 0; j < H; j++) {
            /* g_k and Rg_k = Rdu W1^T + du V1^T + Rdz_(k+1) Wh^T + dz_(k+1) Vh^T */
            double g = du * w1[j];
#pragma omp simd
            for (size_t b = 0; b < B; b++)
                rg[b] = rdu[b] * w1[j] + du * v1[j * B + b];
            if (dzn)
                for (size_t i = 0; i < H; i++) {
                    const double wji = wh[j * H + i], dzi = dzn[i];
                    const double *vhji = vh + (j * H + i) * B, *rdzi = rdzn + i * B;
                    g += wji * dzi;
#pragma omp simd
                    for (size_t b = 0; b < B; b++)
                        rg[b] += wji * rdzi[b] + dzi * vhji[b];
                }
            /* Rdz_k = Rg_k h(1-h) + g_k (1-2h) Rh_k */
            const double sh = hk[j] * (1.0 - hk[j]), gc = g * (1.0 - 2.0 * hk[j]);
#pragma omp simd
            for (size_t b = 0; b < B; b++)
                rdz[j * B + b] = rg[b] * sh + gc * rhk[j * B + b];
        }
        const double xa = p->x[2 * (k - 1)], xb = p->x[2 * (k - 1) + 1];
        for (size_t j = 0; j < H; j++) {
            const double hkj = hk[j];
#pragma omp simd
            for (size_t b = 0; b < B; b++) {
                h1[j * B + b] += rhk[j * B + b] * du + hkj * rdu[b];
                h0[j * B + b] += xa * rdz[j * B + b];
                h0[(H + j) * B + b] += xb * rdz[j * B + b];
            }
        }
        for (size_t i = 0; i < H; i++) {
            const double hpi = hp[i];
            const double *rhpi = rhp + i * B;
            for (size_t j = 0; j < H; j++) {
                const double dzj = dz[j];
                double *hij = hh + (i * H + j) * B;
                const double *rdzj = rdz + j * B;
#pragma omp simd
                for (size_t b = 0; b < B; b++)
                    hij[b] += rhpi[b] * dzj + hpi * rdzj[b];
            }
        }
        rw->rdz_next = rdz;
        rw->rdz = rdzn;
    }
}

static rs_status r_work_alloc(const addition_hess *hs, r_work *rw, size_t B)
{
    size_t H = (size_t)hs->H, T = (size_t)hs->T;
    rw->rh = malloc(((T + 1) * H + T + 2 * H + 2) * B * sizeof *rw->rh);
    if (!rw->rh)
        return RS_ENOMEM;
    rw->ru = rw->rh + (T + 1) * H * B;
    rw->rdz = rw->ru + T * B;
    rw->rdz_next = rw->rdz + H * B;
    rw->rdu = rw->rdz_next + H * B;
    rw->rg = rw->rdu + B;
    return RS_OK;
}

/* Directions per block of the products: the loops over them are SIMD. */
#define HESS_BLOCK 16

/* Adds sum_{i in [i0, i1)} H_i V into hvt (np x B lane-minor, zeroed
 * here) for B = 1 or HESS_BLOCK directions vt. Compiled twice, for AVX2
 * and for the baseline, the CPU choosing at load time (GCC's
 * target_clones); on one machine the result is the same whatever the
 * threads. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static rs_status
range_product(const addition_hess *hs, size_t i0, size_t i1, const double *vt, size_t B,
              double *hvt)
{
    r_work rw;
    if (r_work_alloc(hs, &rw, B) != RS_OK)
        return RS_ENOMEM;
    memset(hvt, 0, hs->np * B * sizeof *hvt);
    for (size_t i = i0; i < i1; i++) {
        if (B == HESS_BLOCK) {
            r_forward(hs, &hs->pass[i], vt, &rw, HESS_BLOCK);
            r_backward(hs, &hs->pass[i], vt, &rw, hvt, HESS_BLOCK);
        } else {
            r_forward(hs, &hs->pass[i], vt, &rw, 1);
            r_backward(hs, &hs->pass[i], vt, &rw, hvt, 1);
        }
    }
    free(rw.rh);
    return RS_OK;
}

rs_status addition_hess_new(const addition_net *net, const double *w, size_t n, const uint32_t *a,
                            const uint32_t *b, addition_hess **out)
{
    *out = NULL;
    if (!net || !w || n == 0 || !a || !b)
        return RS_EINVAL;
    uint32_t lim = (uint32_t)1 << (net->bits - 1);
    for (size_t i = 0; i < n; i++)
        if (a[i] >= lim || b[i] >= lim)
            return RS_EINVAL;
    addition_hess *hs = calloc(1, sizeof *hs);
    if (!hs)
        return RS_ENOMEM;
    size_t T = (size_t)net->bits, H = (size_t)net->hidden;
    size_t per = (T + 1) * H + T + T + T * H;
    *hs = (addition_hess){net->bits, net->hidden, net->nparams, n,    NULL, NULL,
                          w,         NULL,        NULL,         NULL, 0.0,  NULL};
    hs->a = malloc(n * sizeof *hs->a);
    hs->b = malloc(n * sizeof *hs->b);
    hs->store = per <= (size_t)-1 / sizeof(double) / n ? malloc(n * per * sizeof(double)) : NULL;
    hs->bits = malloc(n * 3 * T);
    hs->pass = malloc(n * sizeof *hs->pass);
    hs->grad = calloc(hs->np, sizeof *hs->grad);
    double *part = calloc(HESS_CHUNKS * hs->np, sizeof *part);
    double part_loss[HESS_CHUNKS] = {0};
    if (!hs->store || !hs->bits || !hs->pass || !hs->grad || !part || !hs->a || !hs->b) {
        free(part);
        addition_hess_free(hs);
        return RS_ENOMEM;
    }
    memcpy(hs->a, a, n * sizeof *a);
    memcpy(hs->b, b, n * sizeof *b);
    size_t chunks = n < HESS_CHUNKS ? n : HESS_CHUNKS;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1)
#endif
    for (long long c = 0; c < (long long)chunks; c++) {
        size_t i0 = (size_t)c * n / chunks, i1 = ((size_t)c + 1) * n / chunks;
        for (size_t i = i0; i < i1; i++) {
            sum_pass *p = &hs->pass[i];
            p->h = hs->store + i * per;
            p->o = p->h + (T + 1) * H;
            p->du = p->o + T;
            p->dz = p->du + T;
            p->x = hs->bits + i * 3 * T;
            p->c = p->x + 2 * T;
            forward(hs, a[i], b[i], p);
            part_loss[c] += backward(hs, p, part + (size_t)c * hs->np);
        }
    }
    /* chunk order, whatever the threads: the same bits for any count */
    double loss = 0.0;
    for (size_t c = 0; c < chunks; c++) {
        loss += part_loss[c];
        for (size_t q = 0; q < hs->np; q++)
            hs->grad[q] += part[c * hs->np + q];
    }
    for (size_t q = 0; q < hs->np; q++)
        hs->grad[q] /= (double)n;
    hs->loss = loss / (double)n;
    free(part);
    *out = hs;
    return RS_OK;
}

void addition_hess_free(addition_hess *h)
{
    if (!h)
        return;
    free(h->store);
    free(h->a);
    free(h->b);
    free(h->bits);
    free(h->pass);
    free(h->grad);
    free(h);
}

double addition_hess_loss(const addition_hess *h) { return addition_loss_defined(h->loss); }

void addition_hess_gradient(const addition_hess *h, double *grad)
{
    memcpy(grad, h->grad, h->np * sizeof *grad);
}

/* H V for B directions (lane-minor vt, np x B) over all sums: chunks in
 * parallel, their partial products added in chunk order. strict: a
 * product that is not finite is RS_ERANGE; else it is kept, an undefined
 * entry (NaN: inf - inf, 0 * inf) made +inf (the README's rule). */
static rs_status block_product(const addition_hess *h, const double *vt, size_t B, double *hvt,
                               int strict)
{
    size_t chunks = h->n < HESS_CHUNKS ? h->n : HESS_CHUNKS;
    double *part = malloc(chunks * h->np * B * sizeof *part);
    if (!part)
        return RS_ENOMEM;
    int failed = 0;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) reduction(| : failed)
#endif
    for (long long c = 0; c < (long long)chunks; c++) {
        size_t i0 = (size_t)c * h->n / chunks, i1 = ((size_t)c + 1) * h->n / chunks;
        failed |= range_product(h, i0, i1, vt, B, part + (size_t)c * h->np * B) != RS_OK;
    }
    if (!failed) {
        memset(hvt, 0, h->np * B * sizeof *hvt);
        for (size_t c = 0; c < chunks; c++)
            for (size_t q = 0; q < h->np * B; q++)
                hvt[q] += part[c * h->np * B + q];
        for (size_t q = 0; q < h->np * B; q++) {
            hvt[q] /= (double)h->n;
            /* past the double range (or inf - inf) no spectrum can be
             * taken: say so rather than hand NaN to the eigensolver */
            if (!isfinite(hvt[q]) && strict)
                failed = 2;
            else if (isnan(hvt[q]))
                hvt[q] = INFINITY;
        }
    }
    free(part);
    return failed == 2 ? RS_ERANGE : failed ? RS_ENOMEM : RS_OK;
}

rs_status addition_hess_vec(const addition_hess *h, const double *v, double *hv)
{
    return block_product(h, v, 1, hv, 1);
}

static rs_status hess_mat(const addition_hess *h, const double *v, size_t nv, double *hv,
                          int strict)
{
    const size_t np = h->np, B = HESS_BLOCK;
    double *vt = malloc(2 * np * B * sizeof *vt);
    if (!vt)
        return RS_ENOMEM;
    double *hvt = vt + np * B;
    rs_status st = RS_OK;
    for (size_t j0 = 0; st == RS_OK && j0 < nv; j0 += B) {
        size_t nb = nv - j0 < B ? nv - j0 : B;
        for (size_t q = 0; q < np; q++)
            for (size_t b = 0; b < B; b++)
                vt[q * B + b] = b < nb ? v[(j0 + b) * np + q] : 0.0;
        st = block_product(h, vt, B, hvt, strict);
        for (size_t b = 0; st == RS_OK && b < nb; b++)
            for (size_t q = 0; q < np; q++)
                hv[(j0 + b) * np + q] = hvt[q * B + b];
    }
    free(vt);
    return st;
}

rs_status addition_hess_mat(const addition_hess *h, const double *v, size_t nv, double *hv)
{
    return hess_mat(h, v, nv, hv, 1);
}

/* The symmetric entry from H_ij and H_ji: their mean; with an infinite
 * one the infinity, +inf when they disagree (undetermined). */
static double sym_entry(double s, double t)
{
    if (isfinite(s) && isfinite(t))
        return 0.5 * (s + t);
    if (isinf(s) && isinf(t) && s != t)
        return INFINITY;
    return isinf(s) ? s : t;
}

static rs_status hess_dense(const addition_hess *h, double *hess, double *asym, int strict)
{
    const size_t np = h->np;
    double *eye = calloc(np * np, sizeof *eye);
    if (!eye)
        return RS_ENOMEM;
    for (size_t j = 0; j < np; j++)
        eye[j * np + j] = 1.0;
    /* row j of H = (H e_j)^T: H is symmetric up to rounding */
    rs_status st = hess_mat(h, eye, np, hess, strict);
    free(eye);
    if (st != RS_OK)
        return st;
    double big = 0.0, worst = 0.0;
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < np; j++)
            if (isfinite(hess[i * np + j]))
                big = fmax(big, fabs(hess[i * np + j]));
    for (size_t i = 0; i < np; i++)
        for (size_t j = i + 1; j < np; j++) {
            double s = hess[i * np + j], t = hess[j * np + i];
            if (isfinite(s) && isfinite(t))
                worst = fmax(worst, fabs(s - t));
            hess[i * np + j] = hess[j * np + i] = sym_entry(s, t);
        }
    if (asym)
        *asym = big > 0.0 ? worst / big : 0.0;
    return RS_OK;
}

rs_status addition_hess_dense(const addition_hess *h, double *hess, double *asym)
{
    return hess_dense(h, hess, asym, 1);
}

rs_status addition_hess_dense_extended(const addition_hess *h, double *hess)
{
    return hess_dense(h, hess, NULL, 0);
}

rs_status addition_hess_trace(const addition_hess *h, double *trace)
{
    const size_t np = h->np, B = HESS_BLOCK;
    double *e = calloc(2 * B * np, sizeof *e);
    if (!e)
        return RS_ENOMEM;
    double *he = e + B * np, tr = 0.0;
    rs_status st = RS_OK;
    for (size_t j0 = 0; st == RS_OK && j0 < np; j0 += B) {
        size_t nb = np - j0 < B ? np - j0 : B;
        memset(e, 0, B * np * sizeof *e);
        for (size_t b = 0; b < nb; b++)
            e[b * np + j0 + b] = 1.0;
        st = addition_hess_mat(h, e, nb, he);
        for (size_t b = 0; st == RS_OK && b < nb; b++)
            tr += he[b * np + j0 + b]; /* e_j^T H e_j */
    }
    free(e);
    if (st == RS_OK)
        *trace = tr;
    return st;
}

rs_status addition_hess_check(const addition_hess *h, const addition_net *net, const double *v,
                              double eps, double *err)
{
    const size_t np = h->np;
    double *buf = malloc(5 * np * sizeof *buf);
    if (!buf)
        return RS_ENOMEM;
    double *hv = buf, *wp = hv + np, *wm = wp + np, *gp = wm + np, *gm = gp + np;
    for (size_t q = 0; q < np; q++) {
        wp[q] = h->w[q] + eps * v[q];
        wm[q] = h->w[q] - eps * v[q];
    }
    addition_hess *hp = NULL, *hm = NULL;
    rs_status st = addition_hess_vec(h, v, hv);
    if (st == RS_OK)
        st = addition_hess_new(net, wp, h->n, h->a, h->b, &hp);
    if (st == RS_OK)
        st = addition_hess_new(net, wm, h->n, h->a, h->b, &hm);
    if (st == RS_OK) {
        addition_hess_gradient(hp, gp);
        addition_hess_gradient(hm, gm);
        double worst = 0.0, scale = 0.0;
        for (size_t q = 0; q < np; q++) {
            double num = (gp[q] - gm[q]) / (2.0 * eps); /* central difference */
            if (!isfinite(num))
                st = RS_ERANGE; /* no comparison possible (fmax would drop a NaN) */
            scale = fmax(scale, fabs(hv[q]));
            worst = fmax(worst, fabs(num - hv[q]));
        }
        if (st == RS_OK)
            *err = scale > 0.0 ? worst / scale : worst;
    }
    addition_hess_free(hp);
    addition_hess_free(hm);
    free(buf);
    return st;
}

double addition_hess_bytes(int bits, int hidden, double nsums)
{
    double T = bits, H = hidden, np = (double)addition_nparams(hidden);
    double per = (T + 1) * H + 2 * T + T * H; /* h, o, du, dz per sum (addition_hess_new) */
    return nsums * (per * sizeof(double) + 3 * T + 2 * sizeof(uint32_t) + sizeof(sum_pass)) +
           (HESS_CHUNKS + 1) * np * sizeof(double) + sizeof(addition_hess);
}

double addition_hess_product_bytes(int bits, int hidden, double nsums, size_t threads)
{
    double T = bits, H = hidden, np = (double)addition_nparams(hidden), B = HESS_BLOCK;
    double chunks = fmin(nsums, HESS_CHUNKS);
    double rwork = ((T + 1) * H + T + 2 * H + 2) * B * sizeof(double); /* r_work_alloc */
    /* block_product's partials; addition_hess_mat's vt and hvt; the trace's probes */
    return (chunks * np * B + 2 * np * B + 2 * B * np) * sizeof(double) +
           (double)threads * rwork;
}

double addition_hess_dense_bytes(int hidden)
{
    double np = (double)addition_nparams(hidden);
    return 2.0 * np * np * sizeof(double); /* the identity and H */
}
