#!/usr/bin/env python3
"""Values pinned in tests/tools/test_s0.sh, computed once with PyTorch
(float64 autograd), independently of rnnscape.

Pascanu, Mikolov & Bengio (2013), Figure 6: x_t = w*sigmoid(x_(t-1)) + b,
x_0 = 0.5, error (sigmoid(x_50) - 0.7)^2.  With s_t = sigmoid(x_t) this is
rnnscape's model s_t = sigmoid(s_(t-1)*w_rec + x_t*w_x) with inputs all 1,
w_rec = w, w_x = b, s_0 = sigmoid(0.5), one sequence of fifty ones, target 0.7.
Prints, per point (w_x, w_rec): loss, d/dw_x, d/dw_rec in %.17g.
"""
import torch

torch.set_default_dtype(torch.float64)
s0 = torch.sigmoid(torch.tensor(0.5))
print("s0 %.17g" % s0.item())
for wx, wrec in [(-2.5, 5.0), (-3.0, 6.0), (-2.0, 4.5), (-2.7, 5.4)]:
    b = torch.tensor(wx, requires_grad=True)
    w = torch.tensor(wrec, requires_grad=True)
    s = s0
    for _ in range(50):
        s = torch.sigmoid(s * w + 1.0 * b)
    loss = (0.7 - s) ** 2
    loss.backward()
    print("%.17g %.17g %.17g %.17g %.17g" % (wx, wrec, loss.item(), b.grad.item(), w.grad.item()))
