/* grid.h: evenly spaced grid axes with NumPy's linspace spacing, so a grid
 * here has the same points as the tutorial's np.linspace(lo, hi, n). */
#ifndef RNNSCAPE_GRID_H
#define RNNSCAPE_GRID_H

#include <stddef.h>

/* out[i] = lo + i*(hi-lo)/(n-1), with out[n-1] = hi exactly; n = 1 gives lo.
 * Where hi - lo overflows (finite ends more than DBL_MAX apart), out[i] =
 * lo*(1-t) + hi*t with t = i/(n-1): finite, and both ends exact. */
void grid_linspace(double lo, double hi, size_t n, double *out);

#endif
