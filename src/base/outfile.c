#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the table of pending temporary files ------------------------------
 * Slots are claimed with a compare-and-swap and read by a signal handler,
 * so they are lock-free atomic pointers (async-signal-safe to load). */
static char *_Atomic pending_tmp[OUTFILE_PENDING_MAX];

static int pending_add(char *tmp)
{
    for (int i = 0; i < OUTFILE_PENDING_MAX; i++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&pending_tmp[i], &expected, tmp))
            return i;
    }
    return -1;
}

static void pending_drop(int slot)
{
    if (slot >= 0)
        atomic_store(&pending_tmp[slot], NULL);
}

void outfile_remove_pending(void)
{
    for (int i = 0; i < OUTFILE_PENDING_MAX; i++) {
        char *tmp = atomic_load(&pending_tmp[i]);
        if (tmp)
            unlink(tmp); /* async-signal-safe */
    }
}

const char *outfile_pending(void)
{
    for (int i = 0; i < OUTFILE_PENDING_MAX; i++) {
        char *tmp = atomic_load(&pending_tmp[i]);
        if (tmp)
            return tmp;
    }
    return NULL;
}

/* ---- naming ------------------------------------------------------------ */

/* mkstemp creates mode 0600; give the file the mode fopen would have. */
static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* The folder part of path ("." for a bare name), freshly allocated. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* The contents of the symbolic link at path, freshly allocated. */
static char *read_link(const char *path, size_t hint)
{
    size_t cap = hint + 1 > 64 ? hint + 1 : 64;
    for (;;) {
        char *buf = malloc(cap);
        if (!buf)
            return NULL;
        ssize_t n = readlink(path, buf, cap);
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < cap) {
            buf[n] = '\0';
            return buf;
        }
        free(buf);
        if (cap > SIZE_MAX / 2) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        cap *= 2;
    }
}

/* Follows symbolic links from path to the name they finally point at (the
 * file there may not exist: a dangling link is written through, never
 * replaced). NULL with errno (ELOOP, ENOMEM) on failure. */
static char *resolve_links(const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat lsb;
        if (lstat(cur, &lsb) != 0 || !S_ISLNK(lsb.st_mode))
            return cur; /* the final name; open reports why it is unusable */
        if (hops == 40) { /* the kernel's own limit (MAXSYMLINKS) */
            free(cur);
            errno = ELOOP;
            return NULL;
        }
        char *link = read_link(cur, (size_t)lsb.st_size);
        char *next = NULL;
        if (link && link[0] != '/' && strchr(cur, '/')) {
            /* A relative link is relative to the folder holding it. */
            size_t dlen = (size_t)(strrchr(cur, '/') - cur) + 1;
            next = malloc(dlen + strlen(link) + 1);
            if (next) {
                memcpy(next, cur, dlen);
                strcpy(next + dlen, link);
            }
            free(link);
        } else {
            next = link;
        }
        free(cur);
        cur = next;
    }
    return NULL;
}

/* "target.tmp.XXXXXX" in the target's folder, the target's own name cut
 * (at a UTF-8 character boundary) so the whole name fits NAME_MAX; NULL
 * with ENAMETOOLONG if the target's name itself is too long. */
static char *temp_template(const char *target)
{
    static const char suffix[] = ".tmp.XXXXXX";
    const size_t slen = sizeof suffix - 1;
    const char *slash = strrchr(target, '/');
    size_t dlen = slash ? (size_t)(slash - target) + 1 : 0;
    char *dir = dir_of(target);
    if (!dir)
        return NULL;
    long name_max = pathconf(dir, _PC_NAME_MAX);
    free(dir);
    if (name_max <= 0)
        name_max = NAME_MAX;
    const char *base = target + dlen;
    size_t keep = strlen(base);
    if (keep > (size_t)name_max) { /* the target itself could never be made */
        errno = ENAMETOOLONG;
        return NULL;
    }
    if (keep + slen > (size_t)name_max) {
        keep = (size_t)name_max > slen ? (size_t)name_max - slen : 0;
        while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
            keep--;
    }
    char *t = malloc(dlen + keep + slen + 1);
    if (!t)
        return NULL;
    memcpy(t, target, dlen + keep);
    memcpy(t + dlen + keep, suffix, slen + 1);
    return t;
}

/* A name for a target that does not exist yet: its folder's real path and
 * its own name, so "d/x" and "./d/../d/x" compare equal. */
static char *normalised_name(const char *path)
{
    char *dir = dir_of(path);
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!real)
        return strdup(path);
    char *key = malloc(strlen(real) + strlen(base) + 2);
    if (key)
        sprintf(key, "%s/%s", real, base);
    free(real);
    return key;
}

/* Whether the caller may replace the existing regular file at path the
 * way `>` would write it; errno EACCES (or access's reason) if not. Root
 * passes access() for every file, so for root a file that grants write to
 * nobody (chmod a-w) counts as read-only on purpose. */
static int writable(const char *path, const struct stat *sb)
{
    if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
        return 0;
    if (geteuid() == 0 && (sb->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) {
        errno = EACCES;
        return 0;
    }
    return 1;
}

/* ---- one file ------------------------------------------------------------ */

static void outfile_release(outfile *of)
{
    pending_drop(of->slot);
    free(of->path);
    free(of->tmppath);
    free(of->key);
    memset(of, 0, sizeof *of);
    of->slot = -1;
}

/* Frees what a failed open allocated; errno is kept for the caller. */
static rs_status open_failed(outfile *of, rs_status st)
{
    int saved = errno;
    outfile_release(of);
    errno = saved;
    return st;
}

/* Creates the temporary file beside of->path and opens of->fp on it. */
static rs_status open_temporary(outfile *of, int exists, const struct stat *sb)
{
    errno = 0;
    of->tmppath = temp_template(of->path);
    if (!of->tmppath)
        return errno == ENAMETOOLONG ? RS_EIO : RS_ENOMEM;
    /* Recorded before it exists, so a signal at any moment removes it. */
    of->slot = pending_add(of->tmppath);
    if (of->slot < 0) {
        errno = EMFILE;
        return RS_EIO;
    }
    int fd = mkstemp(of->tmppath);
    if (fd < 0)
        return RS_EIO;
    if (exists) {
        /* A replaced file keeps its owner, group (where we may set them:
         * root, or a group of ours) and mode; chown first, as it may clear
         * the set-id bits. */
        if (fchown(fd, sb->st_uid, sb->st_gid) != 0 && fchown(fd, (uid_t)-1, sb->st_gid) != 0) {
            /* not ours to set: the file becomes ours, as with cp */
        }
        fchmod(fd, sb->st_mode & 07777);
    } else {
        /* What fopen(path, "w") would give: 0666 less the umask. */
        fchmod(fd, 0666 & ~current_umask());
    }
    of->fp = fdopen(fd, "w");
    if (!of->fp) {
        int saved = errno;
        close(fd);
        unlink(of->tmppath);
        errno = saved;
        return RS_EIO;
    }
    return RS_OK;
}

/* Opens path for writing where it is (no temporary file). */
static rs_status open_in_place(outfile *of, const char *path, const struct stat *sb)
{
    of->has_inode = 1;
    of->dev = sb->st_dev;
    of->ino = sb->st_ino;
    of->is_chardev = S_ISCHR(sb->st_mode);
    of->path = strdup(path);
    if (!of->path)
        return open_failed(of, RS_ENOMEM);
    of->fp = fopen(path, "w");
    return of->fp ? RS_OK : open_failed(of, RS_EIO);
}

rs_status outfile_open(outfile *of, const char *path)
{
    memset(of, 0, sizeof *of);
    of->slot = -1;
    struct stat sb;
    if (!path || strcmp(path, "-") == 0) {
        of->fp = stdout;
        if (fstat(STDOUT_FILENO, &sb) == 0) {
            of->has_inode = 1;
            of->dev = sb.st_dev;
            of->ino = sb.st_ino;
            of->is_chardev = S_ISCHR(sb.st_mode);
        }
        return RS_OK;
    }
    if (path[0] == '\0') {
        errno = ENOENT;
        return RS_EIO;
    }
    /* A FIFO or a device (/dev/null, a terminal, /dev/stdout on a pipe),
     * reached through links or not, is written in place; so is a file only
     * a /proc link can still name (a deleted file behind /dev/fd/N). */
    struct stat lsb;
    int exists = stat(path, &sb) == 0;
    if (exists && S_ISDIR(sb.st_mode)) {
        errno = EISDIR;
        return RS_EIO;
    }
    if (exists && !S_ISREG(sb.st_mode))
        return open_in_place(of, path, &sb);
    /* Writing through a symbolic link updates the file it points to (and
     * creates it if the link dangles) rather than replacing the link. */
    of->path = resolve_links(path);
    if (!of->path)
        return open_failed(of, errno == ENOMEM ? RS_ENOMEM : RS_EIO);
    if (exists && (lstat(of->path, &lsb) != 0 || lsb.st_ino != sb.st_ino ||
                   lsb.st_dev != sb.st_dev)) {
        free(of->path);
        of->path = NULL;
        return open_in_place(of, path, &sb);
    }
    if (exists) {
        of->has_inode = 1;
        of->dev = sb.st_dev;
        of->ino = sb.st_ino;
    } else if (!(of->key = normalised_name(of->path))) {
        return open_failed(of, RS_ENOMEM);
    }
    if (exists && !writable(of->path, &sb))
        return open_failed(of, RS_EIO);
    rs_status st = open_temporary(of, exists, &sb);
    return st == RS_OK ? RS_OK : open_failed(of, st);
}

/* Flushes and closes the stream (standard output stays open); 1 if every
 * byte reached the file, else 0 with *err the reason. */
static int outfile_finish(outfile *of, int *err)
{
    errno = 0;
    int bad = ferror(of->fp) != 0;
    if (fflush(of->fp) != 0)
        bad = 1;
    *err = errno;
    if (of->fp != stdout) {
        /* No fsync: the promise is atomic replacement (readers and
         * interrupted runs see the old file or the whole new one), not
         * durability across a power loss, and fsync would dominate the
         * cost of large outputs. */
        errno = 0;
        if (fclose(of->fp) != 0 && !bad) {
            bad = 1;
            *err = errno;
        }
    }
    of->fp = NULL;
    if (bad && !*err)
        *err = EIO;
    return !bad;
}

/* Renames the finished temporary file into place; 1 on success. Only
 * after the rename is it dropped from the pending table, so a signal at
 * any moment leaves either the temporary (removed) or the new target. */
static int outfile_install(outfile *of, int *err)
{
    if (of->tmppath && rename(of->tmppath, of->path) != 0) {
        *err = errno;
        return 0;
    }
    pending_drop(of->slot);
    of->slot = -1;
    free(of->tmppath);
    of->tmppath = NULL;
    return 1;
}

/* Removes the temporary file (if any) and releases everything. */
static void outfile_discard(outfile *of)
{
    if (of->tmppath)
        unlink(of->tmppath);
    outfile_release(of);
}

rs_status outfile_commit(outfile *of)
{
    if (!of->fp) {
        errno = EINVAL;
        return RS_EINVAL;
    }
    int err = 0;
    int ok = outfile_finish(of, &err) && outfile_install(of, &err);
    outfile_discard(of);
    if (ok)
        return RS_OK;
    errno = err;
    return RS_EIO;
}

void outfile_abort(outfile *of)
{
    if (!of->fp)
        return;
    if (of->fp != stdout)
        fclose(of->fp);
    outfile_discard(of);
}

int outfile_same_target(const outfile *a, const outfile *b)
{
    if (a->has_inode && b->has_inode)
        return a->dev == b->dev && a->ino == b->ino && !(a->is_chardev && b->is_chardev);
    if (a->key && b->key)
        return strcmp(a->key, b->key) == 0;
    return 0;
}

/* Names that reach a stream the process already holds (its standard
 * output, an inherited descriptor) rather than a file it would replace. */
static int names_a_stream(const char *path)
{
    return strncmp(path, "/dev/fd/", 8) == 0 || strcmp(path, "/dev/stdout") == 0 ||
           strcmp(path, "/dev/stderr") == 0 || strncmp(path, "/proc/", 6) == 0;
}

int outfile_is_input(const char *path, const char *in)
{
    struct stat out_sb, in_sb;
    if (!path || !in || strcmp(path, "-") == 0 || strcmp(in, "-") == 0 || names_a_stream(path))
        return 0;
    if (stat(path, &out_sb) != 0 || stat(in, &in_sb) != 0 || !S_ISREG(out_sb.st_mode))
        return 0;
    return out_sb.st_dev == in_sb.st_dev && out_sb.st_ino == in_sb.st_ino;
}

/* ---- a group ------------------------------------------------------------- */

void outfile_group_init(outfile_group *g) { memset(g, 0, sizeof *g); }

rs_status outfile_group_open(outfile_group *g, const char *path, FILE **fp, size_t *clash)
{
    if (g->n == OUTFILE_GROUP_MAX) {
        errno = EMFILE;
        return RS_EIO;
    }
    outfile *of = &g->file[g->n];
    rs_status st = outfile_open(of, path);
    if (st != RS_OK)
        return st;
    for (size_t i = 0; i < g->n; i++)
        if (outfile_same_target(&g->file[i], of)) {
            outfile_abort(of);
            *clash = i;
            errno = EEXIST;
            return RS_EINVAL;
        }
    *fp = of->fp;
    g->n++;
    return RS_OK;
}

/* A second name (a hard link) for the existing target path, so a
 * replaced target can be put back: the link's name (malloc'd), or NULL
 * with *existed 0 when there is no target, 1 when it could not be linked
 * (a file system without hard links: that target cannot be put back). */
static char *keep_old(const char *path, int *existed)
{
    struct stat sb;
    *existed = lstat(path, &sb) == 0;
    char *name = *existed ? temp_template(path) : NULL;
    int fd = name ? mkstemp(name) : -1;
    if (fd < 0) {
        free(name);
        return NULL;
    }
    close(fd);
    /* mkstemp reserved a unique name; link() needs it free again. */
    if (unlink(name) != 0 || link(path, name) != 0) {
        free(name);
        return NULL;
    }
    return name;
}

/* Renames every temporary into place, or none: a rename that fails after
 * others succeeded puts the earlier targets back (their old file through
 * its second name, a new target removed). The index that failed, or n. */
static size_t install_all(outfile_group *g, int *err)
{
    char *old[OUTFILE_GROUP_MAX] = {NULL};
    int existed[OUTFILE_GROUP_MAX] = {0}, moved[OUTFILE_GROUP_MAX] = {0};
    size_t bad = g->n;
    for (size_t i = 0; i < g->n && bad == g->n; i++) {
        if (g->file[i].tmppath)
            old[i] = keep_old(g->file[i].path, &existed[i]);
        moved[i] = g->file[i].tmppath != NULL;
        if (!outfile_install(&g->file[i], err))
            bad = i, moved[i] = 0;
    }
    for (size_t j = 0; j < g->n; j++) {
        if (bad < g->n && moved[j] && old[j])
            rename(old[j], g->file[j].path); /* the old file back, atomically */
        else if (bad < g->n && moved[j] && !existed[j])
            unlink(g->file[j].path);
        if (old[j])
            unlink(old[j]); /* gone already if it was renamed back */
        free(old[j]);
    }
    return bad;
}

rs_status outfile_group_commit(outfile_group *g, size_t *failed)
{
    int err = 0;
    size_t bad = g->n;
    /* Phase 1: every output flushed and closed; any failure stops here,
     * before a single target is replaced. */
    for (size_t i = 0; i < g->n; i++) {
        int e = 0;
        if (!g->file[i].fp) {
            e = EINVAL;
        } else if (outfile_finish(&g->file[i], &e)) {
            continue;
        }
        if (bad == g->n) {
            bad = i;
            err = e;
        }
    }
    /* Phase 2: the renames, with the catchable termination signals held
     * back so a signal cannot fall between two of them. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    if (bad == g->n)
        bad = install_all(g, &err);
    for (size_t i = 0; i < g->n; i++)
        outfile_discard(&g->file[i]);
    sigprocmask(SIG_SETMASK, &old, NULL);
    size_t n = g->n;
    g->n = 0;
    if (bad == n)
        return RS_OK;
    *failed = bad;
    errno = err;
    return RS_EIO;
}

void outfile_group_abort(outfile_group *g)
{
    for (size_t i = 0; i < g->n; i++)
        outfile_abort(&g->file[i]);
    g->n = 0;
}
