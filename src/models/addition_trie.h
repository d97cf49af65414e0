/* addition_trie.h: the binary-addition model's evaluation set as a trie of
 * shared low-bit prefixes, and the mean loss and accuracy over it with
 * every distinct hidden state computed once, batched and vectorised.
 *
 * Level k's nodes are the distinct pairs (a mod 2^k, b mod 2^k) of the
 * set: h_k, o_k and the target bit c_k depend on nothing else. For the
 * 128 x 128 sums of 8 bits that is 4 + 16 + ... + 4^7 + 4^7 = 38 228
 * states instead of 8 * 16 384. Nodes are numbered in lexicographic order
 * of their paths (input at bit 1 most significant), so the children of a
 * run of nodes are again a run, and the descendants of a run are a run at
 * every level.
 *
 * The evaluation walks the trie depth-first in chunks of at most rmax
 * nodes per level: per chunk, one matrix product of the parents' states
 * with Wh (addition_kernel.h), the children's pre-activations, vmath's
 * sigmoid over all of them, one dot product with W1 per child and the
 * sigmoid of those. Every value is computed by a sequence of operations
 * that depends only on the trie and the instruction set, never on threads.
 */
#ifndef RNNSCAPE_ADDITION_TRIE_H
#define RNNSCAPE_ADDITION_TRIE_H

#include <stddef.h>
#include <stdint.h>

#include "addition.h"
#include "status.h"

typedef struct {
    int bits;
    size_t pairs;                          /* sums in the set */
    size_t nodes[ADDITION_BITS_MAX + 1];   /* per level; level 0 is the root */
    uint32_t *child[ADDITION_BITS_MAX];    /* level k node p's children at level k+1 are
                                              child[k][p] .. child[k][p+1]-1 */
    unsigned char *input[ADDITION_BITS_MAX + 1];  /* level k >= 1: 2 a_k + b_k */
    unsigned char *target[ADDITION_BITS_MAX + 1]; /* level k >= 1: c_k */
    double *weight[ADDITION_BITS_MAX + 1];        /* level k >= 1: sums through the node */
} addition_trie;

rs_status addition_trie_init(addition_trie *t, const addition_evalset *es);
void addition_trie_free(addition_trie *t);
/* All states of the trie (levels 1..bits). */
size_t addition_trie_states(const addition_trie *t);

/* Scratch space of one evaluation at a time (one per thread): padded
 * weights and per-level state buffers. */
typedef struct addition_trie_work addition_trie_work;

rs_status addition_trie_work_new(const addition_trie *t, int hidden, addition_trie_work **out);
void addition_trie_work_free(addition_trie_work *wk);

/* Mean E = sum_k 1/2 (c_k - o_k)^2 over the set and the share of sums
 * answered exactly (accuracy may be NULL) at weights w of net's shape.
 * RS_EINVAL if net's bits or hidden differ from the trie's and wk's. */
rs_status addition_trie_eval(const addition_trie *t, const addition_net *net, const double *w,
                             addition_trie_work *wk, double *mean_loss, double *accuracy);

#endif
