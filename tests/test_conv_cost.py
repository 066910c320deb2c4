"""The cost formulas in snippets/conv_cost.py agree with FlopCounterMode on real convolutions."""

import itertools

import pytest
import torch
from torch import nn

from snippets.conv_cost import cost_ratio, measured_cost, separable_cost, standard_cost

# (D_K, M, N, input size, stride): odd and even sizes, 1×1 to 7×7 kernels, M > N and M < N, stride 2
SHAPES = [
    (3, 32, 64, 14, 1),
    (3, 64, 32, 15, 1),
    (5, 8, 16, 9, 1),
    (7, 3, 12, 20, 1),
    (1, 16, 16, 6, 1),
    (3, 16, 48, 16, 2),
    (3, 1, 5, 7, 1),
]


def output_size(size, d_k, stride):
    return (size + 2 * (d_k // 2) - d_k) // stride + 1


@pytest.mark.parametrize(("d_k", "m", "n", "size", "stride"), SHAPES)
def test_standard_convolution(d_k, m, n, size, stride):
    x = torch.randn(2, m, size, size, device="meta")
    conv = nn.Conv2d(m, n, d_k, stride=stride, padding=d_k // 2, device="meta")
    d_f = output_size(size, d_k, stride)
    assert conv(x).shape[-1] == d_f
    assert measured_cost(conv, x) == standard_cost(d_k, m, n, d_f)


@pytest.mark.parametrize(("d_k", "m", "n", "size", "stride"), SHAPES)
def test_depthwise_separable_convolution(d_k, m, n, size, stride):
    x = torch.randn(2, m, size, size, device="meta")
    depthwise = nn.Conv2d(m, m, d_k, stride=stride, padding=d_k // 2, groups=m, device="meta")
    pointwise = nn.Conv2d(m, n, 1, device="meta")
    d_f = output_size(size, d_k, stride)
    assert measured_cost(nn.Sequential(depthwise, pointwise), x) == separable_cost(d_k, m, n, d_f)


def test_ratio_is_the_quotient_and_independent_of_m_and_d_f():
    for d_k, m, n, d_f in itertools.product((1, 3, 5), (1, 8, 32), (4, 64), (1, 7, 14)):
        ratio = separable_cost(d_k, m, n, d_f) / standard_cost(d_k, m, n, d_f)
        assert ratio == pytest.approx(cost_ratio(d_k, n))


def test_counts_on_a_real_cpu_tensor_too():
    """The meta device does not change the count: same result with real data."""
    x = torch.randn(1, 8, 10, 10)
    conv = nn.Conv2d(8, 8, 3, padding=1, groups=8)
    assert measured_cost(conv, x) == separable_cost(3, 8, 0, 10)
