#include "horner.h"

#include <string.h>

#include "kernel.h"

/* Eight doubles: one zmm, two ymm or four xmm registers, as the target
 * of each clone decides. */
typedef double horner_v8 __attribute__((vector_size(64)));

/* HORNER_TILE(NAME, TARGET, R): R rows x 8 samples of accumulators stay in
 * registers while k runs over the inputs, so each input load serves R rows
 * and R independent multiply-add chains hide the latency. Every value is
 * computed by the same operations whatever the tiling, so results do not
 * depend on the thread count. */
#define HORNER_TILE(NAME, TARGET, R)                                                               \
    TARGET static void NAME(const double *xt, size_t mpad, size_t t, const double *w, double *p)   \
    {                                                                                              \
        for (size_t r0 = 0; r0 < HORNER_ROWS; r0 += (R))                                           \
            for (size_t i0 = 0; i0 < mpad; i0 += 8) {                                              \
                horner_v8 acc[R];                                                                  \
                _Pragma("GCC unroll 8") for (size_t r = 0; r < (R); r++) acc[r] = (horner_v8){0};  \
                for (size_t k = 0; k < t; k++) {                                                   \
                    horner_v8 x;                                                                   \
                    memcpy(&x, xt + k * mpad + i0, sizeof x);                                      \
                    /* Horner: P = P*w + x_k */                                                    \
                    _Pragma("GCC unroll 8") for (size_t r = 0; r < (R); r++) acc[r] =              \
                        acc[r] * w[r0 + r] + x;                                                    \
                }                                                                                  \
                _Pragma("GCC unroll 8") for (size_t r = 0; r < (R); r++)                           \
                    memcpy(p + (r0 + r) * mpad + i0, &acc[r], sizeof acc[r]);                      \
            }                                                                                      \
    }

/* AVX-512: 8 rows = 8 zmm chains. AVX2: 4 rows = 8 ymm. Baseline SSE2:
 * 2 rows = 8 xmm. With FMA the step is fused; SSE2 rounds twice, so its
 * results differ from the others by ulps. */
HORNER_TILE(horner_avx512, __attribute__((target("avx512f,fma"))), 8)
HORNER_TILE(horner_avx2, __attribute__((target("avx2,fma"))), 4)
HORNER_TILE(horner_base, , 2)

void horner_rows(const double *xt, size_t mpad, size_t t, const double *w, double *p)
{
    const char *isa = kernel_isa_name();
    if (strcmp(isa, "avx512") == 0)
        horner_avx512(xt, mpad, t, w, p);
    else if (strcmp(isa, "avx2") == 0)
        horner_avx2(xt, mpad, t, w, p);
    else
        horner_base(xt, mpad, t, w, p);
}
