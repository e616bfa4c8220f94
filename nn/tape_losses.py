"""The named losses recorded as a tape of their own, the target an input like the outputs: the matrix
tutorial's −Σₖ tₖ log softmax(z)ₖ (t one-hot), the gradient-checking tutorial's log-loss, the backpropagation
derivation's ½‖h − y‖² and micrograd's hinge max(0, 1 − y·s).

Each formula is the one ``nn.losses`` builds on Values, with the same operations in the same order, so a
replay gives the same numbers to rounding; the target enters as numbers (one-hot for a class index)
instead of a Python branch, so one recording serves every example. ``cross_entropy`` takes the shift m =
max z of its log-sum-exp as an input too: log Σⱼ e^(zⱼ − m) + m − Σₖ tₖzₖ, m given per example (its
gradient, 0 in exact arithmetic, is not used), as ``nn.losses.cross_entropy`` takes m as a constant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import autograd_tiny as at
from autograd_tiny import Value
from nn.objectives import one_hot
from nn.predict import Target

__all__ = ["LossTape"]

Array = Any  # numpy.ndarray


def _cross_entropy(z: Sequence[Value], t: Sequence[Value], shift: Value) -> Value:
    exponentials = at.sum([(z_k - shift).exp() for z_k in z])
    return exponentials.log() + shift - at.sum([t_k * z_k for t_k, z_k in zip(t, z, strict=True)])


def _binary_cross_entropy(h: Sequence[Value], y: Sequence[Value]) -> Value:
    return -at.sum([y_k * h_k.log() + (1 - y_k) * (1 - h_k).log() for h_k, y_k in zip(h, y, strict=True)])


def _half_squared_error(h: Sequence[Value], y: Sequence[Value]) -> Value:
    return 0.5 * at.sum([(h_k - y_k) ** 2 for h_k, y_k in zip(h, y, strict=True)])


def _hinge(s: Sequence[Value], y: Sequence[Value]) -> Value:
    return (1 - y[0] * s[0]).relu()


_FORMULAS: dict[str, Callable[..., Value]] = {
    "cross_entropy": _cross_entropy,
    "binary_cross_entropy": _binary_cross_entropy,
    "half_squared_error": _half_squared_error,
    "hinge": _hinge,
}


class LossTape:
    """A named loss recorded once for ``n_out`` outputs, replayed on a batch: J per example and ∂J/∂z.

    Args:
        name: one of the names ``fit`` accepts (``nn.objectives.LOSSES``).
        n_out: the number of outputs of the network.
        y: every example's target, already checked by ``fit`` (``check_targets``).
    """

    def __init__(self, name: str, n_out: int, y: Sequence[Target]) -> None:
        self.name = name
        self.n_out = n_out
        shifted = name == "cross_entropy"
        identity = np.eye(n_out)
        rows = [
            identity[int(target)]  # type: ignore[arg-type]  # fit has checked: a class index
            if shifted
            else np.atleast_1d(np.asarray(one_hot(target, n_out), dtype=np.float64))
            for target in y
        ]
        self.targets = np.array(rows, dtype=np.float64).T  # one row per target number, one column per example
        n_targets = len(self.targets)
        formula = _FORMULAS[name]

        def loss(*inputs: Value) -> Value:
            outputs, targets = inputs[:n_out], inputs[n_out : n_out + n_targets]
            return formula(outputs, targets, inputs[-1]) if shifted else formula(outputs, targets)

        example = [0.5] * n_out + list(self.targets[:, 0]) + ([0.5] if shifted else [])
        self.tape = at.record(loss, example)
        self.shifted = shifted

    def replay(self, scores: Array, batch: list[int]) -> tuple[Array, Array]:
        """J of each example of ``batch`` and ∂J/∂scores, from the network's ``scores`` (one row per
        output, one column per example).

        Raises:
            ValueError: a probability outside (0, 1) for ``binary_cross_entropy`` (named as
                ``nn.losses`` names it), or an operation outside its domain.
        """
        if self.name == "binary_cross_entropy":
            _require_probabilities(scores)
        rows = [scores, self.targets[:, batch]]
        if self.shifted:
            rows.append(scores.max(axis=0, keepdims=True))
        losses = self.tape.forward(np.concatenate(rows))
        gradients = self.tape.backward(1.0)
        return losses, np.array(gradients[: self.n_out])


def _require_probabilities(scores: Array) -> None:
    inside = (scores > 0) & (scores < 1)
    if inside.all():
        return
    column, k = (int(i) for i in np.argwhere(~inside.T)[0])  # the first example, as the graph meets it
    raise ValueError(
        f"binary_cross_entropy: output {k} is {float(scores[k, column])!r}, but it must be a probability "
        "strictly between 0 and 1 (use a sigmoid output layer; a saturated sigmoid rounds to 0 or 1)"
    )
