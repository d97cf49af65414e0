/* outfile.h: atomic output. A named regular file is written to a temporary
 * file in the same folder and renamed into place only after a successful
 * flush and close, so readers see the old file or the whole new one.
 * "-" means standard output; a FIFO or device is written in place. A new
 * file gets mode 0666 less the umask; a replaced file keeps its mode; a
 * symbolic link is followed (the file it names is replaced, not the link). */
#ifndef RNNSCAPE_OUTFILE_H
#define RNNSCAPE_OUTFILE_H

#include <stdio.h>

#include "status.h"

typedef struct {
    FILE *fp;
    char *path;    /* final name, NULL for standard output */
    char *tmppath; /* temporary name, NULL when writing in place */
} outfile;

/* Opens path (or stdout for NULL or "-"); on RS_EIO errno says why. On
 * failure nothing needs to be released (abort/commit are not needed). */
rs_status outfile_open(outfile *of, const char *path);
/* Flushes and closes; renames the temporary file into place. On failure the
 * temporary file is removed and the target is left as it was, RS_EIO with
 * errno saying why (RS_EINVAL if nothing is open). */
rs_status outfile_commit(outfile *of);
/* Discards everything written; the target is left as it was. */
void outfile_abort(outfile *of);
/* The temporary file currently being written, or NULL; for signal handlers. */
const char *outfile_pending(void);

#endif
