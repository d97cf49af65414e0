/* test_linereader: the shared line reader hands out exactly the file's
 * lines (across block boundaries, without a final newline, with NUL bytes
 * flagged) and stops at its line and file limits with the line number. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linereader.h"
#include "tap.h"

static FILE *text(const char *s, size_t n) { return fmemopen((void *)s, n, "r"); }

static void check_lines(void)
{
    static const char input[] = "one\n\ntwo\r\nlast";
    FILE *fp = text(input, sizeof input - 1);
    linereader lr;
    linereader_init(&lr, fp, 100, 1000);
    tap_ok(linereader_next(&lr) == LINE_OK && strcmp(lr.line, "one") == 0 && lr.number == 1,
           "line 1 is 'one'");
    tap_ok(linereader_next(&lr) == LINE_OK && lr.len == 0 && lr.number == 2, "line 2 is empty");
    tap_ok(linereader_next(&lr) == LINE_OK && strcmp(lr.line, "two\r") == 0 && lr.len == 4,
           "line 3 keeps its CR (the parsers treat it as a blank)");
    tap_ok(linereader_next(&lr) == LINE_OK && strcmp(lr.line, "last") == 0 && lr.number == 4,
           "a last line without a newline is a line");
    tap_ok(linereader_next(&lr) == LINE_END && linereader_next(&lr) == LINE_END,
           "then the end, and the end again");
    linereader_free(&lr);
    fclose(fp);

    static const char nul[] = "a\0b\nc\n";
    fp = text(nul, sizeof nul - 1);
    linereader_init(&lr, fp, 100, 1000);
    tap_ok(linereader_next(&lr) == LINE_OK && lr.has_nul && lr.len == 3 && lr.line[2] == 'b',
           "a NUL byte is kept and flagged");
    tap_ok(linereader_next(&lr) == LINE_OK && !lr.has_nul && strcmp(lr.line, "c") == 0,
           "the next line is clean");
    linereader_free(&lr);
    fclose(fp);
}

static void check_blocks(void)
{
    /* Lines of 1..200000 bytes cross the 64 KiB blocks in every way. */
    size_t sizes[] = {1, 65535, 65536, 65537, 200000, 3};
    size_t total = 0;
    for (size_t i = 0; i < 6; i++)
        total += sizes[i] + 1;
    char *buf = malloc(total), *p = buf;
    for (size_t i = 0; i < 6; i++) {
        memset(p, 'a' + (int)i, sizes[i]);
        p[sizes[i]] = '\n';
        p += sizes[i] + 1;
    }
    FILE *fp = text(buf, total);
    linereader lr;
    linereader_init(&lr, fp, 200000, total);
    int ok = 1;
    for (size_t i = 0; i < 6; i++) {
        ok &= linereader_next(&lr) == LINE_OK && lr.len == sizes[i] &&
              lr.line[0] == 'a' + (int)i && lr.line[sizes[i] - 1] == 'a' + (int)i &&
              lr.line[sizes[i]] == '\0';
    }
    tap_ok(ok && linereader_next(&lr) == LINE_END,
           "lines of 1, 65535, 65536, 65537, 200000 and 3 bytes come back whole");
    linereader_free(&lr);
    fclose(fp);

    fp = text(buf, total);
    linereader_init(&lr, fp, 199999, total);
    line_status st = LINE_OK;
    while ((st = linereader_next(&lr)) == LINE_OK)
        ;
    char what[128];
    linereader_what(&lr, st, what, sizeof what);
    tap_ok(st == LINE_TOO_LONG && lr.number == 5 && linereader_next(&lr) == LINE_TOO_LONG,
           "a limit of 199999 bytes stops at line 5, and stays stopped");
    tap_ok(strcmp(what, "line longer than the limit of 195 KiB") == 0, "it says '%s'", what);
    linereader_free(&lr);
    fclose(fp);

    fp = text(buf, total);
    linereader_init(&lr, fp, 1000000, 100000);
    while ((st = linereader_next(&lr)) == LINE_OK)
        ;
    linereader_what(&lr, st, what, sizeof what);
    tap_ok(st == LINE_TOO_LARGE && lr.number == 3 && strstr(what, "file larger than the limit of"),
           "a file limit of 100000 bytes stops within line 3 (%s)", what);
    linereader_free(&lr);
    fclose(fp);
    free(buf);
}

static void check_dev_zero(void)
{
    FILE *fp = fopen("/dev/zero", "r");
    if (!fp) {
        tap_ok(1, "# SKIP no /dev/zero");
        return;
    }
    linereader lr;
    linereader_init(&lr, fp, (size_t)1 << 20, (uint64_t)1 << 30);
    line_status st = linereader_next(&lr);
    tap_ok(st == LINE_TOO_LONG && lr.number == 1 && lr.cap <= ((size_t)2 << 20),
           "/dev/zero stops at the 1 MiB line limit with at most 2 MiB held");
    linereader_free(&lr);
    fclose(fp);
}

int main(void)
{
    check_lines();
    check_blocks();
    check_dev_zero();
    return tap_done();
}
