"""Losses from the seeds, each a ``Value`` built from engine operations.

``half_squared_error``: the backpropagation derivation's J = ½‖h(x) − y‖². ``binary_cross_entropy``: the
gradient-checking tutorial's log-loss −Σₖ[yₖ log hₖ + (1 − yₖ) log(1 − hₖ)], whose δ⁽ᴸ⁾ through a sigmoid is a
− y. ``cross_entropy``: the matrix tutorial's −yᵀ log ŷ with ŷ = softmax(z), whose δ⁽ᴸ⁾ is ŷ − y.
``hinge_loss``: max(0, 1 − y·s), micrograd's moons demo. ``l2_penalty``: the backpropagation derivation's
weight decay λ/2·ΣW².
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.arguments import check_number
from nn.model.module import Module

__all__ = ["binary_cross_entropy", "cross_entropy", "half_squared_error", "hinge_loss", "l2_penalty", "mean"]


def half_squared_error(prediction: Value | Sequence[Value], target: float | Sequence[float]) -> Value:
    """½‖h − y‖² = ½Σₖ(hₖ − yₖ)² (the backpropagation derivation); its δ⁽ⁿˡ⁾ is −(y − a)⊙f′(z).

    Args:
        prediction: the network's outputs h (a ``Value`` or a list of them).
        target: y, a number or one number per output.

    Raises:
        ValueError: ``target`` does not have one number per output.
    """
    pairs = _pairs("half_squared_error", prediction, target)
    return 0.5 * at.sum([(h - y) ** 2 for h, y in pairs])


def binary_cross_entropy(probability: Value | Sequence[Value], target: float | Sequence[float]) -> Value:
    """−Σₖ[yₖ log hₖ + (1 − yₖ) log(1 − hₖ)], the gradient-checking tutorial's log-loss, for sigmoid outputs.

    Args:
        probability: the outputs h, each strictly between 0 and 1 (a sigmoid output layer).
        target: y, a number in [0, 1] or one per output (the gradient-checking tutorial: one-hot over K
        outputs).

    Raises:
        ValueError: a probability is not strictly inside (0, 1), where a log would be −∞, or a
            target is outside [0, 1], or the lengths differ.
    """
    pairs = _pairs("binary_cross_entropy", probability, target)
    for k, (h, y) in enumerate(pairs):
        if not 0 < h.data < 1:
            raise ValueError(
                f"binary_cross_entropy: output {k} is {h.data!r}, but it must be a probability strictly "
                "between 0 and 1 (use a sigmoid output layer; a saturated sigmoid rounds to 0 or 1)"
            )
        if not 0 <= y <= 1:
            raise ValueError(f"binary_cross_entropy: target {k} is {y!r}, but it must be in [0, 1]")
    return -at.sum([y * h.log() + (1 - y) * (1 - h).log() for h, y in pairs])


def cross_entropy(logits: Sequence[Value], label: int) -> Value:
    """−log ŷ_label with ŷ = softmax(z) (the matrix tutorial's −yᵀ log ŷ for a one-hot y); ∂L/∂z = ŷ − y.

    Computed as log Σⱼ e^(zⱼ − m) + m − z_label with m = max z (log-sum-exp), so logits of 1000 do
    not overflow and a tiny probability does not round to log 0.

    Args:
        logits: the scores z of a linear output layer, one per class.
        label: the index of the true class.

    Raises:
        ValueError: ``label`` is not an integer in ``range(len(logits))``.
    """
    if isinstance(label, bool) or not isinstance(label, numbers.Integral) or not 0 <= label < len(logits):
        raise ValueError(f"cross_entropy: label must be a class index in 0..{len(logits) - 1}, got {label!r}")
    largest = max(z.data for z in logits)
    exponentials = at.sum([(z - largest).exp() for z in logits])
    return exponentials.log() + largest - logits[int(label)]


def hinge_loss(score: Value | Sequence[Value], label: float) -> Value:
    """max(0, 1 − y·s), the margin loss of micrograd's moons demo, for labels y = −1 or +1.

    Args:
        score: the output s of a linear unit (a ``Value`` or a list of one).
        label: −1 or +1.

    Raises:
        ValueError: ``label`` is not ±1, or there is not exactly one score.
    """
    ((s, y),) = _pairs("hinge_loss", score, label)
    if y not in (-1, 1):
        raise ValueError(f"hinge_loss: label must be -1 or +1, got {label!r}")
    return (1 - y * s).relu()


def l2_penalty(model: Module, lam: float) -> Value:
    """λ/2·ΣW² over ``model.weights()``, biases excluded (the backpropagation derivation's weight decay); adds
    λW to ∇W.

    Raises:
        ValueError: ``lam`` is not a finite number ≥ 0.
    """
    lam = check_number(lam, "l2_penalty: lam", low=0)
    return lam / 2 * at.sum([w * w for w in model.weights()])


def mean(values: Sequence[Value]) -> Value:
    """(1/m)·Σᵢ vᵢ, as the backpropagation derivation averages the cost over m examples.

    Raises:
        ValueError: ``values`` is empty.
    """
    if not values:
        raise ValueError("mean of no values")
    return at.sum(values) * (1 / len(values))


def _pairs(
    loss: str, prediction: Value | Sequence[Value], target: float | Sequence[float]
) -> list[tuple[Value, float]]:
    predictions = [prediction] if isinstance(prediction, Value) else list(prediction)
    targets = [target] if isinstance(target, (float, numbers.Real)) else list(target)  # numpy's too
    if not predictions or len(predictions) != len(targets):
        raise ValueError(f"{loss}: {len(predictions)} outputs but {len(targets)} targets")
    return list(zip(predictions, [check_number(y, f"{loss}: a target") for y in targets], strict=True))
