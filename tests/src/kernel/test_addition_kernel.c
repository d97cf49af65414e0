/* test_addition_kernel: the addition model's dense kernels
 * (addition_kernel.h) on every instruction set this machine supports
 * against plain loops: the product (exactly the loop's roundings without
 * FMA, within 1e-14 with it; B packed in column panels), the product
 * written to children rows, and
 * the row dot products, on sizes that are not multiples of the tiles.
 * Never timings. */
#pragma GCC optimize("fp-contract=off")

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "addition_kernel.h"
#include "kernel.h"
#include "vmath.h"

static uint64_t state = 0x9e3779b97f4a7c15ULL;
static double unit(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) * 0x1p-53 * 2.0 - 1.0;
}

#define ROWS 13
#define HP 24

int main(void)
{
    double a[ROWS * HP], b[HP * HP], ref[ROWS * HP], c[ROWS * HP], in[4 * HP];
    double pre[4 * ROWS * HP], z[ROWS], zref[ROWS], bp[HP * HP];
    for (int i = 0; i < ROWS * HP; i++)
        a[i] = unit();
    for (int i = 0; i < HP * HP; i++)
        b[i] = unit();
    for (int i = 0; i < 4 * HP; i++)
        in[i] = unit();
    for (int r = 0; r < ROWS; r++) {
        for (int j = 0; j < HP; j++) {
            double s = 0.0;
            for (int i = 0; i < HP; i++)
                s += a[r * HP + i] * b[i * HP + j];
            ref[r * HP + j] = s;
        }
        double s = 0.0;
        for (int j = 0; j < HP; j++)
            s += a[r * HP + j] * b[j];
        zref[r] = s;
    }
    /* row r has r % 4 + 1 children with inputs (r + child) % 4 */
    uint32_t ch[ROWS + 1];
    unsigned char xin[4 * ROWS];
    ch[0] = 5; /* children numbered from 5, as inside a trie */
    for (int r = 0; r < ROWS; r++) {
        ch[r + 1] = ch[r] + (uint32_t)(r % 4 + 1);
        for (uint32_t k = ch[r]; k < ch[r + 1]; k++)
            xin[k - ch[0]] = (unsigned char)((r + k) % 4);
    }
    addition_kernel_pack(HP, b, bp);
    static double first_fused[ROWS * HP];
    int have_fused = 0;
    for (int k = 0; kernel_isa_names[k]; k++) {
        const char *isa = kernel_isa_names[k];
        if (!kernel_isa_supported(isa))
            continue;
        kernel_force_isa(isa);
        addition_kernel_ops ops;
        addition_kernel_select(&ops);
        int fused = strcmp(ops.name, "avx2") == 0 || strcmp(ops.name, "avx512") == 0;
        ops.gemm(ROWS, HP, a, bp, c);
        double dev = 0.0;
        for (int i = 0; i < ROWS * HP; i++)
            dev = fmax(dev, fabs(c[i] - ref[i]));
        tap_ok(fused ? dev <= 1e-14 : dev == 0.0, "%s (%s): product %s the loop's (%.1e)", isa,
               ops.name, fused ? "within 1e-14 of" : "exactly", dev);
        /* the same fused terms in the same order: AVX-512 and AVX2 agree to the bit */
        if (fused && !have_fused) {
            memcpy(first_fused, c, sizeof first_fused);
            have_fused = 1;
        } else if (fused) {
            tap_ok(memcmp(first_fused, c, sizeof first_fused) == 0,
                   "%s: product bit-identical to the first fused kernel's", isa);
        }
        ops.expand(ROWS, HP, a, bp, ch, xin, in, pre);
        int same = 1;
        for (int r = 0; r < ROWS; r++)
            for (uint32_t q = ch[r] - ch[0]; q < ch[r + 1] - ch[0]; q++)
                for (int j = 0; j < HP; j++)
                    same &= pre[q * HP + j] == in[xin[q] * HP + j] + c[r * HP + j];
        tap_ok(same, "%s: each child's row = its table row + its parent's product", isa);
        ops.rowdot(ROWS, HP, a, b, z);
        dev = 0.0;
        for (int r = 0; r < ROWS; r++)
            dev = fmax(dev, fabs(z[r] - zref[r]));
        int serial = strcmp(ops.name, "scalar") == 0;
        tap_ok(serial ? dev == 0.0 : dev <= 1e-14, "%s: row dot products %s the loop's (%.1e)", isa,
               serial ? "exactly" : "within 1e-14 of", dev);
        double s[4 * HP], y[4 * HP], yv[4 * HP];
        for (int i = 0; i < 4 * HP; i++)
            s[i] = 40.0 * unit();
        ops.sigmoid(s, y, 4 * HP);
        vmath_sigmoid(s, yv, 4 * HP);
        tap_ok(!memcmp(y, yv, sizeof y), "%s: its sigmoid is vmath's", isa);
    }
    kernel_force_isa(NULL);
    return tap_done();
}
