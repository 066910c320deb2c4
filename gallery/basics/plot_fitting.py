r"""
过拟合与欠拟合：真实数据上的 U 形曲线
=====================================

在 scikit-learn 自带的手写数字数据集上，用前两个主成分的多项式特征做分类，让多项式次数 :math:`d` 从 0 增加到 15。训练误差随 :math:`d` 单调下降，验证误差先降后升：左边欠拟合，右边过拟合，中间某个次数最好。训练集越大，验证误差整体越低，过拟合来得越晚、越轻。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits

# %%
# 数据与模型
# ----------
#
# 手写数字数据集有 1797 张 8×8 的灰度图，共 10 类。每次随机取 ``n`` 张作训练集，其余作验证集；只用训练集计算主成分（PCA），把每张图投影到前两个主成分上，再缩放到 :math:`[-1, 1]`。模型是一个线性分类器：对所有次数不超过 :math:`d` 的单项式 :math:`z_1^i z_2^j`\ （:math:`i+j\le d`，共 :math:`(d+1)(d+2)/2` 个特征）做最小二乘回归，目标是类别的 one-hot 向量，预测取得分最大的类。次数 :math:`d` 就是模型复杂度的旋钮。

X, y = load_digits(return_X_y=True)
X = torch.tensor(X, dtype=torch.float64)
y = torch.tensor(y)
print("images:", tuple(X.shape), " classes:", int(y.max()) + 1)


def monomials(z, degree):
    """All z1^i * z2^j with i + j <= degree, one column each."""
    return torch.stack([z[:, 0] ** i * z[:, 1] ** j for i in range(degree + 1) for j in range(degree + 1 - i)], 1)


def split(n, generator):
    """A random training set of n images, the rest for validation; 2 principal components of the training set."""
    order = torch.randperm(len(X), generator=generator)
    train, val = order[:n], order[n:]
    mean = X[train].mean(0)
    _, _, Vh = torch.linalg.svd(X[train] - mean, full_matrices=False)
    z = (X - mean) @ Vh[:2].T
    z = z / z[train].abs().max(0).values  # training images in [-1, 1]
    return z, train, val


def errors(z, train, val, degree):
    """Training and validation error rates of the least-squares classifier of this degree."""
    A = monomials(z, degree)
    targets = torch.nn.functional.one_hot(y[train], 10).double()
    W = torch.linalg.lstsq(A[train], targets).solution
    predicted = (A @ W).argmax(1)
    return (predicted[train] != y[train]).double().mean().item(), (predicted[val] != y[val]).double().mean().item()


# %%
# 扫描多项式次数
# --------------
#
# 对每个训练集大小 ``n``，随机划分 20 次，对每个 :math:`d` 求训练误差和验证误差的平均值。

degrees = list(range(16))
curves = {}
for n in (100, 200, 400):
    generator = torch.Generator().manual_seed(0)
    runs = []
    for _ in range(20):
        z, train, val = split(n, generator)
        runs.append([errors(z, train, val, d) for d in degrees])
    curves[n] = torch.tensor(runs).mean(0)  # (16 degrees, 2)

print(" d  " + "".join(f"  train(n={n})  val(n={n})" for n in curves))
for d in degrees:
    print(f"{d:2}  " + "".join(f"{curves[n][d, 0]:12.3f} {curves[n][d, 1]:11.3f}" for n in curves))

# %%
# 左图是 ``n=100`` 时的两条曲线：训练误差一路降到 0，验证误差在中间最低，两侧都高。右图比较三个训练集大小的验证误差（星号是各自的最低点）：数据越多，验证误差整体越低，右侧的上升来得越晚、越缓。

fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
train_err, val_err = curves[100][:, 0], curves[100][:, 1]
best = int(val_err.argmin())
axes[0].plot(degrees, train_err, "o-", label="$E_{\\mathrm{train}}$")
axes[0].plot(degrees, val_err, "s-", label="$E_{\\mathrm{val}}$")
axes[0].axvline(best, color="gray", ls=":")
axes[0].set(xlabel="$d$", ylabel="$E$", title="$n=100$", ylim=(0, 1))
axes[0].legend()
for n, curve in curves.items():
    axes[1].plot(degrees, curve[:, 1], "s-", label=f"$n={n}$")
    axes[1].plot(int(curve[:, 1].argmin()), curve[:, 1].min(), "k*", ms=12)
axes[1].set(xlabel="$d$", ylabel="$E_{\\mathrm{val}}$", ylim=(0, 1))
axes[1].legend()
plt.show()
print(
    f"n=100: best degree d={best}, validation error {val_err[best]:.3f} (d=1: {val_err[1]:.3f}, d=15: {val_err[15]:.3f})"
)

# %%
# 决策区域
# --------
#
# 在一次划分（``n=100``）上画出三个次数的决策区域：每个颜色是一个类，圆点是训练图像。:math:`d=1` 的边界是直线，分不开相互交错的类（欠拟合）；中间的次数边界弯曲而平滑；:math:`d=13` 的区域支离破碎，为了把每个训练点都分对而绕出许多小块（过拟合），这些小块在新图像上多半是错的。

z, train, val = split(100, torch.Generator().manual_seed(0))
grid = torch.linspace(-1.3, 1.3, 250, dtype=torch.float64)
G1, G2 = torch.meshgrid(grid, grid, indexing="xy")
points = torch.stack([G1.flatten(), G2.flatten()], 1)
fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), layout="constrained")
for ax, d in zip(axes, (1, best, 13), strict=True):
    A = monomials(z, d)
    W = torch.linalg.lstsq(A[train], torch.nn.functional.one_hot(y[train], 10).double()).solution
    regions = (monomials(points, d) @ W).argmax(1).reshape(G1.shape)
    ax.imshow(regions, origin="lower", extent=(-1.3, 1.3, -1.3, 1.3), cmap="tab10", vmin=0, vmax=9, alpha=0.45)
    ax.scatter(z[train, 0], z[train, 1], c=y[train], cmap="tab10", vmin=0, vmax=9, s=14, edgecolors="k", linewidths=0.4)
    train_error, val_error = errors(z, train, val, d)
    ax.set_title(f"$d={d}$:  $E_{{\\mathrm{{train}}}}={train_error:.2f}$,  $E_{{\\mathrm{{val}}}}={val_error:.2f}$")
    ax.set(xlabel="$z_1$", ylabel="$z_2$")
plt.show()

# %%
# 回到正文：:ref:`sec-fitting` 用合成数据做了偏差-方差分解，并实测了各种应对方法。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert 3 <= best <= 8, best
assert val_err[best] < val_err[1] - 0.1 and val_err[best] < val_err[15] - 0.2  # a U, with both arms
assert train_err[15] < 0.05 < train_err[best] < train_err[1]  # training error falls
for n in (200, 400):
    assert curves[n][15, 1] < curves[100][15, 1] - 0.1  # more data: less overfitting
assert int(curves[400][:, 1].argmin()) >= best
# sphinx_gallery_end_ignore
