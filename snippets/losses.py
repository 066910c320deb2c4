"""Loss functions and information measures, written out by hand.

The pages in ``docs/losses/`` show these functions and compare them with
PyTorch; ``tests/test_losses.py`` checks them against ``torch.nn`` on random
inputs, for every reduction.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor


def reduce(loss: Tensor, reduction: str = "mean") -> Tensor:
    """Apply a ``reduction`` the way ``torch.nn`` losses do: ``mean``, ``sum`` or ``none``.

    >>> reduce(torch.tensor([1.0, 2.0, 6.0]), "mean")
    tensor(3.)
    """
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"{reduction} is not a valid value for reduction")


# -- Regression -----------------------------------------------------------------


def l1_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Absolute error |x - y| (``nn.L1Loss``); ``mean`` gives the mean absolute error."""
    return reduce((input - target).abs(), reduction)


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Squared error (x - y)² (``nn.MSELoss``): the *squared* L2 norm, averaged, not the L2 norm."""
    return reduce((input - target) ** 2, reduction)


def smooth_l1_loss(input: Tensor, target: Tensor, beta: float = 1.0, reduction: str = "mean") -> Tensor:
    """``nn.SmoothL1Loss``: 0.5 d²/beta where |d| < beta, |d| - 0.5 beta elsewhere (L1 when beta = 0)."""
    d = (input - target).abs()
    if beta == 0:
        return reduce(d, reduction)
    return reduce(torch.where(d < beta, 0.5 * d**2 / beta, d - 0.5 * beta), reduction)


def huber_loss(input: Tensor, target: Tensor, delta: float = 1.0, reduction: str = "mean") -> Tensor:
    """``nn.HuberLoss``: 0.5 d² where |d| <= delta, delta (|d| - 0.5 delta) elsewhere (= delta × SmoothL1)."""
    d = (input - target).abs()
    return reduce(torch.where(d <= delta, 0.5 * d**2, delta * (d - 0.5 * delta)), reduction)


# -- Binary classification --------------------------------------------------------


def bce_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """``nn.BCELoss`` on probabilities p: -[y log p + (1 - y) log(1 - p)], each log clamped at -100."""
    log_p = input.log().clamp(min=-100)
    log_1mp = (1 - input).log().clamp(min=-100)
    return reduce(-(target * log_p + (1 - target) * log_1mp), reduction)


def bce_with_logits_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """``nn.BCEWithLogitsLoss`` on logits x: BCE of sigmoid(x), rewritten so that no exp overflows.

    -[y log σ(x) + (1 - y) log(1 - σ(x))] = max(x, 0) - x y + log(1 + exp(-|x|)).
    """
    return reduce(input.clamp(min=0) - input * target + torch.log1p(torch.exp(-input.abs())), reduction)


# -- Information ------------------------------------------------------------------


def information(p: Tensor, base: float = math.e) -> Tensor:
    """Information content I = -log p of an event of probability p (nats for base e, bits for base 2)."""
    return -torch.log(p) / math.log(base)


def entropy(p: Tensor, base: float = math.e) -> Tensor:
    """Entropy H(p) = -Σ p log p over the last dimension (0 log 0 = 0)."""
    return -torch.special.xlogy(p, p).sum(-1) / math.log(base)


def cross_entropy(p: Tensor, q: Tensor, base: float = math.e) -> Tensor:
    """Cross-entropy H(p, q) = -Σ p log q of q relative to the true distribution p."""
    return -torch.special.xlogy(p, q).sum(-1) / math.log(base)


def kl_divergence(p: Tensor, q: Tensor, base: float = math.e) -> Tensor:
    """Kullback-Leibler divergence KL(p‖q) = Σ p log(p / q), computed from its definition."""
    return (torch.special.xlogy(p, p) - torch.special.xlogy(p, q)).sum(-1) / math.log(base)


# -- Multi-class classification ---------------------------------------------------


def log_softmax(x: Tensor, dim: int) -> Tensor:
    """log softmax(x) = x - log Σ exp(x), with the maximum subtracted first so that exp cannot overflow."""
    shifted = x - x.amax(dim, keepdim=True)
    return shifted - shifted.exp().sum(dim, keepdim=True).log()


def cross_entropy_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    ignore_index: int = -100,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
) -> Tensor:
    """``nn.CrossEntropyLoss`` by hand.

    ``input``: logits of shape (C,), (N, C) or (N, C, d1, ...); the classes are dimension 1
    (dimension 0 for an unbatched input). ``target``: class indices of shape (), (N,) or
    (N, d1, ...), or class probabilities of the same shape as ``input``.
    """
    class_dim = 0 if input.dim() == 1 else 1
    n_classes = input.shape[class_dim]
    log_q = log_softmax(input, class_dim).movedim(class_dim, -1)  # classes last
    w = torch.ones(n_classes, dtype=input.dtype) if weight is None else weight

    if target.is_floating_point():  # class probabilities
        p = target.movedim(class_dim, -1) * (1 - label_smoothing) + label_smoothing / n_classes
        loss = -(w * p * log_q).sum(-1)
        return reduce(loss, reduction)  # 'mean' divides by the number of elements, not by the weights

    keep = target != ignore_index
    index = target.where(keep, 0)  # any valid class; the ignored positions are zeroed below
    nll = -(w[index] * log_q.gather(-1, index.unsqueeze(-1)).squeeze(-1)) * keep
    smooth = -(w * log_q).sum(-1) * keep  # the uniform part of the smoothed target
    loss = (1 - label_smoothing) * nll + label_smoothing / n_classes * smooth
    if reduction == "mean":  # a weighted mean over the positions that are not ignored
        return loss.sum() / (w[index] * keep).sum()
    return reduce(loss, reduction)
