/* gridio.h: the one grid writer. Values on a grid of nx x ny points
 * (x fastest), C channels per point, streamed by blocks of rows of
 * constant y so a big grid is never held in memory at once. Formats:
 *   text    "x y v1 .. vC" lines (%.17g), a blank line between rows
 *           (gnuplot's grid layout; np.loadtxt reads it); the caller writes
 *           any '#' header before the first row;
 *   npy     NumPy .npy, little-endian float64, C order, shape (ny, nx) for
 *           C = 1 and (ny, nx, C) otherwise; no header;
 *   binary  C = 1: gnuplot's nonuniform binary matrix (float32), read with
 *           `splot F binary matrix using 1:2:3`; C > 1: gnuplot's general
 *           binary, one record of C+2 little-endian float64 (x, y, v1..vC) per
 *           point, read with
 *           `splot F binary record=(NX,NY) format='%<C+2>float64' using 1:2:(2+k)`;
 *   vtk     legacy VTK, BINARY (big-endian float64), DATASET
 *           RECTILINEAR_GRID (the exact coordinates, z = 0), one named
 *           POINT_DATA array per channel (the first as SCALARS, the others
 *           in a FIELD, which readers load by default); ParaView and VTK's
 *           vtkRectilinearGridReader open it.
 * Infinite values are written as they are (inf in text). */
#ifndef RNNSCAPE_GRIDIO_H
#define RNNSCAPE_GRIDIO_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

typedef enum { GRIDIO_TEXT = 0, GRIDIO_BINARY, GRIDIO_NPY, GRIDIO_VTK } gridio_format;

extern const char *const gridio_format_names[]; /* "text", "binary", "npy", "vtk", NULL */

#define GRIDIO_CHANNELS_MAX 64

/* What is written: the axes, the channels and their names. */
typedef struct {
    const double *x;          /* nx values */
    size_t nx;
    const double *y;          /* ny values */
    size_t ny;
    size_t channels;          /* C >= 1 values per point */
    const char *const *names; /* C names (vtk arrays; letters, digits, '_'), or NULL: v1.. */
    const char *title;        /* vtk's title line (one line, cut at 255 bytes), or NULL */
} gridio_layout;

/* ---- block by block, stateless ---------------------------------------
 * The bytes of each block of rows depend only on the rows, so blocks may be
 * formatted anywhere (e.g. on other MPI ranks, src/io/gridjob.h) and
 * concatenated: gridio_head, then gridio_block for rows in order, then
 * gridio_tail. vtk takes one channel here (more need gridio_writer).
 * RS_EINVAL for 0 or > GRIDIO_CHANNELS_MAX channels, an empty axis, or vtk
 * with several channels; RS_EIO on a write error. */
rs_status gridio_head(FILE *fp, gridio_format fmt, const gridio_layout *g);
/* Rows [j0, j0 + nrows) from v, laid out row, point, channel:
 * v[((j - j0)*nx + i)*C + c]. */
rs_status gridio_block(FILE *fp, gridio_format fmt, const gridio_layout *g, size_t j0,
                       size_t nrows, const double *v);
rs_status gridio_tail(FILE *fp, gridio_format fmt, const gridio_layout *g);

/* ---- a writer in one process: any format, any number of channels ------
 * Rows in order; for vtk with several channels the channels after the
 * first are held in temporary files (tmpfile) until gridio_end. The
 * fields are the writer's own. */
typedef struct {
    FILE *fp;
    gridio_format fmt;
    gridio_layout g;
    size_t rows_done;
    FILE *spill[GRIDIO_CHANNELS_MAX];
} gridio_writer;

/* Starts the file (the head). On failure nothing is left to free. */
rs_status gridio_writer_begin(gridio_writer *w, FILE *fp, gridio_format fmt,
                              const gridio_layout *g);
/* The next nrows rows; RS_EINVAL past the last row. */
rs_status gridio_writer_rows(gridio_writer *w, size_t nrows, const double *v);
/* Finishes the file once all ny rows are written (vtk: appends the held
 * channels) and frees the writer's temporary files. RS_EINVAL if rows are
 * missing; RS_EIO. */
rs_status gridio_writer_end(gridio_writer *w);
/* Frees what the writer holds without finishing (after an error). */
void gridio_writer_abort(gridio_writer *w);

/* ---- one channel, the first interface (text, binary, npy; not vtk,
 * whose header needs the y axis): kept for the commands still on it. */
rs_status gridio_begin(FILE *fp, gridio_format fmt, const double *x, size_t nx, size_t ny);
rs_status gridio_rows(FILE *fp, gridio_format fmt, const double *x, size_t nx, const double *y,
                      size_t j0, size_t nrows, const double *v);

/* Whole one-channel grids in one call (v is ny x nx). */
rs_status gridio_write_text(FILE *fp, const double *x, size_t nx, const double *y, size_t ny,
                            const double *v);
rs_status gridio_write_npy(FILE *fp, size_t nx, size_t ny, const double *v);
rs_status gridio_write_binary(FILE *fp, const double *x, size_t nx, const double *y, size_t ny,
                              const double *v);

#endif
