#include "gridio.h"

#include <stdint.h>
#include <string.h>

const char *const gridio_format_names[] = {"text", "binary", "npy", "vtk", NULL};

/* ---- byte order -------------------------------------------------------- */

static int host_is_little_endian(void)
{
    const unsigned one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* n values as float64 in the given byte order (.npy: little; vtk: big). */
static void write_doubles(FILE *fp, const double *v, size_t n, int little)
{
    if (host_is_little_endian() == little) {
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

/* ---- headers ----------------------------------------------------------- */

/* The .npy version 1.0 header: magic, version, u16 length, then a Python
 * dict literal padded with spaces so the data starts on a 64-byte boundary. */
static void npy_header(FILE *fp, size_t nx, size_t ny, size_t channels)
{
    char dict[160], shape[80];
    if (channels == 1)
        snprintf(shape, sizeof shape, "(%zu, %zu)", ny, nx);
    else
        snprintf(shape, sizeof shape, "(%zu, %zu, %zu)", ny, nx, channels);
    int n = snprintf(dict, sizeof dict, "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }",
                     shape);
    size_t total = 10 + (size_t)n + 1;
    size_t pad = (64 - total % 64) % 64;
    size_t hlen = (size_t)n + pad + 1;
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(hlen & 0xff),
                             (unsigned char)(hlen >> 8)};
    fwrite(pre, 1, sizeof pre, fp);
    fwrite(dict, 1, (size_t)n, fp);
    for (size_t i = 0; i < pad; i++)
        fputc(' ', fp);
    fputc('\n', fp);
}

/* A vtk array name: the caller's, or v1, v2, ...; never empty or spaced. */
static void channel_name(const gridio_layout *g, size_t c, char *out, size_t size)
{
    const char *name = g->names ? g->names[c] : NULL;
    size_t n = 0;
    for (; name && name[n] && n + 1 < size; n++) {
        char ch = name[n];
        int plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
        out[n] = plain ? ch : '_';
    }
    out[n] = '\0';
    if (n == 0)
        snprintf(out, size, "v%zu", c + 1);
}


/* Legacy VTK header, the rectilinear coordinates, and channel 0's header. */
static void vtk_header(FILE *fp, const gridio_layout *g)
{
    char title[256] = "rnnscape grid";
    if (g->title) {
        size_t n = 0;
        for (; g->title[n] && n < sizeof title - 1; n++)
            title[n] = g->title[n] == '\n' || g->title[n] == '\r' ? ' ' : g->title[n];
        title[n] = '\0';
    }
    const double z = 0.0;
    fprintf(fp, "# vtk DataFile Version 3.0\n%s\nBINARY\nDATASET RECTILINEAR_GRID\n", title);
    fprintf(fp, "DIMENSIONS %zu %zu 1\nX_COORDINATES %zu double\n", g->nx, g->ny, g->nx);
    write_doubles(fp, g->x, g->nx, 0);
    fprintf(fp, "\nY_COORDINATES %zu double\n", g->ny);
    write_doubles(fp, g->y, g->ny, 0);
    fprintf(fp, "\nZ_COORDINATES 1 double\n");
    write_doubles(fp, &z, 1, 0);
    char name[64];
    channel_name(g, 0, name, sizeof name);
    fprintf(fp, "\nPOINT_DATA %zu\nSCALARS %s double 1\nLOOKUP_TABLE default\n", g->nx * g->ny,
            name);
}

/* ---- stateless blocks ------------------------------------------------- */

static int layout_ok(gridio_format fmt, const gridio_layout *g)
{
    return g->channels >= 1 && g->channels <= GRIDIO_CHANNELS_MAX && g->nx > 0 && g->ny > 0 &&
           (unsigned)fmt <= GRIDIO_VTK;
}

rs_status gridio_head(FILE *fp, gridio_format fmt, const gridio_layout *g)
{
    if (!layout_ok(fmt, g) || (fmt == GRIDIO_VTK && g->channels > 1))
        return RS_EINVAL;
    if (fmt == GRIDIO_NPY) {
        npy_header(fp, g->nx, g->ny, g->channels);
    } else if (fmt == GRIDIO_BINARY && g->channels == 1) {
        double n = (double)g->nx;
        write_le_floats(fp, &n, 1);
        write_le_floats(fp, g->x, g->nx);
    } else if (fmt == GRIDIO_VTK) {
        vtk_header(fp, g);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}

/* Text rows: "x y v1..vC", a blank line before every row but the grid's first. */
static void text_rows(FILE *fp, const gridio_layout *g, size_t j0, size_t nrows, const double *v)
{
    for (size_t r = 0; r < nrows; r++) {
        size_t j = j0 + r;
        if (j)
            fputc('\n', fp);
        for (size_t i = 0; i < g->nx; i++) {
            const double *p = v + (r * g->nx + i) * g->channels;
            fprintf(fp, "%.17g %.17g", g->x[i], g->y[j]);
            for (size_t c = 0; c < g->channels; c++)
                fprintf(fp, " %.17g", p[c]);
            fputc('\n', fp);
        }
    }
}

/* Binary: one float32 matrix row per y (C = 1), else (x, y, v..) float64 records. */
static void binary_rows(FILE *fp, const gridio_layout *g, size_t j0, size_t nrows,
                        const double *v)
{
    for (size_t r = 0; r < nrows; r++) {
        size_t j = j0 + r;
        if (g->channels == 1) {
            write_le_floats(fp, &g->y[j], 1);
            write_le_floats(fp, v + r * g->nx, g->nx);
            continue;
        }
        for (size_t i = 0; i < g->nx; i++) {
            double xy[2] = {g->x[i], g->y[j]};
            write_doubles(fp, xy, 2, 1);
            write_doubles(fp, v + (r * g->nx + i) * g->channels, g->channels, 1);
        }
    }
}

rs_status gridio_block(FILE *fp, gridio_format fmt, const gridio_layout *g, size_t j0,
                       size_t nrows, const double *v)
{
    if (!layout_ok(fmt, g) || (fmt == GRIDIO_VTK && g->channels > 1) || j0 > g->ny ||
        nrows > g->ny - j0)
        return RS_EINVAL;
    switch (fmt) {
    case GRIDIO_NPY: write_doubles(fp, v, nrows * g->nx * g->channels, 1); break;
    case GRIDIO_BINARY: binary_rows(fp, g, j0, nrows, v); break;
    case GRIDIO_VTK: write_doubles(fp, v, nrows * g->nx, 0); break;
    default: text_rows(fp, g, j0, nrows, v); break;
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}

rs_status gridio_tail(FILE *fp, gridio_format fmt, const gridio_layout *g)
{
    if (!layout_ok(fmt, g))
        return RS_EINVAL;
    if (fmt == GRIDIO_VTK)
        fputc('\n', fp);
    return ferror(fp) ? RS_EIO : RS_OK;
}

/* ---- the writer -------------------------------------------------------- */

void gridio_writer_abort(gridio_writer *w)
{
    for (size_t c = 0; c < GRIDIO_CHANNELS_MAX; c++) {
        if (w->spill[c])
            fclose(w->spill[c]);
        w->spill[c] = NULL;
    }
}

/* vtk with several channels: the writer's own path. */
static int spills(const gridio_writer *w) { return w->fmt == GRIDIO_VTK && w->g.channels > 1; }

rs_status gridio_writer_begin(gridio_writer *w, FILE *fp, gridio_format fmt,
                              const gridio_layout *g)
{
    memset(w, 0, sizeof *w);
    if (!layout_ok(fmt, g))
        return RS_EINVAL;
    w->fp = fp;
    w->fmt = fmt;
    w->g = *g;
    if (!spills(w))
        return gridio_head(fp, fmt, g);
    for (size_t c = 1; c < g->channels; c++)
        if (!(w->spill[c] = tmpfile())) {
            gridio_writer_abort(w);
            return RS_EIO;
        }
    vtk_header(fp, g);
    return ferror(fp) ? RS_EIO : RS_OK;
}

/* VTK, several channels: channel 0 straight to the file, the others to
 * their spill files. */
static void vtk_spill_rows(const gridio_writer *w, size_t nrows, const double *v)
{
    size_t n = nrows * w->g.nx, C = w->g.channels;
    for (size_t c = 0; c < C; c++) {
        FILE *to = c ? w->spill[c] : w->fp;
        for (size_t k = 0; k < n; k++)
            write_doubles(to, v + k * C + c, 1, 0);
    }
}

static int any_error(const gridio_writer *w)
{
    for (size_t c = 1; c < w->g.channels && spills(w); c++)
        if (ferror(w->spill[c]))
            return 1;
    return ferror(w->fp);
}

rs_status gridio_writer_rows(gridio_writer *w, size_t nrows, const double *v)
{
    if (nrows > w->g.ny - w->rows_done)
        return RS_EINVAL;
    rs_status st = RS_OK;
    if (spills(w))
        vtk_spill_rows(w, nrows, v);
    else
        st = gridio_block(w->fp, w->fmt, &w->g, w->rows_done, nrows, v);
    w->rows_done += nrows;
    return st == RS_OK && any_error(w) ? RS_EIO : st;
}

/* Appends a spill file to the output. */
static int copy_spill(FILE *from, FILE *to)
{
    char buf[1 << 15];
    size_t n;
    rewind(from);
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        if (fwrite(buf, 1, n, to) != n)
            return -1;
    return ferror(from) ? -1 : 0;
}

rs_status gridio_writer_end(gridio_writer *w)
{
    rs_status st = w->rows_done == w->g.ny ? RS_OK : RS_EINVAL;
    if (st == RS_OK && spills(w)) {
        fputc('\n', w->fp);
        /* The other channels as a FIELD of named arrays, which readers load
         * without being asked (a second SCALARS needs ReadAllScalars). */
        fprintf(w->fp, "FIELD FieldData %zu\n", w->g.channels - 1);
        for (size_t c = 1; c < w->g.channels && st == RS_OK; c++) {
            char name[64];
            channel_name(&w->g, c, name, sizeof name);
            fprintf(w->fp, "%s 1 %zu double\n", name, w->g.nx * w->g.ny);
            if (copy_spill(w->spill[c], w->fp) != 0)
                st = RS_EIO;
            fputc('\n', w->fp);
        }
    } else if (st == RS_OK) {
        st = gridio_tail(w->fp, w->fmt, &w->g);
    }
    if (st == RS_OK && ferror(w->fp))
        st = RS_EIO;
    gridio_writer_abort(w);
    return st;
}

/* ---- the first interface ------------------------------------------------ */

rs_status gridio_begin(FILE *fp, gridio_format fmt, const double *x, size_t nx, size_t ny)
{
    gridio_layout g = {x, nx, NULL, ny, 1, NULL, NULL};
    return fmt == GRIDIO_VTK ? RS_EINVAL : gridio_head(fp, fmt, &g);
}

rs_status gridio_rows(FILE *fp, gridio_format fmt, const double *x, size_t nx, const double *y,
                      size_t j0, size_t nrows, const double *v)
{
    gridio_layout g = {x, nx, y, j0 + nrows, 1, NULL, NULL};
    return fmt == GRIDIO_VTK ? RS_EINVAL : gridio_block(fp, fmt, &g, j0, nrows, v);
}

/* ---- whole one-channel grids ------------------------------------------ */

static rs_status write_whole(FILE *fp, gridio_format fmt, const double *x, size_t nx,
                             const double *y, size_t ny, const double *v)
{
    gridio_layout g = {x, nx, y, ny, 1, NULL, NULL};
    rs_status st = gridio_head(fp, fmt, &g);
    if (st == RS_OK)
        st = gridio_block(fp, fmt, &g, 0, ny, v);
    return st == RS_OK ? gridio_tail(fp, fmt, &g) : st;
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
