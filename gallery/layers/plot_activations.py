r"""
激活函数及其导数
================

笔记列出的三个激活函数 ReLU、LeakyReLU、ELU，加上较新的模型常用的 GELU 和 SiLU，画在同一张图里：左边是函数本身，右边是自动求导（autograd）算出的导数。导数决定了反向传播时梯度能否通过：ReLU 在负半轴的导数为 0，其余几个在负半轴仍有梯度。对应的页面是 :ref:`sec-common-layers`。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from torch import nn

# %%
# 函数与导数
# ----------
#
# 对一串输入 ``x`` 求激活函数的值，再对它们的和调用 ``backward()``：由于每个输出只依赖同一位置的输入，``x.grad`` 就是逐点的导数。LeakyReLU 的默认斜率 0.01 在图上几乎看不出来，这里另画一条 ``negative_slope=0.1`` 的曲线。

activations = {
    "ReLU": nn.ReLU(),
    "LeakyReLU(0.01)": nn.LeakyReLU(),
    "LeakyReLU(0.1)": nn.LeakyReLU(negative_slope=0.1),
    "ELU": nn.ELU(),
    "GELU": nn.GELU(),
    "SiLU": nn.SiLU(),
}


def value_and_derivative(act, x):
    """The activation at x and its derivative, computed by autograd."""
    x = x.clone().requires_grad_(True)
    y = act(x)
    y.sum().backward()
    return y.detach(), x.grad


x = torch.linspace(-4, 3, 701)
curves = {name: value_and_derivative(act, x) for name, act in activations.items()}

fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
styles = ["-", "--", ":", "-", "-.", "-"]
for (name, (y, dy)), style in zip(curves.items(), styles, strict=True):
    ax_f.plot(x, y, style, label=name, linewidth=1.8)
    ax_d.plot(x, dy, style, label=name, linewidth=1.8)
ax_f.set_title(r"$f(x)$")
ax_d.set_title(r"$f'(x)$ (autograd)")
for ax in (ax_f, ax_d):
    ax.axhline(0, color="gray", linewidth=0.6)
    ax.axvline(0, color="gray", linewidth=0.6)
    ax.set_xlabel(r"$x$")
    ax.grid(alpha=0.3)
ax_f.set_ylim(-1.5, 3)
ax_d.set_ylim(-0.2, 1.2)
ax_f.legend(loc="upper left")
plt.show()

# %%
# 几个特殊点
# ----------
#
# ReLU 在 0 处不可导，PyTorch 约定它在 0 处的导数为 0；LeakyReLU 在 0 处取负半轴的斜率。ELU（默认 ``alpha=1``）在 0 处导数为 1，左右连续；GELU 和 SiLU 在 0 处的导数都是 0.5。GELU 和 SiLU 在负半轴有一段小于 0 的导数：它们不是单调函数。下表列出几个点上的导数。

points = torch.tensor([-3.0, -1.0, 0.0, 1.0])
print(f"{'':16}" + "".join(f"f'({p:g})".rjust(10) for p in points.tolist()))
for name, act in activations.items():
    _, dy = value_and_derivative(act, points)
    print(f"{name:16}" + "".join(f"{v:10.4f}" for v in dy.tolist()))

# %%
# 负半轴上的最小值
# ----------------
#
# ELU 的输出向 :math:`-\alpha` 饱和；GELU 和 SiLU 在负半轴先下降再回升，各有一个最小值。

print(f"ELU  : f(-4) = {curves['ELU'][0][0].item():.4f}, f(-10) = {nn.ELU()(torch.tensor(-10.0)).item():.4f}")
for name in ("GELU", "SiLU"):
    y, _ = curves[name]
    i = int(y.argmin())
    print(f"{name:5}: min f = {y[i].item():.4f} at x = {x[i].item():.2f}")

# sphinx_gallery_start_ignore
# Checks that keep the text and the figure honest.
_, relu_grad = value_and_derivative(nn.ReLU(), torch.tensor([0.0]))
_, leaky_grad = value_and_derivative(nn.LeakyReLU(), torch.tensor([0.0]))
assert relu_grad.item() == 0.0 and abs(leaky_grad.item() - 0.01) < 1e-7
for name in ("ELU", "GELU", "SiLU"):
    _, grad0 = value_and_derivative(activations[name], torch.tensor([0.0]))
    assert abs(grad0.item() - (1.0 if name == "ELU" else 0.5)) < 1e-6
for name in ("GELU", "SiLU"):
    assert (curves[name][1] < 0).any()  # not monotonic
assert (curves["ReLU"][1][x < 0] == 0).all()
# sphinx_gallery_end_ignore
