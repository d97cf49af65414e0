#include "addition_io.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

/* Matrix codes in the weights file's second column. */
static int matrix_code(const char *name) { return name[1] == '0' ? 0 : name[1] == '1' ? 1 : 2; }

static void write_shape(FILE *fp, const addition_net *net)
{
    fprintf(fp, "# bits: %d\n# hidden: %d\n", net->bits, net->hidden);
}

rs_status addition_write_weights(FILE *fp, const addition_net *net, const double *w)
{
    write_shape(fp, net);
    fputs("# weights in the order W0 (2 x hidden), W1 (hidden x 1), Wh (hidden x hidden),\n"
          "# row-major; matrix code 0 = W0, 1 = W1, 2 = Wh\n"
          "# columns: index matrix row column value\n",
          fp);
    for (size_t p = 0; p < net->nparams; p++) {
        int r, c;
        const char *name = addition_param_name(net->hidden, p, &r, &c);
        fprintf(fp, "%zu %d %d %d %.17g\n", p, matrix_code(name), r, c, w[p]);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}

/* "#", "key:" and a plain decimal number, blanks around them: the value
 * (INT_MAX when it is larger), or -1 if the line is not that header. */
static int header_field(const char *s, const char *key)
{
    size_t k = strlen(key);
    s += 1 + strspn(s + 1, " \t");
    if (strncmp(s, key, k) != 0 || s[k] != ':')
        return -1;
    s += k + 1;
    s += strspn(s, " \t");
    if (!isdigit((unsigned char)*s))
        return -1;
    long long v = 0;
    for (; isdigit((unsigned char)*s); s++)
        v = v >= INT_MAX ? INT_MAX : 10 * v + (*s - '0');
    if (s[strspn(s, " \t\r")] != '\0')
        return -1;
    return v > INT_MAX ? INT_MAX : (int)v;
}

/* Picks "# bits: N" and "# hidden: N" out of a header line (a value too
 * large for an int is kept as INT_MAX, out of range, never wrapped). */
static void header_value(const char *s, int *bits, int *hidden)
{
    int v;
    if ((v = header_field(s, "bits")) >= 0)
        *bits = v;
    else if ((v = header_field(s, "hidden")) >= 0)
        *hidden = v;
}

static int blank(const char *s) { return s[strspn(s, " \t\r")] == '\0'; }

/* Strict number: the whole token, plain decimal (no hex, inf or nan),
 * finite. */
static int number(char **s, double *out)
{
    char *end;
    *s += strspn(*s, " \t");
    size_t len = strcspn(*s, " \t\r");
    if (len == 0 || strspn(*s, "0123456789.eE+-") < len)
        return 0;
    *out = strtod(*s, &end);
    if (end == *s || (*end && !strchr(" \t\r", *end)) || !isfinite(*out))
        return 0;
    *s = end;
    return 1;
}

static int end_of_line(const char *s) { return blank(s); }

/* Whether the matrix code, row and column v[1..3] are those of index p. */
static int weight_position(int hidden, size_t p, const double *v)
{
    int r, c;
    const char *name = addition_param_name(hidden, p, &r, &c);
    return v[1] == (double)matrix_code(name) && v[2] == (double)r && v[3] == (double)c;
}

/* The limits in force: *lim, or the defaults with the given file size. */
static read_limits limits_of(const read_limits *lim, uint64_t max_file)
{
    read_limits l = {{0}, ADDITION_MAX_LINE, max_file};
    return lim ? *lim : l;
}

static rs_status read_fail(addition_read_error *err, long line, rs_status st, const char *what)
{
    err->line = line;
    snprintf(err->what, sizeof err->what, "%s", what);
    return st;
}

/* A line reader's stop as the caller's error. */
static rs_status line_failure(const linereader *lr, line_status ls, addition_read_error *err)
{
    char what[128];
    linereader_what(lr, ls, what, sizeof what);
    rs_status st = ls == LINE_ERROR ? RS_EIO : ls == LINE_NOMEM ? RS_ENOMEM : RS_ERANGE;
    return read_fail(err, ls == LINE_ERROR ? 0 : (long)lr->number, st, what);
}

/* The old interface's *line: the lines read on success, the offending
 * line of a malformed file; a limit is RS_ERANGE without a line (so no
 * caller blames the line's contents). */
static long legacy_line(rs_status st, const addition_read_error *err)
{
    return st == RS_EFORMAT || st == RS_OK ? err->line : 0;
}

rs_status addition_read_weights(FILE *fp, addition_net *net, long *line)
{
    addition_read_error err;
    rs_status st = addition_read_weights_limited(fp, net, NULL, &err);
    *line = legacy_line(st, &err);
    return st;
}

rs_status addition_read_weights_limited(FILE *fp, addition_net *net, const read_limits *lim,
                                        addition_read_error *err)
{
    read_limits l = limits_of(lim, ADDITION_MAX_WEIGHTS_FILE);
    linereader lr;
    size_t p = 0;
    int bits = 0, hidden = 0;
    line_status ls;
    rs_status st = RS_OK;
    net->w = NULL;
    read_fail(err, 0, RS_OK, "");
    linereader_init(&lr, fp, l.max_line, l.max_file);
    while ((ls = linereader_next(&lr)) == LINE_OK) {
        char *buf = lr.line;
        long lineno = (long)lr.number;
        if (buf[0] == '#' && !net->w) {
            header_value(buf, &bits, &hidden);
            continue;
        }
        if (lr.has_nul && buf[0] != '#') { /* a NUL would hide the rest of the line */
            st = read_fail(err, lineno, RS_EFORMAT, "contains a NUL byte");
            break;
        }
        if (buf[0] == '#' || blank(buf))
            continue;
        if (!net->w && (st = addition_net_init(net, bits, hidden)) != RS_OK) {
            if (st == RS_EINVAL)
                st = read_fail(err, 0, RS_EFORMAT,
                               "needs '# bits:' and '# hidden:' lines in range before the weights");
            break;
        }
        double v[5];
        char *s = buf;
        int ok = 1;
        for (int i = 0; i < 5 && ok; i++)
            ok = number(&s, &v[i]);
        if (!ok || !end_of_line(s) || p >= net->nparams || v[0] != (double)p ||
            !weight_position(net->hidden, p, v)) {
            st = read_fail(err, lineno, RS_EFORMAT, "expected 'index matrix row column value'");
            break;
        }
        net->w[p++] = v[4];
    }
    if (st == RS_OK && ls != LINE_END)
        st = line_failure(&lr, ls, err);
    else if (st == RS_OK && (!net->w || p != net->nparams))
        st = read_fail(err, net->w ? (long)lr.number : 0, RS_EFORMAT,
                       net->w ? "missing weights" : "no weights");
    if (st == RS_OK)
        err->line = (long)lr.number; /* the lines read */
    linereader_free(&lr);
    if (st != RS_OK)
        addition_net_free(net);
    return st;
}

void addition_write_checkpoint_header(FILE *fp, const addition_net *net)
{
    write_shape(fp, net);
    fprintf(fp,
            "# columns: iteration, then the %zu weights in the order W0 (2 x hidden),\n"
            "# W1 (hidden x 1), Wh (hidden x hidden), row-major (as in the weights file)\n",
            net->nparams);
}

void addition_write_checkpoint(FILE *fp, long iteration, const addition_net *net)
{
    fprintf(fp, "%ld", iteration);
    for (size_t p = 0; p < net->nparams; p++)
        fprintf(fp, " %.17g", net->w[p]);
    fputc('\n', fp);
}

/* Appends one checkpoint row; grows the arrays as the row's numbers are
 * read, so memory follows the file's length, not its header's promise. */
static rs_status push_row(char *s, size_t np, size_t *n, size_t *rows_cap, size_t *w_cap,
                          long **iter, double **w, const memory_limit *memory)
{
    if (*n == *rows_cap) {
        size_t nc = *rows_cap ? 2 * *rows_cap : 16;
        if (memory_check(memory, (double)nc * sizeof **iter, NULL) != RS_OK)
            return RS_ENOMEM;
        long *ni = realloc(*iter, nc * sizeof *ni);
        if (!ni)
            return RS_ENOMEM;
        *iter = ni;
        *rows_cap = nc;
    }
    double it;
    if (!number(&s, &it) || it != floor(it) || fabs(it) > 1e18)
        return RS_EFORMAT;
    size_t base = *n * np;
    for (size_t p = 0; p < np; p++) {
        if (base + p == *w_cap) {
            size_t nc = *w_cap ? 2 * *w_cap : 64;
            if (nc > SIZE_MAX / sizeof **w ||
                memory_check(memory, (double)nc * sizeof **w, NULL) != RS_OK)
                return RS_ENOMEM;
            double *nw = realloc(*w, nc * sizeof *nw);
            if (!nw)
                return RS_ENOMEM;
            *w = nw;
            *w_cap = nc;
        }
        if (!number(&s, &(*w)[base + p]))
            return RS_EFORMAT;
    }
    if (!end_of_line(s))
        return RS_EFORMAT;
    (*iter)[(*n)++] = (long)it;
    return RS_OK;
}

rs_status addition_read_checkpoints(FILE *fp, int *bits, int *hidden, size_t *n, long **iter,
                                    double **w, long *line)
{
    addition_read_error err;
    rs_status st = addition_read_checkpoints_limited(fp, NULL, bits, hidden, n, iter, w, &err);
    *line = legacy_line(st, &err);
    return st;
}

rs_status addition_read_checkpoints_limited(FILE *fp, const read_limits *lim, int *bits,
                                            int *hidden, size_t *n, long **iter, double **w,
                                            addition_read_error *err)
{
    read_limits l = limits_of(lim, ADDITION_MAX_CHECKPOINTS_FILE);
    linereader lr;
    size_t rows_cap = 0, w_cap = 0;
    int started = 0;
    line_status ls;
    rs_status st = RS_OK;
    *bits = *hidden = 0;
    *n = 0;
    *iter = NULL;
    *w = NULL;
    read_fail(err, 0, RS_OK, "");
    linereader_init(&lr, fp, l.max_line, l.max_file);
    while ((ls = linereader_next(&lr)) == LINE_OK) {
        char *buf = lr.line;
        long lineno = (long)lr.number;
        if (buf[0] == '#' && !started) {
            /* A weights file of one hidden unit has rows of five numbers
             * too: its own column line tells it apart. */
            if (strncmp(buf, "# columns: index matrix row column value", 40) == 0) {
                st = read_fail(err, lineno, RS_EFORMAT,
                               "this is a weights file ('addition train --save'), not checkpoints");
                break;
            }
            header_value(buf, bits, hidden);
            continue;
        }
        if (lr.has_nul && buf[0] != '#') { /* a NUL would hide the rest of the line */
            st = read_fail(err, lineno, RS_EFORMAT, "contains a NUL byte");
            break;
        }
        if (buf[0] == '#' || blank(buf))
            continue;
        if (!started && (*bits < 2 || *bits > ADDITION_BITS_MAX || *hidden < 1 ||
                         *hidden > ADDITION_HIDDEN_MAX)) {
            st = read_fail(err, 0, RS_EFORMAT,
                           "needs '# bits:' and '# hidden:' lines in range before the rows");
            break;
        }
        started = 1;
        size_t np = addition_nparams(*hidden);
        st = push_row(buf, np, n, &rows_cap, &w_cap, iter, w, &l.memory);
        if (st == RS_EFORMAT) {
            char what[96];
            snprintf(what, sizeof what, "expected an iteration and %zu weights", np);
            read_fail(err, lineno, st, what);
        } else if (st == RS_ENOMEM) {
            char size[64];
            memory_format(2.0 * (double)(*n + 1) * (double)np * sizeof(double), size, sizeof size);
            snprintf(err->what, sizeof err->what,
                     "the checkpoints would need about %s, more than the memory ceiling", size);
            err->line = lineno;
        }
        if (st != RS_OK)
            break;
    }
    if (st == RS_OK && ls != LINE_END)
        st = line_failure(&lr, ls, err);
    else if (st == RS_OK && *n == 0)
        st = read_fail(err, 0, RS_EFORMAT, "no checkpoint rows");
    if (st == RS_OK)
        err->line = (long)lr.number; /* the lines read */
    linereader_free(&lr);
    if (st != RS_OK) {
        free(*iter);
        free(*w);
        *iter = NULL;
        *w = NULL;
        *n = 0;
    }
    return st;
}
