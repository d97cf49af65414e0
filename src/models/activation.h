/* activation.h: the state nonlinearity f of the two-parameter RNN
 * s_k = f(s_(k-1)*w_rec + x_k*w_x), in scalar form. Vectorised versions
 * for whole grids live in the kernel module. */
#ifndef RNNSCAPE_ACTIVATION_H
#define RNNSCAPE_ACTIVATION_H

#include <math.h>

typedef enum { ACT_LINEAR = 0, ACT_TANH, ACT_SIGMOID, ACT_RELU } activation;

/* Names in the order of the enum, NULL-terminated, for option parsing. */
extern const char *const activation_names[];

static inline double activation_apply(activation f, double z)
{
    switch (f) {
    case ACT_TANH: return tanh(z);
    case ACT_SIGMOID: return 1.0 / (1.0 + exp(-z));
    case ACT_RELU: return z > 0.0 ? z : 0.0;
    default: return z;
    }
}

/* f'(z) written through the output s = f(z), as backprop has s at hand. */
static inline double activation_slope(activation f, double s)
{
    switch (f) {
    case ACT_TANH: return 1.0 - s * s;
    case ACT_SIGMOID: return s * (1.0 - s);
    case ACT_RELU: return s > 0.0 ? 1.0 : 0.0;
    default: return 1.0;
    }
}

#endif
