#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Only plain decimal notation: strtod alone would take "0x10", "inf", "nan". */
static int looks_decimal(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isdigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return 0;
    }
    return 1;
}

/* Parses s[0..n) as a finite double. */
static rs_status parse_double_n(const char *s, size_t n, double *out)
{
    char buf[128];
    if (n == 0 || n >= sizeof buf || !looks_decimal(s, n))
        return RS_EINVAL;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end != buf + n || end == buf)
        return RS_EINVAL;
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return RS_ERANGE;
    *out = v;
    return RS_OK;
}

rs_status parse_double(const char *s, double *out, const char **expected)
{
    *expected = "expected a finite number";
    return parse_double_n(s, strlen(s), out);
}

rs_status parse_long(const char *s, long min, long max, long *out, const char **expected)
{
    *expected = "expected an integer";
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    if (s[i] == '\0')
        return RS_EINVAL;
    for (size_t j = i; s[j]; j++)
        if (!isdigit((unsigned char)s[j]))
            return RS_EINVAL;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE || v < min || v > max)
        return RS_ERANGE;
    *out = v;
    return RS_OK;
}

rs_status parse_u64(const char *s, uint64_t *out, const char **expected)
{
    *expected = "expected a non-negative integer";
    if (s[0] == '\0')
        return RS_EINVAL;
    for (size_t j = 0; s[j]; j++)
        if (!isdigit((unsigned char)s[j]))
            return RS_EINVAL;
    errno = 0;
    unsigned long long v = strtoull(s, NULL, 10);
    if (errno == ERANGE)
        return RS_ERANGE;
    *out = (uint64_t)v;
    return RS_OK;
}

/* Splits "A<sep>B" into two finite doubles. */
static rs_status parse_pair(const char *s, char sep, double *a, double *b)
{
    const char *mid = strchr(s, sep);
    if (!mid || strchr(mid + 1, sep))
        return RS_EINVAL;
    rs_status st = parse_double_n(s, (size_t)(mid - s), a);
    if (st == RS_OK)
        st = parse_double_n(mid + 1, strlen(mid + 1), b);
    return st;
}

rs_status parse_range(const char *s, double *lo, double *hi, const char **expected)
{
    *expected = "expected LO:HI with finite numbers and LO < HI";
    double a, b;
    rs_status st = parse_pair(s, ':', &a, &b);
    if (st != RS_OK)
        return st;
    if (!(a < b))
        return RS_EINVAL;
    *lo = a;
    *hi = b;
    return RS_OK;
}

rs_status parse_point(const char *s, double *a, double *b, const char **expected)
{
    *expected = "expected A,B with two finite numbers";
    double x, y;
    rs_status st = parse_pair(s, ',', &x, &y);
    if (st != RS_OK)
        return st;
    *a = x;
    *b = y;
    return RS_OK;
}

rs_status parse_grid(const char *s, size_t max, size_t *nx, size_t *ny, const char **expected)
{
    *expected = "expected a positive integer N or NX,NREC";
    const char *comma = strchr(s, ',');
    char first[32];
    size_t n1 = comma ? (size_t)(comma - s) : strlen(s);
    if (n1 == 0 || n1 >= sizeof first)
        return RS_EINVAL;
    memcpy(first, s, n1);
    first[n1] = '\0';
    long a, b;
    const char *ignored;
    if (first[0] == '+' || first[0] == '-' || (comma && (comma[1] == '+' || comma[1] == '-')))
        return RS_EINVAL;
    rs_status st = parse_long(first, 1, (long)(max > LONG_MAX ? LONG_MAX : max), &a, &ignored);
    if (st != RS_OK)
        return st;
    b = a;
    if (comma) {
        st = parse_long(comma + 1, 1, (long)(max > LONG_MAX ? LONG_MAX : max), &b, &ignored);
        if (st != RS_OK)
            return st;
    }
    *nx = (size_t)a;
    *ny = (size_t)b;
    return RS_OK;
}
