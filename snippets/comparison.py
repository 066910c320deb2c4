"""``torch.equal`` written out with the shape and ``torch.eq``.

The page ``docs/tensors/comparison.md`` shows this function and checks it on a
few pairs; ``tests/test_comparison.py`` checks it against :func:`torch.equal`
on thousands of pairs of shapes, dtypes and special values.
"""

from __future__ import annotations

import torch


def equal(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Whether ``a`` and ``b`` have the same shape and equal elements.

    Elements are compared as ``torch.eq`` compares them: after type promotion,
    so the dtype does not matter and NaN equals nothing.

    >>> equal(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))
    True
    >>> equal(torch.ones(3), torch.ones(1, 3))  # broadcastable is not enough
    False
    >>> equal(torch.tensor([float("nan")]), torch.tensor([float("nan")]))
    False
    """
    return a.shape == b.shape and bool(torch.eq(a, b).all())
