"""``Dual``: a number and its tangent, for forward mode without a graph (the composite-function
tutorial's sum over paths, pushed forward from one input).

A dual number carries a value a and a tangent ȧ = ∂a/∂x along one chosen input direction. Every
operation computes its output with the rule's forward and its tangent with the rule's local
partials, ``ȯut = Σ ∂out/∂inputᵢ × i̇nputᵢ``: the same rows of ``rules.py`` that a ``Value`` records
on its edges, so forward mode has no table of derivatives of its own. Nothing is remembered, so
no graph is built: each number is forgotten as soon as the next operation has read it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from autograd_tiny.core.errors import (
    as_float,
    derivative_error,
    overflow,
    silent_float_error,
    variable_exponent_error,
)
from autograd_tiny.core.operators import COMPARED, arithmetic, comparisons
from autograd_tiny.core.rules import RULES, Rule

__all__ = ["Dual", "dual_sum"]


def _as_dual(x: object, op: str) -> Dual:
    """``x`` itself, or a plain number as a constant (tangent 0); a ``Value`` is refused by name."""
    if isinstance(x, Dual):
        return x
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return Dual(x)
    raise TypeError(
        f"{op}: a Dual can only be combined with another Dual or a plain number, got "
        f"{type(x).__name__} {x!r} (jvp runs f on Duals: build the result from f's arguments only)"
    )


def _apply(rule: Rule, inputs: tuple[Dual, ...]) -> Dual:
    """One operation: ``out = forward(a, …)``, ``ȯut = Σ ∂out/∂inputᵢ × i̇nputᵢ`` from the rule's partials."""
    data = tuple(x.data for x in inputs)
    out = rule.forward(*data)
    if not math.isfinite(out):
        raise overflow(rule.name, out, *data)
    try:
        locals_ = rule.partials(out, *data)
    except (ZeroDivisionError, OverflowError, ValueError) as error:
        raise derivative_error(rule.name, data, error) from None
    if not all(map(math.isfinite, locals_)):  # a finite result with an infinite slope (log at 5e-324)
        raise derivative_error(rule.name, data, f"{locals_}")
    tangent = 0.0
    for local, x in zip(locals_, inputs, strict=True):
        if x.tangent:  # an input that does not move (a constant) adds nothing, even if local is huge
            tangent += local * x.tangent
    if not math.isfinite(tangent):
        raise OverflowError(f"{rule.name}: the tangent is {tangent}")
    result = object.__new__(Dual)
    result.data, result.tangent = float(out), tangent
    return result


def _unary(op: str) -> Callable[[Dual], Dual]:
    rule = RULES[op]

    def operation(a: Dual) -> Dual:
        return _apply(rule, (a,))

    operation.__name__ = operation.__qualname__ = op
    operation.__doc__ = rule.doc
    return operation


def _binary(op: str) -> Callable[[Dual, Dual | float], Dual]:
    rule = RULES[op]

    def operation(a: Dual, b: Dual | float) -> Dual:
        return _apply(rule, (a, _as_dual(b, op)))

    operation.__name__ = operation.__qualname__ = op
    operation.__doc__ = rule.doc
    return operation


def _reflected(op: str) -> Callable[[Dual, float], Dual]:
    """``number op dual`` (``2 * x``): the number is the rule's first input."""
    rule = RULES[op]

    def operation(b: Dual, a: float) -> Dual:
        return _apply(rule, (_as_dual(a, op), b))

    operation.__name__ = operation.__qualname__ = op
    operation.__doc__ = f"{rule.doc} (For ``number {op} dual``: the number is ``a``.)"
    return operation


def _comparison(symbol: str) -> Callable[[Dual, Dual | float], bool]:
    """``d < other`` and the like: compares the numbers (``.data``), as a ``Value`` does."""
    holds = COMPARED[symbol]

    def compare(a: Dual, b: Dual | float) -> bool:
        return holds(a.data, _as_dual(b, symbol).data)

    compare.__doc__ = "Compares the numbers (``.data``), as a ``Value`` does."
    return compare


def _pow(base: Dual | float, exponent: Dual | float) -> Dual:
    """``base ** exponent``; a Dual exponent needs a positive base (∂/∂b = aᵇ·ln a), as for ``Value``."""
    a, b = _as_dual(base, "pow"), _as_dual(exponent, "pow")
    if isinstance(exponent, Dual) and a.data <= 0:
        raise variable_exponent_error(a.data, b.data)
    return _apply(RULES["pow"], (a, b))


class Dual:
    """A number with its tangent: ``data`` = a, ``tangent`` = ȧ = ∂a/∂x along the chosen direction.

    Use it through ``jvp``, which makes the inputs; operators, the methods ``exp tanh …`` and the
    functions ``autograd_tiny.exp …`` work on it as on a ``Value``, without recording a graph::

        >>> x1, x2 = Dual(2.0, 0.0), Dual(3.0, 1.0)      # push ∂·/∂x2
        >>> y = (x1 + x2) * (x2 + 1)
        >>> y.data, y.tangent
        (20.0, 9.0)

    Attributes:
        data: the number.
        tangent: its derivative along the direction the inputs' tangents chose.
    """

    __slots__ = ("data", "tangent")

    data: float
    tangent: float

    def __init__(self, data: float, tangent: float = 0.0) -> None:
        """A dual number from two finite real numbers (a plain number is ``Dual(x, 0.0)``)."""
        self.data = as_float(data, "Dual")
        self.tangent = as_float(tangent, "Dual tangent")

    def __repr__(self) -> str:
        return f"Dual(data={self.data:.6g}, tangent={self.tangent:.6g})"

    def __float__(self) -> float:
        """Refused: ``math.sin(d)`` and ``float(d)`` would drop the tangent and give a wrong derivative.

        Raises:
            TypeError: always; the message names ``d.sin()`` for the tangent and ``d.data`` for the number.
        """
        raise silent_float_error(type(self).__name__, "d")

    # ---- operators and comparisons: made from the rules of the same name, as for Value -------
    (__add__, __radd__, __sub__, __rsub__, __mul__, __rmul__, __truediv__, __rtruediv__, __neg__, __abs__) = (
        arithmetic(_binary, _reflected, _unary)
    )
    __lt__, __le__, __gt__, __ge__ = comparisons(_comparison)

    def __pow__(self, exponent: Dual | float) -> Dual:
        return _pow(self, exponent)

    def __rpow__(self, base: float) -> Dual:
        return _pow(base, self)

    __pow__.__doc__ = __rpow__.__doc__ = RULES["pow"].doc

    @staticmethod
    def sum_of(terms: Iterable[Dual | float]) -> Dual:
        """t₀ + t₁ + … as one operation, for ``at.sum``: the tangent is the sum of the tangents."""
        return dual_sum(terms)

    def __getattr__(self, name: str) -> Callable[[], Dual]:
        """``d.exp()``, ``d.tanh()`` …: every one-input function of the rules table, found there, so a
        new row needs nothing here."""
        rule = RULES.get(name)
        if rule is None or rule.arity != 1 or not rule.function:
            raise AttributeError(f"'Dual' object has no attribute {name!r}")
        operation = _unary(name)
        return lambda: operation(self)


def dual_sum(terms: Iterable[Dual | float]) -> Dual:
    """t₀ + t₁ + … as one operation (the ``sum`` rule): the tangent is the sum of the tangents."""
    inputs = tuple(_as_dual(term, "sum") for term in terms)
    if not inputs:
        raise ValueError("sum needs at least one term")
    return _apply(RULES["sum"], inputs)
