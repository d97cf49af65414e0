#!/usr/bin/env python3
"""numpy_surface.py: a careful NumPy implementation of the two-parameter
RNN loss surface, the baseline `make bench` measures rnnscape against.

    s_0 = 0, s_k = f(s_(k-1)*w_rec + x_k*w_x), loss = mean_i (t_i - s_iT)^2

--method brute (any activation): the whole grid is one array that every
  step updates in place (multiply by w_rec, add x_k*w_x, activation), one
  sample at a time, so the working set stays in cache and nothing is
  allocated inside the loops.
--method separable (linear only): s_iT = w_x * P_i(w_rec) with
  P_i(w) = sum_k x_ik w^(T-k) (Horner over all samples and w_rec at once);
  per w_rec the loss is the exact quadratic A*(w_x - w*)^2 + xi_min with
  A = mean P^2, w* = mean(t P)/A and xi_min = mean((t - w* P)^2) evaluated
  directly (never as a difference of large terms); the grid is then
  filled with in-place broadcasting operations.

Prints "seconds S" (the best of --repeat runs of the computation alone:
no import, no file reading or writing) and, with --check FILE.npy, "check
D", the largest relative difference from that array where finite.
"""
import argparse
import sys
import time

import numpy as np


def axis(spec):
    lo, hi, n = spec.split(":")
    return np.linspace(float(lo), float(hi), int(n))


def brute(x, t, f, wx, wrec):
    m, T = x.shape
    S = np.empty((wrec.size, wx.size))
    acc = np.zeros_like(S)
    xw = np.empty_like(wx)
    wr = wrec[:, None]
    for i in range(m):
        S.fill(0.0)
        xi = x[i]
        for k in range(T):
            np.multiply(S, wr, out=S)
            np.multiply(wx, xi[k], out=xw)
            np.add(S, xw, out=S)
            if f == "tanh":
                np.tanh(S, out=S)
            elif f == "sigmoid":
                np.negative(S, out=S)
                np.exp(S, out=S)
                np.add(S, 1.0, out=S)
                np.reciprocal(S, out=S)
            elif f == "relu":
                np.maximum(S, 0.0, out=S)
        np.subtract(t[i], S, out=S)
        np.multiply(S, S, out=S)
        np.add(acc, S, out=acc)
    np.divide(acc, m, out=acc)
    return acc


def separable(x, t, wx, wrec):
    m, T = x.shape
    P = np.zeros((m, wrec.size))
    for k in range(T):
        np.multiply(P, wrec, out=P)
        np.add(P, x[:, k:k + 1], out=P)
    A = np.einsum("ij,ij->j", P, P) / m
    B = (t @ P) / m
    with np.errstate(divide="ignore", invalid="ignore"):
        wstar = np.where(A > 0, B / A, 0.0)
    R = t[:, None] - P * wstar
    ximin = np.einsum("ij,ij->j", R, R) / m
    out = np.empty((wrec.size, wx.size))
    np.subtract(wx[None, :], wstar[:, None], out=out)
    np.multiply(out, out, out=out)
    np.multiply(out, A[:, None], out=out)
    np.add(out, ximin[:, None], out=out)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--x", help="raw float64 inputs, M x T")
    ap.add_argument("--t", help="raw float64 targets, M")
    ap.add_argument("--m", type=int)
    ap.add_argument("--T", type=int)
    ap.add_argument("--data", help="an rnnscape data file (instead of --x/--t)")
    ap.add_argument("--activation", default="linear")
    ap.add_argument("--method", choices=["brute", "separable"], default="brute")
    ap.add_argument("--wx", required=True, help="LO:HI:N")
    ap.add_argument("--wrec", required=True, help="LO:HI:N")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--out", help="write the surface as raw float64 (NREC x NX)")
    ap.add_argument("--check", help="compare with this .npy surface")
    a = ap.parse_args()
    if a.data:
        d = np.loadtxt(a.data, ndmin=2)
        x, t = np.ascontiguousarray(d[:, :-1]), np.ascontiguousarray(d[:, -1])
    else:
        x = np.fromfile(a.x, dtype=np.float64).reshape(a.m, a.T)
        t = np.fromfile(a.t, dtype=np.float64)
    wx, wrec = axis(a.wx), axis(a.wrec)
    if a.method == "separable" and a.activation != "linear":
        sys.exit("numpy_surface.py: the separable method is for linear only")
    best = float("inf")
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(max(1, a.repeat)):
            t0 = time.perf_counter()
            if a.method == "brute":
                out = brute(x, t, a.activation, wx, wrec)
            else:
                out = separable(x, t, wx, wrec)
            best = min(best, time.perf_counter() - t0)
        out[np.isnan(out)] = np.inf
    print("seconds %.6f" % best, flush=True)
    if a.out:
        out.tofile(a.out)
    if a.check:
        ref = np.load(a.check)
        fin = np.isfinite(ref) & np.isfinite(out)
        diff = np.abs(ref[fin] - out[fin]) / np.maximum(np.abs(ref[fin]), 1e-300)
        print("check %.3g" % (diff.max() if diff.size else 0.0))


if __name__ == "__main__":
    main()
