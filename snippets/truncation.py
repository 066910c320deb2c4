"""Taking the intermediate outputs of a network: three ways.

``docs/cnn/truncation.md`` shows them on :class:`SmallResNet`;
``tests/test_truncation.py`` checks that the hooks and the torch.fx extractor
agree with the network's own forward pass, and that slicing ``children()`` does not.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import fx, nn


class SmallResNet(nn.Module):
    """A ResNet in miniature whose ``forward`` uses functional calls, as real ResNets often do."""

    def __init__(self, channels: int = 8, num_classes: int = 10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.bn1(self.conv1(x)))  # F.relu: not a child module
        out = self.bn2(self.conv2(x))
        x = F.relu(out + x)  # the residual addition: not a child module either
        x = self.pool(x)
        x = torch.flatten(x, 1)  # neither is the flatten
        return self.fc(x)


def capture(model: nn.Module, x: torch.Tensor, names: list[str]) -> dict[str, torch.Tensor]:
    """Run ``model(x)`` once and return the outputs of the submodules called ``names`` (forward hooks)."""
    modules = dict(model.named_modules())
    outputs: dict[str, torch.Tensor] = {}
    handles = [
        modules[name].register_forward_hook(lambda module, args, output, name=name: outputs.__setitem__(name, output))
        for name in names
    ]
    try:
        model(x)
    finally:
        for handle in handles:  # a hook left behind keeps firing (and holding tensors) on every later call
            handle.remove()
    return outputs


def feature_extractor(model: nn.Module, return_nodes: list[str]) -> fx.GraphModule:
    """A copy of ``model`` that returns ``{node: value}`` for the named nodes of its traced graph and stops there.

    The node names are those of ``torch.fx.symbolic_trace(model).graph``: submodule names for module calls,
    ``relu``, ``add``, ``flatten``... for functions. Everything after the last requested node is dropped.
    """
    traced = fx.symbolic_trace(model)
    graph = traced.graph
    nodes = {node.name: node for node in graph.nodes}
    missing = [name for name in return_nodes if name not in nodes]
    if missing:
        raise KeyError(f"no such nodes: {missing}; the graph has {list(nodes)}")
    old_output = next(node for node in graph.nodes if node.op == "output")
    with graph.inserting_before(old_output):
        graph.output({name: nodes[name] for name in return_nodes})
    graph.erase_node(old_output)
    graph.eliminate_dead_code()  # the layers after the requested nodes are never run
    graph.lint()
    return fx.GraphModule(traced, graph)
