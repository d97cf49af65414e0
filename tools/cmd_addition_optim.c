/* The optimiser options of `rnnscape addition train`: those of
 * cli_optim.h (shared with `rnnscape optimize`), except that --alpha is
 * the command's own (the tutorial's learning rate unless --optimizer
 * rmsprop) and that without --optimizer no optimiser option is taken. */
#include <string.h>

#include "cli.h"
#include "cli_optim.h"
#include "cmd_addition_sub.h"

/* cmd_addition_sub.h's codes are cli_optim.h's from ADD_OPT_OPTIMIZER. */
_Static_assert(ADD_OPT_CLIP_NORM == ADD_OPT_OPTIMIZER + 1 &&
                   ADD_OPT_CLIP_VALUE == ADD_OPT_OPTIMIZER + 2 &&
                   ADD_OPT_PARAM == ADD_OPT_OPTIMIZER + 3 &&
                   ADD_OPT_FIRST_FREE >= ADD_OPT_OPTIMIZER + CLI_OPTIM_CODES,
               "addition option codes follow cli_optim.h's");

static cli_optim_opts to_cli(const addition_optim_opts *o)
{
    return (cli_optim_opts){o->type, o->given, o->given_bits, o->clip};
}

static void from_cli(addition_optim_opts *o, const cli_optim_opts *s)
{
    *o = (addition_optim_opts){s->type, s->given, s->given_bits, s->clip};
}

size_t addition_optim_longopts(struct option *out, size_t room)
{
    return cli_optim_longopts(out, room, ADD_OPT_OPTIMIZER, "alpha");
}

int addition_optim_option(const char *cmd, int c, const char *arg, addition_optim_opts *o)
{
    cli_optim_opts s = to_cli(o);
    int rc = cli_optim_option(cmd, ADD_OPT_OPTIMIZER, c, arg, &s);
    from_cli(o, &s);
    return rc;
}

int addition_optim_alpha(const char *cmd, const char *arg, addition_optim_opts *o)
{
    cli_optim_opts s = to_cli(o);
    int rc = cli_optim_param(cmd, "alpha", arg, &s);
    from_cli(o, &s);
    return rc;
}

int addition_optim_config(const char *cmd, const addition_optim_opts *o, optim_config *c)
{
    cli_optim_opts s = to_cli(o);
    return cli_optim_config(cmd, &s, 0, c);
}

void addition_optim_header(FILE *fp, const optim_config *c)
{
    fprintf(fp, "# optimizer: %s (%s), one step per sum on its E", c->type->name, c->type->title);
    cli_optim_describe(fp, c, "; ");
    fputc('\n', fp);
}
