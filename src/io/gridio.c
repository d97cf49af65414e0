#include "gridio.h"

#include <string.h>

const char *const gridio_format_names[] = {"text", "binary", "npy", NULL};

/* Text rows: "x y v", a blank line before every row but the grid's first. */
static void text_rows(FILE *fp, const double *x, size_t nx, const double *y, size_t j0,
                      size_t nrows, const double *v)
{
    for (size_t j = j0; j < j0 + nrows; j++) {
        if (j)
            fputc('\n', fp);
        const double *row = v + (j - j0) * nx;
        for (size_t i = 0; i < nx; i++)
            fprintf(fp, "%.17g %.17g %.17g\n", x[i], y[j], row[i]);
    }
}

/* .npy stores little-endian data; convert on a big-endian host. */
static int host_is_little_endian(void)
{
    const unsigned one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static void write_le_doubles(FILE *fp, const double *v, size_t n)
{
    if (host_is_little_endian()) {
        fwrite(v, sizeof *v, n, fp);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char b[8], r[8];
        memcpy(b, &v[i], 8);
        for (int k = 0; k < 8; k++)
            r[k] = b[7 - k];
        fwrite(r, 1, 8, fp);
    }
}

/* The .npy version 1.0 header: magic, version, u16 length, then a Python
 * dict literal padded with spaces so the data starts on a 64-byte boundary. */
static void npy_header(FILE *fp, size_t nx, size_t ny)
{
    char dict[128];
    int n = snprintf(dict, sizeof dict,
                     "{'descr': '<f8', 'fortran_order': False, 'shape': (%zu, %zu), }", ny, nx);
    size_t total = 10 + (size_t)n + 1;
    size_t pad = (64 - total % 64) % 64;
    size_t hlen = (size_t)n + pad + 1;
    unsigned char pre[10] = {0x93,
                             'N',
                             'U',
                             'M',
                             'P',
                             'Y',
                             1,
                             0,
                             (unsigned char)(hlen & 0xff),
                             (unsigned char)(hlen >> 8)};
    fwrite(pre, 1, sizeof pre, fp);
    fwrite(dict, 1, (size_t)n, fp);
    for (size_t i = 0; i < pad; i++)
        fputc(' ', fp);
    fputc('\n', fp);
}

/* gnuplot reads its binary matrix as little-endian IEEE float32. */
static void write_le_floats(FILE *fp, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float f = (float)v[i];
        unsigned char b[4];
        memcpy(b, &f, 4);
        if (!host_is_little_endian()) {
            unsigned char t = b[0];
            b[0] = b[3], b[3] = t, t = b[1], b[1] = b[2], b[2] = t;
        }
        fwrite(b, 1, 4, fp);
    }
}

rs_status gridio_begin(FILE *fp, gridio_format fmt, const double *x, size_t nx, size_t ny)
{
    if (fmt == GRIDIO_NPY) {
        npy_header(fp, nx, ny);
    } else if (fmt == GRIDIO_BINARY) {
        double n = (double)nx;
        write_le_floats(fp, &n, 1);
        write_le_floats(fp, x, nx);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}

rs_status gridio_rows(FILE *fp, gridio_format fmt, const double *x, size_t nx, const double *y,
                      size_t j0, size_t nrows, const double *v)
{
    if (fmt == GRIDIO_NPY) {
        write_le_doubles(fp, v, nx * nrows);
    } else if (fmt == GRIDIO_BINARY) {
        for (size_t j = 0; j < nrows; j++) {
            write_le_floats(fp, &y[j0 + j], 1);
            write_le_floats(fp, v + j * nx, nx);
        }
    } else {
        text_rows(fp, x, nx, y, j0, nrows, v);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}

/* Whole grids in one call. */
static rs_status write_whole(FILE *fp, gridio_format fmt, const double *x, size_t nx,
                             const double *y, size_t ny, const double *v)
{
    rs_status st = gridio_begin(fp, fmt, x, nx, ny);
    return st == RS_OK ? gridio_rows(fp, fmt, x, nx, y, 0, ny, v) : st;
}

rs_status gridio_write_text(FILE *fp, const double *x, size_t nx, const double *y, size_t ny,
                            const double *v)
{
    return write_whole(fp, GRIDIO_TEXT, x, nx, y, ny, v);
}

rs_status gridio_write_npy(FILE *fp, size_t nx, size_t ny, const double *v)
{
    return write_whole(fp, GRIDIO_NPY, NULL, nx, NULL, ny, v);
}

rs_status gridio_write_binary(FILE *fp, const double *x, size_t nx, const double *y, size_t ny,
                              const double *v)
{
    return write_whole(fp, GRIDIO_BINARY, x, nx, y, ny, v);
}
