"""The hand-written layers in snippets/layers.py agree with PyTorch's modules."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.layers import batch_norm, linear_to_conv


@pytest.mark.parametrize("in_shape", [(1, 1, 1), (3, 1, 1), (4, 2, 3), (2, 5, 5), (16, 7, 7)], ids=str)
@pytest.mark.parametrize("bias", [True, False])
def test_linear_to_conv_matches_linear_on_flattened_input(in_shape, bias):
    torch.manual_seed(0)
    fc = nn.Linear(torch.Size(in_shape).numel(), 6, bias=bias)
    conv = linear_to_conv(fc, in_shape)
    x = torch.randn(4, *in_shape)
    assert conv(x).shape == (4, 6, 1, 1)
    torch.testing.assert_close(conv(x).flatten(1), fc(x.flatten(1)))
    assert sum(p.numel() for p in conv.parameters()) == sum(p.numel() for p in fc.parameters())


def test_fc_after_gap_equals_gap_after_1x1_conv():
    torch.manual_seed(0)
    fc = nn.Linear(8, 5)
    conv1x1 = linear_to_conv(fc, (8, 1, 1))
    assert conv1x1.kernel_size == (1, 1)
    x = torch.randn(3, 8, 6, 4)
    torch.testing.assert_close(fc(x.mean(dim=(2, 3))), conv1x1(x).mean(dim=(2, 3)))


def test_converted_conv_slides_over_a_larger_input():
    torch.manual_seed(0)
    fc = nn.Linear(2 * 3 * 3, 4)
    conv = linear_to_conv(fc, (2, 3, 3))
    x = torch.randn(1, 2, 5, 6)
    out = conv(x)
    assert out.shape == (1, 4, 3, 4)
    for i in range(3):
        for j in range(4):
            torch.testing.assert_close(out[0, :, i, j], fc(x[:, :, i : i + 3, j : j + 3].flatten(1))[0])


def test_linear_to_conv_rejects_a_wrong_shape():
    with pytest.raises(ValueError, match="in_features=12"):
        linear_to_conv(nn.Linear(12, 2), (2, 2, 2))


SHAPES = [(5, 3), (4, 3, 7), (2, 3, 4, 5), (2, 3, 2, 3, 2), (1, 3, 2, 2)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("momentum", [0.1, 0.5])
def test_batch_norm_matches_torch_over_several_steps(shape, affine, momentum):
    torch.manual_seed(0)
    channels = shape[1]
    mean, var = torch.zeros(channels), torch.ones(channels)
    ref_mean, ref_var = mean.clone(), var.clone()
    weight = torch.rand(channels) + 0.5 if affine else None
    bias = torch.randn(channels) if affine else None
    for _ in range(4):
        x = torch.randn(shape) * 3 + 2
        ours = batch_norm(x, mean, var, weight, bias, training=True, momentum=momentum)
        ref = F.batch_norm(x, ref_mean, ref_var, weight, bias, training=True, momentum=momentum)
        torch.testing.assert_close(ours, ref)
        torch.testing.assert_close(mean, ref_mean)
        torch.testing.assert_close(var, ref_var)
    x = torch.randn(shape)
    torch.testing.assert_close(
        batch_norm(x, mean, var, weight, bias, training=False),
        F.batch_norm(x, ref_mean, ref_var, weight, bias, training=False),
    )


MODULES = [nn.BatchNorm1d(3), nn.BatchNorm2d(3), nn.BatchNorm3d(3)]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: type(m).__name__)
def test_batch_norm_matches_the_modules_in_train_and_eval(module):
    torch.manual_seed(0)
    shape = {nn.BatchNorm1d: (6, 3), nn.BatchNorm2d: (6, 3, 4, 4), nn.BatchNorm3d: (6, 3, 2, 3, 2)}[type(module)]
    with torch.no_grad():
        module.weight.uniform_(0.5, 1.5)
        module.bias.uniform_(-1, 1)
    mean, var = module.running_mean.clone(), module.running_var.clone()
    module.train()
    for _ in range(3):
        x = torch.randn(shape) * 2 - 1
        ours = batch_norm(x, mean, var, module.weight, module.bias, momentum=module.momentum, eps=module.eps)
        torch.testing.assert_close(ours, module(x))
    torch.testing.assert_close(mean, module.running_mean)
    torch.testing.assert_close(var, module.running_var)
    module.eval()
    x = torch.randn(shape)
    ours = batch_norm(x, mean, var, module.weight, module.bias, training=False, eps=module.eps)
    torch.testing.assert_close(ours, module(x))


def test_batch_norm_gradients_match_torch():
    torch.manual_seed(0)
    x = torch.randn(8, 3, 4, 4, requires_grad=True)
    weight = torch.rand(3, requires_grad=True)
    bias = torch.randn(3, requires_grad=True)
    upstream = torch.randn(8, 3, 4, 4)
    mine = batch_norm(x, torch.zeros(3), torch.ones(3), weight, bias)
    ours = torch.autograd.grad((mine * upstream).sum(), [x, weight, bias])
    ref = F.batch_norm(x, torch.zeros(3), torch.ones(3), weight, bias, training=True)
    theirs = torch.autograd.grad((ref * upstream).sum(), [x, weight, bias])
    for a, b in zip(ours, theirs, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-5)


def test_batch_norm_refuses_one_value_per_channel_like_torch():
    x = torch.randn(1, 4)
    with pytest.raises(ValueError, match="Expected more than 1 value per channel") as ours:
        batch_norm(x, torch.zeros(4), torch.ones(4))
    with pytest.raises(ValueError) as theirs:
        F.batch_norm(x, torch.zeros(4), torch.ones(4), training=True)
    assert str(ours.value) == str(theirs.value)
