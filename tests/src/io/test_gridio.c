/* Tests of the grid writers: the text layout and the .npy header. */
#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "gridio.h"

int main(void)
{
    const double x[3] = {-1, 0, 1}, y[2] = {0.5, 2}, v[6] = {1, 2, 3, 4, 5, 1.0 / 3};
    char buf[4096] = {0};
    FILE *fp = fmemopen(buf, sizeof buf, "w");
    gridio_write_text(fp, x, 3, y, 2, v);
    fclose(fp);
    tap_ok(strcmp(buf, "-1 0.5 1\n0 0.5 2\n1 0.5 3\n\n-1 2 4\n0 2 5\n1 2 0.33333333333333331\n") ==
               0,
           "text: x fastest, a blank line between rows, %%.17g");

    memset(buf, 0, sizeof buf);
    fp = fmemopen(buf, sizeof buf, "w");
    gridio_write_npy(fp, 3, 2, v);
    long size = ftell(fp);
    fclose(fp);
    uint16_t hlen = (uint16_t)((unsigned char)buf[8] | (unsigned char)buf[9] << 8);
    tap_ok(memcmp(buf, "\x93NUMPY\x01\x00", 8) == 0, "npy magic and version 1.0");
    tap_ok((10 + hlen) % 64 == 0 && buf[10 + hlen - 1] == '\n', "npy header padded to 64 bytes");
    tap_ok(strstr(buf + 10, "'shape': (2, 3)") && strstr(buf + 10, "'<f8'"),
           "npy header: shape (rows, columns), little-endian float64");
    double last;
    memcpy(&last, buf + 10 + hlen + 5 * sizeof(double), sizeof last);
    tap_ok(size == 10 + hlen + 48 && last == 1.0 / 3, "npy data follows in C order");

    memset(buf, 0, sizeof buf);
    fp = fmemopen(buf, sizeof buf, "w");
    gridio_write_binary(fp, x, 3, y, 2, v);
    size = ftell(fp);
    fclose(fp);
    float rec[12];
    memcpy(rec, buf, sizeof rec);
    tap_ok(size == (4 + 2 * 4) * 4 && rec[0] == 3 && rec[1] == -1 && rec[3] == 1 &&
               rec[4] == 0.5f && rec[5] == 1 && rec[8] == 2 && rec[11] == (float)(1.0 / 3),
           "binary matrix (float32): N and the x values, then y and its row per record");
    return tap_done();
}
