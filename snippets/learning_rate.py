"""Learning-rate schedules written out by hand, and gradient descent on a parabola.

The page ``docs/training/learning_rate.md`` shows these functions next to the
schedulers of :mod:`torch.optim.lr_scheduler`; ``tests/test_learning_rate.py``
checks them against ``ExponentialLR``, ``CyclicLR`` and ``ReduceLROnPlateau``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def gd_on_parabola(curvature: float, lr: float, x0: float, steps: int) -> list[float]:
    """Iterates of gradient descent on f(x) = curvature / 2 * x**2.

    The gradient is ``curvature * x``, so each step multiplies x by ``1 - lr * curvature``:
    the iterates shrink if and only if ``0 < lr < 2 / curvature``.

    >>> gd_on_parabola(1.0, 0.5, 1.0, 3)
    [1.0, 0.5, 0.25, 0.125]
    >>> gd_on_parabola(1.0, 2.5, 1.0, 3)
    [1.0, -1.5, 2.25, -3.375]
    """
    xs = [x0]
    for _ in range(steps):
        xs.append(xs[-1] - lr * curvature * xs[-1])
    return xs


def exponential_lr(lr0: float, gamma: float, t: int) -> float:
    """The learning rate of ``ExponentialLR`` after ``t`` calls of ``scheduler.step()``.

    >>> round(exponential_lr(0.1, 0.5, 3), 6)
    0.0125
    """
    return lr0 * gamma**t


def triangular_lr(t: int, base_lr: float, max_lr: float, step_size: int) -> float:
    """``CyclicLR(mode="triangular")`` at iteration ``t``: up for ``step_size`` iterations, down as many.

    >>> [round(triangular_lr(t, 0.0, 1.0, 2), 2) for t in range(6)]
    [0.0, 0.5, 1.0, 0.5, 0.0, 0.5]
    """
    cycle = math.floor(1 + t / (2 * step_size))
    x = abs(t / step_size - 2 * cycle + 1)  # 1 at the ends of a cycle, 0 in its middle
    return base_lr + (max_lr - base_lr) * max(0.0, 1 - x)


def triangular_momentum(t: int, base_momentum: float, max_momentum: float, step_size: int) -> float:
    """The momentum that ``CyclicLR`` sets at iteration ``t``: the mirror image of the learning rate.

    >>> [round(triangular_momentum(t, 0.8, 0.9, 2), 2) for t in range(5)]
    [0.9, 0.85, 0.8, 0.85, 0.9]
    """
    cycle = math.floor(1 + t / (2 * step_size))
    x = abs(t / step_size - 2 * cycle + 1)
    return max_momentum - (max_momentum - base_momentum) * max(0.0, 1 - x)


def plateau_lrs(
    losses: Iterable[float],
    lr: float,
    factor: float = 0.1,
    patience: int = 10,
    threshold: float = 1e-4,
    cooldown: int = 0,
    min_lr: float = 0.0,
    eps: float = 1e-8,
) -> list[float]:
    """The learning rate after each ``ReduceLROnPlateau.step(loss)`` (mode "min", relative threshold).

    A loss counts as better only if it is below ``best * (1 - threshold)``. After more than
    ``patience`` epochs in a row without a better loss, the learning rate is multiplied by
    ``factor`` (not below ``min_lr``); then ``cooldown`` epochs pass without counting.

    >>> plateau_lrs([5, 4, 4, 4, 4, 3], lr=1.0, factor=0.5, patience=2)
    [1.0, 1.0, 1.0, 1.0, 0.5, 0.5]
    """
    best, bad, cooling, result = math.inf, 0, 0, []
    for loss in losses:
        if loss < best * (1 - threshold):
            best, bad = loss, 0
        else:
            bad += 1
        if cooling > 0:
            cooling -= 1
            bad = 0  # bad epochs during the cooldown do not count
        if bad > patience:
            new_lr = max(lr * factor, min_lr)
            if lr - new_lr > eps:
                lr = new_lr
            cooling, bad = cooldown, 0
        result.append(lr)
    return result
