/* fuzz_weights.c: addition_read_weights on arbitrary bytes (a weights file
 * of 'rnnscape addition train').  Either it fails with nothing allocated
 * and a line number within the file (0: no usable header), or it returns a
 * net of 2 <= bits <= ADDITION_BITS_MAX, 1 <= hidden <= ADDITION_HIDDEN_MAX
 * and 2H + H + H*H finite weights, as the file's own '# bits:' and
 * '# hidden:' lines say, from a file whose weight lines hold nothing but
 * plain decimal numbers; and writing those weights with
 * addition_write_weights and reading them back gives the same net, bit for
 * bit (and the same bytes when written again). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>

#include "addition_io.h"
#include "fuzz_common.h"
#include "fuzz_addition.h"

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
