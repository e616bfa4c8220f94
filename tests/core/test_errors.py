"""Bad input gets a clear error naming the operation and the number, never a silent nan or inf."""

from __future__ import annotations

import pytest

import autograd_tiny as at
from autograd_tiny import Value


@pytest.mark.parametrize(
    ("compute", "error", "message"),
    [
        (lambda: Value(0.0).log(), ValueError, r"log\(0\)"),
        (lambda: Value(-1.0).log(), ValueError, r"log\(-1\)"),
        (lambda: at.log(0.0), ValueError, r"log\(0\)"),
        (lambda: Value(-1.0).sqrt(), ValueError, r"sqrt\(-1\)"),
        (lambda: at.sqrt(-4), ValueError, r"sqrt\(-4\)"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, r"0 \*\* -1"),
        (lambda: 0 ** Value(-2.0), ValueError, "positive base"),
        (lambda: Value(1.0) / 0, ZeroDivisionError, "1 / 0"),
        (lambda: 3 / Value(0.0), ZeroDivisionError, "3 / 0"),
        (lambda: Value(-8.0) ** (1 / 3), ValueError, r"\(-8\) \*\* 0.333333"),
        (lambda: Value(-2.0) ** Value(2.0), ValueError, "positive base"),
        (lambda: Value(1000.0).exp(), OverflowError, r"exp\(1000\)"),
        (lambda: at.exp(1000), OverflowError, r"exp\(1000\)"),
        (lambda: Value(1e200) * 1e200, OverflowError, r"mul\(1e\+200, 1e\+200\)"),
        (lambda: Value(10.0) ** 400, OverflowError, r"\(10\) \*\* 400"),
        (lambda: Value(0.0).sqrt(), ValueError, r"sqrt\(0\): the local derivative"),
        (lambda: Value(0.0) ** 0.5, ValueError, r"pow\(0, 0.5\): the local derivative"),
    ],
)
def test_bad_input_raises_a_clear_error(compute, error: type[Exception], message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        compute()


def test_a_non_differentiable_point_is_fine_without_recording() -> None:
    with at.no_grad():
        assert Value(0.0).sqrt().data == 0.0


def test_negative_base_with_constant_integer_exponent_works() -> None:
    x = Value(-3.0)
    y = x**2
    y.backward()
    assert (y.data, x.grad) == (9.0, -6.0)
    assert (x**3).data == -27.0


@pytest.mark.parametrize("bad", ["2", None, [1.0], 1j, True])
def test_operands_that_are_not_numbers_are_named(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        Value(1.0) + bad  # type: ignore[operator]
    with pytest.raises(TypeError, match=type(bad).__name__):
        _ = Value(1.0) < bad  # type: ignore[operator]


@pytest.mark.parametrize("bad", [[Value(1.0)], 1.0, "y", None])
def test_grad_of_something_that_is_not_a_value_is_a_type_error(bad: object) -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match="output must be a Value"):
        at.grad(bad, [x])  # type: ignore[arg-type]


def test_grad_with_respect_to_a_non_value_is_a_type_error() -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match=r"inputs\[1\] must be a Value"):
        at.grad(x * 2, [x, 2.0])  # type: ignore[list-item]


def test_label_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="label"):
        Value(1.0, label=3)  # type: ignore[arg-type]


def test_exploding_gradient_is_reported_not_returned_as_inf() -> None:
    x = Value(1e-300, "x")
    y = x * 1e300 * 1e300  # y = 1e300 is finite, but ∂y/∂x = 1e600 is not
    with pytest.raises(OverflowError, match="gradient of x is inf"):
        y.backward()
