/* kernel_simd.h: the brute-force surface tile, written once over the
 * vector vocabulary of vmath_simd.h and compiled once per instruction set.
 *
 * NOT a normal header: included by the per-ISA translation units after
 * vmath_simd.h, with KERNEL_ISA (a name suffix), KERNEL_NV_LIN and
 * KERNEL_NV_NL (vectors per tile for the cheap and the expensive
 * activations) defined. It defines
 *
 *   void kernel_tile_<ISA>(const kernel_tile_job *job);
 *   void vmath_tanh_<ISA>(const double *x, double *y, size_t n);
 *   void vmath_sigmoid_<ISA>(const double *x, double *y, size_t n);
 *   size_t kernel_tile_lanes_<ISA>(activation f);
 *
 * A tile is a set of lanes (grid points) sharing one weight: in column mode
 * the lanes differ in w_rec and share w_x; in row mode they differ in w_x
 * and share w_rec. Every lane runs exactly this sequence, whatever the tile,
 * the mode, the thread or the number of threads:
 *
 *   acc = 0
 *   for each sample i in order:  s = s_0
 *       for k = 1..T:  s = f(s*w_rec + x_ik*w_x)   (two roundings, then +)
 *       e = t_i - s;   acc = acc + e*e             (no fused multiply-add)
 *   loss = acc / M
 *
 * so a lane's value never depends on its neighbours or on scheduling.
 */

#include "kernel_isa.h"

#define KCAT_(a, b) a##_##b
#define KCAT(a, b) KCAT_(a, b)
/* The lane loops must be fully unrolled so that the states live in
 * registers (GCC does not unroll at -O2 by itself). */
#define KERNEL_UNROLL _Pragma("GCC unroll 16")

static inline __attribute__((always_inline)) VT kernel_act(int f, VT z)
{
    switch (f) {
    case ACT_TANH: return vm_tanh(z);
    case ACT_SIGMOID: return vm_sigmoid(z);
    case ACT_RELU: return V_MAXX(z, V_ZERO()); /* NaN propagates */
    default: return z;
    }
}

/* NV vectors of lanes; f and colmode are compile-time constants at each
 * call site below, so the switch and the branch fold away. */
static inline __attribute__((always_inline)) void
kernel_tile_body(const kernel_tile_job *J, const int f, const int colmode, const int NV)
{
    VT A[KERNEL_NV_MAX], S[KERNEL_NV_MAX], ACC[KERNEL_NV_MAX];
    const double *x = J->x;
    const size_t T = J->T, m = J->m;
    const double fixed = J->fixed;
    const VT fixedv = V_SET1(fixed);
    const VT s0v = V_SET1(J->s0);

    KERNEL_UNROLL for (int v = 0; v < NV; v++)
    {
        A[v] = V_LOADU(J->lane_w + (size_t)v * VL);
        ACC[v] = V_ZERO();
    }
    for (size_t i = 0; i < m; i++) {
        const double *xi = x + i * T;
        KERNEL_UNROLL for (int v = 0; v < NV; v++) S[v] = s0v;
        for (size_t k = 0; k < T; k++) {
            if (colmode) {
                /* lanes: w_rec = A; shared w_x = fixed */
                const VT q = V_SET1(xi[k] * fixed);
                KERNEL_UNROLL for (int v = 0; v < NV; v++) S[v] =
                    kernel_act(f, V_ADD(V_MUL(S[v], A[v]), q));
            } else {
                /* lanes: w_x = A; shared w_rec = fixed */
                const VT xb = V_SET1(xi[k]);
                KERNEL_UNROLL for (int v = 0; v < NV; v++) S[v] =
                    kernel_act(f, V_ADD(V_MUL(S[v], fixedv), V_MUL(xb, A[v])));
            }
        }
        const VT tv = V_SET1(J->t[i]);
        KERNEL_UNROLL for (int v = 0; v < NV; v++)
        {
            VT e = V_SUB(tv, S[v]);
            ACC[v] = V_ADD(ACC[v], V_MUL(e, e));
        }
    }
    const VT mv = V_SET1((double)m);
    KERNEL_UNROLL for (int v = 0; v < NV; v++)
        V_STOREU(J->lane_out + (size_t)v * VL, V_DIV(ACC[v], mv));
}

#define KERNEL_TILE_FN(f, nv)                                                                      \
    static void KCAT(kernel_tile_col, f)(const kernel_tile_job *J)                                 \
    {                                                                                              \
        kernel_tile_body(J, f, 1, nv);                                                             \
    }                                                                                              \
    static void KCAT(kernel_tile_row, f)(const kernel_tile_job *J)                                 \
    {                                                                                              \
        kernel_tile_body(J, f, 0, nv);                                                             \
    }

KERNEL_TILE_FN(ACT_LINEAR, KERNEL_NV_LIN)
KERNEL_TILE_FN(ACT_RELU, KERNEL_NV_LIN)
KERNEL_TILE_FN(ACT_TANH, KERNEL_NV_NL)
KERNEL_TILE_FN(ACT_SIGMOID, KERNEL_NV_NL)

size_t KCAT(kernel_tile_lanes, KERNEL_ISA)(activation f)
{
    return (f == ACT_TANH || f == ACT_SIGMOID) ? (size_t)KERNEL_NV_NL * VL
                                               : (size_t)KERNEL_NV_LIN * VL;
}

void KCAT(kernel_tile, KERNEL_ISA)(const kernel_tile_job *J)
{
    switch (J->f) {
    case ACT_TANH:
        J->colmode ? KCAT(kernel_tile_col, ACT_TANH)(J) : KCAT(kernel_tile_row, ACT_TANH)(J);
        break;
    case ACT_SIGMOID:
        J->colmode ? KCAT(kernel_tile_col, ACT_SIGMOID)(J) : KCAT(kernel_tile_row, ACT_SIGMOID)(J);
        break;
    case ACT_RELU:
        J->colmode ? KCAT(kernel_tile_col, ACT_RELU)(J) : KCAT(kernel_tile_row, ACT_RELU)(J);
        break;
    default:
        J->colmode ? KCAT(kernel_tile_col, ACT_LINEAR)(J) : KCAT(kernel_tile_row, ACT_LINEAR)(J);
        break;
    }
}

/* Whole arrays: full vectors, then the tail through a padded buffer. */
#define VMATH_ARRAY_FN(name, op)                                                                   \
    void KCAT(name, KERNEL_ISA)(const double *x, double *y, size_t n)                              \
    {                                                                                              \
        size_t i = 0;                                                                              \
        for (; i + VL <= n; i += VL)                                                               \
            V_STOREU(y + i, op(V_LOADU(x + i)));                                                   \
        if (i < n) {                                                                               \
            double buf[VL];                                                                        \
            for (size_t j = 0; j < VL; j++)                                                        \
                buf[j] = i + j < n ? x[i + j] : 0.0;                                               \
            V_STOREU(buf, op(V_LOADU(buf)));                                                       \
            for (size_t j = 0; i + j < n; j++)                                                     \
                y[i + j] = buf[j];                                                                 \
        }                                                                                          \
    }

VMATH_ARRAY_FN(vmath_tanh, vm_tanh)
VMATH_ARRAY_FN(vmath_sigmoid, vm_sigmoid)
