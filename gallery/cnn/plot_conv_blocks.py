r"""
常见卷积块：参数量与 BN、ReLU 的先后
====================================

本例先用纯 PyTorch 搭出五种常见的卷积组合（Conv-BN-ReLU 堆叠、残差块、瓶颈块、Inception 模块、深度可分离卷积），比较它们在相同输入输出通道下的参数量；再在 scikit-learn 自带的 8×8 手写数字上，用三个随机种子分别训练“卷积 → BN → ReLU”和“卷积 → ReLU → BN”两种顺序的小网络，看顺序对训练有多大影响。
"""

# sphinx_gallery_thumbnail_number = 2

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn

# %%
# 五种结构
# --------
#
# ``BasicBlock`` 和 ``Bottleneck`` 是 ResNet 的残差块和瓶颈块，``groups=C + 1×1`` 是深度可分离卷积：逐通道的 3×3 卷积加 1×1 卷积。每个模块的输入和输出都是 256 个通道、14×14 的特征图（第一种多一个池化，特征图缩小一半）。卷积后面紧跟 BN 时偏置没有作用（BN 会减去每个通道的均值），所以写 ``bias=False``。


def conv_bn_relu(c_in, c_out, k=3):
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, padding=k // 2, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())


class Residual(nn.Module):
    """relu(body(x) + x): the shortcut adds no parameters."""

    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return torch.relu(self.body(x) + x)


class Inception(nn.Module):
    """Parallel branches concatenated along the channels (GoogLeNet, with 1×1 reductions)."""

    def __init__(self, c_in, c1, c3r, c3, c5r, c5, cp):
        super().__init__()
        self.branches = nn.ModuleList(
            [
                nn.Sequential(nn.Conv2d(c_in, c1, 1), nn.ReLU()),
                nn.Sequential(nn.Conv2d(c_in, c3r, 1), nn.ReLU(), nn.Conv2d(c3r, c3, 3, padding=1), nn.ReLU()),
                nn.Sequential(nn.Conv2d(c_in, c5r, 1), nn.ReLU(), nn.Conv2d(c5r, c5, 5, padding=2), nn.ReLU()),
                nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), nn.Conv2d(c_in, cp, 1), nn.ReLU()),
            ]
        )

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches], dim=1)


C = 256
blocks = {
    "Conv-BN-ReLU ×2": nn.Sequential(conv_bn_relu(C, C), conv_bn_relu(C, C), nn.MaxPool2d(2)),
    "BasicBlock": Residual(
        nn.Sequential(conv_bn_relu(C, C), nn.Conv2d(C, C, 3, padding=1, bias=False), nn.BatchNorm2d(C))
    ),
    "Bottleneck": Residual(
        nn.Sequential(
            conv_bn_relu(C, C // 4, 1),
            conv_bn_relu(C // 4, C // 4),
            nn.Conv2d(C // 4, C, 1, bias=False),
            nn.BatchNorm2d(C),
        )
    ),
    "Inception": Inception(C, 64, 96, 128, 16, 32, 32),
    "groups=C + 1×1": nn.Sequential(
        nn.Conv2d(C, C, 3, padding=1, groups=C, bias=False), nn.BatchNorm2d(C), nn.ReLU(), conv_bn_relu(C, C, 1)
    ),
}
x = torch.randn(1, C, 14, 14)
params = {}
for name, block in blocks.items():
    params[name] = sum(p.numel() for p in block.parameters())
    print(f"{name:18} {tuple(block.eval()(x).shape)!s:18} {params[name]:>10,} params")

# %%
# 参数量（对数坐标）：两层 3×3 卷积的两种结构最多，残差连接本身不增加参数；瓶颈块和深度可分离卷积少一个数量级以上。

fig, ax = plt.subplots(figsize=(7, 3.2), layout="constrained")
ax.barh(list(params), list(params.values()), color="#4c72b0")
ax.set_xscale("log")
ax.invert_yaxis()
ax.set_xlabel("parameters")
for i, value in enumerate(params.values()):
    ax.text(value * 1.1, i, f"{value:,}", va="center", fontsize=9)
ax.set_xlim(1e4, 1e7)
plt.show()

# %%
# BN 放在 ReLU 之前还是之后
# -------------------------
#
# 两种顺序的网络结构完全相同（四个卷积层、一个池化、一个全连接层），只有每层里 BN 和 ReLU 的先后不同。数据是 1797 张 8×8 手写数字，前 1347 张训练，其余 450 张验证；每种顺序用种子 0、1、2 各训练一次，每次 10 轮。

device = "cuda" if torch.cuda.is_available() else "cpu"
digits = load_digits()
images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
labels = torch.tensor(digits.target)
order = torch.randperm(len(images), generator=torch.Generator().manual_seed(0))
train_idx, val_idx = order[:1347], order[1347:]


def layer(c_in, c_out, bn_first):
    conv = nn.Conv2d(c_in, c_out, 3, padding=1, bias=False)
    if bn_first:
        return nn.Sequential(conv, nn.BatchNorm2d(c_out), nn.ReLU())
    return nn.Sequential(conv, nn.ReLU(), nn.BatchNorm2d(c_out))


def small_cnn(bn_first):
    return nn.Sequential(
        layer(1, 16, bn_first),
        layer(16, 16, bn_first),
        nn.MaxPool2d(2),
        layer(16, 32, bn_first),
        layer(32, 32, bn_first),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(32, 10),
    )


def train(bn_first, seed, epochs=10):
    torch.manual_seed(seed)
    model = small_cnn(bn_first).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x_train, y_train = images[train_idx].to(device), labels[train_idx].to(device)
    x_val, y_val = images[val_idx].to(device), labels[val_idx].to(device)
    losses, accuracies = [], []
    for _ in range(epochs):
        model.train()
        total = 0.0
        for batch in torch.randperm(len(x_train)).split(64):
            loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / len(x_train))
        model.eval()
        with torch.no_grad():
            accuracies.append((model(x_val).argmax(1) == y_val).float().mean().item())
    return losses, accuracies


threads = torch.get_num_threads()
torch.set_num_threads(1)  # such small convolutions run faster on one thread than on several
runs = {
    name: [train(bn_first, seed) for seed in range(3)] for name, bn_first in [("BN→ReLU", True), ("ReLU→BN", False)]
}
torch.set_num_threads(threads)
# the last three epochs, averaged: one epoch alone is noisy
late = {name: [sum(acc[-3:]) / 3 for _, acc in results] for name, results in runs.items()}
for name, values in late.items():
    print(f"Conv→{name}: val accuracy, mean of epochs 8-10, per seed:", [f"{a:.3f}" for a in values])

# %%
# 细线是单个种子，粗线是三个种子的平均。

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.5), layout="constrained")
epochs = range(1, 11)
for (name, results), colour in zip(runs.items(), ["#4c72b0", "#dd8452"], strict=True):
    losses = torch.tensor([run[0] for run in results])
    accuracies = torch.tensor([run[1] for run in results])
    for seed in range(3):
        ax_loss.plot(epochs, losses[seed], color=colour, lw=0.8, alpha=0.5)
        ax_acc.plot(epochs, accuracies[seed], color=colour, lw=0.8, alpha=0.5)
    ax_loss.plot(epochs, losses.mean(0), color=colour, lw=2.2, label=f"Conv→{name}")
    ax_acc.plot(epochs, accuracies.mean(0), color=colour, lw=2.2, label=f"Conv→{name}")
ax_loss.set_yscale("log")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("train loss")
ax_acc.set_xlabel("epoch")
ax_acc.set_ylabel("val acc")
ax_acc.set_ylim(0.5, 1.0)
ax_acc.legend(loc="lower right")
plt.show()

# %%
# 在这个小任务上，两种顺序都在几轮之内把验证准确率训练到 95% 以上；“卷积 → ReLU → BN”不但不比惯用的顺序差，训练损失下降得更快，验证准确率的波动也更小。“卷积 → BN → ReLU”是 BN 论文和 ResNet 沿用的惯例，并不是唯一能工作的顺序，也不一定是最好的；换了网络或数据，结论可能不同，应该用实验回答。页面 :ref:`sec-conv-blocks` 画出了这五种结构，并解释了为什么卷积后接 BN 时不需要偏置。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert all(a > 0.95 for values in late.values() for a in values), late
assert sum(late["ReLU→BN"]) >= sum(late["BN→ReLU"]), late
wobble = {name: max(max(acc[-5:]) - min(acc[-5:]) for _, acc in results) for name, results in runs.items()}
assert wobble["ReLU→BN"] < wobble["BN→ReLU"], wobble
final_loss = {name: sum(losses[-1] for losses, _ in results) for name, results in runs.items()}
assert final_loss["ReLU→BN"] < final_loss["BN→ReLU"], final_loss
assert params["Bottleneck"] < params["BasicBlock"] / 10 and params["groups=C + 1×1"] < params["BasicBlock"] / 10
# sphinx_gallery_end_ignore
