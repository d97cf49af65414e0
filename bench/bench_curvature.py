#!/usr/bin/python3
"""bench_curvature.py: the same quantities as bench_curvature.c, carefully
vectorised in NumPy and PyTorch (float64), best of REPEAT runs; prints
"name seconds" lines.

  map-tanh / map-linear  the forward jet (state and its first and second
                         derivatives in w_x, w_rec) over all 256 x 256 grid
                         points at once in NumPy arrays, M = 100, T = 100
  add-dense              torch.autograd.functional.hessian(vectorize=True)
                         of the mean loss over 1024 sums, batched forward
  add-hvp                torch.autograd.functional.hvp over all 16384 sums

    bench_curvature.py REPEAT
"""
import sys
import time

import numpy as np

REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def best(f):
    t = 1e300
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - t0)
    return t


def curvature_map(act):
    rng = np.random.default_rng(1)
    x = np.round(rng.random((100, 100)))
    tgt = x.mean(axis=1)
    wx = np.linspace(-3, 3, 256)[None, :]
    wr = np.linspace(-1.5, 1.5, 256)[:, None]
    shape = (256, 256)

    def run():
        acc = [np.zeros(shape) for _ in range(3)]
        for i in range(x.shape[0]):
            s = np.zeros(shape); a = np.zeros(shape); b = np.zeros(shape)
            aa = np.zeros(shape); ab = np.zeros(shape); bb = np.zeros(shape)
            for k in range(x.shape[1]):
                xk = x[i, k]
                zx = a * wr + xk; zr = b * wr + s
                zxx = aa * wr; zxr = ab * wr + a; zrr = bb * wr + 2 * b
                z = s * wr + xk * wx
                if act == "tanh":
                    s = np.tanh(z); d1 = 1 - s * s; d2 = -2 * s * d1
                    a = d1 * zx; b = d1 * zr
                    aa = d2 * zx * zx + d1 * zxx; ab = d2 * zx * zr + d1 * zxr
                    bb = d2 * zr * zr + d1 * zrr
                else:
                    s, a, b, aa, ab, bb = z, zx, zr, zxx, zxr, zrr
            e = s - tgt[i]
            acc[0] += a * a + e * aa; acc[1] += a * b + e * ab; acc[2] += b * b + e * bb
        p, q, r = (2.0 / x.shape[0] * h for h in acc)
        m = 0.5 * (p + r); rad = np.hypot(0.5 * (p - r), q)
        return m - rad, m + rad
    return best(run)


def addition_cases():
    import torch
    torch.set_default_dtype(torch.float64)
    H = 16
    np.random.seed(0)
    w = np.concatenate([(2 * np.random.random((2, H)) - 1).ravel(),
                        (2 * np.random.random((H, 1)) - 1).ravel(),
                        (2 * np.random.random((H, H)) - 1).ravel()])

    def make_loss(every):
        idx = np.arange(0, 16384, every)
        a, b = idx // 128, idx % 128
        c = a + b
        X = torch.tensor(np.stack([np.stack([(a >> k) & 1, (b >> k) & 1], 1) for k in range(8)]),
                         dtype=torch.float64)
        C = torch.tensor(np.stack([(c >> k) & 1 for k in range(8)]), dtype=torch.float64)

        def loss(wf):
            W0, W1, Wh = wf[:2 * H].view(2, H), wf[2 * H:3 * H].view(H, 1), wf[3 * H:].view(H, H)
            h = torch.zeros(len(idx), H)
            e = 0.0
            for k in range(8):
                h = torch.sigmoid(X[k] @ W0 + h @ Wh)
                o = torch.sigmoid(h @ W1)[:, 0]
                e = e + 0.5 * (C[k] - o) ** 2
            return e.mean()
        return loss

    wt = torch.tensor(w)
    l16 = make_loss(16)
    l1 = make_loss(1)
    v = torch.tensor([1.0 / (i + 1.0) for i in range(304)])
    d = best(lambda: torch.autograd.functional.hessian(l16, wt, vectorize=True))
    hv = best(lambda: torch.autograd.functional.hvp(l1, wt, v))
    return d, hv


print("map-tanh %.6f" % curvature_map("tanh"))
print("map-linear %.6f" % curvature_map("linear"))
try:
    d, hv = addition_cases()
    print("add-dense %.6f" % d)
    print("add-hvp %.6f" % hv)
except ImportError:
    print("# no PyTorch: the addition cases are skipped")
