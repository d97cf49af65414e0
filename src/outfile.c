#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One pending temporary file per process is all the tools need. */
static const char *pending_tmp;

const char *outfile_pending(void) { return pending_tmp; }

/* mkstemp creates mode 0600; give the file the mode fopen would have. */
static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

static rs_status open_in_place(outfile *of, const char *path)
{
    of->fp = fopen(path, "w");
    return of->fp ? RS_OK : RS_EIO;
}

rs_status outfile_open(outfile *of, const char *path)
{
    memset(of, 0, sizeof *of);
    if (!path || strcmp(path, "-") == 0) {
        of->fp = stdout;
        return RS_OK;
    }
    of->path = strdup(path);
    if (!of->path)
        return RS_ENOMEM;
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        if (S_ISDIR(sb.st_mode)) {
            errno = EISDIR;
            return RS_EIO;
        }
        return open_in_place(of, path);
    }
    size_t n = strlen(path);
    of->tmppath = malloc(n + 16);
    if (!of->tmppath)
        return RS_ENOMEM;
    /* Same folder as the target, so rename() is atomic. */
    memcpy(of->tmppath, path, n);
    memcpy(of->tmppath + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(of->tmppath);
    if (fd < 0) {
        free(of->tmppath);
        of->tmppath = NULL;
        return RS_EIO;
    }
    fchmod(fd, 0666 & ~current_umask());
    of->fp = fdopen(fd, "w");
    if (!of->fp) {
        close(fd);
        unlink(of->tmppath);
        return RS_EIO;
    }
    pending_tmp = of->tmppath;
    return RS_OK;
}

static void outfile_release(outfile *of)
{
    pending_tmp = NULL;
    free(of->path);
    free(of->tmppath);
    of->path = of->tmppath = NULL;
    of->fp = NULL;
}

rs_status outfile_commit(outfile *of)
{
    int bad = ferror(of->fp) || fflush(of->fp) != 0;
    if (of->fp == stdout) {
        /* Standard output stays open; a full disk must still be an error. */
        bad = bad || ferror(stdout);
        outfile_release(of);
        if (bad && errno == 0)
            errno = EIO;
        return bad ? RS_EIO : RS_OK;
    }
    if (!bad && of->tmppath)
        bad = fsync(fileno(of->fp)) != 0;
    int saved = errno;
    if (fclose(of->fp) != 0)
        bad = 1;
    else
        errno = saved;
    if (!bad && of->tmppath && rename(of->tmppath, of->path) != 0)
        bad = 1;
    saved = errno;
    if (bad && of->tmppath)
        unlink(of->tmppath);
    outfile_release(of);
    errno = saved ? saved : EIO;
    return bad ? RS_EIO : RS_OK;
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
