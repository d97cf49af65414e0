/* curvature_avx2.c: the curvature-map tile for 256-bit AVX2, chosen at
 * run time by curvature.c. */
#pragma GCC optimize("fp-contract=off")

#include "curvature_isa.h"

#ifdef CURV_HAVE_X86
#pragma GCC target("avx2,fma")
#define CURV_ISA avx2
#include "curvature_simd.h"
#endif
