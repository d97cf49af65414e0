/* fuzz_parse_range.c: parse_range on arbitrary text.  An accepted range is
 * two finite numbers with LO < HI, each what parse_double makes of its
 * half; a rejected one leaves the outputs untouched. */
#include <math.h>

#include "fuzz_common.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    const char *expected = NULL;
    double lo = 1.5, hi = -1.5;
    rs_status st = parse_range(s, &lo, &hi, &expected);
    if (!expected)
        fuzz_fail("parse_range gave no 'expected' phrase", s);
    if (st == RS_OK) {
        if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
            fuzz_fail("parse_range accepted a bad range", s);
        char *colon = strchr(s, ':');
        if (!colon)
            fuzz_fail("parse_range accepted text without ':'", s);
        *colon = '\0';
        double a, b;
        const char *e;
        if (parse_double(s, &a, &e) != RS_OK || parse_double(colon + 1, &b, &e) != RS_OK
            || a != lo || b != hi)
            fuzz_fail("parse_range disagrees with parse_double on its halves", s);
    } else if (lo != 1.5 || hi != -1.5) {
        fuzz_fail("parse_range changed its outputs on failure", s);
    }
    free(s);
    return 0;
}
