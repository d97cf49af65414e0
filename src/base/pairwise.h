/* pairwise.h: NumPy's pairwise summation (8 accumulators per block of up
 * to 128, halves above that), so sums come out bit for bit as np.sum's and
 * the tutorial's sign-sensitive RProp path is reproduced exactly. */
#ifndef RNNSCAPE_PAIRWISE_H
#define RNNSCAPE_PAIRWISE_H

#include <stddef.h>

double pairwise_sum(const double *a, size_t n);

#endif
