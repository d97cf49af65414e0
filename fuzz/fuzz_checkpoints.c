/* fuzz_checkpoints.c: addition_read_checkpoints on arbitrary bytes (a
 * checkpoints file of 'rnnscape addition train').  Either it fails with
 * nothing allocated or returned and a line number within the file (0: no
 * usable header or no checkpoint), or it returns n >= 1 checkpoints of a
 * net of 2 <= bits <= ADDITION_BITS_MAX, 1 <= hidden <= ADDITION_HIDDEN_MAX
 * (as the file's header says) with 2H + H + H*H finite weights each, from
 * a file whose rows hold nothing but plain decimal numbers.  Each
 * checkpoint survives a weights file round trip bit for bit, and writing
 * them all as a checkpoints file and reading that gives the same again.
 * Read again with limits near the input's own longest line and size (and
 * sometimes a memory ceiling of 1024 doubles), it gives the same result
 * when the input keeps within them and stops at the first line beyond. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>

#include "addition_io.h"
#include "fuzz_addition.h"
#include "fuzz_common.h"
#include "fuzz_limits.h"

static rs_status read_lim(const void *data, size_t size, const read_limits *lim, int *hidden,
                          size_t *n, long **iter, double **w, addition_read_error *err)
{
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        abort();
    int bits;
    rs_status st = addition_read_checkpoints_limited(fp, lim, &bits, hidden, n, iter, w, err);
    fclose(fp);
    return st;
}

static void check_limited(const unsigned char *data, size_t size)
{
    read_limits lim = fuzz_limits(data, size);
    size_t stop = fuzz_limit_line(data, size, &lim);
    size_t n0, n1;
    long *i0, *i1;
    double *w0, *w1;
    addition_read_error e0, e1;
    int h0, h1;
    rs_status st0 = read_lim(data, size, NULL, &h0, &n0, &i0, &w0, &e0);
    rs_status st1 = read_lim(data, size, &lim, &h1, &n1, &i1, &w1, &e1);
    if (st1 != RS_OK && (i1 || w1 || n1 || !e1.what[0]))
        fuzz_fail("addition_read_checkpoints_limited failed without a message or left data", "(binary)");
    /* Under the ceiling of 1024 doubles (8 KiB) up to 1024 rows and 1024
     * weights in all fit. */
    int fits = st0 == RS_OK && n0 <= 1024 && n0 * addition_nparams(h0) <= 1024;
    if (st1 == RS_ENOMEM) {
        if (!lim.memory.ceiling || (stop == 0 && fits))
            fuzz_fail("addition_read_checkpoints_limited ran out of memory below the ceiling", "(binary)");
    } else if (stop == 0 && lim.memory.ceiling && st0 == RS_OK && !fits) {
        fuzz_fail("addition_read_checkpoints_limited held more than the ceiling allows", "(binary)");
    } else if (stop == 0) {
        if (st1 != st0 || e1.line != e0.line ||
            (st0 == RS_OK && (n1 != n0 || memcmp(i0, i1, n0 * sizeof *i0) != 0)))
            fuzz_fail("addition_read_checkpoints_limited differs within the limits", "(binary)");
    } else if (st1 == RS_OK) {
        fuzz_fail("addition_read_checkpoints_limited read past a limit", "(binary)");
    } else if (st1 == RS_ERANGE) {
        if (e1.line != (long)stop)
            fuzz_fail("addition_read_checkpoints_limited stopped at another line", "(binary)");
    } else if (st1 != st0 || e1.line != e0.line) {
        fuzz_fail("addition_read_checkpoints_limited failed differently before the limit", "(binary)");
    }
    free(i0);
    free(w0);
    free(i1);
    free(w1);
}

static rs_status read_mem(const void *data, size_t size, int *bits, int *hidden, size_t *n,
                          long **iter, double **w, long *line)
{
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        abort();
    rs_status st = addition_read_checkpoints(fp, bits, hidden, n, iter, w, line);
    fclose(fp);
    return st;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen needs a buffer; the empty file is a test case */
    int bits = -7, hidden = -7;
    size_t n = 7;
    long *iter = (long *)&n, line = -7;
    double *w = (double *)&n;
    rs_status st = read_mem(data, size, &bits, &hidden, &n, &iter, &w, &line);
    check_limited(data, size);
    long lines = fuzz_lines(data, size);
    if (line < 0 || line > lines)
        fuzz_fail("addition_read_checkpoints named a line outside the file", "(binary)");
    if (st != RS_OK) {
        if (iter || w || n)
            fuzz_fail("addition_read_checkpoints failed but left data behind", "(binary)");
        return 0;
    }
    size_t np = addition_nparams(hidden);
    fuzz_check_shape(data, size, bits, hidden, np);
    fuzz_check_decimal(data, size);
    if (n < 1 || !iter || !w)
        fuzz_fail("addition_read_checkpoints returned no checkpoints", "(binary)");
    if ((long)n > lines)
        fuzz_fail("addition_read_checkpoints returned more checkpoints than lines", "(binary)");
    for (size_t i = 0; i < n * np; i++)
        if (!isfinite(w[i]))
            fuzz_fail("addition_read_checkpoints returned a non-finite weight", "(binary)");
    addition_net net = {.bits = bits, .hidden = hidden, .nparams = np};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        abort();
    addition_write_checkpoint_header(out, &net);
    for (size_t i = 0; i < n; i++) {
        net.w = w + i * np;
        fuzz_round_trip(&net, net.w);
        addition_write_checkpoint(out, iter[i], &net);
    }
    if (fclose(out) != 0)
        abort();
    int bits2, hidden2;
    size_t n2;
    long *iter2, line2;
    double *w2;
    if (read_mem(text, len, &bits2, &hidden2, &n2, &iter2, &w2, &line2) != RS_OK)
        fuzz_fail("addition_read_checkpoints rejected what was written", "(binary)");
    if (bits2 != bits || hidden2 != hidden || n2 != n ||
        memcmp(iter2, iter, n * sizeof *iter) != 0 || memcmp(w2, w, n * np * sizeof *w) != 0)
        fuzz_fail("checkpoints changed on a write and read back", "(binary)");
    free(text);
    free(iter2);
    free(w2);
    free(iter);
    free(w);
    return 0;
}
