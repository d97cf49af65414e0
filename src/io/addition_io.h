/* addition_io.h: the binary-addition model's weight files (one weight per
 * line: index, matrix, row, column, value) and checkpoint files (one line
 * per checkpoint: iteration, then every weight), written and read back. */
#ifndef RNNSCAPE_ADDITION_IO_H
#define RNNSCAPE_ADDITION_IO_H

#include <stdio.h>

#include "addition.h"
#include "status.h"

/* Writes "# bits: T", "# hidden: H", the column names and the weights w. */
rs_status addition_write_weights(FILE *fp, const addition_net *net, const double *w);
/* Reads a weights file into a freshly initialised net; RS_EFORMAT (with
 * *line set to the offending line, 0 for a missing header) on bad input. */
rs_status addition_read_weights(FILE *fp, addition_net *net, long *line);

/* Writes "# bits: T", "# hidden: H" and the column names. */
void addition_write_checkpoint_header(FILE *fp, const addition_net *net);
void addition_write_checkpoint(FILE *fp, long iteration, const addition_net *net);
/* Reads a checkpoints file: *n checkpoints, iterations in (*iter)[i],
 * weights in (*w)[i * nparams ...]; bits and hidden from its header. */
rs_status addition_read_checkpoints(FILE *fp, int *bits, int *hidden, size_t *n, long **iter,
                                    double **w, long *line);

#endif
