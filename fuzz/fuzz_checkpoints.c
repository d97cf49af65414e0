/* fuzz_checkpoints.c: addition_read_checkpoints on arbitrary bytes (a
 * checkpoints file of 'rnnscape addition train').  Either it fails with
 * nothing allocated or returned and a line number within the file (0: no
 * usable header or no checkpoint), or it returns n >= 1 checkpoints of a
 * net of 2 <= bits <= ADDITION_BITS_MAX, 1 <= hidden <= ADDITION_HIDDEN_MAX
 * (as the file's header says) with 2H + H + H*H finite weights each, from
 * a file whose rows hold nothing but plain decimal numbers.  Each
 * checkpoint survives a weights file round trip bit for bit, and writing
 * them all as a checkpoints file and reading that gives the same again. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>

#include "addition_io.h"
#include "fuzz_addition.h"
#include "fuzz_common.h"

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
