r"""
裁剪：函数和它的梯度
====================

:torch:`torch.clamp` 把每个元素限制在区间 :math:`[\mathrm{min}, \mathrm{max}]` 内。本例画出 :math:`y=\mathrm{clamp}(x, \mathrm{min}, \mathrm{max})` 的图像，再用自动求导（autograd）算出 :math:`y` 对输入 :math:`x` 和对两个边界的导数：区间内梯度流向 :math:`x`，区间外流向被触及的边界。对应的说明见 :ref:`sec-clamp`。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch

# %%
# 裁剪函数
# --------
#
# 取区间 :math:`[-1, 2]`。为了同时得到 :math:`y` 对 ``min``、对 ``max`` 的导数，把两个边界写成与 ``x`` 同形状、需要梯度的张量（每个元素都是 :math:`-1` 或 :math:`2`）。各元素互不影响，所以对 ``y.sum()`` 求导一次，就得到三个逐元素的导数。

x = torch.linspace(-3, 4, 701, requires_grad=True)
lo = torch.full_like(x, -1.0, requires_grad=True)
hi = torch.full_like(x, 2.0, requires_grad=True)
y = torch.clamp(x, lo, hi)
dy_dx, dy_dlo, dy_dhi = torch.autograd.grad(y.sum(), (x, lo, hi))
print("points:", len(x), " sum of the three derivatives is 1 everywhere:", bool(((dy_dx + dy_dlo + dy_dhi) == 1).all()))

# %%
# 画出函数和导数
# --------------
#
# 左图是裁剪函数：区间内是直线 :math:`y=x`，区间外是两条水平线。右边三幅是三个导数：区间内 :math:`\partial y/\partial x=1`，低于下界时 :math:`\partial y/\partial \mathrm{min}=1`，高于上界时 :math:`\partial y/\partial \mathrm{max}=1`。每一点上恰好有一个导数为 1，因为输出要么是 :math:`x`，要么是某个边界。实心点是在两个端点 :math:`x=-1`、:math:`x=2` 处实际算出的导数，空心点是有跳变处区间外一侧的取值：端点算在区间内。

# derivatives exactly at the two end points (the filled dots)
ends = torch.tensor([-1.0, 2.0], requires_grad=True)
lo_e = torch.full_like(ends, -1.0, requires_grad=True)
hi_e = torch.full_like(ends, 2.0, requires_grad=True)
at_ends = torch.autograd.grad(torch.clamp(ends, lo_e, hi_e).sum(), (ends, lo_e, hi_e))

xs, ys = x.detach(), y.detach()
fig = plt.figure(figsize=(10, 4.2), layout="constrained")
left, right = fig.subfigures(1, 2, width_ratios=[1.1, 1])
ax = left.subplots()
ax.plot(xs, xs, color="0.75", linestyle="--", label="$y=x$")
ax.plot(xs, ys, color="#4c72b0", linewidth=2.5, label=r"$y=\mathrm{clamp}(x, -1, 2)$")
ax.axhline(-1.0, color="#c44e52", linewidth=0.8, linestyle=":")
ax.axhline(2.0, color="#55a868", linewidth=0.8, linestyle=":")
ax.set_xlabel("$x$")
ax.set_ylabel("$y$")
ax.legend(loc="upper left")

names = [r"$\partial y/\partial x$", r"$\partial y/\partial\,\mathrm{min}$", r"$\partial y/\partial\,\mathrm{max}$"]
colors = ["#4c72b0", "#c44e52", "#55a868"]
axes = right.subplots(3, 1, sharex=True)
for ax, values, at_end, name, color in zip(axes, (dy_dx, dy_dlo, dy_dhi), at_ends, names, colors, strict=True):
    for level in (0.0, 1.0):  # one segment per value: no vertical line at the jumps
        ax.plot(xs, torch.where(values == level, level, float("nan")), color=color, linewidth=2)
    ax.plot(ends.detach(), at_end, "o", color=color, markersize=6)
    outside = torch.stack([values[0], values[-1]])  # values just outside the left and right end points
    jump = outside != at_end
    ax.plot(ends.detach()[jump], outside[jump], "o", markerfacecolor="white", markeredgecolor=color, markersize=6)
    ax.set_ylim(-0.3, 1.3)
    ax.set_yticks([0, 1])
    ax.set_ylabel(name)
axes[-1].set_xlabel("$x$")
plt.show()

# %%
# 一张小表
# --------
#
# 几个代表性的点：边界以下、恰在下界、区间内、恰在上界、上界以上。

points = torch.tensor([-2.0, -1.0, 0.5, 2.0, 3.0], requires_grad=True)
lo_p = torch.full_like(points, -1.0, requires_grad=True)
hi_p = torch.full_like(points, 2.0, requires_grad=True)
out = torch.clamp(points, lo_p, hi_p)
grads = torch.autograd.grad(out.sum(), (points, lo_p, hi_p))
print(f"{'x':>6} {'y':>6} {'dy/dx':>7} {'dy/dmin':>8} {'dy/dmax':>8}")
for row in zip(points.tolist(), out.tolist(), *(g.tolist() for g in grads), strict=True):
    print(f"{row[0]:6.1f} {row[1]:6.1f} {row[2]:7.0f} {row[3]:8.0f} {row[4]:8.0f}")

# sphinx_gallery_start_ignore
# Checks that keep the text and the figure honest.
inside = (xs >= -1) & (xs <= 2)
assert torch.equal(dy_dx, inside.float())
assert torch.equal(dy_dlo, (xs < -1).float()) and torch.equal(dy_dhi, (xs > 2).float())
assert grads[0].tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]
assert [g.tolist() for g in at_ends] == [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]]  # the endpoints count as inside
# sphinx_gallery_end_ignore
