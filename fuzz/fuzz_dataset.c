/* fuzz_dataset.c: dataset_read on arbitrary bytes (a data file).  Either
 * it fails with a message (and a line number within the file when it names
 * one) and nothing allocated, or it returns M >= 1 rows of T >= 1 finite
 * inputs and a finite target, and outside '#' comments the file holds
 * nothing but plain decimal numbers and white space (no hex, no words). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>

#include "dataset.h"
#include "fuzz_common.h"

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
    dataset_free(&ds);
    return 0;
}
