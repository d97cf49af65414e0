/* commands.h: the entry point of each rnnscape subcommand. Each takes the
 * subcommand's own argv (argv[0] is the subcommand name) and returns the
 * process exit status: 0 success, 1 a check failed, 2 bad usage or input,
 * 3 any other failure. */
#ifndef RNNSCAPE_COMMANDS_H
#define RNNSCAPE_COMMANDS_H

int cmd_data(int argc, char **argv);
int cmd_surface(int argc, char **argv);
int cmd_gradtime(int argc, char **argv);
int cmd_gradcheck(int argc, char **argv);
int cmd_hessian(int argc, char **argv);
int cmd_curvature(int argc, char **argv);
int cmd_rprop(int argc, char **argv);
int cmd_optimize(int argc, char **argv);
int cmd_predict(int argc, char **argv);
int cmd_tutorial(int argc, char **argv);
int cmd_addition(int argc, char **argv);
int addition_cmd_hessian(int argc, char **argv, int nfull, char **full); /* addition hessian */
int addition_cmd_curvature(int argc, char **argv, int nfull, char **full); /* addition curvature */
int cmd_plot(int argc, char **argv);
int cmd_explore(int argc, char **argv);

#endif
