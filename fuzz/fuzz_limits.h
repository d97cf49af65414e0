/* fuzz_limits.h: limits derived from the input for the readers' limited
 * forms, and where the first line is that breaks them. A limited read
 * must equal the unlimited one when the input keeps within the limits,
 * and otherwise stop at that line (or fail the same way earlier). */
#ifndef RNNSCAPE_FUZZ_LIMITS_H
#define RNNSCAPE_FUZZ_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#include "linereader.h"

/* Limits close to the input's own longest line and size: exactly those,
 * or 1 or 2 bytes short, picked by the first and last bytes. */
static read_limits fuzz_limits(const unsigned char *data, size_t size)
{
    size_t longest = 0, cur = 0;
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '\n') {
            cur = 0;
            continue;
        }
        if (++cur > longest)
            longest = cur;
    }
    size_t cut_line = data[0] % 3, cut_file = data[size - 1] % 3;
    read_limits lim = {{0}, longest > cut_line ? longest - cut_line : 0,
                       size > cut_file ? size - cut_file : 0};
    if (data[0] & 8)
        lim.memory.ceiling = 8192; /* 1024 doubles */
    return lim;
}

/* The 1-based line at which reading under lim must stop (a line too long,
 * or the one that crosses the file limit), 0 if the input keeps within. */
static size_t fuzz_limit_line(const unsigned char *data, size_t size, const read_limits *lim)
{
    size_t line = 1, len = 0;
    for (size_t i = 0; i < size; i++) {
        if (i + 1 > lim->max_file)
            return line;
        if (data[i] == '\n') {
            line++;
            len = 0;
        } else if (++len > lim->max_line) {
            return line;
        }
    }
    return 0;
}

#endif
