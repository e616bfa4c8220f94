"""``train_test_split``: hold examples out of training, to measure how a network generalises."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from nn.model.arguments import check_number

__all__ = ["train_test_split"]

Example = TypeVar("Example")
Label = TypeVar("Label")


def train_test_split(
    X: Sequence[Example], y: Sequence[Label], test_fraction: float = 0.25, seed: int = 0
) -> tuple[list[Example], list[Example], list[Label], list[Label]]:
    """Shuffle (X, y) with ``random.Random(seed)`` and cut off the last ``test_fraction`` for testing.

    Args:
        X: examples.
        y: one label per example.
        test_fraction: the share held out, strictly between 0 and 1 (rounded to whole examples,
            at least one on each side).
        seed: seeds the shuffle.

    Returns:
        ``X_train, X_test, y_train, y_test``.

    Raises:
        ValueError: lengths differ, fewer than two examples, or ``test_fraction`` not in (0, 1).
    """
    if len(X) != len(y) or len(X) < 2:
        raise ValueError(
            f"train_test_split: {len(X)} examples and {len(y)} labels (need the same number ≥ 2)"
        )
    check_number(
        test_fraction, "train_test_split: test_fraction", low=0, high=1, open_low=True, open_high=True
    )
    order = list(range(len(X)))
    random.Random(seed).shuffle(order)
    n_test = min(len(X) - 1, max(1, round(test_fraction * len(X))))
    train, test = order[:-n_test], order[-n_test:]
    return [X[i] for i in train], [X[i] for i in test], [y[i] for i in train], [y[i] for i in test]
