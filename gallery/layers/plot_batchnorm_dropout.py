r"""
BatchNorm 与 Dropout：训练模式和评估模式
========================================

BatchNorm 和 Dropout 是两个在 ``model.train()`` 和 ``model.eval()`` 下行为不同的层。本例先把这种差别画出来：BatchNorm 训练时用批量统计量、评估时用滑动平均；Dropout 训练时随机置零并放大其余元素、评估时原样输出。然后在 scikit-learn 自带的手写数字数据集上训练四个小的多层感知机，比较加与不加 BatchNorm、Dropout 时的训练曲线。对应的页面是 :ref:`sec-common-layers`。
"""

# sphinx_gallery_thumbnail_number = 3
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn

# %%
# BatchNorm 的滑动平均
# --------------------
#
# 给一个 ``nn.BatchNorm1d(1)`` 连续喂 100 个批量，数据服从均值 5、方差 4 的正态分布。每一步它都把批量均值按动量 0.1 计入 ``running_mean``，所以 ``running_mean`` 从 0 出发，按 :math:`5(1-0.9^t)` 的速度逼近 5。评估模式用的正是这两个滑动平均值：只训练了 1 步的 BatchNorm 在评估模式下几乎没有归一化，训练 100 步之后，评估模式的输出才与训练模式一致。

torch.manual_seed(0)
bn = nn.BatchNorm1d(1)
probe = torch.randn(256, 1) * 2 + 5  # a fixed batch to look at the output
history = []
outputs = {}
for step in range(1, 101):
    bn.train()
    bn(torch.randn(64, 1) * 2 + 5)
    history.append((bn.running_mean.item(), bn.running_var.item()))
    if step in (1, 100):
        bn.eval()
        with torch.no_grad():
            outputs[f"eval(), t={step}"] = bn(probe).flatten()
bn.train()
with torch.no_grad():
    outputs["train()"] = bn(probe).flatten()
for name, out in outputs.items():
    print(f"{name:14} mean {out.mean().item():6.3f}  std {out.std().item():.3f}")

steps = torch.arange(1, 101)
running = torch.tensor(history)
fig, (ax_run, ax_hist) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
ax_run.plot(steps, running[:, 0], label="running_mean")
ax_run.plot(steps, running[:, 1], label="running_var")
ax_run.plot(steps, 5 * (1 - 0.9**steps), "k:", label=r"$5(1-0.9^t)$")
ax_run.axhline(5, color="C0", linewidth=0.6)
ax_run.axhline(4, color="C1", linewidth=0.6)
ax_run.set_xlabel(r"$t$")
ax_run.legend()
bins = torch.linspace(-4, 7, 56)
for name, out in outputs.items():
    ax_hist.hist(out, bins=bins, histtype="step", linewidth=1.8, label=name)
ax_hist.set_xlabel(r"$y$")
ax_hist.legend()
plt.show()

# %%
# Dropout 的两种模式
# ------------------
#
# 把一个全为 1 的 16×32 张量交给 ``nn.Dropout(p=0.5)``。训练模式下大约一半元素被置零，其余变成 :math:`1/(1-p)=2`；评估模式下输出就是输入。把训练模式的输出对 1000 次前向取平均，每个元素都回到 1 附近：倒置 Dropout 保持了期望。

torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
ones = torch.ones(16, 32)
train_out = drop(ones)
average = torch.stack([drop(ones) for _ in range(1000)]).mean(dim=0)
drop.eval()
eval_out = drop(ones)
print(
    "train(): values", torch.unique(train_out).tolist(), f"zero fraction {(train_out == 0).float().mean().item():.3f}"
)
print("eval():  equal to input:", torch.equal(eval_out, ones))
print(
    f"mean of 1000 train() passes: {average.mean().item():.4f} (min {average.min().item():.3f}, max {average.max().item():.3f})"
)

fig, axes = plt.subplots(1, 3, figsize=(11, 3), layout="constrained")
for ax, image, title in zip(
    axes, (train_out, eval_out, average), ("train()", "eval()", "train(): mean of 1000"), strict=True
):
    shown = ax.imshow(image, vmin=0, vmax=2, cmap="viridis")
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(shown, ax=axes, shrink=0.8)
plt.show()

# %%
# 训练曲线
# --------
#
# 手写数字数据集有 1797 张 8×8 的图像，这里取 1000 张训练，其余 797 张作为验证集。四个网络结构相同（64 → 128 → 128 → 10），只在每个隐藏层后面分别加或不加 ``BatchNorm1d`` 和 ``Dropout(0.5)``，用同一个种子初始化，用同样的 SGD（学习率 0.1，批量 64）训练 30 轮。模型很小，每一步只有几次小矩阵乘法，多线程的同步开销比计算还大，所以这里只用一个线程。每轮结束后在评估模式下计算训练集和验证集上的损失与验证精度。

threads = torch.get_num_threads()
torch.set_num_threads(1)  # small model: one thread is faster
device = "cuda" if torch.cuda.is_available() else "cpu"
images, labels = load_digits(return_X_y=True)
images = torch.tensor(images, dtype=torch.float32, device=device) / 16  # pixel values 0..16 -> 0..1
labels = torch.tensor(labels, device=device)
torch.manual_seed(0)
perm = torch.randperm(len(images), device=device)
x_train, y_train = images[perm[:1000]], labels[perm[:1000]]
x_val, y_val = images[perm[1000:]], labels[perm[1000:]]


def make_mlp(batch_norm, dropout):
    layers, width = [], 64
    for _ in range(2):
        layers.append(nn.Linear(width, 128))
        if batch_norm:
            layers.append(nn.BatchNorm1d(128))
        layers.append(nn.ReLU())
        if dropout:
            layers.append(nn.Dropout(0.5))
        width = 128
    layers.append(nn.Linear(width, 10))
    return nn.Sequential(*layers).to(device)


def train(model, epochs=30, batch_size=64, lr=0.1):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    curve = []
    for _ in range(epochs):
        model.train()  # BatchNorm uses batch statistics, Dropout is active
        order = torch.randperm(len(x_train), device=device)
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()  # BatchNorm uses running averages, Dropout is off
        with torch.no_grad():
            val_logits = model(x_val)
            curve.append(
                (
                    F.cross_entropy(model(x_train), y_train).item(),
                    F.cross_entropy(val_logits, y_val).item(),
                    (val_logits.argmax(dim=1) == y_val).float().mean().item(),
                )
            )
    return torch.tensor(curve)


variants = {
    "MLP": (False, False),
    "MLP+BN": (True, False),
    "MLP+Dropout": (False, True),
    "MLP+BN+Dropout": (True, True),
}
curves = {}
for name, (use_bn, use_dropout) in variants.items():
    torch.manual_seed(0)  # same seed: init and batch order differ only through the architecture
    curves[name] = train(make_mlp(use_bn, use_dropout))
print(f"{'':15}{'loss(train)':>12}{'loss(val)':>11}{'acc(val)':>10}{'acc(val) @5':>13}")
for name, curve in curves.items():
    train_loss, val_loss, val_acc = curve[-1].tolist()
    print(f"{name:15}{train_loss:12.4f}{val_loss:11.4f}{val_acc:10.3f}{curve[4, 2].item():13.3f}")

# %%
# 画出四条曲线。左图的纵轴是对数刻度。

epochs = torch.arange(1, 31)
fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), layout="constrained")
titles = ("loss (train)", "loss (val)", "acc (val)")
for name, curve in curves.items():
    for k, ax in enumerate(axes):
        ax.plot(epochs, curve[:, k], label=name, linewidth=1.8)
for ax, title in zip(axes, titles, strict=True):
    ax.set_title(title)
    ax.set_xlabel("epoch")
    ax.grid(alpha=0.3)
axes[0].set_yscale("log")
axes[2].set_ylim(0.5, 1.0)
axes[2].legend(loc="lower right")
plt.show()

# %%
# 加了 BatchNorm 的两个网络在前几轮就达到了很高的验证精度，训练损失也下降得快得多：在同样的学习率下，BatchNorm 让训练快了许多轮。Dropout 则让训练损失下降得更慢，因为训练时的网络每一步都带着噪声。在这个小而干净的数据集上，没有 Dropout 的网络过拟合并不严重，Dropout 的正则化作用在这里不明显；它在参数多、数据少的全连接层上更有用。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert abs(history[-1][0] - 5) < 0.3 and abs(history[0][0] - 0.1 * 5) < 0.3
assert outputs["eval(), t=1"].mean() > 2 and abs(outputs["eval(), t=100"].mean()) < 0.2
assert set(torch.unique(train_out).tolist()) == {0.0, 2.0} and abs(average.mean().item() - 1) < 0.01
for bn_name, plain_name in (("MLP+BN", "MLP"), ("MLP+BN+Dropout", "MLP+Dropout")):
    assert curves[bn_name][4, 2] > curves[plain_name][4, 2] + 0.05  # BN: much better after 5 epochs
    assert curves[bn_name][-1, 0] < curves[plain_name][-1, 0]
assert curves["MLP+Dropout"][9, 0] > curves["MLP"][9, 0]  # dropout slows the training loss
torch.set_num_threads(threads)  # leave the build process as it was
# sphinx_gallery_end_ignore
