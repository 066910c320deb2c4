"""The hand-written broadcasting rule in snippets/ agrees with PyTorch on every small shape pair."""

import itertools

import pytest
import torch

from snippets.broadcasting import align, broadcast_shape

SHAPES = [s for n in range(4) for s in itertools.product(range(4), repeat=n)]


def torch_result(*shapes):
    try:
        return tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        return None


def snippet_result(*shapes):
    try:
        return broadcast_shape(*shapes)
    except ValueError:
        return None


@pytest.mark.parametrize("a", SHAPES, ids=str)
def test_rule_matches_torch_for_pairs(a):
    for b in SHAPES:
        assert snippet_result(a, b) == torch_result(a, b), (a, b)


def test_rule_matches_torch_for_three_operands():
    shapes = [s for n in range(3) for s in itertools.product((0, 1, 2), repeat=n)]
    for a, b, c in itertools.product(shapes, repeat=3):
        assert snippet_result(a, b, c) == torch_result(a, b, c), (a, b, c)


def test_rule_matches_real_operations():
    """Not only broadcast_shapes: an actual addition has the predicted shape."""
    for a, b in itertools.product(SHAPES[:40], repeat=2):
        expected = snippet_result(a, b)
        if expected is None:
            with pytest.raises(RuntimeError):
                torch.zeros(a) + torch.zeros(b)
        else:
            assert tuple((torch.zeros(a) + torch.zeros(b)).shape) == expected


def test_align_pads_on_the_left():
    assert align((3,), (2, 1, 1), ()) == [(1, 1, 3), (2, 1, 1), (1, 1, 1)]
    assert align() == []
