/* fuzz_parse_double.c: parse_double, parse_long and parse_u64 on arbitrary
 * text.  Promises checked: an accepted double is finite, is written only
 * with decimal characters, and is what strtod gives for the same text;
 * an accepted integer is in range and all digits; a rejected value leaves
 * the output untouched. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    const char *expected = NULL;
    double d = 12345.0;
    rs_status st = parse_double(s, &d, &expected);
    if (!expected)
        fuzz_fail("parse_double gave no 'expected' phrase", s);
    if (st == RS_OK) {
        if (!isfinite(d))
            fuzz_fail("parse_double accepted a non-finite value", s);
        for (const char *p = s; *p; p++)
            if (!(isdigit((unsigned char)*p) || strchr(".eE+-", *p)))
                fuzz_fail("parse_double accepted a non-decimal character", s);
        if (strtod(s, NULL) != d)
            fuzz_fail("parse_double disagrees with strtod", s);
    } else if (d != 12345.0) {
        fuzz_fail("parse_double changed its output on failure", s);
    }

    long l = 777;
    st = parse_long(s, -1000, 1000000, &l, &expected);
    if (st == RS_OK) {
        if (l < -1000 || l > 1000000)
            fuzz_fail("parse_long accepted a value out of range", s);
        if (strtol(s, NULL, 10) != l)
            fuzz_fail("parse_long disagrees with strtol", s);
    } else if (l != 777) {
        fuzz_fail("parse_long changed its output on failure", s);
    }

    uint64_t u = 4242;
    st = parse_u64(s, &u, &expected);
    if (st == RS_OK) {
        if (!*s)
            fuzz_fail("parse_u64 accepted an empty string", s);
        for (const char *p = s; *p; p++)
            if (!isdigit((unsigned char)*p))
                fuzz_fail("parse_u64 accepted a non-digit", s);
    } else if (u != 4242) {
        fuzz_fail("parse_u64 changed its output on failure", s);
    }
    free(s);
    return 0;
}
