"""``predict`` and ``accuracy``: the class a network's outputs stand for, compared with the labels.

The rule follows the output layer, as seed 000 pairs labels with activations: several outputs →
the index of the largest (softmax logits, or seed 002's K sigmoid units); one sigmoid output → 1 if
a ≥ 0.5 else 0 (seed 000: "y = 0 or 1" for sigmoid); any other single output (tanh, linear score)
→ +1 if it is > 0 else −1 (seed 000: "−1 and +1" for tanh; micrograd's hinge demo).
"""

from __future__ import annotations

from collections.abc import Sequence

from autograd_tiny import no_grad
from nn.module import Module

__all__ = ["Target", "accuracy", "decide", "label_of", "predict"]

Target = float | Sequence[float]


def decide(outputs: Sequence[float], output_activation: str) -> int:
    """The class that the numbers ``outputs`` of one example stand for (rule in the module docstring)."""
    if len(outputs) > 1:
        return max(range(len(outputs)), key=outputs.__getitem__)
    if output_activation == "sigmoid":
        return 1 if outputs[0] >= 0.5 else 0
    return 1 if outputs[0] > 0 else -1


def label_of(target: Target) -> float:
    """The class of a target: the number itself, or the index of the largest entry of a one-hot vector."""
    if isinstance(target, (int, float)):
        return target
    if len(target) == 1:
        return target[0]
    return max(range(len(target)), key=target.__getitem__)


def predict(model: Module, X: Sequence[Sequence[float]]) -> list[int]:
    """The predicted class of each example, computed without recording a graph.

    Args:
        model: a network.
        X: examples, each a list of ``model.n_in`` numbers.

    Returns:
        One class per example, in the encoding ``fit`` expects of y: a class index for several
        outputs, 0/1 for one sigmoid output, −1/+1 for any other single output.
    """
    with no_grad():
        return [decide([v.data for v in model(x)], model.output_activation) for x in X]


def accuracy(model: Module, X: Sequence[Sequence[float]], y: Sequence[Target]) -> float:
    """The fraction of examples whose predicted class equals their label.

    Args:
        model: a network.
        X: examples.
        y: labels: class indices, 0/1, ±1, or one-hot vectors.

    Raises:
        ValueError: ``X`` and ``y`` differ in length or are empty.
    """
    if len(X) != len(y) or not y:
        raise ValueError(
            f"accuracy: {len(X)} examples and {len(y)} labels (need the same number, at least one)"
        )
    hits = sum(p == label_of(t) for p, t in zip(predict(model, X), y, strict=True))
    return hits / len(y)
