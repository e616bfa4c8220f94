"""The one table of derivative rules: each operation's forward, local partials and drawing symbol.

This is the only place in the engine that knows a derivative. A rule's ``partials(out, *inputs)``
returns ∂out/∂input for each input, written with ordinary arithmetic on the inputs and the output
(seed 000: f′ = f(1 − f) for sigmoid, 1 − f² for tanh). On floats that is the fast path of the
forward pass (seed 001: "∂z/∂w = the input"); on ``Value``s the same lines record a graph, which is
all that higher-order derivatives need. Forward functions check their domain and raise an error
naming the operation and the offending number instead of returning nan, inf or a complex number.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["RULES", "Rule", "forward"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One primitive operation.

    Attributes:
        forward: maps input floats to the output float; raises on inputs outside its domain.
        partials: maps (out, *inputs) to the local partials (∂out/∂input, …), one per input.
        symbol: how a drawing shows the operation.
    """

    forward: Callable[..., float]
    partials: Callable[..., tuple[Any, ...]]
    symbol: str


def _math(name: str, x: Any) -> Any:
    """``math.<name>(x)`` on a number, ``x.<name>()`` on a Value, so one rule serves both."""
    return getattr(math, name)(x) if isinstance(x, (int, float)) else getattr(x, name)()


def _fmt(x: float) -> str:
    return f"{x:g}"


def _exp(a: float) -> float:
    if a > 709.78:
        raise OverflowError(f"exp({_fmt(a)}) overflows a float (largest exponent is about 709.78)")
    return math.exp(a)


def _log(a: float) -> float:
    if a <= 0:
        raise ValueError(f"log({_fmt(a)}): log is only defined for inputs > 0")
    return math.log(a)


def _sqrt(a: float) -> float:
    if a < 0:
        raise ValueError(f"sqrt({_fmt(a)}): sqrt is only defined for inputs ≥ 0")
    return math.sqrt(a)


def _sigmoid(a: float) -> float:
    """σ(a) = 1 / (1 + e⁻ᵃ), written so that neither branch can overflow."""
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _div(a: float, b: float) -> float:
    if b == 0:
        raise ZeroDivisionError(f"division by zero: {_fmt(a)} / 0")
    return a / b


def _pow(a: float, b: float) -> float:
    if a == 0 and b < 0:
        raise ZeroDivisionError(f"0 ** {_fmt(b)}: zero to a negative power is a division by zero")
    if a < 0 and b != int(b):
        raise ValueError(
            f"({_fmt(a)}) ** {_fmt(b)}: a negative base with a non-integer exponent is not a real number"
        )
    try:
        return float(a**b)
    except OverflowError:
        raise OverflowError(f"({_fmt(a)}) ** {_fmt(b)} overflows a float") from None


def _sum(*terms: float) -> float:
    """t₀ + t₁ + … added left to right, the order of a chain of ``+``, so both give the same float."""
    return functools.reduce(operator.add, terms)


@functools.cache
def _ones(n: int) -> tuple[float, ...]:
    """∂(t₀ + … + tₙ₋₁)/∂tᵢ = 1 for every term: one shared tuple per number of terms."""
    return (1.0,) * n


def _pow_partials(out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """∂(aᵇ)/∂a = b·aᵇ⁻¹ and ∂(aᵇ)/∂b = aᵇ·ln a.

    For a ≤ 0 the power is defined only at isolated exponents (integers, or b > 0 when a = 0), so
    no derivative in b exists there; the edge records 0. ``Value.__pow__`` refuses a variable
    exponent on such a base, so that 0 only ever lands on a constant exponent.
    """
    by_base = b * a ** (b - 1)
    by_exponent = out * _math("log", a) if a > 0 else 0.0
    return by_base, by_exponent


def _abs_partial(a: Any) -> float:
    """d|a|/da = sign(a), taking 0 at the kink as ReLU does."""
    return 1.0 if a > 0 else -1.0 if a < 0 else 0.0


RULES: dict[str, Rule] = {
    # name       forward                        local partials (out, *inputs)                 symbol
    "add": Rule(operator.add, lambda out, a, b: (1.0, 1.0), "+"),
    "sub": Rule(operator.sub, lambda out, a, b: (1.0, -1.0), "−"),
    "mul": Rule(operator.mul, lambda out, a, b: (b, a), "×"),
    "sum": Rule(_sum, lambda out, *terms: _ones(len(terms)), "Σ"),  # any number of terms
    "div": Rule(_div, lambda out, a, b: (1 / b, -out / b), "÷"),  # ∂(a/b)/∂b = −a/b²
    "neg": Rule(operator.neg, lambda out, a: (-1.0,), "−"),
    "pow": Rule(_pow, _pow_partials, "^"),
    "abs": Rule(abs, lambda out, a: (_abs_partial(a),), "abs"),
    "exp": Rule(_exp, lambda out, a: (out,), "exp"),  # (eᵃ)′ = eᵃ
    "log": Rule(_log, lambda out, a: (1 / a,), "log"),
    "sqrt": Rule(_sqrt, lambda out, a: (0.5 / out,), "√"),  # 1 / (2√a)
    "tanh": Rule(math.tanh, lambda out, a: (1 - out * out,), "tanh"),  # 1 − f²
    "sigmoid": Rule(_sigmoid, lambda out, a: (out * (1 - out),), "σ"),  # f(1 − f)
    "relu": Rule(lambda a: a if a > 0 else 0.0, lambda out, a: (1.0 if a > 0 else 0.0,), "ReLU"),
    "sin": Rule(math.sin, lambda out, a: (_math("cos", a),), "sin"),
    "cos": Rule(math.cos, lambda out, a: (-_math("sin", a),), "cos"),
}


def forward(op: str, *inputs: float) -> float:
    """Apply rule ``op`` to plain floats (no graph): the functions' path for numbers."""
    return float(RULES[op].forward(*inputs))
