"""Seed 002's gradient checking: central differences, relative error, and a check that can fail."""

from __future__ import annotations

import math

import pytest

import autograd_tiny as at
from autograd_tiny import Value


def test_numerical_gradient_matches_the_closed_form() -> None:
    """f(x, y) = x²y + sin y: ∂f/∂x = 2xy, ∂f/∂y = x² + cos y."""
    numeric = at.numerical_gradient(lambda v: v[0] ** 2 * v[1] + v[1].sin(), [1.5, -0.5])
    assert numeric[0] == pytest.approx(2 * 1.5 * -0.5, rel=1e-8)
    assert numeric[1] == pytest.approx(1.5**2 + math.cos(-0.5), rel=1e-8)


def test_numerical_gradient_puts_leaves_back() -> None:
    leaves = [Value(1.0), Value(2.0)]
    at.numerical_gradient(lambda v: v[0] * v[1], leaves)
    assert [leaf.data for leaf in leaves] == [1.0, 2.0]


def test_relative_error_is_seed_002s_formula() -> None:
    a, b = [1.0, 2.0, 3.0], [1.0, 2.0, 3.5]
    expected = math.sqrt(0.25) / math.sqrt(2**2 + 4**2 + 6.5**2)
    assert at.relative_error(a, b) == pytest.approx(expected, rel=1e-15)
    assert at.relative_error([0.0], [0.0]) == 0.0
    assert at.relative_error(1.0, -1.0) == math.inf
    with pytest.raises(ValueError, match="lengths differ"):
        at.relative_error([1.0], [1.0, 2.0])


def test_check_gradients_passes_on_a_correct_function() -> None:
    error = at.check_gradients(lambda v: (v[0] * v[1]).tanh() + v[0].exp() / v[1], [0.3, 1.7])
    assert error < 1e-7


def test_check_gradients_catches_a_wrong_derivative() -> None:
    """A function whose gradient the engine cannot see (an untracked detour) must fail the check."""

    def wrong(v: list[Value]) -> Value:
        hidden = Value(v[0].data ** 2)  # x² computed outside the graph: its derivative is lost
        return hidden + v[1]

    with pytest.raises(at.GradientCheckError) as failure:
        at.check_gradients(wrong, [1.5, 2.0])
    message = str(failure.value)
    assert "input 0: analytic 0, numeric 3" in message
    assert "relative error" in message


def test_check_gradients_on_existing_parameters() -> None:
    w = [Value(0.5), Value(-1.2)]
    x = [2.0, 3.0]
    assert at.check_gradients(lambda p: (p[0] * x[0] + p[1] * x[1]).sigmoid(), w) < 1e-7
    assert [p.data for p in w] == [0.5, -1.2]


def test_check_gradients_needs_a_value_output() -> None:
    with pytest.raises(TypeError, match="f must return a Value"):
        at.check_gradients(lambda v: 3.0, [1.0])  # type: ignore[arg-type,return-value]
