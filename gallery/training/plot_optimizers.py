r"""
七种优化器：路径与损失曲线
==========================

同一个起点、同一个目标函数，不同的更新规则走出完全不同的路径。本例先在二维的 Rosenbrock 函数上画出 ``torch.optim`` 中 SGD、动量、Nesterov、Adagrad、RMSprop、Adam、Adadelta 各走 300 步的轨迹，再在 scikit-learn 自带的手写数字数据集上用它们训练同一个小网络，比较损失曲线。每个优化器的学习率都是为该问题挑选过的合理值，不同优化器的 ``lr`` 含义不同，数值不能直接比较。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits

# %%
# Rosenbrock 函数上的路径
# -----------------------
#
# :math:`f(x, y) = (1-x)^2 + 100\,(y-x^2)^2` 的最小值在 :math:`(1, 1)`，位于一条弯曲狭长的山谷底部：沿谷底方向很平，垂直方向很陡，是一个典型的病态问题。所有优化器都从 :math:`(-1.2, 1)` 出发，每一步调用 ``loss.backward()`` 与 ``optimizer.step()``。


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


# name -> (optimizer class, hyperparameters); lr chosen for this problem
optimizers = {
    "SGD": (torch.optim.SGD, {"lr": 2e-3}),
    "Momentum": (torch.optim.SGD, {"lr": 1e-3, "momentum": 0.9}),
    "Nesterov": (torch.optim.SGD, {"lr": 1e-3, "momentum": 0.9, "nesterov": True}),
    "Adagrad": (torch.optim.Adagrad, {"lr": 1.0}),
    "RMSprop": (torch.optim.RMSprop, {"lr": 0.03}),
    "Adam": (torch.optim.Adam, {"lr": 0.2}),
    "Adadelta": (torch.optim.Adadelta, {"lr": 10.0}),
}

paths, values = {}, {}
for name, (cls, hyper) in optimizers.items():
    p = torch.nn.Parameter(torch.tensor([-1.2, 1.0], dtype=torch.float64))
    optimizer = cls([p], **hyper)
    path, value = [p.detach().clone()], [rosenbrock(p).item()]
    for _ in range(300):
        optimizer.zero_grad()
        loss = rosenbrock(p)
        loss.backward()
        optimizer.step()
        path.append(p.detach().clone())
        value.append(rosenbrock(p).item())
    paths[name], values[name] = torch.stack(path), value
    print(f"{name:9} {hyper!s:48} steps=300  f = {value[-1]:.2e}  p = ({p[0].item():+.3f}, {p[1].item():+.3f})")

# %%
# 前七幅图是各自的路径（等高线为 :math:`\log_{10} f`，绿点是起点，星号是最小值点），最后一幅是 :math:`f` 随步数的变化。SGD 的学习率受陡峭方向限制，只能很小，沿平坦的谷底走得很慢；动量沿谷底积累速度，走得远得多，Nesterov 的路径比普通动量更平稳。Adagrad、RMSprop、Adadelta 对每个坐标单独缩放步长，很快落到谷底，但谷底是弯曲的，方向并不沿坐标轴，按坐标缩放帮不上忙，沿谷底前进得和 SGD 差不多慢；Adam 在同样的缩放之上还有动量（一阶矩的移动平均），走得和动量法差不多远。

xs, ys = torch.meshgrid(torch.linspace(-2, 2, 200), torch.linspace(-1, 3, 200), indexing="xy")
zs = torch.log10(rosenbrock(torch.stack([xs, ys])) + 1e-3)
fig, axes = plt.subplots(2, 4, figsize=(12, 6), layout="constrained")
for ax, (name, path) in zip(axes.flat, paths.items(), strict=False):
    ax.contour(xs, ys, zs, levels=20, cmap="Greys", linewidths=0.6)
    ax.plot(path[:, 0], path[:, 1], ".-", ms=2, lw=0.8, c="C0")
    ax.plot(-1.2, 1.0, "o", c="C2")
    ax.plot(1, 1, "*", ms=12, c="C3")
    ax.set_title(name)
    ax.set_xlim(-2, 2)
    ax.set_ylim(-1, 3)
    ax.set_xticks([])
    ax.set_yticks([])
last = axes.flat[-1]
for name, value in values.items():
    last.plot(value, label=name, lw=1.2)
last.set_yscale("log")
last.set_xlabel("step")
last.set_ylabel("$f$")
last.legend(fontsize=7, ncol=2)
plt.show()

# %%
# 手写数字上的损失曲线
# --------------------
#
# 一个有 64 个隐藏单元的多层感知机，1200 张图片训练，597 张验证，批量 64，训练 15 个 epoch。七个优化器从同样的初始参数出发，看到同样顺序的批次。

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
digits = load_digits()
X = torch.tensor(digits.data, dtype=torch.float32, device=device) / 16.0
y = torch.tensor(digits.target, device=device)
perm = torch.randperm(len(X), device=device)
X_train, y_train, X_val, y_val = X[perm[:1200]], y[perm[:1200]], X[perm[1200:]], y[perm[1200:]]
loss_fn = torch.nn.CrossEntropyLoss()

# each lr picked from three candidates
digits_lr = {
    "SGD": 0.5,
    "Momentum": 0.05,
    "Nesterov": 0.05,
    "Adagrad": 0.05,
    "RMSprop": 3e-3,
    "Adam": 1e-2,
    "Adadelta": 3.0,
}
curves = {}
for name, (cls, hyper) in optimizers.items():
    torch.manual_seed(0)  # same initial parameters
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).to(device)
    optimizer = cls(model.parameters(), **{**hyper, "lr": digits_lr[name]})
    generator = torch.Generator(device=device).manual_seed(1)  # same order of batches
    train_curve, val_curve = [], []
    for _ in range(15):
        for index in torch.randperm(1200, generator=generator, device=device).split(64):
            optimizer.zero_grad()
            loss_fn(model(X_train[index]), y_train[index]).backward()
            optimizer.step()
        with torch.no_grad():
            train_curve.append(loss_fn(model(X_train), y_train).item())
            val_curve.append(loss_fn(model(X_val), y_val).item())
            accuracy = (model(X_val).argmax(1) == y_val).float().mean().item()
    curves[name] = (train_curve, val_curve)
    print(
        f"{name:9} lr={digits_lr[name]:<6g} train loss {train_curve[-1]:.4f}  val loss {val_curve[-1]:.4f}  val acc {accuracy:.3f}"
    )

# %%
# 左图是训练集损失，右图是验证集损失。在这个小问题上，学习率合适时七个优化器都能达到相近的验证集准确率，差别主要在训练集损失下降的速度；SGD 的学习率较大，曲线上有几次明显的跳动。注意动量法的学习率（0.05）只有 SGD（0.5）的十分之一：``momentum=0.9`` 时缓冲区把梯度放大约 :math:`1/(1-0.9) = 10` 倍，两者的实际步长相当。

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), sharey=True, layout="constrained")
epochs = range(1, 16)
for name, (train_curve, val_curve) in curves.items():
    ax1.plot(epochs, train_curve, label=name)
    ax2.plot(epochs, val_curve, label=name)
ax1.set_yscale("log")
ax1.set_title("train")
ax2.set_title("val")
for ax in (ax1, ax2):
    ax.set_xlabel("epoch")
ax1.set_ylabel("loss")
ax2.legend(ncol=2, fontsize=8)
plt.show()

# %%
# 笔记中相应的说法及其检验见 :ref:`sec-optimizers`。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert values["Momentum"][-1] < values["SGD"][-1] / 10  # momentum gets far further along the valley
assert all(v[-1] < v[0] for v in values.values())
assert values["Adam"][-1] < min(values[n][-1] for n in ("Adagrad", "RMSprop", "Adadelta")) / 10
assert all(train[-1] < 0.15 for train, _ in curves.values())
# sphinx_gallery_end_ignore
