"""Regularisation terms written by hand, and what ``weight_decay`` really adds.

The page ``docs/training/cnn_regularization.md`` shows these functions and
``tests/test_cnn_regularization.py`` checks them: ``weight_decay`` in SGD and
Adam is the gradient of :func:`l2_penalty` (half the sum of squares), AdamW's
is not, and :func:`decay_groups` keeps biases and normalisation parameters out
of the decay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch
from torch import nn


def l1_penalty(params: Iterable[torch.Tensor]) -> torch.Tensor:
    """The L1 term, sum of |w| over all parameters (no optimizer adds it for you).

    >>> l1_penalty([torch.tensor([1.0, -2.0]), torch.tensor([[0.5]])])
    tensor(3.5000)
    """
    return sum(p.abs().sum() for p in params)


def l2_penalty(params: Iterable[torch.Tensor]) -> torch.Tensor:
    """Half the sum of squares: ``wd * l2_penalty(params)`` is what ``weight_decay=wd`` adds.

    Its gradient is ``w`` itself, so ``weight_decay=wd`` adds ``wd * w`` to each gradient.

    >>> l2_penalty([torch.tensor([1.0, -2.0]), torch.tensor([[0.5]])])
    tensor(2.6250)
    """
    return 0.5 * sum(p.pow(2).sum() for p in params)


def decay_groups(model: nn.Module, weight_decay: float) -> list[dict]:
    """Two parameter groups: weights of convolutions and linear layers decay, the rest does not.

    Biases and the scale and shift of normalisation layers are 0- or 1-dimensional;
    decaying them constrains no capacity worth constraining.

    >>> model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4, 2))
    >>> [(g["weight_decay"], len(g["params"])) for g in decay_groups(model, 1e-3)]
    [(0.001, 2), (0.0, 4)]
    """
    decay, no_decay = [], []
    for parameter in model.parameters():
        if parameter.requires_grad:
            (decay if parameter.ndim > 1 else no_decay).append(parameter)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def small_cnn() -> nn.Module:
    """A tiny CNN with every kind of parameter: convolution, BatchNorm, linear layer, biases."""
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.AdaptiveAvgPool2d(2),
        nn.Flatten(),
        nn.Linear(16, 3),
    )


def train(
    make_optimizer: Callable[[Iterable[nn.Parameter]], torch.optim.Optimizer],
    penalty: Callable[[Iterable[torch.Tensor]], torch.Tensor] | None = None,
    coef: float = 0.0,
    steps: int = 30,
    seed: int = 0,
) -> torch.Tensor:
    """Train :func:`small_cnn` on fixed random data; return all parameters, flattened.

    The same ``seed`` gives the same initial weights and data, so two calls differ
    only in the optimizer and in the explicit term ``coef * penalty(parameters)``
    added to the cross-entropy.
    """
    generator = torch.Generator().manual_seed(seed)
    images = torch.randn(16, 1, 6, 6, generator=generator)
    labels = torch.randint(0, 3, (16,), generator=generator)
    torch.manual_seed(seed)
    model = small_cnn()
    optimizer = make_optimizer(model.parameters())
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(images), labels)
        if penalty is not None:
            loss = loss + coef * penalty(model.parameters())
        loss.backward()
        optimizer.step()
    return torch.cat([p.detach().flatten() for p in model.parameters()])


def soft_threshold(w: torch.Tensor, threshold: float) -> torch.Tensor:
    """The proximal step of ``threshold * |w|``: shrink towards 0 and stop exactly at 0.

    >>> soft_threshold(torch.tensor([-1.5, -0.2, 0.0, 0.3, 2.0]), 0.5)
    tensor([-1.0000, -0.0000,  0.0000,  0.0000,  1.5000])
    """
    return torch.sign(w) * torch.clamp(w.abs() - threshold, min=0.0)
