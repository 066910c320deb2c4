"""Every doctest starts from the same state: default print options, seed 0, no grad mode changes."""

import pytest
import torch


@pytest.fixture(autouse=True)
def _fresh_torch_state():
    torch.set_printoptions(profile="default")
    torch.manual_seed(0)
    yield
    torch.set_printoptions(profile="default")
