#include "cli.h"

#include <config.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"

void cli_put_escaped(FILE *fp, const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        /* Control bytes would move the cursor or end the line: show them. */
        if (*c < 0x20 || *c == 0x7f)
            fprintf(fp, "\\x%02x", *c);
        else
            fputc(*c, fp);
    }
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    char small[512], *msg = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    fputs("rnnscape ", stderr);
    cli_put_escaped(stderr, cmd);
    fputs(": ", stderr);
    cli_put_escaped(stderr, msg ? msg : small);
    fputc('\n', stderr);
    if (msg != small)
        free(msg);
}

int cli_bad_option(const char *cmd, int c, const char *argv_opt)
{
    if (c == ':')
        cli_error(cmd, "%s: missing value (see 'rnnscape %s --help')", argv_opt, cmd);
    else
        cli_error(cmd, "unknown option '%s' (see 'rnnscape %s --help')", argv_opt, cmd);
    return CLI_USAGE;
}

/* Prints the standard bad-value line; the text is quoted as typed. */
static int cli_bad_value(const char *cmd, const char *opt, const char *expected, const char *arg)
{
    cli_error(cmd, "%s: %s, got '%s'", opt, expected, arg);
    return CLI_USAGE;
}

int cli_double(const char *cmd, const char *opt, const char *arg, double *out)
{
    const char *expected;
    if (parse_double(arg, out, &expected) != RS_OK)
        return cli_bad_value(cmd, opt, expected, arg);
    return CLI_OK;
}

int cli_double_above(const char *cmd, const char *opt, const char *arg, double min, int strict,
                     double *out)
{
    int rc = cli_double(cmd, opt, arg, out);
    if (rc == CLI_OK && (strict ? !(*out > min) : !(*out >= min))) {
        char expected[64];
        if (min == 0.0)
            snprintf(expected, sizeof expected, "expected a %s number",
                     strict ? "positive" : "non-negative");
        else
            snprintf(expected, sizeof expected, "expected a number %s %g", strict ? ">" : ">=",
                     min);
        return cli_bad_value(cmd, opt, expected, arg);
    }
    return rc;
}

int cli_long(const char *cmd, const char *opt, const char *arg, long min, long max, long *out)
{
    const char *expected;
    rs_status st = parse_long(arg, min, max, out, &expected);
    if (st == RS_ERANGE) {
        cli_error(cmd, "%s: expected an integer from %ld to %ld, got '%s'", opt, min, max, arg);
        return CLI_USAGE;
    }
    if (st != RS_OK)
        return cli_bad_value(cmd, opt, expected, arg);
    return CLI_OK;
}

int cli_u64(const char *cmd, const char *opt, const char *arg, uint64_t *out)
{
    const char *expected;
    if (parse_u64(arg, out, &expected) != RS_OK)
        return cli_bad_value(cmd, opt, expected, arg);
    return CLI_OK;
}

int cli_range(const char *cmd, const char *opt, const char *arg, double *lo, double *hi)
{
    const char *expected;
    if (parse_range(arg, lo, hi, &expected) != RS_OK)
        return cli_bad_value(cmd, opt, expected, arg);
    return CLI_OK;
}

int cli_point(const char *cmd, const char *opt, const char *arg, double *a, double *b)
{
    const char *expected;
    if (parse_point(arg, a, b, &expected) != RS_OK)
        return cli_bad_value(cmd, opt, expected, arg);
    return CLI_OK;
}

/* A grid field made of zeros only ("0", "5,00"): too small, not too large. */
static int grid_has_zero(const char *arg)
{
    for (const char *f = arg; f; f = strchr(f, ',') ? strchr(f, ',') + 1 : NULL) {
        size_t len = strcspn(f, ",");
        if (len > 0 && strspn(f, "0") >= len)
            return 1;
    }
    return 0;
}

int cli_grid(const char *cmd, const char *opt, const char *arg, size_t *nx, size_t *ny)
{
    const char *expected;
    rs_status st = parse_grid(arg, CLI_GRID_AXIS_MAX, nx, ny, &expected);
    if (st == RS_ERANGE && grid_has_zero(arg))
        return cli_bad_value(cmd, opt, expected, arg);
    if (st == RS_ERANGE) {
        cli_error(cmd, "%s: expected 1 to %u points per axis, got '%s'", opt, CLI_GRID_AXIS_MAX,
                  arg);
        return CLI_USAGE;
    }
    if (st != RS_OK)
        return cli_bad_value(cmd, opt, expected, arg);
    if ((double)*nx * (double)*ny > CLI_GRID_POINTS_MAX) {
        cli_error(cmd, "%s: %zu x %zu points is more than the limit of %u", opt, *nx, *ny,
                  CLI_GRID_POINTS_MAX);
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_choice(const char *cmd, const char *opt, const char *arg, const char *const *choices,
               int *index)
{
    char expected[256] = "expected one of";
    for (int i = 0; choices[i]; i++) {
        if (strcmp(arg, choices[i]) == 0) {
            *index = i;
            return CLI_OK;
        }
        size_t n = strlen(expected);
        snprintf(expected + n, sizeof expected - n, "%s %s", i ? "," : "", choices[i]);
    }
    return cli_bad_value(cmd, opt, expected, arg);
}

int cli_open(const char *cmd, const char *path, outfile *of)
{
    rs_status st = outfile_open(of, path);
    if (st != RS_OK) {
        cli_error(cmd, "cannot write '%s': %s", path,
                  st == RS_EIO ? strerror(errno) : rs_status_str(st));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

int cli_close(const char *cmd, outfile *of)
{
    const char *name = of->path ? of->path : "standard output";
    char shown[512];
    snprintf(shown, sizeof shown, "%s", name);
    if (outfile_commit(of) != RS_OK) {
        cli_error(cmd, "writing '%s' failed: %s", shown, strerror(errno));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

int cli_abort(const char *cmd, outfile *of)
{
    int err = errno ? errno : EIO;
    if (of->fp && ferror(of->fp))
        cli_error(cmd, "writing '%s' failed: %s", of->path ? of->path : "standard output",
                  strerror(err));
    outfile_abort(of);
    return CLI_FAILURE;
}

int cli_read_failure(int err)
{
    switch (err) {
    case ENOENT: case ENOTDIR: case EISDIR: case EACCES: case EPERM: case ELOOP:
    case ENAMETOOLONG: case ENXIO: case ENODEV:
        return CLI_USAGE;
    default:
        return CLI_FAILURE;
    }
}

int cli_output_not_input(const char *cmd, const char *opt, const char *out, ...)
{
    va_list ap;
    int rc = CLI_OK;
    va_start(ap, out);
    for (const char *in_opt; rc == CLI_OK && (in_opt = va_arg(ap, const char *));) {
        const char *in = va_arg(ap, const char *);
        if (outfile_is_input(out, in)) {
            cli_error(cmd, "%s: '%s' is the input file of %s (it would be overwritten)", opt, out,
                      in_opt);
            rc = CLI_USAGE;
        }
    }
    va_end(ap);
    return rc;
}

void cli_header(FILE *fp, int argc, char **argv)
{
    fprintf(fp, "# rnnscape %s ", PACKAGE_VERSION);
    cli_put_escaped(fp, argv[0]);
    fputs("\n# command: rnnscape", fp);
    for (int i = 0; i < argc; i++) {
        fputc(' ', fp);
        cli_put_escaped(fp, argv[i]);
    }
    fputc('\n', fp);
}

int cli_help(const char *text)
{
    fputs(text, stdout);
    return CLI_OK;
}

static void cli_on_signal(int sig)
{
    outfile_remove_pending(); /* every temporary file; async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_install_signal_cleanup(void)
{
    signal(SIGINT, cli_on_signal);
    signal(SIGTERM, cli_on_signal);
    signal(SIGHUP, cli_on_signal);
    signal(SIGXFSZ, SIG_IGN); /* past `ulimit -f` a write fails (EFBIG): an error, temporaries removed */
}
