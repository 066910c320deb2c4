"""weight_decay is an L2 term of half the sum of squares for SGD and Adam, not for AdamW; groups exclude biases/BN."""

import inspect

import pytest
import torch

from snippets.cnn_regularization import decay_groups, l1_penalty, l2_penalty, small_cnn, soft_threshold, train

WD = 0.05
COUPLED = {  # optimizers whose weight_decay adds wd * w to the gradient
    "SGD": lambda wd: lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=wd),
    "SGD momentum": lambda wd: lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=wd),
    "SGD nesterov": lambda wd: lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=wd),
    "Adam": lambda wd: lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=wd),
    "RMSprop": lambda wd: lambda p: torch.optim.RMSprop(p, lr=0.01, weight_decay=wd),
}


@pytest.mark.parametrize("name", COUPLED)
def test_weight_decay_is_half_the_sum_of_squares(name):
    make = COUPLED[name]
    built_in = train(make(WD))
    explicit = train(make(0.0), penalty=l2_penalty, coef=WD)
    assert torch.allclose(built_in, explicit, atol=1e-5), (built_in - explicit).abs().max()
    # the full sum of squares (twice the term) is a different, stronger regulariser
    doubled = train(make(0.0), penalty=l2_penalty, coef=2 * WD)
    assert (built_in - doubled).abs().max() > 1e-3


def test_weight_decay_changes_the_result():
    plain = train(COUPLED["SGD"](0.0))
    assert (train(COUPLED["SGD"](WD)) - plain).abs().max() > 1e-3


def test_adamw_is_not_an_l2_term():
    adamw = train(lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=WD))
    adam_l2 = train(lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=WD))
    adam_explicit = train(lambda p: torch.optim.Adam(p, lr=0.01), penalty=l2_penalty, coef=WD)
    assert (adamw - adam_l2).abs().max() > 1e-3
    assert (adamw - adam_explicit).abs().max() > 1e-3
    decoupled_adam = train(lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=WD, decoupled_weight_decay=True))
    assert torch.allclose(adamw, decoupled_adam, atol=1e-6)


def _decay_only(optimizer_cls, wd, steps, lr, size):
    """Weights after `steps` steps whose loss gradient is zero: only the decay acts."""
    w = torch.ones(size, requires_grad=True)
    optimizer = optimizer_cls([w], lr=lr, weight_decay=wd)
    for _ in range(steps):
        w.grad = torch.zeros_like(w)
        optimizer.step()
    return w


def test_adamw_decays_by_lr_times_wd():
    """Decoupled decay: with a zero loss gradient, w <- (1 - lr * wd) w each step; Adam's L2 does not do that."""
    lr, steps = 0.01, 10
    for wd in (1e-3, 1e-1):
        w = _decay_only(torch.optim.AdamW, wd, steps, lr, 3)
        assert torch.allclose(w, torch.full((3,), (1 - lr * wd) ** steps), atol=1e-6)
    # Adam's coupled term is normalised away: the shrinkage hardly depends on wd
    ends = [_decay_only(torch.optim.Adam, wd, steps, lr, 1).item() for wd in (1e-3, 1e-1)]
    assert abs(ends[0] - ends[1]) < 1e-4 and ends[0] < 0.91


def test_adamw_decays_by_default():
    assert torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"] == 0.01
    assert torch.optim.Adam([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"] == 0
    assert torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1).defaults["weight_decay"] == 0


def test_no_optimizer_has_an_l1_option():
    for name in torch.optim.__all__:
        cls = getattr(torch.optim, name)
        if inspect.isclass(cls) and issubclass(cls, torch.optim.Optimizer) and cls is not torch.optim.Optimizer:
            assert not any("l1" in p.lower() for p in inspect.signature(cls).parameters), name


def test_penalties_match_norms():
    params = [torch.randn(3, 4), torch.randn(5)]
    flat = torch.cat([p.flatten() for p in params])
    assert torch.allclose(l1_penalty(params), torch.linalg.vector_norm(flat, ord=1))
    assert torch.allclose(l2_penalty(params), 0.5 * torch.linalg.vector_norm(flat) ** 2)


def test_l1_gradient_is_a_subgradient():
    w = torch.tensor([-2.0, 0.0, 3.0], requires_grad=True)
    l1_penalty([w]).backward()
    assert torch.equal(w.grad, torch.tensor([-1.0, 0.0, 1.0]))  # 0 lies in [-1, 1], the subdifferential at 0


def test_decay_groups_split_weights_from_biases_and_norms():
    model = small_cnn()
    decay, no_decay = decay_groups(model, 1e-3)
    names = {id(p): n for n, p in model.named_parameters()}
    assert sorted(names[id(p)] for p in decay["params"]) == ["0.weight", "5.weight"]
    assert sorted(names[id(p)] for p in no_decay["params"]) == ["0.bias", "1.bias", "1.weight", "5.bias"]
    assert no_decay["weight_decay"] == 0.0


def test_decay_groups_leave_bn_alone_while_plain_weight_decay_shrinks_it():
    for groups, bn_unchanged in ((False, False), (True, True)):
        torch.manual_seed(0)
        model = small_cnn()
        before = model[0].weight.detach().clone()
        params = decay_groups(model, 0.1) if groups else model.parameters()
        optimizer = torch.optim.SGD(params, lr=0.1, weight_decay=0.1)
        optimizer.zero_grad()
        (0 * model(torch.randn(2, 1, 6, 6)).sum()).backward()  # zero gradients: only the decay acts
        optimizer.step()
        bn_weight = model[1].weight
        assert torch.equal(bn_weight, torch.ones(4)) == bn_unchanged
        assert torch.allclose(model[0].weight, (1 - 0.1 * 0.1) * before)  # the conv weight decays either way


def test_soft_threshold_is_the_prox_of_l1():
    z = torch.linspace(-3, 3, 61)
    grid = torch.linspace(-4, 4, 80001)
    t = 0.7
    objective = 0.5 * (grid[None, :] - z[:, None]) ** 2 + t * grid.abs()[None, :]
    assert torch.allclose(soft_threshold(z, t), grid[objective.argmin(1)], atol=1e-3)
