/* plot_run.h: running gnuplot for `rnnscape plot` and `rnnscape explore`:
 * where the installed scripts are, gnuplot string literals, and gnuplot as
 * a child process (run to completion, or fed through a pipe). The library
 * never plots; these are the command's own helpers. */
#ifndef RNNSCAPE_PLOT_RUN_H
#define RNNSCAPE_PLOT_RUN_H

#include <stdio.h>
#include <sys/types.h>

/* The folder holding the gnuplot scripts: $RNNSCAPE_PLOTDIR if set, else
 * the configured $(pkgdatadir), else share/rnnscape beside the folder of
 * the running program (a moved installation). Never NULL; static storage. */
const char *plot_run_dir(void);

/* The gnuplot to run: $GNUPLOT if set and not empty, else "gnuplot". */
const char *plot_run_gnuplot(void);

/* A growing text buffer for gnuplot commands. */
typedef struct {
    char *s;
    size_t len, cap;
    int failed; /* an allocation failed; s holds what fitted */
} plot_text;

void plot_text_init(plot_text *t);
void plot_text_free(plot_text *t);
/* Appends printf-formatted text. */
void plot_text_add(plot_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a gnuplot double-quoted string literal (\" and \\ escaped). */
void plot_text_quoted(plot_text *t, const char *s);
/* Appends name="value"; (value quoted as above). */
void plot_text_var(plot_text *t, const char *name, const char *value);

/* Runs `gnuplot -e COMMANDS SCRIPT` and waits. Returns 0 on success; else
 * prints one line "rnnscape CMD: ..." naming gnuplot (not found, killed
 * or its exit status) and returns 3 (CLI_FAILURE). */
int plot_run_script(const char *cmd, const char *commands, const char *script);

/* Starts gnuplot reading its commands from the returned stream (NULL after
 * printing one line when it cannot be started); *pid gets its process. */
FILE *plot_run_pipe(const char *cmd, pid_t *pid);
/* Closes the stream and waits for gnuplot: 0, or returns 3 (printing why
 * unless quiet() says the end was asked for, e.g. by a signal). */
int plot_run_wait(const char *cmd, FILE *fp, pid_t pid, int (*quiet)(void));

#endif
