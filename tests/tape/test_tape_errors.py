"""Tape guards and bad input: a changed branch, a domain error or a bad argument is a clear error."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import numpy as np
import pytest

import autograd_tiny as at
from autograd_tiny import Value


def absolute(x: Value) -> Value:
    """|x| written with a Python branch on a Value: control flow that depends on the data."""
    return x if x > 0 else -x


def test_a_branch_that_still_holds_replays() -> None:
    tape = at.record(absolute, [2.0])
    assert tape.forward([5.0]) == 5.0
    assert tape.backward() == (1.0,)


def test_a_branch_that_no_longer_holds_is_refused() -> None:
    tape = at.record(absolute, [2.0])
    with pytest.raises(
        at.BranchChangedError, match=re.escape("x > 0 was True, now -3 > 0 is False")
    ) as caught:
        tape.forward([-3.0])
    assert caught.value.examples == [0]
    assert tape.forward([1.0]) == 1.0  # the tape is still usable


def test_a_batch_names_the_examples_whose_branch_changed() -> None:
    tape = at.record(absolute, [2.0])
    with pytest.raises(at.BranchChangedError, match="for example 1") as caught:
        tape.forward([np.array([1.0, -1.0, 2.0, -0.5])])
    assert caught.value.examples == [1, 3]


def test_comparisons_between_values_are_guards_too() -> None:
    """max() compares Values; a replay where another element is largest would take another path."""
    tape = at.record(lambda a, b, c: max([a, b, c]) * 2, [1.0, 3.0, 2.0])
    assert tape.forward([0.0, 5.0, 1.0]) == 10.0
    with pytest.raises(at.BranchChangedError):
        tape.forward([9.0, 5.0, 1.0])


def test_a_compared_value_that_is_not_an_output_is_still_checked() -> None:
    def fn(x: Value) -> Value:
        return x * 2 if (x - 1).exp() > 1 else x * 3

    tape = at.record(fn, [2.0])
    with pytest.raises(at.BranchChangedError):
        tape.forward([0.5])


def test_kinks_of_rules_are_not_control_flow() -> None:
    tape = at.record(lambda x: x.relu() + abs(x), [2.0])
    assert tape.forward([-3.0]) == 3.0
    assert tape.backward() == (-1.0,)


def test_a_domain_error_names_the_line_and_the_rule() -> None:
    tape = at.record(lambda x: (x - 1).log(), [2.0])
    with pytest.raises(
        ValueError, match=r"tape line y = log\(v1\).*log\(-1\): log is only defined for inputs > 0"
    ):
        tape.forward([0.0])
    with pytest.raises(ValueError, match=r"example 2 of the batch"):
        tape.forward([np.array([3.0, 2.0, 0.5])])


def test_division_by_zero_and_overflow_are_errors_not_inf() -> None:
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        at.record(lambda a, b: a / b, [1.0, 1.0]).forward([1.0, 0.0])
    with pytest.raises(OverflowError, match="exp"):
        at.record(lambda x: x.exp(), [1.0]).forward([800.0])


def test_a_masked_nan_is_still_found() -> None:
    """relu(log(x)) would hide a nan behind relu's comparison; every slot is checked."""
    tape = at.record(lambda x: x.log().relu(), [2.0])
    with pytest.raises(ValueError, match="log"):
        tape.forward([-1.0])


def test_a_local_derivative_that_is_not_finite_is_an_error_in_backward() -> None:
    tape = at.record(lambda x: x.sqrt(), [4.0])
    assert tape.forward([0.0]) == 0.0
    with pytest.raises(ValueError, match=r"local derivative is not finite at sqrt\(0\)"):
        tape.backward()


def test_an_overflowing_gradient_is_an_error_and_leaves_grad_alone() -> None:
    w = Value(1.0, label="w")
    tape = at.record(lambda x: (w * x) * 1e308 - (w * x) * -1e308, [1e-10])  # = 2e298, ∂/∂(w·x) = 2e308
    with pytest.raises(OverflowError, match="adjoint"):
        tape.backward()
    assert w.grad == 0.0


@pytest.mark.parametrize(
    ("inputs", "error", "message"),
    [
        ([1.0], ValueError, r"takes 2 inputs \(a, b\), got 1"),
        ([1.0, 2.0, 3.0], ValueError, "takes 2 inputs"),
        (5.0, TypeError, "inputs must be a list"),
        ("ab", TypeError, "inputs must be a list"),
        ([1.0, "x"], TypeError, "input b must be a number or a 1-D array"),
        ([1.0, None], TypeError, "input b must be a number"),
        ([True, 1.0], TypeError, "input a must be a number"),
        ([1.0, math.nan], ValueError, "input b is nan; inputs must be finite"),
        ([np.array([1.0, math.inf]), 1.0], ValueError, r"input a \(example 1\) is inf"),
        ([np.array([1.0, 2.0]), np.array([1.0])], ValueError, "input b has shape"),
        ([np.ones((2, 2)), 1.0], ValueError, "input a has shape"),
    ],
)
def test_bad_inputs_are_named(inputs: object, error: type[Exception], message: str) -> None:
    tape = at.record(lambda a, b: a * b, [1.0, 2.0])
    with pytest.raises(error, match=message):
        tape.forward(inputs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (math.inf, ValueError, "seed 0 must be finite"),
        (True, TypeError, "seed 0 must be a number"),
        ("1", TypeError, "seed 0 must be a number"),
        (["1"], TypeError, "seed 0 must be a number"),
        (10**400, ValueError, "seed 0 is too large for a float"),
        ("one", TypeError, "seed 0 must be a number"),
        (np.array([1.0, 2.0]), TypeError, "seed 0 must be a number"),
    ],
)
def test_bad_seeds_are_named(seed: object, error: type[Exception], message: str) -> None:
    tape = at.record(lambda a: a * 2, [1.0])
    with pytest.raises(error, match=message):
        tape.backward(seed)


def test_several_outputs_need_one_seed_each() -> None:
    tape = at.record(lambda a: [a * 2, a * 3], [1.0])
    with pytest.raises(ValueError, match="this tape has 2 outputs; give one seed per output"):
        tape.backward(1.0)


def test_a_parameter_that_is_not_finite_is_named() -> None:
    w = Value(1.0, label="w")
    tape = at.record(lambda x: w * x, [1.0])
    w.data = math.inf
    with pytest.raises(ValueError, match="parameter w is inf"):
        tape.forward([1.0])


@pytest.mark.parametrize(
    ("fn", "inputs", "error", "message"),
    [
        ("not a function", [1.0], TypeError, "fn must be a function"),
        (lambda x: x, 1.0, TypeError, "example_inputs must be a sequence"),
        (lambda x: x, ["a"], TypeError, r"example_inputs\[0\] must be a finite number"),
        (lambda x: x, [math.nan], ValueError, r"example_inputs\[0\] must be a finite number"),
        (lambda x: 3.0, [1.0], TypeError, "fn must return a Value or a non-empty list of Values, got 3.0"),
        (lambda x: [], [1.0], TypeError, "non-empty list"),
        (lambda x: [x, 2.0], [1.0], TypeError, "fn must return a Value"),
    ],
)
def test_bad_recordings_are_named(fn: object, inputs: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        at.record(fn, inputs)  # type: ignore[arg-type]


def test_record_inside_no_grad_is_refused() -> None:
    with at.no_grad(), pytest.raises(ValueError, match="inside no_grad"):
        at.record(lambda x: x * 2, [1.0])


def test_a_rule_without_an_array_forward_is_replayed_element_by_element() -> None:
    """A row with ``array=None`` still replays: its float forward, one element at a time."""
    import dataclasses

    from autograd_tiny.core.rules import RULES
    from autograd_tiny.tape import arrays

    plain = dataclasses.replace(RULES["log"], array=None)
    forward = arrays._elementwise(plain.forward)
    out = forward(np.array([1.0, math.e, -1.0]))
    assert out[:2].tolist() == [0.0, 1.0]
    assert math.isnan(out[2])  # refused by the float rule: the tape then re-runs it for the message


def test_without_numpy_record_says_so() -> None:
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import autograd_tiny as at\n"
        "try:\n    at.record(lambda x: x * 2, [1.0])\n"
        "except ModuleNotFoundError as error:\n    print(error)\n"
    )
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert finished.stdout.strip() == (
        "the tape replays with numpy, which is not installed: pip install 'autograd-tiny[tape]'"
    )


@pytest.mark.parametrize("base", [-2.0, 0.0])
def test_a_variable_exponent_on_a_base_not_above_zero_is_refused_as_the_engine_refuses_it(
    base: float,
) -> None:
    """Recorded at x = 2, replayed at x ≤ 0: the engine refuses x ** y there, so the replay must too."""
    with pytest.raises(ValueError) as engine:
        Value(base) ** Value(2.0)
    tape = at.record(lambda x, y: x**y, [2.0, 2.0])
    with pytest.raises(ValueError) as replay:
        tape.forward([np.array([1.5, base]), np.array([2.0, 2.0])])
    assert str(replay.value) == f"tape line f = x ^ y (example 1 of the batch): {engine.value}"


def test_a_negative_base_with_a_constant_integer_exponent_replays_as_the_engine_computes_it() -> None:
    tape = at.record(lambda x: x**3 + 2.0**x, [2.0])
    assert tape.forward([-1.5]) == (-1.5) ** 3 + 2.0**-1.5
    assert tape.backward() == pytest.approx((3 * 1.5**2 + 2.0**-1.5 * math.log(2.0),), rel=1e-15)


def test_a_local_derivative_that_raises_in_backward_names_its_line() -> None:
    """b·aᵇ⁻¹ at a = 0, b = 0.5 is 0 ** −0.5: a ZeroDivisionError that names the assignment."""
    tape = at.record(lambda x: x**0.5, [4.0])
    tape.forward([0.0])
    with pytest.raises(
        ZeroDivisionError, match=r"^tape line y = x \^ 0.5: the local derivative of pow\(0, 0.5\)"
    ):
        tape.backward()


@pytest.mark.parametrize("given", [10**400, [1.0, 10**400]])
def test_an_input_too_large_for_a_float_is_named(given: object) -> None:
    tape = at.record(lambda x: x * 2.0, [1.0])
    with pytest.raises(ValueError, match="input x holds a number too large for a float"):
        tape.forward([given])


def test_strings_are_not_numbers_for_a_replay() -> None:
    tape = at.record(lambda x: x * 2.0, [1.0])
    with pytest.raises(TypeError, match="input x must be a number or a 1-D array"):
        tape.forward([["1", "2"]])
    with pytest.raises(TypeError, match="seed 0 must be a number"):
        tape.backward("1")


def test_a_variable_exponent_on_a_negative_base_is_refused_even_where_numpy_gives_nan() -> None:
    tape = at.record(lambda x, y: x**y, [2.0, 0.5])
    with pytest.raises(ValueError, match=r"pow\(-2, 0.5\): a variable exponent needs a positive base"):
        tape.forward([-2.0, 0.5])
