/* curvature_generic.c: the curvature-map tile for the compiler's baseline (SSE2 on x86-64; any
 * machine), chosen at run time by curvature.c. */
#pragma GCC optimize("fp-contract=off")

#include "curvature_isa.h"

#define CURV_ISA generic
#include "curvature_simd.h"
