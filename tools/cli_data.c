#include <config.h>

#include "cli_data.h"

#include <errno.h>
#include <stdlib.h>
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
    case OPT_S0: return cli_double(cmd, "--s0", arg, &o->s0);
    case OPT_MAX_MEMORY: return cli_memory_option(cmd, arg, &o->memory);
    case OPT_ACTIVATION:
        if (cli_choice(cmd, "--activation", arg, activation_names, &idx) != CLI_OK)
            return CLI_USAGE;
        o->f = (activation)idx;
        return CLI_OK;
    }
    return -1;
}

static int load_file(const char *cmd, const char *path, const memory_limit *memory, dataset *ds)
{
    dataset_error err;
    read_limits lim;
    dataset_limits_default(&lim);
    lim.memory = *memory;
    rs_status st = dataset_load_limited(ds, path, &lim, &err);
    if (st == RS_OK)
        return CLI_OK;
    if (st == RS_ENOMEM) {
        cli_error(cmd, "--data: '%s': too large to load: %s (see --max-memory)", path,
                  err.what[0] ? err.what : "out of memory");
        return CLI_FAILURE;
    }
    if (err.line)
        cli_error(cmd, "--data: '%s' line %zu: %s", path, err.line, err.what);
    else
        cli_error(cmd, "--data: '%s': %s", path, err.what);
    return st == RS_EIO ? cli_read_failure(err.errnum) : CLI_USAGE;
}

/* The tutorial's data set: 20 x 10, seed 1, count targets. An option
 * given at its default leaves the data the tutorial's. */
static int is_tutorial_data(const cli_data_opts *o)
{
    return o->samples == 20 && o->length == 10 && o->seed == 1 && !o->mean_target;
}

/* The generator: --rng as given; by default the tutorial's NumPy stream for
 * the tutorial's data and PCG for any other. */
static rng_kind data_rng(const cli_data_opts *o)
{
    if (o->kind_given)
        return o->kind;
    return is_tutorial_data(o) ? RNG_NUMPY : RNG_PCG;
}

int cli_data_get(const char *cmd, const cli_data_opts *o, dataset *ds)
{
    if (o->path && o->generated) {
        cli_error(cmd, "--data cannot be combined with --samples, --length, --seed, --rng "
                       "or --target");
        return CLI_USAGE;
    }
    if (o->path)
        return load_file(cmd, o->path, &o->memory, ds);
    rng r;
    rng_kind kind = data_rng(o);
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
    if (cli_memory_check(cmd, &o->memory, dataset_bytes((size_t)o->samples, (size_t)o->length),
                         "the data set") != CLI_OK)
        return CLI_FAILURE;
    read_limits lim;
    dataset_limits_default(&lim);
    lim.memory = o->memory;
    if (dataset_generate_limited(ds, &r, (size_t)o->samples, (size_t)o->length, &lim) != RS_OK) {
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
        fputs("# data: file '", fp);
        cli_put_escaped(fp, o->path);
        fprintf(fp, "', %zu sequences of length %zu\n", ds->m, ds->t);
    } else {
        rng_kind kind = data_rng(o);
        fprintf(fp,
                "# data: %s%zu sequences of %zu bits, each round(uniform[0,1)), target = "
                "%s; rng %s, seed %llu\n",
                is_tutorial_data(o) && kind == RNG_NUMPY ? "the tutorial's: " : "", ds->m, ds->t,
                o->mean_target ? "fraction of ones (count/T)" : "count of ones",
                rng_kind_name(kind), (unsigned long long)o->seed);
    }
    if (o->f == ACT_LINEAR)
        fprintf(fp,
                "# model: s_0 = %.17g, s_k = s_(k-1)*w_rec + x_k*w_x, y = s_T, "
                "loss xi = (1/M) sum_i (t_i - y_i)^2\n",
                o->s0);
    else
        fprintf(fp,
                "# model: s_0 = %.17g, s_k = %s(s_(k-1)*w_rec + x_k*w_x), y = s_T, "
                "loss xi = (1/M) sum_i (t_i - y_i)^2\n",
                o->s0, activation_names[o->f]);
}

void cli_data_title(char *buf, size_t size, const char *what, const cli_data_opts *o)
{
    snprintf(buf, size, "rnnscape %s %s; activation %s, s_0 = %.17g", PACKAGE_VERSION, what,
             activation_names[o->f], o->s0);
}

rnn2_model cli_data_model(const cli_data_opts *o, double wx, double wrec)
{
    return (rnn2_model){wx, wrec, o->f, o->s0};
}

/* A word that is an option, not a value: "-x...", but not "-", and not
 * a negative number. */
static int is_option_word(const char *w)
{
    if (w[0] != '-' || w[1] == '\0')
        return 0;
    return !((w[1] >= '0' && w[1] <= '9') || w[1] == '.');
}

/* The long option named by the len bytes at name: an exact name, else the
 * one option (or several with the same val) the prefix abbreviates. NULL
 * for none; *ambiguous set when the prefix fits options that differ. */
static const struct option *match_long(const struct option *opts, const char *name, size_t len,
                                       int *ambiguous)
{
    const struct option *found = NULL;
    *ambiguous = 0;
    for (const struct option *o = opts; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
    for (const struct option *o = opts; o->name; o++) {
        if (strncmp(o->name, name, len) != 0)
            continue;
        if (found && (found->val != o->val || found->has_arg != o->has_arg))
            *ambiguous = 1;
        else if (!found)
            found = o;
    }
    return *ambiguous ? NULL : found;
}

/* "ambiguous option '--s' (could be --samples, --seed)". */
static int report_ambiguous(const cli_parser *p, const char *word, size_t len)
{
    char list[512] = "";
    for (const struct option *o = p->longopts; o->name; o++) {
        size_t n = strlen(list);
        if (strncmp(o->name, word + 2, len) == 0 && n + strlen(o->name) + 5 < sizeof list)
            snprintf(list + n, sizeof list - n, "%s--%s", n ? ", " : "", o->name);
    }
    cli_error(p->cmd, "ambiguous option '%.*s' (could be %s; see 'rnnscape %s --help')",
              (int)(len + 2), word, list, p->cmd);
    return CLI_USAGE;
}

/* Hands one option (val) with its value (or NULL) to whoever handles it. */
static int dispatch(const cli_parser *p, int val, const char *shown, const char *value)
{
    if (p->data) {
        int rc = cli_data_option(p->cmd, val, value, p->data);
        if (rc >= 0)
            return rc;
    }
    if (val == 'h') {
        cli_help(p->help);
        return CLI_HELP_SHOWN;
    }
    if (val == 'o' && p->out) {
        *p->out = value;
        return CLI_OK;
    }
    int rc = p->own ? p->own(p->ctx, val, value) : CLI_NOT_MINE;
    return rc == CLI_NOT_MINE ? cli_bad_option(p->cmd, '?', shown) : rc;
}

/* "--name", "--name=value" or "--name value"; *i moves past a taken value. */
static int parse_long(const cli_parser *p, int argc, char **argv, int *i)
{
    const char *word = argv[*i], *eq = strchr(word, '=');
    size_t len = eq ? (size_t)(eq - word - 2) : strlen(word + 2);
    int ambiguous;
    const struct option *o = match_long(p->longopts, word + 2, len, &ambiguous);
    char shown[256];
    snprintf(shown, sizeof shown, "%.*s", (int)(len + 2), word);
    if (ambiguous)
        return report_ambiguous(p, word, len);
    if (!o)
        return cli_bad_option(p->cmd, '?', shown);
    snprintf(shown, sizeof shown, "--%s", o->name);
    if (o->has_arg == no_argument && eq) {
        cli_error(p->cmd, "%s: takes no value, got '%s' (see 'rnnscape %s --help')", shown, eq + 1,
                  p->cmd);
        return CLI_USAGE;
    }
    const char *value = eq ? eq + 1 : NULL;
    if (o->has_arg == required_argument && !value) {
        if (*i + 1 >= argc)
            return cli_bad_option(p->cmd, ':', shown);
        value = argv[++*i];
    }
    return dispatch(p, o->val, shown, value);
}

/* "-x", "-xVALUE", "-x VALUE", or letters without values together ("-qh"). */
static int parse_short(const cli_parser *p, const char *shorts, int argc, char **argv, int *i)
{
    const char *word = argv[*i];
    for (const char *c = word + 1; *c; c++) {
        char shown[3] = {'-', *c, '\0'};
        const char *spec = *c == ':' ? NULL : strchr(shorts, *c);
        if (!spec)
            return cli_bad_option(p->cmd, '?', shown);
        if (spec[1] != ':') {
            int rc = dispatch(p, *c, shown, NULL);
            if (rc != CLI_OK)
                return rc;
            continue;
        }
        const char *value = c[1] ? c + 1 : NULL;
        if (!value) {
            if (*i + 1 >= argc)
                return cli_bad_option(p->cmd, ':', shown);
            value = argv[++*i];
        }
        return dispatch(p, *c, shown, value);
    }
    return CLI_OK;
}

/* Names every stray argument in one line. */
static int report_strays(const cli_parser *p, int argc, char **argv, const unsigned char *stray,
                         size_t n)
{
    char list[1024] = "";
    size_t used = 0, shown = 0;
    for (int i = 1; i < argc; i++) {
        if (!stray[i])
            continue;
        int w = snprintf(list + used, sizeof list - used, "%s'%s'", shown ? ", " : "", argv[i]);
        if (w < 0 || used + (size_t)w >= sizeof list - 16)
            break;
        used += (size_t)w;
        shown++;
    }
    if (shown < n)
        snprintf(list + used, sizeof list - used, " and %zu more", n - shown);
    cli_error(p->cmd, "unexpected argument%s %s (see 'rnnscape %s --help')", n > 1 ? "s" : "",
              list, p->cmd);
    return CLI_USAGE;
}

int cli_parse_args(const cli_parser *p, int argc, char **argv)
{
    return cli_parse_args_with(p, NULL, argc, argv);
}

int cli_parse_args_with(const cli_parser *p, const cli_parser_more *more, int argc, char **argv)
{
    const char *shorts = more && more->shorts ? more->shorts : "o:h";
    cli_arg_fn arg = more ? more->arg : NULL;
    unsigned char *stray = calloc((size_t)argc + 1, 1);
    if (!stray) {
        cli_error(p->cmd, "out of memory");
        return CLI_FAILURE;
    }
    int rc = CLI_OK, only_args = 0;
    size_t nstray = 0;
    for (int i = 1; i < argc && rc == CLI_OK; i++) {
        const char *w = argv[i];
        if (!only_args && strcmp(w, "--") == 0) {
            only_args = 1;
        } else if (!only_args && is_option_word(w)) {
            rc = w[1] == '-' ? parse_long(p, argc, argv, &i)
                             : parse_short(p, shorts, argc, argv, &i);
        } else if (arg) {
            rc = arg(p->ctx, w);
            only_args |= more->in_order;
        } else {
            stray[i] = 1;
            nstray++;
        }
    }
    if (rc == CLI_OK && nstray)
        rc = report_strays(p, argc, argv, stray, nstray);
    free(stray);
    return rc;
}
