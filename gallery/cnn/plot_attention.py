r"""
注意力：软注意力、硬注意力与 SE 通道注意力
==========================================

注意力（attention）给输入的各个位置打分，再按分数加权汇总。软注意力（soft attention）用 softmax 把分数变成 0 到 1 之间、和为 1 的权重，处处可导；硬注意力（hard attention）只取分数最大的位置（one-hot 权重），而 ``argmax`` 不可导，梯度传不回打分的部分。本例在一个 8×8 的特征图上比较两者，并用纯 PyTorch 写出作用在通道上的 Squeeze-and-Excitation（SE）模块，核对它的参数量公式，再训练一下，看它给每个通道的权重。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from matplotlib.colors import LogNorm
from torch import nn

# %%
# 在特征图上打分
# --------------
#
# 特征图 ``F`` 有 :math:`C = 16` 个通道、8×8 个位置，每个位置是一个 16 维特征向量。查询向量 :math:`q` 取自位置 (5, 2) 的特征再加一点噪声。每个位置的分数是缩放点积 :math:`s_{ij} = q \cdot F_{:,ij} / \sqrt{C}`；软注意力的权重是 :math:`\alpha = \mathrm{softmax}(s / \tau)`，温度 :math:`\tau` 越小越接近 one-hot；硬注意力的权重是 ``one_hot(argmax(s))``。输出都是各位置特征按权重的加权和。

torch.manual_seed(0)
C, H, W = 16, 8, 8
F = torch.randn(C, H, W)
q = F[:, 5, 2] + 0.3 * torch.randn(C)
scores = torch.einsum("c,chw->hw", q, F) / C**0.5


def soft_attention(scores, values, tau=1.0):
    weights = torch.softmax(scores.flatten() / tau, dim=0)
    return weights @ values.flatten(1).T, weights.view_as(scores)


def hard_attention(scores, values):
    weights = nn.functional.one_hot(scores.flatten().argmax(), scores.numel()).to(values.dtype)
    return weights @ values.flatten(1).T, weights.view_as(scores)


soft = {tau: soft_attention(scores, F, tau)[1] for tau in (1.0, 0.5, 0.25)}
_, hard = hard_attention(scores, F)
print("argmax position:", divmod(scores.argmax().item(), W))
for tau, w in soft.items():
    print(f"soft, tau = {tau}: largest weight {w.max():.3f}, weights > 0.01: {(w > 0.01).sum().item()}")
print("hard: weights are", sorted(hard.unique().tolist()))

# %%
# 梯度能不能流回去
# ----------------
#
# 让特征图 ``F`` 需要梯度（它同时充当打分用的键和被汇总的值），对输出求和后反向传播。软注意力的梯度到达每一个位置：既经过打分得到的权重 :math:`\alpha`，也经过被加权的值。硬注意力的 ``argmax`` 返回整数下标，``one_hot`` 的结果也是整数张量，二者都没有 ``grad_fn``：梯度只能经过被选中的那个值流到那一个位置，“选哪里”这一步得不到任何梯度。


def gradient_per_position(attend, **kwargs):
    """Size of the gradient of sum(output) reaching each position of F (keys and values at once)."""
    F_grad = F.clone().requires_grad_()
    out, _ = attend(torch.einsum("c,chw->hw", q, F_grad) / C**0.5, F_grad, **kwargs)
    out.sum().backward()
    return F_grad.grad.norm(dim=0)


grads = {
    r"softmax, $\tau=1$": gradient_per_position(soft_attention, tau=1.0),
    r"softmax, $\tau=0.25$": gradient_per_position(soft_attention, tau=0.25),
    "argmax": gradient_per_position(hard_attention),
}
for name, g in grads.items():
    print(
        f"{name.replace('$', '').replace(chr(92), ''):<18} gradient reaches {(g > 0).sum().item():>2} of {H * W} positions,"
        f" smallest non-zero {g[g > 0].min():.1e}"
    )

# with the scores alone requiring grad: argmax gives an integer index, and nothing connects the output to them
s_only = scores.clone().requires_grad_()
index = s_only.flatten().argmax()
print("argmax:", index.dtype, "requires_grad =", index.requires_grad, "grad_fn =", index.grad_fn)
out, _ = hard_attention(s_only, F)
print("hard output requires_grad:", out.requires_grad)
try:
    out.sum().backward()
except RuntimeError as error:
    print("RuntimeError:", error)

# %%
# 画出权重和梯度
# --------------
#
# 上排是注意力权重：温度降低时软注意力越来越集中，极限就是右边的硬注意力。下排最左是打分 :math:`s`，其余三幅是反向传播到每个位置的梯度大小 :math:`\|\partial \sum y / \partial F_{:,ij}\|`，色标是对数刻度，灰色表示梯度恰好为 0。软注意力即使在 :math:`\tau = 0.25`、权重已经几乎是 one-hot 时，梯度仍然到达全部 64 个位置（最小的不到 10⁻⁹）；硬注意力只有被选中的一个位置有梯度，其余 63 个位置恰好是 0。训练硬注意力因此要另想办法，例如用强化学习的 REINFORCE 估计梯度（Show, Attend and Tell 论文的做法），或者用直通估计（straight-through）：前向用 one-hot，反向借用 softmax 的梯度。

fig, axes = plt.subplots(2, 4, figsize=(10, 5.4), layout="constrained")
panels = [(soft[1.0], r"softmax, $\tau=1$"), (soft[0.5], r"$\tau=0.5$"), (soft[0.25], r"$\tau=0.25$"), (hard, "argmax")]
for ax, (w, title) in zip(axes[0], panels, strict=True):
    image = ax.imshow(w, cmap="viridis", vmin=0, vmax=1)
    ax.set_title(title)
fig.colorbar(image, ax=axes[0, :], label=r"$\alpha$", shrink=0.9)
positive = min(g[g > 0].min() for g in grads.values()).item()
gradient_cmap = plt.get_cmap("magma").with_extremes(bad="#d0d0d0")  # exact zeros (log scale): grey
axes[1, 0].imshow(scores, cmap="coolwarm")
axes[1, 0].set_title(r"$s = q \cdot F / \sqrt{C}$")
for ax, (name, g) in zip(axes[1, 1:], grads.items(), strict=True):
    norm = LogNorm(vmin=positive, vmax=max(g.max() for g in grads.values()).item())
    image = ax.imshow(g.masked_fill(g == 0, float("nan")), cmap=gradient_cmap, norm=norm)
    ax.set_title(r"$\nabla_F$, " + name)
fig.colorbar(image, ax=axes[1, :], label=r"$\|\partial y / \partial F_{:,ij}\|$", shrink=0.9)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

# %%
# SE 模块：通道注意力
# -------------------
#
# Squeeze-and-Excitation 模块（Hu et al., 2018）对通道做注意力：先把每个通道的特征图平均成一个数（squeeze，全局平均池化），再经过“压缩到 :math:`C/r` 维的全连接层 → ReLU → 恢复到 :math:`C` 维的全连接层 → sigmoid”得到每个通道一个 0 到 1 之间的权重（excitation），最后逐通道相乘。两层全连接的权重共有 :math:`C \cdot C/r + C/r \cdot C = 2C^2/r` 个参数，偏置再加 :math:`C/r + C` 个。在 ResNet-50 的 16 个瓶颈块里各加一个 SE 模块（作用在残差分支上、相加之前，:math:`r = 16`）会多出约 253 万个参数，与 SENet 论文所说的 “~2.5 million additional parameters”（约多 10%）一致。


class SEBlock(nn.Module):
    def __init__(self, channels, r=16):
        super().__init__()
        self.excite = nn.Sequential(
            nn.Linear(channels, channels // r), nn.ReLU(inplace=True), nn.Linear(channels // r, channels), nn.Sigmoid()
        )

    def forward(self, x):
        w = self.excite(x.mean(dim=(2, 3)))  # squeeze: (N, C, H, W) -> (N, C), excitation: (N, C) in (0, 1)
        self.last_weights = w.detach()
        return x * w[:, :, None, None]


def se_params(channels, r):
    return 2 * channels**2 // r + channels // r + channels


for channels, r in [(64, 16), (256, 16), (2048, 16), (16, 4)]:
    counted = sum(p.numel() for p in SEBlock(channels, r).parameters())
    print(f"C = {channels:>4}, r = {r:>2}: counted {counted:>7,}, 2C²/r + C/r + C = {se_params(channels, r):>7,}")

# SE in every bottleneck of ResNet-50: stages of 3, 4, 6, 3 blocks with 256, 512, 1024, 2048 output channels
extra = sum(n * se_params(c, 16) for n, c in zip((3, 4, 6, 3), (256, 512, 1024, 2048), strict=True))
print(f"SE-ResNet-50 adds {extra:,} parameters to ResNet-50's 25,557,032 -> {25_557_032 + extra:,}")

# %%
# 让 SE 学会挑通道
# ----------------
#
# 构造一个 16 通道的特征图：前 4 个通道携带类别信号（整张图的取值为 ±1 加少量噪声），其余 12 个通道是幅度更大的纯噪声。SE 之后的网络故意固定不变，只把所有通道的平均值相加当作 logit，于是唯一能提高准确率的办法就是让 SE 压低噪声通道的权重。训练前，随机初始化的 SE 给各通道的平均权重在 0.4 到 0.7 之间，与通道有没有用无关；训练后，信号通道的权重接近 1，噪声通道接近 0。


def make_batch(n, generator):
    labels = torch.randint(0, 2, (n,), generator=generator)
    x = 3.0 * torch.randn(n, 16, 1, 1, generator=generator).expand(n, 16, 6, 6).clone()  # noise channels
    x[:, :4] = (2.0 * labels - 1)[:, None, None, None] + 0.3 * torch.randn(n, 4, 6, 6, generator=generator)
    return x, labels.float()


def logits(se, x):
    return se(x).mean(dim=(2, 3)).sum(1)  # the fixed rest of the network: add up the channels


torch.manual_seed(0)
generator = torch.Generator().manual_seed(1)
se = SEBlock(16, r=4)
x_test, y_test = make_batch(1000, generator)
with torch.no_grad():
    acc_before = ((logits(se, x_test) > 0).float() == y_test).float().mean().item()
    before = se.last_weights
optimizer = torch.optim.Adam(se.parameters(), lr=0.05)
for _ in range(150):
    x, labels = make_batch(128, generator)
    loss = nn.functional.binary_cross_entropy_with_logits(logits(se, x), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
with torch.no_grad():
    acc_after = ((logits(se, x_test) > 0).float() == y_test).float().mean().item()
    after = se.last_weights
print(f"accuracy: before {acc_before:.3f}, after {acc_after:.3f}")
print("mean channel weight after training, signal channels 0-3:", [round(v, 2) for v in after[:, :4].mean(0).tolist()])
print(f"mean channel weight after training, noise channels 4-15: {after[:, 4:].mean():.3f}")

# %%
# 每个通道的权重
# --------------
#
# 横轴是通道，竖条是 1,000 个测试样本上 SE 权重的平均值，误差线是标准差（SE 的权重依赖输入，每个样本都不同）；前 4 个通道是信号通道。

fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
channels = torch.arange(16)
ax.bar(channels - 0.2, before.mean(0), 0.4, yerr=before.std(0), color="#8c8c8c", label="step 0")
ax.bar(channels + 0.2, after.mean(0), 0.4, yerr=after.std(0), color="#c44e52", label="step 150")
ax.axvspan(-0.5, 3.5, color="#55a868", alpha=0.12)
ax.set_xticks(channels)
ax.set_xlabel("channel $c$")
ax.set_ylabel(r"SE weight $\sigma(\cdot)_c$")
ax.set_ylim(0, 1.05)
ax.legend(loc="upper right")
plt.show()

# %%
# 笔记中相应的说法及其检验见 :ref:`sec-architectures`。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
soft_1, soft_025, hard_grad = grads.values()
assert (soft_1 > 0).all() and (soft_025 > 0).all() and (hard_grad > 0).sum() == 1
assert hard_grad.flatten()[scores.argmax()] > 0
assert 0 < soft_025.min() < 1e-9
assert index.grad_fn is None and not index.requires_grad
assert divmod(scores.argmax().item(), W) == (5, 2)
assert soft[0.25].max() > soft[0.5].max() > soft[1.0].max() and hard.sum() == 1
assert torch.equal(hard.flatten().nonzero().flatten(), scores.flatten().argmax().reshape(1))
for channels, r in [(64, 16), (256, 16), (2048, 16), (16, 4), (96, 8)]:
    assert sum(p.numel() for p in SEBlock(channels, r).parameters()) == se_params(channels, r)
assert round(extra / 1e6, 1) == 2.5 and round(extra / 25_557_032, 1) == 0.1  # Hu et al.: ~2.5M extra, ~10%
assert ((0.35 < before.mean(0)) & (before.mean(0) < 0.75)).all()
assert after[:, :4].mean() > 0.9 and after[:, 4:].mean() < 0.1
assert acc_after > 0.95 > acc_before
# sphinx_gallery_end_ignore
