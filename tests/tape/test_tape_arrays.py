"""The vectorised-forward column and the array partials, reviewed against the float rules of RULES."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd_tiny.core.rules import RULES
from autograd_tiny.tape.arrays import array_forward, array_partials

# Points for each rule's arity, including kinks (0 for relu and abs), both branches of σ, negative
# bases with integer exponents and zero for pow.
UNARY_POINTS = [-3.0, -1.0, -0.25, 0.0, 1e-300, 0.3, 1.0, 2.5, 40.0]
BASES = (-2.0, -0.5, 0.0, 0.5, 1.5, 3.0)
BINARY_POINTS = [(a, b) for a in BASES for b in (-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0)]


SUM_POINTS = [(a, b, c) for a, b in BINARY_POINTS for c in (-1.0, 0.1, 7.0)]  # three terms


def _points(op: str) -> list[tuple[float, ...]]:
    if op == "sum":
        return list(SUM_POINTS)
    arity = RULES[op].arity
    return [(x,) for x in UNARY_POINTS] if arity == 1 else BINARY_POINTS


def _float_rule(op: str, point: tuple[float, ...]) -> tuple[float, tuple[float, ...]] | None:
    """The float rule's output and partials, or None outside its domain."""
    try:
        out = RULES[op].forward(*point)
        return out, tuple(float(p) for p in RULES[op].partials(out, *point))
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


def test_every_rule_has_a_vectorised_forward() -> None:
    for op in RULES:
        assert callable(array_forward(op)), op


@pytest.mark.parametrize("op", sorted(RULES))
def test_vectorised_forward_and_partials_match_the_float_rule(op: str) -> None:
    points = [p for p in _points(op) if _float_rule(op, p) is not None]
    columns = [np.array(column) for column in zip(*points, strict=True)]
    out = array_forward(op)(*columns)
    partials = array_partials(op, len(columns))(out, *columns)
    for k, point in enumerate(points):
        expected = _float_rule(op, point)
        assert expected is not None
        assert out[k] == pytest.approx(expected[0], rel=1e-14, abs=1e-300), point
        for got, want in zip(partials, expected[1], strict=True):
            assert np.broadcast_to(got, out.shape)[k] == pytest.approx(want, rel=1e-14, abs=1e-300), point


@pytest.mark.parametrize("op", sorted(RULES))
def test_outside_the_domain_the_vectorised_forward_is_not_finite(op: str) -> None:
    """Where the float rule raises, the array gives inf or nan, so the tape knows to re-run the rule."""
    refused = [p for p in [*_points(op), (800.0,), (1e6, 2.0)] if len(p) == len(_points(op)[0])]
    refused = [p for p in refused if _float_rule(op, p) is None and _forward_raises(op, p)]
    assert refused or op not in ("div", "pow", "exp", "log", "sqrt")  # those have points to refuse
    with np.errstate(all="ignore"):
        for point in refused:
            assert not math.isfinite(array_forward(op)(*(np.array([x]) for x in point))[0]), point


def _forward_raises(op: str, point: tuple[float, ...]) -> bool:
    try:
        RULES[op].forward(*point)
    except (ValueError, ZeroDivisionError, OverflowError):
        return True
    return False


def test_kinked_partials_fall_back_to_the_rule_element_by_element() -> None:
    """ReLU′ branches on the number: it cannot run on a whole array, so it runs per element."""
    x = np.array([-1.0, 0.0, 2.0])
    (local,) = array_partials("relu", 1)(array_forward("relu")(x), x)
    assert list(local) == [0.0, 0.0, 1.0]  # ReLU′(0) = 0, as the float rule says
    assert array_partials("mul", 2) is RULES["mul"].partials  # plain arithmetic runs as it is


def test_only_sum_and_add_have_every_partial_equal_to_one() -> None:
    """The reverse sweep skips the multiplication for these; ReLU′ = 1 above 0 must not fool the check."""
    from autograd_tiny.tape.arrays import unit_partials

    assert [op for op, rule in RULES.items() if unit_partials(op, rule.arity or 3)] == ["add", "sum"]
