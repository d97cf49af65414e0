/* fuzz_parse_point.c: parse_point on arbitrary text.  An accepted point is
 * two finite numbers, each what parse_double makes of its half; a rejected
 * one leaves the outputs untouched. */
#include <math.h>

#include "fuzz_common.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    const char *expected = NULL;
    double a = 3.25, b = -3.25;
    rs_status st = parse_point(s, &a, &b, &expected);
    if (!expected)
        fuzz_fail("parse_point gave no 'expected' phrase", s);
    if (st == RS_OK) {
        if (!isfinite(a) || !isfinite(b))
            fuzz_fail("parse_point accepted a non-finite value", s);
        char *comma = strchr(s, ',');
        if (!comma)
            fuzz_fail("parse_point accepted text without ','", s);
        *comma = '\0';
        double x, y;
        const char *e;
        if (parse_double(s, &x, &e) != RS_OK || parse_double(comma + 1, &y, &e) != RS_OK
            || x != a || y != b)
            fuzz_fail("parse_point disagrees with parse_double on its halves", s);
    } else if (a != 3.25 || b != -3.25) {
        fuzz_fail("parse_point changed its outputs on failure", s);
    }
    free(s);
    return 0;
}
