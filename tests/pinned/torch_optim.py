#!/usr/bin/python3
"""torch_optim.py: the reference traces pinned in tests/src/optim/test_optim.c.

Runs torch.optim (Debian's python3-torch 1.13, float64) on the counting
tutorial's problem -- the linear RNN s_k = s_(k-1)*w_rec + x_k*w_x, y = s_T,
loss = mean_i (t_i - y_i)^2 over the tutorial's data (NumPy's legacy
generator seeded with 1, 20 sequences of round(uniform[0,1)) bits, length 10,
target = the count of ones) -- with the gradient from torch's autograd, and
prints the iterates at a few iterations as C initialisers.

Clipping is applied to the gradient before opt.step() exactly as Pascanu
et al. (2013), Algorithm 1, states it: g <- g*C/||g|| when ||g|| > C.
torch.nn.utils.clip_grad_norm_ divides by ||g|| + 1e-6 instead (and always
when ||g|| + 1e-6 > C), which changes a clipped step by about 1e-6/||g||
relative; the script prints how far the two differ at the end.
--clip-value is torch.nn.utils.clip_grad_value_ itself.

torch.optim has only one RProp variant, Rprop (= iRprop-); the tutorial's
variant and Rprop+, Rprop-, iRprop+ are written out below from Igel &
Huesken (2000) (and the tutorial's code) on torch tensors, an independent
implementation of the same rules.

Run once:  /usr/bin/python3 tests/pinned/torch_optim.py > pinned.txt
"""
import math
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

ITERS = 300
PICK = (1, 10, 100, 300)
PROBE = len(sys.argv) > 1 and sys.argv[1] == "--probe"  # list every case's growth, do not stop
STARTS = ((-1.5, 2.0), (0.5, 0.5))


def tutorial_data():
    np.random.seed(1)
    x = np.round(np.random.uniform(0, 1, (20, 10)))
    return torch.tensor(x), torch.tensor(x.sum(axis=1))


X, T = tutorial_data()


def loss_of(w):
    s = torch.zeros(X.shape[0])
    for k in range(X.shape[1]):
        s = s * w[1] + X[:, k] * w[0]
    return torch.mean((T - s) ** 2)


class Rprop:
    """The tutorial's RProp and Igel & Huesken's Rprop+, Rprop-, iRprop+."""

    def __init__(self, params, variant, delta0, etas, step_sizes):
        (self.w,) = params
        self.variant = variant
        self.eta_minus, self.eta_plus = etas
        self.dmin, self.dmax = step_sizes
        self.delta = torch.full_like(self.w, delta0)
        self.prev_sign = torch.zeros_like(self.w)
        self.prev_step = torch.zeros_like(self.w)
        self.prev_loss = math.inf

    def zero_grad(self):
        if self.w.grad is not None:
            self.w.grad.zero_()

    @torch.no_grad()
    def step(self, loss):
        g = self.w.grad
        rose = loss > self.prev_loss
        self.prev_loss = loss
        for i in range(self.w.numel()):
            sg = float(torch.sign(g[i]))
            if self.variant == "rprop-tutorial":
                same = sg == float(self.prev_sign[i])
                self.delta[i] *= self.eta_plus if same else self.eta_minus
                self.prev_sign[i] = sg
                self.w[i] -= sg * self.delta[i]
                continue
            agree = sg * float(self.prev_sign[i])
            if agree > 0:
                self.delta[i] = min(float(self.delta[i]) * self.eta_plus, self.dmax)
            elif agree < 0:
                self.delta[i] = max(float(self.delta[i]) * self.eta_minus, self.dmin)
                if self.variant in ("rprop+", "irprop+"):
                    back = -float(self.prev_step[i]) if (self.variant == "rprop+" or rose) else 0.0
                    self.prev_sign[i] = 0.0
                    self.prev_step[i] = back
                    self.w[i] += back
                    continue
            self.prev_sign[i] = sg
            self.prev_step[i] = -sg * self.delta[i]
            self.w[i] += self.prev_step[i]


# Each configuration: (name, torch constructor, our optim_params initialiser).
# lr_far is used from (-1.5, 2) without clipping, where the gradient is 5e6;
# lr_norm / lr_value with that clipping (smaller rates where the larger
# one makes the trace chaotic: see the wobble check in main); value_c the
# clip-value threshold (centred RMSprop divides by the spread of the
# clipped gradients, which vanishes while they sit at a threshold of 0.5).
CONFIGS = [
    ("sgd", dict(lr=0.001), dict(lr_far=2e-8)),
    ("sgd", dict(lr=0.001, momentum=0.9, dampening=0.1, weight_decay=0.01), dict(lr_far=2e-9)),
    ("sgd", dict(lr=0.001, momentum=0.8, nesterov=True), dict(lr_far=2e-9)),
    ("adagrad", dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1, eps=1e-10),
     dict(lr_norm=0.03)),
    ("adagrad", dict(lr=0.2, weight_decay=0.01), dict(lr_norm=0.02, lr_value=0.05)),
    ("rmsprop", dict(lr=0.01), dict(lr_norm=0.001)),
    ("rmsprop", dict(lr=0.0003, alpha=0.95, eps=1e-3, momentum=0.5, centered=True,
                     weight_decay=0.01), dict(lr_norm=0.0001, value_c=5.0)),
    ("adam", dict(lr=0.05), dict(lr_norm=0.005, lr_value=0.01)),
    ("adam", dict(lr=0.02, betas=(0.8, 0.99), eps=1e-7, weight_decay=0.001, amsgrad=True),
     dict(lr_norm=0.003, lr_value=0.005)),
    ("rprop-tutorial", dict(lr=0.001), {}),
    ("rprop+", dict(lr=0.01), {}),
    ("rprop-", dict(lr=0.01), {}),
    ("irprop+", dict(lr=0.01), {}),
    ("irprop-", dict(lr=0.01, etas=(0.4, 1.3), step_sizes=(1e-5, 2.0)), {}),
]
CLIPS = (("OPTIM_CLIP_NONE", 0.0), ("OPTIM_CLIP_NORM", 1.0), ("OPTIM_CLIP_VALUE", 0.5))


def make(name, kw, w):
    kw = dict(kw)
    if name == "sgd":
        return torch.optim.SGD([w], **kw)
    if name == "adagrad":
        return torch.optim.Adagrad([w], **kw)
    if name == "rmsprop":
        return torch.optim.RMSprop([w], **kw)
    if name == "adam":
        return torch.optim.Adam([w], **kw)
    if name == "irprop-":
        return torch.optim.Rprop([w], **kw)
    return Rprop([w], name, kw["lr"], kw.get("etas", (0.5, 1.2)), kw.get("step_sizes", (1e-6, 50)))


def clip(w, kind, c, torch_norm=False):
    if kind == "OPTIM_CLIP_NORM":
        if torch_norm:
            torch.nn.utils.clip_grad_norm_([w], c)
            return
        norm = float(torch.linalg.vector_norm(w.grad))
        if norm > c:  # Pascanu et al. 2013, Alg. 1
            w.grad.mul_(c / norm)
    elif kind == "OPTIM_CLIP_VALUE":
        torch.nn.utils.clip_grad_value_([w], c)


def run(name, kw, start, clip_kind, c, torch_norm=False, wobble=0.0):
    """The iterates 0..ITERS; wobble perturbs each (clipped) gradient
    component by that much relative (opposite signs), to measure how far
    rounding differences grow along the trace."""
    w = torch.tensor(start, requires_grad=True)
    opt = make(name, kw, w)
    out = {}
    for it in range(ITERS + 1):
        opt.zero_grad()
        loss = loss_of(w)
        loss.backward()
        out[it] = (float(w[0]), float(w[1]), float(loss))
        if not all(math.isfinite(v) for v in out[it]):
            sys.exit(f"{name} {kw} {start} {clip_kind}: not finite at {it}")
        if it == ITERS:
            break
        clip(w, clip_kind, c, torch_norm)
        if wobble:
            with torch.no_grad():
                w.grad.mul_(torch.tensor([1 + wobble, 1 - wobble]))
        if isinstance(opt, Rprop):
            opt.step(float(loss))
        else:
            opt.step()
    return out


PARAM_NAMES = {
    "lr": "lr", "momentum": "momentum", "dampening": "dampening", "nesterov": "nesterov",
    "weight_decay": "weight_decay", "lr_decay": "lr_decay",
    "initial_accumulator_value": "initial_accumulator", "alpha": "alpha",
    "centered": "centered", "eps": "eps", "amsgrad": "amsgrad",
}


def c_params(name, kw, lr):
    """Our optim_params fields that differ from the type's defaults."""
    fields = []
    for k, v in kw.items():
        if k == "lr":
            fields.append((("delta0" if "rprop" in name else "lr"), lr))
        elif k == "betas":
            fields += [("beta1", v[0]), ("beta2", v[1])]
        elif k == "etas":
            fields += [("eta_minus", v[0]), ("eta_plus", v[1])]
        elif k == "step_sizes":
            fields += [("delta_min", v[0]), ("delta_max", v[1])]
        else:
            fields.append((PARAM_NAMES[k], int(v) if isinstance(v, bool) else v))
    return ", ".join(f".{f} = {v!r}" for f, v in fields)


def main():
    print(f"/* generated by tests/pinned/torch_optim.py (torch {torch.__version__}) */")
    worst = 0.0
    for name, kw, extra in CONFIGS:
        for start in STARTS:
            for clip_kind, c in CLIPS:
                kw_run = dict(kw)
                if clip_kind == "OPTIM_CLIP_VALUE":
                    c = extra.get("value_c", c)
                far = start == STARTS[0] and clip_kind == "OPTIM_CLIP_NONE"
                if far and "lr_far" in extra:
                    kw_run["lr"] = extra["lr_far"]
                key = {"OPTIM_CLIP_NORM": "lr_norm", "OPTIM_CLIP_VALUE": "lr_value"}.get(clip_kind)
                if key in extra:
                    kw_run["lr"] = extra[key]
                out = run(name, kw_run, start, clip_kind, c)
                # Well-conditioned cases only: a 1e-15 wobble of every
                # gradient must stay below 1e-10 at the pinned iterations.
                wob = run(name, kw_run, start, clip_kind, c, wobble=1e-15)
                grow = max(abs(wob[i][j] - out[i][j]) / max(abs(out[i][j]), 1e-300)
                           for i in PICK for j in range(3))
                print(f"{name} {kw_run} {start} {clip_kind}: wobble grows to {grow:.2g}",
                      file=sys.stderr)
                if grow > 1e-10 and not PROBE:
                    sys.exit(f"{name} {kw_run} {start} {clip_kind}: ill-conditioned trace")
                if clip_kind == "OPTIM_CLIP_NORM" and "rprop" not in name:
                    alt = run(name, kw_run, start, clip_kind, c, torch_norm=True)
                    worst = max(worst, max(abs(alt[ITERS][j] - out[ITERS][j]) /
                                           max(abs(out[ITERS][j]), 1e-300) for j in range(2)))
                pts = ", ".join("{%d, %r, %r, %r}" % ((i,) + out[i]) for i in PICK)
                print(f'    {{"{name}", {{{c_params(name, kw_run, kw_run["lr"])}}}, '
                      f'{{{clip_kind}, {c!r}}}, {{{start[0]!r}, {start[1]!r}}}, {{{pts}}}}},')
    print(f"/* clip_grad_norm_ (norm + 1e-6) instead of Pascanu's rule: the final weights "
          f"differ by up to {worst:.3g} relative */")


if __name__ == "__main__":
    main()
