"""The hand-written ``equal`` in snippets/ agrees with ``torch.equal`` on every pair we can think of."""

import itertools

import pytest
import torch

from snippets.comparison import equal

DTYPES = [torch.bool, torch.uint8, torch.int8, torch.int32, torch.int64, torch.float16, torch.float32, torch.float64]
VALUES = [0, 1, -1, 2, 255, 0.1, 0.5, -0.0, 2**24 + 1, float("nan"), float("inf"), -float("inf")]
SHAPES = [(0,), (1,), (2,), (1, 2), (2, 1)]


def representable(value, dtype):
    """Only values the dtype holds exactly as written, so that torch.tensor does not raise or wrap."""
    if dtype.is_floating_point:
        return True
    if isinstance(value, float) and not (value == value and abs(value) != float("inf") and value.is_integer()):
        return False
    info = torch.iinfo(dtype) if dtype != torch.bool else None
    return value in (0, 1) if info is None else info.min <= value <= info.max


def tensors():
    """Tensors of every dtype and small shape, filled with pairs of the values above."""
    found = []
    for dtype, shape in itertools.product(DTYPES, SHAPES):
        size = torch.Size(shape).numel()
        for pair in itertools.product(VALUES, repeat=2):
            if all(representable(v, dtype) for v in pair):
                found.append(torch.tensor(pair[:size], dtype=dtype).reshape(shape))
    return found


TENSORS = tensors()


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_equal_matches_torch(dtype):
    mine = [t for t in TENSORS if t.dtype == dtype]
    assert mine
    for a, b in itertools.product(mine, TENSORS[::7]):
        assert equal(a, b) == torch.equal(a, b), (a, b)


def test_equal_ignores_dtype_but_not_value():
    assert equal(torch.tensor([1, 2], dtype=torch.int32), torch.tensor([1.0, 2.0]))
    assert not equal(torch.tensor([0.1]), torch.tensor([0.1], dtype=torch.float64))
    assert torch.equal(torch.tensor([2**24 + 1]), torch.tensor([2.0**24]))  # promotion to float32 rounds


def test_nan_is_not_equal_to_itself():
    x = torch.tensor([float("nan"), 1.0])
    assert not equal(x, x) and not torch.equal(x, x)


def test_equal_needs_same_shape_not_broadcastable():
    for a, b in [((3,), (1, 3)), ((1,), (3,)), ((), (1,)), ((0,), (0, 1))]:
        assert not equal(torch.ones(a), torch.ones(b)) and not torch.equal(torch.ones(a), torch.ones(b))
    assert equal(torch.ones(0), torch.ones(0)) and torch.equal(torch.ones(0), torch.ones(0))
