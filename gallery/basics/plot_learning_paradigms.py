r"""
有监督、无监督与半监督：在手写数字上各做一次
============================================

同一份数据，标签用得越多，能学到的越多。本例在 scikit-learn 自带的手写数字数据集 digits 上用 torch 各实现一次三种学习方式：用全部标签训练 softmax 回归（有监督），只用像素做 k 均值聚类（无监督），只用 5% 的标签再加自训练得到的伪标签（半监督），然后把真实标签、聚类结果和伪标签画在同一张二维投影上。对应的说明见 :ref:`sec-learning-paradigms`。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits

# %%
# 数据
# ----
#
# 1797 张 8×8 的灰度图，每张展平成 64 个像素，标签是 0 到 9。留出 450 张作测试集，其余 1347 张作训练集；半监督的情形只保留训练集中 5% 样本的标签。

torch.manual_seed(0)
digits_x, digits_y = load_digits(return_X_y=True)
x = torch.tensor(digits_x, dtype=torch.float32) / 16  # pixels 0-16 -> [0, 1]
y = torch.tensor(digits_y)
perm = torch.randperm(len(y))
x_test, y_test, x_train, y_train = x[perm[:450]], y[perm[:450]], x[perm[450:]], y[perm[450:]]
labelled = torch.randperm(len(y_train))[: round(0.05 * len(y_train))]
print("train:", len(y_train), " test:", len(y_test), " labelled (5%):", len(labelled))

# %%
# 有监督：softmax 回归
# --------------------
#
# 一个全连接层加交叉熵损失，训练的每一步都用到标签。


def fit_softmax_regression(x, y, epochs=100, lr=0.1):
    torch.manual_seed(0)
    model = torch.nn.Linear(x.shape[1], 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    for _ in range(epochs):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


supervised = accuracy(fit_softmax_regression(x_train, y_train), x_test, y_test)
print(f"all labels: test accuracy {supervised:.3f}")

# %%
# 无监督：k 均值
# --------------
#
# k 均值只看像素：k-means++ 选初始中心，然后反复把每个样本分给最近的中心、把中心移到簇的均值。簇的编号没有含义；训练之后才用标签评价，纯度是把每个簇按其中最多的真实标签命名后的准确率。


def kmeans(x, k, iters=50, seed=0):
    generator = torch.Generator().manual_seed(seed)
    centres = x[torch.randint(len(x), (1,), generator=generator)]
    for _ in range(k - 1):
        d2 = torch.cdist(x, centres).min(dim=1).values ** 2
        centres = torch.cat([centres, x[torch.multinomial(d2, 1, generator=generator)]])
    for _ in range(iters):
        assign = torch.cdist(x, centres).argmin(dim=1)
        centres = torch.stack([x[assign == j].mean(0) if (assign == j).any() else centres[j] for j in range(k)])
    return torch.cdist(x, centres).argmin(dim=1)


clusters = kmeans(x_train, 10)
purity = sum(int(torch.bincount(y_train[clusters == j]).max()) for j in clusters.unique()) / len(y_train)
print(f"k-means, no labels: purity {purity:.3f}")

# %%
# 半监督：自训练得到伪标签
# ------------------------
#
# 先只用 5% 的标签训练，再让模型给没有标签的样本打伪标签：每一轮每个类别只收下模型最有把握的一批，然后在标签加伪标签上重新训练，三轮之后每个训练样本都有了标签。


def self_training(x, labelled, labels, rounds=3, per_class=40):
    pseudo = torch.full((len(x),), -1)
    pseudo[labelled] = labels
    model = fit_softmax_regression(x[labelled], labels)
    for r in range(1, rounds + 1):
        with torch.no_grad():
            confidence, predicted = model(x).softmax(dim=1).max(dim=1)
        for c in range(10):
            candidates = torch.nonzero((predicted == c) & (pseudo == -1)).flatten()
            pseudo[candidates[confidence[candidates].argsort(descending=True)[: per_class * r]]] = c
        chosen = pseudo != -1
        model = fit_softmax_regression(x[chosen], pseudo[chosen])
    return pseudo, model


few = accuracy(fit_softmax_regression(x_train[labelled], y_train[labelled]), x_test, y_test)
pseudo, model = self_training(x_train, labelled, y_train[labelled])
semi = accuracy(model, x_test, y_test)
wrong = pseudo != y_train
print(f"5% labels only: test accuracy {few:.3f}")
print(f"5% labels + pseudo-labels: test accuracy {semi:.3f} ({int(wrong.sum())} of {len(y_train)} pseudo-labels wrong)")

# %%
# 画在同一张投影上
# ----------------
#
# 用主成分分析（PCA）把 64 维的像素投影到前两个主成分 :math:`z_1, z_2` 上。左图按真实标签 :math:`y` 着色，数字标在每类的中心；中图按 k 均值的簇着色，簇用字母命名、换了一套颜色，因为簇的编号不是数字；右图按伪标签 :math:`\tilde y` 着色，黑边圆点是那 5% 有真实标签的样本，黑色叉号是伪标签错了（:math:`\tilde y \neq y`）的样本。可以看到，错误集中在几类数字相互重叠的区域。

centred = x_train - x_train.mean(0)
_, _, v = torch.linalg.svd(centred, full_matrices=False)
xy = centred @ v[:2].T  # first two principal components

fig, axes = plt.subplots(1, 3, figsize=(13, 4.4), layout="constrained", sharex=True, sharey=True)
dot = {"s": 8, "alpha": 0.7, "linewidths": 0}
axes[0].scatter(xy[:, 0], xy[:, 1], c=y_train, cmap="tab10", vmin=-0.5, vmax=9.5, **dot)
for digit in range(10):
    cx, cy = xy[y_train == digit].mean(0)
    axes[0].text(cx, cy, str(digit), fontsize=15, ha="center", va="center")
axes[0].set_title("$y$")
palette = plt.get_cmap("tab20b")(torch.arange(0, 20, 2).tolist())  # another palette: clusters are not digits
axes[1].scatter(xy[:, 0], xy[:, 1], c=palette[clusters], **dot)
for j in range(10):
    cx, cy = xy[clusters == j].mean(0)
    axes[1].text(cx, cy, "ABCDEFGHIJ"[j], fontsize=15, ha="center", va="center")
axes[1].set_title("k-means, $k=10$")
axes[2].scatter(xy[:, 0], xy[:, 1], c=pseudo, cmap="tab10", vmin=-0.5, vmax=9.5, **dot)
axes[2].scatter(xy[labelled, 0], xy[labelled, 1], c=y_train[labelled], cmap="tab10", vmin=-0.5, vmax=9.5,
                s=40, edgecolors="black", linewidths=1.2)  # fmt: skip
axes[2].scatter(xy[wrong, 0], xy[wrong, 1], marker="x", color="black", s=18, linewidths=1)
axes[2].set_title(rf"$\tilde y$  ($|y|={len(labelled)}$,  $\times$: $\tilde y \neq y$)")
for ax in axes:
    ax.set_xlabel("$z_1$")
axes[0].set_ylabel("$z_2$")
plt.show()

# %%
# 结果
# ----
#
# 标签越多越好；但只有 5% 的标签时，没有标签的样本通过伪标签也能帮上忙。

table = [
    (f"all {len(y_train)}", supervised),
    (f"{len(labelled)}", few),
    (f"{len(labelled)} + pseudo-labels", semi),
    ("none (k-means purity)", purity),
]
print(f"{'labels used':>26} {'test accuracy':>14}")
for used, score in table:
    print(f"{used:>26} {score:14.3f}")

# sphinx_gallery_start_ignore
# Checks that keep the text and the figure honest.
assert supervised > semi > few
assert torch.equal(pseudo[labelled], y_train[labelled]) and (pseudo >= 0).all()
# sphinx_gallery_end_ignore
