"""``predict`` and ``accuracy``: the class a network's outputs stand for, compared with the labels.

The rule follows the output layer, as the backpropagation derivation pairs labels with activations: several
outputs → the index of the largest (softmax logits, or the gradient-checking tutorial's K sigmoid units); one
sigmoid output → 1 if a ≥ 0.5 else 0 (the backpropagation derivation: "y = 0 or 1" for sigmoid); any other
single output (tanh, linear score) → +1 if it is > 0 else −1 (the backpropagation derivation: "−1 and +1" for
tanh; micrograd's hinge demo).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

from autograd_tiny import no_grad
from nn.model.module import Module
from nn.training.data import check_classes, check_examples

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
    """The class of a target: the number itself, or the index of the largest entry of a one-hot vector.

    A number may be any real number (a numpy scalar too); a vector anything with ``len()`` and indexing.
    """
    if type(target) is int:  # the usual label, found without asking the numbers ABCs
        return target
    if isinstance(target, numbers.Integral):
        return int(target)
    if isinstance(target, (float, numbers.Real)):  # float: mypy does not count it a numbers.Real
        return float(target)
    if len(target) == 1:
        return label_of(target[0])
    return max(range(len(target)), key=target.__getitem__)


def predict(model: Module, X: Sequence[Sequence[float]]) -> list[int]:
    """The predicted class of each example, computed without recording a graph.

    Args:
        model: a network.
        X: examples, each ``model.n_in`` finite numbers: a list of lists, a 2-d numpy array, ….

    Returns:
        One class per example, in the encoding ``fit`` expects of y: a class index for several
        outputs, 0/1 for one sigmoid output, −1/+1 for any other single output.

    Raises:
        TypeError, ValueError: as ``fit`` for X, checked before any example is run.
    """
    return _predict(model, check_examples(X, model.n_in, "predict", model=repr(model), at_least=0))


def _predict(model: Module, X: list[list[float]]) -> list[int]:
    with no_grad():
        return [decide([v.data for v in model(x)], model.output_activation) for x in X]


def accuracy(model: Module, X: Sequence[Sequence[float]], y: Sequence[Target]) -> float:
    """The fraction of examples whose predicted class equals their label.

    Args:
        model: a network.
        X: examples.
        y: labels: class indices, 0/1, ±1, or one-hot vectors.

    Raises:
        TypeError, ValueError: as ``predict`` for X; y is not a list or array of one label per example,
            or a label is not a finite number or a non-empty vector of them (``data.check_classes``).
    """
    examples = check_examples(X, model.n_in, "accuracy", model=repr(model))
    labels = check_classes(y, len(examples), "accuracy")
    hits = sum(p == label_of(t) for p, t in zip(_predict(model, examples), labels, strict=True))
    return hits / len(labels)
