"""``exp log sqrt tanh sigmoid relu sin cos`` as functions: a ``Value`` gets a node, a number a float.

On a number they run the same rule (``rules.py``) with the same domain checks, so ``log(0)`` is the
same clear error either way.
"""

from __future__ import annotations

from typing import TypeVar

from autograd_tiny.rules import forward
from autograd_tiny.value import Value, as_float

__all__ = ["cos", "exp", "log", "relu", "sigmoid", "sin", "sqrt", "tanh"]

Number = TypeVar("Number", Value, float)


def _call(op: str, x: Number) -> Number:
    if isinstance(x, Value):
        return getattr(x, op)()  # type: ignore[no-any-return]
    return forward(op, as_float(x, op))


def exp(x: Number) -> Number:
    """eˣ."""
    return _call("exp", x)


def log(x: Number) -> Number:
    """Natural logarithm, for x > 0."""
    return _call("log", x)


def sqrt(x: Number) -> Number:
    """√x, for x ≥ 0."""
    return _call("sqrt", x)


def tanh(x: Number) -> Number:
    """tanh x; its derivative is 1 − tanh² x (seed 000)."""
    return _call("tanh", x)


def sigmoid(x: Number) -> Number:
    """σ(x) = 1 / (1 + e⁻ˣ), stable for large |x|; σ′ = σ(1 − σ) (seed 000)."""
    return _call("sigmoid", x)


def relu(x: Number) -> Number:
    """max(0, x), with ReLU′(0) = 0."""
    return _call("relu", x)


def sin(x: Number) -> Number:
    """sin x."""
    return _call("sin", x)


def cos(x: Number) -> Number:
    """cos x."""
    return _call("cos", x)
