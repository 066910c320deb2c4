r"""
损失函数的值与梯度
==================

训练时起作用的不只是损失的大小，更是它的梯度。本例用 autograd 求出 L1、MSE、SmoothL1 与 Huber 损失对残差的梯度，画出二元交叉熵和交叉熵随预测概率的变化，最后展示先做 softmax 再交给 ``CrossEntropyLoss`` 时梯度如何消失。对笔记中相应说法的检验见 :ref:`sec-loss-functions` 和 :ref:`sec-cross-entropy`。
"""

# sphinx_gallery_thumbnail_number = 3
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

# %%
# 回归损失：值与梯度
# ------------------
#
# 残差 :math:`d` 从 -3 到 3 变化，目标为 0。取 ``reduction="none"`` 得到逐元素的损失，对它们的和求梯度，得到的就是每个位置的损失对残差的导数。MSE 的梯度 :math:`2d` 随残差线性增长；L1 的梯度是 :math:`\operatorname{sign}(d)`，大小恒为 1（PyTorch 在 0 处取 0）；SmoothL1（:math:`\beta = 1`）在 :math:`|d| < \beta` 时等于 :math:`d/\beta`，之外被截断在 :math:`\pm 1`；Huber（:math:`\delta = 2`）则截断在 :math:`\pm\delta`。

d = torch.linspace(-3, 3, 601)
regression = {
    "L1Loss": nn.L1Loss(reduction="none"),
    "MSELoss": nn.MSELoss(reduction="none"),
    r"SmoothL1Loss ($\beta=1$)": nn.SmoothL1Loss(beta=1.0, reduction="none"),
    r"HuberLoss ($\delta=2$)": nn.HuberLoss(delta=2.0, reduction="none"),
}
values, grads = {}, {}
for name, loss_fn in regression.items():
    x = d.clone().requires_grad_()
    loss = loss_fn(x, torch.zeros_like(x))
    loss.sum().backward()  # each element's loss depends only on its own residual
    values[name], grads[name] = loss.detach(), x.grad

print("d     " + "".join(f"{name.split()[0]:>14}" for name in regression) + "   (gradient)")
for r in (0.0, 0.5, 1.5, 3.0):
    i = int(torch.argmin((d - r).abs()))
    print(f"{r:<5} " + "".join(f"{grads[name][i].item():14.4f}" for name in regression))

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
for name in regression:
    ax1.plot(d, values[name], label=name)
    ax2.plot(d, grads[name], label=name)
ax1.set_xlabel("$d$")
ax1.set_ylabel(r"$\ell(d)$")
ax1.set_ylim(0, 5)
ax2.set_xlabel("$d$")
ax2.set_ylabel(r"$\partial \ell / \partial d$")
ax2.legend(fontsize=8)
plt.show()

# %%
# 分类损失：随预测概率的变化
# --------------------------
#
# 二元交叉熵在目标 :math:`y = 1` 时是 :math:`-\log p`，在 :math:`y = 0` 时是 :math:`-\log(1-p)`。多分类的交叉熵只看正确类别的概率 :math:`q_y`，也是 :math:`-\log q_y`：下图中的圆点是用 ``CrossEntropyLoss`` 在 10 个类别上算出的值（其余 9 个类别平分剩下的概率），它们落在 :math:`-\log p` 曲线上。右图是损失对 logit 的梯度：两种损失都是“预测概率减目标”，随概率线性变化，预测错得越多，梯度越大。

p = torch.linspace(0.005, 0.995, 199)
bce_pos = F.binary_cross_entropy(p, torch.ones_like(p), reduction="none")
bce_neg = F.binary_cross_entropy(p, torch.zeros_like(p), reduction="none")

# logits whose softmax gives the true class (0) probability q and the other 9 classes (1 - q) / 9 each
q = torch.linspace(0.05, 0.95, 10)
logits = torch.cat([q.log().unsqueeze(1), ((1 - q) / 9).log().unsqueeze(1).expand(-1, 9)], dim=1)
logits.requires_grad_()
ce = F.cross_entropy(logits, torch.zeros(10, dtype=torch.long), reduction="none")
ce.sum().backward()
ce_grad = logits.grad[:, 0]  # gradient with respect to the true class's logit

z = torch.logit(p).requires_grad_()  # the logit whose sigmoid is p
F.binary_cross_entropy_with_logits(z, torch.ones_like(z), reduction="sum").backward()
print("q_y     CE       -ln q_y   dCE/dz_y   q_y - 1")
for row in zip(q.tolist(), ce.tolist(), (-q.log()).tolist(), ce_grad.tolist(), strict=True):
    print(f"{row[0]:.2f}  {row[1]:7.4f}  {row[2]:7.4f}  {row[3]:9.4f}  {row[0] - 1:8.4f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
ax1.plot(p, bce_pos, label="BCELoss, $y=1$")
ax1.plot(p, bce_neg, label="BCELoss, $y=0$")
ax1.plot(q, ce.detach(), "ko", label="CrossEntropyLoss, $C=10$")
ax1.set_xlabel("$p$")
ax1.set_ylabel(r"$\ell$")
ax1.legend(fontsize=8)
ax2.plot(p, z.grad, label=r"BCEWithLogitsLoss, $y=1$: $\partial\ell/\partial z$")
ax2.plot(q, ce_grad, "ko", label=r"CrossEntropyLoss: $\partial\ell/\partial z_y$")
ax2.set_xlabel("$p$")
ax2.set_ylabel(r"$\partial \ell / \partial z$")
ax2.legend(fontsize=8)
plt.show()

# %%
# 先 softmax 再 CrossEntropyLoss：梯度消失
# ----------------------------------------
#
# ``CrossEntropyLoss`` 自己做 ``log_softmax``，应当直接接收 logits。若先手动 softmax，就相当于做了两次 softmax。设 10 个类别中有一个 logit 比其余的高出 :math:`s`：这个类别是正确类别 :math:`y`\ （实线，:math:`z_y = s`）或某个错误类别 :math:`k`\ （虚线，:math:`z_{k \neq y} = s`）。正确用法 ``CrossEntropyLoss(z)``\ （蓝色）在自信且正确时损失趋于 0、梯度趋于 0，在自信但错误时损失随 :math:`s` 线性增长，梯度趋于 :math:`\sqrt 2`；先 softmax 的写法 ``CrossEntropyLoss(softmax(z))``\ （橙色）损失被困在 1.46 与 2.46 之间，而且无论对错，梯度都随 :math:`s` 指数衰减。

C = 10
scales = torch.linspace(0, 20, 81)


def loss_and_grad_norm(s, true_class_high, softmax_first):
    z = torch.zeros(1, C, dtype=torch.float64)  # float64: clean curves down to 1e-9
    z[0, 0 if true_class_high else 1] = s
    z.requires_grad_()
    loss = F.cross_entropy(torch.softmax(z, dim=1) if softmax_first else z, torch.tensor([0]))
    (grad,) = torch.autograd.grad(loss, z)
    return loss.item(), grad.norm().item()


curves = {
    (right, first): torch.tensor([loss_and_grad_norm(s, right, first) for s in scales.tolist()])
    for right in (True, False)
    for first in (False, True)
}
names = {
    (True, False): "CE right",
    (False, False): "CE wrong",
    (True, True): "sm+CE right",
    (False, True): "sm+CE wrong",
}
print("   s" + "".join(f"{names[key]:>16}" for key in names) + "   (loss / |gradient|)")
for s in (0.0, 5.0, 20.0):
    i = int(torch.argmin((scales - s).abs()))
    print(f"{s:4.0f}" + "".join(f"{curves[key][i, 0]:8.3f}/{curves[key][i, 1]:.1e}" for key in names))

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
for (right, first), c in curves.items():
    style = {"color": "C1" if first else "C0", "linestyle": "-" if right else "--"}
    label = ("CrossEntropyLoss(softmax(z))" if first else "CrossEntropyLoss(z)") + (
        ", $z_y = s$" if right else r", $z_{k \neq y} = s$"
    )
    ax1.plot(scales, c[:, 0], label=label, **style)
    ax2.semilogy(scales, c[:, 1], **style)
ax1.axhline(math.log(math.e + C - 1) - 1, color="gray", linestyle=":")
ax1.set_xlabel("$s$")
ax1.set_ylabel("loss")
ax1.legend(fontsize=8)
ax2.set_xlabel("$s$")
ax2.set_ylabel(r"$\Vert \partial\ell / \partial z \Vert$")
plt.show()

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert torch.allclose(grads["MSELoss"], 2 * d, atol=1e-5)
assert torch.equal(grads["L1Loss"], torch.sign(d))
assert grads[r"SmoothL1Loss ($\beta=1$)"].abs().max() <= 1 and grads[r"HuberLoss ($\delta=2$)"].abs().max() <= 2
assert torch.allclose(ce.detach(), -q.log(), atol=1e-5) and torch.allclose(ce_grad, q - 1, atol=1e-5)
assert torch.allclose(z.grad, p - 1, atol=1e-5)
wrong_first, wrong_plain = curves[(False, True)], curves[(False, False)]
assert wrong_first[-1, 1] < 1e-6 and abs(wrong_plain[-1, 1] - math.sqrt(2)) < 1e-3
assert (wrong_first[:, 0] < math.log(math.e + C - 1) + 1e-4).all()
assert (curves[(True, True)][:, 0] > math.log(math.e + C - 1) - 1 - 1e-4).all()
# sphinx_gallery_end_ignore
