#!/usr/bin/env python3
"""numpy_addition.py: a careful NumPy implementation of the binary-addition
RNN's loss landscape, the baseline `make bench` measures rnnscape against.

    h_0 = 0, h_k = sigma(x_k W0 + h_(k-1) Wh), o_k = sigma(h_k W1),
    L(alpha, beta) = mean over all sums of sum_k 1/2 (c_k - o_k)^2
    at w = w* + alpha d1 + beta d2

Batched over all sums (the 2^(T-1) x 2^(T-1) pairs, a-major): per bit one
matrix product of all hidden states with Wh (BLAS), the input term x_k W0
as a second product, the sigmoid in place, and the output as a product
with W1. Every array is allocated once; the loops only write into them.
--method prefix instead evaluates each distinct low-bit prefix once (4^k
states at bit k), the algorithm rnnscape uses, still as matrix products.

Prints the BLAS library NumPy loaded, "seconds S" (the best of --repeat
runs over the requested points, divided by their number: seconds per grid
point, compute only) and writes the points' losses to --out (raw float64).
"""
import argparse
import time

import numpy as np


def blas_libraries():
    """The BLAS and LAPACK shared objects this process has mapped."""
    np.ones((64, 64)) @ np.ones((64, 64))
    seen = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in path.lower() and path not in seen:
                seen.append(path)
    return seen


def split(w, H):
    W0 = w[: 2 * H].reshape(2, H)
    W1 = w[2 * H : 3 * H].reshape(H, 1)
    Wh = w[3 * H :].reshape(H, H)
    return W0, W1, Wh


def sigmoid_(z):
    """z <- 1 / (1 + exp(-z)), in place."""
    np.negative(z, out=z)
    np.exp(z, out=z)
    np.add(z, 1.0, out=z)
    np.reciprocal(z, out=z)


class AllSums:
    def __init__(self, bits, H):
        m = 1 << (bits - 1)
        a = np.repeat(np.arange(m), m)
        b = np.tile(np.arange(m), m)
        c = a + b
        k = np.arange(bits)
        self.x = [np.stack([(a >> i) & 1, (b >> i) & 1], axis=1).astype(float) for i in k]
        self.c = [((c >> i) & 1).astype(float)[:, None] for i in k]
        n = m * m
        self.n, self.bits, self.H = n, bits, H
        self.h = np.empty((n, H))
        self.z = np.empty((n, H))
        self.xin = np.empty((n, H))
        self.o = np.empty((n, 1))

    def loss(self, w):
        W0, W1, Wh = split(w, self.H)
        h, z, xin, o = self.h, self.z, self.xin, self.o
        h.fill(0.0)
        total = 0.0
        for k in range(self.bits):
            np.matmul(h, Wh, out=z)
            np.matmul(self.x[k], W0, out=xin)
            np.add(z, xin, out=h)
            sigmoid_(h)
            np.matmul(h, W1, out=o)
            sigmoid_(o)
            np.subtract(self.c[k], o, out=o)
            total += 0.5 * float(np.dot(o[:, 0], o[:, 0]))
        return total / self.n


class Prefixes:
    """Level k holds the 4^k prefixes (the last level 4^(T-1): both top
    bits are 0), each standing for the sums that share it."""

    def __init__(self, bits, H):
        self.bits, self.H, self.n = bits, H, 4 ** (bits - 1)
        self.levels = []
        for k in range(1, bits + 1):
            q = 4 if k < bits else 1
            cnt = 4 ** (k - 1) * q
            idx = np.arange(cnt)
            x = idx % q if q == 4 else np.zeros(cnt, dtype=int)
            # low k bits of a and b from the path (first input most significant)
            a = np.zeros(cnt, dtype=np.int64)
            b = np.zeros(cnt, dtype=np.int64)
            p = idx.copy() if q == 4 else idx * 4
            for j in range(k, 0, -1):
                d = p % 4
                a |= (d >> 1) << (j - 1)
                b |= (d & 1) << (j - 1)
                p //= 4
            c = ((a + b) >> (k - 1)) & 1
            weight = 4.0 ** (bits - 1 - k) if k < bits else 1.0
            self.levels.append((q, x, c.astype(float)[:, None], weight,
                                np.empty((cnt, H)), np.empty((cnt, 1))))

    def loss(self, w):
        W0, W1, Wh = split(w, self.H)
        table = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]) @ W0
        prev = np.zeros((1, self.H))
        total = 0.0
        for q, x, c, weight, h, o in self.levels:
            rec = prev @ Wh
            np.add(np.repeat(rec, q, axis=0), table[x], out=h)
            sigmoid_(h)
            np.matmul(h, W1, out=o)
            sigmoid_(o)
            np.subtract(c, o, out=o)
            total += weight * 0.5 * float(np.dot(o[:, 0], o[:, 0]))
            prev = h
        return total / self.n


def coord(rng_, n, i):
    return 0.0 if n < 2 else rng_ * ((2.0 * i - (n - 1)) / (n - 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weights", required=True, help="raw float64: w*, d1, d2")
    ap.add_argument("--bits", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=16)
    ap.add_argument("--range", type=float, default=1.0)
    ap.add_argument("--grid", type=int, default=51)
    ap.add_argument("--points", type=int, default=8, help="the first P points of the grid")
    ap.add_argument("--method", choices=["all", "prefix"], default="all")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out", help="the points' losses, raw float64")
    a = ap.parse_args()
    H = a.hidden
    v = np.fromfile(a.weights, dtype=np.float64)
    n_p = 3 * H + H * H
    w, d1, d2 = v[:n_p], v[n_p : 2 * n_p], v[2 * n_p : 3 * n_p]
    print("blas " + " ".join(blas_libraries()), flush=True)
    model = AllSums(a.bits, H) if a.method == "all" else Prefixes(a.bits, H)
    pts = [(i // a.grid, i % a.grid) for i in range(min(a.points, a.grid * a.grid))]
    out = np.empty(len(pts))
    best = float("inf")
    for _ in range(max(1, a.repeat)):
        t0 = time.perf_counter()
        for p, (i, j) in enumerate(pts):
            al, be = coord(a.range, a.grid, i), coord(a.range, a.grid, j)
            out[p] = model.loss(w + al * d1 + be * d2)
        best = min(best, time.perf_counter() - t0)
    print("seconds %.6g" % (best / len(pts)), flush=True)
    if a.out:
        out.tofile(a.out)


if __name__ == "__main__":
    main()
