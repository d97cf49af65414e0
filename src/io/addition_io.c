#include "addition_io.h"

#include <ctype.h>
#include <limits.h>
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

/* Reads one line (any length) into *buf; 0 at end of file, -1 out of
 * memory.  *nul tells whether the line holds a NUL byte (which would hide
 * the rest of it from the string functions). */
static int read_line(FILE *fp, char **buf, size_t *cap, int *nul)
{
    size_t n = 0;
    int ch;
    *nul = 0;
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
        *nul |= ch == '\0';
        (*buf)[n++] = (char)ch;
    }
    if (ch == EOF && n == 0)
        return 0;
    (*buf)[n] = '\0';
    return 1;
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

rs_status addition_read_weights(FILE *fp, addition_net *net, long *line)
{
    char *buf = NULL;
    size_t cap = 0, p = 0;
    int bits = 0, hidden = 0, got, nul;
    rs_status st = RS_OK;
    net->w = NULL;
    *line = 0;
    while ((got = read_line(fp, &buf, &cap, &nul)) > 0) {
        ++*line;
        if (buf[0] == '#' && !net->w) {
            header_value(buf, &bits, &hidden);
            continue;
        }
        if (nul && buf[0] != '#') { /* a NUL would hide the rest of the line */
            st = RS_EFORMAT;
            break;
        }
        if (buf[0] == '#' || blank(buf))
            continue;
        if (!net->w && (st = addition_net_init(net, bits, hidden)) != RS_OK) {
            if (st == RS_EINVAL) {
                st = RS_EFORMAT;
                *line = 0;
            }
            break;
        }
        double v[5];
        char *s = buf;
        int ok = 1;
        for (int i = 0; i < 5 && ok; i++)
            ok = number(&s, &v[i]);
        if (!ok || !end_of_line(s) || p >= net->nparams || v[0] != (double)p ||
            !weight_position(net->hidden, p, v)) {
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

/* Appends one checkpoint row; grows the arrays as the row's numbers are
 * read, so memory follows the file's length, not its header's promise. */
static rs_status push_row(char *s, size_t np, size_t *n, size_t *rows_cap, size_t *w_cap,
                          long **iter, double **w)
{
    if (*n == *rows_cap) {
        size_t nc = *rows_cap ? 2 * *rows_cap : 16;
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
            if (nc > SIZE_MAX / sizeof **w)
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
    char *buf = NULL;
    size_t cap = 0, rows_cap = 0, w_cap = 0;
    int got, nul, started = 0;
    rs_status st = RS_OK;
    *bits = *hidden = 0;
    *n = 0;
    *iter = NULL;
    *w = NULL;
    *line = 0;
    while ((got = read_line(fp, &buf, &cap, &nul)) > 0) {
        ++*line;
        if (buf[0] == '#' && !started) {
            header_value(buf, bits, hidden);
            continue;
        }
        if (nul && buf[0] != '#') { /* a NUL would hide the rest of the line */
            st = RS_EFORMAT;
            break;
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
        st = push_row(buf, addition_nparams(*hidden), n, &rows_cap, &w_cap, iter, w);
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
