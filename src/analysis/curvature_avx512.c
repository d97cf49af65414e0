/* curvature_avx512.c: the curvature-map tile for 512-bit AVX-512F, chosen at
 * run time by curvature.c. */
#pragma GCC optimize("fp-contract=off")

#include "curvature_isa.h"

#ifdef CURV_HAVE_X86
#pragma GCC target("avx512f")
#define CURV_ISA avx512
#include "curvature_simd.h"
#endif
