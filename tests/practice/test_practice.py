"""The checker: every diagnosis triggered by a known wrong answer, worked out by hand on small graphs."""

from __future__ import annotations

import math

import pytest

import autograd_tiny as at
from autograd_tiny import Value
from autograd_tiny.practice.report import UNFILLED

# y = (x1 + x2)(x2 + 1) at (2, 3), the composite-function tutorial's example: a = 5, b = 4, y = 20,
# ∂y/∂a = b = 4, ∂y/∂b = a = 5, ∂y/∂x1 = 4, ∂y/∂x2 = 4·1 + 5·1 = 9
TUTORIAL = ("(x1+x2)*(x2+1)", {"x1": 2.0, "x2": 3.0})
# y = (x1·x2)·x3 at (2, 3, 4): a = 6, ∂y/∂a = x3 = 4, ∂a/∂x1 = x2 = 3, ∂y/∂x1 = 4·3 = 12
PRODUCTS = ("(x1*x2)*x3", {"x1": 2.0, "x2": 3.0, "x3": 4.0})


def tutorial() -> at.Exercise:
    text, values = TUTORIAL
    return at.exercise(text, **values)


def products() -> at.Exercise:
    text, values = PRODUCTS
    return at.exercise(text, **values)


def verdict(exercise: at.Exercise, key: str, answer: object) -> at.Verdict:
    (found,) = exercise.check({key: answer}).verdicts
    return found


def test_the_tutorial_answers_are_the_hand_computed_numbers() -> None:
    expected = {"a": 5, "b": 4, "y": 20, "∂a/∂x1": 1, "∂a/∂x2": 1, "∂b/∂x2": 1}
    expected |= {"∂y/∂a": 4, "∂y/∂b": 5, "∂y/∂x1": 4, "∂y/∂x2": 9}
    exercise = tutorial()
    assert {q.key: q.answer for q in exercise.questions} == expected
    report = exercise.check(expected)
    assert report.all_right and report.score == (10, 10)


def test_exact_answers_are_right_in_any_spelling_and_the_d_spelling_is_read() -> None:
    exercise = tutorial()
    report = exercise.check({"dy/dx2": "9.0", "d y / d x1": "4", "a": "10/2", "b": " 4 "})
    assert [v.status for v in report.verdicts] == ["right"] * 4
    assert "A whole-sign error" in verdict(exercise, "∂y/∂x2", "−9").message  # the minus sign of print
    assert verdict(exercise, "dy/dx2", 9.02).status == "wrong"  # 9 is exact: 9.02 is not it


def test_a_missing_path_is_named() -> None:
    exercise = tutorial()
    only_a = verdict(exercise, "∂y/∂x2", 4)  # the path through b left out
    assert only_a.status == "wrong" and only_a.answer == 9
    assert "misses the path y → b → x2" in only_a.message and "5·1 = 5" in only_a.message
    assert "misses the path y → a → x2" in verdict(exercise, "∂y/∂x2", 5).message


def test_a_missing_path_to_an_interior_node_is_named() -> None:
    x = Value(2.0, "x")
    a = x + 1
    a.label = "a"
    y = a * a + a  # ∂y/∂a = 2a + 1 = 7: two paths through a·a (3 each) and the direct one (1)
    exercise = at.exercise(y)
    assert verdict(exercise, "∂y/∂a", 7).right
    message = verdict(exercise, "∂y/∂a", 6).message
    assert "misses the path y → a " in message


def test_a_missing_edge_of_a_square_is_named() -> None:
    x = Value(3.0, "x")
    exercise = at.exercise(x * x)  # ∂y/∂x = 3 + 3 along the two edges of x·x
    assert verdict(exercise, "∂y/∂x", 6).right
    assert "misses the path y → x (∂y/∂x[2] = 3)" in verdict(exercise, "∂y/∂x", 3).message


def test_the_exercise_reads_as_text_and_as_html() -> None:
    exercise = tutorial()
    text = str(exercise)
    assert (
        "a = x1 + x2" in text and "y = a × b" in text and "∂y/∂x2 = ...   (gradient, sum over paths)" in text
    )
    page = exercise._repr_html_()
    assert "<table>" in page and page.count("<tr>") == 1 + len(exercise.keys)
    assert "<svg" in page or "<pre>" in page  # the drawing, or the graph in words without a renderer


def test_a_product_where_a_sum_belongs() -> None:
    exercise = tutorial()
    both = verdict(exercise, "∂y/∂x2", 20).message  # 4 × 5, which is also y = a·b at every point
    assert both.startswith("Either paths multiplied instead of added") and "the output's value" in both
    assert verdict(exercise, "a", 6).message.startswith("The product rule used on a sum")  # 2 × 3
    assert verdict(exercise, "∂a/∂x1", 3).message.startswith("The product rule used on a sum")  # x2 for 1


def test_a_sum_where_a_product_belongs() -> None:
    exercise = tutorial()
    assert "The sum rule used on a product" in verdict(exercise, "∂y/∂x1", 5).message  # 4 + 1 along y→a→x1
    exercise = products()
    assert "The sum rule used on a product" in verdict(exercise, "a", 5).message  # 2 + 3 for x1·x2
    assert "The sum rule used on a product" in verdict(exercise, "∂a/∂x1", 1).message


def test_a_sign_error() -> None:
    assert "A whole-sign error" in verdict(tutorial(), "∂y/∂x2", -9).message
    assert "A whole-sign error" in verdict(tutorial(), "a", -5).message


def test_the_upstream_gradient_without_the_local_derivative_and_the_reverse() -> None:
    exercise = products()
    assert verdict(exercise, "∂y/∂x1", 12).right
    upstream = verdict(exercise, "∂y/∂x1", 4).message  # ∂y/∂a = 4, not × ∂a/∂x1 = 3
    assert "the upstream gradient without the local derivative" in upstream.lower() and "∂a/∂x1" in upstream
    local = verdict(exercise, "∂y/∂x1", 3).message  # ∂a/∂x1 = 3 alone (or x3 = 3, the inputs' swap)
    assert "the local derivative without the upstream gradient" in local.lower()


def test_a_value_in_place_of_a_derivative() -> None:
    assert "The node's value in place of a derivative: a = 6" in verdict(products(), "∂y/∂a", 6).message
    exercise = at.exercise("tanh(x)*2", x=0.5)
    message = verdict(exercise, "∂a/∂x", round(math.tanh(0.5), 4)).message  # tanh for 1 − tanh²
    assert "The node's value in place of a derivative" in message
    assert verdict(exercise, "∂a/∂x", round(1 - math.tanh(0.5) ** 2, 3)).right


def test_a_constants_gradient_is_not_asked_for() -> None:
    found = verdict(tutorial(), "∂y/∂1", 5)
    assert found.status == "not asked" and found.answer is None and "1 is a constant" in found.message
    assert tutorial().check({"∂y/∂1": 5}).score == (0, 0)


def test_otherwise_the_rule_is_written_out_with_the_numbers() -> None:
    exercise = tutorial()
    found = verdict(exercise, "dy/dx2", 8)
    rule = "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1"
    assert found.message == f"The rule with the numbers: {rule} = ? Try again."
    assert verdict(exercise, "dy/dx2", 7).message == f"The worked step: {rule} = 9"
    assert "a = x1 + x2 = 2 + 3 = ?" in verdict(tutorial(), "a", 7).message
    assert "∂y/∂a = ?, since y = a × b, and ∂/∂a = b" in verdict(tutorial(), "∂y/∂a", 7).message
    power = at.exercise("x**y", x=2.0, y=3.0)  # the rule's partials in the node's own names
    assert "and ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x" in verdict(power, "∂f/∂x", 7).message  # y is taken


def test_unfilled_answers_say_fill_in_your_answer() -> None:
    exercise = tutorial()
    report = exercise.check(exercise.blank())
    assert all(v.status == "unfilled" for v in report.verdicts)
    assert f"∂y/∂x2: {UNFILLED}" in str(report) and "fill in your answers" in report.summary()
    assert not report.all_right and UNFILLED in report._repr_html_()
    assert str(exercise.check(...)) == str(report)  # ... for the whole dict too


@pytest.mark.parametrize("answer", ["five", None, True, [4], "4/0", float("nan"), "inf"])
def test_answers_that_are_not_numbers_get_a_message_not_an_exception(answer: object) -> None:
    found = verdict(tutorial(), "∂y/∂x1", answer)
    assert found.status == "not a number" and "number" in found.message


def test_bad_keys_are_verdicts_and_bad_answers_objects_clear_errors() -> None:
    unknown = verdict(tutorial(), "dy/dz", 1)
    assert unknown.status == "unknown key" and "'dy/dz' is not a question of this graph" in unknown.message
    first, twice = tutorial().check({"∂y/∂x2": 9, "dy/dx2": 9}).verdicts
    assert first.right and twice.status == "not asked" and "answered twice" in twice.message
    with pytest.raises(TypeError, match="answers must be a dict"):
        tutorial().check([("a", 5)])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ask must be some of"):
        at.exercise("x*2", x=1.0, ask=("everything",))
    with pytest.raises(ValueError, match="no operation to work out"):
        at.exercise(Value(1.0))
    with pytest.raises(TypeError, match="only for an expression given as text"):
        at.exercise(Value(1.0), x=2.0)


def test_checking_and_drawing_leave_every_grad_as_it_was() -> None:
    x1, x2 = Value(2.0, "x1"), Value(3.0, "x2")
    y = (x1 + x2) * (x2 + 1)
    x1.grad, x2.grad = 7.0, -1.0  # accumulated from earlier passes
    exercise = at.exercise(y)
    exercise.check({"dy/dx1": 3, "dy/dx2": 9})
    exercise.drawing(filled=True).source  # noqa: B018
    str(exercise.solution())
    assert (x1.grad, x2.grad, y.grad) == (7.0, -1.0, 0.0)


def test_the_drawing_leaves_what_is_asked_blank_and_the_solution_fills_it() -> None:
    exercise = at.exercise(*TUTORIAL[:1], ask=("paths",), **TUTORIAL[1])
    assert exercise.keys == ["∂y/∂x1", "∂y/∂x2"]
    blank, filled = exercise.drawing().source, exercise.drawing(filled=True).source
    assert "grad ?" in blank and "grad 9" not in blank and "= 5<br/>" in blank  # values stay
    assert "grad 9" in filled and "?" not in filled
    solution = str(exercise.solution())
    assert "∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2 = 4·1 + 5·1 = 9" in solution


def test_an_edge_out_of_the_output_with_other_paths_is_asked_apart() -> None:
    exercise = at.exercise("x1*(x1+x2)", x1=1.0, x2=3.0)  # ∂y/∂x1 on the edge is a = 4; in all 4 + 1
    answers = {q.key: q.answer for q in exercise.questions}
    assert answers["∂y/∂x1 (edge)"] == 4 and answers["∂y/∂x1"] == 5
    assert verdict(exercise, "∂y/∂x1 (edge)", 4).right
    assert "misses the path y → a → x1" in verdict(exercise, "∂y/∂x1", 4).message
