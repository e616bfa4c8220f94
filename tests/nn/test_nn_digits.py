"""Seed 002's digits classifier, at the 8×8 UCI scale: a 64-16-10 network reaches ≥ 95% held out."""

from __future__ import annotations

import pytest

import nn


@pytest.mark.slow
def test_digits_reach_95_percent_on_held_out_images() -> None:
    X, y = nn.datasets.load_digits()
    X = [[pixel / 16 for pixel in image] for image in X]  # seed 002 scales pixels to [0, 1]
    X_train, X_test, y_train, y_test = nn.datasets.train_test_split(X, y, test_fraction=0.25, seed=0)
    model = nn.MLP(64, [16, 10], "tanh", seed=0)
    optimizer = nn.SGD(model.parameters(), lr=0.05, momentum=0.9)
    options = {"loss": "cross_entropy", "optimizer": optimizer, "batch_size": 8, "progress": False}
    history = nn.fit(model, X_train, y_train, epochs=3, seed=0, **options)  # type: ignore[arg-type]
    optimizer.lr = 0.01  # a smaller step for a last epoch
    history_end = nn.fit(model, X_train, y_train, epochs=1, seed=1, **options)  # type: ignore[arg-type]
    assert history.loss[-1] < history.loss[0]
    assert history_end.accuracy[0] > 0.95  # on the training images, during the last epoch
    assert nn.accuracy(model, X_test, y_test) >= 0.95
