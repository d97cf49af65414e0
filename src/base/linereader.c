#include "linereader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

/* Read size: large enough that a 10 MB line costs a few hundred freads.
 * (The fuzzers build with a tiny block so lines cross blocks everywhere.) */
#ifndef LINEREADER_BLOCK
#define LINEREADER_BLOCK 65536
#endif

void linereader_init(linereader *lr, FILE *fp, size_t max_line, uint64_t max_bytes)
{
    memset(lr, 0, sizeof *lr);
    lr->fp = fp;
    lr->max_line = max_line;
    lr->max_bytes = max_bytes;
}

void linereader_free(linereader *lr)
{
    free(lr->line);
    free(lr->block);
    lr->line = lr->block = NULL;
    lr->cap = 0;
}

/* Makes room for n more bytes (and the terminating NUL) in lr->line. */
static int line_reserve(linereader *lr, size_t n)
{
    if (lr->len + n + 1 <= lr->cap)
        return 1;
    size_t cap = lr->cap ? lr->cap : 256;
    while (cap < lr->len + n + 1)
        cap *= 2;
    char *p = realloc(lr->line, cap);
    if (!p)
        return 0;
    lr->line = p;
    lr->cap = cap;
    return 1;
}

/* Refills the block: 1 if it holds bytes, 0 at end of file, -1 on a read
 * error, -2 if the block cannot be allocated. */
static int refill(linereader *lr)
{
    if (lr->eof)
        return 0;
    if (!lr->block && !(lr->block = malloc(LINEREADER_BLOCK)))
        return -2;
    lr->pos = 0;
    lr->fill = fread(lr->block, 1, LINEREADER_BLOCK, lr->fp);
    if (lr->fill == 0) {
        lr->eof = 1;
        return ferror(lr->fp) ? -1 : 0;
    }
    return 1;
}

/* Ends the reading: this and every further call return st. */
static line_status stopped(linereader *lr, line_status st)
{
    lr->err = st == LINE_ERROR ? (errno ? errno : EIO) : 0;
    lr->done = 1;
    lr->final = st;
    lr->len = 0;
    if (lr->line)
        lr->line[0] = '\0';
    return st;
}

line_status linereader_next(linereader *lr)
{
    if (lr->done)
        return lr->final;
    lr->len = 0;
    lr->has_nul = 0;
    int any = 0;
    for (;;) {
        if (lr->pos == lr->fill) {
            int r = refill(lr);
            if (r == -2)
                return stopped(lr, LINE_NOMEM);
            if (r < 0)
                return stopped(lr, LINE_ERROR);
            if (r == 0)
                break;
        }
        const char *start = lr->block + lr->pos;
        size_t avail = lr->fill - lr->pos;
        const char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        any = 1;
        if (lr->consumed + take + (nl != NULL) > lr->max_bytes) {
            lr->number++;
            return stopped(lr, LINE_TOO_LARGE);
        }
        if (lr->len + take > lr->max_line) {
            lr->number++;
            return stopped(lr, LINE_TOO_LONG);
        }
        if (!line_reserve(lr, take))
            return stopped(lr, LINE_NOMEM);
        memcpy(lr->line + lr->len, start, take);
        lr->has_nul |= memchr(start, '\0', take) != NULL;
        lr->len += take;
        lr->consumed += take + (nl != NULL);
        lr->pos += take + (nl != NULL);
        if (nl)
            break;
    }
    if (!any)
        return stopped(lr, LINE_END);
    if (!line_reserve(lr, 0))
        return stopped(lr, LINE_NOMEM);
    lr->line[lr->len] = '\0';
    lr->number++;
    return LINE_OK;
}

const char *linereader_what(const linereader *lr, line_status st, char *buf, size_t size)
{
    char limit[64];
    switch (st) {
    case LINE_TOO_LONG:
        memory_format((double)lr->max_line, limit, sizeof limit);
        snprintf(buf, size, "line longer than the limit of %s", limit);
        break;
    case LINE_TOO_LARGE:
        memory_format((double)lr->max_bytes, limit, sizeof limit);
        snprintf(buf, size, "file larger than the limit of %s", limit);
        break;
    case LINE_NOMEM: snprintf(buf, size, "out of memory reading a line"); break;
    case LINE_ERROR: snprintf(buf, size, "%s", strerror(lr->err ? lr->err : EIO)); break;
    default: snprintf(buf, size, "no error"); break;
    }
    return buf;
}
