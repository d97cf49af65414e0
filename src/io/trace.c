#include "trace.h"

static void column(FILE *fp, const char *prefix, const char *const *names, size_t i)
{
    if (names)
        fprintf(fp, " %s%s", prefix, names[i]);
    else
        fprintf(fp, " %sw%zu", prefix, i + 1);
}

size_t trace_type_vectors(const optim_type *type)
{
    size_t k = 0;
    while (type->vectors && type->vectors[k])
        k++;
    return k;
}

void trace_columns(const trace_writer *t)
{
    fputs("# columns: iter", t->fp);
    for (size_t i = 0; i < t->n; i++)
        column(t->fp, "", t->wnames, i);
    fputs(" loss", t->fp);
    for (size_t i = 0; i < t->n; i++)
        column(t->fp, "d_", t->suffix, i);
    for (size_t k = 0; k < t->nvectors; k++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s_", t->type->vectors[k]);
        for (size_t i = 0; i < t->n; i++)
            column(t->fp, prefix, t->suffix, i);
    }
    fputc('\n', t->fp);
}

rs_status trace_row(void *ctx, const optim_point *pt)
{
    const trace_writer *t = ctx;
    FILE *fp = t->fp;
    fprintf(fp, "%zu", pt->iter);
    for (size_t i = 0; i < pt->n; i++)
        fprintf(fp, " %.17g", pt->w[i]);
    fprintf(fp, " %.17g", pt->loss);
    for (size_t i = 0; i < pt->n; i++)
        fprintf(fp, " %.17g", pt->grad[i]);
    for (size_t k = 0; k < t->nvectors; k++) {
        const double *v = pt->type->vector(pt->state, pt->n, k);
        for (size_t i = 0; i < pt->n; i++)
            fprintf(fp, " %.17g", v[i]);
    }
    return fputc('\n', fp) == EOF ? RS_EIO : RS_OK;
}
