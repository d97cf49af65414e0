/* The optimiser options shared by `optimize` and `addition train`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_data.h" /* CLI_NOT_MINE */
#include "cli_optim.h"

enum { CODE_OPTIMIZER, CODE_CLIP_NORM, CODE_CLIP_VALUE, CODE_PARAM };

size_t cli_optim_longopts(struct option *out, size_t room, int base, const char *skip)
{
    const struct option fixed[] = {{"optimizer", required_argument, NULL, base + CODE_OPTIMIZER},
                                   {"clip-norm", required_argument, NULL, base + CODE_CLIP_NORM},
                                   {"clip-value", required_argument, NULL, base + CODE_CLIP_VALUE}};
    size_t k = 0;
    for (size_t i = 0; i < 3 && k < room; i++)
        out[k++] = fixed[i];
    for (size_t i = 0; optim_param_table[i].name && k < room && i < CLI_OPTIM_PARAMS_MAX; i++) {
        const optim_param_info *in = &optim_param_table[i];
        if (skip && strcmp(in->name, skip) == 0)
            continue;
        out[k++] = (struct option){in->name, in->is_flag ? no_argument : required_argument, NULL,
                                   base + CODE_PARAM + (int)i};
    }
    return k;
}

/* --clip-norm or --clip-value: a threshold > 0, not both options. */
static int clip_option(const char *cmd, optim_clip_kind kind, const char *arg, cli_optim_opts *o)
{
    const char *opt = kind == OPTIM_CLIP_NORM ? "--clip-norm" : "--clip-value";
    if (o->clip.kind != OPTIM_CLIP_NONE && o->clip.kind != kind) {
        cli_error(cmd, "%s: cannot be combined with %s", opt,
                  kind == OPTIM_CLIP_NORM ? "--clip-value" : "--clip-norm");
        return CLI_USAGE;
    }
    if (cli_double(cmd, opt, arg, &o->clip.c) != CLI_OK)
        return CLI_USAGE;
    if (!(o->clip.c > 0)) {
        cli_error(cmd, "%s: expected a number > 0, got '%s'", opt, arg);
        return CLI_USAGE;
    }
    o->clip.kind = kind;
    return CLI_OK;
}

/* A hyper-parameter in torch's domain (a flag is 1). */
static int param_option(const char *cmd, const optim_param_info *in, const char *arg,
                        cli_optim_opts *o)
{
    double v = 1.0;
    if (!in->is_flag) {
        char opt[64];
        snprintf(opt, sizeof opt, "--%s", in->name);
        if (cli_double(cmd, opt, arg, &v) != CLI_OK)
            return CLI_USAGE;
        if (!optim_param_in_domain(in, v)) {
            cli_error(cmd, "%s: expected %s, got '%s'", opt, in->expect, arg);
            return CLI_USAGE;
        }
    }
    optim_param_set(&o->given, in, v);
    o->given_bits |= in->bit;
    return CLI_OK;
}

int cli_optim_option(const char *cmd, int base, int c, const char *arg, cli_optim_opts *o)
{
    switch (c - base) {
    case CODE_OPTIMIZER: return cli_choice(cmd, "--optimizer", arg, optim_names, &o->type);
    case CODE_CLIP_NORM: return clip_option(cmd, OPTIM_CLIP_NORM, arg, o);
    case CODE_CLIP_VALUE: return clip_option(cmd, OPTIM_CLIP_VALUE, arg, o);
    }
    if (c < base + CODE_PARAM || c >= base + CODE_PARAM + CLI_OPTIM_PARAMS_MAX)
        return CLI_NOT_MINE;
    return param_option(cmd, &optim_param_table[c - base - CODE_PARAM], arg, o);
}

int cli_optim_param(const char *cmd, const char *name, const char *arg, cli_optim_opts *o)
{
    for (const optim_param_info *in = optim_param_table; in->name; in++)
        if (strcmp(in->name, name) == 0)
            return param_option(cmd, in, arg, o);
    return CLI_NOT_MINE;
}

/* Without --optimizer: CLI_NOT_MINE, or CLI_USAGE for an optimiser option. */
static int no_optimizer(const char *cmd, const cli_optim_opts *o)
{
    for (const optim_param_info *in = optim_param_table; in->name; in++)
        if (o->given_bits & in->bit) {
            cli_error(cmd, "--%s: needs --optimizer (the tutorial's update takes only --alpha)",
                      in->name);
            return CLI_USAGE;
        }
    if (o->clip.kind != OPTIM_CLIP_NONE) {
        cli_error(cmd, "--clip-%s: needs --optimizer",
                  o->clip.kind == OPTIM_CLIP_NORM ? "norm" : "value");
        return CLI_USAGE;
    }
    return CLI_NOT_MINE;
}

int cli_optim_delta_bounds(const char *cmd, double delta0, double delta_min, double delta_max,
                           int check_delta0)
{
    if (!(delta_min <= delta_max)) {
        cli_error(cmd, "--delta-min: expected at most --delta-max (%g), got %g", delta_max,
                  delta_min);
        return CLI_USAGE;
    }
    if (check_delta0 && !(delta0 >= delta_min && delta0 <= delta_max)) {
        cli_error(cmd, "--delta0: expected a value in [--delta-min, --delta-max] = [%g, %g], got %g",
                  delta_min, delta_max, delta0);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The RProp bounds, named as options (optim_check's sentence names them
 * less precisely). */
static int check_bounds(const char *cmd, const optim_config *c)
{
    const optim_params *p = &c->params;
    if (!(c->type->uses & OPTIM_P_DELTA_MIN))
        return CLI_OK;
    return cli_optim_delta_bounds(cmd, p->delta0, p->delta_min, p->delta_max, 1);
}

int cli_optim_config(const char *cmd, const cli_optim_opts *o, size_t iters, optim_config *c)
{
    if (o->type < 0)
        return no_optimizer(cmd, o);
    const optim_type *t = optim_types[o->type];
    *c = optim_config_default(t, iters);
    c->clip = o->clip;
    char unused[512] = "";
    for (const optim_param_info *in = optim_param_table; in->name; in++) {
        if (!(o->given_bits & in->bit))
            continue;
        if (t->uses & in->bit) {
            optim_param_set(&c->params, in, optim_param_value(&o->given, in));
        } else {
            size_t len = strlen(unused);
            snprintf(unused + len, sizeof unused - len, "%s--%s", len ? ", " : "", in->name);
        }
    }
    if (unused[0]) {
        cli_error(cmd, "%s: not used by --optimizer %s", unused, t->name);
        return CLI_USAGE;
    }
    if (check_bounds(cmd, c) != CLI_OK)
        return CLI_USAGE;
    const char *why;
    if (optim_check(c, &why) != RS_OK) {
        cli_error(cmd, "--%s", why);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* v with the fewest digits (15 to 17) that read back as v. */
static void put_exact(FILE *fp, double v)
{
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, fp);
}

void cli_optim_describe(FILE *fp, const optim_config *c, const char *sep)
{
    for (const optim_param_info *in = optim_param_table; in->name; in++)
        if (c->type->uses & in->bit) {
            fprintf(fp, "%s%s ", sep, in->name);
            put_exact(fp, optim_param_value(&c->params, in));
        }
    if (c->clip.kind == OPTIM_CLIP_NONE) {
        fprintf(fp, "%sno clipping", sep);
        return;
    }
    fprintf(fp, "%sclip-%s ", sep, c->clip.kind == OPTIM_CLIP_NORM ? "norm" : "value");
    put_exact(fp, c->clip.c);
}
