/* test_memory: sizes parsed and printed exactly, the ceiling a caller sets
 * obeyed both ways, and the memory available following RLIMIT_AS. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memory.h"
#include "tap.h"

static void check_parse(void)
{
    static const struct {
        const char *text;
        uint64_t bytes;
    } good[] = {{"1", 1},
                {"4096", 4096},
                {"1K", 1024},
                {"512M", 536870912},
                {"512MiB", 536870912},
                {"512MB", 536870912},
                {"8G", 8589934592ull},
                {"8g", 8589934592ull},
                {"1.5G", 1610612736ull},
                {".5K", 512},
                {"2T", 2199023255552ull},
                {"7E", 8070450532247928832ull}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint64_t b = 0;
        const char *why;
        rs_status st = memory_parse_size(good[i].text, &b, &why);
        tap_ok(st == RS_OK && b == good[i].bytes, "'%s' is %llu bytes (got %llu)", good[i].text,
               (unsigned long long)good[i].bytes, (unsigned long long)b);
    }
    static const char *const bad[] = {"", " 1G", "1G ", "-1G", "+1G", "0", "0.1", "1X", "1GG",
                                      "1e9", "0x10", "inf", "nan", ".", "1..2", "8E",
                                      "99999999999999999999999G", "G", "1 G", "1Gi"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint64_t b = 77;
        const char *why = NULL;
        rs_status st = memory_parse_size(bad[i], &b, &why);
        tap_ok(st != RS_OK && b == 77 && why && strstr(why, "expected"),
               "'%s' is refused (%s)", bad[i], why ? why : "no reason");
    }
}

static void check_format(void)
{
    static const struct {
        double bytes;
        const char *text;
    } cases[] = {{0, "0 bytes"},         {100, "100 bytes"},     {1024, "1 KiB"},
                 {536870912, "512 MiB"}, {1.68e10, "15.6 GiB"}, {2199023255552.0, "2 TiB"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        memory_format(cases[i].bytes, buf, sizeof buf);
        tap_ok(strcmp(buf, cases[i].text) == 0, "%.17g bytes prints as '%s' (got '%s')",
               cases[i].bytes, cases[i].text, buf);
    }
}

static void check_ceiling(void)
{
    memory_limit lim = {.ceiling = 1000};
    uint64_t c = 0;
    tap_ok(memory_check(&lim, 1000, &c) == RS_OK && c == 1000, "1000 bytes fit a ceiling of 1000");
    tap_ok(memory_check(&lim, 1001, NULL) == RS_ENOMEM, "1001 bytes do not");
    tap_ok(memory_check(&lim, -1, NULL) == RS_ENOMEM && memory_check(&lim, NAN, NULL) == RS_ENOMEM,
           "a negative or NaN estimate never fits");
    tap_ok(memory_check(&lim, 1e300, NULL) == RS_ENOMEM, "an estimate of 1e300 bytes does not wrap");
    uint64_t avail = memory_available();
    tap_ok(avail > ((uint64_t)16 << 20), "memory_available is more than 16 MiB (%llu)",
           (unsigned long long)avail);
    uint64_t dflt = memory_ceiling(NULL), third = avail / 3;
    tap_ok(dflt + third / 8 > avail - third && dflt < avail - third + third / 8,
           "the default ceiling is two thirds of the memory available (%llu of %llu)",
           (unsigned long long)dflt, (unsigned long long)avail);
    /* A ceiling above what is available is obeyed too (it raises it). */
    memory_limit high = {.ceiling = UINT64_C(1) << 62};
    tap_ok(memory_check(&high, 1e18, NULL) == RS_OK, "a raised ceiling (2^62) admits 1e18 bytes");
    tap_ok(memory_check(NULL, 1e18, NULL) == RS_ENOMEM, "the default ceiling refuses 1e18 bytes");
}

/* Under RLIMIT_AS = 1 GiB the memory available is at most 1 GiB. (Not
 * under AddressSanitizer, whose shadow memory alone maps terabytes.) */
static void check_rlimit(void)
{
#ifdef __SANITIZE_ADDRESS__
    tap_skip(1, "RLIMIT_AS cannot be tested under AddressSanitizer");
    return;
#endif
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {(rlim_t)1 << 30, (rlim_t)1 << 30};
        if (setrlimit(RLIMIT_AS, &rl) != 0)
            _exit(2);
        uint64_t a = memory_available();
        _exit(a <= ((uint64_t)1 << 30) && a > 0 ? 0 : 1);
    }
    int status = 1;
    waitpid(pid, &status, 0);
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "with RLIMIT_AS at 1 GiB, memory_available is below 1 GiB");
}

int main(void)
{
    check_parse();
    check_format();
    check_ceiling();
    check_rlimit();
    return tap_done();
}
