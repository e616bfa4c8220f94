"""``exp log sqrt tanh sigmoid relu sin cos sum`` as functions: a ``Value`` gets a node, a number a float.

On a number they run the same rule (``rules.py``) with the same domain checks, so ``log(0)`` is the
same clear error either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar, overload

from autograd_tiny.rules import forward
from autograd_tiny.value import Value, as_float, sum_values

__all__ = ["cos", "exp", "log", "relu", "sigmoid", "sin", "sqrt", "sum", "tanh"]

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


@overload
def sum(terms: Iterable[float]) -> float: ...  # type: ignore[overload-overlap]


@overload
def sum(terms: Iterable[Value | float]) -> Value: ...


def sum(terms: Iterable[Value | float]) -> Value | float:  # shadows the builtin, as numpy.sum does
    """t₀ + t₁ + … as one node Σ with an edge per term, each ∂Σ/∂tᵢ = 1 (seed 000's z = Σᵢ wᵢxᵢ + b).

    The number and every gradient are those of ``t₀ + t₁ + …`` written with ``+`` (added left to
    right in the same order), but the graph has one node instead of a chain of n − 1, so it is
    quicker to build and to differentiate, and a drawing shows Σ as the formula writes it.
    Numbers among the terms become constants; with no ``Value`` at all the sum is a float, and
    the sum of no terms is 0.0, as with Python's ``sum``.

    Raises:
        TypeError: a term is neither a ``Value`` nor a real number; the message gives its position.
    """
    terms = tuple(terms)
    if (terms and isinstance(terms[0], Value)) or any(isinstance(term, Value) for term in terms):
        return sum_values(terms)
    return forward("sum", 0.0, *(as_float(term, f"sum: term {i}") for i, term in enumerate(terms)))
