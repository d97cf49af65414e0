#include "grid.h"

#include <math.h>

void grid_linspace(double lo, double hi, size_t n, double *out)
{
    if (n == 0)
        return;
    if (n == 1) {
        out[0] = lo;
        return;
    }
    double span = hi - lo;
    if (!isfinite(span)) {
        /* hi - lo overflows (a range wider than the largest double): the
         * convex combination lo*(1-t) + hi*t stays finite for finite ends. */
        double last = (double)(n - 1);
        for (size_t i = 0; i < n; i++) {
            double t = (double)i / last;
            out[i] = lo * (1.0 - t) + hi * t;
        }
        out[0] = lo;
        out[n - 1] = hi;
        return;
    }
    double step = span / (double)(n - 1);
    for (size_t i = 0; i < n; i++)
        out[i] = (double)i * step + lo;
    out[n - 1] = hi;
}
