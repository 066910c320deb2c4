"""The hand-written losses in snippets/losses.py agree with torch.nn on random inputs."""

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets import losses

REDUCTIONS = ["mean", "sum", "none"]


def close(mine, theirs):
    assert mine.shape == theirs.shape, (mine.shape, theirs.shape)
    torch.testing.assert_close(mine, theirs, rtol=1e-5, atol=1e-6)


@pytest.fixture
def gen():
    return torch.Generator().manual_seed(0)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(7,), (4, 5), (2, 3, 4)], ids=str)
def test_regression_losses(shape, reduction, gen):
    x, y = 3 * torch.randn(shape, generator=gen), 3 * torch.randn(shape, generator=gen)
    close(losses.l1_loss(x, y, reduction), nn.L1Loss(reduction=reduction)(x, y))
    close(losses.mse_loss(x, y, reduction), nn.MSELoss(reduction=reduction)(x, y))
    for beta in (0.0, 0.5, 1.0, 2.0, 10.0):
        close(losses.smooth_l1_loss(x, y, beta, reduction), nn.SmoothL1Loss(reduction=reduction, beta=beta)(x, y))
    for delta in (0.5, 1.0, 2.0):
        close(losses.huber_loss(x, y, delta, reduction), nn.HuberLoss(reduction=reduction, delta=delta)(x, y))


def test_huber_is_delta_times_smooth_l1(gen):
    x, y = 3 * torch.randn(100, generator=gen), torch.zeros(100)
    for delta in (0.5, 1.0, 3.0):
        close(losses.huber_loss(x, y, delta, "none"), delta * losses.smooth_l1_loss(x, y, delta, "none"))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy(reduction, gen):
    logits = 4 * torch.randn(50, generator=gen)
    soft_targets = torch.rand(50, generator=gen)
    hard_targets = torch.randint(0, 2, (50,), generator=gen).float()
    for target in (soft_targets, hard_targets):
        p = torch.sigmoid(logits)
        close(losses.bce_loss(p, target, reduction), nn.BCELoss(reduction=reduction)(p, target))
        close(
            losses.bce_with_logits_loss(logits, target, reduction),
            nn.BCEWithLogitsLoss(reduction=reduction)(logits, target),
        )


def test_bce_clamps_the_log_at_minus_100():
    p = torch.tensor([0.0, 1.0, 0.0, 1.0])
    y = torch.tensor([1.0, 0.0, 0.0, 1.0])
    close(losses.bce_loss(p, y, "none"), F.binary_cross_entropy(p, y, reduction="none"))
    assert losses.bce_loss(p, y, "none").tolist() == [100.0, 100.0, 0.0, 0.0]


def test_bce_with_logits_is_stable_for_large_logits():
    x = torch.tensor([-200.0, -30.0, 30.0, 200.0])
    y = torch.tensor([1.0, 1.0, 0.0, 0.0])
    close(losses.bce_with_logits_loss(x, y, "none"), F.binary_cross_entropy_with_logits(x, y, reduction="none"))
    assert torch.isfinite(losses.bce_with_logits_loss(x, y, "none")).all()


def random_distributions(gen, *shape):
    return torch.softmax(2 * torch.randn(*shape, generator=gen), dim=-1)


def test_information_entropy_and_kl(gen):
    p, q = random_distributions(gen, 6, 5), random_distributions(gen, 6, 5)
    close(losses.information(p, base=2), -torch.log2(p))
    close(losses.entropy(p), torch.distributions.Categorical(probs=p).entropy())
    close(losses.entropy(p, base=2) * math.log(2), losses.entropy(p))
    close(losses.kl_divergence(p, q), F.kl_div(q.log(), p, reduction="none").sum(-1))
    categorical = torch.distributions.Categorical
    close(losses.kl_divergence(p, q), torch.distributions.kl_divergence(categorical(probs=p), categorical(probs=q)))
    close(losses.kl_divergence(p, q), losses.cross_entropy(p, q) - losses.entropy(p))
    assert (losses.kl_divergence(p, q) >= 0).all()
    close(losses.kl_divergence(p, p), torch.zeros(6))


def test_zero_probabilities_count_as_zero():
    p = torch.tensor([0.5, 0.5, 0.0])
    q = torch.tensor([0.25, 0.25, 0.5])
    close(losses.entropy(p, base=2), torch.tensor(1.0))
    close(losses.kl_divergence(p, q, base=2), torch.tensor(1.0))


def test_cross_entropy_is_the_mean_cross_entropy_of_softmax(gen):
    """nn.CrossEntropyLoss with probability targets is H(p, softmax(x)), averaged over the batch."""
    x, p = torch.randn(8, 4, generator=gen), random_distributions(gen, 8, 4)
    close(nn.CrossEntropyLoss()(x, p), losses.cross_entropy(p, torch.softmax(x, dim=1)).mean())


def test_log_softmax(gen):
    x = 50 * torch.randn(6, 7, generator=gen)
    for dim in (0, 1):
        close(losses.log_softmax(x, dim), torch.log_softmax(x, dim))


SHAPES = [((5,), ()), ((6, 5), (6,)), ((3, 5, 4, 2), (3, 4, 2))]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("smoothing", [0.0, 0.1, 0.3])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize(("input_shape", "target_shape"), SHAPES, ids=lambda s: str(s))
def test_cross_entropy_loss_with_class_indices(input_shape, target_shape, weighted, smoothing, reduction, gen):
    n_classes = input_shape[0] if len(input_shape) == 1 else input_shape[1]
    x = 3 * torch.randn(input_shape, generator=gen)
    y = torch.randint(0, n_classes, target_shape, generator=gen)
    weight = torch.rand(n_classes, generator=gen) + 0.1 if weighted else None
    options = {"weight": weight, "label_smoothing": smoothing, "reduction": reduction}
    close(losses.cross_entropy_loss(x, y, **options), nn.CrossEntropyLoss(**options)(x, y))
    if len(target_shape):  # ignore_index: mark some positions as ignored
        y_ignored = y.clone()
        y_ignored.view(-1)[::3] = 7
        options["ignore_index"] = 7
        close(losses.cross_entropy_loss(x, y_ignored, **options), nn.CrossEntropyLoss(**options)(x, y_ignored))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("input_shape", [s for s, _ in SHAPES], ids=str)
def test_cross_entropy_loss_with_probabilities(input_shape, weighted, smoothing, reduction, gen):
    class_dim = 0 if len(input_shape) == 1 else 1
    n_classes = input_shape[class_dim]
    x = 3 * torch.randn(input_shape, generator=gen)
    p = torch.softmax(torch.randn(input_shape, generator=gen), dim=class_dim)
    weight = torch.rand(n_classes, generator=gen) + 0.1 if weighted else None
    options = {"weight": weight, "label_smoothing": smoothing, "reduction": reduction}
    close(losses.cross_entropy_loss(x, p, **options), nn.CrossEntropyLoss(**options)(x, p))


def test_label_smoothing_is_a_smoothed_probability_target(gen):
    x, y = torch.randn(10, 4, generator=gen), torch.randint(0, 4, (10,), generator=gen)
    eps = 0.1
    smoothed = F.one_hot(y, 4) * (1 - eps) + eps / 4
    close(nn.CrossEntropyLoss(label_smoothing=eps)(x, y), losses.cross_entropy_loss(x, smoothed))


def test_reduce_rejects_unknown_reduction():
    with pytest.raises(ValueError, match="not a valid value"):
        losses.reduce(torch.ones(2), "avg")
