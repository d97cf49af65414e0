#include "gradcheck.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

const char *const gradcheck_verdict_names[] = {"pass", "FAIL", "not finite"};

gradcheck_opts gradcheck_defaults(void)
{
    return (gradcheck_opts){
        .eps = 1e-7, .rtol = 1e-5, .atol = 1e-8, .order = 2, .rel_floor = 0.0, .tutorial_steps = 1};
}

/* The undefined forms (inf - inf, 0*inf) give NaN; the checker reports
 * them as +inf, which makes the verdict "not finite". */
static double defined(double v) { return isnan(v) ? INFINITY : v; }

/* Where the differences' losses come from: the objective's fdf (one
 * caller), or one slot of a pool (several threads at once). */
typedef struct {
    const objective *obj;
    const gradcheck_pool *pool;
    size_t slot;
} loss_source;

/* The loss with probe[p] set to v (the rest of probe is w). */
static rs_status loss_at(const loss_source *src, double *probe, size_t p, double v, double *loss)
{
    probe[p] = v;
    if (src->pool)
        return src->pool->loss(src->pool->ctx, src->slot, probe, loss);
    return objective_fdf(src->obj, probe, loss, NULL);
}

/* Difference E(a) - E(b), two loss evaluations at probe[p] = a and b. */
static rs_status loss_difference(const loss_source *src, double *probe, size_t p, double a,
                                 double b, double *diff)
{
    double ea, eb;
    rs_status st = loss_at(src, probe, p, a, &ea);
    if (st == RS_OK)
        st = loss_at(src, probe, p, b, &eb);
    *diff = ea - eb;
    return st;
}

/* Central difference of E along parameter p; probe holds w and is restored. */
static rs_status central_difference(const loss_source *src, double *probe, size_t p,
                                    const gradcheck_opts *o, double *num)
{
    double keep = probe[p], h = o->eps, d1, d2;
    rs_status st;
    if (o->order == 2 && o->tutorial_steps) {
        /* The tutorial's stepping: w += h, then w -= 2h from there. */
        double plus_w = keep + h;
        st = loss_difference(src, probe, p, plus_w, plus_w - 2.0 * h, &d1);
        /* central difference: (E(w+h) - E(w-h)) / 2h, error O(h^2) */
        *num = d1 / (2.0 * h);
    } else if (o->order == 2) {
        st = loss_difference(src, probe, p, keep + h, keep - h, &d1);
        *num = d1 / (2.0 * h);
    } else {
        st = loss_difference(src, probe, p, keep + h, keep - h, &d1);
        if (st == RS_OK)
            st = loss_difference(src, probe, p, keep + 2.0 * h, keep - 2.0 * h, &d2);
        /* 5-point stencil: (8(E(w+h)-E(w-h)) - (E(w+2h)-E(w-2h))) / 12h, error O(h^4) */
        *num = (8.0 * d1 - d2) / (12.0 * h);
    }
    probe[p] = keep;
    /* a step lost in rounding (w + h == w) measures nothing: no comparison,
     * whatever the differences came to */
    if (keep + h == keep || keep - h == keep)
        *num = INFINITY;
    *num = defined(*num);
    return st;
}

static gradcheck_entry compare(double bp, double num, const gradcheck_opts *o)
{
    gradcheck_entry e = {defined(bp), defined(num), INFINITY, INFINITY, GRADCHECK_NOT_FINITE};
    if (!isfinite(e.backprop) || !isfinite(e.numerical))
        return e;
    e.abs_err = fabs(e.numerical - e.backprop);
    double scale = fmax(fmax(fabs(e.backprop), fabs(e.numerical)), o->rel_floor);
    e.rel_err = scale > 0.0 ? e.abs_err / scale : 0.0;
    /* np.isclose(num, bp, rtol, atol): |num - bp| <= atol + rtol*|bp| */
    e.verdict = e.abs_err <= o->atol + o->rtol * fabs(e.backprop) ? GRADCHECK_PASS : GRADCHECK_FAIL;
    return e;
}

double gradcheck_ratio(const gradcheck_entry *e, const gradcheck_opts *o)
{
    if (e->verdict == GRADCHECK_NOT_FINITE)
        return 0.0;
    double tol = o->atol + o->rtol * fabs(e->backprop);
    if (tol > 0.0)
        return e->abs_err / tol;
    return e->abs_err > 0.0 ? INFINITY : 0.0;
}

static gradcheck_verdict worst_of(gradcheck_verdict a, gradcheck_verdict b)
{
    /* A failure outranks "not finite": it is a real disagreement. */
    if (a == GRADCHECK_FAIL || b == GRADCHECK_FAIL)
        return GRADCHECK_FAIL;
    return a == GRADCHECK_NOT_FINITE || b == GRADCHECK_NOT_FINITE ? GRADCHECK_NOT_FINITE
                                                                  : GRADCHECK_PASS;
}

static int valid_opts(const gradcheck_opts *o)
{
    return (o->order == 2 || o->order == 4) && o->eps > 0.0 && isfinite(o->eps);
}

static void summarize(const gradcheck_entry *e, size_t n, const gradcheck_opts *o,
                      gradcheck_summary *s)
{
    double loss = s->loss;
    memset(s, 0, sizeof *s);
    s->loss = loss;
    s->verdict = GRADCHECK_PASS;
    for (size_t p = 0; p < n; p++) {
        s->passed += e[p].verdict == GRADCHECK_PASS;
        s->failed += e[p].verdict == GRADCHECK_FAIL;
        s->not_finite += e[p].verdict == GRADCHECK_NOT_FINITE;
        s->verdict = worst_of(s->verdict, e[p].verdict);
        double r = gradcheck_ratio(&e[p], o);
        if (p == 0 || r > s->worst_ratio) {
            s->worst_ratio = r;
            s->worst = p;
        }
    }
}

rs_status gradcheck_objective(const objective *obj, const double *w, const gradcheck_opts *o,
                              gradcheck_entry *per_param, gradcheck_summary *summary)
{
    if (!valid_opts(o))
        return RS_EINVAL;
    size_t n = obj->n;
    loss_source src = {obj, NULL, 0};
    double *bp = malloc(2 * n * sizeof *bp), *probe = bp + n, loss;
    if (!bp)
        return RS_ENOMEM;
    memcpy(probe, w, n * sizeof *probe);
    rs_status st = objective_fdf(obj, probe, &loss, bp);
    for (size_t p = 0; st == RS_OK && p < n; p++) {
        double num;
        st = central_difference(&src, probe, p, o, &num);
        per_param[p] = compare(bp[p], num, o);
    }
    free(bp);
    if (st == RS_OK && summary) {
        summary->loss = defined(loss);
        summarize(per_param, n, o, summary);
    }
    return st;
}

/* Parameters per round of the pool's check: progress is reported after
 * each round; a round's differences are shared among the threads. */
#define POOL_ROUND 64

/* The differences of parameters [lo, hi) on the pool's threads, each by
 * the same operations whatever thread takes it; status per parameter. */
static void pool_round(const gradcheck_pool *pool, const double *w, size_t n, size_t lo,
                       size_t hi, const double *bp, const gradcheck_opts *o, double *probes,
                       rs_status *stat, gradcheck_entry *per_param)
{
#ifdef _OPENMP
#pragma omp parallel num_threads((int)pool->slots)
#endif
    {
        size_t slot = 0;
#ifdef _OPENMP
        slot = (size_t)omp_get_thread_num();
#endif
        loss_source src = {NULL, pool, slot};
        double *probe = probes + slot * n;
        memcpy(probe, w, n * sizeof *probe);
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (long long q = (long long)lo; q < (long long)hi; q++) {
            size_t p = (size_t)q;
            double num = 0.0;
            stat[p - lo] = central_difference(&src, probe, p, o, &num);
            per_param[p] = compare(bp[p], num, o);
        }
    }
}

size_t gradcheck_pool_threads(void)
{
#ifdef _OPENMP
    int t = omp_get_max_threads();
    return t > 1 ? (size_t)t : 1;
#else
    return 1;
#endif
}

rs_status gradcheck_objective_pool(const objective *obj, const gradcheck_pool *pool,
                                   const double *w, const gradcheck_opts *o,
                                   gradcheck_entry *per_param, gradcheck_summary *summary)
{
    if (!valid_opts(o) || pool->slots < 1 || pool->slots > 4096)
        return RS_EINVAL;
    size_t n = obj->n, slots = pool->slots;
    double *bp = malloc(n * sizeof *bp), *probes = malloc(slots * n * sizeof *probes), loss;
    rs_status *stat = malloc(POOL_ROUND * sizeof *stat);
    rs_status st = bp && probes && stat ? objective_fdf(obj, w, &loss, bp) : RS_ENOMEM;
    for (size_t lo = 0; st == RS_OK && lo < n; lo += POOL_ROUND) {
        size_t hi = n - lo < POOL_ROUND ? n : lo + POOL_ROUND;
        pool_round(pool, w, n, lo, hi, bp, o, probes, stat, per_param);
        for (size_t p = lo; st == RS_OK && p < hi; p++)
            st = stat[p - lo]; /* the first failure in parameter order */
        if (st == RS_OK && pool->progress)
            pool->progress(pool->progress_ctx, hi, n);
    }
    free(bp);
    free(probes);
    free(stat);
    if (st == RS_OK && summary) {
        summary->loss = defined(loss);
        summarize(per_param, n, o, summary);
    }
    return st;
}

rs_status gradcheck_at2(const objective *obj, double w0, double w1, const gradcheck_opts *o,
                        gradcheck_result *out)
{
    double w[2] = {w0, w1};
    gradcheck_entry e[2];
    gradcheck_summary s;
    rs_status st = gradcheck_objective(obj, w, o, e, &s);
    if (st != RS_OK)
        return st;
    out->loss = s.loss;
    out->wx = e[0];
    out->wrec = e[1];
    out->verdict = s.verdict;
    return RS_OK;
}

rs_status gradcheck_at(const rnn2_model *lm, const dataset *ds, const gradcheck_opts *o,
                       gradcheck_result *out)
{
    rnn2_problem p = {*lm, ds};
    objective obj = rnn2_objective(&p);
    return gradcheck_at2(&obj, lm->wx, lm->wrec, o, out);
}

static void sweep_account(gradcheck_sweep_result *s, const gradcheck_result *r, double wx,
                          double wrec, const gradcheck_opts *o)
{
    s->points++;
    if (r->verdict == GRADCHECK_PASS)
        s->passed++;
    else if (r->verdict == GRADCHECK_FAIL)
        s->failed++;
    else
        s->not_finite++;
    double ratio = fmax(gradcheck_ratio(&r->wx, o), gradcheck_ratio(&r->wrec, o));
    if (s->points == 1 || ratio > s->worst_ratio) {
        s->worst_ratio = ratio;
        s->worst = *r;
        s->worst_wx = wx;
        s->worst_wrec = wrec;
    }
}

rs_status gradcheck_sweep_run(const objective *obj, const gradcheck_opts *o, const double *w0,
                              size_t n0, const double *w1, size_t n1, gradcheck_result *row,
                              gradcheck_row_fn on_row, void *ctx,
                              gradcheck_sweep_result *summary)
{
    memset(summary, 0, sizeof *summary);
    for (size_t j = 0; j < n1; j++) {
        for (size_t i = 0; i < n0; i++) {
            rs_status st = gradcheck_at2(obj, w0[i], w1[j], o, &row[i]);
            if (st != RS_OK)
                return st;
            sweep_account(summary, &row[i], w0[i], w1[j], o);
        }
        rs_status st = on_row ? on_row(ctx, j, row) : RS_OK;
        if (st != RS_OK)
            return st;
    }
    return RS_OK;
}

typedef struct {
    gradcheck_result *results;
    size_t nx;
} sweep_store;

static rs_status store_row(void *ctx, size_t j, const gradcheck_result *row)
{
    sweep_store *s = ctx;
    if (s->results)
        memcpy(s->results + j * s->nx, row, s->nx * sizeof *row);
    return RS_OK;
}

rs_status gradcheck_sweep(const dataset *ds, activation f, const gradcheck_opts *o,
                          const double *wx, size_t nx, const double *wrec, size_t nrec,
                          gradcheck_result *results, gradcheck_sweep_result *summary)
{
    rnn2_problem p = {{0.0, 0.0, f, 0.0}, ds};
    objective obj = rnn2_objective(&p);
    gradcheck_result *row = malloc((nx ? nx : 1) * sizeof *row);
    if (!row)
        return RS_ENOMEM;
    sweep_store store = {results, nx};
    rs_status st = gradcheck_sweep_run(&obj, o, wx, nx, wrec, nrec, row, store_row, &store, summary);
    free(row);
    return st;
}

void gradcheck_sweep_merge(gradcheck_sweep_result *into, const gradcheck_sweep_result *part)
{
    if (part->points == 0)
        return;
    if (into->points == 0 || part->worst_ratio > into->worst_ratio) {
        into->worst_ratio = part->worst_ratio;
        into->worst = part->worst;
        into->worst_wx = part->worst_wx;
        into->worst_wrec = part->worst_wrec;
    }
    into->points += part->points;
    into->passed += part->passed;
    into->failed += part->failed;
    into->not_finite += part->not_finite;
}
