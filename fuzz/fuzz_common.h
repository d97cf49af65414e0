/* fuzz_common.h: shared by the libFuzzer harnesses.  Command-line values
 * are C strings, so an input is cut at its first NUL and copied into a
 * NUL-terminated buffer of exactly its length (ASan then sees any read
 * past the end).  A harness calls fuzz_fail when a parser's promise is
 * broken: that aborts, which libFuzzer reports as a crash. */
#ifndef RNNSCAPE_FUZZ_COMMON_H
#define RNNSCAPE_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *fuzz_cstring(const unsigned char *data, size_t size)
{
    size_t n = strnlen((const char *)data, size);
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

static void fuzz_fail(const char *what, const char *input)
{
    fprintf(stderr, "fuzz: %s for input '%s'\n", what, input);
    abort();
}

#endif
