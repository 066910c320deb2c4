r"""
广播：把形状画出来
==================

两个形状不同的张量相加时，PyTorch 先把较短的形状在左侧补 1，再把大小为 1 的维度“拉伸”到对方的大小。本例把 ``(3, 1) + (4,)`` 的每一步画成网格：实线格是真实存在的元素，虚线格是广播“借用”的重复元素，它们并不占用新的内存。
"""

# sphinx_gallery_thumbnail_number = 1
import matplotlib.pyplot as plt
import torch

# %%
# 参与运算的两个张量
# ------------------
#
# ``col`` 的形状是 ``(3, 1)``，``row`` 的形状是 ``(4,)``。

col = torch.arange(3).reshape(3, 1) * 10
row = torch.arange(4)
print("col:", tuple(col.shape), " row:", tuple(row.shape))
print("col + row:", tuple((col + row).shape))

# %%
# 第一步：右对齐，左侧补 1
# ------------------------
#
# ``row`` 的形状从 ``(4,)`` 变为 ``(1, 4)``，这只是换一种方式看同一块数据（``reshape``/``unsqueeze``）。第二步：把大小为 1 的维度扩展到对方的大小，得到两个 ``(3, 4)`` 的视图。:torch:`torch.Tensor.expand` 返回的就是这样的视图：扩展出来的维度步长为 0。

col_view = col.expand(3, 4)
row_view = row.unsqueeze(0).expand(3, 4)
print("col.expand(3, 4).stride() =", col_view.stride())
print("row.unsqueeze(0).expand(3, 4).stride() =", row_view.stride())
print("same memory:", col_view.data_ptr() == col.data_ptr(), row_view.data_ptr() == row.data_ptr())


# %%
# 画出每一步
# ----------
#
# 左边两幅是扩展后的两个操作数，右边是结果。深色格是张量中真实存在的元素，浅色虚线格是广播时重复读取的元素。


def draw(ax, values, real, title):
    """Draw a 2-D integer tensor as a grid; ``real`` marks the stored elements."""
    rows, cols = values.shape
    for i in range(rows):
        for j in range(cols):
            stored = bool(real[i, j])
            ax.add_patch(
                plt.Rectangle(
                    (j, rows - 1 - i),
                    0.92,
                    0.92,
                    facecolor="#4c72b0" if stored else "#dbe4f3",
                    edgecolor="#1f3b6f",
                    linestyle="-" if stored else "--",
                    linewidth=1.2,
                )
            )
            ax.text(
                j + 0.46,
                rows - 1 - i + 0.46,
                int(values[i, j]),
                ha="center",
                va="center",
                color="white" if stored else "#1f3b6f",
                fontsize=12,
            )
    ax.set_xlim(-0.2, 4.2)
    ax.set_ylim(-0.2, 3.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=12)


stored_col = torch.zeros(3, 4, dtype=torch.bool)
stored_col[:, 0] = True
stored_row = torch.zeros(3, 4, dtype=torch.bool)
stored_row[0, :] = True

fig, axes = plt.subplots(1, 5, figsize=(11, 3.4), width_ratios=[4, 0.5, 4, 0.5, 4], layout="constrained")
draw(axes[0], col_view, stored_col, "col (3, 1) → (3, 4)")
draw(axes[2], row_view, stored_row, "row (4,) → (1, 4) → (3, 4)")
draw(axes[4], col + row, torch.ones(3, 4, dtype=torch.bool), "col + row: (3, 4)")
for ax, symbol in ((axes[1], "+"), (axes[3], "=")):
    ax.text(0.5, 0.5, symbol, fontsize=24, ha="center", va="center")
    ax.axis("off")
plt.show()

# %%
# 更多形状
# --------
#
# 同一条规则适用于任意多个维度。下面的表格列出几组形状及其广播结果；不能广播的组合在结果一栏给出 PyTorch 的报错。

pairs = [((2, 1, 1), (3,)), ((5, 1, 4), (3, 1)), ((), (2, 3)), ((0, 1), (3,)), ((2, 3), (3, 2))]
for a, b in pairs:
    try:
        result = tuple(torch.broadcast_shapes(a, b))
    except RuntimeError as error:
        result = f"error: {str(error).splitlines()[0][:60]}…"
    print(f"{a!s:>10} + {b!s:<8} -> {result}")

# %%
# 笔记中相应的说法及其检验见 :ref:`sec-broadcasting`。

# sphinx_gallery_start_ignore
# Checks that keep the text and the figure honest.
assert torch.equal(col + row, col_view + row_view)
assert col_view.stride() == (1, 0) and row_view.stride() == (0, 1)
# sphinx_gallery_end_ignore
