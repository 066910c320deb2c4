"""The cost of a standard and of a depthwise-separable convolution, by formula.

Notation of the MobileNet paper (Howard et al., 2017): a ``D_K×D_K`` kernel,
``M`` input channels, ``N`` output channels, a ``D_F×D_F`` output feature map.
Costs are multiply-adds; bias terms are left out. ``tests/test_conv_cost.py``
checks the formulas against :class:`torch.utils.flop_counter.FlopCounterMode`.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode


def standard_cost(d_k: int, m: int, n: int, d_f: int) -> int:
    """Multiply-adds of a standard convolution: ``D_K²·M·N·D_F²``.

    >>> standard_cost(3, 32, 64, 14)
    3612672
    """
    return d_k * d_k * m * n * d_f * d_f


def separable_cost(d_k: int, m: int, n: int, d_f: int) -> int:
    """Multiply-adds of depthwise (``D_K²·M·D_F²``) plus pointwise (``M·N·D_F²``) convolution.

    >>> separable_cost(3, 32, 64, 14)
    457856
    """
    depthwise = d_k * d_k * m * d_f * d_f
    pointwise = m * n * d_f * d_f
    return depthwise + pointwise


def cost_ratio(d_k: int, n: int) -> float:
    """``separable / standard = 1/N + 1/D_K²``: it depends on neither ``M`` nor ``D_F``.

    >>> round(cost_ratio(3, 64), 4)
    0.1267
    """
    return 1 / n + 1 / d_k**2


def measured_cost(module: nn.Module, x: torch.Tensor) -> int:
    """Multiply-adds of ``module(x)`` for one sample, as FlopCounterMode counts them (it counts 2 FLOPs each)."""
    with FlopCounterMode(display=False) as counter:
        module(x)
    return counter.get_total_flops() // 2 // x.shape[0]
