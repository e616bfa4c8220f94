"""The digits epoch of ``worker.digits_epoch`` written by hand with numpy matrices: the floor for the tape.

The same network (64-32-10 tanh, the same initial weights from ``nn.MLP(..., seed=0)``), the same
shuffled batches of 8 (``random.Random(0)``, as ``nn.fit`` draws them), softmax + cross-entropy and
SGD with momentum as ``nn.SGD`` writes it, in the matrix tutorial's notation on a whole batch:
z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, δ⁽ᴸ⁾ = ŷ − y, δ⁽ˡ⁾ = f′(z⁽ˡ⁾)⊙(W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾, ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

Array = Any


def numpy_epoch(
    X: list[list[float]],
    y: list[int],
    W: list[Array],
    b: list[Array],
    lr: float,
    momentum: float,
    batch_size: int,
) -> tuple[float, float]:
    """One epoch, updating ``W`` and ``b`` in place; the mean loss and the accuracy seen during it."""
    inputs, labels = np.array(X, dtype=np.float64), np.array(y)
    velocity = [np.zeros_like(p) for p in [*W, *b]]
    order = list(range(len(X)))
    random.Random(0).shuffle(order)
    total = correct = 0.0
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        a0, target = inputs[batch].T, labels[batch]  # one column per example
        a1 = np.tanh(W[0] @ a0 + b[0][:, None])
        z2 = W[1] @ a1 + b[1][:, None]
        shifted = z2 - z2.max(axis=0)
        exponentials = np.exp(shifted)
        sums = exponentials.sum(axis=0)
        columns = np.arange(len(batch))
        total += float((np.log(sums) - shifted[target, columns]).sum())
        correct += int((z2.argmax(axis=0) == target).sum())
        delta2 = exponentials / sums  # ŷ − y, divided by the batch size: the mean gradient
        delta2[target, columns] -= 1.0
        delta2 /= len(batch)
        delta1 = (1 - a1 * a1) * (W[1].T @ delta2)
        gradients = [delta1 @ a0.T, delta2 @ a1.T, delta1.sum(axis=1), delta2.sum(axis=1)]
        for parameter, v, g in zip([*W, *b], velocity, gradients, strict=True):
            v *= momentum
            v += g
            parameter -= lr * v
    return total / len(X), correct / len(X)
