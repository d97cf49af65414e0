#include "cli_memory.h"

#include "cli.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int cli_memory_option(const char *cmd, const char *arg, memory_limit *lim)
{
    const char *expected;
    uint64_t bytes;
    if (memory_parse_size(arg, &bytes, &expected) != RS_OK) {
        cli_error(cmd, "--max-memory: %s, got '%s'", expected, arg);
        return CLI_USAGE;
    }
    lim->ceiling = bytes;
    return CLI_OK;
}

int cli_memory_check(const char *cmd, const memory_limit *lim, double bytes, const char *what)
{
    uint64_t ceiling;
    if (memory_check(lim, bytes, &ceiling) == RS_OK)
        return CLI_OK;
    char need[64], have[64];
    memory_format(bytes, need, sizeof need);
    memory_format((double)ceiling, have, sizeof have);
    if (lim && lim->ceiling)
        cli_error(cmd, "%s needs about %s, more than the %s allowed by --max-memory", what, need,
                  have);
    else
        cli_error(cmd,
                  "%s needs about %s, more than the %s default ceiling (2/3 of the memory "
                  "available); see --max-memory",
                  what, need, have);
    return CLI_FAILURE;
}

size_t cli_threads(void)
{
#ifdef _OPENMP
    int n = omp_get_max_threads();
    return n > 0 ? (size_t)n : 1;
#else
    return 1;
#endif
}
