"""A ``Value`` or ``Dual`` never becomes a float silently, and the exponential takes every finite result.

``math.exp(x)`` calls ``x.__float__()``: before the third hostile-input pass it returned ``x.data``, so
``math.exp(x) * x`` differentiated as the constant e times x (x.grad 2.718 where the truth is 2e = 5.437).
Now it is a TypeError that says what to write instead. The exponential used to stop at a hard-coded
709.78; now math.exp itself is the limit, in the engine, in ``Dual`` and in the tape alike.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.forward.dual import Dual

LARGEST_EXPONENT = math.log(np.finfo(np.float64).max)  # ≈ 709.7827: e^it is the largest float


@pytest.mark.parametrize("function", [math.exp, math.sin, math.log, math.sqrt, float, complex, np.float64])
def test_math_functions_on_a_value_are_refused_with_what_to_use(function: object) -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match=r"x\.exp\(\) or autograd_tiny\.exp\(x\).*x\.data"):
        function(x)  # type: ignore[operator]


def test_the_issue_example_no_longer_gives_a_wrong_gradient() -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match="would drop its derivative"):
        math.exp(x) * x  # type: ignore[call-overload]
    y = x.exp() * x  # the graph's way: ∂(xeˣ)/∂x = (1 + x)eˣ = 2e at x = 1
    y.backward()
    assert x.grad == pytest.approx(2 * math.e, rel=1e-15)
    assert x.data == 1.0  # the number stays one attribute


@pytest.mark.parametrize("function", [math.sin, math.exp, float])
def test_math_functions_on_a_dual_are_refused_with_what_to_use(function: object) -> None:
    d = Dual(0.5, 1.0)
    with pytest.raises(TypeError, match=r"d\.exp\(\).*d\.data"):
        function(d)  # type: ignore[operator]
    assert d.data == 0.5 and d.sin().tangent == pytest.approx(math.cos(0.5), rel=1e-15)


def test_a_constant_is_refused_too() -> None:
    with pytest.raises(TypeError, match="a Constant is not turned into a float"):
        math.exp(at.Constant(2.0))  # type: ignore[call-overload]


@pytest.mark.parametrize("a", [709.0, 709.781, 709.78271, LARGEST_EXPONENT])
def test_the_exponential_accepts_every_input_whose_result_is_finite(a: float) -> None:
    expected = float(np.exp(a))  # numpy's exp, not the engine's
    assert math.isfinite(expected)
    x = Value(a)
    y = x.exp()
    y.backward()
    assert (y.data, x.grad) == (expected, expected)
    forward = Dual(a, 1.0).exp()
    assert (forward.data, forward.tangent) == (expected, expected)
    tape = at.record(lambda v: v.exp(), [0.0])
    assert tape.forward([a]) == expected
    assert tape.backward() == (expected,)


@pytest.mark.parametrize("a", [709.79, 710.0, 1e300])
def test_the_exponential_just_above_the_limit_is_a_clear_overflow(a: float) -> None:
    with np.errstate(over="ignore"):
        assert np.exp(a) == np.inf  # the oracle agrees that it does not fit
    with pytest.raises(OverflowError, match=r"exp\(.*overflows a float"):
        Value(a).exp()
    with pytest.raises(OverflowError, match=r"exp\(.*overflows a float"):
        Dual(a, 1.0).exp()
    with pytest.raises(OverflowError, match="exp"):
        at.record(lambda v: v.exp(), [0.0]).forward([a])
