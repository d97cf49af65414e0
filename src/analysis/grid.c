#include "grid.h"

void grid_linspace(double lo, double hi, size_t n, double *out)
{
    if (n == 0)
        return;
    if (n == 1) {
        out[0] = lo;
        return;
    }
    double step = (hi - lo) / (double)(n - 1);
    for (size_t i = 0; i < n; i++)
        out[i] = (double)i * step + lo;
    out[n - 1] = hi;
}
