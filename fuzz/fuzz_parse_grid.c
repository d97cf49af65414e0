/* fuzz_parse_grid.c: parse_grid on arbitrary text, with the command's own
 * axis limit and a small one.  Accepted: "N" or "NX,NY", digits only, each
 * in [1, max]; rejected: outputs untouched. */
#include <ctype.h>

#include "cli.h"
#include "fuzz_common.h"
#include "parse.h"

static void check(const char *s, size_t max)
{
    const char *expected = NULL;
    size_t nx = 99, ny = 98;
    rs_status st = parse_grid(s, max, &nx, &ny, &expected);
    if (!expected)
        fuzz_fail("parse_grid gave no 'expected' phrase", s);
    if (st != RS_OK) {
        if (nx != 99 || ny != 98)
            fuzz_fail("parse_grid changed its outputs on failure", s);
        return;
    }
    if (nx < 1 || ny < 1 || nx > max || ny > max)
        fuzz_fail("parse_grid accepted a size out of range", s);
    int commas = 0;
    for (const char *p = s; *p; p++) {
        if (*p == ',')
            commas++;
        else if (!isdigit((unsigned char)*p))
            fuzz_fail("parse_grid accepted a character other than digits and ','", s);
    }
    if (commas > 1 || (commas == 0 && nx != ny))
        fuzz_fail("parse_grid accepted a malformed size", s);
    size_t x = (size_t)strtoull(s, NULL, 10);
    if (x != nx)
        fuzz_fail("parse_grid's NX is not the number written", s);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = fuzz_cstring(data, size);
    check(s, CLI_GRID_AXIS_MAX);
    check(s, 7);
    free(s);
    return 0;
}
