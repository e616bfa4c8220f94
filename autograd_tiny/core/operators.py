"""Python's operators for a number type of the engine, in one place: ``Value`` and ``Dual`` both take
their ``+ − × ÷``, unary ``−``, ``abs`` and comparisons from here.

Each number type says how it applies a rule (its builders: a ``Value`` records an edge, a ``Dual``
pushes a tangent); which operator is which rule is written once, below. (``**`` is not here: each
type checks a variable exponent's base in its own ``__pow__``.) ``OPERATORS`` goes the other way, from
a rule's name to its operator, for code that applies a rule it knows by name.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["COMPARED", "OPERATORS", "arithmetic", "comparisons"]

N = TypeVar("N")

Binary = Callable[[N, "N | float"], N]
Reflected = Callable[[N, float], N]
Unary = Callable[[N], N]
Compare = Callable[[N, "N | float"], bool]

COMPARED: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
"""The four comparisons, by symbol: each compares the numbers, never their derivatives."""

OPERATORS: dict[str, Callable[..., Any]] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": operator.truediv,
    "pow": operator.pow,
    "neg": operator.neg,
}
"""The rules written with an operator, by name: what ``a + b`` … ``a ** b``, ``-a`` call (used to build
a parsed expression, to rebuild a graph at a nearby point and to check a learner's node type)."""


def arithmetic(
    binary: Callable[[str], Binary[N]],
    reflected: Callable[[str], Reflected[N]],
    unary: Callable[[str], Unary[N]],
) -> tuple[
    Binary[N],
    Reflected[N],
    Binary[N],
    Reflected[N],
    Binary[N],
    Reflected[N],
    Binary[N],
    Reflected[N],
    Unary[N],
    Unary[N],
]:
    """``__add__, __radd__, __sub__, __rsub__, __mul__, __rmul__, __truediv__, __rtruediv__, __neg__,
    __abs__`` of a number type, from its builders (each takes the name of a rule)."""
    return (
        binary("add"),
        reflected("add"),
        binary("sub"),
        reflected("sub"),
        binary("mul"),
        reflected("mul"),
        binary("div"),
        reflected("div"),
        unary("neg"),
        unary("abs"),
    )


def comparisons(
    compare: Callable[[str], Compare[N]],
) -> tuple[Compare[N], Compare[N], Compare[N], Compare[N]]:
    """``__lt__, __le__, __gt__, __ge__`` of a number type, from its builder (given a ``COMPARED`` symbol)."""
    return compare("<"), compare("<="), compare(">"), compare(">=")
