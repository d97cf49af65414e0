/* rnnscape data: writes a data set file (one sequence per line). */
#include <stdio.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"

static const char data_help[] =
    "Usage: rnnscape data [OPTIONS]\n\n"
    "Writes a data set: one sequence per line, the inputs x_1 .. x_T and then\n"
    "the target t (the count of ones). Readable by --data, np.loadtxt, gnuplot.\n\n" CLI_DATA_HELP
    "Output:\n"
    "  -o, --output FILE    write to FILE atomically (default: standard output)\n"
    "  -h, --help           show this help\n";

/* data has only the shared options. */
static int no_own_options(void *ctx, int c, const char *arg)
{
    (void)ctx, (void)c, (void)arg;
    return CLI_NOT_MINE;
}

int cmd_data(int argc, char **argv)
{
    static const struct option longopts[] = {CLI_DATA_LONGOPTS,
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    cli_data_opts d;
    cli_data_init(&d);
    const char *out = NULL;
    cli_parser p = {"data", data_help, longopts, &d, &out, no_own_options, NULL};
    int rc = cli_parse_args(&p, argc, argv);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if ((rc = cli_output_not_input("data", "-o", out, "--data", d.path, NULL)) != CLI_OK)
        return rc;
    dataset ds;
    if ((rc = cli_data_get("data", &d, &ds)) != CLI_OK)
        return rc;
    outfile of;
    if ((rc = cli_open("data", out, &of)) == CLI_OK) {
        cli_header(of.fp, argc, argv);
        cli_data_header(of.fp, &d, &ds);
        fprintf(of.fp, "# columns: x_1 .. x_%zu target\n", ds.t);
        if (dataset_write(&ds, of.fp) != RS_OK)
            rc = cli_abort("data", &of);
        else
            rc = cli_close("data", &of);
    }
    dataset_free(&ds);
    return rc;
}
