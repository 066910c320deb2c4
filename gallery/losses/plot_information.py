r"""
信息量、熵与 KL 散度
====================

本例画出三样东西：信息量 :math:`I(p) = -\log p` 以比特和奈特为单位的曲线，伯努利分布的熵，以及几组分布的交叉熵如何分解为熵加 KL 散度 :math:`H(p, q) = H(p) + \mathrm{KL}(p \Vert q)`。对笔记中相应说法的检验见 :ref:`sec-cross-entropy`。
"""

# sphinx_gallery_thumbnail_number = 2
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# %%
# 信息量：比特与奈特
# ------------------
#
# 概率为 :math:`p` 的事件的信息量是 :math:`-\log p`。以 2 为底时单位是比特（bit），以 e 为底时是奈特（nat），二者只差一个常数因子 :math:`\ln 2`。概率每减半，信息量增加 1 比特：它随概率减小而增大，但不与概率成反比。

p = torch.tensor([1.0, 0.5, 0.25, 0.125, 0.01])
bits, nats = -torch.log2(p) + 0.0, -torch.log(p) + 0.0  # + 0.0 turns -0.0 into 0.0
print("    p      bit      nat")
for pi, b, n in zip(p.tolist(), bits.tolist(), nats.tolist(), strict=True):
    print(f"{pi:6.3f}  {b:7.4f}  {n:7.4f}")
print(f"nat / bit = {(nats[1:] / bits[1:]).mean():.4f} = ln 2 = {math.log(2):.4f}")

# %%
# 伯努利分布的熵
# --------------
#
# 熵是信息量的期望。只有两个结果、概率为 :math:`p` 和 :math:`1-p` 的伯努利分布，熵为 :math:`H(p) = -p\log p - (1-p)\log(1-p)`：结果最不确定的 :math:`p = 0.5` 处熵最大，恰为 1 比特；结果确定（:math:`p = 0` 或 1）时熵为 0。左图是信息量，右图是熵。

grid = torch.linspace(0.001, 1, 1000)
q = torch.linspace(0, 1, 1001)
probs = torch.stack([q, 1 - q], dim=1)
entropy_bits = -torch.special.xlogy(probs, probs).sum(1) / math.log(2)  # 0 log 0 = 0
print(f"max H = {entropy_bits.max():.4f} bit at p = {q[entropy_bits.argmax()]:.3f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
ax1.plot(grid, -torch.log2(grid), label=r"$-\log_2 p$ (bit)")
ax1.plot(grid, -torch.log(grid), label=r"$-\ln p$ (nat)")
ax1.set_xlabel("$p$")
ax1.set_ylabel("$I(p)$")
ax1.set_ylim(0, 7)
ax1.legend()
ax2.plot(q, entropy_bits, color="C2")
ax2.axhline(1.0, color="gray", linestyle=":")
ax2.set_xlabel("$p$")
ax2.set_ylabel("$H(p)$ (bit)")
plt.show()

# %%
# 交叉熵 = 熵 + KL 散度
# ---------------------
#
# 固定真实分布 :math:`p`，换用不同的模型分布 :math:`q`。每根柱子的下半部分是 :math:`H(p)`，对所有 :math:`q` 都相同；上半部分是 :math:`\mathrm{KL}(p \Vert q)`，由 ``F.kl_div`` 计算。黑点是直接按定义算出的交叉熵 :math:`H(p, q) = -\sum_c p_c \log q_c`，它正好落在柱顶。:math:`q = p` 时 KL 散度为 0，交叉熵取到最小值 :math:`H(p)`。下表按顺序列出各个 :math:`q`\ （:math:`q = p, q_1, \ldots, q_4`）。

true_p = torch.tensor([0.7, 0.2, 0.1])
models = {
    "$q = p$": true_p,
    "$q_1$": torch.tensor([0.5, 0.3, 0.2]),
    "$q_2$": torch.tensor([1 / 3, 1 / 3, 1 / 3]),
    "$q_3$": torch.tensor([0.2, 0.3, 0.5]),
    "$q_4$": torch.tensor([0.05, 0.15, 0.8]),
}
h = -(true_p * true_p.log2()).sum()
# F.kl_div(log q, p) is KL(p || q) in nats; divide by ln 2 for bits
kl = torch.stack([F.kl_div(m.log(), true_p, reduction="sum") for m in models.values()]) / math.log(2)
ce = torch.stack([-(true_p * m.log2()).sum() for m in models.values()])
print("q                        H(p)    KL(p||q)  H(p,q)   (bit)")
for m, k, c in zip(models.values(), kl.tolist(), ce.tolist(), strict=True):
    print(f"{', '.join(f'{v:.3f}' for v in m.tolist()):23}  {h:.4f}  {k:.4f}    {c:.4f}")

fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
x = range(len(models))
ax.bar(x, [h.item()] * len(models), color="C0", label="$H(p)$")
ax.bar(x, kl, bottom=h.item(), color="C1", label=r"$\mathrm{KL}(p\,\Vert\,q)$")
ax.plot(x, ce, "ko", label="$H(p, q)$")
ax.set_xticks(list(x), list(models))
ax.set_ylabel("bit")
ax.legend(loc="upper left")
plt.show()

# sphinx_gallery_start_ignore
# Checks that keep the text and the figures honest.
assert torch.allclose(ce, h + kl, atol=1e-6)
assert kl[0].abs() < 1e-6 and (kl[1:] > 0).all()
assert torch.isclose(entropy_bits.max(), torch.tensor(1.0)) and abs(q[entropy_bits.argmax()] - 0.5) < 1e-6
assert torch.allclose(nats[1:] / bits[1:], torch.full((4,), math.log(2)))
# sphinx_gallery_end_ignore
