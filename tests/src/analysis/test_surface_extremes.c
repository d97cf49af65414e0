/* The exact surface method against brute force at the edges of the double
 * range: random data, weights and initial states over hundreds of decades;
 * wherever brute force is finite the exact method must agree (rescaled
 * polynomials), and neither may give NaN. */
#include <math.h>
#include <stdlib.h>

#include "surface.h"
#include "tap.h"

/* xorshift64*: a fixed stream, so the test is the same every run. */
static unsigned long long state = 88172645463325252ull;
static double uniform(void)
{
    state ^= state >> 12, state ^= state << 25, state ^= state >> 27;
    return (double)((state * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}
static double signed_pow10(double lo, double hi)
{
    double v = pow(10.0, lo + (hi - lo) * uniform());
    return uniform() < 0.5 ? -v : v;
}

int main(void)
{
    enum { M = 4, T = 6, NX = 9, NR = 9, CASES = 300 };
    double x[M * T], t[M], wx[NX], wrec[NR], ex[NX * NR], br[NX * NR];
    size_t compared = 0, bad = 0, nans = 0;
    double worst = 0.0;
    for (int c = 0; c < CASES; c++) {
        double xs = pow(10.0, -150 + 300 * uniform()), ts = pow(10.0, -250 + 500 * uniform());
        for (int i = 0; i < M * T; i++)
            x[i] = uniform() < 0.4 ? 0.0 : xs * (uniform() - 0.5);
        for (int i = 0; i < M; i++)
            t[i] = ts * (uniform() - 0.5);
        double rmag = -120 + 240 * uniform(), xmag = -200 + 400 * uniform();
        for (int i = 0; i < NX; i++)
            wx[i] = signed_pow10(xmag - 3, xmag + 3);
        for (int j = 0; j < NR; j++)
            wrec[j] = signed_pow10(rmag - 1, rmag + 1);
        double s0 = c % 3 == 0 ? 0.0 : signed_pow10(-200, 200);
        dataset ds = {M, T, x, t};
        surface_plan *pe, *pb;
        if (surface_plan_new_s0(&ds, ACT_LINEAR, s0, SURFACE_EXACT, &pe) != RS_OK ||
            surface_plan_new_s0(&ds, ACT_LINEAR, s0, SURFACE_BRUTE, &pb) != RS_OK)
            return 1;
        surface_plan_rows(pe, wx, NX, wrec, NR, ex);
        surface_plan_rows(pb, wx, NX, wrec, NR, br);
        surface_plan_free(pe);
        surface_plan_free(pb);
        for (int k = 0; k < NX * NR; k++) {
            nans += isnan(ex[k]) || isnan(br[k]);
            /* Brute force's own sum of squares is exact enough only where it
             * stays in the normal range. */
            if (!isfinite(br[k]) || br[k] < 1e-290)
                continue;
            compared++;
            double rel = fabs(ex[k] - br[k]) / br[k];
            if (!(rel <= 1e-9)) {
                if (bad++ < 5)
                    tap_diag("case %d: exact %.17g brute %.17g", c, ex[k], br[k]);
            }
            worst = fmax(worst, isfinite(rel) ? rel : 0);
        }
    }
    tap_ok(nans == 0, "no NaN from either method over %d random extreme cases", CASES);
    tap_ok(compared > 1000, "brute force is finite at %zu points to compare", compared);
    tap_ok(bad == 0, "the exact method equals brute force to 1e-9 wherever that is finite "
                     "(%zu differ; worst agreeing %.3g)", bad, worst);
    return tap_done();
}
