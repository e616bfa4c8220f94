"""The named losses on a whole batch of outputs at once, with their gradients in closed form: J of each
example and ∂J/∂outputs, for ``fit(engine="tape")``'s vector path.

Each is the tutorial formula ``nn.losses`` builds on Values, written on arrays with one column per
example: the formula and its closed-form derivative are a row of the engine's table of composite
rules (``at.COMPOSITE_RULES``: ``cross_entropy``'s ∂J/∂z = softmax(z) − y, ``binary_cross_entropy``,
``half_squared_error``, ``hinge``), where each row is checked against the scalar rules; this file
binds a row to a batch's targets and checks its input and its numbers.

A loss is a handful of numpy calls on the batch, where the same formula replayed from a tape of its
scalar operations is a dozen levels each way; the numbers agree with the Value graph's to rounding
(``tests/tape/test_tape_vector.py`` checks them against it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

import autograd_tiny as at
from nn.training.objectives import one_hot
from nn.training.predict import Target

__all__ = ["BatchLoss"]

Array = Any  # numpy.ndarray


class BatchLoss:
    """A named loss for ``n_out`` outputs on batches of ``y``'s examples: J per example and ∂J/∂outputs.

    Args:
        name: one of the names ``fit`` accepts (``nn.objectives.LOSSES``).
        n_out: the number of outputs of the network.
        y: every example's target, already checked by ``fit`` (``check_targets``).
    """

    def __init__(self, name: str, n_out: int, y: Sequence[Target]) -> None:
        self.formula = at.COMPOSITE_RULES[name].compute  # (numpy, outputs, targets) → J, ∂J/∂outputs
        self.probabilities = name == "binary_cross_entropy"  # its outputs must lie in (0, 1)
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
        if self.probabilities:
            _require_probabilities(outputs)
        with np.errstate(all="ignore"):
            losses, gradient = self.formula(np, outputs, targets)
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
