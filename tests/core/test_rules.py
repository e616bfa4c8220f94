"""Every rule in the table against central differences, at several points each."""

from __future__ import annotations

import math

import pytest

from autograd_tiny import RULES, Value
from autograd_tiny.core.gradients import grad

# Points inside each rule's domain (away from kinks), one tuple of inputs per point: the rows' own.
SAMPLE_POINTS = {op: rule.samples for op, rule in RULES.items()}


def central_difference(op: str, point: tuple[float, ...], i: int, eps: float = 1e-6) -> float:
    forward = RULES[op].forward
    up = list(point)
    down = list(point)
    up[i] += eps
    down[i] -= eps
    return (forward(*up) - forward(*down)) / (2 * eps)


def test_every_rule_has_sample_points_of_its_arity() -> None:
    for op, points in SAMPLE_POINTS.items():
        assert len(points) >= 2, op
        assert all(RULES[op].arity in (None, len(point)) for point in points), op


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
        assert (b.data if isinstance(b, Value) else b) == pytest.approx(a, rel=1e-12)


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
