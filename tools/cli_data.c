#include "cli_data.h"

#include <errno.h>
#include <string.h>

#include "cli.h"

/* Generated data sets are refused above this many values (sequences x
 * length), before anything is allocated. */
#define CLI_DATA_MAX_SAMPLES 100000000L
#define CLI_DATA_MAX_LENGTH 100000000L

void cli_data_init(cli_data_opts *o)
{
    memset(o, 0, sizeof *o);
    o->samples = 20;
    o->length = 10;
    o->seed = 1;
    o->kind = RNG_NUMPY;
    o->f = ACT_LINEAR;
}

static const char *const rng_names[] = {"pcg", "numpy", NULL};
static const char *const target_names[] = {"count", "mean", NULL};

int cli_data_option(const char *cmd, int c, const char *arg, cli_data_opts *o)
{
    int idx;
    switch (c) {
    case OPT_DATA: o->path = arg; return CLI_OK;
    case OPT_SAMPLES:
        o->generated = 1;
        return cli_long(cmd, "--samples", arg, 1, CLI_DATA_MAX_SAMPLES, &o->samples);
    case OPT_LENGTH:
        o->generated = 1;
        return cli_long(cmd, "--length", arg, 1, CLI_DATA_MAX_LENGTH, &o->length);
    case OPT_SEED: o->generated = 1; return cli_u64(cmd, "--seed", arg, &o->seed);
    case OPT_RNG:
        o->generated = 1;
        o->kind_given = 1;
        if (cli_choice(cmd, "--rng", arg, rng_names, &idx) != CLI_OK)
            return CLI_USAGE;
        o->kind = (rng_kind)idx;
        return CLI_OK;
    case OPT_TARGET:
        o->generated = 1;
        if (cli_choice(cmd, "--target", arg, target_names, &idx) != CLI_OK)
            return CLI_USAGE;
        o->mean_target = idx == 1;
        return CLI_OK;
    case OPT_ACTIVATION:
        if (cli_choice(cmd, "--activation", arg, activation_names, &idx) != CLI_OK)
            return CLI_USAGE;
        o->f = (activation)idx;
        return CLI_OK;
    }
    return -1;
}

static int load_file(const char *cmd, const char *path, dataset *ds)
{
    dataset_error err;
    rs_status st = dataset_load(ds, path, &err);
    if (st == RS_OK)
        return CLI_OK;
    if (st == RS_ENOMEM) {
        cli_error(cmd, "--data: '%s': too large to load (out of memory)", path);
        return CLI_FAILURE;
    }
    if (err.line)
        cli_error(cmd, "--data: '%s' line %zu: %s", path, err.line, err.what);
    else
        cli_error(cmd, "--data: '%s': %s", path, err.what);
    return CLI_USAGE;
}

int cli_data_get(const char *cmd, const cli_data_opts *o, dataset *ds)
{
    if (o->path && o->generated) {
        cli_error(cmd, "--data cannot be combined with --samples, --length, --seed, --rng "
                       "or --target");
        return CLI_USAGE;
    }
    if (o->path)
        return load_file(cmd, o->path, ds);
    rng r;
    rng_kind kind = (o->generated && !o->kind_given) ? RNG_PCG : o->kind;
    if (rng_seed(&r, kind, o->seed) != RS_OK) {
        cli_error(cmd, "--seed: the numpy stream takes seeds up to 4294967295, got '%llu'",
                  (unsigned long long)o->seed);
        return CLI_USAGE;
    }
    if ((double)o->samples * (double)o->length > (double)DATASET_MAX_VALUES) {
        cli_error(cmd, "--samples %ld x --length %ld is more than %zu values", o->samples,
                  o->length, (size_t)DATASET_MAX_VALUES);
        return CLI_USAGE;
    }
    if (dataset_generate(ds, &r, (size_t)o->samples, (size_t)o->length) != RS_OK) {
        cli_error(cmd, "out of memory generating %ld x %ld values", o->samples, o->length);
        return CLI_FAILURE;
    }
    if (o->mean_target)
        dataset_targets_to_mean(ds);
    return CLI_OK;
}

void cli_data_header(FILE *fp, const cli_data_opts *o, const dataset *ds)
{
    if (o->path) {
        fprintf(fp, "# data: file '%s', %zu sequences of length %zu\n", o->path, ds->m, ds->t);
    } else {
        rng_kind kind = (o->generated && !o->kind_given) ? RNG_PCG : o->kind;
        fprintf(fp,
                "# data: %s%zu sequences of %zu bits, each round(uniform[0,1)), target = "
                "%s; rng %s, seed %llu\n",
                o->generated ? "" : "the tutorial's: ", ds->m, ds->t,
                o->mean_target ? "fraction of ones (count/T)" : "count of ones",
                rng_kind_name(kind), (unsigned long long)o->seed);
    }
    if (o->f == ACT_LINEAR)
        fputs("# model: s_0 = 0, s_k = s_(k-1)*w_rec + x_k*w_x, y = s_T, "
              "loss xi = (1/M) sum_i (t_i - y_i)^2\n",
              fp);
    else
        fprintf(fp,
                "# model: s_0 = 0, s_k = %s(s_(k-1)*w_rec + x_k*w_x), y = s_T, "
                "loss xi = (1/M) sum_i (t_i - y_i)^2\n",
                activation_names[o->f]);
}

int cli_parse_args(const cli_parser *p, int argc, char **argv)
{
    int c, rc = CLI_OK;
    opterr = 0;
    optind = 1;
    while (rc == CLI_OK && (c = getopt_long(argc, argv, ":o:h", p->longopts, NULL)) != -1) {
        if ((rc = cli_data_option(p->cmd, c, optarg, p->data)) >= 0)
            continue;
        if (c == 'h') {
            cli_help(p->help);
            return CLI_HELP_SHOWN;
        }
        if (c == 'o') {
            *p->out = optarg;
            rc = CLI_OK;
            continue;
        }
        rc = (c == '?' || c == ':') ? CLI_NOT_MINE : p->own(p->ctx, c, optarg);
        if (rc == CLI_NOT_MINE)
            return cli_bad_option(p->cmd, c, argv[optind - 1]);
    }
    if (rc == CLI_OK && optind < argc) {
        cli_error(p->cmd, "unexpected argument '%s'", argv[optind]);
        rc = CLI_USAGE;
    }
    return rc;
}
