/* fuzz_weights.c: addition_read_weights on arbitrary bytes (a weights file
 * of 'rnnscape addition train').  Either it fails with nothing allocated
 * and a line number within the file (0: no usable header), or it returns a
 * net of 2 <= bits <= ADDITION_BITS_MAX, 1 <= hidden <= ADDITION_HIDDEN_MAX
 * and 2H + H + H*H finite weights, as the file's own '# bits:' and
 * '# hidden:' lines say, from a file whose weight lines hold nothing but
 * plain decimal numbers; and writing those weights with
 * addition_write_weights and reading them back gives the same net, bit for
 * bit (and the same bytes when written again). Read again with limits
 * near the input's own longest line and size, it gives the same result
 * when the input keeps within them and stops at the first line beyond. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>

#include "addition_io.h"
#include "fuzz_common.h"
#include "fuzz_addition.h"
#include "fuzz_limits.h"

static void check_limited(const unsigned char *data, size_t size)
{
    read_limits lim = fuzz_limits(data, size);
    lim.memory.ceiling = 0; /* the weights are bounded by the header */
    size_t stop = fuzz_limit_line(data, size, &lim);
    addition_net n0, n1;
    addition_read_error e0, e1;
    FILE *fp = fmemopen((void *)data, size, "r");
    rs_status st0 = addition_read_weights_limited(fp, &n0, NULL, &e0);
    fclose(fp);
    fp = fmemopen((void *)data, size, "r");
    rs_status st1 = addition_read_weights_limited(fp, &n1, &lim, &e1);
    fclose(fp);
    if (st1 != RS_OK && (n1.w || !e1.what[0]))
        fuzz_fail("addition_read_weights_limited failed without a message or left weights", "(binary)");
    if (stop == 0) {
        if (st1 != st0 || e1.line != e0.line ||
            (st0 == RS_OK && memcmp(n0.w, n1.w, n0.nparams * sizeof *n0.w) != 0))
            fuzz_fail("addition_read_weights_limited differs within the limits", "(binary)");
    } else if (st1 == RS_OK) {
        fuzz_fail("addition_read_weights_limited read past a limit", "(binary)");
    } else if (st1 == RS_ERANGE) {
        if (e1.line != (long)stop)
            fuzz_fail("addition_read_weights_limited stopped at another line", "(binary)");
    } else if (st1 != st0 || e1.line != e0.line) {
        fuzz_fail("addition_read_weights_limited failed differently before the limit", "(binary)");
    }
    if (st0 == RS_OK)
        addition_net_free(&n0);
    if (st1 == RS_OK)
        addition_net_free(&n1);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen needs a buffer; the empty file is a test case */
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        return 0;
    addition_net net = {.bits = -7, .hidden = -7, .nparams = 7, .w = (double *)&net};
    long line = -7;
    rs_status st = addition_read_weights(fp, &net, &line);
    fclose(fp);
    check_limited(data, size);
    long lines = fuzz_lines(data, size);
    if (line < 0 || line > lines)
        fuzz_fail("addition_read_weights named a line outside the file", "(binary)");
    if (st != RS_OK) {
        if (net.w)
            fuzz_fail("addition_read_weights failed but left weights behind", "(binary)");
        return 0;
    }
    fuzz_check_shape(data, size, net.bits, net.hidden, net.nparams);
    fuzz_check_decimal(data, size);
    if (!net.w)
        fuzz_fail("addition_read_weights returned no weights", "(binary)");
    for (size_t p = 0; p < net.nparams; p++)
        if (!isfinite(net.w[p]))
            fuzz_fail("addition_read_weights returned a non-finite weight", "(binary)");
    fuzz_round_trip(&net, net.w);
    addition_net_free(&net);
    return 0;
}
