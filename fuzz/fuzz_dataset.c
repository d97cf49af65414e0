/* fuzz_dataset.c: dataset_read on arbitrary bytes (a data file).  Either
 * it fails with a message (and a line number within the file when it names
 * one) and nothing allocated, or it returns M >= 1 rows of T >= 1 finite
 * inputs and a finite target, and outside '#' comments the file holds
 * nothing but plain decimal numbers and white space (no hex, no words).
 * Read again with limits near the input's own longest line and size (and
 * sometimes a tiny memory ceiling), it gives the same result when the
 * input keeps within them, and stops at the first line beyond them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>

#include "dataset.h"
#include "fuzz_common.h"
#include "fuzz_limits.h"

static void check_limited(const unsigned char *data, size_t size, rs_status st0,
                          const dataset *ds0, const dataset_error *err0)
{
    read_limits lim = fuzz_limits(data, size);
    size_t stop = fuzz_limit_line(data, size, &lim);
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        return;
    dataset ds;
    dataset_error err;
    rs_status st = dataset_read_limited(&ds, fp, &lim, &err);
    fclose(fp);
    if (st != RS_OK && (ds.x || ds.target || ds.m || ds.t))
        fuzz_fail("dataset_read_limited failed but left data behind", "(binary)");
    if (st == RS_ENOMEM) {
        if (!lim.memory.ceiling || (st0 == RS_OK && ds0->m * (ds0->t + 1) <= 1024))
            fuzz_fail("dataset_read_limited ran out of memory below the ceiling", "(binary)");
        return;
    }
    if (st0 == RS_OK && stop == 0 && lim.memory.ceiling && ds0->m * (ds0->t + 1) > 1024)
        fuzz_fail("dataset_read_limited held more values than the ceiling allows", "(binary)");
    if (stop == 0) {
        if (st != st0 || err.line != err0->line)
            fuzz_fail("dataset_read_limited differs within the limits", "(binary)");
    } else if (st == RS_OK) {
        fuzz_fail("dataset_read_limited read past a limit", "(binary)");
    } else if (st == RS_ERANGE) {
        if (err.line != stop)
            fuzz_fail("dataset_read_limited stopped at another line", "(binary)");
    } else if (st != st0 || err.line != err0->line || err0->line >= stop) {
        fuzz_fail("dataset_read_limited failed differently before the limit", "(binary)");
    }
    if (st == RS_OK) {
        if (ds.m != ds0->m || ds.t != ds0->t ||
            memcmp(ds.x, ds0->x, ds.m * ds.t * sizeof *ds.x) != 0 ||
            memcmp(ds.target, ds0->target, ds.m * sizeof *ds.target) != 0)
            fuzz_fail("dataset_read_limited returned other values", "(binary)");
        dataset_free(&ds);
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen needs a buffer; the empty file is a test case */
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        return 0;
    dataset ds;
    dataset_error err;
    rs_status st = dataset_read(&ds, fp, &err);
    fclose(fp);
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    if (st != RS_OK) {
        if (ds.x || ds.target || ds.m || ds.t)
            fuzz_fail("dataset_read failed but left data behind", "(binary)");
        if (!err.what[0] || strlen(err.what) >= sizeof err.what)
            fuzz_fail("dataset_read failed without a message", "(binary)");
        if (err.line > lines)
            fuzz_fail("dataset_read named a line past the end", "(binary)");
        check_limited(data, size, st, &ds, &err);
        return 0;
    }
    int comment = 0;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = data[i];
        if (c == '\n')
            comment = 0;
        else if (c == '#')
            comment = 1;
        else if (!comment && !strchr("0123456789.eE+- \t\r\v\f", c))
            fuzz_fail("dataset_read accepted a file with a character that is not decimal",
                      "(binary)");
    }
    if (ds.m < 1 || ds.t < 1 || !ds.x || !ds.target)
        fuzz_fail("dataset_read returned an empty data set", "(binary)");
    if (ds.m > lines)
        fuzz_fail("dataset_read returned more rows than lines", "(binary)");
    for (size_t i = 0; i < ds.m; i++) {
        if (!isfinite(ds.target[i]))
            fuzz_fail("dataset_read returned a non-finite target", "(binary)");
        for (size_t k = 0; k < ds.t; k++)
            if (!isfinite(ds.x[i * ds.t + k]))
                fuzz_fail("dataset_read returned a non-finite input", "(binary)");
    }
    check_limited(data, size, st, &ds, &err);
    dataset_free(&ds);
    return 0;
}
