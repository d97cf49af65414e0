/* Tests of the dataset module: the tutorial's data from NumPy's stream,
 * the file format's reader (good and bad files) and a write/read round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "dataset.h"

static const double first_row[10] = {0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
static const double last_row[10] = {0, 0, 1, 1, 1, 1, 0, 0, 1, 1};

static void test_tutorial_data(void)
{
    rng r;
    dataset ds;
    rng_seed(&r, RNG_NUMPY, 1);
    tap_ok(dataset_generate(&ds, &r, 20, 10) == RS_OK, "generate 20 x 10");
    tap_ok(memcmp(ds.x, first_row, sizeof first_row) == 0, "first row is 0 1 0 0 0 0 0 0 0 1");
    tap_ok(memcmp(ds.x + 19 * 10, last_row, sizeof last_row) == 0, "last row matches NumPy");
    double sum = 0.0;
    int counts_ok = 1;
    for (size_t i = 0; i < ds.m; i++) {
        double c = 0.0;
        for (size_t k = 0; k < ds.t; k++)
            c += ds.x[i * ds.t + k];
        counts_ok &= c == ds.target[i];
        sum += ds.target[i];
    }
    tap_ok(counts_ok, "every target is its row's count of ones");
    tap_ok(sum == 103.0, "targets sum to 103 (the tutorial's 4120 = 40*103), got %g", sum);
    dataset_free(&ds);
}

/* Reads text through a memory stream. */
static rs_status read_text(const char *text, dataset *ds, dataset_error *err)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    rs_status st = dataset_read(ds, fp, err);
    fclose(fp);
    return st;
}

static void test_reader(void)
{
    dataset ds;
    dataset_error err;
    rs_status st = read_text("# header\n1 0 1 2\r\n\n0 1 1 2.5\n", &ds, &err);
    tap_ok(st == RS_OK && ds.m == 2 && ds.t == 3, "comments, blank lines and CRLF are accepted");
    tap_ok(st == RS_OK && ds.target[1] == 2.5 && ds.x[3] == 0.0, "values land in place");
    dataset_free(&ds);
    st = read_text("1 0 1 2\n1 0 2\n", &ds, &err);
    tap_ok(st == RS_EFORMAT && err.line == 2, "ragged row is an error on line 2 (%s)", err.what);
    st = read_text("1 0 x 2\n", &ds, &err);
    tap_ok(st == RS_EFORMAT && strstr(err.what, "'x'"), "non-numeric token named: %s", err.what);
    st = read_text("1 nan 1 2\n", &ds, &err);
    tap_ok(st == RS_EFORMAT, "nan is rejected");
    st = read_text("1 inf 1 2\n", &ds, &err);
    tap_ok(st == RS_EFORMAT, "inf is rejected");
    st = read_text("0x10 1 2\n", &ds, &err);
    tap_ok(st == RS_EFORMAT, "hex is rejected");
    st = read_text("# only a comment\n\n", &ds, &err);
    tap_ok(st == RS_EFORMAT && strstr(err.what, "no data"), "empty data: %s", err.what);
    st = read_text("3\n4\n", &ds, &err);
    tap_ok(st == RS_EFORMAT, "a row needs an input and a target");
    st = dataset_load(&ds, "/nonexistent/rnnscape/data.txt", &err);
    tap_ok(st == RS_EIO, "missing file is RS_EIO (%s)", err.what);
}

static void test_round_trip(void)
{
    rng r;
    dataset a, b;
    dataset_error err;
    char buf[1 << 14];
    rng_seed(&r, RNG_PCG, 7);
    dataset_generate(&a, &r, 13, 9);
    FILE *fp = fmemopen(buf, sizeof buf, "w");
    dataset_write(&a, fp);
    fclose(fp);
    rs_status st = read_text(buf, &b, &err);
    int same = st == RS_OK && b.m == 13 && b.t == 9 &&
               memcmp(a.x, b.x, 13 * 9 * sizeof(double)) == 0 &&
               memcmp(a.target, b.target, 13 * sizeof(double)) == 0;
    tap_ok(same, "write then read gives the same data set");
    dataset_free(&a);
    dataset_free(&b);
    tap_ok(dataset_alloc(&a, (size_t)1 << 40, (size_t)1 << 40) == RS_ENOMEM,
           "an absurd size is refused before allocating");
}


/* Issue 12: the reader's line, file and memory limits, the in-place
 * conversion of rows (many rows, one wide row), and rows streamed in
 * blocks equal to the whole set. */
static rs_status read_limited(const char *text, size_t n, const read_limits *lim, dataset *ds,
                              dataset_error *err)
{
    FILE *fp = fmemopen((void *)text, n, "r");
    rs_status st = dataset_read_limited(ds, fp, lim, err);
    fclose(fp);
    return st;
}

static void test_limits(void)
{
    dataset ds;
    dataset_error err;
    read_limits lim;
    dataset_limits_default(&lim);
    tap_ok(lim.max_line == DATASET_MAX_LINE && lim.max_file == DATASET_MAX_FILE &&
               lim.memory.ceiling == 0,
           "the defaults are 256 MiB lines, 8 GiB files, the memory available");
    static const char rows[] = "1 0 1\n0 1 1\n1 1 2\n";
    lim.max_line = 5;
    rs_status st = read_limited(rows, sizeof rows - 1, &lim, &ds, &err);
    tap_ok(st == RS_OK && ds.m == 3 && ds.target[2] == 2.0, "lines of exactly the limit are read");
    dataset_free(&ds);
    lim.max_line = 4;
    st = read_limited(rows, sizeof rows - 1, &lim, &ds, &err);
    tap_ok(st == RS_ERANGE && err.line == 1 && strcmp(err.what, "line longer than the limit of 4 bytes") == 0,
           "a line over the limit is RS_ERANGE on line 1: %s", err.what);
    tap_ok(ds.x == NULL && ds.m == 0, "and nothing is held");
    lim.max_line = 100;
    lim.max_file = 12;
    st = read_limited(rows, sizeof rows - 1, &lim, &ds, &err);
    tap_ok(st == RS_ERANGE && err.line == 3 && strstr(err.what, "file larger than the limit of 12 bytes"),
           "a file over its limit is RS_ERANGE where it passes it (line %zu: %s)", err.line, err.what);
    /* A memory ceiling of 64 KiB: 1024 values fit, 100000 do not. */
    dataset_limits_default(&lim);
    lim.memory.ceiling = 65536;
    size_t n = 50000;
    char *big = malloc(n * 4 + 1), *p = big;
    for (size_t i = 0; i < n; i++, p += 4)
        memcpy(p, "1 1\n", 4);
    *p = '\0';
    st = read_limited(big, 100 * 4, &lim, &ds, &err);
    tap_ok(st == RS_OK && ds.m == 100, "100 rows fit a 64 KiB ceiling");
    dataset_free(&ds);
    st = read_limited(big, n * 4, &lim, &ds, &err);
    tap_ok(st == RS_ENOMEM && strstr(err.what, "more than the memory ceiling of 64 KiB") && err.line > 0,
           "100000 values do not: RS_ENOMEM at line %zu (%s)", err.line, err.what);
    lim.memory.ceiling = 0;
    st = read_limited(big, n * 4, &lim, &ds, &err);
    int ok = st == RS_OK && ds.m == n && ds.t == 1;
    for (size_t i = 0; ok && i < n; i++)
        ok = ds.x[i] == 1.0 && ds.target[i] == 1.0;
    tap_ok(ok, "50000 rows of width 2 convert in place to x and target");
    dataset_free(&ds);
    free(big);
    /* One wide row (100001 numbers), and rows of 3 with distinct values. */
    size_t w = 100001;
    char *wide = malloc(w * 8 + 2);
    p = wide;
    for (size_t k = 0; k < w; k++)
        p += sprintf(p, "%zu ", k % 1000);
    strcpy(p, "\n");
    st = read_limited(wide, strlen(wide), NULL, &ds, &err);
    ok = st == RS_OK && ds.m == 1 && ds.t == w - 1 && ds.target[0] == (double)((w - 1) % 1000);
    for (size_t k = 0; ok && k < w - 1; k++)
        ok = ds.x[k] == (double)(k % 1000);
    tap_ok(ok, "one row of 100001 numbers converts in place");
    dataset_free(&ds);
    free(wide);
    static const char three[] = "1 2 3\n4 5 6\n7 8 9\n10 11 12\n";
    st = read_limited(three, sizeof three - 1, NULL, &ds, &err);
    static const double wx[] = {1, 2, 4, 5, 7, 8, 10, 11}, wt[] = {3, 6, 9, 12};
    tap_ok(st == RS_OK && ds.m == 4 && ds.t == 2 && memcmp(ds.x, wx, sizeof wx) == 0 &&
               memcmp(ds.target, wt, sizeof wt) == 0,
           "rows of three: inputs 1 2 4 5 7 8 10 11, targets 3 6 9 12");
    dataset_free(&ds);
    /* /dev/zero: one endless line of NUL bytes, stopped at the line limit. */
    dataset_limits_default(&lim);
    lim.max_line = 1 << 20;
    st = dataset_load_limited(&ds, "/dev/zero", &lim, &err);
    tap_ok(st == RS_ERANGE && err.line == 1, "/dev/zero stops at the line limit (%s)", err.what);
    /* Generation is refused before allocating when the ceiling is low. */
    rng r;
    rng_seed(&r, RNG_PCG, 1);
    lim.memory.ceiling = 1 << 20;
    tap_ok(dataset_generate_limited(&ds, &r, 1000, 1000, &lim) == RS_ENOMEM && ds.x == NULL,
           "8 MB of generated data is refused under a 1 MiB ceiling");
    tap_ok(dataset_bytes(1000, 1000) == 8008000.0, "dataset_bytes(1000, 1000) is 8008000");
    tap_ok(dataset_generate_limited(&ds, &r, 100, 100, &lim) == RS_OK, "80 KB is accepted");
    dataset_free(&ds);
    tap_ok(dataset_alloc(&ds, 100000000, 21) == RS_ENOMEM || memory_available() > 17600000000ull,
           "100000000 x 21 values (17.6 GB) are refused unless that much is available");
    if (ds.x)
        dataset_free(&ds);
}

static void test_stream_rows(void)
{
    rng a, b;
    dataset whole;
    rng_seed(&a, RNG_NUMPY, 1);
    rng_seed(&b, RNG_NUMPY, 1);
    dataset_generate(&whole, &a, 20, 10);
    double x[7 * 10], t[7];
    int same = 1;
    for (size_t i = 0; i < 20; i += 7) {
        size_t rows = 20 - i < 7 ? 20 - i : 7;
        dataset_generate_rows(&b, 10, rows, x, t);
        same &= memcmp(x, whole.x + i * 10, rows * 10 * sizeof(double)) == 0 &&
                memcmp(t, whole.target + i, rows * sizeof(double)) == 0;
    }
    tap_ok(same, "the tutorial's rows streamed in blocks of 7 equal the whole set");
    dataset_free(&whole);
}

/* dataset_write's hand-written integers are exactly "%.17g". */
static void test_write_format(void)
{
    static const double v[] = {0.0, -0.0, 1.0, -1.0, 7.0, 10.0, 1e15, 1e16, 99999999999999984.0,
                               1e17, -1e17, 123456789.0, 0.5, -2.5, 1e-300, 1e300, 3.0e16,
                               4503599627370497.0, -9007199254740993.0, 0.1};
    size_t n = sizeof v / sizeof v[0];
    dataset ds;
    dataset_alloc(&ds, 1, n - 1);
    memcpy(ds.x, v, (n - 1) * sizeof *v);
    ds.target[0] = v[n - 1];
    char got[4096], want[4096];
    FILE *fp = fmemopen(got, sizeof got, "w");
    dataset_write(&ds, fp);
    fclose(fp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(want + k, sizeof want - k, "%.17g%c", v[i], i + 1 < n ? ' ' : '\n');
    tap_ok(strcmp(got, want) == 0, "dataset_write writes every value as %%.17g would");
    dataset_free(&ds);
}

int main(void)
{
    test_tutorial_data();
    test_reader();
    test_round_trip();
    test_limits();
    test_stream_rows();
    test_write_format();
    return tap_done();
}
