/* vmath.h: vectorised tanh and logistic sigmoid over arrays.
 *
 *   vmath_tanh:    y[i] = tanh(x[i])
 *   vmath_sigmoid: y[i] = 1 / (1 + exp(-x[i]))
 *
 * Within a few ulp of glibc's tanh and of 1/(1+exp(-x)) computed with
 * glibc's exp, over the whole double range: +-0 and subnormals (tanh is
 * exact there), +-inf (tanh -> +-1; sigmoid -> 0 and 1), NaN in gives NaN
 * out. No tables, no branches; the algorithms are described in
 * src/vmath_simd.h. The instruction set is the kernel's (kernel.h:
 * kernel_force_isa, RNNSCAPE_ISA). x and y may be the same array. */
#ifndef RNNSCAPE_VMATH_H
#define RNNSCAPE_VMATH_H

#include <stddef.h>

void vmath_tanh(const double *x, double *y, size_t n);
void vmath_sigmoid(const double *x, double *y, size_t n);

#endif
