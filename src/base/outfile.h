/* outfile.h: atomic output, for one file or for a group of files.
 *
 * One file (outfile_open ... outfile_commit): a named regular file is
 * written to a temporary file beside it and renamed into place only after
 * a successful flush and close, so readers see the old file or the whole
 * new one. "-" means standard output; a FIFO or a device is written in
 * place.
 *
 * Targets:
 *  - a symbolic link (dangling or not) is followed to the name it finally
 *    points at; that file is written (created if missing) and the link
 *    stays a link;
 *  - a new file gets mode 0666 less the umask; a replaced file keeps its
 *    mode (and its owner and group where the process may set them);
 *  - an existing file the caller could not write with `>` is refused
 *    (errno EACCES, nothing created): access(W_OK) for an ordinary user,
 *    and for root (whom the kernel lets write anything) a file with no
 *    write bit for anyone, i.e. marked read-only on purpose;
 *  - the temporary name is "NAME.tmp.XXXXXX" with NAME shortened where
 *    needed so it fits the folder's NAME_MAX: every valid name works.
 *
 * A group (outfile_group_*): several outputs of one command committed all
 * or nothing. Each output is written to its own temporary file; commit
 * first flushes and closes every one (in-place outputs included) and only
 * when all succeeded renames them, with SIGINT/SIGTERM/SIGHUP held back
 * during the renames, so a failure (a full disk, /dev/full) or a signal
 * replaces none of the targets. The same file given twice is refused
 * (same device and inode when it exists, the same normalised name when it
 * does not; character devices such as /dev/null may repeat).
 *
 *     outfile_group g;
 *     outfile_group_init(&g);
 *     FILE *curve, *eval;
 *     size_t clash;
 *     if (outfile_group_open(&g, "curve.dat", &curve, &clash) != RS_OK ||
 *         outfile_group_open(&g, "eval.dat", &eval, &clash) != RS_OK) ...
 *     ... write to curve and eval ...
 *     size_t bad;
 *     if (outfile_group_commit(&g, &bad) != RS_OK) ... (errno says why,
 *         bad is the index, in opening order, of the output that failed)
 *     outfile_group_abort(&g);  (on any error path; harmless after commit)
 *
 * Signals: every temporary file of the process is recorded in a fixed,
 * lock-free table (outfile_remove_pending removes them all and is
 * async-signal-safe), so a signal handler can clean up whatever is being
 * written. This table is the one piece of process-wide state in the
 * library: a signal handler has no other way to reach it. A rename that
 * fails after others succeeded (the folder changed under the run: a
 * target became a folder) puts the earlier targets back: before its
 * rename each existing target gets a second name (a hard link beside it),
 * renamed back on failure, and a target that did not exist is removed.
 * Only where the file system has no hard links can a replaced target not
 * be put back. */
#ifndef RNNSCAPE_OUTFILE_H
#define RNNSCAPE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "status.h"

typedef struct {
    FILE *fp;
    char *path;    /* final name (a link's target), NULL for standard output */
    char *tmppath; /* temporary name, NULL when writing in place */
    int slot;      /* index in the table of pending temporaries, -1 if none */
    /* What the target is, to recognise the same file given twice. */
    int has_inode; /* dev and ino hold the existing target's identity */
    int is_chardev;
    dev_t dev;
    ino_t ino;
    char *key; /* normalised name of a target that does not exist yet */
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
/* Whether a and b (both open) name the same file (see the top comment). */
int outfile_same_target(const outfile *a, const outfile *b);
/* Whether the output target path is the input file in: the same existing
 * regular file (device and inode, so "./w", a symbolic link or a hard
 * link to it count), which writing path would replace. Never for NULL or
 * "-" (standard output), a FIFO, a device or a /dev/fd, /proc link (the
 * stream the caller already holds), nor when either does not exist. A
 * command checks every output against every input before it writes. */
int outfile_is_input(const char *path, const char *in);

/* Most outputs one group holds. */
#define OUTFILE_GROUP_MAX 16

typedef struct {
    outfile file[OUTFILE_GROUP_MAX];
    size_t n;
} outfile_group;

void outfile_group_init(outfile_group *g);
/* Opens path as the group's next output and gives its stream in *fp.
 * RS_EINVAL with *clash = the index of the earlier output when path names
 * the same file as one already in the group (errno EEXIST), or errno
 * EMFILE when the group is full; RS_EIO/RS_ENOMEM as outfile_open. On
 * failure the group is unchanged. */
rs_status outfile_group_open(outfile_group *g, const char *path, FILE **fp, size_t *clash);
/* Commits every output, all or none (see the top comment). On failure
 * every temporary file is removed, *failed is the index of the output that
 * failed and errno says why. The group is empty afterwards either way. */
rs_status outfile_group_commit(outfile_group *g, size_t *failed);
/* Discards every output of the group; the targets are left as they were. */
void outfile_group_abort(outfile_group *g);

/* Most temporary files pending at once in one process. */
#define OUTFILE_PENDING_MAX 64

/* Removes every pending temporary file; async-signal-safe (for a handler
 * of SIGINT, SIGTERM, SIGHUP before it re-raises the signal). */
void outfile_remove_pending(void);
/* The first temporary file currently being written, or NULL. */
const char *outfile_pending(void);

#endif
