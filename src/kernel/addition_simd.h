/* addition_simd.h: the addition model's dense kernels (addition_kernel.h),
 * written once over a small vector vocabulary and compiled once per
 * instruction set.
 *
 * NOT a normal header: included by addition_{avx512,avx2,sse2,scalar}.c, which
 * define first
 *
 *   AT, AL                 the vector type and its number of doubles
 *   A_ZERO() A_LOADU(p) A_STOREU(p, v) A_BCAST(p)   (A_BCAST: *p in every lane)
 *   A_ADD(a, b)            a + b
 *   A_MADD(a, b, c)        a*b + c (fused where the ISA has FMA)
 *   A_HSUM4(s0, s1, s2, s3, z)   z[i] = the sum of the lanes of s_i
 *   ADDITION_ISA           the name suffix
 *   ADDITION_MR            rows per register tile (at most 16)
 *
 * The products work on register tiles of ADDITION_MR rows by
 * ADDITION_KERNEL_PAD columns: per step i one row of B is loaded, each
 * row's A[r][i] is broadcast and multiplied into its accumulators. Every
 * entry is thus sum_i A[r][i] B[i][j] accumulated from 0 in the order of
 * i, whatever tile it falls in.
 */

#include <stdint.h>

#include "addition_kernel.h"
#include "addition_kernel_isa.h"

#define ACAT_(a, b) a##_##b
#define ACAT(a, b) ACAT_(a, b)
#define ANV (ADDITION_KERNEL_PAD / AL)
#define AUNROLL _Pragma("GCC unroll 16")

/* Where a tile's rows go: into C (ch == NULL), or, for parent row r, to
 * its children rows ch[r] - c0 .. ch[r+1] - c0 - 1 of C, each plus row
 * xin[child - c0] of the table in (4 x hp). */
typedef struct {
    const uint32_t *ch;
    uint32_t c0;
    const unsigned char *xin;
    const double *in;
} addition_dest;

/* One tile: mr rows of A (from row r0) times the 8 columns of B from
 * column j0 (their panel: hp rows of 8, contiguous); mr is a constant at
 * every call site. */
static inline __attribute__((always_inline)) void
addition_tile(size_t hp, const double *a, const double *b, double *c, size_t r0, size_t j0,
              const addition_dest *d, const int mr)
{
    AT acc[ADDITION_MR][ANV];
    const double *ar = a + r0 * hp;
    AUNROLL for (int r = 0; r < mr; r++) AUNROLL for (int v = 0; v < ANV; v++) acc[r][v] = A_ZERO();
    for (size_t i = 0; i < hp; i++) {
        AT bv[ANV];
        AUNROLL for (int v = 0; v < ANV; v++) bv[v] =
            A_LOADU(b + j0 * hp + i * ADDITION_KERNEL_PAD + (size_t)v * AL);
        AUNROLL for (int r = 0; r < mr; r++)
        {
            const AT av = A_BCAST(ar + (size_t)r * hp + i);
            AUNROLL for (int v = 0; v < ANV; v++) acc[r][v] = A_MADD(av, bv[v], acc[r][v]);
        }
    }
    if (!d) {
        AUNROLL for (int r = 0; r < mr; r++) AUNROLL for (int v = 0; v < ANV; v++)
            A_STOREU(c + (r0 + (size_t)r) * hp + j0 + (size_t)v * AL, acc[r][v]);
        return;
    }
    AUNROLL for (int r = 0; r < mr; r++)
    {
        for (uint32_t k = d->ch[r0 + (size_t)r] - d->c0; k < d->ch[r0 + (size_t)r + 1] - d->c0; k++) {
            const double *x = d->in + (size_t)d->xin[k] * hp + j0;
            double *row = c + (size_t)k * hp + j0;
            /* forward: x_k W0 + h_(k-1) Wh */
            AUNROLL for (int v = 0; v < ANV; v++)
                A_STOREU(row + (size_t)v * AL, A_ADD(A_LOADU(x + (size_t)v * AL), acc[r][v]));
        }
    }
}

/* The last rows % ADDITION_MR rows, one constant tile height each. */
static void addition_tail(size_t hp, const double *a, const double *b, double *c, size_t r0,
                          size_t j0, const addition_dest *d, size_t mr)
{
    switch (mr) {
#if ADDITION_MR > 15
    case 15: addition_tile(hp, a, b, c, r0, j0, d, 15); break;
#endif
#if ADDITION_MR > 14
    case 14: addition_tile(hp, a, b, c, r0, j0, d, 14); break;
#endif
#if ADDITION_MR > 13
    case 13: addition_tile(hp, a, b, c, r0, j0, d, 13); break;
#endif
#if ADDITION_MR > 12
    case 12: addition_tile(hp, a, b, c, r0, j0, d, 12); break;
#endif
#if ADDITION_MR > 11
    case 11: addition_tile(hp, a, b, c, r0, j0, d, 11); break;
#endif
#if ADDITION_MR > 10
    case 10: addition_tile(hp, a, b, c, r0, j0, d, 10); break;
#endif
#if ADDITION_MR > 9
    case 9: addition_tile(hp, a, b, c, r0, j0, d, 9); break;
#endif
#if ADDITION_MR > 8
    case 8: addition_tile(hp, a, b, c, r0, j0, d, 8); break;
#endif
#if ADDITION_MR > 7
    case 7: addition_tile(hp, a, b, c, r0, j0, d, 7); break;
#endif
#if ADDITION_MR > 6
    case 6: addition_tile(hp, a, b, c, r0, j0, d, 6); break;
#endif
#if ADDITION_MR > 5
    case 5: addition_tile(hp, a, b, c, r0, j0, d, 5); break;
#endif
#if ADDITION_MR > 4
    case 4: addition_tile(hp, a, b, c, r0, j0, d, 4); break;
#endif
#if ADDITION_MR > 3
    case 3: addition_tile(hp, a, b, c, r0, j0, d, 3); break;
#endif
#if ADDITION_MR > 2
    case 2: addition_tile(hp, a, b, c, r0, j0, d, 2); break;
#endif
#if ADDITION_MR > 1
    case 1: addition_tile(hp, a, b, c, r0, j0, d, 1); break;
#endif
    default: break;
    }
}

static inline __attribute__((always_inline)) void
addition_product(size_t rows, size_t hp, const double *a, const double *b, double *c,
                 const addition_dest *d)
{
    for (size_t j0 = 0; j0 < hp; j0 += ADDITION_KERNEL_PAD) {
        size_t r = 0;
        for (; r + ADDITION_MR <= rows; r += ADDITION_MR)
            addition_tile(hp, a, b, c, r, j0, d, ADDITION_MR);
        if (r < rows)
            addition_tail(hp, a, b, c, r, j0, d, rows - r);
    }
}

void ACAT(addition_gemm, ADDITION_ISA)(size_t rows, size_t hp, const double *a, const double *b,
                                       double *c)
{
    addition_product(rows, hp, a, b, c, NULL);
}

void ACAT(addition_expand, ADDITION_ISA)(size_t rows, size_t hp, const double *a, const double *b,
                                         const uint32_t *ch, const unsigned char *xin,
                                         const double *in, double *pre)
{
    addition_dest d = {ch, ch[0], xin, in};
    addition_product(rows, hp, a, b, pre, &d);
}

/* One row's dot product in vector partial sums (lane l sums j = l mod AL). */
static inline __attribute__((always_inline)) AT addition_dot(size_t hp, const double *a,
                                                             const double *v)
{
    AT s = A_ZERO();
    for (size_t j = 0; j < hp; j += AL)
        s = A_MADD(A_LOADU(a + j), A_LOADU(v + j), s);
    return s;
}

void ACAT(addition_rowdot, ADDITION_ISA)(size_t rows, size_t hp, const double *a, const double *v,
                                         double *z)
{
    size_t r = 0;
    for (; r + 4 <= rows; r += 4) {
        AT s0 = addition_dot(hp, a + r * hp, v), s1 = addition_dot(hp, a + (r + 1) * hp, v);
        AT s2 = addition_dot(hp, a + (r + 2) * hp, v), s3 = addition_dot(hp, a + (r + 3) * hp, v);
        A_HSUM4(s0, s1, s2, s3, z + r);
    }
    for (; r < rows; r++) {
        AT s = addition_dot(hp, a + r * hp, v), zero = A_ZERO();
        double t[4];
        A_HSUM4(s, zero, zero, zero, t);
        z[r] = t[0];
    }
}
