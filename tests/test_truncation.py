"""Hooks and the torch.fx extractor return the true intermediate values; slicing children() does not."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.truncation import SmallResNet, capture, feature_extractor


@pytest.fixture
def model_and_input():
    torch.manual_seed(0)
    model = SmallResNet()
    with torch.no_grad():  # non-trivial BatchNorm statistics, so eval mode is not an identity
        for bn in (model.bn1, model.bn2):
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
    return model.eval(), torch.randn(4, 1, 8, 8)


def reference(model, x):
    """The intermediate values, computed by hand exactly as SmallResNet.forward does."""
    h = F.relu(model.bn1(model.conv1(x)))
    bn2 = model.bn2(model.conv2(h))
    relu_1 = F.relu(bn2 + h)
    return {"relu": h, "bn2": bn2, "relu_1": relu_1, "flatten": torch.flatten(model.pool(relu_1), 1)}


def test_hooks_capture_the_true_outputs(model_and_input):
    model, x = model_and_input
    got = capture(model, x, ["bn1", "bn2", "fc"])
    ref = reference(model, x)
    assert torch.equal(got["bn2"], ref["bn2"])
    assert torch.equal(got["fc"], model(x))
    assert not model.bn2._forward_hooks, "hooks must be removed"


def test_fx_extractor_matches_forward_and_stops_early(model_and_input):
    model, x = model_and_input
    extractor = feature_extractor(model, ["relu", "bn2", "relu_1", "flatten"])
    got = extractor(x)
    for name, value in reference(model, x).items():
        assert torch.allclose(got[name], value), name
    targets = {node.target for node in extractor.graph.nodes}
    assert "fc" not in targets, "layers after the last requested node must be removed"


def test_fx_extractor_rejects_unknown_nodes(model_and_input):
    model, _ = model_and_input
    with pytest.raises(KeyError, match="no such nodes"):
        feature_extractor(model, ["layer4"])


def test_sliced_children_compute_something_else(model_and_input):
    model, x = model_and_input
    truncated = nn.Sequential(*list(model.children())[:4])  # conv1, bn1, conv2, bn2
    assert truncated(x).shape == reference(model, x)["bn2"].shape
    assert not torch.allclose(truncated(x), reference(model, x)["bn2"])  # the F.relu is gone


def test_sliced_children_fail_at_the_missing_flatten(model_and_input):
    model, x = model_and_input
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        nn.Sequential(*list(model.children()))(x)
