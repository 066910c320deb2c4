"""Supervised, unsupervised and semi-supervised learning, each in a few lines of torch.

The page ``docs/basics/learning_paradigms.md`` shows these functions and runs
them on scikit-learn's bundled digits; ``tests/test_learning_paradigms.py``
checks them on data whose answer is known.
"""

from __future__ import annotations

import torch
from torch import nn


def fit_softmax_regression(x: torch.Tensor, y: torch.Tensor, epochs: int = 100, lr: float = 0.1) -> nn.Linear:
    """Supervised: multinomial logistic regression, trained on samples ``x`` *and* labels ``y``.

    Full-batch Adam on the cross-entropy; seeded, so the same data give the same model.
    """
    torch.manual_seed(0)
    model = nn.Linear(x.shape[1], int(y.max()) + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    for _ in range(epochs):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model


def kmeans(x: torch.Tensor, k: int, iters: int = 50, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Unsupervised: k-means on samples ``x`` alone (no labels). Returns (cluster of each sample, centres).

    k-means++ start: each new centre is drawn with probability proportional to
    the squared distance to the nearest centre so far; then Lloyd's iterations.
    """
    generator = torch.Generator().manual_seed(seed)
    centres = x[torch.randint(len(x), (1,), generator=generator)]
    for _ in range(k - 1):
        d2 = torch.cdist(x, centres).min(dim=1).values ** 2
        centres = torch.cat([centres, x[torch.multinomial(d2, 1, generator=generator)]])
    for _ in range(iters):
        assign = torch.cdist(x, centres).argmin(dim=1)
        new = torch.stack([x[assign == j].mean(0) if (assign == j).any() else centres[j] for j in range(k)])
        if torch.equal(new, centres):
            break
        centres = new
    return torch.cdist(x, centres).argmin(dim=1), centres


def cluster_then_label(
    x: torch.Tensor, assign: torch.Tensor, centres: torch.Tensor, labelled: torch.Tensor, labels: torch.Tensor
) -> torch.Tensor:
    """Semi-supervised: pseudo-labels for every sample from clusters and a few true labels.

    ``labelled`` indexes the samples whose labels ``labels`` are known. Each
    cluster takes the majority label of its labelled members; a cluster with
    none takes the label of the labelled sample nearest to its centre.
    """
    n_classes = int(labels.max()) + 1
    cluster_label = labels[torch.cdist(centres, x[labelled]).argmin(dim=1)]  # nearest labelled sample
    for j in range(len(centres)):
        votes = labels[assign[labelled] == j]
        if len(votes):
            cluster_label[j] = torch.bincount(votes, minlength=n_classes).argmax()
    return cluster_label[assign]


def self_training(
    x: torch.Tensor, labelled: torch.Tensor, labels: torch.Tensor, rounds: int = 3, per_class: int = 40
) -> tuple[torch.Tensor, nn.Linear]:
    """Semi-supervised: pseudo-labels from the model's own predictions, added a few at a time.

    Start from a model trained on the labelled samples only. In round ``r``
    (from 1), for every class, the ``per_class * r`` unlabelled samples the model
    predicts as that class most confidently get that prediction as their
    pseudo-label; the model is retrained on labels plus pseudo-labels. Returns
    the pseudo-labels (the true labels in the ``labelled`` positions, -1 for
    samples never chosen) and the last model.
    """
    pseudo = torch.full((len(x),), -1, dtype=torch.long)
    pseudo[labelled] = labels
    model = fit_softmax_regression(x[labelled], labels)
    for r in range(1, rounds + 1):
        with torch.no_grad():
            confidence, predicted = model(x).softmax(dim=1).max(dim=1)
        for c in range(int(labels.max()) + 1):
            candidates = torch.nonzero((predicted == c) & (pseudo == -1)).flatten()
            best = candidates[confidence[candidates].argsort(descending=True)[: per_class * r]]
            pseudo[best] = c
        chosen = pseudo != -1
        model = fit_softmax_regression(x[chosen], pseudo[chosen])
    return pseudo, model


def cluster_purity(assign: torch.Tensor, y: torch.Tensor) -> float:
    """Accuracy when each cluster is named after its most frequent true label (labels used only to evaluate).

    >>> cluster_purity(torch.tensor([0, 0, 1, 1]), torch.tensor([3, 3, 5, 3]))
    0.75
    """
    correct = sum(int(torch.bincount(y[assign == j]).max()) for j in assign.unique())
    return correct / len(y)


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()
