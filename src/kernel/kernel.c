/* kernel.c: instruction-set dispatch and the tiling of a loss surface.
 * The per-ISA tile code is in kernel_{avx512,avx2,sse2,scalar}.c. */
#include "kernel.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_isa.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#define KERNEL_OPS(s)                                                                              \
    {                                                                                              \
#s, kernel_tile_##s, kernel_tile_lanes_##s, vmath_tanh_##s, vmath_sigmoid_##s              \
    }

/* Best first. */
static const kernel_isa_ops kernel_isas[] = {
#ifdef KERNEL_HAVE_X86
    KERNEL_OPS(avx512),
    KERNEL_OPS(avx2),
    KERNEL_OPS(sse2),
#endif
    KERNEL_OPS(scalar),
};
#define KERNEL_NISA (sizeof kernel_isas / sizeof kernel_isas[0])

const char *const kernel_isa_names[] = {
#ifdef KERNEL_HAVE_X86
    "avx512", "avx2", "sse2",
#endif
    "scalar", NULL};

static int kernel_cpu_has(const kernel_isa_ops *isa)
{
#ifdef KERNEL_HAVE_X86
    __builtin_cpu_init();
    if (strcmp(isa->name, "avx512") == 0)
        return __builtin_cpu_supports("avx512f");
    if (strcmp(isa->name, "avx2") == 0)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    (void)isa;
    return 1;
}

static const kernel_isa_ops *kernel_find(const char *name)
{
    for (size_t i = 0; i < KERNEL_NISA; i++)
        if (strcmp(kernel_isas[i].name, name) == 0)
            return &kernel_isas[i];
    return NULL;
}

static const kernel_isa_ops *kernel_forced;

const kernel_isa_ops *kernel_isa_current(void)
{
    if (kernel_forced)
        return kernel_forced;
    for (size_t i = 0; i < KERNEL_NISA; i++)
        if (kernel_cpu_has(&kernel_isas[i]))
            return &kernel_isas[i];
    return &kernel_isas[KERNEL_NISA - 1];
}

rs_status kernel_force_isa(const char *name)
{
    if (!name || strcmp(name, "auto") == 0) {
        kernel_forced = NULL;
        return RS_OK;
    }
    const kernel_isa_ops *isa = kernel_find(name);
    if (!isa || !kernel_cpu_has(isa))
        return RS_EINVAL;
    kernel_forced = isa;
    return RS_OK;
}

const char *kernel_isa_name(void) { return kernel_isa_current()->name; }

int kernel_isa_supported(const char *name)
{
    const kernel_isa_ops *isa = name ? kernel_find(name) : NULL;
    return isa && kernel_cpu_has(isa);
}

static int kernel_all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return 0;
    return 1;
}

rs_status kernel_surface_brute(const double *x, const double *t, size_t m, size_t T, activation f,
                               const double *wx, size_t nx, const double *wrec, size_t nrec,
                               double *out)
{
    return kernel_surface_brute_s0(x, t, m, T, f, 0.0, wx, nx, wrec, nrec, out);
}

rs_status kernel_surface_brute_s0(const double *x, const double *t, size_t m, size_t T,
                                  activation f, double s0, const double *wx, size_t nx,
                                  const double *wrec, size_t nrec, double *out)
{
    if (!t || m == 0 || (!x && T > 0) || (!wx && nx) || (!wrec && nrec) || (!out && nx && nrec))
        return RS_EINVAL;
    if ((int)f < ACT_LINEAR || (int)f > ACT_RELU)
        return RS_EINVAL;
    if (T > 0 && m > SIZE_MAX / T)
        return RS_ERANGE;
    if (nx && nrec > SIZE_MAX / nx)
        return RS_ERANGE;
    if (!isfinite(s0) || !kernel_all_finite(t, m) || (T && !kernel_all_finite(x, m * T)) ||
        !kernel_all_finite(wx, nx) || !kernel_all_finite(wrec, nrec))
        return RS_EINVAL;
    if (nx == 0 || nrec == 0)
        return RS_OK;

    const kernel_isa_ops *isa = kernel_isa_current();
    const size_t L = isa->tile_lanes(f);
    /* Column tiles (lanes along w_rec, one w_x each) cost one multiply less
     * per step; rows are used when they waste fewer padded lanes. */
    const size_t col_per_line = (nrec + L - 1) / L;
    const size_t row_per_line = (nx + L - 1) / L;
    const int colmode = col_per_line * nx <= row_per_line * nrec;
    const size_t per_line = colmode ? col_per_line : row_per_line;
    const size_t nline = colmode ? nx : nrec;
    const size_t nlane = colmode ? nrec : nx;
    const double *lane_axis = colmode ? wrec : wx;
    const double *line_axis = colmode ? wx : wrec;
    const long long ntile = (long long)(per_line * nline);

#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1)
#endif
    for (long long tix = 0; tix < ntile; tix++) {
        double lane_w[KERNEL_TILE_MAX], lane_out[KERNEL_TILE_MAX];
        const size_t line = (size_t)tix / per_line;
        const size_t first = ((size_t)tix % per_line) * L;
        const size_t n = nlane - first < L ? nlane - first : L;
        for (size_t l = 0; l < L; l++)
            lane_w[l] = lane_axis[first + (l < n ? l : n - 1)];
        kernel_tile_job job = {x, t, m, T, (int)f, colmode, line_axis[line], lane_w, lane_out, s0};
        isa->tile(&job);
        for (size_t l = 0; l < n; l++) {
            double v = isnan(lane_out[l]) ? INFINITY : lane_out[l];
            if (colmode)
                out[(first + l) * nx + line] = v;
            else
                out[line * nx + first + l] = v;
        }
    }
    return RS_OK;
}
