r"""
深度可分离卷积省下多少计算
==========================

深度可分离卷积把一个 :math:`D_K\times D_K` 的标准卷积换成逐通道的深度卷积（groups=M）加 1×1 的点卷积。本例在一系列通道数上用 PyTorch 的 FlopCounterMode 实际统计两种卷积的计算量，与 MobileNet 论文的公式对照，并画出两者之比怎样随输出通道数 :math:`N` 趋近 :math:`1/D_K^2`。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

# %%
# 公式与实测
# ----------
#
# 记号与 MobileNet 论文相同：输入 :math:`M` 个通道，输出 :math:`N` 个通道，输出特征图 :math:`D_F\times D_F`。标准卷积的乘加次数为 :math:`D_K^2 M N D_F^2`，深度卷积为 :math:`D_K^2 M D_F^2`，点卷积为 :math:`M N D_F^2`。``FlopCounterMode`` 把一次乘加记作 2 次浮点运算，所以下面除以 2。网络建在 meta 设备上：只有形状，不分配内存，也不真正计算。


def macs(module, x):
    with FlopCounterMode(display=False) as counter:
        module(x)
    return counter.get_total_flops() // 2


def standard(m, n, k):
    return nn.Conv2d(m, n, k, padding=k // 2, bias=False, device="meta")


def separable(m, n, k):
    depthwise = nn.Conv2d(m, m, k, padding=k // 2, groups=m, bias=False, device="meta")
    pointwise = nn.Conv2d(m, n, 1, bias=False, device="meta")
    return nn.Sequential(depthwise, pointwise)


D_F = 14
channels = [8, 16, 32, 64, 128, 256, 512, 1024]
rows = []
print(f"{'D_K':>3} {'M=N':>5} {'standard':>15} {'separable':>13} {'ratio':>8} {'1/N+1/D_K²':>11}")
for k in (3, 5):
    for c in channels:
        x = torch.empty(1, c, D_F, D_F, device="meta")
        measured = macs(standard(c, c, k), x), macs(separable(c, c, k), x)
        formula = k * k * c * c * D_F**2, k * k * c * D_F**2 + c * c * D_F**2
        assert measured == formula, (k, c, measured, formula)
        rows.append((k, c, *measured))
        print(
            f"{k:>3} {c:>5} {measured[0]:>15,} {measured[1]:>13,} {measured[1] / measured[0]:>8.5f} {1 / c + 1 / k**2:>11.5f}"
        )

# %%
# 实测值与公式逐个相等。下图左边是 :math:`D_K=3` 时两种卷积的乘加次数（对数坐标）：两者都随通道数平方增长（深度可分离卷积中占主导的是点卷积），但深度可分离卷积的系数小得多，两条线几乎平行，相差约一个数量级。右边是两者之比，实线是公式 :math:`1/N + 1/D_K^2`，点是实测，虚线是通道数无穷大时的极限 :math:`1/D_K^2`。

fig, (ax_cost, ax_ratio) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
k3 = [r for r in rows if r[0] == 3]
ax_cost.loglog([r[1] for r in k3], [r[2] for r in k3], "o-", label="Conv2d(M, N, 3)")
ax_cost.loglog([r[1] for r in k3], [r[3] for r in k3], "s-", label="groups=M + 1×1")
ax_cost.set_xlabel("$M = N$")
ax_cost.set_ylabel(f"MACs ($D_F = {D_F}$)")
ax_cost.legend()
dense = torch.logspace(3, 10, 200, base=2)
for k, colour in [(3, "#4c72b0"), (5, "#dd8452")]:
    ax_ratio.plot(dense, 1 / dense + 1 / k**2, color=colour, label=f"$D_K = {k}$")
    ax_ratio.plot([r[1] for r in rows if r[0] == k], [r[3] / r[2] for r in rows if r[0] == k], "o", color=colour)
    ax_ratio.axhline(1 / k**2, color=colour, ls="--", lw=0.8)
ax_ratio.set_xscale("log", base=2)
ax_ratio.set_xlabel("$N$")
ax_ratio.set_ylabel(r"$\dfrac{D_K^2 M D_F^2 + M N D_F^2}{D_K^2 M N D_F^2}$", fontsize=12)
ax_ratio.set_ylim(0, 0.25)
ax_ratio.legend()
plt.show()

# %%
# 参数量按同样的比例减少
# ----------------------
#
# 卷积的参数与特征图大小无关：标准卷积有 :math:`D_K^2 M N` 个权重，深度可分离卷积有 :math:`D_K^2 M + M N` 个，之比同样是 :math:`1/N + 1/D_K^2`。下面在普通的 CPU 张量上数一遍。

for c in (32, 256):
    params_standard = sum(p.numel() for p in nn.Conv2d(c, c, 3, bias=False).parameters())
    depthwise, pointwise = nn.Conv2d(c, c, 3, groups=c, bias=False), nn.Conv2d(c, c, 1, bias=False)
    params_separable = depthwise.weight.numel() + pointwise.weight.numel()
    print(f"M = N = {c}: {params_standard:,} vs {params_separable:,}  ratio {params_separable / params_standard:.4f}")

# %%
# 计算量少不等于一定更快：深度卷积每个输出只做 :math:`D_K^2` 次乘加，访存占的比例高，在很多硬件上达不到标准卷积的效率。省下的乘加次数是理论上限，实际加速要在目标设备上测。页面 :ref:`sec-architectures` 讨论了深度可分离卷积为什么不混合通道，以及 MobileNet 系列的其他设计。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figure honest.
for k, c, std, sep in rows:
    assert abs(sep / std - (1 / c + 1 / k**2)) < 1e-12
    assert sep / std > 1 / k**2
# sphinx_gallery_end_ignore
