/* tap.h: a minimal Test Anything Protocol emitter for the unit tests.
 * Each test program calls tap_plan (or tap_done at the end) and one
 * tap_ok per assertion; Automake's tap-driver.sh reads the output. */
#ifndef RNNSCAPE_TAP_H
#define RNNSCAPE_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static int tap_count;
static int tap_failed;

__attribute__((unused)) static void tap_plan(int n) { printf("1..%d\n", n); }

__attribute__((unused)) static int tap_ok(int pass, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    if (!pass)
        tap_failed++;
    printf("%sok %d - ", pass ? "" : "not ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    return pass;
}

/* Reports n assertions that cannot be made in this build as skipped. */
__attribute__((unused)) static void tap_skip(int n, const char *why)
{
    for (int i = 0; i < n; i++)
        printf("ok %d # SKIP %s\n", ++tap_count, why);
    fflush(stdout);
}

__attribute__((unused)) static void tap_diag(const char *fmt, ...)
{
    va_list ap;
    fputs("# ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Relative closeness with an absolute floor, for comparing two methods. */
__attribute__((unused)) static int tap_close(double a, double b, double rel, double abs_floor)
{
    if (isinf(a) || isinf(b))
        return a == b;
    return fabs(a - b) <= abs_floor + rel * fmax(fabs(a), fabs(b));
}

/* Ends a test program whose plan was not given up front. */
__attribute__((unused)) static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
