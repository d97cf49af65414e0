/* trace.h: the one writer of optimiser traces: a row per iterate,
 * 'iter w... loss d_w... [state vectors...]', written as optim_run hands
 * the iterates over (trace_row is an optim_callback), in %.17g. */
#ifndef RNNSCAPE_TRACE_H
#define RNNSCAPE_TRACE_H

#include <stddef.h>
#include <stdio.h>

#include "optim.h"

typedef struct {
    FILE *fp;
    size_t n;                   /* parameters */
    const char *const *wnames;  /* their column names ("w_x", "w_rec"); NULL: w1, w2, ... */
    const char *const *suffix;  /* and the suffix of their gradient and state columns
                                   ("wx" gives d_wx, delta_wx); NULL: w1, w2, ... */
    const optim_type *type;     /* whose state vectors follow the gradient */
    size_t nvectors;            /* how many of them (the first ones; 0: none) */
} trace_writer;

/* The number of state vectors type has (its `vectors` list). */
size_t trace_type_vectors(const optim_type *type);
/* "# columns: iter w_x w_rec loss d_wx d_wrec delta_wx delta_wrec\n". */
void trace_columns(const trace_writer *t);
/* Writes one iterate; ctx is the trace_writer. RS_EIO if the write failed. */
rs_status trace_row(void *ctx, const optim_point *pt);

#endif
