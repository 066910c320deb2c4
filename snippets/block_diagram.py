"""Draw a network block as boxes and arrows with matplotlib.

The pages describe a block as data (named nodes at grid positions, and edges)
and call :func:`draw_block`; it keeps the drawing code off the pages.

A node is ``name: (x, y, label, kind)``; ``kind`` picks the colour ("conv",
"norm", "act", "pool", "io") or, for "op", draws a small circle (``+``, ``cat``).
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


def chain(layers: list, x: float = 0.0, step: float = 0.85, prefix: str = "n") -> tuple[dict, list]:
    """Nodes and edges of a straight sequence ``[(label, kind), ...]``, top to bottom from y = 0."""
    nodes = {f"{prefix}{i}": (x, -i * step, label, kind) for i, (label, kind) in enumerate(layers)}
    edges = [(f"{prefix}{i}", f"{prefix}{i + 1}") for i in range(len(layers) - 1)]
    return nodes, edges


def _extent(nodes: dict, edges: list) -> tuple[float, float, float, float]:
    xs = [n[0] for n in nodes.values()]
    for edge in edges:  # shortcuts reach beyond the boxes, and so do their labels
        if len(edge) > 2 and not isinstance(edge[2], str):
            xs.append(nodes[edge[0]][0] + edge[2] + (0.9 if len(edge) > 3 else 0.0))
    ys = [n[1] for n in nodes.values()]
    return min(xs) - WIDTH / 2, max(xs) + WIDTH / 2, min(ys) - HEIGHT / 2, max(ys) + HEIGHT / 2


def draw_block(ax, nodes: dict, edges: list, title: str | None = None, dx: float = 0.0) -> None:
    """Draw ``nodes`` and ``edges`` (see the module docstring) on ``ax``, shifted right by ``dx``."""
    nodes = {name: (x + dx, y, label, kind) for name, (x, y, label, kind) in nodes.items()}
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


def draw_blocks(ax, blocks: list, gap: float = 0.7) -> None:
    """Draw ``blocks``, a list of ``(nodes, edges, title)``, side by side at one scale, tops aligned."""
    x = 0.0
    bottom = 0.0
    for nodes, edges, title in blocks:
        left, right, low, top = _extent(nodes, edges)
        shift = 0.0 - top  # align the tops at y = 0
        nodes = {name: (nx, ny + shift, label, kind) for name, (nx, ny, label, kind) in nodes.items()}
        draw_block(ax, nodes, edges, title, dx=x - left)
        x += right - left + gap
        bottom = min(bottom, low + shift)
    ax.set_xlim(-0.1, x - gap + 0.1)
    ax.set_ylim(bottom - 0.1, 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
