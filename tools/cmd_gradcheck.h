/* cmd_gradcheck.h: `rnnscape gradcheck` with a hook on the checked
 * objective, so a test can plant a wrong gradient through a wrapper (the
 * command itself has no such option, and the library no hidden state). */
#ifndef RNNSCAPE_CMD_GRADCHECK_H
#define RNNSCAPE_CMD_GRADCHECK_H

#include "objective.h"

/* Given the real objective, returns the one to check (e.g. a wrapper
 * around it; whatever it needs lives in ctx). */
typedef objective (*cmd_objective_wrap)(const objective *real, void *ctx);

/* cmd_gradcheck with the objective passed through wrap (NULL: unchanged). */
int cmd_gradcheck_wrapped(int argc, char **argv, cmd_objective_wrap wrap, void *ctx);

#endif
