#define _GNU_SOURCE /* memmem */
/* Tests of the grid writer with several channels per point and of the vtk
 * format: layouts, streaming by blocks equal to one call, and misuse. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gridio.h"
#include "tap.h"

static const double x[3] = {-1, 0, 1}, y[2] = {0.5, 2};
/* v[(j*3 + i)*2 + c]: channel 0 is 10j + i, channel 1 its negative over 3. */
static double v[12];

/* The whole grid written in blocks of `rows` rows into buf; returns bytes. */
static long write_grid(gridio_format fmt, size_t channels, size_t rows, char *buf, size_t size)
{
    static const char *const names[] = {"loss", "my grad"};
    gridio_layout g = {x, 3, y, 2, channels, names, "a test\ngrid"};
    FILE *fp = fmemopen(buf, size, "w");
    gridio_writer w;
    double one[6];
    int ok = gridio_writer_begin(&w, fp, fmt, &g) == RS_OK;
    for (size_t j = 0; ok && j < 2; j += rows) {
        const double *src = v + j * 3 * 2;
        if (channels == 1) { /* channel 0 alone */
            for (size_t k = 0; k < 3 * rows; k++)
                one[k] = src[2 * k];
            src = one;
        }
        ok = gridio_writer_rows(&w, rows, src) == RS_OK;
    }
    ok = ok && gridio_writer_end(&w) == RS_OK;
    long n = ftell(fp);
    fclose(fp);
    return ok ? n : -1;
}

static double be_double(const char *p)
{
    unsigned char b[8];
    for (int k = 0; k < 8; k++)
        b[k] = (unsigned char)p[7 - k];
    double d;
    memcpy(&d, b, 8);
    return d;
}

int main(void)
{
    for (int k = 0; k < 6; k++) {
        v[2 * k] = 10.0 * (k / 3) + k % 3;
        v[2 * k + 1] = -v[2 * k] / 3.0;
    }
    static char a[8192], b[8192];
    write_grid(GRIDIO_TEXT, 2, 2, a, sizeof a);
    const char *text = "-1 0.5 0 -0\n0 0.5 1 -0.33333333333333331\n1 0.5 2 -0.66666666666666663\n"
                       "\n-1 2 10 -3.3333333333333335\n";
    tap_ok(strncmp(a, text, strlen(text)) == 0,
           "text: x y v1 v2 per line, a blank line between rows");
    memset(b, 0, sizeof b);
    write_grid(GRIDIO_TEXT, 2, 1, b, sizeof b);
    tap_ok(strcmp(a, b) == 0, "text: written row by row equals one call");

    memset(a, 0, sizeof a);
    long n = write_grid(GRIDIO_NPY, 2, 1, a, sizeof a);
    uint16_t hlen = (uint16_t)((unsigned char)a[8] | (unsigned char)a[9] << 8);
    double last;
    memcpy(&last, a + 10 + hlen + 11 * sizeof(double), sizeof last);
    tap_ok(strstr(a + 10, "'shape': (2, 3, 2)") && (10 + hlen) % 64 == 0 && n == 10 + hlen + 96 &&
               last == v[11],
           "npy: shape (ny, nx, C), channels innermost");

    memset(a, 0, sizeof a);
    n = write_grid(GRIDIO_BINARY, 2, 2, a, sizeof a);
    double rec[4];
    memcpy(rec, a + 4 * 4 * sizeof(double), sizeof rec); /* the fifth point: (0, 2) */
    tap_ok(n == 6 * 4 * 8 && rec[0] == 0 && rec[1] == 2 && rec[2] == 11 && rec[3] == -11.0 / 3,
           "binary, C > 1: float64 records (x, y, v1, v2) per point");

    memset(a, 0, sizeof a);
    n = write_grid(GRIDIO_VTK, 2, 1, a, sizeof a);
    const char *head = "# vtk DataFile Version 3.0\na test grid\nBINARY\nDATASET RECTILINEAR_GRID\n"
                       "DIMENSIONS 3 2 1\nX_COORDINATES 3 double\n";
    size_t hl = strlen(head);
    tap_ok(n > 0 && strncmp(a, head, hl) == 0 && be_double(a + hl) == -1 &&
               be_double(a + hl + 16) == 1,
           "vtk: legacy header, one-line title, big-endian x coordinates");
    const char *sc = "POINT_DATA 6\nSCALARS loss double 1\nLOOKUP_TABLE default\n";
    char *p = memmem(a, (size_t)n, sc, strlen(sc));
    tap_ok(p && be_double(p + strlen(sc)) == 0 && be_double(p + strlen(sc) + 5 * 8) == 12,
           "vtk: channel 0 as SCALARS, in point order");
    const char *fd = "\nFIELD FieldData 1\nmy_grad 1 6 double\n";
    char *q = memmem(a, (size_t)n, fd, strlen(fd));
    tap_ok(q && be_double(q + strlen(fd) + 8) == -1.0 / 3 && a[n - 1] == '\n' &&
               q + strlen(fd) + 48 + 1 == a + n,
           "vtk: the other channels in a FIELD, names made plain, held until the end");
    memset(b, 0, sizeof b);
    tap_ok(write_grid(GRIDIO_VTK, 2, 2, b, sizeof b) == n && memcmp(a, b, (size_t)n) == 0,
           "vtk: blocks of rows give the same bytes");

    /* Stateless blocks formatted apart (as on other MPI ranks) and joined
     * equal the writer's bytes. */
    static const gridio_format fmts[] = {GRIDIO_TEXT, GRIDIO_NPY, GRIDIO_BINARY, GRIDIO_VTK};
    int same = 1;
    for (int f = 0; f < 4; f++) {
        size_t C = fmts[f] == GRIDIO_VTK ? 1 : 2;
        gridio_layout gl = {x, 3, y, 2, C, NULL, "a test\ngrid"};
        static const char *const names[] = {"loss", "my grad"};
        gl.names = names;
        double one[6];
        for (int k = 0; k < 6; k++)
            one[k] = v[2 * k];
        const double *src = C == 1 ? one : v;
        memset(a, 0, sizeof a);
        n = write_grid(fmts[f], C, 2, a, sizeof a);
        char parts[3][4096];
        size_t len[3];
        for (int part = 0; part < 3; part++) {
            FILE *pf = fmemopen(parts[part], sizeof parts[part], "w");
            if (part == 0)
                gridio_head(pf, fmts[f], &gl);
            else
                gridio_block(pf, fmts[f], &gl, (size_t)part - 1, 1, src + (part - 1) * 3 * C);
            if (part == 2)
                gridio_tail(pf, fmts[f], &gl);
            len[part] = (size_t)ftell(pf);
            fclose(pf);
        }
        same &= (size_t)n == len[0] + len[1] + len[2] && memcmp(a, parts[0], len[0]) == 0 &&
                memcmp(a + len[0], parts[1], len[1]) == 0 &&
                memcmp(a + len[0] + len[1], parts[2], len[2]) == 0;
    }
    tap_ok(same, "head, blocks formatted apart, tail: the writer's bytes (every format)");
    gridio_layout g2 = {x, 3, y, 2, 2, NULL, NULL};
    FILE *nf = fmemopen(a, sizeof a, "w");
    tap_ok(gridio_head(nf, GRIDIO_VTK, &g2) == RS_EINVAL,
           "stateless vtk with several channels is refused (the writer does it)");
    fclose(nf);

    gridio_layout g = {x, 3, y, 2, 1, NULL, NULL};
    gridio_writer w;
    FILE *fp = fmemopen(a, sizeof a, "w");
    gridio_writer_begin(&w, fp, GRIDIO_TEXT, &g);
    tap_ok(gridio_writer_rows(&w, 3, v) == RS_EINVAL, "more rows than the grid has are refused");
    gridio_writer_rows(&w, 1, v);
    tap_ok(gridio_writer_end(&w) == RS_EINVAL, "finishing with a row missing is refused");
    g.channels = 0;
    tap_ok(gridio_writer_begin(&w, fp, GRIDIO_NPY, &g) == RS_EINVAL, "zero channels are refused");
    fclose(fp);
    return tap_done();
}
