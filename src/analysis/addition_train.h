/* addition_train.h: the training loop of the binary-addition RNN. One sum
 * a + b per iteration from a generator (a then b, as seed 000 draws them);
 * the tutorial's update W += alpha * dW (dW = -dE/dW), or per-sample steps
 * of any optimiser of optim.h on E; checkpoints every `every` iterations
 * with evaluation over a set of sums and the gradient flow ||dE/dh_k||.
 * The loop never writes: it hands every iteration and every checkpoint to
 * a callback, which writes the log and the data files. */
#ifndef RNNSCAPE_ADDITION_TRAIN_H
#define RNNSCAPE_ADDITION_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "addition.h"
#include "rng.h"
#include "status.h"

#include "optim.h"

/* Iteration `iter`: its sum and what the tutorial prints about it, at the
 * weights before the iteration's update. */
typedef struct {
    long iter;
    uint32_t a, b;
    addition_step step;    /* abs_error, loss E, predicted and true sum */
    double mean_abs_error; /* mean abs_error over the last min(every, iter + 1)
                              iterations (with running_mean; else 0) */
} addition_train_record;

/* The weights after `iter` iterations (0, every, 2*every, ... and iters). */
typedef struct {
    long iter;
    const addition_net *net; /* shape; the weights are w */
    const double *w;
    int evaluated;           /* mean_loss and accuracy hold values */
    double mean_loss;        /* mean E over the evaluation set */
    double accuracy;         /* fraction of its sums with every bit right */
    const double *dhnorm;    /* bits values: mean ||dE/dh_k|| at dhnorm[k-1], or NULL */
} addition_train_checkpoint;

typedef struct {
    long iters;  /* iterations (>= 0) */
    long every;  /* checkpoint period (>= 1) */
    double alpha; /* the tutorial's learning rate (its update only) */
    /* NULL: the tutorial's update. Otherwise the optimiser, its parameters
     * and its gradient clipping (optim.h; its iters is replaced by ours),
     * one step per sum on that sum's E. */
    const optim_config *optim;
    const addition_evalset *eval; /* evaluate at every checkpoint, or NULL: by
                                     addition_evaluate with the gradient flow,
                                     else by the trie (addition_mean_loss's) */
    int gradflow;                 /* and the gradient flow (needs eval) */
    int running_mean;             /* fill mean_abs_error (keeps `every` errors) */
    rs_status (*on_iteration)(void *ctx, const addition_train_record *r);    /* or NULL */
    rs_status (*on_checkpoint)(void *ctx, const addition_train_checkpoint *c); /* or NULL */
    void *ctx;
} addition_train_config;

/* Trains net->w in place drawing the sums from r. A callback's status
 * other than RS_OK stops the run and is returned; RS_ERANGE when an
 * optimiser's step made the loss or gradient not finite (after handing
 * over that iteration); RS_EINVAL for a bad configuration, RS_ENOMEM. */
rs_status addition_train(addition_net *net, rng *r, const addition_train_config *cfg);

/* Bytes a run holds (an estimate, for a check before allocating as
 * memory.h asks): with eval_pairs sums evaluated at checkpoints (0: none),
 * the gradient flow or not, and optim_state bytes of optimiser state. */
double addition_train_bytes(int bits, int hidden, long every, size_t eval_pairs, int gradflow,
                            size_t optim_state);

#endif
