/* plot_run.c: gnuplot as a child process of the command (see plot_run.h). */
#include <config.h>

#include "plot_run.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "rs_paths.h"

static int has_scripts(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s/common.gp", dir);
    return n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *plot_run_dir(void)
{
    static char moved[PATH_MAX];
    const char *env = getenv("RNNSCAPE_PLOTDIR");
    if (env && *env)
        return env;
    if (has_scripts(RS_PKGDATADIR))
        return RS_PKGDATADIR;
    /* PREFIX/bin/rnnscape -> PREFIX/share/rnnscape */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int m = snprintf(moved, sizeof moved, "%s/../share/rnnscape", exe);
            if (m > 0 && (size_t)m < sizeof moved && has_scripts(moved))
                return moved;
        }
    }
    return RS_PKGDATADIR;
}

const char *plot_run_gnuplot(void)
{
    const char *env = getenv("GNUPLOT");
    return env && *env ? env : "gnuplot";
}

void plot_text_init(plot_text *t)
{
    t->s = NULL;
    t->len = t->cap = 0;
    t->failed = 0;
}

void plot_text_free(plot_text *t)
{
    free(t->s);
    plot_text_init(t);
}

static int reserve(plot_text *t, size_t more)
{
    if (t->failed)
        return 0;
    if (t->len + more + 1 <= t->cap)
        return 1;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + more + 1)
        cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s) {
        t->failed = 1;
        return 0;
    }
    t->s = s;
    t->cap = cap;
    return 1;
}

void plot_text_add(plot_text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(t, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

void plot_text_quoted(plot_text *t, const char *s)
{
    plot_text_add(t, "\"");
    for (const char *p = s; *p; p++)
        plot_text_add(t, (*p == '"' || *p == '\\') ? "\\%c" : "%c", *p);
    plot_text_add(t, "\"");
}

void plot_text_var(plot_text *t, const char *name, const char *value)
{
    plot_text_add(t, "%s=", name);
    plot_text_quoted(t, value);
    plot_text_add(t, "; ");
}

/* Forks gnuplot with argv; stdin_fd (or -1) becomes its standard input.
 * An exec failure comes back through a close-on-exec pipe, so "not found"
 * is told apart from gnuplot's own exit status. Returns the pid or -1. */
static pid_t spawn(const char *cmd, char *const argv[], int stdin_fd, int close_fd)
{
    int report[2];
    if (pipe(report) != 0 || fcntl(report[1], F_SETFD, FD_CLOEXEC) != 0) {
        cli_error(cmd, "cannot start gnuplot: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        cli_error(cmd, "cannot start gnuplot: %s", strerror(errno));
        close(report[0]);
        close(report[1]);
        return -1;
    }
    if (pid == 0) {
        close(report[0]);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        if (close_fd >= 0)
            close(close_fd);
        if (stdin_fd >= 0) {
            dup2(stdin_fd, STDIN_FILENO);
            close(stdin_fd);
        }
        execvp(argv[0], argv);
        int e = errno;
        ssize_t ignored = write(report[1], &e, sizeof e);
        (void)ignored;
        _exit(127);
    }
    close(report[1]);
    int e = 0;
    ssize_t got;
    while ((got = read(report[0], &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(report[0]);
    if (got == (ssize_t)sizeof e) {
        waitpid(pid, NULL, 0);
        if (e == ENOENT)
            cli_error(cmd, "gnuplot not found ('%s'; install the Debian package gnuplot-nox, "
                           "or set GNUPLOT)",
                      argv[0]);
        else
            cli_error(cmd, "cannot run gnuplot '%s': %s", argv[0], strerror(e));
        return -1;
    }
    return pid;
}

static int wait_for(const char *cmd, pid_t pid, int (*quiet)(void))
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            cli_error(cmd, "gnuplot: %s", strerror(errno));
            return CLI_FAILURE;
        }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return CLI_OK;
    if (quiet && quiet())
        return CLI_FAILURE;
    if (WIFSIGNALED(status))
        cli_error(cmd, "gnuplot was killed by signal %d", WTERMSIG(status));
    else
        cli_error(cmd, "gnuplot failed (exit status %d; its messages are above)",
                  WEXITSTATUS(status));
    return CLI_FAILURE;
}

int plot_run_script(const char *cmd, const char *commands, const char *script)
{
    char *argv[] = {(char *)plot_run_gnuplot(), "-e", (char *)commands, (char *)script, NULL};
    pid_t pid = spawn(cmd, argv, -1, -1);
    return pid < 0 ? CLI_FAILURE : wait_for(cmd, pid, NULL);
}

FILE *plot_run_pipe(const char *cmd, pid_t *pid)
{
    int fd[2];
    if (pipe(fd) != 0) {
        cli_error(cmd, "cannot start gnuplot: %s", strerror(errno));
        return NULL;
    }
    char *argv[] = {(char *)plot_run_gnuplot(), NULL};
    *pid = spawn(cmd, argv, fd[0], fd[1]);
    close(fd[0]);
    if (*pid < 0) {
        close(fd[1]);
        return NULL;
    }
    FILE *fp = fdopen(fd[1], "w");
    if (!fp) {
        cli_error(cmd, "cannot talk to gnuplot: %s", strerror(errno));
        close(fd[1]);
        kill(*pid, SIGTERM);
        waitpid(*pid, NULL, 0);
    }
    return fp;
}

int plot_run_wait(const char *cmd, FILE *fp, pid_t pid, int (*quiet)(void))
{
    /* gnuplot may have gone (window closed): a broken pipe is not an error. */
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    fclose(fp);
    signal(SIGPIPE, old);
    return wait_for(cmd, pid, quiet);
}
