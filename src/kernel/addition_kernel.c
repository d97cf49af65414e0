/* addition_kernel.c: picks the addition model's dense kernels for the
 * instruction set the surface kernel uses (kernel_isa_current). */
#include "addition_kernel.h"

#include <string.h>

#include "addition_kernel_isa.h"
#include "kernel_isa.h"

void addition_kernel_select(addition_kernel_ops *ops)
{
    const kernel_isa_ops *isa = kernel_isa_current();
    *ops = (addition_kernel_ops){"scalar", addition_gemm_scalar, addition_expand_scalar,
                                     addition_rowdot_scalar, NULL};
#ifdef KERNEL_HAVE_X86
    if (strcmp(isa->name, "avx512") == 0)
        *ops = (addition_kernel_ops){"avx512", addition_gemm_avx512, addition_expand_avx512,
                                     addition_rowdot_avx512, NULL};
    else if (strcmp(isa->name, "avx2") == 0)
        *ops = (addition_kernel_ops){"avx2", addition_gemm_avx2, addition_expand_avx2,
                                     addition_rowdot_avx2, NULL};
    else if (strcmp(isa->name, "sse2") == 0)
        *ops = (addition_kernel_ops){"sse2", addition_gemm_sse2, addition_expand_sse2,
                                     addition_rowdot_sse2, NULL};
#endif
    ops->sigmoid = isa->sigmoid; /* vmath's, for the same instruction set */
}

void addition_kernel_pack(size_t hp, const double *b, double *packed)
{
    for (size_t i = 0; i < hp; i++)
        for (size_t j = 0; j < hp; j++)
            packed[addition_kernel_packed(hp, i, j)] = b[i * hp + j];
}
