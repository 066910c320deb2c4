"""The broadcasting rule, written out by hand.

The page ``docs/tensors/broadcasting.md`` shows these functions and checks them
against :func:`torch.broadcast_shapes`; ``tests/test_broadcasting.py`` checks
them on every pair of small shapes.
"""

from __future__ import annotations

from collections.abc import Sequence

Shape = tuple[int, ...]


def align(*shapes: Sequence[int]) -> list[Shape]:
    """Pad every shape with 1s on the left until all have the same length.

    >>> align((2, 1, 1), (3,))
    [(2, 1, 1), (1, 1, 3)]
    """
    ndim = max((len(s) for s in shapes), default=0)
    return [(1,) * (ndim - len(s)) + tuple(s) for s in shapes]


def broadcast_shape(*shapes: Sequence[int]) -> Shape:
    """The shape that broadcasting ``shapes`` together gives.

    Align on the right; in each position the sizes must be equal or 1, and the
    result takes the size that is not 1.

    >>> broadcast_shape((2, 1, 1), (3,))
    (2, 1, 3)
    >>> broadcast_shape((), (3,))
    (3,)
    >>> broadcast_shape((2, 3), (3, 2))
    Traceback (most recent call last):
    ...
    ValueError: sizes 2 and 3 differ and neither is 1 (dimension -2)
    """
    padded = align(*shapes)
    ndim = len(padded[0]) if padded else 0
    result = []
    for position, sizes in enumerate(zip(*padded, strict=True)):
        others = list(dict.fromkeys(n for n in sizes if n != 1))  # distinct sizes, in order
        if len(others) > 1:
            raise ValueError(f"sizes {others[0]} and {others[1]} differ and neither is 1 (dimension {position - ndim})")
        result.append(others[0] if others else 1)
    return tuple(result)
