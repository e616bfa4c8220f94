"""Hostile inputs for the engine: every rule at awkward numbers, backward passes at the edges of the
floats, a Value or Dual handed to ``math`` (refused, never a silent constant), the exponential up
to its last finite result, and ``no_grad`` blocks that end in another thread."""

from __future__ import annotations

import array
import cmath
import math
import statistics
import struct
import threading
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import numpy as np

import autograd_tiny as at
from autograd_tiny import Dual, Value
from tests.hostile.harness import Case

NUMBERS: list[Any] = [
    0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, 1e-300, 1e300, -1e300, 1.7976931348623157e308, 709.0, 710.0,
    float("nan"), float("inf"), -float("inf"), 10**400, -(10**400), 2**53 + 1, True, None, "1", b"1",
    1j, [1.0], Fraction(1, 3), np.float64(0.5), np.float32(1e38), np.int64(3), np.array(2.0),
]  # fmt: skip
OTHERS: list[Any] = [0.0, -2.0, 0.5, 3.0, 1e-200, 1e200, 10**400, "a", None]
UNARY = [name for name, rule in at.RULES.items() if rule.arity == 1 and rule.function]
BINARY = ["__add__", "__sub__", "__mul__", "__truediv__", "__pow__", "__rpow__", "__rtruediv__"]
LARGEST_EXPONENT = math.log(np.finfo(np.float64).max)


def engine_cases() -> list[Case]:
    cases: list[Case] = []
    for x in NUMBERS:
        cases.append(Case(f"Value({x!r})", lambda x=x: Value(x)))
        for op in UNARY:
            cases.append(Case(f"{op}({x!r})", lambda x=x, op=op: getattr(at, op)(x)))
        for method in BINARY:
            for y in OTHERS:
                cases.append(
                    Case(f"Value({x!r}).{method}({y!r})", lambda x=x, y=y, m=method: getattr(Value(x), m)(y))
                )
    for at_x in (0.0, 1e-300, 1e-150, -1.0, 700.0):
        cases.append(Case(f"sqrt·1e300 at {at_x}", _backward_of(lambda x: x.sqrt() * 1e300, at_x)))
        cases.append(Case(f"x**0 at {at_x}", _backward_of(lambda x: x**0, at_x)))
        cases.append(Case(f"exp∘exp at {at_x}", _backward_of(lambda x: x.exp().exp(), at_x)))
        for n in range(1, 5):
            cases.append(Case(f"d{n} x**{n} at {at_x}", lambda n=n, v=at_x: _nth_derivative(n, v)))
    cases.append(Case("chain 10⁵ backward", _backward_of(lambda x: _chain(x, 100_000), 0.5)))
    cases.append(Case("sum of 10⁵ terms", _backward_of(lambda x: at.sum([x] * 100_000), 0.5)))
    cases.append(Case("grad of a non-Value", lambda: at.grad(1.0, [Value(1.0)])))  # type: ignore[arg-type]
    cases.append(Case("zero_grad(5)", lambda: at.zero_grad(5)))  # type: ignore[arg-type]
    cases.append(Case("zero_grad('ab')", lambda: at.zero_grad("ab")))  # type: ignore[arg-type]
    return cases


def _backward_of(make: Callable[[Value], Value], at_x: float) -> Callable[[], Any]:
    def run() -> Any:
        x = Value(at_x)
        y = make(x)
        y.backward()
        return [y, x.grad]

    return run


def _chain(x: Value, n: int) -> Value:
    for _ in range(n):
        x = (x * 1.0001 + 0.0001).tanh()
    return x


def _nth_derivative(n: int, at_x: float) -> Any:
    x = Value(at_x)
    d = x**n
    for _ in range(n):
        (d,) = at.grad(d, [x], create_graph=True)
    return d


# ---- a Value or a Dual never becomes a float silently --------------------------------------------

_TAKES_A_FLOAT: dict[str, Callable[[Any], Any]] = {
    **{
        f"math.{name}": getattr(math, name)
        for name in (
            "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "sin", "cos", "tan", "asin", "acos",
            "atan", "sinh", "cosh", "tanh", "asinh", "atanh", "erf", "erfc", "gamma", "lgamma", "fabs",
            "floor", "ceil", "trunc", "isfinite", "isnan", "isinf", "degrees", "radians", "frexp", "modf",
        )
    },
    "math.pow(v, 2)": lambda v: math.pow(v, 2),
    "math.atan2(v, 1)": lambda v: math.atan2(v, 1.0),
    "math.hypot(v, 1)": lambda v: math.hypot(v, 1.0),
    "math.copysign(1, v)": lambda v: math.copysign(1.0, v),
    "math.fsum([v, v])": lambda v: math.fsum([v, v]),
    "math.isclose(v, 1)": lambda v: math.isclose(v, 1.0),
    "cmath.exp": cmath.exp,
    "float": float,
    "complex": complex,
    "round": round,
    "int": int,
    "np.float64": np.float64,
    "np.array(dtype=float)": lambda v: np.array([v], dtype=np.float64),
    "struct.pack('d')": lambda v: struct.pack("d", v),
    "array.array('d')": lambda v: array.array("d", [v]),
    "'%f' %": lambda v: "%f" % v,  # noqa: UP031  # the old formatting is the point
    "format(.3f)": lambda v: format(v, ".3f"),
    "statistics.fmean": lambda v: statistics.fmean([v, v]),
}  # fmt: skip


def silent_float_cases() -> list[Case]:
    """Each function that would read the number and drop the derivative must refuse, for every kind."""
    makes: dict[str, Callable[[], Any]] = {
        "Value": lambda: Value(0.5),
        "Constant": lambda: at.Constant(0.5),
        "Value.exp()": lambda: Value(0.5).exp(),
        "Dual": lambda: Dual(0.5, 1.0),
    }
    cases = [
        Case(f"{function}({kind})", lambda f=f, make=make: f(make()), (TypeError, struct.error), refuse=True)
        for kind, make in makes.items()
        for function, f in _TAKES_A_FLOAT.items()
    ]
    cases.append(Case("the issue's math.exp(x) * x", _the_issue_example, refuse=True))
    cases.append(Case("np.exp(Value) stays in the graph", _numpy_exp_of_a_value, check=_is_two_e))
    return cases


def _the_issue_example() -> float:
    x = Value(1.0)
    y = math.exp(x) * x  # type: ignore[call-overload]
    y.backward()
    return x.grad


def _numpy_exp_of_a_value() -> float:
    """numpy calls ``x.exp()`` on an object: the graph is kept, so ∂(x·eˣ)/∂x = 2e at 1."""
    x = Value(1.0)
    y = np.exp(x) * x
    y.backward()
    return x.grad


def _is_two_e(gradient: float) -> str:
    return "" if math.isclose(gradient, 2 * math.e, rel_tol=1e-14) else f"∂(x·eˣ)/∂x = {gradient}, not 2e"


# ---- the exponential takes every input whose result is finite ---------------------------------


def exp_limit_cases() -> list[Case]:
    points = [
        *np.linspace(700.0, LARGEST_EXPONENT, 40),
        LARGEST_EXPONENT,
        np.nextafter(LARGEST_EXPONENT, 800),
    ]
    points += [709.79, 709.8, 710.0, 1e3, 1e300]
    ways: dict[str, Callable[[float], float]] = {
        "Value.exp": lambda a: Value(a).exp().data,
        "at.exp": lambda a: at.exp(Value(a)).data,
        "exp backward": _exp_gradient,
        "Dual.exp": lambda a: Dual(a, 1.0).exp().tangent,
        "tape exp": lambda a: float(at.record(lambda v: v.exp(), [0.0]).forward([a])),
    }
    cases = []
    for a in map(float, points):
        with np.errstate(over="ignore"):
            truth = float(np.exp(a))  # numpy's exp, not the engine's
        for way, compute in ways.items():
            if math.isfinite(truth):
                cases.append(
                    Case(f"{way}({a!r})", lambda c=compute, a=a: c(a), succeed=True, check=_equals(truth))
                )
            else:
                cases.append(Case(f"{way}({a!r}) overflows", lambda c=compute, a=a: c(a), refuse=True))
    return cases


def _exp_gradient(a: float) -> float:
    x = Value(a)
    x.exp().backward()
    return x.grad


def _equals(truth: float) -> Callable[[Any], str]:
    """Within 2 units in the last place of numpy's exp (numpy may round its own way)."""
    return lambda got: "" if abs(got - truth) <= 2 * np.spacing(truth) else f"{got!r}, numpy's exp: {truth!r}"


# ---- no_grad blocks that end in another thread -----------------------------------------------


def no_grad_thread_cases() -> list[Case]:
    cases = []
    for depth in range(1, 6):
        cases.append(
            Case(f"no_grad generators ×{depth} closed in another thread", lambda d=depth: _close_elsewhere(d))
        )
        cases.append(
            Case(
                f"no_grad generators ×{depth} closed in reverse elsewhere",
                lambda d=depth: _close_elsewhere(d, True),
            )
        )
    return cases


def _suspended() -> Iterator[int]:
    with at.no_grad():
        yield 1


def _close_elsewhere(depth: int, reverse: bool = False) -> str:
    generators = [_suspended() for _ in range(depth)]
    for generator in generators:
        next(generator)
    raised: list[BaseException] = []

    def close() -> None:
        try:
            for generator in reversed(generators) if reverse else generators:
                generator.close()
        except BaseException as error:  # judged below
            raised.append(error)

    thread = threading.Thread(target=close)
    thread.start()
    thread.join(10)
    if raised:
        raise AssertionError(f"closing in another thread raised {raised[0]!r}")
    if (Value(2.0) * 3.0).op != "mul":
        raise AssertionError("this thread records nothing after the generators were closed")
    return "recording"
