#include "cli.h"
#include "cmd_addition_sub.h"
int addition_cmd_gradcheck(int argc, char **argv, int nfull, char **full)
{ (void)argc; (void)argv; (void)nfull; (void)full; return CLI_FAILURE; }
int addition_cmd_gradflow(int argc, char **argv, int nfull, char **full)
{ (void)argc; (void)argv; (void)nfull; (void)full; return CLI_FAILURE; }
int addition_cmd_landscape(int argc, char **argv, int nfull, char **full)
{ (void)argc; (void)argv; (void)nfull; (void)full; return CLI_FAILURE; }
