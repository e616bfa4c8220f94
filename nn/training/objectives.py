"""What ``fit(loss=...)`` accepts: a loss by name, which fixes how y is encoded, or a function.

| name                   | output layer                   | y for each example                          |
|------------------------|--------------------------------|---------------------------------------------|
| "cross_entropy"        | K linear outputs (logits)      | the class index 0..K−1 (the matrix tutorial)|
| "binary_cross_entropy" | sigmoid outputs                | 0/1 for one output; for K outputs a class   |
|                        |                                | index (made one-hot) or a 0/1 vector (002)  |
| "half_squared_error"   | any                            | a number, a vector, or a class index that   |
|                        |                                | is made one-hot for K outputs (the          |
|                        |                                | backpropagation derivation)                 |
| "hinge"                | one linear output (a score)    | −1 or +1 (micrograd's moons demo)           |

A function ``(outputs, target) → Value`` gets the list of output ``Value``s of one example and that
example's entry of y unchanged.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

import autograd_tiny as at
from autograd_tiny import Value
from nn.training.losses import binary_cross_entropy, cross_entropy, half_squared_error, hinge_loss
from nn.training.predict import Target

__all__ = ["LOSSES", "Loss", "check_targets", "resolve"]

Loss = Callable[[list[Value], Any], Value]

LOSSES: dict[str, Loss] = {
    "cross_entropy": cross_entropy,
    "binary_cross_entropy": binary_cross_entropy,
    "half_squared_error": half_squared_error,
    "hinge": hinge_loss,
}
_ONE_HOT = ("binary_cross_entropy", "half_squared_error")


def resolve(loss: str | Loss) -> Loss:
    """The loss of one example as ``fit`` calls it: ``loss(outputs, y[i])``.

    Raises:
        ValueError: an unknown name; the message lists the names.
        TypeError: neither a name nor a function.
    """
    if isinstance(loss, str):
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}: choose one of {', '.join(LOSSES)}, or pass a function")
        function = LOSSES[loss]
        if loss in _ONE_HOT:
            return lambda outputs, target: function(outputs, one_hot(target, len(outputs)))
        return function
    if not callable(loss):
        raise TypeError(f"loss must be a name or a function, got {type(loss).__name__}")
    return loss


def one_hot(target: Target, n_outputs: int) -> Target:
    """A class index k (any integer, a numpy one too) becomes [0, …, 1, …, 0] when there are several
    outputs; anything else stays."""
    if n_outputs > 1 and isinstance(target, numbers.Integral) and not isinstance(target, bool):
        index = int(target)
        if not 0 <= index < n_outputs:
            raise ValueError(f"class index {index} is not in 0..{n_outputs - 1}")
        return [1.0 if k == index else 0.0 for k in range(n_outputs)]
    return target


def check_targets(loss: str | Loss, y: Sequence[Target], n_outputs: int) -> None:
    """For a named loss, run it on neutral outputs (all 0.5) with every target, so that a badly
    encoded y is reported before training rather than in the middle of it.

    Raises:
        ValueError: a target does not suit the loss; the message names it and says why.
    """
    if not isinstance(loss, str):
        return
    function = resolve(loss)
    outputs = [Value(0.5)] * n_outputs
    suited: set[object] = set()  # targets already run: labels repeat (10 digits in 1,797 examples)
    with at.no_grad():
        for i, target in enumerate(y):
            key = (type(target), target) if isinstance(target, (int, float)) else None
            if key in suited:
                continue
            try:
                function(outputs, target)
            except (TypeError, ValueError) as error:
                raise ValueError(f"y[{i}] = {target!r} does not suit loss {loss!r}: {error}") from None
            if key is not None:
                suited.add(key)
