"""The operations as functions, ``exp(x)`` beside ``x.exp()``: one per function row of ``rules.RULES``.

A ``Value`` gets a node (the method of the same name); any other number type with the table's
methods (forward mode's ``Dual``) gets its own method's result; a plain number gets a float from
the same rule, with the same domain checks, so ``log(0)`` is the same clear error either way. The
functions are made from the table, so a new row marked as a function needs nothing here.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

from autograd_tiny.core.errors import as_float
from autograd_tiny.core.rules import RULES, Rule, forward
from autograd_tiny.core.value import Value, sum_values

__all__ = ["FUNCTIONS", "sum"]

Number = TypeVar("Number")


def _function(rule: Rule) -> Callable[[Number], Number]:
    """The function for one-input rule ``rule``: the ``Value`` method, or the float rule on a number."""
    op = rule.name

    def function(x: Number) -> Number:
        if isinstance(x, Value):
            return getattr(x, op)()  # type: ignore[no-any-return]
        method = None if isinstance(x, numbers.Real) else getattr(x, op, None)
        if callable(method):  # another number type with the table's methods: forward mode's Dual
            return method()  # type: ignore[no-any-return]
        return forward(op, as_float(x, op))  # type: ignore[return-value]

    function.__name__ = function.__qualname__ = op
    function.__module__ = "autograd_tiny"  # where it is found by name (pickle, help)
    function.__doc__ = rule.doc
    return function


@overload
def sum(terms: Iterable[float]) -> float: ...  # type: ignore[overload-overlap]


@overload
def sum(terms: Iterable[Value | float]) -> Value: ...


@overload
def sum(terms: Iterable[Any]) -> Any: ...


def sum(terms: Iterable[Any]) -> Any:
    """t₀ + t₁ + … as one node Σ with an edge per term, each ∂Σ/∂tᵢ = 1 (a neuron's z = Σᵢ wᵢxᵢ + b).

    The number and every gradient are those of ``t₀ + t₁ + …`` written with ``+`` (added left to
    right in the same order), but the graph has one node instead of a chain of n − 1, so it is
    quicker to build and to differentiate, and a drawing shows Σ as the formula writes it.
    Numbers among the terms become constants; with no ``Value`` at all the sum is a float, and
    the sum of no terms is 0.0, as with Python's ``sum``. (It is not in ``autograd_tiny.__all__``,
    so ``from autograd_tiny import *`` leaves Python's ``sum`` alone: call it ``at.sum``.)

    Raises:
        TypeError: a term is neither a ``Value`` nor a real number; the message gives its position.
    """
    terms = tuple(terms)
    if (terms and isinstance(terms[0], Value)) or any(isinstance(term, Value) for term in terms):
        return sum_values(terms)  # a non-number among Values: sum_values names it
    for term in terms:  # another number type that sums itself: forward mode's Dual (``jvp``)
        if not isinstance(term, numbers.Real) and callable(getattr(type(term), "sum_of", None)):
            return type(term).sum_of(terms)
    return forward("sum", 0.0, *(as_float(term, f"sum: term {i}") for i, term in enumerate(terms)))


FUNCTIONS: dict[str, Callable[..., object]] = {
    name: sum if rule.arity is None else _function(rule) for name, rule in RULES.items() if rule.function
}
"""Every function by name, in the table's order: ``abs exp log … sum``."""
