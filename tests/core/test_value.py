"""Building graphs: construction, operators with numbers on either side, edges, comparisons."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import autograd_tiny as at
from autograd_tiny import Constant, Value


@pytest.mark.parametrize("bad", ["1.0", None, [1.0], 1 + 2j, True, False, object()])
def test_construction_rejects_what_is_not_a_real_number(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        Value(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_construction_rejects_non_finite_numbers(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        Value(bad)


def test_construction_accepts_real_numbers_of_any_type() -> None:
    assert Value(3).data == 3.0 and type(Value(3).data) is float
    assert Value(Fraction(1, 4)).data == 0.25
    assert Value(np.float32(0.5)).data == 0.5
    assert Value(np.int64(7)).data == 7.0


def test_a_new_value_is_a_leaf() -> None:
    x = Value(2.0, label="x")
    assert (x.data, x.grad, x.label, x.op, x.edges, x.constant) == (2.0, 0.0, "x", "", (), False)


def test_edges_hold_inputs_and_local_derivatives_in_argument_order() -> None:
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    assert c.op == "mul"
    (first, d_first), (second, d_second) = c.edges
    assert first is a and second is b
    assert (d_first, d_second) == (-3.0, 2.0)  # ∂(ab)/∂a = b, ∂(ab)/∂b = a


def test_shared_input_gets_both_edges() -> None:
    x = Value(3.0)
    y = x * x
    assert [input_ is x for input_, _ in y.edges] == [True, True]
    y.backward()
    assert x.grad == 6.0


@pytest.mark.parametrize(
    ("expression", "expected", "d_dx"),
    [
        (lambda x: x + 2, 5.0, 1.0),
        (lambda x: 2 + x, 5.0, 1.0),
        (lambda x: x - 2, 1.0, 1.0),
        (lambda x: 2 - x, -1.0, -1.0),
        (lambda x: x * 2, 6.0, 2.0),
        (lambda x: 2 * x, 6.0, 2.0),
        (lambda x: x / 2, 1.5, 0.5),
        (lambda x: 2 / x, 2 / 3, -2 / 9),
        (lambda x: x**2, 9.0, 6.0),
        (lambda x: 2**x, 8.0, 8 * math.log(2)),
        (lambda x: x**x, 27.0, 27 * (math.log(3) + 1)),
        (lambda x: -x, -3.0, -1.0),
        (lambda x: abs(-x), 3.0, 1.0),
        (lambda x: x**0.5, math.sqrt(3), 0.5 / math.sqrt(3)),
    ],
)
def test_operators_with_numbers_on_either_side(expression, expected: float, d_dx: float) -> None:  # type: ignore[no-untyped-def]
    x = Value(3.0)
    y = expression(x)
    y.backward()
    assert y.data == pytest.approx(expected, rel=1e-12)
    assert x.grad == pytest.approx(d_dx, rel=1e-12)


def test_plain_numbers_become_constant_leaves() -> None:
    x = Value(3.0)
    y = x * 2
    constant = y.edges[1][0]
    assert constant.constant and constant.data == 2.0 and constant.op == ""
    assert not x.constant


def test_a_plain_number_is_one_shared_constant() -> None:
    x, y = Value(3.0), Value(4.0)
    twos = [(x * 2).edges[1][0], (y * 2.0).edges[1][0], (2 * x).edges[0][0], (x + 2).edges[1][0]]
    assert all(two is twos[0] for two in twos)  # 2 and 2.0, either side: one leaf, not four
    assert Constant(2.0) is not twos[0]  # a Constant made on purpose is its own


def test_zero_is_not_shared_so_its_sign_survives() -> None:
    x = Value(1.0)
    assert math.copysign(1.0, (x * -0.0).data) == -1.0 and math.copysign(1.0, (x * 0.0).data) == 1.0


def test_the_shared_constants_are_capped() -> None:
    from autograd_tiny.core import value

    x = Value(1.0)
    for i in range(2 * value._CONSTANTS_KEPT):
        x * (i + 0.5)
    assert 0 < len(value._CONSTANTS) <= value._CONSTANTS_KEPT  # a bounded cache, never a leak


def test_methods_and_functions_agree() -> None:
    for name in ["exp", "log", "sqrt", "tanh", "sigmoid", "relu", "sin", "cos"]:
        function = getattr(at, name)
        by_method = getattr(Value(0.7), name)()
        by_function = function(Value(0.7))
        assert isinstance(by_function, Value) and by_function.data == by_method.data
        on_number = function(0.7)
        assert type(on_number) is float and on_number == by_method.data


def test_comparisons_compare_data_and_return_bool() -> None:
    a, b = Value(1.0), Value(2.0)
    assert (a < b, a <= b, a > b, a >= b) == (True, True, False, False)
    assert a < 1.5 and a >= 1 and (1.5 > a) is True  # noqa: SIM300 (the reflected operator)
    assert type(a < b) is bool


def test_equality_and_hash_are_by_identity() -> None:
    a, b = Value(1.0), Value(1.0)
    assert a != b and a == a
    assert len({a, b}) == 2
    assert {a: "a"}[a] == "a"


def test_detach_makes_a_new_leaf() -> None:
    x = Value(2.0, "x")
    y = (x * 3).detach()
    assert (y.data, y.op, y.edges) == (6.0, "", ())
    (y * 2).backward()
    assert x.grad == 0.0


def test_no_grad_records_no_edges_and_restores_recording() -> None:
    x = Value(2.0)
    with at.no_grad():
        y = x * x + 1
        with at.no_grad():
            pass
        z = x.tanh()
    assert (y.op, y.edges, z.edges) == ("", (), ())
    assert y.data == 5.0
    assert (x * x).edges  # recording is back on


def test_no_grad_is_restored_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), at.no_grad():
        Value(1.0) / 0
    assert (Value(1.0) * 2).edges


def test_repr_is_readable() -> None:
    assert repr(Value(2.0, "x")) == "Value(data=2, grad=0, label='x')"
    assert "op='add'" in repr(Value(1.0) + 1)
