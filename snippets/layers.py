"""Layers written out by hand: a fully connected head as a convolution, and batch normalization.

The page ``docs/layers/common_layers.md`` shows these functions and compares them
with PyTorch's own modules; ``tests/test_layers.py`` checks them on many shapes.
"""

from __future__ import annotations

import torch
from torch import nn


def linear_to_conv(linear: nn.Linear, in_shape: tuple[int, int, int]) -> nn.Conv2d:
    """A convolution that computes ``linear`` on ``torch.flatten(x, 1)`` for ``x`` of shape ``(N, C, H, W)``.

    The kernel covers the whole ``H × W`` map, so the output has shape ``(N, K, 1, 1)``.
    On a larger input the same convolution slides, giving one ``K``-vector per window.

    >>> fc = nn.Linear(8 * 3 * 3, 5)
    >>> conv = linear_to_conv(fc, (8, 3, 3))
    >>> conv
    Conv2d(8, 5, kernel_size=(3, 3), stride=(1, 1))
    >>> x = torch.randn(2, 8, 3, 3)
    >>> torch.allclose(conv(x).flatten(1), fc(x.flatten(1)), atol=1e-6)
    True
    """
    channels, height, width = in_shape
    if linear.in_features != channels * height * width:
        raise ValueError(f"in_features={linear.in_features} is not {channels}*{height}*{width}")
    has_bias = linear.bias is not None
    conv = nn.Conv2d(channels, linear.out_features, (height, width), bias=has_bias)
    with torch.no_grad():
        # flatten(x, 1) orders the features as (C, H, W): the same order as a conv kernel
        conv.weight.copy_(linear.weight.reshape(linear.out_features, channels, height, width))
        if has_bias:
            conv.bias.copy_(linear.bias)
    return conv


def batch_norm(
    x: torch.Tensor,
    running_mean: torch.Tensor,
    running_var: torch.Tensor,
    weight: torch.Tensor | None = None,
    bias: torch.Tensor | None = None,
    training: bool = True,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> torch.Tensor:
    """Batch normalization of ``x`` (shape ``(N, C, ...)``), like ``torch.nn.functional.batch_norm``.

    Training: normalise each channel with the mean and the biased variance of this batch
    (over N and every spatial position), and update the running statistics in place, the
    variance unbiased. Evaluation: normalise with the running statistics. Then scale by
    ``weight`` (gamma) and shift by ``bias`` (beta).
    """
    dims = [0, *range(2, x.dim())]  # every dimension except the channels
    shape = [1, -1] + [1] * (x.dim() - 2)  # per-channel values, broadcastable against x
    if training:
        count = x.numel() // x.shape[1]
        if count <= 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {x.shape}")
        mean = x.mean(dim=dims)
        var = x.var(dim=dims, unbiased=False)
        with torch.no_grad():
            running_mean.mul_(1 - momentum).add_(momentum * mean)
            running_var.mul_(1 - momentum).add_(momentum * var * count / (count - 1))
    else:
        mean, var = running_mean, running_var
    y = (x - mean.reshape(shape)) / torch.sqrt(var.reshape(shape) + eps)
    if weight is not None:
        y = y * weight.reshape(shape)
    if bias is not None:
        y = y + bias.reshape(shape)
    return y
