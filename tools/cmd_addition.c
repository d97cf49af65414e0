/* Placeholder until the binary-addition work lands. */
#include "cli.h"
#include "commands.h"

int cmd_addition(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("addition", "not implemented yet");
    return CLI_FAILURE;
}
