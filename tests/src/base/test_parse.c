/* test_parse: the strict number parsers accept exactly what a user means
 * and reject everything else with the right status. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "parse.h"
#include "tap.h"

static const char *expected;

/* The string as C source would spell it, so a newline cannot break TAP. */
static const char *show(const char *s)
{
    static char buf[4][160];
    static int k;
    char *out = buf[k++ % 4];
    size_t n = 0;
    for (; *s && n < 150; s++) {
        if (*s == '\n' || *s == '\t') {
            out[n++] = '\\';
            out[n++] = *s == '\n' ? 'n' : 't';
        } else {
            out[n++] = *s;
        }
    }
    if (*s)
        n += (size_t)snprintf(out + n, sizeof buf[0] - n, "...");
    out[n] = '\0';
    return out;
}

static void dbl_ok(const char *s, double want)
{
    double v = -12345.0;
    rs_status st = parse_double(s, &v, &expected);
    if (!tap_ok(st == RS_OK && v == want && signbit(v) == signbit(want),
                "parse_double(\"%s\") = %.17g", show(s), want))
        tap_diag("status %d, value %.17g", (int)st, v);
}

static void dbl_bad(const char *s, rs_status want)
{
    double v = -12345.0;
    rs_status st = parse_double(s, &v, &expected);
    if (!tap_ok(st == want && v == -12345.0 && expected && *expected, "parse_double(\"%s\") is %s",
                show(s), rs_status_str(want)))
        tap_diag("status %d, value %.17g", (int)st, v);
}

static void range_ok(const char *s, double lo, double hi)
{
    double a = 0, b = 0;
    rs_status st = parse_range(s, &a, &b, &expected);
    tap_ok(st == RS_OK && a == lo && b == hi, "parse_range(\"%s\") = [%g, %g]", show(s), lo, hi);
}

static void range_bad(const char *s, rs_status want)
{
    double a = 99, b = 99;
    rs_status st = parse_range(s, &a, &b, &expected);
    if (!tap_ok(st == want && a == 99 && b == 99, "parse_range(\"%s\") is %s", show(s),
                rs_status_str(want)))
        tap_diag("status %d", (int)st);
}

static void point_ok(const char *s, double x, double y)
{
    double a = 0, b = 0;
    rs_status st = parse_point(s, &a, &b, &expected);
    tap_ok(st == RS_OK && a == x && b == y, "parse_point(\"%s\") = (%g, %g)", show(s), x, y);
}

static void point_bad(const char *s)
{
    double a = 99, b = 99;
    rs_status st = parse_point(s, &a, &b, &expected);
    if (!tap_ok(st != RS_OK && a == 99 && b == 99, "parse_point(\"%s\") rejected", show(s)))
        tap_diag("status %d", (int)st);
}

static void grid_ok(const char *s, size_t max, size_t wx, size_t wy)
{
    size_t x = 0, y = 0;
    rs_status st = parse_grid(s, max, &x, &y, &expected);
    tap_ok(st == RS_OK && x == wx && y == wy, "parse_grid(\"%s\", max %zu) = %zu x %zu", show(s),
           max, wx, wy);
}

static void grid_bad(const char *s, size_t max, rs_status want)
{
    size_t x = 7, y = 7;
    rs_status st = parse_grid(s, max, &x, &y, &expected);
    if (!tap_ok(st == want && x == 7 && y == 7, "parse_grid(\"%s\", max %zu) is %s", show(s), max,
                rs_status_str(want)))
        tap_diag("status %d", (int)st);
}

static void long_ok(const char *s, long min, long max, long want)
{
    long v = 0;
    rs_status st = parse_long(s, min, max, &v, &expected);
    tap_ok(st == RS_OK && v == want, "parse_long(\"%s\", %ld, %ld) = %ld", show(s), min, max, want);
}

static void long_bad(const char *s, long min, long max, rs_status want)
{
    long v = 77;
    rs_status st = parse_long(s, min, max, &v, &expected);
    if (!tap_ok(st == want && v == 77, "parse_long(\"%s\", %ld, %ld) is %s", show(s), min, max,
                rs_status_str(want)))
        tap_diag("status %d", (int)st);
}

static void u64_ok(const char *s, uint64_t want)
{
    uint64_t v = 0;
    rs_status st = parse_u64(s, &v, &expected);
    tap_ok(st == RS_OK && v == want, "parse_u64(\"%s\") = %llu", show(s), (unsigned long long)want);
}

static void u64_bad(const char *s, rs_status want)
{
    uint64_t v = 77;
    rs_status st = parse_u64(s, &v, &expected);
    if (!tap_ok(st == want && v == 77, "parse_u64(\"%s\") is %s", show(s), rs_status_str(want)))
        tap_diag("status %d", (int)st);
}

int main(void)
{
    (void)tap_plan;
    (void)tap_close;

    /* parse_double */
    dbl_ok("1", 1.0);
    dbl_ok("-2.5", -2.5);
    dbl_ok("1e-7", 1e-7);
    dbl_ok("+3", 3.0);
    dbl_ok(".5", 0.5);
    dbl_ok("-0", -0.0);
    dbl_ok("0", 0.0);
    dbl_ok("2.", 2.0);
    dbl_ok("1E3", 1000.0);
    dbl_ok("-1.5e+2", -150.0);
    dbl_ok("0.1", 0.1);
    dbl_ok("1.7976931348623157e308", DBL_MAX);
    dbl_ok("4.9406564584124654e-324", 4.9406564584124654e-324); /* subnormal, still exact */
    dbl_ok("0.30000000000000004", 0.30000000000000004);
    dbl_bad("", RS_EINVAL);
    dbl_bad("1e", RS_EINVAL);
    dbl_bad("1e+", RS_EINVAL);
    dbl_bad("1x", RS_EINVAL);
    dbl_bad("0x10", RS_EINVAL);
    dbl_bad("nan", RS_EINVAL);
    dbl_bad("NaN", RS_EINVAL);
    dbl_bad("inf", RS_EINVAL);
    dbl_bad("-inf", RS_EINVAL);
    dbl_bad("infinity", RS_EINVAL);
    dbl_bad("1e999", RS_ERANGE);
    dbl_bad("-1e999", RS_ERANGE);
    dbl_bad(" 1", RS_EINVAL);
    dbl_bad("1 ", RS_EINVAL);
    dbl_bad("\t1", RS_EINVAL);
    dbl_bad("1\n", RS_EINVAL);
    dbl_bad(".", RS_EINVAL);
    dbl_bad("-", RS_EINVAL);
    dbl_bad("+", RS_EINVAL);
    dbl_bad("e5", RS_EINVAL);
    dbl_bad("--1", RS_EINVAL);
    dbl_bad("+-1", RS_EINVAL);
    dbl_bad("1.2.3", RS_EINVAL);
    dbl_bad("1,5", RS_EINVAL);
    dbl_bad("1e5e5", RS_EINVAL);
    dbl_bad("1-2", RS_EINVAL);
    {
        /* A 100-character number is fine; 4000 characters are not. */
        char s[4001];
        memset(s, '0', 100);
        s[1] = '.';
        s[99] = '5';
        s[100] = '\0';
        dbl_ok(s, 5e-98);
        memset(s, '1', 4000);
        s[4000] = '\0';
        double v = -12345.0;
        tap_ok(parse_double(s, &v, &expected) != RS_OK && v == -12345.0,
               "parse_double rejects a 4000-digit string");
    }

    /* parse_range */
    range_ok("-3:3", -3, 3);
    range_ok("0:1e-3", 0, 1e-3);
    range_ok("-2.5:-1", -2.5, -1);
    range_bad("3:-3", RS_EINVAL);
    range_bad("1:1", RS_EINVAL);
    range_bad("1:", RS_EINVAL);
    range_bad(":1", RS_EINVAL);
    range_bad(":", RS_EINVAL);
    range_bad("", RS_EINVAL);
    range_bad("1", RS_EINVAL);
    range_bad("1:2:3", RS_EINVAL);
    range_bad("a:b", RS_EINVAL);
    range_bad("1,2", RS_EINVAL);
    range_bad("1 :2", RS_EINVAL);
    range_bad("nan:1", RS_EINVAL);
    range_bad("-inf:inf", RS_EINVAL);
    range_bad("-1e999:1", RS_ERANGE);

    /* parse_point */
    point_ok("2,1", 2, 1);
    point_ok("-1.5,2", -1.5, 2);
    point_ok("0,-0.25", 0, -0.25);
    point_bad("2");
    point_bad("2,");
    point_bad(",1");
    point_bad("2,1,3");
    point_bad("2:1");
    point_bad("2, 1");
    point_bad("x,1");
    point_bad("1,nan");
    point_bad("");

    /* parse_grid */
    grid_ok("50", 10000, 50, 50);
    grid_ok("30,40", 10000, 30, 40);
    grid_ok("1", 10000, 1, 1);
    grid_ok("10000,1", 10000, 10000, 1);
    grid_ok("007", 10000, 7, 7);
    grid_bad("0", 10000, RS_ERANGE);
    grid_bad("-5", 10000, RS_EINVAL);
    grid_bad("+5", 10000, RS_EINVAL);
    grid_bad("1.5", 10000, RS_EINVAL);
    grid_bad("", 10000, RS_EINVAL);
    grid_bad("5,", 10000, RS_EINVAL);
    grid_bad(",5", 10000, RS_EINVAL);
    grid_bad("5,0", 10000, RS_ERANGE);
    grid_bad("5,-6", 10000, RS_EINVAL);
    grid_bad("5,+6", 10000, RS_EINVAL);
    grid_bad("5,6,7", 10000, RS_EINVAL);
    grid_bad("5x", 10000, RS_EINVAL);
    grid_bad(" 5", 10000, RS_EINVAL);
    grid_bad("10001", 10000, RS_ERANGE);
    grid_bad("5,10001", 10000, RS_ERANGE);
    grid_bad("99999999999999999999999", 10000, RS_ERANGE);
    grid_bad("1", 0, RS_ERANGE);

    /* parse_long */
    long_ok("12", 0, 100, 12);
    long_ok("-12", -100, 100, -12);
    long_ok("+12", 0, 100, 12);
    long_ok("0", 0, 0, 0);
    long_ok("100", 0, 100, 100);
    long_ok("9223372036854775807", LONG_MIN, LONG_MAX, LONG_MAX);
    long_ok("-9223372036854775808", LONG_MIN, LONG_MAX, LONG_MIN);
    long_bad("101", 0, 100, RS_ERANGE);
    long_bad("-1", 0, 100, RS_ERANGE);
    long_bad("9223372036854775808", LONG_MIN, LONG_MAX, RS_ERANGE);
    long_bad("-9223372036854775809", LONG_MIN, LONG_MAX, RS_ERANGE);
    long_bad("", 0, 100, RS_EINVAL);
    long_bad("-", 0, 100, RS_EINVAL);
    long_bad("+", 0, 100, RS_EINVAL);
    long_bad("1x", 0, 100, RS_EINVAL);
    long_bad("1.0", 0, 100, RS_EINVAL);
    long_bad("1e2", 0, 1000, RS_EINVAL);
    long_bad(" 1", 0, 100, RS_EINVAL);
    long_bad("1 ", 0, 100, RS_EINVAL);
    long_bad("0x10", 0, 100, RS_EINVAL);
    long_bad("--1", -100, 100, RS_EINVAL);

    /* parse_u64 */
    u64_ok("0", 0);
    u64_ok("42", 42);
    u64_ok("4294967296", 4294967296ULL);
    u64_ok("18446744073709551615", UINT64_MAX);
    u64_bad("18446744073709551616", RS_ERANGE);
    u64_bad("99999999999999999999999", RS_ERANGE);
    u64_bad("", RS_EINVAL);
    u64_bad("-1", RS_EINVAL);
    u64_bad("+1", RS_EINVAL);
    u64_bad("1.0", RS_EINVAL);
    u64_bad("12a", RS_EINVAL);
    u64_bad(" 1", RS_EINVAL);
    u64_bad("1 ", RS_EINVAL);

    return tap_done();
}
