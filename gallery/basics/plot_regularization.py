r"""
L1 与 L2 正则化：约束几何、稀疏性与 weight_decay
================================================

L1 正则化把一部分参数压成精确的 0，L2 正则化只把参数整体缩小。本例先画出两者的约束区域与损失等高线，看最优点落在哪里；再在手写数字数据集上训练 softmax 回归，让正则化系数 :math:`\lambda` 逐渐增大，统计恰好为 0 的权重所占的比例；最后看优化器的 ``weight_decay`` 在一个小型全连接网络上的实际效果。
"""

# sphinx_gallery_thumbnail_number = 1
import itertools

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits

# %%
# 约束几何
# --------
#
# 取二维的二次损失 :math:`L(w)=\tfrac12(w-\hat w)^\top H(w-\hat w)`。最小化 :math:`L(w)+\lambda\|w\|_1` 与在菱形 :math:`\|w\|_1\le t` 内最小化 :math:`L(w)` 等价，L2 对应圆形 :math:`\|w\|_2\le t`。L1 的解用坐标下降求（每一步是一次软阈值），L2 的解是闭式解。

H = torch.tensor([[1.0, 0.4], [0.4, 0.6]], dtype=torch.float64)
w_hat = torch.tensor([1.5, 1.0], dtype=torch.float64)


def loss(w):
    d = w - w_hat
    return 0.5 * torch.einsum("...i,ij,...j->...", d, H, d)


def soft_threshold(z, t):
    return torch.sign(z) * torch.clamp(z.abs() - t, min=0)


def lasso_2d(lam, sweeps=200):
    """Coordinate descent on L(w) + lam * ||w||_1: each coordinate update is a soft threshold."""
    w, b = torch.zeros(2, dtype=torch.float64), H @ w_hat
    for _ in range(sweeps):
        for j in range(2):
            w[j] = soft_threshold(b[j] - H[j] @ w + H[j, j] * w[j], lam) / H[j, j]
    return w


lam = 0.8
w_l1 = lasso_2d(lam)
w_l2 = torch.linalg.solve(H + lam * torch.eye(2, dtype=torch.float64), H @ w_hat)
print("L1 solution:", w_l1.tolist())
print("L2 solution:", w_l2.tolist())

theta = torch.linspace(0, 2 * torch.pi, 2001, dtype=torch.float64)
circle = torch.stack([theta.cos(), theta.sin()], -1)
diamond = circle / circle.abs().sum(-1, keepdim=True)
g = torch.linspace(-1.6, 2.6, 300, dtype=torch.float64)
W1, W2 = torch.meshgrid(g, g, indexing="xy")
Z = loss(torch.stack([W1, W2], -1))
fig, axes = plt.subplots(1, 2, figsize=(9, 4.4), layout="constrained")
panels = (
    (axes[0], w_l1.abs().sum() * diamond, w_l1, "$\\|w\\|_1\\leq t$"),
    (axes[1], w_l2.norm() * circle, w_l2, "$\\|w\\|_2\\leq t$"),
)
for ax, region, w, title in panels:
    ax.contour(W1, W2, Z, levels=[0.02, 0.08, 0.18, 0.32, 0.5, 0.72], colors="C0", linewidths=0.8)
    ax.contour(W1, W2, Z, levels=[loss(w).item()], colors="C3", linewidths=2)
    ax.fill(region[:, 0], region[:, 1], color="C1", alpha=0.35)
    ax.plot(*w_hat, "k+", ms=12, mew=2)
    ax.plot(*w, "o", color="C3", ms=8)
    ax.annotate("$\\hat w$", w_hat, xytext=(6, 6), textcoords="offset points", fontsize=13)
    ax.annotate("$w^*$", w, xytext=(8, -16), textcoords="offset points", fontsize=13)
    ax.axhline(0, color="k", lw=0.6)
    ax.axvline(0, color="k", lw=0.6)
    ax.set(aspect="equal", xlabel="$w_1$", ylabel="$w_2$", xlim=(-1.6, 2.6), ylim=(-1.6, 2.6), title=title)
plt.show()

# %%
# 红色等高线与约束区域相切的点就是解 :math:`w^*`。L1 的切点在菱形的顶点上，:math:`w_2` 恰好为 0；L2 的切点在圆周上，两个分量都不为 0。
#
# 手写数字上的稀疏性
# ------------------
#
# 手写数字数据集的每张图有 64 个像素，softmax 回归（一个 ``nn.Linear(64, 10)`` 加交叉熵）有 640 个权重。L2 正则化直接用 :torch:`torch.optim.SGD` 的 ``weight_decay``；L1 没有现成的选项，在每一步 SGD 之后对权重做一次软阈值（近端梯度法）。两者都只作用于权重，不作用于偏置。

X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float32) / 16
y = torch.tensor(y)
order = torch.randperm(len(X), generator=torch.Generator().manual_seed(0))
X, y = X[order], y[order]
X_train, y_train, X_val, y_val = X[:1000], y[:1000], X[1000:], y[1000:]


def softmax_regression(penalty, lam, steps=300, lr=0.5):
    torch.manual_seed(0)
    model = torch.nn.Linear(64, 10)
    decay = lam if penalty == "L2" else 0.0
    optimizer = torch.optim.SGD([{"params": [model.weight], "weight_decay": decay}, {"params": [model.bias]}], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(X_train), y_train).backward()
        optimizer.step()
        if penalty == "L1":
            with torch.no_grad():  # proximal step of lr * lam * ||W||_1
                model.weight.copy_(soft_threshold(model.weight, lr * lam))
    with torch.no_grad():
        accuracy = (model(X_val).argmax(1) == y_val).float().mean().item()
    return model.weight.detach(), accuracy


lambdas = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1]
results = {(p, lam): softmax_regression(p, lam) for p in ("L1", "L2") for lam in lambdas}
print(" lambda    L1: zeros  accuracy    L2: zeros  accuracy")
for lam in lambdas:
    (w1, a1), (w2, a2) = results["L1", lam], results["L2", lam]
    print(f"{lam:7.0e}   {(w1 == 0).float().mean():9.1%}  {a1:8.3f}   {(w2 == 0).float().mean():9.1%}  {a2:8.3f}")

# %%
# L1 下恰好为 0 的权重比例随 :math:`\lambda` 从几个百分点一直升到 100%，验证准确率在 :math:`\lambda\le 10^{-3}` 时几乎不变（三分之一的权重已经是 0），之后才下降；L2 下没有一个权重恰好为 0。

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for p, marker in (("L1", "o-"), ("L2", "s-")):
    axes[0].semilogx(lambdas, [(results[p, lam][0] == 0).float().mean() for lam in lambdas], marker, label=p)
    axes[1].semilogx(lambdas, [results[p, lam][1] for lam in lambdas], marker, label=p)
axes[0].set(xlabel="$\\lambda$", ylabel="$\\#\\{w_i=0\\}\\,/\\,640$", ylim=(-0.05, 1.05))
axes[1].set(xlabel="$\\lambda$", ylabel="acc", ylim=(0, 1.02))
axes[0].legend()
plt.show()

# %%
# 把 :math:`\lambda=3\times10^{-3}` 时数字 0 到 4 的权重画成 8×8 的图（白色为 0）：L1 下每个数字只有大约一半像素的权重不为 0，其余恰好为 0；L2 下 64 个像素的权重全都不为 0。

lam = 3e-3
fig, axes = plt.subplots(2, 5, figsize=(9, 3.9), layout="constrained")
for row, p in enumerate(("L1", "L2")):
    weight = results[p, lam][0]
    for digit in range(5):
        ax = axes[row, digit]
        image = weight[digit].reshape(8, 8)
        limit = weight.abs().max()
        ax.imshow(image, cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"{p}: {digit}, $\\#\\{{w_i\\neq 0\\}}={int((image != 0).sum())}$", fontsize=9)
plt.show()

# %%
# weight_decay 的实际效果
# -----------------------
#
# 最后在只有 200 个训练样本的小型全连接网络上，用带动量的 SGD 比较不同的 ``weight_decay``。它等价于在 loss 中加 :math:`\tfrac{\mathrm{wd}}{2}\|w\|^2`\ （所有参数，包括偏置），效果首先体现在权重的范数上：wd 越大，范数越小。验证损失在很小的 wd 下略有改善，wd 过大则训练损失和验证损失一起升高，变成欠拟合。


def train_mlp(wd, n=200, steps=300):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=wd)
    norms = []
    for _ in range(steps):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(X_train[:n]), y_train[:n]).backward()
        optimizer.step()
        norms.append(torch.cat([p.detach().flatten() for p in model.parameters()]).norm().item())
    with torch.no_grad():
        train_loss = torch.nn.functional.cross_entropy(model(X_train[:n]), y_train[:n]).item()
        val_loss = torch.nn.functional.cross_entropy(model(X_val), y_val).item()
    return norms, train_loss, val_loss


decays = [0.0, 1e-3, 1e-2, 3e-2, 1e-1]
mlp = {wd: train_mlp(wd) for wd in decays}
print("weight_decay   ||w||   train loss   val loss")
for wd, (norms, train_loss, val_loss) in mlp.items():
    print(f"{wd:12g}  {norms[-1]:6.2f}  {train_loss:10.3f}  {val_loss:9.3f}")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for wd, (norms, _, _) in mlp.items():
    axes[0].plot(norms, label=f"weight_decay={wd:g}")
axes[0].set(xlabel="step", ylabel="$\\|w\\|_2$")
axes[0].legend(fontsize=8)
x = torch.arange(len(decays))
axes[1].plot(x, [mlp[wd][1] for wd in decays], "o-", label="$L_{\\mathrm{train}}$")
axes[1].plot(x, [mlp[wd][2] for wd in decays], "s-", label="$L_{\\mathrm{val}}$")
axes[1].set_xticks(x, [f"{wd:g}" for wd in decays])
axes[1].set(xlabel="weight_decay", ylabel="loss")
axes[1].legend()
plt.show()

# %%
# ``weight_decay`` 在 SGD 与 Adam 中的确切含义、它与 AdamW 的区别，以及如何用参数组把偏置和 BatchNorm 参数排除在衰减之外，见 :ref:`sec-cnn-regularization`；正则化的几何与糖尿病数据上的正则化路径见 :ref:`sec-regularization`。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert w_l1[1] == 0 and (w_l2 != 0).all()
zeros_l1 = [(results["L1", lam][0] == 0).float().mean().item() for lam in lambdas]
assert all(a <= b for a, b in itertools.pairwise(zeros_l1)) and zeros_l1[-1] == 1.0 and zeros_l1[2] > 0.3
assert all((results["L2", lam][0] != 0).all() for lam in lambdas)
assert all((results["L1", 3e-3][0][digit] != 0).sum() <= 36 for digit in range(5))
assert results["L1", 1e-3][1] > results["L1", 1e-4][1] - 0.01 and results["L1", 1e-1][1] < 0.5
norms = [mlp[wd][0][-1] for wd in decays]
assert all(a > b for a, b in itertools.pairwise(norms))
assert mlp[1e-3][2] <= mlp[0.0][2] + 0.005 and mlp[1e-1][1] > 5 * mlp[0.0][1] and mlp[1e-1][2] > mlp[0.0][2]
# sphinx_gallery_end_ignore
