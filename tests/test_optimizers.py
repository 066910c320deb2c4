"""The hand-written update rules in snippets/optimizers.py agree with torch.optim step by step."""

import pytest
import torch

from snippets.optimizers import adam_step, sgd_step

A = torch.tensor([[3.0, 0.5], [0.5, 0.2]], dtype=torch.float64)  # an ill-conditioned quadratic


def grad_at(p):
    return A @ p + torch.tensor([1.0, -2.0], dtype=torch.float64)


def trajectories(torch_cls, mine, steps=50, **hyper):
    """Run torch's optimizer and the hand-written step side by side; return both paths."""
    start = torch.tensor([1.5, -1.0], dtype=torch.float64)
    param = torch.nn.Parameter(start.clone())
    opt = torch_cls([param], **hyper)
    p, state = start.clone(), {}
    for _ in range(steps):
        opt.zero_grad()
        param.grad = grad_at(param.detach())
        opt.step()
        p = mine(p, grad_at(p), state, **hyper)
        yield param.detach().clone(), p


@pytest.mark.parametrize(
    "hyper",
    [
        {"lr": 0.1},
        {"lr": 0.1, "momentum": 0.9},
        {"lr": 0.05, "momentum": 0.5, "dampening": 0.5},
        {"lr": 0.1, "momentum": 0.9, "nesterov": True},
    ],
    ids=str,
)
def test_sgd_matches_torch(hyper):
    for theirs, mine in trajectories(torch.optim.SGD, sgd_step, **hyper):
        torch.testing.assert_close(mine, theirs, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("hyper", [{"lr": 0.01}, {"lr": 0.1, "betas": (0.5, 0.9)}, {"lr": 0.05, "eps": 1e-3}], ids=str)
def test_adam_matches_torch(hyper):
    for theirs, mine in trajectories(torch.optim.Adam, adam_step, **hyper):
        torch.testing.assert_close(mine, theirs, rtol=1e-10, atol=1e-12)


def test_first_dampened_step_is_not_dampened():
    """PyTorch's buffer starts as the raw gradient: dampening only applies from the second step on."""
    p = torch.zeros(1)
    after = sgd_step(p, torch.ones(1), {}, lr=1.0, momentum=0.9, dampening=0.5)
    assert after.item() == -1.0


@pytest.mark.parametrize("scale", [1e-4, 1.0, 1e4])
def test_adam_first_step_is_lr_times_sign(scale):
    param = torch.nn.Parameter(torch.zeros(3, dtype=torch.float64))
    opt = torch.optim.Adam([param], lr=0.01)
    param.grad = scale * torch.tensor([2.0, -0.5, 3.0], dtype=torch.float64)
    opt.step()
    # exactly -lr * g / (|g| + eps): the relative gap to lr * sign(g) is eps / |g|
    torch.testing.assert_close(param.detach(), -0.01 * param.grad / (param.grad.abs() + 1e-8), rtol=1e-12, atol=0)
    torch.testing.assert_close(param.detach(), -0.01 * param.grad.sign(), rtol=1e-3, atol=0)


def test_pytorch_momentum_equals_sutskever_form_for_constant_lr():
    """v <- mu v - lr g, p <- p + v gives the same parameters as PyTorch's b <- mu b + g, p <- p - lr b."""
    lr, mu = 0.1, 0.9
    p_sutskever, v = torch.tensor([1.5, -1.0], dtype=torch.float64), torch.zeros(2, dtype=torch.float64)
    for theirs, _ in trajectories(torch.optim.SGD, sgd_step, lr=lr, momentum=mu):
        v = mu * v - lr * grad_at(p_sutskever)
        p_sutskever = p_sutskever + v
        torch.testing.assert_close(p_sutskever, theirs, rtol=1e-12, atol=1e-12)


def test_sutskever_form_differs_once_the_lr_changes():
    """With lr halved halfway, the two momentum forms part ways: PyTorch rescales the whole buffer at once."""
    lr, mu = 0.1, 0.9
    start = torch.tensor([1.5, -1.0], dtype=torch.float64)
    p_torch, state = start.clone(), {}
    p_sutskever, v = start.clone(), torch.zeros(2, dtype=torch.float64)
    for t in range(20):
        step_lr = lr if t < 10 else lr / 2
        p_torch = sgd_step(p_torch, grad_at(p_torch), state, lr=step_lr, momentum=mu)
        v = mu * v - step_lr * grad_at(p_sutskever)
        p_sutskever = p_sutskever + v
        if t < 10:
            torch.testing.assert_close(p_torch, p_sutskever, rtol=1e-12, atol=1e-12)
    assert not torch.allclose(p_torch, p_sutskever, rtol=1e-6, atol=1e-6)


def test_pytorch_nesterov_is_sutskever_nag_at_the_look_ahead_point():
    """Sutskever's NAG: v <- mu v - lr grad(theta + mu v), theta <- theta + v.

    PyTorch's parameters are the look-ahead points theta + mu v of that sequence.
    """
    lr, mu = 0.1, 0.9
    theta, v = torch.tensor([1.5, -1.0], dtype=torch.float64), torch.zeros(2, dtype=torch.float64)
    for theirs, _ in trajectories(torch.optim.SGD, sgd_step, lr=lr, momentum=mu, nesterov=True):
        v = mu * v - lr * grad_at(theta + mu * v)
        theta = theta + v
        torch.testing.assert_close(theta + mu * v, theirs, rtol=1e-12, atol=1e-12)
