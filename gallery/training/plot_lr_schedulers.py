r"""
学习率调整策略：三条学习率曲线
==============================

``torch.optim.lr_scheduler`` 中的调整策略在训练过程中改写优化器的学习率。本例在 scikit-learn 自带的手写数字数据集上训练一个小的多层感知机，用三种调整策略调整学习率：按 epoch 指数衰减的 ``ExponentialLR``，在验证集损失停滞时减小学习率的 ``ReduceLROnPlateau``，以及按 batch 在两个值之间往返的 ``CyclicLR``。图中画出每一步实际使用的学习率，并与它们的公式比较。
"""

# sphinx_gallery_thumbnail_number = 2
import math

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits
from torch.optim import lr_scheduler

# %%
# 数据与模型
# ----------
#
# 1797 张 8×8 的手写数字，随机取 1200 张训练，其余 597 张作验证集。模型是一个有 64 个隐藏单元的多层感知机。``train`` 函数每个 epoch 遍历一次训练集（批量 64），``after_batch`` 与 ``after_epoch`` 两个回调决定何时调用 ``scheduler.step()``：这是三个调整策略唯一的区别。

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
digits = load_digits()
X = torch.tensor(digits.data, dtype=torch.float32, device=device) / 16.0
y = torch.tensor(digits.target, device=device)
perm = torch.randperm(len(X), device=device)
X_train, y_train = X[perm[:1200]], y[perm[:1200]]
X_val, y_val = X[perm[1200:]], y[perm[1200:]]
loss_fn = torch.nn.CrossEntropyLoss()


def make_model():
    torch.manual_seed(0)  # every run starts from the same initial parameters
    return torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).to(device)


def train(model, optimizer, epochs, after_batch=None, after_epoch=None):
    """Train; return the lr of every batch and the validation loss of every epoch."""
    lrs, val_losses = [], []
    generator = torch.Generator(device=device).manual_seed(1)
    for _ in range(epochs):
        for index in torch.randperm(len(X_train), generator=generator, device=device).split(64):
            lrs.append(optimizer.param_groups[0]["lr"])
            optimizer.zero_grad()
            loss_fn(model(X_train[index]), y_train[index]).backward()
            optimizer.step()  # optimizer.step() first ...
            if after_batch:
                after_batch()  # ... then scheduler.step()
        with torch.no_grad():
            val_losses.append(loss_fn(model(X_val), y_val).item())
        if after_epoch:
            after_epoch(val_losses[-1])
    return lrs, val_losses


batches_per_epoch = math.ceil(len(X_train) / 64)
print("X_train", tuple(X_train.shape), " X_val", tuple(X_val.shape), " batches_per_epoch", batches_per_epoch)

# %%
# ExponentialLR：每个 epoch 乘以 gamma
# ------------------------------------
#
# ``ExponentialLR(optimizer, gamma=0.85)`` 每个 epoch 调用一次 ``step()``，第 :math:`t` 个 epoch 的学习率是 :math:`\eta_0\gamma^t`。

model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
scheduler = lr_scheduler.ExponentialLR(optimizer, gamma=0.85)
exp_lrs, exp_val = train(model, optimizer, epochs=30, after_epoch=lambda _: scheduler.step())
epoch_lrs = exp_lrs[::batches_per_epoch]  # lr of the first batch of every epoch
formula = [0.2 * 0.85**t for t in range(30)]
print("max relative error:", max(abs(a / b - 1) for a, b in zip(epoch_lrs, formula, strict=True)))

fig, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
ax.plot(range(30), epoch_lrs, "o", label="ExponentialLR")
ax.plot(range(30), formula, "-", label=r"$0.2 \cdot 0.85^t$")
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("lr")
ax.legend()
plt.show()

# %%
# ReduceLROnPlateau：跟随验证集损失
# ---------------------------------
#
# ``ReduceLROnPlateau`` 每个 epoch 接收一次验证集损失 ``scheduler.step(val_loss)``。损失连续超过 ``patience=3`` 个 epoch 没有低于历史最好值的 :math:`1-10^{-4}` 倍时，学习率减半。下图上半部分是验证集损失（竖线标出学习率减小的 epoch），下半部分是学习率：开始时损失下降，学习率不变；损失停止下降以后，学习率每隔几个 epoch 减半一次。

model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=3)
plateau_lrs, plateau_val = train(model, optimizer, epochs=40, after_epoch=scheduler.step)
epoch_lrs = plateau_lrs[::batches_per_epoch]
drops = [t for t in range(1, 40) if epoch_lrs[t] < epoch_lrs[t - 1]]
print("lr reduced at epochs:", drops)
print("final lr:", optimizer.param_groups[0]["lr"], f" min val loss: {min(plateau_val):.4f}")

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6, 4.6), sharex=True, layout="constrained")
ax1.plot(range(40), plateau_val, "o-", ms=3, c="C1")
ax1.set_ylabel("val loss")
ax1.set_yscale("log")
for t in drops:
    ax1.axvline(t - 0.5, c="gray", lw=0.8, ls=":")
ax2.step(range(40), epoch_lrs, where="post")
ax2.set_yscale("log")
ax2.set_xlabel("epoch")
ax2.set_ylabel("lr")
ax1.set_title("ReduceLROnPlateau(factor=0.5, patience=3)")
plt.show()

# %%
# CyclicLR：每个 batch 都变
# -------------------------
#
# ``CyclicLR`` 每个 batch 调用一次 ``step()``。这里 ``step_size_up`` 取 2 个 epoch 的 batch 数：学习率用 2 个 epoch 从 ``base_lr`` 线性升到 ``max_lr``，再用 2 个 epoch 降回。默认 ``cycle_momentum=True``，动量同时在 0.9 与 0.8 之间反向循环，下图一并画出。

model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = lr_scheduler.CyclicLR(optimizer, base_lr=0.01, max_lr=0.2, step_size_up=2 * batches_per_epoch)
momenta = []


def cyclic_step():
    scheduler.step()
    momenta.append(optimizer.param_groups[0]["momentum"])


cyclic_lrs, cyclic_val = train(model, optimizer, epochs=12, after_batch=cyclic_step)
momenta = [0.9, *momenta[:-1]]  # aligned with cyclic_lrs: the momentum used by batch t


def triangle(t, low, high, step):
    """The triangular wave of CyclicLR: 0 at the start of a cycle, 1 at its middle."""
    cycle = math.floor(1 + t / (2 * step))
    return low + (high - low) * max(0.0, 1 - abs(t / step - 2 * cycle + 1))


step = 2 * batches_per_epoch
formula = [triangle(t, 0.01, 0.2, step) for t in range(len(cyclic_lrs))]
largest = max(abs(a - b) for a, b in zip(cyclic_lrs, formula, strict=True))
print("batches:", len(cyclic_lrs), f" max |lr - formula|: {largest:.1e}")
print("val loss (every 2 epochs):", [round(v, 3) for v in cyclic_val[1::2]])

fig, ax1 = plt.subplots(figsize=(7, 3.2), layout="constrained")
ax1.plot(cyclic_lrs, c="C0")
ax1.set_xlabel("batch")
ax1.set_ylabel("lr", color="C0")
ax2 = ax1.twinx()
ax2.plot(momenta, c="C3", ls="--")
ax2.set_ylabel("momentum", color="C3")
ax1.set_title("CyclicLR(base_lr=0.01, max_lr=0.2, mode='triangular')")
plt.show()

# %%
# 三种调整策略的结果
# ------------------
#
# 三次训练的模型、数据和初始参数都相同，只有学习率的变化方式不同。下表给出各自的最低与最终验证集损失。这不是对调整策略的公平比较（超参数都没有调过），只说明它们都能把训练带到相近的水平。

for name, val in [("ExponentialLR", exp_val), ("ReduceLROnPlateau", plateau_val), ("CyclicLR", cyclic_val)]:
    print(f"{name:18} epochs={len(val):<3} min val loss={min(val):.4f}  final val loss={val[-1]:.4f}")

# %%
# 笔记中相应的说法及其检验见 :ref:`sec-learning-rate`。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert all(
    math.isclose(a, b, rel_tol=1e-12)
    for a, b in zip(exp_lrs[::batches_per_epoch], [0.2 * 0.85**t for t in range(30)], strict=True)
)
assert len(drops) >= 3 and drops[0] > 4  # the loss fell first, then the lr was halved several times
assert all(math.isclose(a, b, abs_tol=1e-12) for a, b in zip(cyclic_lrs, formula, strict=True))
assert all(
    math.isclose(m, 0.9 - 0.1 * (lr - 0.01) / 0.19, abs_tol=1e-9) for m, lr in zip(momenta, cyclic_lrs, strict=True)
)
# sphinx_gallery_end_ignore
