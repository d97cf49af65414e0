/* rnnscape explore: an interactive gnuplot window on the loss surface. A
 * thin driver: it makes the working folder, starts gnuplot on the installed
 * explore.gp through a pipe, and waits; the keys in the window run
 * `rnnscape surface`, `gradtime` and `optimize` (or `rprop`) themselves. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h> /* struct option */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_data.h"
#include "commands.h"
#include "plot_run.h"

static const char explore_help[] =
    "Usage: rnnscape explore [OPTIONS]\n\n"
    "Opens an interactive gnuplot window (qt, x11 or wxt) on the loss surface,\n"
    "on the tutorial's colour scale. Keys in the window (h shows them there):\n"
    "  right button twice  gnuplot's zoom box; then z (or Return) recomputes\n"
    "                      the zoomed range at full resolution: a new view\n"
    "  b                   back to the previous view\n"
    "  p                   the tutorial's six points on or off\n"
    "  a                   next activation (linear, tanh, sigmoid, relu)\n"
    "  c                   colour range: the tutorial's, or the data's own\n"
    "  o                   next optimiser\n"
    "  t, left click       an optimiser trace from the mouse position\n"
    "  s                   save the view as PNG in the working folder\n"
    "  u                   gnuplot's unzoom\n"
    "  q, Escape           quit\n\n"
    "Surface:\n"
    "  --wx LO:HI           first view's range of w_x (default -3:3)\n"
    "  --wrec LO:HI         and of w_rec (default -3:3)\n"
    "  --grid N             points per axis of every view (default 300)\n" CLI_DATA_HELP
    "Session:\n"
    "  --optimizer NAME     the optimiser to start with (default: the\n"
    "                       tutorial's RProp; 'o' cycles through the others)\n"
    "  --workdir DIR        keep every view, trace and picture in DIR (created\n"
    "                       if missing; views.log lists them). Default: a\n"
    "                       temporary folder, removed on exit\n"
    "  --terminal T         qt, x11 or wxt (default: the first this gnuplot has)\n"
    "  -h, --help           show this help\n\n"
    "Needs a display (DISPLAY) and gnuplot with an interactive terminal\n"
    "(Debian: gnuplot-qt or gnuplot-x11); $GNUPLOT names another gnuplot.\n"
    "Exit status: 0 when the window is closed, 2 bad usage, 3 no display,\n"
    "no gnuplot or a working-folder error. On SIGINT, SIGTERM or SIGHUP the\n"
    "window closes and the temporary folder is removed first.\n";

enum { OPT_WX = OPT_FIRST_FREE, OPT_WREC, OPT_GRID, OPT_WORKDIR, OPT_OPTIMIZER, OPT_TERMINAL };

static const char *const terminal_names[] = {"qt", "x11", "wxt", NULL};

typedef struct {
    double wx_lo, wx_hi, wrec_lo, wrec_hi;
    long grid;
    const char *workdir, *optimizer;
    int terminal; /* -1: gnuplot picks */
    const char *out;
    cli_data_opts data;
} explore_args;

static int explore_option(void *ctx, int c, const char *arg)
{
    explore_args *a = ctx;
    const char *cmd = "explore";
    switch (c) {
    case OPT_WX: return cli_range(cmd, "--wx", arg, &a->wx_lo, &a->wx_hi);
    case OPT_WREC: return cli_range(cmd, "--wrec", arg, &a->wrec_lo, &a->wrec_hi);
    case OPT_GRID: return cli_long(cmd, "--grid", arg, 2, 4000, &a->grid);
    case OPT_WORKDIR: a->workdir = arg; return CLI_OK;
    case OPT_OPTIMIZER:
        if (!*arg || strspn(arg, "abcdefghijklmnopqrstuvwxyz0123456789+-_") != strlen(arg)) {
            cli_error(cmd, "--optimizer: expected an optimiser name, got '%s'", arg);
            return CLI_USAGE;
        }
        a->optimizer = arg;
        return CLI_OK;
    case OPT_TERMINAL: return cli_choice(cmd, "--terminal", arg, terminal_names, &a->terminal);
    }
    return CLI_NOT_MINE;
}

static const struct option explore_longopts[] = {
    CLI_DATA_LONGOPTS,
    {"wx", required_argument, NULL, OPT_WX},
    {"wrec", required_argument, NULL, OPT_WREC},
    {"grid", required_argument, NULL, OPT_GRID},
    {"workdir", required_argument, NULL, OPT_WORKDIR},
    {"optimizer", required_argument, NULL, OPT_OPTIMIZER},
    {"terminal", required_argument, NULL, OPT_TERMINAL},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Appends s to t as one shell word ('...', with ' as '\''). */
static void shell_word(plot_text *t, const char *s)
{
    plot_text_add(t, " '");
    for (const char *p = s; *p; p++)
        plot_text_add(t, *p == '\'' ? "'\\''" : "%c", *p);
    plot_text_add(t, "'");
}

/* Collects one data option (all but --activation, which explore switches
 * itself) as shell words: "--name" then its value, the data file absolute. */
static int data_word(void *ctx, int c, const char *arg)
{
    plot_text *t = ctx;
    if (c < OPT_DATA || c >= OPT_FIRST_FREE || c == OPT_ACTIVATION)
        return CLI_OK;
    for (const struct option *o = explore_longopts; o->name; o++)
        if (o->val == c) {
            char opt[64];
            snprintf(opt, sizeof opt, "--%s", o->name);
            shell_word(t, opt);
            break;
        }
    char abs[PATH_MAX];
    shell_word(t, c == OPT_DATA && realpath(arg, abs) ? abs : arg);
    return CLI_OK;
}

/* The data options as given, as shell words for the commands the window
 * runs. The arguments have been checked already: this second pass of the
 * one parser (with no data options of its own, so that every option comes
 * to data_word) only collects them. */
static void data_words(int argc, char **argv, plot_text *t)
{
    const char *out = NULL;
    cli_parser p = {"explore", explore_help, explore_longopts, NULL, &out, data_word, t};
    cli_parse_args(&p, argc, argv);
}

/* A working folder: DIR (created if missing), or a new temporary one. */
static int make_workdir(const explore_args *a, char *dir, size_t size, int *temporary)
{
    *temporary = !a->workdir;
    if (a->workdir) {
        if (strchr(a->workdir, '\'') || strlen(a->workdir) + 1 > size) {
            cli_error("explore", "--workdir: expected a folder name without quotes, got '%s'",
                      a->workdir);
            return CLI_USAGE;
        }
        if (mkdir(a->workdir, 0777) != 0 && errno != EEXIST) {
            cli_error("explore", "--workdir: cannot create '%s': %s", a->workdir,
                      strerror(errno));
            return CLI_FAILURE;
        }
        struct stat st;
        if (stat(a->workdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("explore", "--workdir: '%s' is not a folder", a->workdir);
            return CLI_FAILURE;
        }
        if (!realpath(a->workdir, dir)) {
            cli_error("explore", "--workdir: '%s': %s", a->workdir, strerror(errno));
            return CLI_FAILURE;
        }
        return CLI_OK;
    }
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strchr(tmp, '\''))
        tmp = "/tmp";
    if ((size_t)snprintf(dir, size, "%s/rnnscape-explore.XXXXXX", tmp) >= size || !mkdtemp(dir)) {
        cli_error("explore", "cannot make a temporary working folder in %s: %s", tmp,
                  strerror(errno));
        return CLI_FAILURE;
    }
    return CLI_OK;
}

/* Removes the temporary working folder and what the session wrote in it
 * (flat: explore writes no sub-folders). */
static void remove_workdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[PATH_MAX];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
                (size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < sizeof path)
                unlink(path);
        closedir(d);
    }
    rmdir(dir);
}

/* While the window is open a signal goes on to gnuplot, so that the
 * session ends and the working folder is cleaned up here. */
static volatile pid_t gnuplot_pid;
static volatile sig_atomic_t signalled;
static void forward_signal(int sig)
{
    signalled = sig;
    if (gnuplot_pid > 0)
        kill(gnuplot_pid, sig);
}
static int was_signalled(void) { return signalled != 0; }

/* The session's variables for explore.gp, then the call that runs it. */
static void session(plot_text *t, const explore_args *a, const char *workdir, const char *model)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    plot_text self;
    plot_text_init(&self);
    shell_word(&self, n > 0 ? exe : "rnnscape");
    plot_text_var(t, "rs_rnnscape", self.s ? self.s + 1 : "rnnscape");
    plot_text_free(&self);
    plot_text_init(&self);
    shell_word(&self, plot_run_gnuplot());
    plot_text_var(t, "rs_gnuplot", self.s ? self.s + 1 : "gnuplot");
    plot_text_free(&self);
    plot_text_var(t, "rs_workdir", workdir);
    plot_text_var(t, "rs_model", model);
    plot_text_var(t, "rs_act", activation_names[a->data.f]);
    plot_text_var(t, "rs_optimizer", a->optimizer ? a->optimizer : "");
    plot_text_var(t, "rs_term", a->terminal >= 0 ? terminal_names[a->terminal] : "");
    plot_text_add(t, "rs_grid=%ld; rs_wx0=%.17g; rs_wx1=%.17g; rs_wrec0=%.17g; rs_wrec1=%.17g\n",
                  a->grid, a->wx_lo, a->wx_hi, a->wrec_lo, a->wrec_hi);
    plot_text_add(t, "call ");
    char script[PATH_MAX];
    snprintf(script, sizeof script, "%s/explore.gp", plot_run_dir());
    plot_text_quoted(t, script);
    plot_text_add(t, " 'init'\n");
}

static int run_session(const explore_args *a, const char *workdir, const char *model)
{
    plot_text t;
    plot_text_init(&t);
    session(&t, a, workdir, model);
    if (t.failed) {
        plot_text_free(&t);
        cli_error("explore", "out of memory");
        return CLI_FAILURE;
    }
    pid_t pid;
    FILE *fp = plot_run_pipe("explore", &pid);
    if (!fp) {
        plot_text_free(&t);
        return CLI_FAILURE;
    }
    gnuplot_pid = pid;
    void (*old_int)(int) = signal(SIGINT, forward_signal);
    void (*old_term)(int) = signal(SIGTERM, forward_signal);
    void (*old_hup)(int) = signal(SIGHUP, forward_signal);
    fputs(t.s, fp);
    plot_text_free(&t);
    int rc = plot_run_wait("explore", fp, pid, was_signalled);
    gnuplot_pid = 0;
    signal(SIGINT, old_int);
    signal(SIGTERM, old_term);
    signal(SIGHUP, old_hup);
    return rc;
}

int cmd_explore(int argc, char **argv)
{
    explore_args a = {-3, 3, -3, 3, 300, NULL, NULL, -1, NULL, {0}};
    cli_data_init(&a.data);
    cli_parser p = {"explore", explore_help, explore_longopts, &a.data, &a.out, explore_option, &a};
    int rc = cli_parse_args(&p, argc, argv);
    if (rc != CLI_OK)
        return rc == CLI_HELP_SHOWN ? CLI_OK : rc;
    if (a.out) {
        cli_error("explore", "-o: explore writes into its working folder (see --workdir)");
        return CLI_USAGE;
    }
    const char *display = getenv("DISPLAY");
    if (!display || !*display) {
        cli_error("explore", "no display: DISPLAY is not set (explore opens a window)");
        return CLI_FAILURE;
    }
    plot_text model;
    plot_text_init(&model);
    data_words(argc, argv, &model);
    char workdir[PATH_MAX];
    int temporary;
    if ((rc = make_workdir(&a, workdir, sizeof workdir, &temporary)) != CLI_OK) {
        plot_text_free(&model);
        return rc;
    }
    printf("rnnscape explore: working folder %s%s; press h in the window for help\n", workdir,
           temporary ? " (removed on exit)" : "");
    fflush(stdout);
    rc = run_session(&a, workdir, model.s ? model.s : "");
    plot_text_free(&model);
    if (temporary)
        remove_workdir(workdir);
    if (signalled) {
        /* die of the signal, as an interrupted command does (128 + N) */
        signal(signalled, SIG_DFL);
        raise(signalled);
    }
    return rc;
}
