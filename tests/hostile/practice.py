"""Hostile inputs for practice and grading, through their public entry points only (``at.exercise``
and its ``check``; the ``exercise`` and ``graph --check`` commands are in ``command_line.py``): any
verdict, or one clear line of error, is an answer."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

import autograd_tiny as at
from tests.hostile.harness import Case

EXPRESSIONS = [
    "(x1+x2)*(x2+1)", "x1**2 + (x1+x2)**2", "tanh(x1*x2) / (1 + x1**2)", "exp(x1) * log(x2)",
    "sigmoid(x1) - relu(x2)", "x1", "3", "x1 / (x2 - x2)", "log(x1 - x1 + 0)", "x1" + "*x1" * 200,
    "sqrt(x2) ** x1", "__import__('os')", "", "x1 +", "softplus(x1) * x1 ** 0",
]  # fmt: skip
POINTS: list[dict[str, Any]] = [
    {"x1": 2.0, "x2": 3.0}, {"x1": 0.0, "x2": 0.0}, {"x1": -1.0, "x2": 1e-300}, {"x1": 1e300, "x2": 1e300},
    {"x1": math.nan, "x2": 1.0}, {"x1": "2", "x2": 3.0}, {"x1": 2.0}, {"x1": 2.0, "x2": 3.0, "x3": 1.0},
    {"x1": 10**400, "x2": 1.0},
]  # fmt: skip
ANSWERS: list[Any] = [
    "4", "-0.5", "3/4", "1/0", "0/0", "nan", "inf", "-inf", "1e999", "", " ", "½", "4,5", "4.5.6", "0x10",
    "1_000", "٤", "𝟒", "4" * 5000, "x" * 10**6, "\x00", "\ud800", "=4", "4 ", "+4", "--4", "4e", "e", "(4)",
    "2**2",
    4, 4.0, -0.0, True, None, math.nan, math.inf, 10**400, 1j, Fraction(3, 4), np.float64(4.0), np.int64(4),
    np.array(4.0), np.array([4.0]), [4], {"a": 4}, b"4", object(), ..., at.Value(4.0),
]  # fmt: skip
KEYS: list[Any] = [
    "a", "y", "dy/dx1", "∂y/∂x1", "dy / dx1", "DY/DX1", "∂y/∂x9", "nope", "", " a ", "\ud800", 1, None,
    ("a",), b"a",
]  # fmt: skip


def practice_cases() -> list[Case]:
    cases = []
    for text in EXPRESSIONS:
        for point in POINTS:
            cases.append(
                Case(f"exercise({text[:40]!r}, {point!r})", lambda t=text, p=point: str(at.exercise(t, **p)))
            )
    for ask in (["grads"], ["values", "locals"], [], ["everything"], "grads", None, [1]):
        cases.append(
            Case(
                f"exercise(ask={ask!r})", lambda a=ask: str(at.exercise("(x1+x2)*(x2+1)", ask=a, x1=2, x2=3))
            )
        )
    for tolerance in (0.0, -1.0, math.nan, math.inf, 1e300, "0.1", None):
        cases.append(
            Case(
                f"exercise(tolerance={tolerance!r})",
                lambda t=tolerance: _checked(at.exercise("x1*x2", tolerance=t, x1=2, x2=3), {"∂y/∂x1": 3}),
            )
        )
    for graph in (None, 3, at.Value(2.0), at.Value(2.0) * at.Value(3.0), [1], b"x"):
        cases.append(Case(f"exercise({graph!r})", lambda g=graph: str(at.exercise(g))))
    exercise = at.exercise("(x1+x2)*(x2+1)", x1=2, x2=3)
    for key in KEYS:
        for answer in ANSWERS:
            cases.append(
                Case(
                    f"check({{{str(key)[:20]!r}: {str(answer)[:20]!r}}})",
                    lambda k=key, a=answer: _checked(exercise, {k: a}),
                )
            )
    for answers in (
        None,
        [],
        "dy/dx1=4",
        4,
        {},
        ...,
        {"∂y/∂x1": 4, "dy/dx1": 5},
        dict.fromkeys(map(str, range(10**4)), 1),
        {"k" * 10**5: 4},
        [0.0] * 10**5,
        "x" * 10**6,
    ):
        cases.append(Case(f"check({str(answers)[:40]})", lambda a=answers: _checked(exercise, a)))
    return cases


def _checked(exercise: Any, answers: Any) -> str:
    """The report as text and as HTML: both are what a learner reads, so both must be made."""
    report = exercise.check(answers)
    text = str(report)
    html = report._repr_html_() if hasattr(report, "_repr_html_") else ""
    if len(text) > 10**5 or len(html) > 10**6:
        raise AssertionError(f"a report of {len(text):,} characters")  # a report is for reading
    return text
