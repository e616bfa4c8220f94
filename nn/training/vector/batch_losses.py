"""The named losses on a whole batch of outputs at once, with their gradients in closed form: J of each
example and ∂J/∂outputs, for ``fit(engine="tape")``'s vector path.

Each is the tutorial formula ``nn.losses`` builds on Values, written on arrays with one column per
example, and its derivative as the tutorials write it:

- ``cross_entropy``: J = log Σⱼ e^(zⱼ − m) + m − z_label (m = max z), ∂J/∂z = ŷ − y with ŷ = softmax(z):
  the matrix tutorial's δ⁽ᴸ⁾;
- ``binary_cross_entropy``: J = −Σₖ[yₖ log hₖ + (1 − yₖ) log(1 − hₖ)], ∂J/∂hₖ = −yₖ/hₖ + (1 − yₖ)/(1 − hₖ):
  the gradient-checking tutorial's log-loss;
- ``half_squared_error``: J = ½Σₖ(hₖ − yₖ)², ∂J/∂h = h − y: the backpropagation derivation's;
- ``hinge``: J = max(0, 1 − y·s), ∂J/∂s = −y where 1 − y·s > 0, else 0: micrograd's.

A loss is a handful of numpy calls on the batch, where the same formula replayed from a tape of its
scalar operations is a dozen levels each way; the numbers agree with the Value graph's to rounding
(``tests/tape/test_tape_vector.py`` checks them against it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nn.training.objectives import one_hot
from nn.training.predict import Target

__all__ = ["BatchLoss"]

Array = Any  # numpy.ndarray
Formula = Callable[[Array, Array, Array], tuple[Array, Array]]  # (outputs, targets, columns) → J, ∂J/∂outputs


def _cross_entropy(z: Array, labels: Array, columns: Array) -> tuple[Array, Array]:
    largest = z.max(axis=0)
    exponentials = np.exp(z - largest)
    sums = exponentials.sum(axis=0)
    losses = np.log(sums) + largest - z[labels, columns]
    gradient = exponentials / sums  # ŷ = softmax(z)
    gradient[labels, columns] -= 1.0  # ŷ − y
    return losses, gradient


def _binary_cross_entropy(h: Array, y: Array, _: Array) -> tuple[Array, Array]:
    _require_probabilities(h)
    losses = -(y * np.log(h) + (1 - y) * np.log(1 - h)).sum(axis=0)
    return losses, (1 - y) / (1 - h) - y / h


def _half_squared_error(h: Array, y: Array, _: Array) -> tuple[Array, Array]:
    difference = h - y
    return 0.5 * (difference * difference).sum(axis=0), difference


def _hinge(s: Array, y: Array, _: Array) -> tuple[Array, Array]:
    margin = 1 - y * s
    return np.maximum(margin, 0.0)[0], np.where(margin > 0, -y, 0.0)


_FORMULAS: dict[str, Formula] = {
    "cross_entropy": _cross_entropy,
    "binary_cross_entropy": _binary_cross_entropy,
    "half_squared_error": _half_squared_error,
    "hinge": _hinge,
}


class BatchLoss:
    """A named loss for ``n_out`` outputs on batches of ``y``'s examples: J per example and ∂J/∂outputs.

    Args:
        name: one of the names ``fit`` accepts (``nn.objectives.LOSSES``).
        n_out: the number of outputs of the network.
        y: every example's target, already checked by ``fit`` (``check_targets``).
    """

    def __init__(self, name: str, n_out: int, y: Sequence[Target]) -> None:
        self.formula = _FORMULAS[name]
        if name == "cross_entropy":  # a class index per example
            self.targets = np.array([int(target) for target in y], dtype=np.intp)  # type: ignore[arg-type]  # checked
        else:  # one row per output, one column per example (a class index becomes one-hot)
            rows = [np.atleast_1d(np.asarray(one_hot(target, n_out), dtype=np.float64)) for target in y]
            self.targets = np.array(rows, dtype=np.float64).T

    def __call__(self, outputs: Array, batch: Array) -> tuple[Array, Array]:
        """J of each example of ``batch`` (indices into y) and ∂J/∂outputs, from the network's
        ``outputs`` (one row per output, one column per example).

        Raises:
            ValueError: a probability outside (0, 1) for ``binary_cross_entropy`` (named as
                ``nn.losses`` names it).
            OverflowError: a loss or a gradient is too large for a float.
        """
        targets = self.targets[..., batch]
        with np.errstate(all="ignore"):
            losses, gradient = self.formula(outputs, targets, np.arange(len(batch)))
            total = np.add.reduce(losses) + np.add.reduce(gradient, axis=None)  # inf or nan if any is
        if not math.isfinite(total) and not (np.isfinite(losses).all() and np.isfinite(gradient).all()):
            bad = int(np.flatnonzero(~(np.isfinite(losses) & np.isfinite(gradient).all(axis=0)))[0])
            raise OverflowError(
                f"the loss of example {int(batch[bad])} or its gradient is too large for a float "
                f"(outputs {', '.join(f'{x:.6g}' for x in outputs[:, bad])})"
            )
        return losses, gradient


def _require_probabilities(h: Array) -> None:
    inside = (h > 0) & (h < 1)
    if inside.all():
        return
    column, k = (int(i) for i in np.argwhere(~inside.T)[0])  # the first example, as the graph meets it
    raise ValueError(
        f"binary_cross_entropy: output {k} is {float(h[k, column])!r}, but it must be a probability "
        "strictly between 0 and 1 (use a sigmoid output layer; a saturated sigmoid rounds to 0 or 1)"
    )
