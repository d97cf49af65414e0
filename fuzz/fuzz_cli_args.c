/* fuzz_cli_args.c: the one option parser (cli_parse_args) on arbitrary
 * argument vectors: the input split at NUL bytes into words (at most 24),
 * parsed with a table like the grid commands' (the data options, an option
 * with a value, one without, -o and -h) and with positional arguments
 * allowed or not.  Promises: no crash or out-of-bounds access, a result
 * that is one of the documented codes, and on success every value handed
 * to an option is one of the words.  The messages the parser prints are
 * silenced by running with -close_fd_mask=3 (libFuzzer keeps its own). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_data.h"
#include "fuzz_common.h"

enum { OPT_VALUE = OPT_FIRST_FREE, OPT_FLAG };

typedef struct {
    int argc;
    char **argv;
    size_t args;
} fuzz_ctx;

static int in_argv(const fuzz_ctx *f, const char *s)
{
    for (int i = 0; i < f->argc; i++)
        if (s >= f->argv[i] && s <= f->argv[i] + strlen(f->argv[i]))
            return 1;
    return 0;
}

static int own(void *ctx, int c, const char *arg)
{
    fuzz_ctx *f = ctx;
    if (c == OPT_VALUE && (!arg || !in_argv(f, arg)))
        fuzz_fail("an option's value is not one of the words", arg ? arg : "(null)");
    return c == OPT_VALUE || c == OPT_FLAG ? CLI_OK : CLI_NOT_MINE;
}

static int positional(void *ctx, const char *word)
{
    fuzz_ctx *f = ctx;
    if (!in_argv(f, word))
        fuzz_fail("a positional argument is not one of the words", word);
    f->args++;
    return CLI_OK;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *words[26] = {"fuzz"};
    int argc = 1;
    for (size_t at = 0; at < size && argc < 25;) {
        size_t n = strnlen((const char *)data + at, size - at);
        words[argc] = malloc(n + 1);
        if (!words[argc])
            abort();
        memcpy(words[argc], data + at, n);
        words[argc++][n] = '\0';
        at += n + 1;
    }
    words[argc] = NULL;
    static const struct option longopts[] = {CLI_DATA_LONGOPTS, CLI_S0_LONGOPT,
                                             {"value", required_argument, NULL, OPT_VALUE},
                                             {"valve", required_argument, NULL, OPT_VALUE},
                                             {"flag", no_argument, NULL, OPT_FLAG},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_data_opts d;
    const char *out = NULL;
    fuzz_ctx f = {argc, words, 0};
    cli_data_init(&d);
    cli_parser p = {"fuzz", "help\n", longopts, &d, &out, own, &f};
    cli_parser_more more = {"qo:h", positional, size % 2};
    int rc = size % 3 ? cli_parse_args(&p, argc, words) : cli_parse_args_with(&p, &more, argc, words);
    if (rc != CLI_OK && rc != CLI_USAGE && rc != CLI_HELP_SHOWN && rc != CLI_FAILURE)
        fuzz_fail("cli_parse_args returned an undocumented code", "");
    if (rc == CLI_OK && out && !in_argv(&f, out))
        fuzz_fail("-o's value is not one of the words", out);
    for (int i = 1; i < argc; i++)
        free(words[i]);
    return 0;
}
