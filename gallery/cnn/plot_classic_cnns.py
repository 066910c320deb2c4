r"""
经典卷积网络：用纯 PyTorch 重建并核对参数量与计算量
===================================================

笔记列出的经典网络（LeNet、AlexNet、VGG、ResNet、GoogLeNet、DenseNet、MobileNet、ShuffleNet、SqueezeNet）在这里只用 ``torch.nn`` 重新搭建（不依赖 torchvision），然后数一数每个网络的参数量，并用 :torch:`torch.utils.flop_counter.FlopCounterMode` 数出标准输入下的计算量，逐个与 torchvision 文档或原论文公布的数字对照。参数量必须一个不差地相等，才说明结构搭对了；计算量要先统一口径（乘加 MAC 还是浮点运算 FLOP）才能比较。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

# %%
# 怎样数参数量和计算量
# --------------------
#
# 参数量就是 ``model.parameters()`` 中元素个数之和；BatchNorm 的 ``running_mean``/``running_var`` 是缓冲区（buffer），不算参数。计算量由 :torch:`torch.utils.flop_counter.FlopCounterMode` 在一次前向传播中统计：它只给卷积、矩阵乘法等少数算子计数（BatchNorm、激活函数、池化和逐元素加法都记作 0），并且把一次乘加（multiply-add，MAC）记作 2 个 FLOP。论文和 torchvision 文档里的 “FLOPs”/“GFLOPS” 其实大多是乘加次数（torchvision 的 ``_ops`` 字段、ResNet 论文的 3.8×10⁹、MobileNet 论文的 “Mult-Adds” 都是），所以下面把计数器的结果除以 2，统一用 GMACs（10⁹ 次乘加）比较。
#
# 模型和输入都建在 ``meta`` 设备上：张量只有形状和类型，没有数据，既不分配内存也不真正计算，VGG-16 这样的大网络也能在几毫秒内“跑”完一次前向传播，计数器照样工作。


def count(build, size, channels=3):
    """Parameters and multiply-adds of one forward pass of ``build()`` on a 1×channels×size×size input."""
    with torch.device("meta"):
        model = build().eval()
        x = torch.empty(1, channels, size, size)
    params = sum(p.numel() for p in model.parameters())
    with FlopCounterMode(display=False) as counter:
        model(x)
    return params, counter.get_total_flops() // 2  # FlopCounterMode: 1 multiply-add = 2 FLOPs


def conv_bn(cin, cout, k, stride=1, padding=0, groups=1, act=True, eps=1e-5):
    """Conv (no bias) → BatchNorm → ReLU: the block most of these networks repeat."""
    layers = [nn.Conv2d(cin, cout, k, stride, padding, groups=groups, bias=False), nn.BatchNorm2d(cout, eps=eps)]
    return nn.Sequential(*layers, nn.ReLU(inplace=True)) if act else nn.Sequential(*layers)


# %%
# 串联结构：LeNet-5、AlexNet、VGG-16
# -----------------------------------
#
# 串联结构就是卷积层、池化层一层接一层。这里的 LeNet-5 是今天常见的写法：C3 层与全部 6 个输入通道相连、池化层没有可学习参数、输出层是普通全连接层，参数量 61,706；1998 年论文中的原版在本页末尾单独搭建。AlexNet 按 torchvision 的定义（来自 “One weird trick” 论文的单 GPU 版本，通道数 64-192-384-256-256），VGG-16 是 VGG 论文的配置 D。


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5),
        nn.Tanh(),
        nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.Tanh(),
        nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120),
        nn.Tanh(),
        nn.Linear(120, 84),
        nn.Tanh(),
        nn.Linear(84, 10),
    )


def alexnet():
    features = nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1),
        nn.ReLU(inplace=True),
        nn.Conv2d(384, 256, 3, padding=1),
        nn.ReLU(inplace=True),
        nn.Conv2d(256, 256, 3, padding=1),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(3, 2),
    )
    return nn.Sequential(features, nn.AdaptiveAvgPool2d(6), nn.Flatten(), classifier(256 * 6 * 6))


def classifier(n_in):
    """AlexNet's and VGG's head: three fully connected layers, dropout between them."""
    return nn.Sequential(
        nn.Dropout(),
        nn.Linear(n_in, 4096),
        nn.ReLU(inplace=True),
        nn.Dropout(),
        nn.Linear(4096, 4096),
        nn.ReLU(inplace=True),
        nn.Linear(4096, 1000),
    )


def vgg16():
    layers, cin = [], 3
    for v in [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(cin, v, 3, padding=1), nn.ReLU(inplace=True)]
            cin = v
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(7), nn.Flatten(), classifier(512 * 7 * 7))


# %%
# 跳连结构：ResNet-18、ResNet-50、DenseNet-121
# ---------------------------------------------
#
# ResNet 的残差块把输入直接加到输出上（形状不同时用 1×1 卷积对齐）；ResNet-18 用两层 3×3 的基本块，ResNet-50 用 1×1-3×3-1×1 的瓶颈块。torchvision 的瓶颈块把步长 2 放在 3×3 卷积上（常称 ResNet v1.5），原论文放在第一个 1×1 卷积上，参数量相同而计算量不同，见本页末尾。DenseNet 的每一层都与前面所有层的输出拼接（``torch.cat``），增长率 32。


class Residual(nn.Module):
    def __init__(self, body, shortcut):
        super().__init__()
        self.body, self.shortcut = body, shortcut

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def basic_block(cin, cout, stride):
    body = nn.Sequential(conv_bn(cin, cout, 3, stride, 1), conv_bn(cout, cout, 3, 1, 1, act=False))
    return Residual(body, projection(cin, cout, stride))


def bottleneck(cin, cout, stride, stride_in_1x1=False):
    mid = cout // 4
    s1, s3 = (stride, 1) if stride_in_1x1 else (1, stride)
    body = nn.Sequential(conv_bn(cin, mid, 1, s1), conv_bn(mid, mid, 3, s3, 1), conv_bn(mid, cout, 1, act=False))
    return Residual(body, projection(cin, cout, stride))


def projection(cin, cout, stride):
    """Identity when shapes agree, otherwise a strided 1×1 convolution + BatchNorm."""
    return nn.Identity() if stride == 1 and cin == cout else conv_bn(cin, cout, 1, stride, act=False)


def resnet(block, depths, widths, **kwargs):
    layers, cin = [conv_bn(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)], 64
    for i, (n, cout) in enumerate(zip(depths, widths, strict=True)):
        for j in range(n):
            layers.append(block(cin, cout, 2 if j == 0 and i > 0 else 1, **kwargs))
            cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 1000))


def resnet18():
    return resnet(basic_block, [2, 2, 2, 2], [64, 128, 256, 512])


def resnet50(stride_in_1x1=False):
    return resnet(bottleneck, [3, 4, 6, 3], [256, 512, 1024, 2048], stride_in_1x1=stride_in_1x1)


class DenseLayer(nn.Module):
    def __init__(self, cin, growth=32, bn_size=4):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm2d(cin),
            nn.ReLU(inplace=True),
            nn.Conv2d(cin, bn_size * growth, 1, bias=False),
            nn.BatchNorm2d(bn_size * growth),
            nn.ReLU(inplace=True),
            nn.Conv2d(bn_size * growth, growth, 3, padding=1, bias=False),
        )

    def forward(self, x):
        return torch.cat([x, self.body(x)], 1)  # every layer sees all earlier feature maps


def densenet121(growth=32, blocks=(6, 12, 24, 16)):
    layers, c = [conv_bn(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)], 64
    for i, n in enumerate(blocks):
        for _ in range(n):
            layers.append(DenseLayer(c, growth))
            c += growth
        if i < len(blocks) - 1:  # transition: BN-ReLU-1×1 conv halves the channels, then 2×2 average pooling
            layers += [nn.BatchNorm2d(c), nn.ReLU(inplace=True), nn.Conv2d(c, c // 2, 1, bias=False), nn.AvgPool2d(2)]
            c //= 2
    return nn.Sequential(
        *layers, nn.BatchNorm2d(c), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, 1000)
    )


# %%
# 并行结构：GoogLeNet（Inception v1）
# ------------------------------------
#
# Inception 模块把同一输入送进四个并行分支（1×1、1×1→3×3、1×1→5×5、3×3 池化→1×1），再在通道维拼接，即笔记所说的“宽度”。torchvision 的实现有一个公开承认的偏差（vision issue #906）：第三个分支用的是 3×3 而不是论文的 5×5 卷积；为了与它公布的参数量对得上，这里照搬（``k=3``），并且和 torchvision 公布的数字一样不含训练时才用的两个辅助分类头。


class Inception(nn.Module):
    def __init__(self, cin, c1, c3r, c3, c5r, c5, cp, k=3):
        super().__init__()
        self.branches = nn.ModuleList(
            [
                conv_bn(cin, c1, 1, eps=1e-3),
                nn.Sequential(conv_bn(cin, c3r, 1, eps=1e-3), conv_bn(c3r, c3, 3, 1, 1, eps=1e-3)),
                nn.Sequential(conv_bn(cin, c5r, 1, eps=1e-3), conv_bn(c5r, c5, k, 1, k // 2, eps=1e-3)),
                nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True), conv_bn(cin, cp, 1, eps=1e-3)),
            ]
        )

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches], 1)  # parallel branches, concatenated


def googlenet(k=3):
    cfg = {
        "3": [(192, 64, 96, 128, 16, 32, 32), (256, 128, 128, 192, 32, 96, 64)],
        "4": [
            (480, 192, 96, 208, 16, 48, 64),
            (512, 160, 112, 224, 24, 64, 64),
            (512, 128, 128, 256, 24, 64, 64),
            (512, 112, 144, 288, 32, 64, 64),
            (528, 256, 160, 320, 32, 128, 128),
        ],
        "5": [(832, 256, 160, 320, 32, 128, 128), (832, 384, 192, 384, 48, 128, 128)],
    }
    return nn.Sequential(
        conv_bn(3, 64, 7, 2, 3, eps=1e-3),
        nn.MaxPool2d(3, 2, ceil_mode=True),
        conv_bn(64, 64, 1, eps=1e-3),
        conv_bn(64, 192, 3, 1, 1, eps=1e-3),
        nn.MaxPool2d(3, 2, ceil_mode=True),
        *[Inception(*c, k=k) for c in cfg["3"]],
        nn.MaxPool2d(3, 2, ceil_mode=True),
        *[Inception(*c, k=k) for c in cfg["4"]],
        nn.MaxPool2d(2, 2, ceil_mode=True),
        *[Inception(*c, k=k) for c in cfg["5"]],
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Dropout(0.2),
        nn.Linear(1024, 1000),
    )


# %%
# 轻量结构：MobileNet V1/V2、ShuffleNet V2、SqueezeNet
# -----------------------------------------------------
#
# MobileNet V1 用深度可分离卷积（逐通道 3×3 卷积 ``groups=C`` + 1×1 逐点卷积）代替标准卷积；MobileNet V2 加上“倒残差”（先用 1×1 卷积把通道扩大 6 倍，再做逐通道卷积，最后用不带激活的 1×1 卷积压回去）和残差连接；ShuffleNet V2 把通道一分为二，一半直通、一半做卷积，拼接后再“洗牌”（channel shuffle）；SqueezeNet 的 Fire 模块先用 1×1 卷积“挤压”通道，再并行地用 1×1 和 3×3 卷积“扩张”。torchvision 没有收录 MobileNet V1，这里按论文表 1 搭建，参数量与 TensorFlow 的参考实现（TF-Slim/Keras 的 ``mobilenet_v1`` 1.0_224，可训练参数 4,231,976）对照，计算量与论文对照。


def mobilenet_v1():
    cfg = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), *[(512, 1)] * 5, (1024, 2), (1024, 1)]
    layers, c = [conv_bn(3, 32, 3, 2, 1)], 32
    for cout, stride in cfg:  # depthwise 3×3 (groups=c), then pointwise 1×1
        layers += [conv_bn(c, c, 3, stride, 1, groups=c), conv_bn(c, cout, 1)]
        c = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, 1000))


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, t):
        super().__init__()
        hidden = cin * t
        expand = [*conv_bn(cin, hidden, 1, act=False), nn.ReLU6(inplace=True)] if t != 1 else []
        self.body = nn.Sequential(
            *expand,  # 1×1 convolution widening the channels t times
            *conv_bn(hidden, hidden, 3, stride, 1, groups=hidden, act=False),
            nn.ReLU6(inplace=True),
            *conv_bn(hidden, cout, 1, act=False),  # linear bottleneck: no activation
        )
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


def mobilenet_v2():
    cfg = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
    layers, c = [nn.Sequential(*conv_bn(3, 32, 3, 2, 1, act=False), nn.ReLU6(inplace=True))], 32
    for t, cout, n, s in cfg:  # expansion t, output channels, repeats, first stride
        for i in range(n):
            layers.append(InvertedResidual(c, cout, s if i == 0 else 1, t))
            c = cout
    layers.append(nn.Sequential(*conv_bn(c, 1280, 1, act=False), nn.ReLU6(inplace=True)))
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(1280, 1000))


class ShuffleUnit(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        half, self.stride = cout // 2, stride
        if stride > 1:  # both halves see the whole input; the left one is downsampled by a depthwise conv
            self.left = nn.Sequential(conv_bn(cin, cin, 3, stride, 1, groups=cin, act=False), conv_bn(cin, half, 1))
        self.right = nn.Sequential(
            conv_bn(cin if stride > 1 else half, half, 1),
            conv_bn(half, half, 3, stride, 1, groups=half, act=False),
            conv_bn(half, half, 1),
        )

    def forward(self, x):
        if self.stride == 1:
            left, right = x.chunk(2, dim=1)  # channel split
            out = torch.cat([left, self.right(right)], 1)
        else:
            out = torch.cat([self.left(x), self.right(x)], 1)
        n, c, h, w = out.shape  # channel shuffle with 2 groups
        return out.view(n, 2, c // 2, h, w).transpose(1, 2).reshape(n, c, h, w)


def shufflenet_v2(repeats=(4, 8, 4), widths=(24, 116, 232, 464, 1024)):
    layers, c = [conv_bn(3, widths[0], 3, 2, 1), nn.MaxPool2d(3, 2, 1)], widths[0]
    for n, cout in zip(repeats, widths[1:4], strict=True):
        layers += [ShuffleUnit(c, cout, 2), *[ShuffleUnit(cout, cout, 1) for _ in range(n - 1)]]
        c = cout
    return nn.Sequential(
        *layers, conv_bn(c, widths[4], 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(widths[4], 1000)
    )


class Fire(nn.Module):
    def __init__(self, cin, squeeze, e1, e3):
        super().__init__()
        self.squeeze = nn.Sequential(nn.Conv2d(cin, squeeze, 1), nn.ReLU(inplace=True))
        self.e1 = nn.Sequential(nn.Conv2d(squeeze, e1, 1), nn.ReLU(inplace=True))
        self.e3 = nn.Sequential(nn.Conv2d(squeeze, e3, 3, padding=1), nn.ReLU(inplace=True))

    def forward(self, x):
        s = self.squeeze(x)
        return torch.cat([self.e1(s), self.e3(s)], 1)


def squeezenet1_0():
    pool = nn.MaxPool2d(3, 2, ceil_mode=True)
    return nn.Sequential(
        nn.Conv2d(3, 96, 7, 2),
        nn.ReLU(inplace=True),
        pool,
        Fire(96, 16, 64, 64),
        Fire(128, 16, 64, 64),
        Fire(128, 32, 128, 128),
        pool,
        Fire(256, 32, 128, 128),
        Fire(256, 48, 192, 192),
        Fire(384, 48, 192, 192),
        Fire(384, 64, 256, 256),
        pool,
        Fire(512, 64, 256, 256),
        nn.Dropout(),
        nn.Conv2d(512, 1000, 1),
        nn.ReLU(inplace=True),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
    )


# %%
# 与公布的数字对照
# ----------------
#
# 参考值一栏：带 ``tv`` 的来自 torchvision 各模型权重的元数据（``num_params`` 与 ``_ops``；文档表格中的 “GFLOPS” 列就是 ``_ops``）。本页在 224×224 输入下数出的乘加次数与 ``_ops`` 的三位小数逐一吻合，说明 ``_ops`` 正是 224×224 输入、一次乘加记 1 次的计算量（单位 10⁹）。MobileNet V1 的参数量来自 TensorFlow 的参考实现，计算量来自原论文（Howard et al., 2017, 表 8：4.2M 参数、569M 次乘加）；LeNet-5 的 61,706 是按层逐项相加得到的（C1 156 + C3 2,416 + C5 48,120 + F6 10,164 + 输出 850），这个变体没有官方实现可对照，它的计算量也没有公布值。

MODELS = {  # name: (builder, input size, input channels)
    "LeNet-5": (lenet5, 32, 1),
    "AlexNet": (alexnet, 224, 3),
    "VGG-16": (vgg16, 224, 3),
    "ResNet-18": (resnet18, 224, 3),
    "ResNet-50": (resnet50, 224, 3),
    "DenseNet-121": (densenet121, 224, 3),
    "GoogLeNet": (googlenet, 224, 3),
    "MobileNet V1": (mobilenet_v1, 224, 3),
    "MobileNet V2": (mobilenet_v2, 224, 3),
    "ShuffleNet V2 1×": (shufflenet_v2, 224, 3),
    "SqueezeNet 1.0": (squeezenet1_0, 224, 3),
}
REFERENCE = {  # name: (params, GMACs or None, source)
    "LeNet-5": (61_706, None, "layer-by-layer sum"),
    "AlexNet": (61_100_840, 0.714, "tv AlexNet_Weights"),
    "VGG-16": (138_357_544, 15.47, "tv VGG16_Weights"),
    "ResNet-18": (11_689_512, 1.814, "tv ResNet18_Weights"),
    "ResNet-50": (25_557_032, 4.089, "tv ResNet50_Weights"),
    "DenseNet-121": (7_978_856, 2.834, "tv DenseNet121_Weights"),
    "GoogLeNet": (6_624_904, 1.498, "tv GoogLeNet_Weights"),
    "MobileNet V1": (4_231_976, 0.569, "TF-Slim/Keras 1.0_224; paper Table 8"),
    "MobileNet V2": (3_504_872, 0.301, "tv MobileNet_V2_Weights"),
    "ShuffleNet V2 1×": (2_278_604, 0.145, "tv ShuffleNet_V2_X1_0_Weights"),
    "SqueezeNet 1.0": (1_248_424, 0.819, "tv SqueezeNet1_0_Weights"),
}

results = {name: count(build, size, ch) for name, (build, size, ch) in MODELS.items()}
print(f"{'model':<17}{'input':>8}{'params':>13}{'ref. params':>13}{'GMACs':>9}{'ref.':>8}  source")
for name, (params, macs) in results.items():
    ref_params, ref_gmacs, source = REFERENCE[name]
    size, ch = MODELS[name][1:]
    ref_g = "-" if ref_gmacs is None else f"{ref_gmacs:g}"
    print(f"{name:<17}{f'{ch}×{size}²':>8}{params:>13,}{ref_params:>13,}{macs / 1e9:>9.4f}{ref_g:>8}  {source}")

fc_share = {}
for name in ("AlexNet", "VGG-16"):
    with torch.device("meta"):
        linears = [m for m in MODELS[name][0]().modules() if isinstance(m, nn.Linear)]
    fc_share[name] = sum(p.numel() for m in linears for p in m.parameters()) / results[name][0]
    print(f"{name}: fully connected layers hold {fc_share[name]:.0%} of the parameters")

# %%
# 参数量与计算量的条形图
# ----------------------
#
# 两个横轴都是对数刻度。条形是本页数出的值，黑色竖线是公布值；四种颜色依次是串联、跳连、并行、轻量四类结构。参数量最多的 VGG-16 和 AlexNet，大部分参数都在最后三个全连接层里（上面打印的 89% 和 96%）；MobileNet V1/V2 的参数量比 VGG-16 少 33–39 倍，计算量少 27–51 倍。

names = list(MODELS)
family = ["#4c72b0"] * 3 + ["#55a868"] * 3 + ["#c44e52"] + ["#dd8452"] * 4
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained", sharey=True)
for ax, values, refs, label in [
    (axes[0], [results[n][0] for n in names], [REFERENCE[n][0] for n in names], "#params"),
    (axes[1], [results[n][1] / 1e9 for n in names], [REFERENCE[n][1] for n in names], "GMACs (FLOPs / 2)"),
]:
    ax.barh(names, values, color=family, alpha=0.85, label="torch")
    marked = [(r, n) for r, n in zip(refs, names, strict=True) if r is not None]
    ax.scatter(
        [r for r, _ in marked],
        [n for _, n in marked],
        marker="|",
        s=260,
        linewidths=2.5,
        color="black",
        zorder=3,
        label="torchvision / paper",
    )
    ax.set_xscale("log")
    ax.set_xlabel(label)
    ax.grid(axis="x", which="major", alpha=0.3)
axes[0].invert_yaxis()
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncols=2)
plt.show()

# %%
# 参数量与计算量并不同步
# ----------------------
#
# 把两者画在同一张对数坐标图上：参数量决定模型文件多大，计算量决定一次推理要做多少乘加。SqueezeNet 的参数比 AlexNet 少约 50 倍，计算量却略高（它的特征图更大）；VGG-16 的参数是 ResNet-50 的 5 倍多，计算量约为 4 倍。

offsets = {"DenseNet-121": (-30, 8), "GoogLeNet": (-62, 6), "ResNet-18": (6, -12), "VGG-16": (-48, -4)}
fig, ax = plt.subplots(figsize=(7, 4.6), layout="constrained")
for name, color in zip(names[1:], family[1:], strict=True):  # LeNet-5 (32×32, 10 classes) left out
    params, macs = results[name]
    ax.scatter(params, macs / 1e9, s=60, color=color, zorder=3)
    ax.annotate(name, (params, macs / 1e9), xytext=offsets.get(name, (6, 4)), textcoords="offset points", fontsize=9)
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("#params")
ax.set_ylabel("GMACs")
ax.grid(which="major", alpha=0.3)
plt.show()

# %%
# 同一个名字，不同的数字
# ----------------------
#
# 公布值之间的出入往往来自“同名不同网”。下面把几个常见的分歧也搭出来：
#
# * ResNet-50 把步长 2 放在瓶颈块的第一个 1×1 卷积上（原论文 v1 的做法），参数量不变，计算量从 4.09 降到约 3.86 GMACs，对应论文中的 “3.8×10⁹ FLOPs”（论文的 FLOPs 就是乘加次数）。
# * GoogLeNet 第三个分支改回论文的 5×5 卷积，参数量和计算量都变大；论文说它的计算预算是 “1.5 billion multiply-adds”。
# * 2012 年论文中的 AlexNet：两块 GPU 各算一半，第 2、4、5 个卷积层是分组卷积（``groups=2``），通道数 96-256-384-384-256，输入 227×227；论文说它有 “60 million parameters”，精确值是 60,965,224。
# * SqueezeNet 1.0 的论文（沿用 Caffe）输入是 227×227：参数量与输入大小无关，计算量随像素数增加。
# * 1998 年论文中的 LeNet-5：C3 的 16 个特征图各自只连接 S2 的一部分特征图（6 个连 3 个、9 个连 4 个、1 个连全部 6 个），S2/S4 每个特征图有一个可学习的系数和偏置，输出层是参数固定的 RBF 单元。论文说它有 “60,000 trainable parameters”，下面搭出的网络恰好是 60,000。


def alexnet_2012():
    return nn.Sequential(
        nn.Conv2d(3, 96, 11, 4),
        nn.ReLU(inplace=True),
        nn.LocalResponseNorm(5, 1e-4, 0.75, 2),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, 5, padding=2, groups=2),
        nn.ReLU(inplace=True),
        nn.LocalResponseNorm(5, 1e-4, 0.75, 2),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, padding=1),
        nn.ReLU(inplace=True),
        nn.Conv2d(384, 384, 3, padding=1, groups=2),
        nn.ReLU(inplace=True),
        nn.Conv2d(384, 256, 3, padding=1, groups=2),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(3, 2),
        nn.Flatten(),
        classifier(256 * 6 * 6),
    )


class Subsampling(nn.Module):
    """LeNet-5's S2/S4: the sum of a 2×2 neighbourhood times a trainable coefficient, plus a trainable bias."""

    def __init__(self, channels):
        super().__init__()
        self.coef = nn.Parameter(torch.ones(channels, 1, 1))
        self.bias = nn.Parameter(torch.zeros(channels, 1, 1))

    def forward(self, x):
        return 1.7159 * torch.tanh(2 / 3 * (4 * nn.functional.avg_pool2d(x, 2) * self.coef + self.bias))


class SparseC3(nn.Module):
    """LeNet-5's C3: each of the 16 output maps reads only the S2 maps listed in the paper's Table I."""

    TABLE = [[i % 6, (i + 1) % 6, (i + 2) % 6] for i in range(6)] + [[(i + j) % 6 for j in range(4)] for i in range(6)]
    TABLE += [[0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5], [0, 1, 2, 3, 4, 5]]

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList(nn.Conv2d(len(inputs), 1, 5) for inputs in self.TABLE)

    def forward(self, x):
        return torch.cat([conv(x[:, inputs]) for conv, inputs in zip(self.convs, self.TABLE, strict=True)], 1)


class RBFOutput(nn.Module):
    """Euclidean RBF units whose centres are fixed (a buffer, not a parameter)."""

    def __init__(self):
        super().__init__()
        self.register_buffer("centres", torch.zeros(10, 84))

    def forward(self, x):
        return ((x[:, None, :] - self.centres) ** 2).sum(-1)


def lenet5_1998():
    squash = nn.Tanh()
    return nn.Sequential(
        nn.Conv2d(1, 6, 5),
        squash,
        Subsampling(6),
        SparseC3(),
        squash,
        Subsampling(16),
        nn.Conv2d(16, 120, 5),
        squash,
        nn.Flatten(),
        nn.Linear(120, 84),
        squash,
        RBFOutput(),
    )


VARIANTS = {  # name: (builder, input size, input channels, what the paper or torchvision says)
    "ResNet-50 v1 (stride in 1×1)": (lambda: resnet50(stride_in_1x1=True), 224, 3, "paper: 3.8e9 FLOPs (= MACs)"),
    "GoogLeNet, 5×5 branch": (lambda: googlenet(k=5), 224, 3, "paper: 1.5e9 multiply-adds"),
    "AlexNet 2012 (groups=2)": (alexnet_2012, 227, 3, "paper: 60 million parameters"),
    "SqueezeNet 1.0 @ 227": (squeezenet1_0, 227, 3, "paper input size 227"),
    "LeNet-5 1998": (lenet5_1998, 32, 1, "paper: 60,000 trainable parameters"),
}
variants = {name: count(build, size, ch) for name, (build, size, ch, _) in VARIANTS.items()}
for name, (params, macs) in variants.items():
    size, ch, note = VARIANTS[name][1:]
    print(f"{name:<30}{f'{ch}×{size}²':>8}{params:>13,}{macs / 1e9:>9.4f}  {note}")

# %%
# 笔记中相应的说法及其检验见 :ref:`sec-architectures`。

# sphinx_gallery_start_ignore
# Checks that keep the table honest: parameter counts equal the published ones exactly, multiply-adds agree
# with the published GMACs to the published precision (torchvision's ``_ops`` has three decimals).
for name, (params, macs) in results.items():
    ref_params, ref_gmacs, _ = REFERENCE[name]
    assert params == ref_params, (name, params, ref_params)
    if ref_gmacs is not None:
        assert abs(macs / 1e9 - ref_gmacs) <= (0.005 if name == "VGG-16" else 0.0005), (name, macs, ref_gmacs)
assert round(fc_share["VGG-16"], 2) == 0.89 and round(fc_share["AlexNet"], 2) == 0.96
vgg_params, vgg_macs = results["VGG-16"]
assert [round(vgg_params / results[n][0]) for n in ("MobileNet V1", "MobileNet V2")] == [33, 39]
assert [round(vgg_macs / results[n][1]) for n in ("MobileNet V1", "MobileNet V2")] == [27, 51]
assert (
    round(results["AlexNet"][0] / results["SqueezeNet 1.0"][0]) == 49
    and results["SqueezeNet 1.0"][1] > results["AlexNet"][1]
)
assert 5 < vgg_params / results["ResNet-50"][0] < 6 and round(vgg_macs / results["ResNet-50"][1]) == 4
assert results["LeNet-5"][1] == 416_520  # 117,600 + 240,000 + 48,000 + 10,080 + 840
assert variants["ResNet-50 v1 (stride in 1×1)"][0] == results["ResNet-50"][0]
assert round(variants["ResNet-50 v1 (stride in 1×1)"][1] / 1e9, 1) == 3.9  # 3.86: the paper writes 3.8
assert round(variants["GoogLeNet, 5×5 branch"][1] / 1e9, 1) == 1.6
assert variants["AlexNet 2012 (groups=2)"][0] == 60_965_224
assert variants["SqueezeNet 1.0 @ 227"][0] == results["SqueezeNet 1.0"][0]
assert variants["SqueezeNet 1.0 @ 227"][1] > results["SqueezeNet 1.0"][1]
assert variants["LeNet-5 1998"][0] == 60_000
# sphinx_gallery_end_ignore
