#include "addition_trajectory.h"

#include "addition_landscape.h"

#include <math.h>
#include <stdlib.h>

rs_status addition_trajectory_plane(const addition_net *net, const double *centre, size_t n,
                                    const double *traj, const addition_evalset *es, double *d1,
                                    double *d2, addition_trajectory *t)
{
    size_t np = net->nparams;
    t->n = n;
    t->alpha = malloc(n * sizeof *t->alpha);
    t->beta = malloc(n * sizeof *t->beta);
    t->loss = malloc(n * sizeof *t->loss);
    if (!t->alpha || !t->beta || !t->loss)
        return RS_ENOMEM;
    rs_status st = pca_plane(n, np, traj, d1, d2, &t->pca);
    if (st != RS_OK)
        return st;
    pca_project(n, np, traj, centre, d1, d2, t->alpha, t->beta);
    long count = (long)n;
    int failed = 0;
    /* each checkpoint's loss on its own: identical for any number of threads */
#pragma omp parallel for schedule(dynamic) reduction(| : failed)
    for (long i = 0; i < count; i++)
        failed |= addition_mean_loss(net, traj + (size_t)i * np, es, &t->loss[i]) != RS_OK;
    return failed ? RS_ENOMEM : RS_OK;
}

void addition_trajectory_free(addition_trajectory *t)
{
    free(t->alpha);
    free(t->beta);
    free(t->loss);
    t->alpha = t->beta = t->loss = NULL;
}

double addition_trajectory_reach(const addition_trajectory *t)
{
    double m = 0.0;
    for (size_t i = 0; i < t->n; i++)
        m = fmax(m, fmax(fabs(t->alpha[i]), fabs(t->beta[i])));
    return m > 0.0 ? 1.25 * m : 1.0;
}

double addition_trajectory_bytes(int bits, int hidden, double n, size_t threads)
{
    double dim = (double)addition_nparams(hidden), k = fmin(n, dim);
    double pca = (n * dim + 2.0 * k * k + 4.0 * k + 2.0 * dim) * sizeof(double);
    double loss = addition_trie_bytes(bits, addition_evalset_pairs(bits)) +
                  addition_trie_work_bytes(bits, hidden);
    return 3.0 * n * sizeof(double) + pca + (double)threads * loss;
}

double addition_checkpoints_bytes(int hidden, double n)
{
    /* the arrays double as they grow: up to twice the rows read */
    return 2.0 * n * ((double)addition_nparams(hidden) + 1.0) * sizeof(double);
}
