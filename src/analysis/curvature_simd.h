/* curvature_simd.h: the curvature-map tile, written once with GCC's
 * generic vector types and compiled once per instruction set.
 *
 * NOT a normal header: included by curvature_{avx512,avx2,generic}.c
 * (each with its own target pragma) after defining CURV_ISA, the name
 * suffix. A tile is CURV_LANES grid points of one row (lanes differ in w_x,
 * share w_rec). Every lane runs this fixed sequence, whatever the tile or
 * thread, with no fused multiply-adds (fp-contract is off in each file):
 *
 *   for each sample i in order: the forward jet of rnn2_hessian.h (state,
 *   first and second derivatives in w_x and w_rec), then
 *   e = y - t;  sums += (e^2, e a, e b, a a + e aa, a b + e ab, b b + e bb)
 */

#include "activation.h"
#include "curvature_isa.h"

#define CURV_CAT_(a, b) a##_##b
#define CURV_CAT(a, b) CURV_CAT_(a, b)
#define CURV_UNROLL _Pragma("GCC unroll 8")

typedef double cv_t __attribute__((vector_size(CURV_VL * sizeof(double))));
typedef long long cm_t __attribute__((vector_size(CURV_VL * sizeof(double))));

/* One jet of CURV_NV vectors of lanes. */
typedef struct {
    cv_t s[CURV_NV], a[CURV_NV], b[CURV_NV], aa[CURV_NV], ab[CURV_NV], bb[CURV_NV];
} curv_jet;

/* f', f'' of the activation through s = f(z), lane by lane (rnn2_slopes). */
static inline __attribute__((always_inline)) void curv_slopes(int f, const cv_t *sp, cv_t *d1,
                                                              cv_t *d2)
{
    const cv_t s = *sp;
    if (f == ACT_TANH) {
        *d1 = 1.0 - s * s;
        *d2 = -2.0 * s * *d1;
    } else {
        *d1 = s * (1.0 - s);
        *d2 = *d1 * (1.0 - 2.0 * s);
    }
}

/* One step of the recurrence for every lane; wr is shared, wx per lane. */
static inline __attribute__((always_inline)) void
curv_step(const curv_tile_job *J, const int f, curv_jet *q, const cv_t *wx, double x, cm_t *bad)
{
    const cv_t wr = (cv_t){0} + J->wrec;
    cv_t zx[CURV_NV], zr[CURV_NV], zxx[CURV_NV], zxr[CURV_NV], zrr[CURV_NV], z[CURV_NV];
    CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
    {
        zx[v] = q->a[v] * wr + x;
        zr[v] = q->b[v] * wr + q->s[v];
        zxx[v] = q->aa[v] * wr;
        zxr[v] = q->ab[v] * wr + q->a[v];
        zrr[v] = q->bb[v] * wr + 2.0 * q->b[v];
        z[v] = q->s[v] * wr + x * wx[v];
    }
    if (f == ACT_LINEAR) {
        CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
        {
            q->s[v] = z[v], q->a[v] = zx[v], q->b[v] = zr[v];
            q->aa[v] = zxx[v], q->ab[v] = zxr[v], q->bb[v] = zrr[v];
        }
        return;
    }
    if (f == ACT_RELU) {
        const cm_t one = (cm_t)((cv_t){0} + 1.0);
        CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
        {
            cm_t on = (cm_t)(z[v] > 0.0);
            *bad |= (cm_t)(z[v] != z[v]);
            cv_t d1 = (cv_t)(on & one);
            q->s[v] = (cv_t)(on & (cm_t)z[v]);
            q->a[v] = d1 * zx[v], q->b[v] = d1 * zr[v];
            q->aa[v] = d1 * zxx[v], q->ab[v] = d1 * zxr[v], q->bb[v] = d1 * zrr[v];
        }
        return;
    }
    J->act((const double *)z, (double *)q->s, CURV_LANES);
    CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
    {
        cv_t d1, d2;
        curv_slopes(f, &q->s[v], &d1, &d2);
        /* chain rule twice: d2 f(z) = f'' dz dz^T + f' d2z */
        q->a[v] = d1 * zx[v];
        q->b[v] = d1 * zr[v];
        q->aa[v] = d2 * zx[v] * zx[v] + d1 * zxx[v];
        q->ab[v] = d2 * zx[v] * zr[v] + d1 * zxr[v];
        q->bb[v] = d2 * zr[v] * zr[v] + d1 * zrr[v];
    }
}

static inline __attribute__((always_inline)) void curv_tile_body(const curv_tile_job *J,
                                                                 const int f)
{
    cv_t wx[CURV_NV], acc[CURV_SUMS][CURV_NV];
    cm_t bad = {0};
    CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
    {
        __builtin_memcpy(&wx[v], J->lane_wx + v * CURV_VL, sizeof wx[v]);
        for (int c = 0; c < CURV_SUMS; c++)
            acc[c][v] = (cv_t){0};
    }
    for (size_t i = 0; i < J->m; i++) {
        const double *xi = J->x + i * J->T;
        curv_jet q;
        CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
        {
            q.s[v] = (cv_t){0} + J->s0;
            q.a[v] = q.b[v] = q.aa[v] = q.ab[v] = q.bb[v] = (cv_t){0};
        }
        for (size_t k = 0; k < J->T; k++)
            curv_step(J, f, &q, wx, xi[k], &bad);
        const double t = J->t[i];
        CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
        {
            cv_t e = q.s[v] - t;
            acc[0][v] += e * e;
            acc[1][v] += e * q.a[v];
            acc[2][v] += e * q.b[v];
            /* Gauss-Newton part plus residual times the output's Hessian */
            acc[3][v] += q.a[v] * q.a[v] + e * q.aa[v];
            acc[4][v] += q.a[v] * q.b[v] + e * q.ab[v];
            acc[5][v] += q.b[v] * q.b[v] + e * q.bb[v];
        }
    }
    const cv_t nan = (cv_t){0} + __builtin_nan("");
    for (int c = 0; c < CURV_SUMS; c++)
        CURV_UNROLL for (int v = 0; v < CURV_NV; v++)
        {
            /* a relu lane whose pre-activation became NaN is marked NaN */
            cv_t r = (cv_t)(((cm_t)acc[c][v] & ~bad) | ((cm_t)nan & bad));
            __builtin_memcpy(J->sums + c * CURV_LANES + v * CURV_VL, &r, sizeof r);
        }
}

static void CURV_CAT(curv_linear, CURV_ISA)(const curv_tile_job *J)
{
    curv_tile_body(J, ACT_LINEAR);
}
static void CURV_CAT(curv_relu, CURV_ISA)(const curv_tile_job *J) { curv_tile_body(J, ACT_RELU); }
static void CURV_CAT(curv_tanh, CURV_ISA)(const curv_tile_job *J) { curv_tile_body(J, ACT_TANH); }
static void CURV_CAT(curv_sigmoid, CURV_ISA)(const curv_tile_job *J)
{
    curv_tile_body(J, ACT_SIGMOID);
}

void CURV_CAT(curv_tile, CURV_ISA)(const curv_tile_job *J)
{
    switch (J->f) {
    case ACT_TANH: CURV_CAT(curv_tanh, CURV_ISA)(J); break;
    case ACT_SIGMOID: CURV_CAT(curv_sigmoid, CURV_ISA)(J); break;
    case ACT_RELU: CURV_CAT(curv_relu, CURV_ISA)(J); break;
    default: CURV_CAT(curv_linear, CURV_ISA)(J); break;
    }
}
