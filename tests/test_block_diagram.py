"""The diagram helper draws every node and edge it is given, at one scale."""

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.text import Annotation

from snippets.block_diagram import chain, draw_blocks, kind_of


def test_chain_links_consecutive_layers():
    nodes, edges = chain(["x", "Conv", "ReLU"])
    assert list(nodes) == ["n0", "n1", "n2"]
    assert edges == [("n0", "n1"), ("n1", "n2")]
    assert nodes["n2"][1] < nodes["n1"][1] < nodes["n0"][1] == 0


def test_kind_follows_the_label():
    labels = ["x", "Conv 1×1, 64", "BN, ReLU", "ReLU6", "MaxPool 3×3", "AvgPool", "+", "cat", "y"]
    assert [kind_of(label) for label in labels] == ["io", "conv", "norm", "act", "pool", "pool", "op", "op", "io"]


def test_draws_boxes_circles_and_arrows():
    nodes, edges = chain(["x", "Conv", "+"])
    edges.append(("n0", "n2", 1.5, "x"))
    branch = {"x": (0, 0, "x"), "a": (-1, -1, "a", "conv"), "b": (1, -1, "b", "conv"), "c": (0, -2, "cat")}
    branch_edges = [("x", "a", "hv"), ("x", "b", "hv"), ("a", "c", "vh"), ("b", "c", "vh")]
    ax = Figure().subplots()
    draw_blocks(ax, [(nodes, edges, "(a)"), (branch, branch_edges, "(b)")])
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert (len(boxes), len(circles)) == (5, 2)
    arrows = [t for t in ax.texts if isinstance(t, Annotation)]  # an arrow is an annotation without text
    labels = [t for t in ax.texts if not isinstance(t, Annotation)]
    assert len(arrows) == 3 + 4
    assert len(labels) == 7 + 1 + 2  # node labels, the edge label, the titles
    assert ax.get_aspect() == 1.0
