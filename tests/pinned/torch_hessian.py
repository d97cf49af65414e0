#!/usr/bin/python3
"""torch_hessian.py: the independent reference for tests/src/models/test_rnn2_hessian.c.

Computes, with PyTorch's automatic differentiation in float64
(torch.autograd.functional.hessian over an ordinary forward loop), the 2 x 2
Hessian of the two-parameter RNN's loss xi = mean_i (t_i - s_iT)^2,
s_k = f(s_(k-1) w_rec + x_k w_x), on the counting tutorial's data (NumPy's
legacy generator seeded with 1, 20 rows of 10 rounded uniforms, target the
count), at the tutorial's six points, (1.2, 1.2) and others, for every
activation and two initial states; plus the eigenvalues (torch.linalg.eigvalsh).
Prints C initialisers; run once, paste into the test:

    /usr/bin/python3 tests/pinned/torch_hessian.py   (Debian python3-torch)
"""
import numpy as np
import torch

torch.set_default_dtype(torch.float64)

np.random.seed(1)
X = np.zeros((20, 10))
for i in range(20):
    X[i, :] = np.around(np.random.rand(10))
T = X.sum(axis=1)
Xt, Tt = torch.tensor(X), torch.tensor(T)

ACTS = {
    "ACT_LINEAR": lambda z: z,
    "ACT_TANH": torch.tanh,
    "ACT_SIGMOID": torch.sigmoid,
    "ACT_RELU": torch.relu,
}
POINTS = [(2, 1), (1, 2), (1, -2), (1, 0), (1, 0.5), (1, -0.5), (1.2, 1.2),
          (-1.5, 2), (0.3, -1.1), (-0.7, 0.9), (1.0014, 0.9997)]
S0 = [0.0, 0.3]


def loss_fn(f, s0):
    def loss(w):
        s = torch.full((X.shape[0],), s0)
        for k in range(X.shape[1]):
            s = f(s * w[1] + Xt[:, k] * w[0])
        return torch.mean((Tt - s) ** 2)
    return loss


for name, f in ACTS.items():
    for s0 in S0:
        for wx, wr in POINTS:
            w = torch.tensor([float(wx), float(wr)])
            h = torch.autograd.functional.hessian(loss_fn(f, s0), w)
            ev = torch.linalg.eigvalsh(h)
            print("    {%s, %.17g, %.17g, %.17g, {%.17g, %.17g, %.17g}, {%.17g, %.17g}}," %
                  (name, s0, wx, wr, h[0, 0], h[0, 1], h[1, 1], ev[0], ev[1]))
