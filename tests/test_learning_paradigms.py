"""The three learning paradigms in snippets/ do what their docstrings say, on data whose answer is known."""

import pytest
import torch
from sklearn.datasets import load_digits

from snippets.learning_paradigms import (
    accuracy,
    cluster_purity,
    cluster_then_label,
    fit_softmax_regression,
    kmeans,
    self_training,
)


def blobs(n_per=30, centres=((0.0, 0.0), (3.0, 0.0), (0.0, 3.0)), spread=0.3, seed=0):
    """Well separated Gaussian blobs: the clusters and their labels are obvious."""
    g = torch.Generator().manual_seed(seed)
    x = torch.cat([torch.tensor(c) + spread * torch.randn(n_per, 2, generator=g) for c in centres])
    y = torch.arange(len(centres)).repeat_interleave(n_per)
    return x, y


@pytest.fixture(scope="module")
def digits():
    x, y = load_digits(return_X_y=True)
    x, y = torch.tensor(x, dtype=torch.float32) / 16, torch.tensor(y)
    perm = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
    return x[perm[450:]], y[perm[450:]], x[perm[:450]], y[perm[:450]]


def test_kmeans_finds_separated_blobs():
    x, y = blobs()
    assign, centres = kmeans(x, 3)
    assert cluster_purity(assign, y) == 1.0
    # a fixed point of Lloyd's iteration: each sample sits in its nearest centre, each centre is its cluster's mean
    assert torch.equal(assign, torch.cdist(x, centres).argmin(dim=1))
    for j in range(3):
        assert torch.allclose(centres[j], x[assign == j].mean(0))


def test_kmeans_is_deterministic_and_uses_only_x():
    x, _ = blobs(seed=1)
    first, second = kmeans(x, 4, seed=3), kmeans(x, 4, seed=3)
    assert torch.equal(first[0], second[0]) and torch.equal(first[1], second[1])


def test_cluster_then_label_votes_and_falls_back_to_nearest():
    x = torch.tensor([[0.0], [0.1], [0.2], [5.0], [5.1], [9.0]])
    assign = torch.tensor([0, 0, 0, 1, 1, 2])
    centres = torch.tensor([[0.1], [5.05], [9.0]])
    labelled = torch.tensor([0, 1, 2, 3])
    labels = torch.tensor([7, 7, 4, 2])  # cluster 0 votes 7 (two to one); cluster 2 has no labelled sample
    pseudo = cluster_then_label(x, assign, centres, labelled, labels)
    assert pseudo.tolist() == [7, 7, 7, 2, 2, 2]  # cluster 2's nearest labelled sample is x=5.0, label 2


def test_self_training_labels_everything_from_one_label_per_class():
    x, y = blobs()
    labelled = torch.tensor([0, 30, 60])
    pseudo, model = self_training(x, labelled, y[labelled], rounds=2, per_class=30)
    assert torch.equal(pseudo, y)
    assert accuracy(model, x, y) == 1.0


def test_softmax_regression_on_digits(digits):
    x_train, y_train, x_test, y_test = digits
    assert accuracy(fit_softmax_regression(x_train, y_train), x_test, y_test) > 0.95


def test_pseudo_labels_beat_few_labels_on_average(digits):
    """The page's claim, on the page's split: with 5% labels, both pseudo-labelling methods help on average."""
    x_train, y_train, x_test, y_test = digits
    assign, centres = kmeans(x_train, 30)
    gains = []
    for draw in range(3):
        labelled = torch.randperm(len(y_train), generator=torch.Generator().manual_seed(draw))[:67]
        only = accuracy(fit_softmax_regression(x_train[labelled], y_train[labelled]), x_test, y_test)
        pseudo = cluster_then_label(x_train, assign, centres, labelled, y_train[labelled])
        clustered = accuracy(fit_softmax_regression(x_train, pseudo), x_test, y_test)
        _, model = self_training(x_train, labelled, y_train[labelled])
        gains.append([clustered - only, accuracy(model, x_test, y_test) - only])
    assert (torch.tensor(gains).mean(0) > 0).all(), gains
