"""The registry of operations: one row per operation, the only place that knows a derivative.

Each row gives the operation's name, arity, forward, local partials, drawing symbol and docstring,
the numpy function a tape replays it with, sample points for the table-driven tests, and its two
oracles (the operation written for sympy, and torch's name for it) for the random-expression tests. Everything
else is derived from the rows or checked against them (``tests/core/test_registry.py``): the ``Value``
methods (one line each), the functions ``autograd_tiny.exp`` …, the parser's allowed functions, and
the tape's array forwards. A rule's ``partials(out, *inputs)``
returns ∂out/∂input for each input, written with ordinary arithmetic on the inputs and the output
(the backpropagation derivation: f′ = f(1 − f) for sigmoid, 1 − f² for tanh). On floats that is the fast path
of the forward pass (the chain-rule tutorial: "∂z/∂w = the input"); on ``Value``s the same lines record a
graph, which is all that higher-order derivatives need. Forward functions check their domain and raise an
error naming the operation and the offending number instead of returning nan, inf or a complex number.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from autograd_tiny.core.formatting import format_number

__all__ = ["RULES", "Rule", "forward"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One primitive operation.

    Attributes:
        name: the operation's name, also its ``Value`` method and, for a function, ``autograd_tiny.<name>``.
        arity: how many inputs it takes; ``None`` for any number (``sum``).
        forward: maps input floats to the output float; raises on inputs outside its domain.
        partials: maps (out, *inputs) to the local partials (∂out/∂input, …), one per input.
        symbol: how a drawing shows the operation.
        doc: what it computes and the local derivative it records (the docstring of its method and function).
        samples: points inside its domain, away from kinks, one tuple of inputs each (for the tests).
        function: True if it is called as a function, ``exp(x)`` (in ``autograd_tiny`` and in text
            for ``parse``); False for an operator (``+ - * / **``, unary ``-``).
        array: the numpy function that replays it on arrays in a tape (``"tanh"`` is ``numpy.tanh``),
            or the name of one in ``tape/arrays.py``; ``None``: the tape applies ``forward`` element
            by element (correct, only slower).
        sympy: its oracle, ``(sympy, *inputs) → expression``: the operation written with the sympy
            module it is given (the engine imports no sympy), differentiated symbolically by the tests.
        torch: its second oracle, the name of the torch function computing it in float64
            (``"nn.functional.softplus"`` is ``torch.nn.functional.softplus``; a rule of any number
            of inputs gets them stacked into one tensor).
    """

    name: str
    arity: int | None
    forward: Callable[..., float]
    partials: Callable[..., tuple[Any, ...]]
    symbol: str
    doc: str
    samples: tuple[tuple[float, ...], ...]
    function: bool = True
    array: str | None = None
    sympy: Callable[..., Any] | None = None
    torch: str | None = None


def _math(name: str, x: Any) -> Any:
    """``math.<name>(x)`` on a number, ``x.<name>()`` on a Value, so one rule serves both."""
    return getattr(math, name)(x) if isinstance(x, (int, float)) else getattr(x, name)()


def _exp(a: float) -> float:
    """eᵃ for every a whose result is a finite float (up to a ≈ 709.7827, e^a ≈ 1.798e308)."""
    try:
        return math.exp(a)
    except OverflowError:  # math.exp itself is the limit: no hard-coded threshold to drift from it
        raise OverflowError(
            f"exp({format_number(a)}) overflows a float (the largest exponent is ln(1.798e308) ≈ 709.78)"
        ) from None


def _log(a: float) -> float:
    if a <= 0:
        raise ValueError(f"log({format_number(a)}): log is only defined for inputs > 0")
    return math.log(a)


def _sqrt(a: float) -> float:
    if a < 0:
        raise ValueError(f"sqrt({format_number(a)}): sqrt is only defined for inputs ≥ 0")
    return math.sqrt(a)


def _sigmoid(a: float) -> float:
    """σ(a) = 1 / (1 + e⁻ᵃ), written so that neither branch can overflow."""
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _div(a: float, b: float) -> float:
    if b == 0:
        raise ZeroDivisionError(f"division by zero: {format_number(a)} / 0")
    return a / b


def _pow(a: float, b: float) -> float:
    if a == 0 and b < 0:
        raise ZeroDivisionError(f"0 ** {format_number(b)}: zero to a negative power is a division by zero")
    if a < 0 and b != int(b):
        raise ValueError(
            f"({format_number(a)}) ** {format_number(b)}: "
            "a negative base with a non-integer exponent is not a real number"
        )
    try:
        return float(a**b)
    except OverflowError:
        raise OverflowError(f"({format_number(a)}) ** {format_number(b)} overflows a float") from None


def _sum(*terms: float) -> float:
    """t₀ + t₁ + … added left to right, the order of a chain of ``+``, so both give the same float."""
    return functools.reduce(operator.add, terms)


@functools.lru_cache(maxsize=32)
def _ones(n: int) -> tuple[float, ...]:
    """∂(t₀ + … + tₙ₋₁)/∂tᵢ = 1 for every term: one tuple shared by the sums of each length (a network
    has a few lengths), and at most 32 kept, so sums of many lengths cost no memory once gone."""
    return (1.0,) * n


def _pow_partials(out: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """∂(aᵇ)/∂a = b·aᵇ⁻¹ and ∂(aᵇ)/∂b = aᵇ·ln a.

    For a ≤ 0 the power is defined only at isolated exponents (integers, or b > 0 when a = 0), so
    no derivative in b exists there; the edge records 0. ``Value.__pow__`` refuses a variable
    exponent on such a base, so that 0 only ever lands on a constant exponent. When ``grad`` with
    ``create_graph`` differentiates a ``Value`` base with a constant exponent (a plain number ``b``),
    no derivative in b is needed either, and none is built (ln a would refuse a subnormal a).
    """
    constant_exponent = isinstance(b, (int, float))
    # aᵇ⁻¹ at b = 0 would be 0⁻¹ at a = 0: but b·aᵇ⁻¹ is then 0 for every a (0⁰ = 1, a constant)
    by_base = 0.0 if constant_exponent and b == 0 else b * a ** (b - 1)
    needed = a > 0 and not (constant_exponent and not isinstance(a, (int, float)))
    by_exponent = out * _math("log", a) if needed else 0.0
    return by_base, by_exponent


def _relu(a: float) -> float:
    return a if a > 0 else 0.0


def _abs_partial(a: Any) -> float:
    """d|a|/da = sign(a), taking 0 at the kink as ReLU does."""
    return 1.0 if a > 0 else -1.0 if a < 0 else 0.0


_ROWS = (
    # operators (+ − × ÷ ** and unary −): methods of Value, not functions
    Rule("add", 2, operator.add, lambda out, a, b: (1.0, 1.0), "+",
         "a + b; ∂/∂a = 1, ∂/∂b = 1.", ((2.0, 3.0), (-1.5, 0.25), (1e3, -7.0)), False, "add",
         sympy=lambda sp, a, b: a + b, torch="add"),
    Rule("sub", 2, operator.sub, lambda out, a, b: (1.0, -1.0), "−",
         "a − b; ∂/∂a = 1, ∂/∂b = −1.", ((2.0, 3.0), (-1.5, 0.25), (0.0, 4.0)), False, "subtract",
         sympy=lambda sp, a, b: a - b, torch="sub"),
    Rule("mul", 2, operator.mul, lambda out, a, b: (b, a), "×",
         "a × b; ∂/∂a = b, ∂/∂b = a (each input's partial is the other input).",
         ((2.0, 3.0), (-1.5, 0.25), (0.0, -4.0)), False, "multiply",
         sympy=lambda sp, a, b: a * b, torch="mul"),
    Rule("div", 2, _div, lambda out, a, b: (1 / b, -out / b), "÷",  # ∂(a/b)/∂b = −a/b²
         "a ÷ b, for b ≠ 0; ∂/∂a = 1/b, ∂/∂b = −a/b².",
         ((2.0, 3.0), (-1.5, 0.25), (1.0, -4.0)), False, "divide",
         sympy=lambda sp, a, b: a / b, torch="div"),
    Rule("neg", 1, operator.neg, lambda out, a: (-1.0,), "−",
         "−a; ∂/∂a = −1.", ((2.0,), (-0.3,)), False, "negative",
         sympy=lambda sp, a: -a, torch="neg"),
    Rule("pow", 2, _pow, _pow_partials, "^",
         "aᵇ; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a (a variable exponent needs a > 0).",
         ((2.0, 3.0), (0.5, -1.5), (1.7, 0.5), (3.0, 0.0)), False, "power",
         sympy=lambda sp, a, b: a**b, torch="pow"),
    # Σ of any number of terms: one node, an edge per term
    Rule("sum", None, _sum, lambda out, *terms: _ones(len(terms)), "Σ",
         "t₀ + t₁ + … as one node; ∂/∂tᵢ = 1 for every term.",
         ((2.0,), (2.0, -3.0), (1.5, -0.25, 4.0, 1e3)), True, "sum",
         sympy=lambda sp, *terms: sp.Add(*terms), torch="sum"),
    # functions of one input: x.exp() and autograd_tiny.exp(x)
    Rule("abs", 1, abs, lambda out, a: (_abs_partial(a),), "abs",
         "|a|; ∂/∂a = sign(a), 0 at the kink.", ((2.0,), (-0.3,)), True, "abs",
         sympy=lambda sp, a: sp.Abs(a), torch="abs"),
    Rule("exp", 1, _exp, lambda out, a: (out,), "exp",  # (eᵃ)′ = eᵃ
         "eᵃ; ∂/∂a = eᵃ, the output itself.", ((0.0,), (1.3,), (-2.0,)), True, "exp",
         sympy=lambda sp, a: sp.exp(a), torch="exp"),
    Rule("log", 1, _log, lambda out, a: (1 / a,), "log",
         "ln a, for a > 0; ∂/∂a = 1/a.", ((0.5,), (1.0,), (7.0,)), True, "log",
         sympy=lambda sp, a: sp.log(a), torch="log"),
    Rule("sqrt", 1, _sqrt, lambda out, a: (0.5 / out,), "√",  # 1 / (2√a)
         "√a, for a ≥ 0; ∂/∂a = 1/(2√a).", ((0.25,), (2.0,), (9.0,)), True, "sqrt",
         sympy=lambda sp, a: sp.sqrt(a), torch="sqrt"),
    Rule("tanh", 1, math.tanh, lambda out, a: (1 - out * out,), "tanh",  # 1 − f²
         "tanh a; ∂/∂a = 1 − tanh² a (f′ = 1 − f², the backpropagation derivation's tanh).",
         ((0.0,), (0.7,), (-2.5,)), True, "tanh",
         sympy=lambda sp, a: sp.tanh(a), torch="tanh"),
    Rule("sigmoid", 1, _sigmoid, lambda out, a: (out * (1 - out),), "σ",  # f(1 − f)
         "σ(a) = 1/(1 + e⁻ᵃ), stable for large |a|; ∂/∂a = σ(1 − σ) (the derivation's f′ = f(1 − f)).",
         ((0.0,), (1.2,), (-3.0,)), True, "sigmoid",
         sympy=lambda sp, a: 1 / (1 + sp.exp(-a)), torch="sigmoid"),
    Rule("softplus", 1, lambda a: max(a, 0.0) + math.log1p(math.exp(-abs(a))),
         lambda out, a: (1 - _math("exp", -out),), "softplus",  # σ(a) = 1 − e^(−softplus a)
         "ln(1 + eᵃ), a smooth ReLU; ∂/∂a = σ(a).", ((0.0,), (1.5,), (-2.0,)),
         sympy=lambda sp, a: sp.log(1 + sp.exp(a)), torch="nn.functional.softplus"),
    Rule("relu", 1, _relu, lambda out, a: ((a > 0) * 1.0,), "ReLU",  # 1 if a > 0 else 0, on arrays too
         "max(0, a); ∂/∂a = 1 for a > 0, else 0 (0 at the kink).", ((1.5,), (-0.5,)), True, "relu",
         sympy=lambda sp, a: sp.Piecewise((a, a > 0), (0, True)), torch="relu"),
    Rule("sin", 1, math.sin, lambda out, a: (_math("cos", a),), "sin",
         "sin a; ∂/∂a = cos a.", ((0.0,), (1.0,), (-2.0,)), True, "sin",
         sympy=lambda sp, a: sp.sin(a), torch="sin"),
    Rule("cos", 1, math.cos, lambda out, a: (-_math("sin", a),), "cos",
         "cos a; ∂/∂a = −sin a.", ((0.0,), (1.0,), (-2.0,)), True, "cos",
         sympy=lambda sp, a: sp.cos(a), torch="cos"),
)  # fmt: skip

RULES: dict[str, Rule] = {rule.name: rule for rule in _ROWS}
"""Every operation by name, in the order above."""


def forward(op: str, *inputs: float) -> float:
    """Apply rule ``op`` to plain floats (no graph): the functions' path for numbers."""
    return float(RULES[op].forward(*inputs))
