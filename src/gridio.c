#include "gridio.h"

#include <string.h>

const char *const gridio_format_names[] = {"text", "binary", "npy", NULL};

rs_status gridio_write_text(FILE *fp, const double *x, size_t nx, const double *y,
                            size_t ny, const double *v)
{
    for (size_t j = 0; j < ny; j++) {
        if (j)
            fputc('\n', fp);
        for (size_t i = 0; i < nx; i++)
            fprintf(fp, "%.17g %.17g %.17g\n", x[i], y[j], v[j * nx + i]);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
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

rs_status gridio_write_npy(FILE *fp, size_t nx, size_t ny, const double *v)
{
    char dict[128];
    int n = snprintf(dict, sizeof dict,
                     "{'descr': '<f8', 'fortran_order': False, 'shape': (%zu, %zu), }", ny, nx);
    /* Version 1.0 header: magic, version, u16 length; total padded to 64 bytes. */
    size_t total = 10 + (size_t)n + 1;
    size_t pad = (64 - total % 64) % 64;
    size_t hlen = (size_t)n + pad + 1;
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                             (unsigned char)(hlen & 0xff), (unsigned char)(hlen >> 8)};
    fwrite(pre, 1, sizeof pre, fp);
    fwrite(dict, 1, (size_t)n, fp);
    for (size_t i = 0; i < pad; i++)
        fputc(' ', fp);
    fputc('\n', fp);
    write_le_doubles(fp, v, nx * ny);
    return ferror(fp) ? RS_EIO : RS_OK;
}

rs_status gridio_write_binary(FILE *fp, const double *x, size_t nx, const double *y,
                              size_t ny, const double *v)
{
    double n = (double)nx;
    write_le_doubles(fp, &n, 1);
    write_le_doubles(fp, x, nx);
    for (size_t j = 0; j < ny; j++) {
        write_le_doubles(fp, &y[j], 1);
        write_le_doubles(fp, v + j * nx, nx);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}
