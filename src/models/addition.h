/* addition.h: model A, the sigmoid RNN that learns binary addition (seeds
 * 000/001): forward pass, the tutorial's training step, the true gradient
 * of E = sum_k 1/2 (c_k - o_k)^2 by BPTT, and evaluation over all sums. */
#ifndef RNNSCAPE_ADDITION_H
#define RNNSCAPE_ADDITION_H

#include <stddef.h>
#include <stdint.h>

#include "rng.h"
#include "status.h"

#define ADDITION_BITS_MAX 30
#define ADDITION_HIDDEN_MAX 1024
/* Evaluation uses every sum while there are at most 4^(10-1) of them. */
#define ADDITION_FULL_BITS_MAX 10
/* Beyond that, this many pairs drawn from PCG with this seed. */
#define ADDITION_SAMPLE_PAIRS 16384u
#define ADDITION_SAMPLE_SEED 0u

/* All weights in one vector, in the tutorial's initialisation order:
 * W0 (2 x H, row-major), W1 (H x 1), Wh (H x H, row-major; Wh[i*H + j]
 * connects h_(k-1),i to h_k,j). */
typedef struct {
    int bits;       /* T, the sequence length */
    int hidden;     /* H */
    size_t nparams; /* 2H + H + H*H */
    double *w;
} addition_net;

/* Scratch space for one sequence: states, outputs, inputs, targets. */
typedef struct {
    int bits, hidden;
    double *h;        /* (T+1) x H, h[0..H) = h_0 = 0 */
    double *o;        /* T outputs */
    unsigned char *x; /* 2T inputs (a_k, b_k), LSB first */
    unsigned char *c; /* T target bits, LSB first */
    double *fut;      /* H: hidden delta of step k+1 */
    double *cur;      /* H: hidden delta of step k */
} addition_work;

/* One iteration of the tutorial, as it reports it. */
typedef struct {
    double abs_error; /* sum_k |c_k - o_k| (what the tutorial prints) */
    double loss;      /* E = sum_k 1/2 (c_k - o_k)^2, before the update */
    uint64_t pred;    /* integer value of the bits round(o_k) */
    uint64_t target;  /* a + b */
} addition_step;

/* The pairs a model is evaluated on: all (a, b) in [0, 2^(T-1))^2, a-major,
 * when T <= ADDITION_FULL_BITS_MAX; otherwise a fixed PCG sample. */
typedef struct {
    size_t n;
    int full;
    int bits;
    uint32_t *a, *b;
} addition_evalset;

/* The loss rule at the extremes of the double range: a loss whose
 * arithmetic met an undefined form (inf - inf, 0 * inf: it is NaN) is
 * +inf, as is one that overflowed; every other value passes unchanged. */
double addition_loss_defined(double e);

size_t addition_nparams(int hidden);
rs_status addition_net_init(addition_net *net, int bits, int hidden);
void addition_net_free(addition_net *net);
/* W0, then W1, then Wh, each entry 2*U[0,1) - 1, in row-major order. */
void addition_net_randomize(addition_net *net, rng *r);
/* "W0", "W1" or "Wh" and the row/column of parameter index p. */
const char *addition_param_name(int hidden, size_t p, int *row, int *col);

rs_status addition_work_init(addition_work *ws, int bits, int hidden);
void addition_work_free(addition_work *ws);

/* Runs the sequence for a + b with weights w (net gives the shape). */
void addition_forward(const addition_net *net, const double *w, uint32_t a, uint32_t b,
                      addition_work *ws);
/* E for a + b at weights w. */
double addition_loss(const addition_net *net, const double *w, uint32_t a, uint32_t b,
                     addition_work *ws);
/* True gradient dE/dw (overwrites grad) and E; dhnorm (T entries or NULL)
 * gets ||dE/dh_k|| for k = 1..T at dhnorm[k-1]. */
void addition_gradient(const addition_net *net, const double *w, uint32_t a, uint32_t b,
                       addition_work *ws, double *grad, double *loss, double *dhnorm);
/* The tutorial's iteration: forward, BPTT into the update accumulator
 * upd (nparams, zero on entry and on return), then w += upd * alpha. */
void addition_train_step(addition_net *net, double alpha, uint32_t a, uint32_t b, addition_work *ws,
                         double *upd, addition_step *out);

rs_status addition_evalset_init(addition_evalset *es, int bits);
void addition_evalset_free(addition_evalset *es);
/* Means over the set: loss E, exact-answer accuracy, ||dE/dh_k|| (dhnorm,
 * T entries, or NULL to skip the backward pass). Batched across sums and
 * vectorised (addition_batch.h); identical for any number of threads. */
rs_status addition_evaluate(const addition_net *net, const double *w, const addition_evalset *es,
                            double *mean_loss, double *accuracy, double *dhnorm);
/* Mean E over the set only, the fast way: a depth-first walk over the
 * trie of shared low-bit prefixes computes each distinct state once,
 * batched and vectorised (addition_trie.h). */
rs_status addition_mean_loss(const addition_net *net, const double *w, const addition_evalset *es,
                             double *mean_loss);

#endif
