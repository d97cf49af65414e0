#include "dataset.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linereader.h"

void dataset_limits_default(read_limits *lim)
{
    lim->memory.ceiling = 0;
    lim->max_line = DATASET_MAX_LINE;
    lim->max_file = DATASET_MAX_FILE;
}

double dataset_bytes(size_t m, size_t t)
{
    return ((double)m * (double)t + (double)m) * (double)sizeof(double);
}

/* The limits in force: *lim, or the defaults for NULL. */
static read_limits limits_of(const read_limits *lim)
{
    read_limits l;
    dataset_limits_default(&l);
    return lim ? *lim : l;
}

rs_status dataset_alloc(dataset *ds, size_t m, size_t t)
{
    return dataset_alloc_limited(ds, m, t, NULL);
}

rs_status dataset_alloc_limited(dataset *ds, size_t m, size_t t, const read_limits *lim)
{
    memset(ds, 0, sizeof *ds);
    if (m == 0 || t == 0)
        return RS_EINVAL;
    if (m > DATASET_MAX_VALUES / t)
        return RS_ENOMEM;
    read_limits l = limits_of(lim);
    if (memory_check(&l.memory, dataset_bytes(m, t), NULL) != RS_OK)
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

void dataset_generate_rows(rng *r, size_t t, size_t rows, double *x, double *target)
{
    for (size_t i = 0; i < rows; i++) {
        double count = 0.0;
        for (size_t k = 0; k < t; k++) {
            /* np.around rounds half to even: 0.5 becomes 0. */
            double bit = rng_double(r) > 0.5 ? 1.0 : 0.0;
            x[i * t + k] = bit;
            count += bit;
        }
        target[i] = count;
    }
}

rs_status dataset_generate(dataset *ds, rng *r, size_t m, size_t t)
{
    return dataset_generate_limited(ds, r, m, t, NULL);
}

rs_status dataset_generate_limited(dataset *ds, rng *r, size_t m, size_t t,
                                   const read_limits *lim)
{
    rs_status st = dataset_alloc_limited(ds, m, t, lim);
    if (st != RS_OK)
        return st;
    dataset_generate_rows(r, t, m, ds->x, ds->target);
    return RS_OK;
}

void dataset_targets_to_mean(dataset *ds)
{
    for (size_t i = 0; i < ds->m; i++)
        ds->target[i] /= (double)ds->t;
}

/* Growable array of doubles for reading rows of unknown count; it grows
 * only while the memory ceiling allows (checked before each doubling). */
typedef struct {
    double *v;
    size_t n, cap;
    const memory_limit *memory;
    uint64_t ceiling; /* the ceiling a refusal was measured against */
    int too_many; /* refused: beyond DATASET_MAX_VALUES or the ceiling */
} dvec;

static int dvec_push(dvec *a, double x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 1024;
        if (cap > DATASET_MAX_VALUES + DATASET_MAX_VALUES / 2 ||
            memory_check(a->memory, (double)cap * sizeof *a->v, &a->ceiling) != RS_OK) {
            a->too_many = 1;
            return 0;
        }
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
            char size[32], ceiling[32];
            memory_format((double)vals->cap * 2 * sizeof(double), size, sizeof size);
            memory_format((double)vals->ceiling, ceiling, sizeof ceiling);
            if (vals->too_many && vals->cap * 2 > DATASET_MAX_VALUES + DATASET_MAX_VALUES / 2)
                snprintf(err->what, sizeof err->what, "more than %zu values",
                         (size_t)DATASET_MAX_VALUES);
            else if (vals->too_many)
                snprintf(err->what, sizeof err->what,
                         "the values would need %s, more than the memory ceiling of %s", size,
                         ceiling);
            else
                snprintf(err->what, sizeof err->what, "out of memory");
            err->line = lineno;
            return -2;
        }
        n++;
        p += len;
    }
}

/* Turns the flat rows in vals (width-1 inputs, then the target) into ds,
 * in place: row i's inputs move down to i*(width-1), which never passes
 * the part not yet moved, and its target (at i*width + width-1, beyond
 * everything written so far) is copied out first. So the peak memory is
 * the values read, not twice that. vals->v is taken over by ds. */
static rs_status dataset_from_rows(dataset *ds, dvec *vals, size_t rows, size_t width)
{
    size_t t = width - 1;
    double *target = malloc(rows * sizeof *target);
    if (!target)
        return RS_ENOMEM;
    for (size_t i = 0; i < rows; i++) {
        target[i] = vals->v[i * width + t];
        memmove(vals->v + i * t, vals->v + i * width, t * sizeof(double));
    }
    double *x = realloc(vals->v, rows * t * sizeof *x); /* shrink */
    ds->x = x ? x : vals->v;
    vals->v = NULL;
    ds->target = target;
    ds->m = rows;
    ds->t = t;
    return RS_OK;
}

rs_status dataset_read(dataset *ds, FILE *fp, dataset_error *err)
{
    return dataset_read_limited(ds, fp, NULL, err);
}

/* Turns a line reader's stop into the error the caller reports. */
static rs_status line_failure(const linereader *lr, line_status ls, dataset_error *err)
{
    char what[128];
    linereader_what(lr, ls, what, sizeof what);
    rs_status st = ls == LINE_ERROR ? RS_EIO : ls == LINE_NOMEM ? RS_ENOMEM : RS_ERANGE;
    err->errnum = ls == LINE_ERROR ? lr->err : 0;
    return fail(err, ls == LINE_ERROR ? 0 : lr->number, st, what);
}

rs_status dataset_read_limited(dataset *ds, FILE *fp, const read_limits *lim,
                               dataset_error *err)
{
    read_limits l = limits_of(lim);
    dvec vals = {.memory = &l.memory};
    size_t rows = 0, width = 0;
    rs_status st = RS_OK;
    memset(ds, 0, sizeof *ds);
    err->line = 0;
    err->what[0] = '\0';
    err->errnum = 0;
    linereader lr;
    linereader_init(&lr, fp, l.max_line, l.max_file);
    for (;;) {
        line_status ls = linereader_next(&lr);
        if (ls == LINE_END)
            break;
        if (ls != LINE_OK) {
            st = line_failure(&lr, ls, err);
            break;
        }
        if (lr.has_nul) {
            st = fail(err, lr.number, RS_EFORMAT, "contains a NUL byte");
            break;
        }
        long n = parse_row(lr.line, lr.number, &vals, err);
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
            err->line = lr.number;
            st = RS_EFORMAT;
            break;
        }
        rows++;
    }
    linereader_free(&lr);
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
    return dataset_load_limited(ds, path, NULL, err);
}

rs_status dataset_load_limited(dataset *ds, const char *path, const read_limits *lim,
                               dataset_error *err)
{
    memset(ds, 0, sizeof *ds);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        int e = errno;
        fail(err, 0, RS_EIO, strerror(e));
        err->errnum = e;
        errno = e;
        return RS_EIO;
    }
    rs_status st = dataset_read_limited(ds, fp, lim, err);
    fclose(fp);
    return st;
}

/* Appends v as "%.17g" writes it, then sep. Integers below 10^17 (the
 * 0/1 inputs and counts of every generated set) are written by hand, which
 * is the same text at a fraction of printf's cost; everything else goes to
 * snprintf. Returns the bytes written (at most 32). */
static size_t format_value(char *out, double v, char sep)
{
    size_t n;
    if (v == floor(v) && fabs(v) < 1e17 && !(v == 0.0 && signbit(v))) {
        char digits[24];
        int k = 0;
        unsigned long long u = (unsigned long long)fabs(v);
        do {
            digits[k++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        n = 0;
        if (v < 0)
            out[n++] = '-';
        while (k)
            out[n++] = digits[--k];
    } else {
        n = (size_t)snprintf(out, 32, "%.17g", v);
    }
    out[n++] = sep;
    return n;
}

rs_status dataset_write(const dataset *ds, FILE *fp)
{
    char buf[65536];
    size_t used = 0;
    for (size_t i = 0; i < ds->m; i++) {
        for (size_t k = 0; k <= ds->t; k++) {
            if (used > sizeof buf - 40) {
                if (fwrite(buf, 1, used, fp) != used)
                    return RS_EIO; /* errno says why (EFBIG, ENOSPC, EIO) */
                used = 0;
            }
            double v = k < ds->t ? ds->x[i * ds->t + k] : ds->target[i];
            used += format_value(buf + used, v, k < ds->t ? ' ' : '\n');
        }
    }
    fwrite(buf, 1, used, fp);
    return ferror(fp) ? RS_EIO : RS_OK;
}
