"""Forward mode on random expressions: jvp, forward-mode Jacobians and forward-over-reverse
Hessian-vector products against reverse mode and against sympy's symbolic derivatives."""

from __future__ import annotations

import math
from typing import Any

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autograd_tiny as at
from autograd_tiny import Value
from tests.core.test_against_sympy import SYMBOLS, SYMPY_FUNCTIONS
from tests.helpers.expressions import NAMES, Tree, evaluate, points, trees

DOMAIN_ERRORS = (ValueError, ZeroDivisionError, OverflowError)
directions = st.lists(st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 3)), min_size=3, max_size=3)


def engine_function(name: str) -> Any:
    return getattr(at, name)


def sympy_number(expression: Any, point: dict[str, float]) -> complex:
    """The expression's number at the point; nan where sympy has none (DiracDelta(0) at a kink)."""
    substitution = {SYMBOLS[name]: v for name, v in point.items()}
    try:
        return complex(sympy.sympify(expression).subs(substitution).evalf(30))
    except TypeError:  # "Cannot convert expression to float": relu″ or abs″ at exactly 0
        return complex(math.nan)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points, direction=directions)
def test_jvp_equals_the_graph_push_exactly_and_reverse_mode_and_sympy(
    tree: Tree, point: dict[str, float], direction: list[float]
) -> None:
    xs = [point[name] for name in NAMES]
    try:
        value, tangent = at.jvp(
            lambda *d: evaluate(tree, dict(zip(NAMES, d, strict=True)), engine_function), xs, direction
        )
        leaves = {name: Value(point[name], name) for name in NAMES}
        y = evaluate(tree, leaves, engine_function)
    except DOMAIN_ERRORS:
        return  # outside the domain here; both paths raise alike (tests/forward/test_forward.py)
    if not isinstance(y, Value):
        assert tangent == 0.0
        return
    assert value == y.data
    pushed = at.tangents(y, dict(zip(leaves.values(), direction, strict=True)))
    assert tangent == pushed[y]  # the same rules, the same order of additions: the same float
    gradient = at.grad(y, list(leaves.values()))
    reverse = math.fsum(g.data * v for g, v in zip(gradient, direction, strict=True))
    assert tangent == pytest.approx(reverse, rel=1e-9, abs=1e-9)
    expression = evaluate(tree, SYMBOLS, SYMPY_FUNCTIONS)
    derivative = sum(sympy.diff(expression, SYMBOLS[n]) * v for n, v in zip(NAMES, direction, strict=True))
    expected = sympy_number(derivative, point)
    if expected.imag or not math.isfinite(expected.real):
        return  # a kink of abs/relu exactly at the point
    assert tangent == pytest.approx(expected.real, rel=1e-8, abs=1e-8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=trees, second=trees, point=points)
def test_forward_and_reverse_jacobians_agree_with_each_other_and_sympy(
    first: Tree, second: Tree, point: dict[str, float]
) -> None:
    def f(*x: Value) -> list[Any]:
        variables = dict(zip(NAMES, x, strict=True))
        return [evaluate(first, variables, engine_function), evaluate(second, variables, engine_function)]

    xs = [point[name] for name in NAMES]
    try:
        forward = at.jacobian(f, xs, mode="forward")
        reverse = at.jacobian(f, xs, mode="reverse")
    except DOMAIN_ERRORS:
        return
    assert (forward.passes, reverse.passes, forward.edges) == (3, 2, reverse.edges)
    assert forward.edge_visits == 3 * forward.edges >= reverse.edge_visits
    for tree, row_f, row_r in zip((first, second), forward.matrix, reverse.matrix, strict=True):
        expression = evaluate(tree, SYMBOLS, SYMPY_FUNCTIONS)
        for name, a, b in zip(NAMES, row_f, row_r, strict=True):
            assert a == pytest.approx(b, rel=1e-9, abs=1e-12)
            expected = sympy_number(sympy.diff(expression, SYMBOLS[name]), point)
            if not expected.imag and math.isfinite(expected.real):
                assert a == pytest.approx(expected.real, rel=1e-8, abs=1e-8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, point=points, direction=directions)
def test_hessian_vector_product_forward_over_reverse_matches_sympy(
    tree: Tree, point: dict[str, float], direction: list[float]
) -> None:
    xs = [point[name] for name in NAMES]

    def f(*x: Value) -> Any:
        y = evaluate(tree, dict(zip(NAMES, x, strict=True)), engine_function)
        return y if isinstance(y, Value) else Value(float(y))

    try:
        product = at.hessian_vector_product(f, xs, direction)
    except DOMAIN_ERRORS:
        return
    expression = evaluate(tree, SYMBOLS, SYMPY_FUNCTIONS)
    for name, got in zip(NAMES, product, strict=True):
        row = sum(
            sympy.diff(expression, SYMBOLS[name], SYMBOLS[other]) * v
            for other, v in zip(NAMES, direction, strict=True)
        )
        expected = sympy_number(row, point)
        if expected.imag or not math.isfinite(expected.real):
            continue  # a kink at the point
        assert got == pytest.approx(expected.real, rel=1e-7, abs=1e-7), name
