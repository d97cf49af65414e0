/* Tests of the dataset module: the tutorial's data from NumPy's stream,
 * the file format's reader (good and bad files) and a write/read round trip. */
#include <stdio.h>
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

int main(void)
{
    test_tutorial_data();
    test_reader();
    test_round_trip();
    return tap_done();
}
