/* addition_kernel.h: the two dense operations of the binary-addition
 * model's batched forward pass, vectorised, with the instruction set
 * picked at run time as for the surface kernel (kernel.h: RNNSCAPE_ISA,
 * kernel_force_isa):
 *
 *   gemm:    C = A B          A: rows x hp, B: hp x hp, C: rows x hp
 *   expand:  the same product, each row r written to the rows of its
 *            children in the trie (addition_trie.h) plus a row of a table:
 *            pre[child] = in[xin[child]] + (A B)[r]
 *   rowdot:  z[r] = A[r] . v  A: rows x hp, v: hp
 *
 * All matrices are row-major with row stride hp, a multiple of
 * ADDITION_KERNEL_PAD, except B, which is packed in column panels
 * (addition_kernel_pack) so that a tile reads it contiguously. Each entry of C is accumulated from 0 in the order
 * i = 0, 1, ..., hp-1 with one multiply-add per term (fused on AVX-512 and AVX2,
 * a rounded product then a rounded sum on SSE2 and scalar), so C does not
 * depend on how rows are grouped into tiles. rowdot's order of summation
 * depends on the vector length, so its results differ between
 * instruction sets by rounding only.
 * gemm and expand give the same bits on AVX-512 and AVX2. */
#ifndef RNNSCAPE_ADDITION_KERNEL_H
#define RNNSCAPE_ADDITION_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/* Row strides (and so hidden sizes) are padded to a multiple of this. */
#define ADDITION_KERNEL_PAD 8

typedef struct {
    const char *name;
    void (*gemm)(size_t rows, size_t hp, const double *a, const double *b, double *c);
    /* ch: rows + 1 entries, row r's children are ch[r] - ch[0] ..
     * ch[r+1] - ch[0] - 1; xin: their table rows; in: 4 x hp */
    void (*expand)(size_t rows, size_t hp, const double *a, const double *b, const uint32_t *ch,
                   const unsigned char *xin, const double *in, double *pre);
    void (*rowdot)(size_t rows, size_t hp, const double *a, const double *v, double *z);
    /* vmath's sigmoid for the same instruction set (vmath.h) */
    void (*sigmoid)(const double *x, double *y, size_t n);
} addition_kernel_ops;

/* Where entry (i, j) of B goes in the packed layout of gemm and expand. */
static inline size_t addition_kernel_packed(size_t hp, size_t i, size_t j)
{
    return (j / ADDITION_KERNEL_PAD) * hp * ADDITION_KERNEL_PAD + i * ADDITION_KERNEL_PAD +
           j % ADDITION_KERNEL_PAD;
}
/* packed[addition_kernel_packed(hp, i, j)] = b[i * hp + j]. */
void addition_kernel_pack(size_t hp, const double *b, double *packed);

/* Fills ops for the instruction set in use now. Look it up once per
 * computation, not per call: the lookup reads the environment. */
void addition_kernel_select(addition_kernel_ops *ops);

#endif
