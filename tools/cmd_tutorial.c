/* Placeholder until the linear model lands. */
#include "cli.h"
#include "commands.h"

int cmd_tutorial(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("tutorial", "not implemented yet");
    return CLI_FAILURE;
}
