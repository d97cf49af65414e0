#include "memory.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* A number from the first line of path ("max" and unreadable files are
 * UINT64_MAX: no limit there). */
static uint64_t read_number_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return UINT64_MAX;
    unsigned long long v;
    int ok = fscanf(fp, "%llu", &v) == 1;
    fclose(fp);
    return ok ? (uint64_t)v : UINT64_MAX;
}

/* MemAvailable from /proc/meminfo, in bytes. */
static uint64_t meminfo_available(void)
{
    FILE *fp = fopen("/proc/meminfo", "r");
    if (!fp)
        return UINT64_MAX;
    char line[256];
    uint64_t v = UINT64_MAX;
    unsigned long long kb;
    while (fgets(line, sizeof line, fp))
        if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1) {
            v = (uint64_t)kb * 1024u;
            break;
        }
    fclose(fp);
    return v;
}

/* RLIMIT_AS less the address space already mapped (/proc/self/statm). */
static uint64_t address_space_left(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return UINT64_MAX;
    uint64_t limit = (uint64_t)rl.rlim_cur, mapped = 0;
    FILE *fp = fopen("/proc/self/statm", "r");
    unsigned long long pages;
    if (fp) {
        if (fscanf(fp, "%llu", &pages) == 1)
            mapped = (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
        fclose(fp);
    }
    return limit > mapped ? limit - mapped : 0;
}

/* The memory cgroup's limit less its usage: cgroup v2 (memory.max,
 * memory.current) or v1 (memory.limit_in_bytes, memory.usage_in_bytes),
 * as seen at the usual mount points. */
static uint64_t cgroup_left(void)
{
    static const char *const pairs[][2] = {
        {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
        {"/sys/fs/cgroup/memory/memory.limit_in_bytes",
         "/sys/fs/cgroup/memory/memory.usage_in_bytes"}};
    uint64_t left = UINT64_MAX;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        uint64_t limit = read_number_file(pairs[i][0]);
        if (limit >= ((uint64_t)1 << 62)) /* "max", or v1's "unlimited" */
            continue;
        uint64_t used = read_number_file(pairs[i][1]);
        if (used == UINT64_MAX)
            used = 0;
        uint64_t l = limit > used ? limit - used : 0;
        if (l < left)
            left = l;
    }
    return left;
}

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

uint64_t memory_available(void)
{
    return min_u64(meminfo_available(), min_u64(address_space_left(), cgroup_left()));
}

uint64_t memory_ceiling(const memory_limit *lim)
{
    if (lim && lim->ceiling)
        return lim->ceiling;
    uint64_t avail = memory_available();
    return avail == UINT64_MAX ? avail : avail / 3 * 2;
}

rs_status memory_check(const memory_limit *lim, double bytes, uint64_t *ceiling)
{
    uint64_t c = memory_ceiling(lim);
    if (ceiling)
        *ceiling = c;
    if (!(bytes >= 0.0)) /* negative or NaN: a broken estimate never fits */
        return RS_ENOMEM;
    return bytes <= (double)c ? RS_OK : RS_ENOMEM;
}

/* The power of 1024 a suffix letter stands for, -1 if it is none. */
static int suffix_power(char c)
{
    const char *letters = "KMGTPE";
    const char *p = strchr(letters, toupper((unsigned char)c));
    return c && p ? (int)(p - letters) + 1 : -1;
}

rs_status memory_parse_size(const char *text, uint64_t *bytes, const char **expected)
{
    *expected = "expected a size such as 512M or 8G (K, M, G, T: powers of 1024)";
    const char *p = text;
    size_t digits = strspn(p, "0123456789");
    const char *q = p + digits;
    if (*q == '.')
        q += 1 + strspn(q + 1, "0123456789");
    if (digits == 0 && q - p < 2) /* needs a digit before or after the point */
        return RS_EINVAL;
    /* The number is plain decimal (checked above), so strtod reads exactly
     * p..q: no sign, exponent, hex, inf or nan can reach it. */
    char *end;
    double v = strtod(p, &end);
    if (end != q)
        return RS_EINVAL;
    int power = 0;
    if (*q) {
        power = suffix_power(*q);
        if (power < 0)
            return RS_EINVAL;
        q++;
        if (*q == 'i' && q[1] == 'B')
            q += 2;
        else if (*q == 'B' || *q == 'b')
            q++;
    }
    if (*q)
        return RS_EINVAL;
    v = ldexp(v, 10 * power);
    if (!(v >= 1.0)) {
        *expected = "expected a size of at least 1 byte, such as 512M or 8G";
        return RS_ERANGE;
    }
    if (v >= 9223372036854775808.0) { /* 2^63 */
        *expected = "expected a size below 8E (2^63 bytes), such as 512M or 8G";
        return RS_ERANGE;
    }
    *bytes = (uint64_t)v;
    return RS_OK;
}

void memory_format(double bytes, char *buf, size_t size)
{
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (!(bytes >= 0.0) || bytes > 1e30) {
        snprintf(buf, size, "%.3g bytes", bytes);
        return;
    }
    int u = 0;
    while (bytes >= 1024.0 && u < 6) {
        bytes /= 1024.0;
        u++;
    }
    if (u == 0)
        snprintf(buf, size, "%.0f bytes", bytes);
    else
        snprintf(buf, size, "%.3g %s", bytes, units[u]);
}
