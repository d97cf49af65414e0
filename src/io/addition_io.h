/* addition_io.h: the binary-addition model's weight files (one weight per
 * line: index, matrix, row, column, value) and checkpoint files (one line
 * per checkpoint: iteration, then every weight), written and read back. */
#ifndef RNNSCAPE_ADDITION_IO_H
#define RNNSCAPE_ADDITION_IO_H

#include <stdio.h>

#include "addition.h"
#include "linereader.h"
#include "status.h"

/* The readers' defaults (see read_limits in linereader.h): a checkpoint row
 * of 1024 hidden units is about 27 MB of text. */
#define ADDITION_MAX_LINE ((size_t)256 << 20)
#define ADDITION_MAX_WEIGHTS_FILE ((uint64_t)1 << 30)
#define ADDITION_MAX_CHECKPOINTS_FILE ((uint64_t)8 << 30)

/* Where and why reading failed, for the caller's message. */
typedef struct {
    long line;      /* 1-based line number, 0 if not about one line (on
                     * success: the number of lines read) */
    char what[160]; /* e.g. "line longer than the limit of 256 MiB" */
} addition_read_error;

/* Writes "# bits: T", "# hidden: H", the column names and the weights w. */
rs_status addition_write_weights(FILE *fp, const addition_net *net, const double *w);
/* Reads a weights file into a freshly initialised net; RS_EFORMAT (with
 * *line set to the offending line, 0 for a missing header) on bad input. */
rs_status addition_read_weights(FILE *fp, addition_net *net, long *line);
/* The same with limits (NULL: ADDITION_MAX_LINE, ADDITION_MAX_WEIGHTS_FILE,
 * the memory available) and a described error: a line or file beyond the
 * limits is RS_ERANGE (the plain function above reports it the same way,
 * with *line 0). */
rs_status addition_read_weights_limited(FILE *fp, addition_net *net, const read_limits *lim,
                                        addition_read_error *err);

/* Writes "# bits: T", "# hidden: H" and the column names. */
void addition_write_checkpoint_header(FILE *fp, const addition_net *net);
void addition_write_checkpoint(FILE *fp, long iteration, const addition_net *net);
/* Reads a checkpoints file: *n checkpoints, iterations in (*iter)[i],
 * weights in (*w)[i * nparams ...]; bits and hidden from its header. */
rs_status addition_read_checkpoints(FILE *fp, int *bits, int *hidden, size_t *n, long **iter,
                                    double **w, long *line);
/* The same with limits (NULL: ADDITION_MAX_LINE,
 * ADDITION_MAX_CHECKPOINTS_FILE, the memory available, checked before the
 * arrays grow) and a described error: RS_ERANGE for a line or file beyond
 * the limits, RS_ENOMEM for rows beyond the memory ceiling. */
rs_status addition_read_checkpoints_limited(FILE *fp, const read_limits *lim, int *bits,
                                            int *hidden, size_t *n, long **iter, double **w,
                                            addition_read_error *err);

#endif
