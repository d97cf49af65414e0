#include "vmath.h"

#include "kernel_isa.h"

void vmath_tanh(const double *x, double *y, size_t n) { kernel_isa_current()->tanh(x, y, n); }

void vmath_sigmoid(const double *x, double *y, size_t n) { kernel_isa_current()->sigmoid(x, y, n); }
