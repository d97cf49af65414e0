#!/usr/bin/python3
"""The binary-addition RNN trained with torch.optim, for the values pinned
in tests/src/analysis/test_addition_optim.c.

Same network, same initial weights and same sums as
`rnnscape addition train --rng numpy --seed 0`: NumPy's legacy generator
seeded with 0 gives W0 (2 x 16), W1 (16 x 1), Wh (16 x 16) as
2*random - 1, then per iteration a, then b, from randint(128). Each
iteration takes one optimiser step on E = sum_k 1/2 (c_k - o_k)^2 of its
own sum (least significant bit first, h_0 = 0, h_k = sigma(x_k W0 +
h_(k-1) Wh), o_k = sigma(h_k W1)), in float64. Clipping by norm is
Pascanu et al. (2013), Algorithm 1 (g <- g*C/|g| when |g| > C), written
out here because torch's clip_grad_norm_ divides by |g| + 1e-6; clipping
by value is torch.nn.utils.clip_grad_value_.

Prints, after ITERS iterations, for each run: selected weights (indices in
rnnscape's order W0, W1, Wh, row-major), the sum and the sum of squares of
all 304, and E of the last iteration's sum at the weights before its step.
Run once with Debian's python3-torch: /usr/bin/python3 torch_addition.py
"""
import numpy as np
import torch

ITERS = 2000
HIDDEN = 16
BITS = 8
PICK = [0, 31, 32, 47, 48, 175, 303]

# Learning rates where training is not chaotic: with sgd lr 0.1 momentum
# 0.9 (an effective rate of 1) a one-ulp change of the start moves the
# weights after 2000 steps by 1e-7, so no two float64 codes could agree to
# 1e-8; in these runs it moves them by at most a few 1e-13.
RUNS = [
    ("sgd lr 0.01 momentum 0.9", "sgd", dict(lr=0.01, momentum=0.9), None),
    ("sgd lr 0.01 momentum 0.9 nesterov", "sgd", dict(lr=0.01, momentum=0.9, nesterov=True),
     None),
    ("adam lr 0.01", "adam", dict(lr=0.01), None),
    ("rmsprop lr 0.001 momentum 0.9", "rmsprop", dict(lr=0.001, momentum=0.9), None),
    ("adagrad lr 0.1", "adagrad", dict(lr=0.1), None),
    ("sgd lr 0.05 momentum 0.9 clip-norm 1", "sgd", dict(lr=0.05, momentum=0.9), ("norm", 1.0)),
    ("sgd lr 0.05 momentum 0.9 clip-value 0.1", "sgd", dict(lr=0.05, momentum=0.9),
     ("value", 0.1)),
]


def tutorial_start():
    np.random.seed(0)
    w0 = 2 * np.random.random((2, HIDDEN)) - 1
    w1 = 2 * np.random.random((HIDDEN, 1)) - 1
    wh = 2 * np.random.random((HIDDEN, HIDDEN)) - 1
    pairs = []
    for _ in range(ITERS + 1):
        a = np.random.randint(128)
        b = np.random.randint(128)
        pairs.append((a, b))
    return w0, w1, wh, pairs


def loss(w0, w1, wh, a, b):
    c = a + b
    h = torch.zeros(1, HIDDEN, dtype=torch.float64)
    e = torch.zeros((), dtype=torch.float64)
    for k in range(BITS):
        x = torch.tensor([[(a >> k) & 1, (b >> k) & 1]], dtype=torch.float64)
        h = torch.sigmoid(x @ w0 + h @ wh)
        o = torch.sigmoid(h @ w1)[0, 0]
        e = e + 0.5 * (((c >> k) & 1) - o) ** 2
    return e


def run(kind, params, clip):
    w0n, w1n, whn, pairs = tutorial_start()
    w0 = torch.tensor(w0n, requires_grad=True)
    w1 = torch.tensor(w1n, requires_grad=True)
    wh = torch.tensor(whn, requires_grad=True)
    ws = [w0, w1, wh]
    opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam,
           "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad}[kind](ws, **params)
    last = None
    clipped = 0
    for i in range(ITERS):
        a, b = pairs[i]
        opt.zero_grad()
        e = loss(w0, w1, wh, a, b)
        e.backward()
        if clip is not None and clip[0] == "norm":
            norm = torch.sqrt(sum((w.grad ** 2).sum() for w in ws))
            if norm > clip[1]:
                clipped += 1
                for w in ws:
                    w.grad.mul_(clip[1] / norm)
        elif clip is not None:
            clipped += int(any((w.grad.abs() > clip[1]).any() for w in ws))
            torch.nn.utils.clip_grad_value_(ws, clip[1])
        last = e.item()
        opt.step()
    flat = torch.cat([w0.detach().reshape(-1), w1.detach().reshape(-1), wh.detach().reshape(-1)])
    return flat.numpy(), last, pairs, clipped


def main():
    torch.set_default_dtype(torch.float64)
    print("torch", torch.__version__, "numpy", np.__version__, "iters", ITERS)
    for name, kind, params, clip in RUNS:
        w, last, pairs, clipped = run(kind, params, clip)
        assert pairs[0] == (9, 60) and pairs[1000] == (28, 35), "not seed 000's sums"
        vals = ", ".join("%.17g" % w[p] for p in PICK)
        print("%s:\n  w[%s] = {%s}\n  sum %.17g sumsq %.17g last_loss %.17g" %
              (name, ",".join(map(str, PICK)), vals, w.sum(), (w * w).sum(), last))
        if clip is not None:
            print("  (clipped in %d of %d steps)" % (clipped, ITERS))


if __name__ == "__main__":
    main()
