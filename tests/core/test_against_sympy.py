"""Random expression trees over every row of the rules table: the engine's gradients against
sympy's symbolic derivatives of each row's ``Rule.sympy``."""

from __future__ import annotations

import math
from typing import Any

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autograd_tiny as at
from autograd_tiny import Value
from tests.helpers.expressions import NAMES, Tree, evaluate, points, sympy_functions, trees

SYMBOLS = {name: sympy.Symbol(name, real=True) for name in NAMES}
SYMPY_FUNCTIONS = sympy_functions(sympy)  # each function row's Rule.sympy


def engine_function(name: str) -> Any:
    return getattr(at, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points)
def test_gradients_match_sympy(tree: Tree, point: dict[str, float]) -> None:
    leaves = {name: Value(point[name], name) for name in NAMES}
    try:
        y = evaluate(tree, leaves, engine_function)
    except (ValueError, ZeroDivisionError, OverflowError):
        return  # outside the domain at this point; the error tests cover the messages
    if not isinstance(y, Value):
        return  # a tree with no variable
    expression = evaluate(tree, SYMBOLS, SYMPY_FUNCTIONS)
    substitution = {SYMBOLS[name]: v for name, v in point.items()}
    expected_value = float(expression.subs(substitution).evalf(30))
    assert y.data == pytest.approx(expected_value, rel=1e-9, abs=1e-9)
    gradients = at.grad(y, list(leaves.values()))
    for name, g in zip(NAMES, gradients, strict=True):
        derivative = sympy.diff(expression, SYMBOLS[name])
        expected = complex(derivative.subs(substitution).evalf(30))
        if expected.imag or not math.isfinite(expected.real):
            continue  # a kink of abs/relu exactly at the point: no derivative to compare
        assert g.data == pytest.approx(expected.real, rel=1e-8, abs=1e-8), name


@settings(max_examples=60, deadline=None)
@given(x=st.floats(-2, 2), y=st.floats(0.1, 2))
def test_second_derivatives_match_sympy(x: float, y: float) -> None:
    a, b = SYMBOLS["x"], SYMBOLS["y"]
    expression = sympy.tanh(a * b) * sympy.log(b) + a**2 / b
    va, vb = Value(x), Value(y)
    f = (va * vb).tanh() * vb.log() + va**2 / vb
    gradients = at.grad(f, [va, vb], create_graph=True)
    for g, u in zip(gradients, (a, b), strict=True):
        second = at.grad(g, [va, vb])
        for h, v in zip(second, (a, b), strict=True):
            expected = float(sympy.diff(expression, u, v).subs({a: x, b: y}))
            assert h.data == pytest.approx(expected, rel=1e-9, abs=1e-12)
