"""check_rule: a correct rule for every one-input row passes; each slip is named; bad code gets a verdict."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from autograd_tiny.core.rules import RULES
from autograd_tiny.practice import check_rule
from autograd_tiny.practice.build_it import verdict


@pytest.fixture(autouse=True)
def _fresh_tries() -> Iterator[None]:
    token = verdict._LAST_FAILURE.set(None)
    yield
    verdict._LAST_FAILURE.reset(token)


def _sigmoid(a: float) -> float:
    return 1 / (1 + math.exp(-a))


# written from calculus on the input a, not from the table (which writes them with the output)
CORRECT: dict[str, Callable[..., Any]] = {
    "neg": lambda out, a: (-1,),
    "abs": lambda out, a: (math.copysign(1.0, a),),
    "exp": lambda out, a: (math.exp(a),),
    "log": lambda out, a: (1 / a,),
    "sqrt": lambda out, a: (1 / (2 * math.sqrt(a)),),
    "tanh": lambda out, a: (1 - math.tanh(a) ** 2,),
    "sigmoid": lambda out, a: (_sigmoid(a) * (1 - _sigmoid(a)),),
    "softplus": lambda out, a: (_sigmoid(a),),
    "relu": lambda out, a: (1.0 if a > 0 else 0.0,),
    "sin": lambda out, a: (math.cos(a),),
    "cos": lambda out, a: (-math.sin(a),),
}


def test_every_one_input_rule_of_the_table_is_covered() -> None:
    assert set(CORRECT) == {name for name, rule in RULES.items() if rule.arity == 1}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_a_correct_rule_passes(name: str) -> None:
    result = check_rule(name, CORRECT[name])
    assert result.right, str(result)


@pytest.mark.parametrize(
    ("name", "partials"),
    [
        ("add", lambda out, a, b: (1, 1)),
        ("mul", lambda out, a, b: (b, a)),
        ("div", lambda out, a, b: (1 / b, -a / b**2)),
    ],
)
def test_a_correct_two_input_rule_passes(name: str, partials: Callable[..., Any]) -> None:
    assert check_rule(name, partials).right


@pytest.mark.parametrize(
    ("name", "partials", "named"),
    [
        ("tanh", lambda out, a: (out * (1 - out),), "sigmoid's rule"),
        ("sigmoid", lambda out, a: (1 - math.tanh(a) ** 2,), "the derivative of tanh"),
        ("tanh", lambda out, a: (1 - a * a,), "out and a swapped"),
        ("exp", lambda out, a: (a,), "out and a swapped"),
        ("sin", lambda out, a: (-math.cos(a),), "a sign lost"),
        ("cos", lambda out, a: (math.sin(a),), "a sign lost"),
        ("sqrt", lambda out, a: (1 / out,), "a factor 2 too many"),
        ("tanh", lambda out, a: (out,), "the function's value in place of its derivative"),
        ("mul", lambda out, a, b: (a, b), "a and b swapped"),
        ("div", lambda out, a, b: (1 / b, -1 / b**2), "a left out"),
        ("div", lambda out, a, b: (1 / b, -a / b), "b not squared"),
        ("pow", lambda out, a, b: (b * out, out * math.log(a)), "the exponent not lowered"),
        ("pow", lambda out, a, b: (a ** (b - 1), out * math.log(a)), "the factor b left out"),
        ("sub", lambda out, a, b: (1, 1), "a sign lost"),
    ],
)
def test_each_slip_is_named(name: str, partials: Callable[..., Any], named: str) -> None:
    result = check_rule(name, partials)
    assert result.status == "wrong" and named in result.bug, str(result)


def test_a_wrong_rule_gets_the_point_and_both_numbers() -> None:
    text = str(check_rule("tanh", lambda out, a: (1 - a * a,)))
    # at a = 0.7: yours 1 − 0.49 = 0.51, the table 1 − tanh²(0.7) = 0.63474 (by hand, and central differences)
    assert "a = 0.7" in text and "0.51" in text and f"{1 - math.tanh(0.7) ** 2:.6g}" in text


def test_a_near_miss_is_not_called_right() -> None:
    result = check_rule("tanh", lambda out, a: ((1 - out * out) * (1 + 1e-6),))
    assert result.status == "wrong"


def test_a_rule_wrong_only_for_negative_inputs_is_found() -> None:
    result = check_rule("relu", lambda out, a: (1.0,))
    assert result.status == "wrong" and "a = -0.5" in result.message


@pytest.mark.parametrize(
    ("partials", "said"),
    [
        (lambda out, a: 1 - out * out, "not a tuple"),
        (lambda out, a: (1 - out * out, 0.0), "2 partials for 1 input"),
        (lambda out, a: ("x",), "not a number"),
        (lambda out, a: (math.nan,), "not finite"),
        (lambda out, a: (1 / (out - out),), "ZeroDivisionError"),
        (lambda: (1,), "TypeError"),
    ],
)
def test_bad_learner_code_gets_a_verdict_never_a_traceback(partials: Callable[..., Any], said: str) -> None:
    result = check_rule("tanh", partials)
    assert result.status == "wrong" and said in result.message, str(result)


def test_a_rule_returning_none_is_not_written_yet() -> None:
    result = check_rule("tanh", lambda out, a: None)
    assert result.status == "not written" and not result.right


def test_an_unknown_operation_is_a_one_line_error_with_a_suggestion() -> None:
    with pytest.raises(ValueError, match="did you mean 'tanh'"):
        check_rule("tahn", lambda out, a: (1,))


@pytest.mark.parametrize(
    ("name", "partials"),
    [
        ("sub", lambda out, a, b: (1, -1)),
        ("pow", lambda out, a, b: (b * a ** (b - 1), a**b * math.log(a))),
        ("sum", lambda out, *terms: (1,) * len(terms)),
    ],
)
def test_the_other_rows_pass_with_a_correct_rule(name: str, partials: Callable[..., Any]) -> None:
    assert check_rule(name, partials).right
