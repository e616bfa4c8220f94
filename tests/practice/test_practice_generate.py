"""Generated exercises: the same seed gives the same sheet, and every answer is defined, small and
right, checked against Python's own arithmetic and central differences (not the engine)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_tiny.core.rules import RULES
from autograd_tiny.practice import LEVELS, Exercise, generate
from autograd_tiny.see.paths import paths

_MATH = {
    "exp": math.exp,
    "log": math.log,
    "tanh": math.tanh,
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)),
}


def text_and_point(exercise: Exercise) -> tuple[str, dict[str, float]]:
    """The expression and the point, read back from the title ``y = TEXT at x1 = 2, x2 = 3``."""
    text, _, point = exercise.title.partition(" = ")[2].partition(" at ")
    values = {name: float(number) for name, number in (item.split(" = ") for item in point.split(", "))}
    return text, values


def python_value(text: str, values: dict[str, float]) -> float:
    """The expression worked out by Python itself (our own generated text, never user input)."""
    return float(eval(text, {"__builtins__": {}}, {**_MATH, **values}))


def central_difference(text: str, values: dict[str, float], name: str, h: float = 1e-6) -> float:
    up, down = dict(values), dict(values)
    up[name] += h
    down[name] -= h
    return (python_value(text, up) - python_value(text, down)) / (2 * h)


@settings(max_examples=60, deadline=None)
@given(level=st.sampled_from(LEVELS), seed=st.integers(0, 10**9))
def test_every_answer_is_finite_and_agrees_with_python_and_central_differences(level: int, seed: int) -> None:
    (exercise,) = generate(level, 1, seed)
    text, values = text_and_point(exercise)
    answers = {q.key: q for q in exercise.worked.questions.values()}
    assert all(math.isfinite(q.answer) for q in answers.values())
    root = exercise.worked.root_name
    assert answers[root].answer == pytest.approx(python_value(text, values), rel=1e-12, abs=1e-12)
    for name in values:
        question = answers[f"∂{root}/∂{name}"]
        assert question.answer != 0  # every input matters
        assert question.answer == pytest.approx(central_difference(text, values, name), rel=1e-6, abs=1e-6)
    for question in answers.values():
        if question.kind == "grad":  # against the sum over paths, a different algorithm
            found = paths(exercise.worked.root, question.node)
            assert question.answer == pytest.approx(math.fsum(p.product for p in found), rel=1e-12, abs=1e-12)
        if question.kind == "local":  # against a central difference of the rule's forward
            assert question.edge is not None
            node, position = question.edge.output, question.edge.position
            inputs = [input_.data for input_, _ in node.edges]
            up, down = list(inputs), list(inputs)
            up[position] += 1e-6
            down[position] -= 1e-6
            forward = RULES[node.op].forward
            numeric = (forward(*up) - forward(*down)) / 2e-6
            assert question.answer == pytest.approx(numeric, rel=1e-5, abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(level=st.sampled_from(LEVELS), seed=st.integers(0, 10**9))
def test_the_same_seed_gives_the_same_sheet(level: int, seed: int) -> None:
    first, again = generate(level, 4, seed), generate(level, 4, seed)
    assert [e.title for e in first] == [e.title for e in again]
    answers = [[[q.answer for q in e.questions] for e in sheet] for sheet in (first, again)]
    assert answers[0] == answers[1]


def test_different_seeds_give_different_sheets() -> None:
    sheets = {tuple(e.title for e in generate(2, 3, seed)) for seed in range(5)}
    assert len(sheets) > 1


@pytest.mark.parametrize("level", [1, 2])
def test_levels_one_and_two_keep_to_integers(level: int) -> None:
    for exercise in generate(level, 12, seed=3):
        assert all(q.answer == int(q.answer) for q in exercise.questions), exercise.title


def test_level_one_is_sums_and_products_with_a_shared_input() -> None:
    for exercise in generate(1, 8, seed=11):
        ops = {node.op for node in exercise.worked.names if node.edges}
        assert ops <= {"add", "mul"}, exercise.title
        inputs = [node for node in exercise.worked.names if not node.edges and not node.constant]
        assert 2 <= len(inputs) <= 3
        shared = [x for x in inputs if sum(i is x for n in exercise.worked.names for i, _ in n.edges) > 1]
        assert len(shared) == 1, exercise.title


def test_level_two_has_powers_and_level_three_functions_at_small_points() -> None:
    assert all(any(n.op == "pow" for n in e.worked.names) for e in generate(2, 5, seed=1))
    seen = set()
    for exercise in generate(3, 12, seed=5):
        for node in exercise.worked.names:
            seen.add(node.op)
            if node.op in ("exp", "tanh", "sigmoid"):  # ±1 or ±2: never 0, where σ′ = ¼ hides mistakes
                assert node.edges[0][0].data in (-2, -1, 1, 2), exercise.title
            if node.op == "log":
                assert node.edges[0][0].data in (2, 3), exercise.title
    assert {"exp", "log", "tanh", "sigmoid"} <= seen
    neuron = next(e for e in generate(3, 12, seed=5) if "sigmoid(w1*x1" in e.title)
    assert {"∂y/∂w1", "∂y/∂b"} <= set(neuron.keys)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((4, 1, 0), "level must be 1, 2 or 3"),
        ((1, 0, 0), "count must be"),
        ((1, 1, "7"), "seed must be an int"),
    ],
)
def test_bad_arguments_are_named(arguments: tuple[object, object, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(*arguments)  # type: ignore[arg-type]
