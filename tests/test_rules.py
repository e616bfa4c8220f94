"""Every rule in the table against central differences, at several points each."""

from __future__ import annotations

import math

import pytest

from autograd_tiny import RULES, Value
from autograd_tiny.backward import grad

# Points inside each rule's domain (away from kinks), one tuple of inputs per point.
SAMPLE_POINTS: dict[str, list[tuple[float, ...]]] = {
    "add": [(2.0, 3.0), (-1.5, 0.25), (1e3, -7.0)],
    "sub": [(2.0, 3.0), (-1.5, 0.25), (0.0, 4.0)],
    "mul": [(2.0, 3.0), (-1.5, 0.25), (0.0, -4.0)],
    "sum": [(2.0,), (2.0, -3.0), (1.5, -0.25, 4.0, 1e3)],
    "div": [(2.0, 3.0), (-1.5, 0.25), (1.0, -4.0)],
    "neg": [(2.0,), (-0.3,)],
    "pow": [(2.0, 3.0), (0.5, -1.5), (1.7, 0.5), (3.0, 0.0)],
    "abs": [(2.0,), (-0.3,)],
    "exp": [(0.0,), (1.3,), (-2.0,)],
    "log": [(0.5,), (1.0,), (7.0,)],
    "sqrt": [(0.25,), (2.0,), (9.0,)],
    "tanh": [(0.0,), (0.7,), (-2.5,)],
    "sigmoid": [(0.0,), (1.2,), (-3.0,)],
    "relu": [(1.5,), (-0.5,)],
    "sin": [(0.0,), (1.0,), (-2.0,)],
    "cos": [(0.0,), (1.0,), (-2.0,)],
}


def central_difference(op: str, point: tuple[float, ...], i: int, eps: float = 1e-6) -> float:
    forward = RULES[op].forward
    up = list(point)
    down = list(point)
    up[i] += eps
    down[i] -= eps
    return (forward(*up) - forward(*down)) / (2 * eps)


def test_every_rule_has_sample_points() -> None:
    assert set(SAMPLE_POINTS) == set(RULES)
    assert all(len(points) >= 2 for points in SAMPLE_POINTS.values())


@pytest.mark.parametrize(("op", "point"), [(op, p) for op, points in SAMPLE_POINTS.items() for p in points])
def test_local_partials_match_central_differences(op: str, point: tuple[float, ...]) -> None:
    out = RULES[op].forward(*point)
    partials = RULES[op].partials(out, *point)
    assert len(partials) == len(point)
    for i, partial in enumerate(partials):
        assert partial == pytest.approx(central_difference(op, point, i), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize(("op", "point"), [(op, p) for op, points in SAMPLE_POINTS.items() for p in points])
def test_rules_on_values_give_the_same_partials(op: str, point: tuple[float, ...]) -> None:
    """The create_graph path runs each rule on Values; the numbers must equal the float path."""
    inputs = [Value(x) for x in point]
    out = Value(RULES[op].forward(*point))
    on_floats = RULES[op].partials(out.data, *point)
    on_values = RULES[op].partials(out, *inputs)
    for a, b in zip(on_floats, on_values, strict=True):
        assert float(b) == pytest.approx(a, rel=1e-12)


def test_sigmoid_does_not_overflow_for_large_inputs() -> None:
    assert Value(1000.0).sigmoid().data == 1.0
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(-30.0).sigmoid().data == pytest.approx(1 / (1 + math.exp(30)), rel=1e-12)


def test_relu_derivative_at_zero_is_zero() -> None:
    x = Value(0.0)
    (g,) = grad(x.relu(), [x])
    assert g.data == 0.0


def test_abs_derivative_is_the_sign() -> None:
    for x, sign in [(-2.0, -1.0), (3.0, 1.0), (0.0, 0.0)]:
        v = Value(x)
        assert grad(abs(v), v)[0].data == sign
