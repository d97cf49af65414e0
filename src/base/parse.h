/* parse.h: strict parsing of the numbers, ranges, points and grid sizes
 * users type. Each parser accepts the whole string or fails with a status
 * and a short phrase saying what was expected (for the caller's message).
 * On failure the outputs are left untouched. */
#ifndef RNNSCAPE_PARSE_H
#define RNNSCAPE_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* A finite double: no trailing text, no empty field, no nan/inf, no hex. */
rs_status parse_double(const char *s, double *out, const char **expected);
/* An integer in [min, max], decimal digits only (leading '+' or '-' allowed). */
rs_status parse_long(const char *s, long min, long max, long *out, const char **expected);
/* An unsigned 64-bit integer, decimal digits only. */
rs_status parse_u64(const char *s, uint64_t *out, const char **expected);
/* "LO:HI" with finite LO < HI. */
rs_status parse_range(const char *s, double *lo, double *hi, const char **expected);
/* "A,B", two finite doubles. */
rs_status parse_point(const char *s, double *a, double *b, const char **expected);
/* "N" (both axes) or "NX,NY", each in [1, max]. */
rs_status parse_grid(const char *s, size_t max, size_t *nx, size_t *ny, const char **expected);

#endif
