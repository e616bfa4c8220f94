"""The rules of ``rules.py`` run on numpy arrays, elementwise, for replaying a tape on many numbers at once.

A tape replays each rule on a whole array of numbers (the operations of one level, or one operation
on a batch of examples). Forward functions in ``RULES`` check their domain with ``if``, which an
array cannot answer, so each row names a vectorised forward (``Rule.array``): a numpy ufunc, or one
of the few written here with the same formula (σ keeps its two overflow-free branches). That holds
no calculus. The local partials
(the chain-rule tutorial's forward-pass ∂z/∂w, the backpropagation derivation's f′ = f(1 − f) and 1 − f²)
always come from ``RULES``: written with ordinary arithmetic, most run on arrays as they are; a rule whose
partials branch on the number (ReLU′, |a|′) or call ``math`` is applied element by element instead, still the
same function. Whether a rule's partials run on arrays is checked once, against the float rule.

This module imports numpy; the engine imports it only when a tape is recorded.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from autograd_tiny.core.rules import RULES

__all__ = ["all_finite", "array_forward", "array_partials", "stacked_forward", "unit_partials"]

Array = Any  # numpy.ndarray of float64


def _sigmoid(a: Array) -> Array:
    """σ(a) with the float rule's two branches: 1 / (1 + e⁻ᵃ) for a ≥ 0, eᵃ / (1 + eᵃ) below."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sum(*terms: Array) -> Array:
    """t₀ + t₁ + … left to right, the float rule's order."""
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def _relu(a: Array) -> Array:
    return np.where(a > 0, a, 0.0)


# Rows of RULES whose ``array`` names a function of this module rather than of numpy.
_OWN: dict[str, Callable[..., Array]] = {"sum": _sum, "sigmoid": _sigmoid, "relu": _relu}


@cache
def array_forward(op: str) -> Callable[..., Array]:
    """The vectorised forward of rule ``op``: the numpy function its row names (``array``).

    Out of the rule's domain these give inf or nan instead of raising; the tape then re-runs the
    float rule on that element, so the error message is the rule's own. A row with no ``array``
    is replayed element by element with its float ``forward`` (correct, only slower).
    tests/tape/test_tape_arrays.py checks each row's array forward against its float forward.
    """
    rule = RULES[op]
    if rule.array is None:
        return _elementwise(rule.forward)
    own = _OWN.get(rule.array)
    return own if own is not None else getattr(np, rule.array)


@cache
def stacked_forward(op: str) -> Callable[[Array], Array]:
    """``array_forward(op)`` taking its inputs as the rows of one array (the tape gathers them at once).

    Σ of many terms adds the rows with ``np.cumsum``, which adds left to right, the float rule's
    order, in one call instead of one per term.
    """
    if op == "sum":
        return lambda stacked: np.cumsum(stacked, axis=0)[-1]
    forward = array_forward(op)
    return lambda stacked: forward(*stacked)


def _elementwise(forward: Callable[..., float]) -> Callable[..., Array]:
    """``forward`` applied to one element at a time; nan where it refuses (the tape then names it)."""

    def one(*inputs: float) -> float:
        try:
            return forward(*inputs)
        except (ArithmeticError, ValueError):
            return math.nan

    elementwise = np.vectorize(one, otypes=[np.float64])
    return lambda *arrays: elementwise(*arrays)


@cache
def array_partials(op: str, arity: int) -> Callable[..., tuple[Array, ...]]:
    """``RULES[op].partials`` as a function of arrays: ``(out, *inputs) → (∂out/∂input, …)``.

    The rule's own function is used on whole arrays when, at two sample points, that runs and gives
    the float rule's numbers; otherwise it is applied to one element at a time (``np.frompyfunc``).
    A partial may come back as a plain number (``1.0`` for ``add``): numpy broadcasts it.
    """
    partials = RULES[op].partials
    if _runs_on_arrays(op, arity):
        return partials
    if arity == 1:
        elementwise = np.frompyfunc(lambda out, a: partials(out, a)[0], 2, 1)
        return lambda out, a: (elementwise(out, a).astype(np.float64),)
    elementwise = np.frompyfunc(partials, arity + 1, arity)
    return lambda out, *inputs: tuple(p.astype(np.float64) for p in elementwise(out, *inputs))


@cache
def unit_partials(op: str, arity: int) -> bool:
    """Whether every partial of the rule is the number 1 (Σ, +): the reverse sweep then adds v̄ᵢ to
    each input without multiplying. Checked on the float rule at points of both signs (ReLU′ is 1
    only above 0); a rule that refuses one of them is not such a rule."""
    rule = RULES[op]
    for start in (-1.3, -0.4, 0.6, 2.1):
        inputs = [start + 0.25 * i for i in range(arity)]
        try:
            partials = rule.partials(rule.forward(*inputs), *inputs)
        except (ArithmeticError, ValueError):
            return False
        if not all(type(local) is float and local == 1.0 for local in partials):
            return False
    return True


def _runs_on_arrays(op: str, arity: int) -> bool:
    """Whether the float rule's partials, given arrays, give its own numbers at two sample points."""
    rule = RULES[op]
    inputs = [np.array([0.3, 0.7]) + 0.1 * k for k in range(arity)]  # in every rule's domain
    out = array_forward(op)(*inputs)
    try:
        on_arrays = rule.partials(out, *inputs)
    except (ValueError, TypeError, AttributeError):  # `if array`, math.cos(array), array.cos()
        return False
    for i in range(2):
        on_floats = rule.partials(float(out[i]), *(float(x[i]) for x in inputs))
        for got, want in zip(on_arrays, on_floats, strict=True):
            if not np.isclose(np.broadcast_to(got, (2,))[i], want, rtol=1e-15, atol=0):
                return False
    return True


def all_finite(numbers: Array) -> bool:
    """Whether every number is finite: their sum is, unless one is inf or nan (or the sum overflows,
    when each is tested); one reduction instead of a test per number and another over the tests."""
    return math.isfinite(np.add.reduce(numbers, axis=None)) or bool(np.isfinite(numbers).all())
