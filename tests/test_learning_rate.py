"""The hand-written schedules in snippets/learning_rate.py agree with torch.optim.lr_scheduler."""

import math
import random

import pytest
import torch
from torch.optim import lr_scheduler

from snippets.learning_rate import (
    exponential_lr,
    gd_on_parabola,
    plateau_lrs,
    triangular_lr,
    triangular_momentum,
)


def optimizer(lr=0.1, momentum=0.0):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=lr, momentum=momentum)


def lr_sequence(opt, scheduler, steps, metrics=None):
    """The lr in force at each of ``steps`` iterations, with optimizer.step() before scheduler.step()."""
    lrs = []
    for t in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            scheduler.step()
        else:
            scheduler.step(metrics[t])
    return lrs


@pytest.mark.parametrize("gamma", [0.5, 0.9, 0.99])
def test_exponential_lr(gamma):
    opt = optimizer(lr=0.3)
    lrs = lr_sequence(opt, lr_scheduler.ExponentialLR(opt, gamma=gamma), 100)
    for t, lr in enumerate(lrs):
        assert math.isclose(lr, exponential_lr(0.3, gamma, t), rel_tol=1e-12)


@pytest.mark.parametrize("step_size", [1, 3, 10])
def test_triangular_lr_and_momentum(step_size):
    opt = optimizer(lr=123.0, momentum=0.5)  # CyclicLR overwrites both at construction
    scheduler = lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=step_size)
    for t in range(7 * step_size):
        group = opt.param_groups[0]
        assert math.isclose(group["lr"], triangular_lr(t, 0.01, 0.1, step_size), abs_tol=1e-12)
        assert math.isclose(group["momentum"], triangular_momentum(t, 0.8, 0.9, step_size), abs_tol=1e-12)
        opt.step()
        scheduler.step()


def test_cyclic_lr_turns_momentum_on_for_plain_sgd():
    """SGD(momentum=0) passes CyclicLR's check (its defaults have a 'momentum' key) and gets momentum 0.9."""
    opt = optimizer(momentum=0.0)
    lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=2)
    assert opt.param_groups[0]["momentum"] == 0.9


def test_cyclic_lr_cycles_beta1_of_adam():
    opt = torch.optim.Adam([torch.nn.Parameter(torch.zeros(1))])
    scheduler = lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=2)
    opt.step()
    scheduler.step()
    assert opt.param_groups[0]["betas"] == pytest.approx((0.85, 0.999))


def test_cyclic_lr_refuses_optimizers_without_momentum():
    opt = torch.optim.Adagrad([torch.nn.Parameter(torch.zeros(1))])
    with pytest.raises(ValueError, match="must support momentum or beta1"):
        lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1)
    lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, cycle_momentum=False)


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize(("patience", "cooldown", "min_lr"), [(0, 0, 0.0), (2, 0, 0.0), (3, 2, 0.0), (1, 1, 0.002)])
def test_plateau_matches_torch(seed, patience, cooldown, min_lr):
    rng = random.Random(seed)
    # a noisy loss that improves, then stalls: plenty of reductions
    losses = [1 / (1 + t) + rng.uniform(0, 0.3) for t in range(60)]
    opt = optimizer(lr=0.1)
    scheduler = lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=patience, cooldown=cooldown, min_lr=min_lr)
    expected = []
    for loss in losses:
        opt.step()
        scheduler.step(loss)
        expected.append(opt.param_groups[0]["lr"])
    mine = plateau_lrs(losses, lr=0.1, factor=0.5, patience=patience, cooldown=cooldown, min_lr=min_lr)
    assert mine == pytest.approx(expected, rel=1e-12)
    assert min(expected) < 0.1  # the test did exercise a reduction


def test_plateau_threshold_is_relative():
    """A loss 0.005 % below the best is not an improvement with the default threshold 1e-4."""
    losses = [1.0] + [0.99995] * 11  # eleven epochs, each 0.005 % below the best
    assert plateau_lrs(losses, lr=1.0)[-1] == 0.1
    opt = optimizer(lr=1.0)
    scheduler = lr_scheduler.ReduceLROnPlateau(opt)
    for loss in losses:
        opt.step()
        scheduler.step(loss)
    assert opt.param_groups[0]["lr"] == pytest.approx(0.1)


@pytest.mark.parametrize("lr", [0.1, 0.5, 1.0, 1.5, 1.99, 2.0, 2.01, 3.0])
def test_gd_on_parabola_matches_torch_sgd(lr):
    curvature = 1.0
    x = torch.nn.Parameter(torch.tensor(1.0, dtype=torch.float64))
    opt = torch.optim.SGD([x], lr=lr)
    xs = [x.item()]
    for _ in range(30):
        opt.zero_grad()
        (curvature / 2 * x**2).backward()
        opt.step()
        xs.append(x.item())
    assert xs == pytest.approx(gd_on_parabola(curvature, lr, 1.0, 30), rel=1e-12, abs=1e-300)
    converges = abs(xs[-1]) < abs(xs[0])
    assert converges == (0 < lr < 2 / curvature)
