#include "activation.h"

#include <stddef.h>

const char *const activation_names[] = {"linear", "tanh", "sigmoid", "relu", NULL};
