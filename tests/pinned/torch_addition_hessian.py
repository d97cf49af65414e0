#!/usr/bin/python3
"""torch_addition_hessian.py: the independent reference for
tests/src/models/test_addition_hessian.c.

The dense Hessian of the binary-addition RNN's mean loss
L(w) = (1/N) sum_{(a,b)} sum_k 1/2 (c_k - o_k)^2 (h_k = sigmoid(x_k W0 +
h_(k-1) Wh), o_k = sigmoid(h_k W1), 8 bits LSB first, 16 hidden units) by
torch.autograd.functional.hessian in float64 on a batched forward pass,
then its eigenvalues by torch.linalg.eigvalsh. Weights: a file written by
`rnnscape addition train --rng numpy --seed 0 --save W` (seed 000's trained
weights) or, with --init, seed 000's initial weights (NumPy, seed 0).

    /usr/bin/python3 tests/pinned/torch_addition_hessian.py W [--every K] [--init]

uses the sums (a, b) = divmod(i, 128) for i = 0, K, 2K, ... (K = 1: all
16384) and prints the trace and the eigenvalues ascending.
"""
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
H, BITS = 16, 8


def read_weights(path):
    vals = []
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        vals.append(float(line.split()[-1]))
    assert len(vals) == 2 * H + H + H * H, len(vals)
    return np.array(vals)


def init_weights():
    np.random.seed(0)
    w0 = 2 * np.random.random((2, H)) - 1
    w1 = 2 * np.random.random((H, 1)) - 1
    wh = 2 * np.random.random((H, H)) - 1
    return np.concatenate([w0.ravel(), w1.ravel(), wh.ravel()])


def main():
    args = sys.argv[1:]
    every = 1
    if "--every" in args:
        i = args.index("--every")
        every = int(args[i + 1])
        del args[i:i + 2]
    w = init_weights() if "--init" in args else read_weights(args[0])
    idx = np.arange(0, 128 * 128, every)
    a, b = idx // 128, idx % 128
    c = a + b
    X = torch.tensor(np.stack([[(a >> k) & 1, (b >> k) & 1] for k in range(BITS)]),
                     dtype=torch.float64).permute(0, 2, 1)  # (BITS, N, 2)
    C = torch.tensor(np.stack([(c >> k) & 1 for k in range(BITS)]), dtype=torch.float64)

    def loss(wf):
        W0 = wf[:2 * H].view(2, H)
        W1 = wf[2 * H:3 * H].view(H, 1)
        Wh = wf[3 * H:].view(H, H)
        h = torch.zeros(len(idx), H)
        e = torch.zeros(len(idx))
        for k in range(BITS):
            h = torch.sigmoid(X[k] @ W0 + h @ Wh)
            o = torch.sigmoid(h @ W1)[:, 0]
            e = e + 0.5 * (C[k] - o) ** 2
        return e.mean()

    wt = torch.tensor(w)
    hess = torch.autograd.functional.hessian(loss, wt, vectorize=True)
    ev = torch.linalg.eigvalsh(hess)
    print("loss %.17g" % loss(wt).item())
    print("trace %.17g" % torch.trace(hess).item())
    print("eigenvalues")
    for v in ev.tolist():
        print("%.17g" % v)


main()
