/* horner.h: the polynomials P_i(w) = sum_k x_ik w^(T-k) of the exact
 * surface method, for many samples and several w at once: a register tile
 * of rows x samples per pass over the inputs, tile sizes per instruction
 * set (the one kernel.h selects, so RNNSCAPE_ISA governs both). */
#ifndef RNNSCAPE_HORNER_H
#define RNNSCAPE_HORNER_H

#include <stddef.h>

/* Rows computed per call: callers pass w[HORNER_ROWS] (pad with repeats). */
#define HORNER_ROWS 8
/* Samples must be padded (with zero inputs) to a multiple of this. */
#define HORNER_SAMPLES 8

/* xt: t x mpad inputs (sample fastest); p: HORNER_ROWS x mpad results,
 * p[r*mpad + i] = P_i(w[r]) by Horner's rule P = P*w + x_k. */
void horner_rows(const double *xt, size_t mpad, size_t t, const double *w, double *p);

#endif
