r"""
截取网络：切片 children() 与前向钩子
====================================

把 children() 的切片装进 nn.Sequential，得到的模块只按注册顺序调用子模块，forward 里的其他运算（残差相加、torch.flatten……）都会丢失。本例在手写数字上训练一个带残差连接的小网络，分别用切片和前向钩子取同一层的特征图，把两者画在一起：形状相同，内容却不同。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn

# %%
# 一个带残差连接的小网络
# ----------------------
#
# 激活函数都是子模块（``nn.ReLU``），但残差相加 ``x + self.block(x)`` 和展平 ``torch.flatten`` 写在 ``forward`` 里，不属于任何子模块。


class SmallResNet(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.conv1 = nn.Conv2d(1, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU()
        self.block = nn.Sequential(nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c))
        self.act = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, 10)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.act(x + self.block(x))  # the residual addition lives here, not in a child module
        x = torch.flatten(self.pool(x), 1)
        return self.fc(x)


# %%
# 先在 8×8 手写数字上训练几轮，让特征图有意义。

device = "cuda" if torch.cuda.is_available() else "cpu"
digits = load_digits()
images = (torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16).to(device)
labels = torch.tensor(digits.target).to(device)

threads = torch.get_num_threads()
torch.set_num_threads(1)  # such small convolutions run faster on one thread than on several
torch.manual_seed(0)
model = SmallResNet().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(8):
    for batch in torch.randperm(len(images), device=device).split(64):
        loss = F.cross_entropy(model(images[batch]), labels[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
torch.set_num_threads(threads)
model.eval()
with torch.no_grad():
    accuracy = (model(images).argmax(1) == labels).float().mean().item()
print(f"train accuracy after 8 epochs: {accuracy:.3f}")
print("children:", [name for name, _ in model.named_children()])

# %%
# 两种取法
# --------
#
# 目标是残差块之后、``self.act`` 的输出。切片取前五个子模块 ``conv1, bn1, relu, block, act``，它们被依次调用，于是算出的是 ``act(block(x))``，少了 ``+ x``。钩子挂在 ``model.act`` 上，让原网络完整地跑一遍，拿到的是真正的 ``act(x + block(x))``。注意切片得到的 ``Sequential`` 与原网络共享同一批子模块对象：如果钩子还没移除就运行切片，钩子也会被触发，存下的结果就被覆盖了，所以先用钩子取值、移除钩子，再运行切片。

sample = images[:1]
captured = {}
handle = model.act.register_forward_hook(lambda module, args, output: captured.update(act=output))
with torch.no_grad():
    model(sample)
handle.remove()  # otherwise the hook keeps firing on every later call
by_hook = captured["act"]

sliced = nn.Sequential(*list(model.children())[:5])  # the same module objects, not copies
print("shares the original's modules:", sliced[4] is model.act)
with torch.no_grad():
    by_slice = sliced(sample)
print("shapes:", tuple(by_slice.shape), tuple(by_hook.shape))
print("max |difference|:", round((by_slice - by_hook).abs().max().item(), 3))

# %%
# 下图画出差异最大的 8 个通道（最左一列是输入的数字）。第一行是钩子取到的真实特征图，第二行是切片得到的特征图，两行用同一个色标；第三行是两者之差。切片丢掉了残差连接带来的那一份输入 ``x``；``x`` 是 ReLU 的输出，处处非负，而 ReLU 是单调的，所以真实特征图处处不小于切片的结果，差值处处非负，只是有的位置多、有的位置少。

difference = (by_hook - by_slice)[0].cpu()
shown = difference.abs().sum((1, 2)).argsort(descending=True)[:8].sort().values  # the 8 most affected channels
rows = [
    (by_hook[0].cpu(), "hook", "viridis"),
    (by_slice[0].cpu(), "children()[:5]", "viridis"),
    (difference, "Δ", "Reds"),
]
vmax = max(by_hook.abs().max().item(), by_slice.abs().max().item())
dmax = difference.abs().max().item()
fig, axes = plt.subplots(3, 9, figsize=(11, 4.2), layout="constrained")
for row, (values, name, cmap) in enumerate(rows):
    axes[row, 0].imshow(sample[0, 0].cpu(), cmap="gray_r")
    axes[row, 0].set_ylabel(name, fontsize=10)
    limits = {"vmin": 0, "vmax": dmax if cmap == "Reds" else vmax}
    for i, c in enumerate(shown.tolist()):
        axes[row, i + 1].imshow(values[c], cmap=cmap, **limits)
        if row == 0:
            axes[row, i + 1].set_title(f"c = {c}", fontsize=9)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()

# %%
# 切片跨过 ``torch.flatten`` 时才会报错
# --------------------------------------
#
# 把所有子模块装进 ``Sequential``，池化输出的 :math:`(N, C, 1, 1)` 没有被展平就进了全连接层：

try:
    nn.Sequential(*list(model.children()))(sample)
except RuntimeError as error:
    print("RuntimeError:", error)

# %%
# 钩子不依赖 ``forward`` 的写法，只是只能挂在子模块上；``torch.fx`` 还能取到函数调用和加法的结果。页面 :ref:`sec-truncation` 比较了这几种做法。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figure honest.
with torch.no_grad():
    h = model.relu(model.bn1(model.conv1(sample)))
    assert torch.allclose(by_hook, model.act(h + model.block(h)))
    assert torch.allclose(by_slice, model.act(model.block(h)))
assert not torch.allclose(by_slice, by_hook) and accuracy > 0.85
assert (difference >= 0).all()
# sphinx_gallery_end_ignore
