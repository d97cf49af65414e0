#include "dataset.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

rs_status dataset_alloc(dataset *ds, size_t m, size_t t)
{
    memset(ds, 0, sizeof *ds);
    if (m == 0 || t == 0)
        return RS_EINVAL;
    if (m > DATASET_MAX_VALUES / t)
        return RS_ENOMEM;
    ds->x = malloc(m * t * sizeof *ds->x);
    ds->target = malloc(m * sizeof *ds->target);
    if (!ds->x || !ds->target) {
        dataset_free(ds);
        return RS_ENOMEM;
    }
    ds->m = m;
    ds->t = t;
    return RS_OK;
}

void dataset_free(dataset *ds)
{
    free(ds->x);
    free(ds->target);
    memset(ds, 0, sizeof *ds);
}

rs_status dataset_generate(dataset *ds, rng *r, size_t m, size_t t)
{
    rs_status st = dataset_alloc(ds, m, t);
    if (st != RS_OK)
        return st;
    for (size_t i = 0; i < m; i++) {
        double count = 0.0;
        for (size_t k = 0; k < t; k++) {
            /* np.around rounds half to even: 0.5 becomes 0. */
            double bit = rng_double(r) > 0.5 ? 1.0 : 0.0;
            ds->x[i * t + k] = bit;
            count += bit;
        }
        ds->target[i] = count;
    }
    return RS_OK;
}

void dataset_targets_to_mean(dataset *ds)
{
    for (size_t i = 0; i < ds->m; i++)
        ds->target[i] /= (double)ds->t;
}

/* Growable array of doubles for reading rows of unknown count. */
typedef struct {
    double *v;
    size_t n, cap;
} dvec;

static int dvec_push(dvec *a, double x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 1024;
        if (cap > DATASET_MAX_VALUES + DATASET_MAX_VALUES / 2)
            return 0;
        double *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return 0;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 1;
}

static rs_status fail(dataset_error *err, size_t line, rs_status st, const char *what)
{
    err->line = line;
    snprintf(err->what, sizeof err->what, "%s", what);
    return st;
}

/* A data token is plain decimal: digits, '.', 'e', 'E' and signs only, so
 * strtod's hex, "inf" and "nan" forms are refused. */
static int token_is_decimal(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr("0123456789.eE+-", p[i]))
            return 0;
    return len > 0;
}

/* Short plain integers (what data files mostly hold) are converted
 * directly, exactly as strtod would; everything else goes to strtod. */
static double token_value(const char *p, size_t len, char **end)
{
    size_t i = (p[0] == '-' || p[0] == '+') ? 1 : 0;
    if (len > i && len - i <= 15 && strspn(p + i, "0123456789") >= len - i) {
        double v = 0.0; /* below 10^15, every step is exact */
        for (size_t k = i; k < len; k++)
            v = v * 10.0 + (double)(p[k] - '0');
        *end = (char *)p + len;
        return p[0] == '-' ? -v : v;
    }
    return strtod(p, end);
}

static void bad_token(dataset_error *err, size_t lineno, const char *p, size_t len)
{
    snprintf(err->what, sizeof err->what, "expected a finite number, got '%.*s%s'",
             (int)(len > 16 ? 16 : len), p, len > 16 ? "..." : "");
    err->line = lineno;
}

/* Splits one line into finite numbers appended to vals; returns the count,
 * -1 (malformed, err filled) or -2 (out of memory). */
static long parse_row(char *line, size_t lineno, dvec *vals, dataset_error *err)
{
    long n = 0;
    char *p = line;
    for (;;) {
        p += strspn(p, " \t\r\n\v\f");
        if (*p == '\0' || *p == '#')
            return n;
        size_t len = strcspn(p, " \t\r\n\v\f#");
        char *end;
        double v = token_is_decimal(p, len) ? token_value(p, len, &end) : NAN;
        if (!isfinite(v) || end != p + len) {
            bad_token(err, lineno, p, len);
            return -1;
        }
        if (!dvec_push(vals, v)) {
            fail(err, lineno, RS_ENOMEM, "out of memory");
            return -2;
        }
        n++;
        p += len;
    }
}

/* Moves the flat rows in vals into ds (width-1 inputs, then the target). */
static rs_status dataset_from_rows(dataset *ds, const dvec *vals, size_t rows, size_t width)
{
    rs_status st = dataset_alloc(ds, rows, width - 1);
    if (st != RS_OK)
        return st;
    for (size_t i = 0; i < rows; i++) {
        memcpy(ds->x + i * (width - 1), vals->v + i * width, (width - 1) * sizeof(double));
        ds->target[i] = vals->v[i * width + width - 1];
    }
    return RS_OK;
}

rs_status dataset_read(dataset *ds, FILE *fp, dataset_error *err)
{
    dvec vals = {0};
    char *line = NULL;
    size_t cap = 0, lineno = 0, rows = 0, width = 0;
    rs_status st = RS_OK;
    memset(ds, 0, sizeof *ds);
    err->line = 0;
    err->what[0] = '\0';
    for (;;) {
        errno = 0;
        ssize_t len = getline(&line, &cap, fp);
        if (len < 0) {
            if (ferror(fp))
                st = fail(err, 0, RS_EIO, strerror(errno ? errno : EIO));
            break;
        }
        lineno++;
        if (strlen(line) != (size_t)len) {
            st = fail(err, lineno, RS_EFORMAT, "contains a NUL byte");
            break;
        }
        long n = parse_row(line, lineno, &vals, err);
        if (n < 0) {
            st = n == -1 ? RS_EFORMAT : RS_ENOMEM;
            break;
        }
        if (n == 0)
            continue;
        if (width == 0)
            width = (size_t)n;
        if ((size_t)n != width) {
            snprintf(err->what, sizeof err->what,
                     "expected %zu numbers like the first row, found %ld", width, n);
            err->line = lineno;
            st = RS_EFORMAT;
            break;
        }
        rows++;
    }
    free(line);
    if (st == RS_OK && rows == 0)
        st = fail(err, 0, RS_EFORMAT, "no data rows");
    else if (st == RS_OK && width < 2)
        st = fail(err, 0, RS_EFORMAT, "each row needs at least one input and a target");
    if (st == RS_OK)
        st = dataset_from_rows(ds, &vals, rows, width);
    free(vals.v);
    return st;
}

rs_status dataset_load(dataset *ds, const char *path, dataset_error *err)
{
    memset(ds, 0, sizeof *ds);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        int e = errno;
        fail(err, 0, RS_EIO, strerror(e));
        errno = e;
        return RS_EIO;
    }
    rs_status st = dataset_read(ds, fp, err);
    fclose(fp);
    return st;
}

rs_status dataset_write(const dataset *ds, FILE *fp)
{
    for (size_t i = 0; i < ds->m; i++) {
        for (size_t k = 0; k < ds->t; k++)
            fprintf(fp, "%.17g ", ds->x[i * ds->t + k]);
        fprintf(fp, "%.17g\n", ds->target[i]);
    }
    return ferror(fp) ? RS_EIO : RS_OK;
}
