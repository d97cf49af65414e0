/* The optimiser options of `rnnscape addition train`: --optimizer NAME,
 * every hyper-parameter of optim.h under torch.optim's name (--lr,
 * --momentum, --nesterov, ...), --clip-norm and --clip-value; turned into
 * an optim_config and described in the data files' headers. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_addition_sub.h"

/* Long options: --optimizer, --clip-norm, --clip-value, then one per entry
 * of optim_param_table except alpha (train's --alpha, see below). */
size_t addition_optim_longopts(struct option *out, size_t room)
{
    size_t k = 0;
    const struct option fixed[] = {
        {"optimizer", required_argument, NULL, ADD_OPT_OPTIMIZER},
        {"clip-norm", required_argument, NULL, ADD_OPT_CLIP_NORM},
        {"clip-value", required_argument, NULL, ADD_OPT_CLIP_VALUE}};
    for (size_t i = 0; i < 3 && k < room; i++)
        out[k++] = fixed[i];
    for (size_t i = 0; optim_param_table[i].name && k < room && i < ADD_OPTIM_PARAMS_MAX; i++)
        if (strcmp(optim_param_table[i].name, "alpha") != 0)
            out[k++] = (struct option){optim_param_table[i].name,
                                       optim_param_table[i].is_flag ? no_argument
                                                                    : required_argument,
                                       NULL, ADD_OPT_PARAM + (int)i};
    return k;
}

/* The table entry of a parameter's name. */
static size_t param_index(const char *name)
{
    size_t i = 0;
    while (optim_param_table[i].name && strcmp(optim_param_table[i].name, name) != 0)
        i++;
    return i;
}

int addition_optim_option(const char *cmd, int c, const char *arg, addition_optim_opts *o)
{
    if (c == ADD_OPT_OPTIMIZER)
        return cli_choice(cmd, "--optimizer", arg, optim_names, &o->type);
    if (c == ADD_OPT_CLIP_NORM || c == ADD_OPT_CLIP_VALUE) {
        const char *opt = c == ADD_OPT_CLIP_NORM ? "--clip-norm" : "--clip-value";
        if (cli_double_above(cmd, opt, arg, 0.0, 1, &o->clip.c) != CLI_OK)
            return CLI_USAGE;
        if (o->clip.kind != OPTIM_CLIP_NONE) {
            cli_error(cmd, "%s: only one of --clip-norm and --clip-value", opt);
            return CLI_USAGE;
        }
        o->clip.kind = c == ADD_OPT_CLIP_NORM ? OPTIM_CLIP_NORM : OPTIM_CLIP_VALUE;
        return CLI_OK;
    }
    if (c < ADD_OPT_PARAM || c >= ADD_OPT_PARAM + ADD_OPTIM_PARAMS_MAX)
        return CLI_NOT_MINE;
    size_t i = (size_t)(c - ADD_OPT_PARAM);
    const optim_param_info *in = &optim_param_table[i];
    double v = 1.0;
    if (!in->is_flag) {
        char opt[64];
        snprintf(opt, sizeof opt, "--%s", in->name);
        if (cli_double(cmd, opt, arg, &v) != CLI_OK)
            return CLI_USAGE;
        if (!optim_param_in_domain(in, v)) { /* torch's domain */
            cli_error(cmd, "%s: expected %s, got '%s'", opt, in->expect, arg);
            return CLI_USAGE;
        }
    }
    optim_param_set(&o->given, in, v);
    o->given_bits |= in->bit;
    return CLI_OK;
}

int addition_optim_alpha(const char *cmd, const char *arg, addition_optim_opts *o)
{
    size_t i = param_index("alpha");
    if (!optim_param_table[i].name)
        return CLI_NOT_MINE;
    return addition_optim_option(cmd, ADD_OPT_PARAM + (int)i, arg, o);
}

int addition_optim_config(const char *cmd, const addition_optim_opts *o, optim_config *c)
{
    if (o->type < 0) {
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
        return CLI_NOT_MINE; /* the tutorial's update */
    }
    const optim_type *t = optim_types[o->type];
    *c = optim_config_default(t, 0);
    for (const optim_param_info *in = optim_param_table; in->name; in++) {
        if (!(o->given_bits & in->bit))
            continue;
        if (!(t->uses & in->bit)) {
            cli_error(cmd, "--%s: --optimizer %s does not use it", in->name, t->name);
            return CLI_USAGE;
        }
        optim_param_set(&c->params, in, optim_param_value(&o->given, in));
    }
    c->clip = o->clip;
    const char *why;
    if (optim_check(c, &why) != RS_OK) {
        cli_error(cmd, "--optimizer %s: %s", t->name, why);
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

void addition_optim_header(FILE *fp, const optim_config *c)
{
    fprintf(fp, "# optimizer: %s (%s), one step per sum on its E", c->type->name, c->type->title);
    for (const optim_param_info *in = optim_param_table; in->name; in++)
        if (c->type->uses & in->bit) {
            fprintf(fp, "; %s ", in->name);
            put_exact(fp, optim_param_value(&c->params, in));
        }
    if (c->clip.kind == OPTIM_CLIP_NONE) {
        fputs("; no clipping\n", fp);
        return;
    }
    fprintf(fp, "; clip-%s ", c->clip.kind == OPTIM_CLIP_NORM ? "norm" : "value");
    put_exact(fp, c->clip.c);
    fputc('\n', fp);
}
