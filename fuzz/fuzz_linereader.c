/* fuzz_linereader.c: the shared line reader on arbitrary bytes with line
 * and file limits taken from the input. The lines it returns, each with a
 * newline, are exactly the input's bytes from the start (NUL bytes
 * included and flagged), no line is longer than the line limit, and it
 * stops with LINE_TOO_LONG or LINE_TOO_LARGE exactly at the first line
 * that breaks a limit, or with LINE_END after the whole input. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fuzz_common.h"
#include "fuzz_limits.h"
#include "linereader.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size == 0)
        return 0;
    read_limits lim = fuzz_limits(data, size);
    size_t stop = fuzz_limit_line(data, size, &lim);
    FILE *fp = fmemopen((void *)data, size, "r");
    if (!fp)
        return 0;
    linereader lr;
    linereader_init(&lr, fp, lim.max_line, lim.max_file);
    size_t off = 0;
    line_status st;
    while ((st = linereader_next(&lr)) == LINE_OK) {
        if (lr.len > lim.max_line)
            fuzz_fail("a line longer than the limit came back", "(binary)");
        if (off + lr.len > size || memcmp(data + off, lr.line, lr.len) != 0 ||
            lr.line[lr.len] != '\0')
            fuzz_fail("a line differs from the input", "(binary)");
        if ((memchr(lr.line, '\0', lr.len) != NULL) != lr.has_nul)
            fuzz_fail("has_nul is wrong", "(binary)");
        off += lr.len;
        if (off < size && data[off] != '\n')
            fuzz_fail("a line ended before a newline or the end", "(binary)");
        off += off < size;
    }
    if (st == LINE_END && (stop != 0 || off != size))
        fuzz_fail("LINE_END before the whole input or past a limit", "(binary)");
    if ((st == LINE_TOO_LONG || st == LINE_TOO_LARGE) && lr.number != stop)
        fuzz_fail("stopped at another line than the first beyond a limit", "(binary)");
    if (st != LINE_END && st != LINE_TOO_LONG && st != LINE_TOO_LARGE)
        fuzz_fail("an unexpected status", "(binary)");
    if (linereader_next(&lr) != st)
        fuzz_fail("the end is not sticky", "(binary)");
    linereader_free(&lr);
    fclose(fp);
    return 0;
}
