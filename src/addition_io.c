#include "addition_io.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Reads one line (any length) into *buf; 0 at end of file. */
static int read_line(FILE *fp, char **buf, size_t *cap)
{
    size_t n = 0;
    int ch;
    while ((ch = getc(fp)) != EOF) {
        if (n + 2 > *cap) {
            size_t nc = *cap ? 2 * *cap : 256;
            char *nb = realloc(*buf, nc);
            if (!nb)
                return -1;
            *buf = nb;
            *cap = nc;
        }
        if (ch == '\n')
            break;
        (*buf)[n++] = (char)ch;
    }
    if (ch == EOF && n == 0)
        return 0;
    (*buf)[n] = '\0';
    return 1;
}

/* Picks "# bits: N" and "# hidden: N" out of a header line. */
static void header_value(const char *s, int *bits, int *hidden)
{
    int v;
    if (sscanf(s, "# bits: %d", &v) == 1)
        *bits = v;
    else if (sscanf(s, "# hidden: %d", &v) == 1)
        *hidden = v;
}

static int blank(const char *s) { return s[strspn(s, " \t\r")] == '\0'; }

/* Strict number: the whole token, finite. */
static int number(char **s, double *out)
{
    char *end;
    *s += strspn(*s, " \t");
    if (**s == '\0')
        return 0;
    *out = strtod(*s, &end);
    if (end == *s || (*end && !strchr(" \t\r", *end)) || !isfinite(*out))
        return 0;
    *s = end;
    return 1;
}

static int end_of_line(const char *s) { return blank(s); }

rs_status addition_read_weights(FILE *fp, addition_net *net, long *line)
{
    char *buf = NULL;
    size_t cap = 0, p = 0;
    int bits = 0, hidden = 0, got;
    rs_status st = RS_OK;
    net->w = NULL;
    *line = 0;
    while ((got = read_line(fp, &buf, &cap)) > 0) {
        ++*line;
        if (buf[0] == '#' && !net->w) {
            header_value(buf, &bits, &hidden);
            continue;
        }
        if (buf[0] == '#' || blank(buf))
            continue;
        if (!net->w && addition_net_init(net, bits, hidden) != RS_OK) {
            st = RS_EFORMAT;
            *line = 0;
            break;
        }
        double v[5];
        char *s = buf;
        int ok = 1;
        for (int i = 0; i < 5 && ok; i++)
            ok = number(&s, &v[i]);
        if (!ok || !end_of_line(s) || p >= net->nparams || v[0] != (double)p) {
            st = RS_EFORMAT;
            break;
        }
        net->w[p++] = v[4];
    }
    if (got < 0)
        st = RS_ENOMEM;
    else if (st == RS_OK && ferror(fp))
        st = RS_EIO;
    else if (st == RS_OK && (!net->w || p != net->nparams)) {
        st = RS_EFORMAT;
        *line = net->w ? *line : 0;
    }
    free(buf);
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

/* Appends one checkpoint row; grows the arrays as needed. */
static rs_status push_row(char *s, size_t np, size_t *n, size_t *cap, long **iter, double **w)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        long *ni = realloc(*iter, nc * sizeof *ni);
        if (ni)
            *iter = ni;
        double *nw = ni ? realloc(*w, nc * np * sizeof *nw) : NULL;
        if (!nw)
            return RS_ENOMEM;
        *w = nw;
        *cap = nc;
    }
    double it;
    if (!number(&s, &it) || it != floor(it) || fabs(it) > 1e18)
        return RS_EFORMAT;
    for (size_t p = 0; p < np; p++)
        if (!number(&s, &(*w)[*n * np + p]))
            return RS_EFORMAT;
    if (!end_of_line(s))
        return RS_EFORMAT;
    (*iter)[(*n)++] = (long)it;
    return RS_OK;
}

rs_status addition_read_checkpoints(FILE *fp, int *bits, int *hidden, size_t *n, long **iter,
                                    double **w, long *line)
{
    char *buf = NULL;
    size_t cap = 0, rows_cap = 0;
    int got, started = 0;
    rs_status st = RS_OK;
    *bits = *hidden = 0;
    *n = 0;
    *iter = NULL;
    *w = NULL;
    *line = 0;
    while ((got = read_line(fp, &buf, &cap)) > 0) {
        ++*line;
        if (buf[0] == '#' && !started) {
            header_value(buf, bits, hidden);
            continue;
        }
        if (buf[0] == '#' || blank(buf))
            continue;
        if (!started && (*bits < 2 || *bits > ADDITION_BITS_MAX || *hidden < 1 ||
                         *hidden > ADDITION_HIDDEN_MAX)) {
            st = RS_EFORMAT;
            *line = 0;
            break;
        }
        started = 1;
        st = push_row(buf, addition_nparams(*hidden), n, &rows_cap, iter, w);
        if (st != RS_OK)
            break;
    }
    if (got < 0)
        st = RS_ENOMEM;
    else if (st == RS_OK && ferror(fp))
        st = RS_EIO;
    else if (st == RS_OK && *n == 0) {
        st = RS_EFORMAT;
        *line = 0;
    }
    free(buf);
    if (st != RS_OK) {
        free(*iter);
        free(*w);
        *iter = NULL;
        *w = NULL;
        *n = 0;
    }
    return st;
}
