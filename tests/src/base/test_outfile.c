/* test_outfile: atomic output. A regular file appears only at commit, an
 * abort or a failed write leaves the old file alone and no temporary
 * behind, standard output and FIFOs and devices are written in place. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outfile.h"
#include "tap.h"

static char dir[4096];

static char *in_dir(const char *name)
{
    static char buf[4][4500];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    return p;
}

static int exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* Number of entries in the scratch folder. */
static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    if (d)
        closedir(d);
    return n;
}

/* The whole file as a string (NULL if unreadable); caller frees. */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    char *buf = malloc(1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static int file_is(const char *path, const char *want)
{
    char *got = slurp(path);
    int same = got && strcmp(got, want) == 0;
    free(got);
    return same;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *fp = fopen(path, "w");
    fputs(text, fp);
    fclose(fp);
    chmod(path, mode);
}

static void check_new_file(void)
{
    const char *target = in_dir("new.dat");
    outfile of;
    tap_ok(outfile_open(&of, target) == RS_OK, "open a new file");
    tap_ok(of.fp && of.fp != stdout && of.path && strcmp(of.path, target) == 0,
           "it has a stream and the target name");
    fprintf(of.fp, "# header\n1 2 3\n");
    const char *tmp = outfile_pending();
    tap_ok(!exists(target), "before commit the target does not exist");
    tap_ok(tmp && exists(tmp) && strncmp(tmp, target, strlen(target)) == 0,
           "a temporary file exists next to it (%s)", tmp ? strrchr(tmp, '/') + 1 : "none");
    tap_ok(entries() == 1, "and nothing else");
    tap_ok(outfile_commit(&of) == RS_OK, "commit succeeds");
    tap_ok(file_is(target, "# header\n1 2 3\n"), "after commit the content is right");
    tap_ok(entries() == 1 && outfile_pending() == NULL, "no temporary file remains");
    tap_ok(of.fp == NULL && of.path == NULL && of.tmppath == NULL, "the outfile is released");

    /* A bare file name: the temporary file goes in the current folder. */
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) && chdir(dir) == 0) {
        rs_status st = outfile_open(&of, "rel.dat");
        if (st == RS_OK) {
            fputs("relative\n", of.fp);
            st = outfile_commit(&of);
        }
        tap_ok(st == RS_OK && file_is("rel.dat", "relative\n") && entries() == 2,
               "a relative name works in the current folder");
        unlink("rel.dat");
        if (chdir(cwd) != 0)
            tap_diag("cannot return to %s", cwd);
    }

    /* Replacing an existing file. */
    tap_ok(outfile_open(&of, target) == RS_OK, "reopen the existing file");
    fputs("new\n", of.fp);
    fflush(of.fp);
    tap_ok(file_is(target, "# header\n1 2 3\n"),
           "while writing, readers still see the old content");
    tap_ok(outfile_commit(&of) == RS_OK && file_is(target, "new\n") && entries() == 1,
           "commit replaces it whole, no temporary left");
    unlink(target);
}

static void check_abort(void)
{
    const char *target = in_dir("keep.dat");
    write_file(target, "old content\n", 0644);
    outfile of;
    tap_ok(outfile_open(&of, target) == RS_OK, "open an existing file");
    fputs("half-written", of.fp);
    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s", outfile_pending() ? outfile_pending() : "");
    tap_ok(tmp[0] && exists(tmp) && entries() == 2, "a temporary file exists beside the target");
    outfile_abort(&of);
    tap_ok(file_is(target, "old content\n"), "abort leaves the existing target untouched");
    tap_ok(!exists(tmp) && entries() == 1 && outfile_pending() == NULL,
           "abort removes the temporary file");
    outfile_abort(&of); /* twice is harmless */
    tap_ok(1, "a second abort is harmless");

    /* A new target that is aborted never appears. */
    const char *fresh = in_dir("never.dat");
    tap_ok(outfile_open(&of, fresh) == RS_OK, "open a new file");
    fputs("x", of.fp);
    outfile_abort(&of);
    tap_ok(!exists(fresh) && entries() == 1, "abort of a new file leaves nothing");
    unlink(target);
}

static void check_errors(void)
{
    outfile of;
    errno = 0;
    rs_status st = outfile_open(&of, in_dir("no/such/dir/out.dat"));
    tap_ok(st == RS_EIO && errno == ENOENT, "a missing folder is RS_EIO with errno ENOENT (%s)",
           strerror(errno));
    tap_ok(of.fp == NULL && of.path == NULL && of.tmppath == NULL, "a failed open holds nothing");
    tap_ok(outfile_commit(&of) == RS_EINVAL, "committing a failed open is RS_EINVAL, not a crash");
    outfile_abort(&of);

    errno = 0;
    st = outfile_open(&of, dir);
    tap_ok(st == RS_EIO && errno == EISDIR, "a folder is RS_EIO with errno EISDIR");
    errno = 0;
    st = outfile_open(&of, "");
    tap_ok(st == RS_EIO && errno == ENOENT, "an empty name is RS_EIO with errno ENOENT");
    tap_ok(entries() == 0, "failed opens leave nothing behind");

    /* A write that fails (file size limit) fails the commit, removes the
     * temporary file and leaves the old target. */
    const char *target = in_dir("big.dat");
    write_file(target, "small\n", 0644);
    struct rlimit old, lim;
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 4096;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &lim) == 0) {
        tap_ok(outfile_open(&of, target) == RS_OK, "open under a 4096-byte file size limit");
        for (int i = 0; i < 2000; i++)
            fputs("0123456789\n", of.fp);
        errno = 0;
        st = outfile_commit(&of);
        int err = errno;
        setrlimit(RLIMIT_FSIZE, &old);
        tap_ok(st == RS_EIO && err == EFBIG,
               "commit of a too-large file is RS_EIO with errno EFBIG (%s)", strerror(err));
        tap_ok(file_is(target, "small\n") && entries() == 1 && outfile_pending() == NULL,
               "the old target is intact and the temporary file is gone");
    } else {
        tap_ok(1, "# SKIP cannot set RLIMIT_FSIZE");
        tap_ok(1, "# SKIP cannot set RLIMIT_FSIZE");
        tap_ok(1, "# SKIP cannot set RLIMIT_FSIZE");
    }
    signal(SIGXFSZ, prev);
    unlink(target);
}

static void check_stdout(void)
{
    outfile of;
    tap_ok(outfile_open(&of, "-") == RS_OK && of.fp == stdout && of.path == NULL &&
               of.tmppath == NULL,
           "\"-\" is standard output, nothing to rename");
    fputs("# written through the outfile for \"-\"\n", of.fp);
    tap_ok(outfile_commit(&of) == RS_OK && of.fp == NULL, "commit of standard output succeeds");
    tap_ok(fprintf(stdout, "# stdout is still open\n") > 0 && !ferror(stdout),
           "and leaves standard output open");
    tap_ok(outfile_open(&of, NULL) == RS_OK && of.fp == stdout, "NULL is standard output too");
    outfile_abort(&of);
    tap_ok(!ferror(stdout) && fprintf(stdout, "# still open after abort\n") > 0,
           "abort leaves standard output open");
    tap_ok(entries() == 0, "no files were created for standard output");
}

static void check_fifo(void)
{
    const char *fifo = in_dir("pipe");
    const char *sink = in_dir("sink.txt");
    if (mkfifo(fifo, 0600) != 0) {
        tap_ok(1, "# SKIP mkfifo failed: %s", strerror(errno));
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* The reader: copy the FIFO into sink.txt; give up after 20 s. */
        alarm(20);
        FILE *in = fopen(fifo, "r"), *out = fopen(sink, "w");
        int c;
        while (in && out && (c = getc(in)) != EOF)
            putc(c, out);
        int ok = in && out && fclose(out) == 0;
        if (in)
            fclose(in);
        _exit(ok ? 0 : 1);
    }
    outfile of;
    tap_ok(outfile_open(&of, fifo) == RS_OK, "open a FIFO (a reader is waiting)");
    tap_ok(of.tmppath == NULL && outfile_pending() == NULL,
           "a FIFO is written in place, no temporary file");
    if (of.fp) {
        fputs("through the pipe\n", of.fp);
        tap_ok(outfile_commit(&of) == RS_OK, "commit to the FIFO succeeds");
    } else {
        tap_ok(0, "commit to the FIFO succeeds");
    }
    struct stat sb;
    int still_fifo = lstat(fifo, &sb) == 0 && S_ISFIFO(sb.st_mode);
    if (!still_fifo)
        kill(pid, SIGKILL); /* its reader would wait forever */
    int status = 1;
    waitpid(pid, &status, 0);
    tap_ok(still_fifo, "the FIFO is still a FIFO (not renamed over)");
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && file_is(sink, "through the pipe\n"),
           "the reader got the data");
    tap_ok(entries() == 2, "nothing else was created");
    unlink(fifo);
    unlink(sink);
}

static mode_t mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (sb.st_mode & 07777) : 07777;
}

static void check_modes(void)
{
    static const struct {
        mode_t mask, want;
    } cases[] = {{022, 0644}, {077, 0600}, {002, 0664}, {0, 0666}};
    mode_t saved = umask(022);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *target = in_dir("mode.dat");
        umask(cases[i].mask);
        outfile of;
        outfile_open(&of, target);
        fputs("m\n", of.fp);
        outfile_commit(&of);
        mode_t m = mode_of(target);
        tap_ok(m == cases[i].want, "umask %03o: a new file gets mode %03o (got %03o)",
               (unsigned)cases[i].mask, (unsigned)cases[i].want, (unsigned)m);
        unlink(target);
    }
    umask(022);

    /* Replacing a file keeps its mode, whatever the umask. */
    const char *target = in_dir("private.dat");
    write_file(target, "secret\n", 0600);
    outfile of;
    outfile_open(&of, target);
    fputs("still secret\n", of.fp);
    outfile_commit(&of);
    tap_ok(mode_of(target) == 0600 && file_is(target, "still secret\n"),
           "a replaced 0600 file stays 0600 (got %03o)", (unsigned)mode_of(target));
    write_file(target, "shared\n", 0664);
    outfile_open(&of, target);
    fputs("shared too\n", of.fp);
    outfile_commit(&of);
    tap_ok(mode_of(target) == 0664, "a replaced 0664 file stays 0664 (got %03o)",
           (unsigned)mode_of(target));
    unlink(target);
    umask(saved);
}

static void check_symlink(void)
{
    const char *real = in_dir("real.dat"), *link = in_dir("link.dat");
    write_file(real, "before\n", 0644);
    if (symlink("real.dat", link) != 0) {
        tap_ok(1, "# SKIP symlink failed: %s", strerror(errno));
        unlink(real);
        return;
    }
    outfile of;
    tap_ok(outfile_open(&of, link) == RS_OK, "open through a symbolic link");
    fputs("after\n", of.fp);
    tap_ok(outfile_commit(&of) == RS_OK, "commit through the link");
    struct stat sb;
    tap_ok(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode), "the link is still a link");
    tap_ok(file_is(real, "after\n") && entries() == 2,
           "the file it names has the new content, no temporary left");
    unlink(link);
    unlink(real);
}

/* A character device to write to: a node made in the scratch folder when
 * we may (so a broken outfile can never replace the system's own), else
 * the system's node when we are not root (then /dev cannot be harmed). */
static int device_path(char *buf, size_t size, const char *name, unsigned minor)
{
    snprintf(buf, size, "%s/%s", dir, name);
    if (mknod(buf, S_IFCHR | 0666, makedev(1, minor)) == 0) {
        int fd = open(buf, O_WRONLY);
        if (fd >= 0) {
            close(fd);
            return 1;
        }
        unlink(buf); /* a nodev mount */
    }
    snprintf(buf, size, "/dev/%s", name);
    struct stat sb;
    return geteuid() != 0 && stat(buf, &sb) == 0 && S_ISCHR(sb.st_mode) && access(buf, W_OK) == 0;
}

static void check_devices(void)
{
    outfile of;
    char null[4200], full[4200];
    struct stat sb;
    if (device_path(null, sizeof null, "null", 3)) {
        tap_ok(outfile_open(&of, null) == RS_OK && of.tmppath == NULL,
               "a null device is written in place");
        if (of.fp)
            fputs("discarded\n", of.fp);
        tap_ok(of.fp && outfile_commit(&of) == RS_OK && stat(null, &sb) == 0 && S_ISCHR(sb.st_mode),
               "commit to it succeeds and it stays a device");
    } else {
        tap_ok(1, "# SKIP no safe null device (root without mknod)");
        tap_ok(1, "# SKIP no safe null device (root without mknod)");
    }
    if (device_path(full, sizeof full, "full", 7)) {
        tap_ok(outfile_open(&of, full) == RS_OK && of.tmppath == NULL,
               "a full device (as /dev/full) is opened in place");
        if (of.fp)
            fputs("no room\n", of.fp);
        errno = 0;
        rs_status st = of.fp ? outfile_commit(&of) : RS_OK;
        int err = errno;
        tap_ok(st == RS_EIO && err == ENOSPC, "commit to it is RS_EIO with errno ENOSPC (%s)",
               strerror(err));
        tap_ok(stat(full, &sb) == 0 && S_ISCHR(sb.st_mode), "and it stays a device");
    } else {
        tap_ok(1, "# SKIP no safe full device (root without mknod)");
        tap_ok(1, "# SKIP no safe full device (root without mknod)");
        tap_ok(1, "# SKIP no safe full device (root without mknod)");
    }
    if (strncmp(null, dir, strlen(dir)) == 0)
        unlink(null);
    if (strncmp(full, dir, strlen(dir)) == 0)
        unlink(full);
}


static void on_term(int sig)
{
    outfile_remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Round 2 (issue 12): links dangling or chained, long names, read-only
 * targets, groups committed all or nothing, every temporary removable. */

/* Writes text through a fresh outfile on path and commits; the status. */
/* A path in the scratch folder held in its own buffer (in_dir's are reused). */
#define SCRATCH(var, name)                                                                         \
    char var[4500];                                                                                \
    snprintf(var, sizeof var, "%s/%s", dir, name)

static rs_status put(const char *path, const char *text)
{
    outfile of;
    rs_status st = outfile_open(&of, path);
    if (st != RS_OK)
        return st;
    fputs(text, of.fp);
    return outfile_commit(&of);
}

static int is_link(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
}

static void check_links2(void)
{
    SCRATCH(link, "dangling.dat");
    SCRATCH(real, "made.dat");
    if (symlink("made.dat", link) != 0) {
        tap_ok(1, "# SKIP symlink failed: %s", strerror(errno));
        return;
    }
    tap_ok(put(link, "through\n") == RS_OK, "write through a dangling link");
    tap_ok(is_link(link) && file_is(real, "through\n") && entries() == 2,
           "the link stays a link and the file it names is created");
    /* A chain of two links, the second relative to a subfolder. */
    SCRATCH(sub, "sub");
    SCRATCH(chain, "chain.dat");
    mkdir(sub, 0755);
    SCRATCH(inner, "sub/inner.dat");
    tap_ok(symlink("../made.dat", inner) == 0 && symlink("sub/inner.dat", chain) == 0,
           "a chain: chain.dat -> sub/inner.dat -> ../made.dat");
    tap_ok(put(chain, "chained\n") == RS_OK && is_link(chain) && is_link(inner) &&
               file_is(real, "chained\n"),
           "writing the chain updates the final file, both links stay links");
    outfile of;
    rs_status ost = outfile_open(&of, chain);
    tap_ok(ost == RS_OK && of.path && strcmp(of.path, in_dir("sub/../made.dat")) == 0,
           "the final name is resolved relative to each link's folder (%s)", of.path ? of.path : "-");
    outfile_abort(&of);
    /* A loop is an error, not a hang. */
    SCRATCH(loop, "loop.dat");
    tap_ok(symlink("loop.dat", loop) == 0, "a link to itself");
    errno = 0;
    ost = outfile_open(&of, loop);
    int err = errno;
    tap_ok(ost == RS_EIO && err == ELOOP, "is RS_EIO with ELOOP (%s)", strerror(err));
    /* A dangling link into a missing folder: an error, nothing created. */
    SCRATCH(nowhere, "nowhere.dat");
    tap_ok(symlink("no/such/dir/x.dat", nowhere) == 0 && put(nowhere, "x") == RS_EIO &&
               is_link(nowhere),
           "a link into a missing folder is refused and stays a link");
    unlink(nowhere);
    unlink(loop);
    unlink(chain);
    unlink(inner);
    rmdir(sub);
    unlink(link);
    unlink(real);
    tap_ok(entries() == 0, "nothing left after the link checks");
}

static void check_long_names(void)
{
    long name_max = pathconf(dir, _PC_NAME_MAX);
    if (name_max < 255)
        name_max = 255;
    for (int len = 240; len <= 255; len += 5) {
        char name[300];
        memset(name, 'n', (size_t)len);
        name[len] = '\0';
        if (len == 255) /* a multi-byte character where the name is cut */
            memcpy(name + 240, "\xc3\xa9\xc3\xa9\xc3\xa9", 6);
        SCRATCH(path, name);
        rs_status st = put(path, "long\n");
        tap_ok(st == RS_OK && file_is(path, "long\n") && entries() == 1,
               "a %d-character name works (%s)", len, st == RS_OK ? "ok" : strerror(errno));
        tap_ok(put(path, "again\n") == RS_OK && file_is(path, "again\n") && entries() == 1,
               "and is replaced whole, no temporary left");
        unlink(path);
    }
    outfile of;
    char name[300];
    memset(name, 'x', 256);
    name[256] = '\0';
    errno = 0;
    rs_status st = outfile_open(&of, in_dir(name));
    int err = errno;
    tap_ok(st == RS_EIO && err == ENAMETOOLONG && entries() == 0,
           "a 256-character name is ENAMETOOLONG, as the kernel says (%s)", strerror(err));
}

static void check_readonly(void)
{
    SCRATCH(ro, "readonly.dat");
    write_file(ro, "keep me\n", 0444);
    errno = 0;
    rs_status st = put(ro, "replaced\n");
    int err = errno;
    tap_ok(st == RS_EIO && err == EACCES, "a read-only (0444) file is refused with EACCES (%s)",
           strerror(err));
    tap_ok(file_is(ro, "keep me\n") && mode_of(ro) == 0444 && entries() == 1,
           "it is untouched and nothing is created");
    if (geteuid() == 0) {
        /* Owned by another user: refused when read-only, replaced with
         * its owner kept when writable (what `>` would do for root). */
        tap_ok(chown(ro, 65534, 65534) == 0 && put(ro, "no\n") == RS_EIO && file_is(ro, "keep me\n"),
               "root: another user's read-only file is refused");
        chmod(ro, 0644);
        struct stat sb;
        tap_ok(put(ro, "yes\n") == RS_OK && file_is(ro, "yes\n") && stat(ro, &sb) == 0 &&
                   sb.st_uid == 65534 && sb.st_gid == 65534 && (sb.st_mode & 07777) == 0644,
               "root: another user's 0644 file is replaced and keeps its owner, group, mode");
    } else {
        tap_ok(1, "# SKIP not root");
        tap_ok(1, "# SKIP not root");
    }
    unlink(ro);
}

static void check_group(void)
{
    SCRATCH(a, "a.dat");
    SCRATCH(b, "b.dat");
    SCRATCH(c, "c.dat");
    write_file(a, "old a\n", 0644);
    outfile_group g;
    outfile_group_init(&g);
    FILE *fa, *fb, *fc;
    size_t clash = 99, bad = 99;
    tap_ok(outfile_group_open(&g, a, &fa, &clash) == RS_OK &&
               outfile_group_open(&g, b, &fb, &clash) == RS_OK,
           "a group of two outputs opens");
    fputs("new a\n", fa);
    fputs("new b\n", fb);
    tap_ok(file_is(a, "old a\n") && !exists(b) && entries() == 3,
           "before commit: the old a, no b, two temporaries");
    tap_ok(outfile_group_commit(&g, &bad) == RS_OK && g.n == 0, "the group commits");
    tap_ok(file_is(a, "new a\n") && file_is(b, "new b\n") && entries() == 2,
           "both are replaced, no temporary left");

    /* The same file twice: by name, by another spelling, by a hard link;
     * two spellings of a file that does not exist yet. */
    SCRATCH(hard, "hard.dat");
    link(a, hard);
    char other[9000];
    snprintf(other, sizeof other, "%s/./../%s/a.dat", dir, strrchr(dir, '/') + 1);
    const char *names[] = {a, other, hard};
    for (int i = 0; i < 3; i++) {
        outfile_group_init(&g);
        clash = 99;
        errno = 0;
        rs_status st1 = outfile_group_open(&g, a, &fa, &clash);
        rs_status st2 = outfile_group_open(&g, names[i], &fb, &clash);
        tap_ok(st1 == RS_OK && st2 == RS_EINVAL && errno == EEXIST && clash == 0 && g.n == 1,
               "the same file given twice is refused (%s)", i == 0 ? "same name" : i == 1 ? "another spelling" : "a hard link");
        outfile_group_abort(&g);
    }
    unlink(hard);
    outfile_group_init(&g);
    snprintf(other, sizeof other, "%s/./c.dat", dir);
    tap_ok(outfile_group_open(&g, c, &fc, &clash) == RS_OK &&
               outfile_group_open(&g, other, &fb, &clash) == RS_EINVAL && clash == 0,
           "two spellings of a new file are refused");
    outfile_group_abort(&g);
    tap_ok(!exists(c) && entries() == 2, "abort creates nothing");

    /* One output failing (a full device, the file size limit) replaces none. */
    char full[4200];
    int have_full = device_path(full, sizeof full, "full", 7);
    outfile_group_init(&g);
    outfile_group_open(&g, a, &fa, &clash);
    outfile_group_open(&g, b, &fb, &clash);
    fputs("newer a\n", fa);
    fputs("newer b\n", fb);
    rs_status st = RS_OK;
    int err;
    if (have_full) {
        st = outfile_group_open(&g, full, &fc, &clash);
        fputs("no room\n", fc);
    } else {
        fputs("x", fb);
        fclose(fb); /* a stream that fails at commit, like a lost disk */
        g.file[1].fp = fopen("/dev/null", "r");
        fputs("x", g.file[1].fp);
    }
    errno = 0;
    rs_status cst = outfile_group_commit(&g, &bad);
    err = errno;
    tap_ok(st == RS_OK && cst == RS_EIO && bad == (have_full ? 2u : 1u) && (!have_full || err == ENOSPC),
           "the group's commit fails, naming the output (%zu: %s)", bad, strerror(err));
    tap_ok(file_is(a, "new a\n") && file_is(b, "new b\n") && g.n == 0,
           "and neither of the other targets is replaced");
    tap_ok(entries() == 2 + (have_full && strncmp(full, dir, strlen(dir)) == 0),
           "and no temporary file is left");
    if (have_full && strncmp(full, dir, strlen(dir)) == 0)
        unlink(full);
    unlink(a);
    unlink(b);
}

/* A rename that fails after an earlier one succeeded: the earlier target
 * is put back (its old file, or removed when it was new). */
static void check_group_rollback(void)
{
    SCRATCH(a, "ra.dat");
    SCRATCH(n, "rn.dat");
    SCRATCH(b, "rb.dat");
    SCRATCH(inner, "rb.dat/x");
    write_file(a, "old a\n", 0644);
    write_file(b, "old b\n", 0644);
    outfile_group g;
    outfile_group_init(&g);
    FILE *fa, *fn, *fb;
    size_t clash = 99, bad = 99;
    tap_ok(outfile_group_open(&g, a, &fa, &clash) == RS_OK &&
               outfile_group_open(&g, n, &fn, &clash) == RS_OK &&
               outfile_group_open(&g, b, &fb, &clash) == RS_OK,
           "rollback: a group of three outputs opens");
    fputs("new a\n", fa);
    fputs("new n\n", fn);
    fputs("new b\n", fb);
    /* The third target becomes a non-empty folder: its rename must fail. */
    unlink(b);
    mkdir(b, 0755);
    write_file(inner, "x\n", 0644);
    rs_status st = outfile_group_commit(&g, &bad);
    tap_ok(st == RS_EIO && bad == 2, "rollback: the third rename fails (%zu)", bad);
    tap_ok(file_is(a, "old a\n"), "rollback: the first target holds its old file again");
    tap_ok(!exists(n), "rollback: the second target, new, is removed");
    tap_ok(entries() == 2, "rollback: no temporary or second name is left");
    unlink(inner);
    rmdir(b);
    unlink(a);

    /* outfile_is_input: the same file by name, link or hard link. */
    SCRATCH(in, "in.dat");
    SCRATCH(ln, "in-link.dat");
    SCRATCH(hl, "in-hard.dat");
    SCRATCH(cp, "in-copy.dat");
    write_file(in, "1 2\n", 0644);
    write_file(cp, "1 2\n", 0644);
    tap_ok(symlink(in, ln) == 0 && link(in, hl) == 0, "links to an input made");
    tap_ok(outfile_is_input(in, in) && outfile_is_input(ln, in) && outfile_is_input(hl, in) &&
               outfile_is_input(in, ln),
           "outfile_is_input: the file, a symbolic link, a hard link");
    tap_ok(!outfile_is_input(cp, in) && !outfile_is_input("-", in) &&
               !outfile_is_input("/dev/stdout", in) && !outfile_is_input(NULL, in) &&
               !outfile_is_input(in_dir("none.dat"), in),
           "outfile_is_input: not a copy, standard output, a missing file");
    unlink(ln);
    unlink(hl);
    unlink(cp);
    unlink(in);
}

/* Every temporary of the process, not just the latest, is removed. */
static void check_pending_all(void)
{
    outfile of[5];
    char names[5][32];
    for (int i = 0; i < 5; i++) {
        snprintf(names[i], sizeof names[i], "pend%d.dat", i);
        outfile_open(&of[i], in_dir(names[i]));
        fputs("x", of[i].fp);
        fflush(of[i].fp);
    }
    tap_ok(entries() == 5 && outfile_pending() != NULL, "five temporaries are pending");
    outfile_remove_pending();
    tap_ok(entries() == 0, "outfile_remove_pending removes all five");
    for (int i = 0; i < 5; i++)
        outfile_abort(&of[i]);
    tap_ok(entries() == 0 && outfile_pending() == NULL, "aborting afterwards is harmless");

    /* In a child killed by SIGTERM while a group is pending, through a
     * handler that calls outfile_remove_pending. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_term;
        sigaction(SIGTERM, &sa, NULL);
        outfile_group g;
        outfile_group_init(&g);
        FILE *fp;
        size_t clash;
        for (int i = 0; i < 4; i++)
            outfile_group_open(&g, in_dir(names[i]), &fp, &clash);
        raise(SIGTERM);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM && entries() == 0,
           "a SIGTERM handler removes every temporary of a pending group");
}

int main(void)
{
    (void)tap_plan;
    (void)tap_close;
    (void)tap_diag;
    alarm(60); /* a FIFO mistake must not hang the test suite */
    const char *tmpdir = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/rnnscape-outfile.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) {
        printf("Bail out! cannot create a scratch folder: %s\n", strerror(errno));
        return 99;
    }
    check_new_file();
    check_abort();
    check_errors();
    check_stdout();
    check_fifo();
    check_modes();
    check_symlink();
    check_devices();
    check_links2();
    check_long_names();
    check_readonly();
    check_group();
    check_group_rollback();
    check_pending_all();
    tap_ok(entries() == 0, "the scratch folder is empty at the end");
    rmdir(dir);
    return tap_done();
}
