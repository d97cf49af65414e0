/* gridio.h: writers for values on a grid: gnuplot/NumPy text (one point
 * per line, a blank line between rows), NumPy .npy, and gnuplot's binary
 * matrix layout. The caller opens the stream and writes any header. */
#ifndef RNNSCAPE_GRIDIO_H
#define RNNSCAPE_GRIDIO_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

typedef enum { GRIDIO_TEXT = 0, GRIDIO_BINARY, GRIDIO_NPY } gridio_format;

extern const char *const gridio_format_names[]; /* "text", "binary", "npy", NULL */

/* "x y v" lines, x varying fastest; rows of constant y separated by a blank line. */
rs_status gridio_write_text(FILE *fp, const double *x, size_t nx, const double *y, size_t ny,
                            const double *v);
/* A little-endian float64 .npy array of shape (ny, nx), C order. */
rs_status gridio_write_npy(FILE *fp, size_t nx, size_t ny, const double *v);
/* gnuplot's (nonuniform) binary matrix, which gnuplot reads as float32:
 * first record nx and the x values; then per row y_j and the row's values.
 * Read with `splot FILE binary matrix using 1:2:3`. Single precision: use
 * .npy or text for full precision. */
rs_status gridio_write_binary(FILE *fp, const double *x, size_t nx, const double *y, size_t ny,
                              const double *v);

/* Streaming: gridio_begin once (the .npy header or the binary matrix's
 * first record; nothing for text), then gridio_rows for consecutive blocks
 * of rows, so a big grid never has to be held in memory at once. y points
 * at the whole y axis; rows [j0, j0+nrows) are written from v (nrows x nx). */
rs_status gridio_begin(FILE *fp, gridio_format fmt, const double *x, size_t nx, size_t ny);
rs_status gridio_rows(FILE *fp, gridio_format fmt, const double *x, size_t nx, const double *y,
                      size_t j0, size_t nrows, const double *v);

#endif
