#include "outfile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One pending temporary file per process is all the tools need. */
static const char *volatile pending_tmp;

const char *outfile_pending(void) { return pending_tmp; }

/* mkstemp creates mode 0600; give the file the mode fopen would have. */
static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

static void outfile_release(outfile *of)
{
    pending_tmp = NULL;
    free(of->path);
    free(of->tmppath);
    of->path = of->tmppath = NULL;
    of->fp = NULL;
}

/* Frees what a failed open allocated; errno is kept for the caller. */
static rs_status open_failed(outfile *of, rs_status st)
{
    int saved = errno;
    outfile_release(of);
    errno = saved;
    return st;
}

rs_status outfile_open(outfile *of, const char *path)
{
    memset(of, 0, sizeof *of);
    if (!path || strcmp(path, "-") == 0) {
        of->fp = stdout;
        return RS_OK;
    }
    if (path[0] == '\0') {
        errno = ENOENT;
        return RS_EIO;
    }
    /* Writing through a symbolic link updates the file it points to rather
     * than replacing the link by a regular file. */
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    struct stat lsb;
    if (exists && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
        of->path = realpath(path, NULL);
    else
        of->path = strdup(path);
    if (!of->path)
        return open_failed(of, errno == ENOMEM ? RS_ENOMEM : RS_EIO);
    if (exists && !S_ISREG(sb.st_mode)) {
        if (S_ISDIR(sb.st_mode)) {
            errno = EISDIR;
            return open_failed(of, RS_EIO);
        }
        /* A FIFO or a device (/dev/null, a terminal): write in place. */
        of->fp = fopen(of->path, "w");
        return of->fp ? RS_OK : open_failed(of, RS_EIO);
    }
    size_t n = strlen(of->path);
    of->tmppath = malloc(n + 16);
    if (!of->tmppath)
        return open_failed(of, RS_ENOMEM);
    /* Same folder as the target, so rename() is atomic. */
    memcpy(of->tmppath, of->path, n);
    memcpy(of->tmppath + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(of->tmppath);
    if (fd < 0) {
        free(of->tmppath);
        of->tmppath = NULL;
        return open_failed(of, RS_EIO);
    }
    /* A replaced file keeps its permissions; a new one gets what
     * fopen(path, "w") would give it (0666 less the umask). */
    fchmod(fd, exists ? (sb.st_mode & 07777) : (0666 & ~current_umask()));
    of->fp = fdopen(fd, "w");
    if (!of->fp) {
        int saved = errno;
        close(fd);
        unlink(of->tmppath);
        errno = saved;
        return open_failed(of, RS_EIO);
    }
    pending_tmp = of->tmppath;
    return RS_OK;
}

rs_status outfile_commit(outfile *of)
{
    if (!of->fp) {
        errno = EINVAL;
        return RS_EINVAL;
    }
    errno = 0;
    int bad = ferror(of->fp) != 0;
    if (fflush(of->fp) != 0)
        bad = 1;
    int err = errno;
    if (of->fp == stdout) {
        /* Standard output stays open; a full disk must still be an error. */
        outfile_release(of);
        if (!bad)
            return RS_OK;
        errno = err ? err : EIO;
        return RS_EIO;
    }
    /* No fsync: the promise is atomic replacement (readers and interrupted
     * runs see the old file or the whole new one), not durability across a
     * power loss, and fsync would dominate the cost of large outputs. */
    if (fclose(of->fp) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    of->fp = NULL;
    if (!bad && of->tmppath && rename(of->tmppath, of->path) != 0) {
        bad = 1;
        err = errno;
    }
    if (bad && of->tmppath)
        unlink(of->tmppath);
    outfile_release(of);
    if (!bad)
        return RS_OK;
    errno = err ? err : EIO;
    return RS_EIO;
}

void outfile_abort(outfile *of)
{
    if (!of->fp)
        return;
    if (of->fp != stdout) {
        fclose(of->fp);
        if (of->tmppath)
            unlink(of->tmppath);
    }
    outfile_release(of);
}
