/* memory.h: whether an allocation fits, asked before allocating. A command
 * estimates what it will hold (in bytes, as a double so a huge request
 * cannot wrap) and checks it against a ceiling: by default two thirds of
 * the memory the system can give this process now (the least of
 * /proc/meminfo's MemAvailable, the address-space limit RLIMIT_AS less
 * what is mapped, and the memory cgroup's limit less its usage), or a
 * ceiling the caller sets (rnnscape's --max-memory), which may be lower or
 * higher than that. The third kept back covers what an estimate leaves
 * out and limits the process cannot see: in a container MemAvailable is
 * often the host's, and a run the kernel kills there gives no message. */
#ifndef RNNSCAPE_MEMORY_H
#define RNNSCAPE_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct {
    uint64_t ceiling; /* bytes; 0 means "what is available" (the default) */
} memory_limit;

/* Bytes this process could still allocate now; UINT64_MAX if nothing is
 * known (no /proc, no limits). */
uint64_t memory_available(void);
/* The ceiling in force: lim->ceiling when set, else two thirds of
 * memory_available(). lim may be NULL (the default). */
uint64_t memory_ceiling(const memory_limit *lim);
/* RS_OK if an estimate of `bytes` fits under the ceiling, else RS_ENOMEM
 * (also for a negative or NaN estimate). *ceiling (may be NULL) gets the
 * ceiling compared against, for the caller's message. */
rs_status memory_check(const memory_limit *lim, double bytes, uint64_t *ceiling);

/* Parses a size: a plain decimal number (fraction allowed) of bytes with an
 * optional suffix K, M, G, T, P or E (powers of 1024; "KiB", "MB", "k" and
 * the like mean the same), e.g. "512M", "8G", "1.5G", "4096". Between 1
 * byte and 2^63 - 1 bytes; on RS_EINVAL/RS_ERANGE *expected says what a
 * valid value is. */
rs_status memory_parse_size(const char *text, uint64_t *bytes, const char **expected);
/* Writes bytes as a short human-readable size, "17.6 GiB", "512 MiB",
 * "100 bytes" (3 significant digits). */
void memory_format(double bytes, char *buf, size_t size);

#endif
