"""Hostile inputs for forward mode: ``Dual`` at awkward numbers through every rule, and ``jvp``,
``jacobian`` and ``hessian`` given functions that return the wrong things or take the wrong
number of arguments. ``f`` is written to take its inputs either as one list or one by one, so the
cases hold whichever convention ``jvp`` and ``jacobian`` follow."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import autograd_tiny as at
from autograd_tiny import Dual
from tests.hostile.engine import BINARY, NUMBERS, OTHERS, UNARY
from tests.hostile.harness import Case


def dual_cases() -> list[Case]:
    cases: list[Case] = []
    for x in NUMBERS:
        cases.append(Case(f"Dual({x!r})", lambda x=x: Dual(x)))
        cases.append(Case(f"Dual(1, {x!r})", lambda x=x: Dual(1.0, x)))
        for op in UNARY:
            cases.append(
                Case(f"Dual({x!r}, 1).{op}()", lambda x=x, op=op: _pair(getattr(Dual(x, 1.0), op)()))
            )
        for method in BINARY:
            for y in OTHERS:
                cases.append(
                    Case(
                        f"Dual({x!r}, 1).{method}({y!r})",
                        lambda x=x, y=y, m=method: _pair(getattr(Dual(x, 1.0), m)(y)),
                    )
                )
    return cases


def _pair(d: Dual) -> list[float]:
    return [d.data, d.tangent]


def _inputs(arguments: tuple[Any, ...]) -> list[Any]:
    """The inputs of ``f``, given as one list (``f(xs)``) or one by one (``f(*xs)``)."""
    return list(arguments[0]) if len(arguments) == 1 and isinstance(arguments[0], list) else list(arguments)


def _first(xs: list[Any]) -> Any:
    """The first input, or a Dual constant 1 when there is none (``f`` itself never fails)."""
    return xs[0] if xs else Dual(1.0)


def _last(xs: list[Any]) -> Any:
    return xs[-1] if xs else Dual(1.0)


RETURNS: dict[str, Callable[[list[Any]], Any]] = {
    "bytes": lambda xs: b"ab",
    "bytearray": lambda xs: bytearray(b"ab"),
    "str": lambda xs: "ab",
    "None": lambda xs: None,
    "nan": lambda xs: math.nan,
    "inf": lambda xs: math.inf,
    "a dict": lambda xs: {"y": _first(xs)},
    "a set": lambda xs: {1.0},
    "an empty list": lambda xs: [],
    "a bool": lambda xs: True,
    "a complex": lambda xs: 1j,
    "a foreign Value": lambda xs: at.Value(1.0),
    "a nested list": lambda xs: [[_first(xs)]],
    "a generator": lambda xs: (x for x in xs),
    "10**400": lambda xs: 10**400,
    "x·y": lambda xs: _first(xs) * _last(xs),
    "[x, 3]": lambda xs: [_first(xs), 3.0],
    "x / 0": lambda xs: _first(xs) / 0.0,
    "exp(800 x)": lambda xs: (_first(xs) * 800.0).exp(),
    "log(x - x)": lambda xs: (_first(xs) - _first(xs)).log(),
}
POINTS: list[Any] = [
    [1.0, 2.0],
    [0.0, 0.0],
    [1e308, 1e308],
    [],
    [1.0],
    "ab",
    None,
    [math.nan, 1.0],
    [1.0, "a"],
]


def forward_function_cases() -> list[Case]:
    cases: list[Case] = []
    for what, body in RETURNS.items():
        f = _spread(body)
        for point in POINTS:
            tangent = [1.0] * len(point) if isinstance(point, list) else point
            for mode in ("forward", "reverse"):
                cases.append(
                    Case(
                        f"jacobian(f → {what}, {point!r}, {mode})",
                        lambda f=f, p=point, m=mode: _matrix(at.jacobian(f, p, mode=m)),
                    )
                )
            cases.append(Case(f"jvp(f → {what}, {point!r})", lambda f=f, p=point, t=tangent: at.jvp(f, p, t)))
            cases.append(
                Case(f"hessian(f → {what}, {point!r})", lambda f=f, p=point: _flat(at.hessian(f, p)))
            )
    for arity in (0, 1, 3):
        wrong = _wrong_arity(arity)
        cases.append(Case(f"jvp(f of {arity} arguments)", lambda f=wrong: at.jvp(f, [1.0, 2.0], [1.0, 0.0])))
        cases.append(
            Case(f"jacobian(f of {arity} arguments)", lambda f=wrong: _matrix(at.jacobian(f, [1.0, 2.0])))
        )
    cases.append(
        Case("jvp tangents of another length", lambda: at.jvp(_spread(RETURNS["x·y"]), [1.0, 2.0], [1.0]))
    )
    cases.append(
        Case(
            "jacobian mode 'sideways'",
            lambda: at.jacobian(_spread(RETURNS["x·y"]), [1.0, 2.0], mode="sideways"),
        )
    )
    return cases


def _spread(body: Callable[[list[Any]], Any]) -> Callable[..., Any]:
    return lambda *arguments: body(_inputs(arguments))


def _wrong_arity(n: int) -> Callable[..., Any]:
    if n == 0:
        return lambda: 1.0
    if n == 1:
        return lambda x: x if not isinstance(x, list) else x[0]  # a list convention takes one argument
    return lambda a, b, c: a * b * c


def _matrix(jacobian: at.Jacobian) -> list[float]:
    return [x for row in jacobian.matrix for x in row]


def _flat(rows: Any) -> list[float]:
    return [x for row in rows for x in row]
