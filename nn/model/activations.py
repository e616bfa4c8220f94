"""Activation functions by name, and softmax: f in a⁽ˡ⁾ = f(z⁽ˡ⁾) (the backpropagation derivation and the
matrix tutorial).

Each activation is built from the engine's operations, so its derivative comes from the engine's
table: σ′ = σ(1 − σ) and tanh′ = 1 − tanh² (the backpropagation derivation), ReLU′(0) = 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from autograd_tiny import Value

__all__ = ["ACTIVATIONS", "LEAKY_SLOPE", "activation", "leaky_relu", "softmax"]

LEAKY_SLOPE = 0.01


def leaky_relu(x: Value) -> Value:
    """x for x > 0, else 0.01·x, written as 0.01·x + 0.99·ReLU(x) with no branch in Python.

    The engine has no leaky-ReLU rule, so its derivative is the table's: 0.01 + 0.99·ReLU′(x), which
    is 1 for x > 0 and 0.01 for x ≤ 0 (ReLU′(0) = 0). With no branch on ``x.data``, a recorded tape
    of a leaky-ReLU network holds for every input.
    """
    return x * LEAKY_SLOPE + x.relu() * (1 - LEAKY_SLOPE)


def _linear(x: Value) -> Value:
    return x


ACTIVATIONS: dict[str, Callable[[Value], Value]] = {
    "sigmoid": Value.sigmoid,  # σ(z) = 1 / (1 + e⁻ᶻ), σ′ = σ(1 − σ)
    "tanh": Value.tanh,  # tanh′ = 1 − tanh²
    "relu": Value.relu,  # max(0, z)
    "leaky_relu": leaky_relu,  # max(0.01·z, z)
    "linear": _linear,  # z itself: scores and logits
}


def activation(name: str) -> Callable[[Value], Value]:
    """The activation function called ``name``.

    Args:
        name: one of ``sigmoid tanh relu leaky_relu linear``.

    Returns:
        A function from a ``Value`` to a ``Value``.

    Raises:
        ValueError: ``name`` is not one of them; the message lists the choices.
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        choices = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}: choose one of {choices}") from None


def softmax(values: Sequence[Value]) -> list[Value]:
    """ŷᵢ = e^(zᵢ − m) / Σⱼ e^(zⱼ − m) with m = max z: the matrix tutorial's output layer, stable for large z.

    Subtracting the largest number changes no probability and no derivative, but keeps every
    exponent ≤ 0, so ``softmax([1000, 0])`` does not overflow.

    Args:
        values: the logits z, at least one.

    Returns:
        One probability per logit, as ``Value``s that sum to 1.

    Raises:
        ValueError: ``values`` is empty.
    """
    if not values:
        raise ValueError("softmax needs at least one value")
    largest = max(v.data for v in values)
    exponentials = [(v - largest).exp() for v in values]
    total = sum(exponentials[1:], exponentials[0])
    return [e / total for e in exponentials]
