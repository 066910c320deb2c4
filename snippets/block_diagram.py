"""Draw a network block as boxes and arrows with matplotlib.

The pages describe a block as data (named nodes at grid positions, and edges)
and call :func:`draw_block`; it keeps the drawing code off the pages.

A node is ``name: (x, y, label, kind)``; ``kind`` picks the colour ("conv",
"norm", "act", "pool", "io") or, for "op", draws a small circle (``+``, ``cat``).
Without ``kind`` (``name: (x, y, label)``) it follows from the label, see :func:`kind_of`.
An edge is ``(a, b)`` (straight), ``(a, b, "hv")`` (across, then down),
``(a, b, "vh")`` (down, then across) or ``(a, b, dx)`` (a shortcut that leaves
``a`` to the side, runs ``dx`` away from it and comes back into ``b``); a
fourth item is a label written beside the edge. :func:`chain` builds the
nodes and edges of a plain sequence of layers.
"""

from __future__ import annotations

from matplotlib.patches import Circle, FancyBboxPatch

COLOURS = {
    "conv": "#a9c4eb",
    "norm": "#f6c89f",
    "act": "#b7dfb9",
    "pool": "#d3c4ea",
    "io": "#e6e6e6",
    "op": "#ffffff",
}
WIDTH, HEIGHT, RADIUS = 1.9, 0.52, 0.27


def _anchor(node, side):
    x, y, _, kind = node
    half_w, half_h = (RADIUS, RADIUS) if kind == "op" else (WIDTH / 2, HEIGHT / 2)
    return {"top": (x, y + half_h), "bottom": (x, y - half_h), "left": (x - half_w, y), "right": (x + half_w, y)}[side]


def _arrow(ax, start, end, connection="arc3"):
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.2, "connectionstyle": connection,
                    "shrinkA": 0, "shrinkB": 0},
    )  # fmt: skip


def kind_of(label: str) -> str:
    """The kind a label implies: ``Conv…`` conv, ``BN…`` norm, ``ReLU…`` act, ``…Pool…`` pool, ``+``/``cat`` op."""
    if label in ("+", "cat"):
        return "op"
    for prefix, kind in (("Conv", "conv"), ("BN", "norm"), ("ReLU", "act")):
        if label.startswith(prefix):
            return kind
    return "pool" if "Pool" in label else "io"


def _full(node: tuple) -> tuple:
    return node if len(node) == 4 else (*node, kind_of(node[2]))


def chain(layers: list, x: float = 0.0, step: float = 0.85, prefix: str = "n") -> tuple[dict, list]:
    """Nodes and edges of a straight sequence of labels, top to bottom from y = 0.

    >>> chain(["x", "Conv 3×3", "ReLU"])[0]["n1"]
    (0.0, -0.85, 'Conv 3×3', 'conv')
    """
    nodes = {f"{prefix}{i}": (x, -i * step, label, kind_of(label)) for i, label in enumerate(layers)}
    edges = [(f"{prefix}{i}", f"{prefix}{i + 1}") for i in range(len(layers) - 1)]
    return nodes, edges


def _extent(nodes: dict, edges: list) -> tuple[float, float, float, float]:
    nodes = {name: _full(node) for name, node in nodes.items()}
    xs = [n[0] for n in nodes.values()]
    for edge in edges:  # shortcuts reach beyond the boxes, and so do their labels
        if len(edge) > 2 and isinstance(edge[2], (int, float)):
            xs.append(nodes[edge[0]][0] + edge[2] + (0.9 if len(edge) > 3 else 0.0))
    ys = [n[1] for n in nodes.values()]
    return min(xs) - WIDTH / 2, max(xs) + WIDTH / 2, min(ys) - HEIGHT / 2, max(ys) + HEIGHT / 2


def _named_full(item: tuple) -> tuple:
    name, node = item
    return name, _full(node)


def draw_block(ax, nodes: dict, edges: list, title: str | None = None, dx: float = 0.0) -> None:
    """Draw ``nodes`` and ``edges`` (see the module docstring) on ``ax``, shifted right by ``dx``."""
    nodes = {name: (x + dx, y, label, kind) for name, (x, y, label, kind) in map(_named_full, nodes.items())}
    for x, y, label, kind in nodes.values():
        if kind == "op":
            ax.add_patch(Circle((x, y), RADIUS, facecolor=COLOURS[kind], edgecolor="#333333", lw=1.2, zorder=3))
            ax.text(x, y, label, ha="center", va="center", fontsize=9 if len(label) > 1 else 13, zorder=4)
        else:
            box = FancyBboxPatch(
                (x - WIDTH / 2, y - HEIGHT / 2), WIDTH, HEIGHT, boxstyle="round,pad=0,rounding_size=0.08",
                facecolor=COLOURS[kind], edgecolor="#333333", lw=1.0, zorder=3,
            )  # fmt: skip
            ax.add_patch(box)
            ax.text(x, y, label, ha="center", va="center", fontsize=9, zorder=4)
    for edge in edges:
        a, b = nodes[edge[0]], nodes[edge[1]]
        route = edge[2] if len(edge) > 2 else None
        if len(edge) > 3:  # a label beside the edge: halfway down, to its right
            x_label = a[0] + route if isinstance(route, (int, float)) else a[0]
            y_label = (_anchor(a, "bottom")[1] + _anchor(b, "top")[1]) / 2
            ax.text(x_label + 0.12, y_label, edge[3], ha="left", va="center", fontsize=10)
        if route is None:
            _arrow(ax, _anchor(a, "bottom"), _anchor(b, "top"))
        elif route == "hv":  # leave sideways, enter from above
            side = "right" if b[0] > a[0] else "left"
            _arrow(ax, _anchor(a, side), _anchor(b, "top"), "angle,angleA=0,angleB=90,rad=0")
        elif route == "vh":  # leave downwards, enter from the side
            side = "left" if b[0] > a[0] else "right"
            _arrow(ax, _anchor(a, "bottom"), _anchor(b, side), "angle,angleA=90,angleB=0,rad=0")
        else:  # a shortcut: out of the side of a, along x + route, into the side of b
            start = _anchor(a, "right" if route > 0 else "left")
            end = _anchor(b, "right" if route > 0 else "left")
            x_far = a[0] + route
            ax.plot([start[0], x_far, x_far], [start[1], start[1], end[1]], color="#333333", lw=1.2, zorder=2)
            _arrow(ax, (x_far, end[1]), end)
    if title:
        left, right, _, top = _extent(nodes, edges)
        ax.text((left + right) / 2, top + 0.35, title, ha="center", va="bottom", fontsize=11)


def draw_blocks(ax, blocks: list, gap: float = 0.7, per_row: int | None = None, row_gap: float = 1.0) -> None:
    """Draw ``blocks``, a list of ``(nodes, edges, title)``, side by side at one scale, tops aligned.

    With ``per_row``, start a new row after that many blocks; each row is centred.
    """
    per_row = per_row or len(blocks)
    rows = [blocks[i : i + per_row] for i in range(0, len(blocks), per_row)]
    widths = [sum(_extent(n, e)[1] - _extent(n, e)[0] for n, e, _ in row) + gap * (len(row) - 1) for row in rows]
    total = max(widths)
    top = 0.0
    for row, width in zip(rows, widths, strict=True):
        x = (total - width) / 2
        bottom = top
        for nodes, edges, title in row:
            left, right, low, high = _extent(nodes, edges)
            shift = top - high  # align the tops of the row
            nodes = {
                name: (nx, ny + shift, label, kind) for name, (nx, ny, label, kind) in map(_named_full, nodes.items())
            }
            draw_block(ax, nodes, edges, title, dx=x - left)
            x += right - left + gap
            bottom = min(bottom, low + shift)
        top = bottom - row_gap - 0.9  # room for the next row's titles
    ax.set_xlim(-0.1, total + 0.1)
    ax.set_ylim(top + row_gap + 0.9 - 0.1, 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
