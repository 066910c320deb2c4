r"""
多分支网络：孪生网络与三元组网络
================================

孪生网络（Siamese network）和三元组网络（triplet network）有两个或三个分支，但所有分支是同一个网络：权重共享，参数只有一份。它们学的不是类别，而是一个嵌入（embedding）：同类样本靠近，异类样本远离。本例在 scikit-learn 自带的 8×8 手写数字上训练一个输出二维嵌入的小卷积网络，分别用对比损失（contrastive loss，两个分支）和三元组损失（triplet loss，三个分支，:torch:`torch.nn.TripletMarginLoss`），把训练前后的嵌入画出来，并用最近邻分类的准确率衡量嵌入的好坏。
"""

# sphinx_gallery_thumbnail_number = 1
import copy

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

# %%
# 数据与嵌入网络
# --------------
#
# ``load_digits`` 随 scikit-learn 安装，不需要下载：1,797 张 8×8 的灰度图，灰度值 0–16。按类别分层划出四分之一作测试集。嵌入网络是两层步长为 2 的卷积加两层全连接层，最后一层只有 2 个输出，嵌入可以直接画在平面上。

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "cpu"
threads = torch.get_num_threads()
torch.set_num_threads(1)  # one thread is plenty for a network this small, and it avoids contention on a busy CPU
digits = load_digits()
x = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16  # (N, 1, 8, 8) in [0, 1]
y = torch.tensor(digits.target)
idx_train, idx_test = train_test_split(torch.arange(len(y)).numpy(), test_size=0.25, stratify=y, random_state=0)
x_train, y_train, x_test, y_test = x[idx_train], y[idx_train], x[idx_test], y[idx_test]

initial = nn.Sequential(
    nn.Conv2d(1, 16, 3, stride=2, padding=1),
    nn.ReLU(),  # 16×4×4
    nn.Conv2d(16, 32, 3, stride=2, padding=1),
    nn.ReLU(),  # 32×2×2
    nn.Flatten(),
    nn.Linear(32 * 2 * 2, 64),
    nn.ReLU(),
    nn.Linear(64, 2),
)
print(f"train / test: {len(y_train)} / {len(y_test)}, embedding dimension: {initial(x_test[:1]).shape[1]}")

# %%
# 分支共享权重
# ------------
#
# “三个分支”只是把同一个模块调用三次。包装成 ``TripletNet`` 后，三个分支用的是同一组参数张量，``parameters()`` 里每个张量只出现一次，参数量与一个分支相同；三个互相独立的副本则有三倍的参数。反向传播时，三个分支的梯度累加到这同一份参数上：对三个分支输出之和求出的梯度，等于对每个分支分别求梯度再相加。


class TripletNet(nn.Module):
    def __init__(self, embed):
        super().__init__()
        self.embed = embed  # one network ...

    def forward(self, anchor, positive, negative):
        return self.embed(anchor), self.embed(positive), self.embed(negative)  # ... applied three times


class SiameseNet(nn.Module):
    def __init__(self, embed):
        super().__init__()
        self.embed = embed

    def forward(self, a, b):
        return self.embed(a), self.embed(b)


triplet_net = TripletNet(copy.deepcopy(initial)).to(device)
siamese_net = SiameseNet(copy.deepcopy(initial)).to(device)
unshared = nn.ModuleList(copy.deepcopy(initial) for _ in range(3))  # three independent copies, for comparison
print(
    "parameters: one branch",
    sum(p.numel() for p in initial.parameters()),
    "| TripletNet (shared)",
    sum(p.numel() for p in triplet_net.parameters()),
    "| three unshared copies",
    sum(p.numel() for p in unshared.parameters()),
)
print("tensors named in TripletNet:", [name for name, _ in triplet_net.named_parameters()][:4], "...")

# the gradient of a loss through all three branches is the sum of the three branches' gradients
a, p, n = x_train[:4].to(device), x_train[4:8].to(device), x_train[8:12].to(device)
triplet_net.zero_grad()
sum(out.sum() for out in triplet_net(a, p, n)).backward()
total = triplet_net.embed[0].weight.grad.clone()
per_branch = []
for inputs in (a, p, n):
    triplet_net.zero_grad()
    triplet_net.embed(inputs).sum().backward()
    per_branch.append(triplet_net.embed[0].weight.grad.clone())
print("grad(all branches) == sum of grad(each branch):", torch.allclose(total, sum(per_branch), atol=1e-6))
triplet_net.zero_grad()

# %%
# 取样与两种损失
# --------------
#
# 每个训练样本当作锚点（anchor）：三元组网络再随机取一个同类样本（正例）和一个异类样本（负例），:torch:`torch.nn.TripletMarginLoss` 要求 :math:`d(a, p) + m \le d(a, n)`，否则损失为 :math:`d(a, p) - d(a, n) + m`；孪生网络每次取一对样本，对比损失对同类对惩罚距离的平方 :math:`d^2`，对异类对惩罚 :math:`\max(0, m - d)^2`，即只把距离小于间隔 :math:`m` 的异类对推开。


by_class = torch.argsort(y_train, stable=True)  # training indices grouped by class
class_size = torch.bincount(y_train, minlength=10)
class_start = torch.cumsum(class_size, 0) - class_size


def random_member(classes, generator):
    """The index of a random training sample of each given class."""
    offset = (torch.rand(len(classes), generator=generator) * class_size[classes]).long()
    return by_class[class_start[classes] + offset]


def sample_same_and_other(labels, generator):
    """For each label, a random training sample of the same class and one of another class."""
    other_class = (labels + torch.randint(1, 10, labels.shape, generator=generator)) % 10
    return random_member(labels, generator), random_member(other_class, generator)


def contrastive_loss(e1, e2, same, margin=1.0):
    d = nn.functional.pairwise_distance(e1, e2)
    return torch.where(same, d**2, torch.clamp(margin - d, min=0) ** 2).mean()


def train(net, kind, epochs=30, batch=128):
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(2)
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    triplet_loss = nn.TripletMarginLoss(margin=1.0)
    for _ in range(epochs):
        for idx in torch.randperm(len(y_train)).split(batch):
            pos, neg = sample_same_and_other(y_train[idx], generator)
            anchor = x_train[idx].to(device)
            if kind == "triplet":
                loss = triplet_loss(*net(anchor, x_train[pos].to(device), x_train[neg].to(device)))
            else:  # a pair: same class or not with probability 1/2
                same = torch.rand(len(idx), generator=generator) < 0.5
                other = torch.where(same, pos, neg)
                loss = contrastive_loss(*net(anchor, x_train[other].to(device)), same.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return loss.item()


print(f"last batch loss: triplet {train(triplet_net, 'triplet'):.3f}, contrastive {train(siamese_net, 'pair'):.3f}")

# %%
# 训练前后的嵌入
# --------------
#
# 左图是随机初始化的网络给出的嵌入（两个网络的初始权重相同），中图和右图是训练后的嵌入；点是测试集样本，颜色是真实类别。训练 30 个 epoch 后，同一数字大体聚成一团，不同数字彼此分开，只有少数几类在边缘交错。


@torch.no_grad()
def embed(net, images):
    return net.embed.eval()(images.to(device)).cpu()


def nearest_neighbour_accuracy(train_emb, test_emb):
    """1-NN: each test sample takes the class of the closest training sample in the embedding."""
    nearest = torch.cdist(test_emb, train_emb).argmin(1)
    return (y_train[nearest] == y_test).float().mean().item()


nets = {
    "epoch 0": SiameseNet(initial).to(device),
    "Siamese, contrastive": siamese_net,
    "triplet, TripletMarginLoss": triplet_net,
}
panels = {name: (embed(net, x_train), embed(net, x_test)) for name, net in nets.items()}
accuracy = {name: nearest_neighbour_accuracy(*pair) for name, pair in panels.items()}
fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), layout="constrained")
for ax, (name, (_, test_emb)) in zip(axes, panels.items(), strict=True):
    points = ax.scatter(*test_emb.T, c=y_test, cmap="tab10", vmin=-0.5, vmax=9.5, s=9)
    ax.set_title(f"{name}\n1-NN acc = {accuracy[name]:.3f}", fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(points, ax=axes, ticks=range(10), label="y", shrink=0.9)
plt.show()

# %%
# 最近邻准确率
# ------------
#
# 在二维嵌入中，每个测试样本取离它最近的训练样本的类别。作为参照，也给出直接在 64 维原始像素上做最近邻的准确率：二维嵌入把每张图压成 2 个数，仍然保住了大部分类别信息，但不必比 64 维的原始像素更准。这一次小实验中两种损失的高低，也不足以判断哪种多分支结构更好。

raw = nearest_neighbour_accuracy(x_train.flatten(1), x_test.flatten(1))
for name, acc in accuracy.items():
    print(f"1-NN accuracy, 2-D embedding, {name:<28}: {acc:.3f}")
print(f"{'1-NN accuracy, raw 64 pixels':<58}: {raw:.3f}")

# %%
# 笔记中相应的说法及其检验见 :ref:`sec-architectures`。

# sphinx_gallery_start_ignore
# Checks that keep the text honest: shared weights, gradients summed over branches, and training helps a lot.
one_branch = sum(p.numel() for p in initial.parameters())
assert sum(p.numel() for p in triplet_net.parameters()) == one_branch
assert sum(p.numel() for p in unshared.parameters()) == 3 * one_branch
assert torch.allclose(total, sum(per_branch), atol=1e-6)
assert accuracy["epoch 0"] < 0.6
assert accuracy["Siamese, contrastive"] > 0.8 and accuracy["triplet, TripletMarginLoss"] > 0.8
torch.set_num_threads(threads)  # the gallery build runs every example in one process
# sphinx_gallery_end_ignore
