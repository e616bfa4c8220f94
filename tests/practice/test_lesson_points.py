"""Every fixed exercise of the lessons is at a point where its mistakes can be told apart
(``distinct``), listed by its expression and point; where a lesson's old point fails, the new one is
given here and the old one is shown to fail (the notebooks are changed to the new points apart)."""

from __future__ import annotations

import math

import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value
from autograd_tiny.practice import clashes, distinct
from nn.views.exercise import NetworkExercise

ALL = ("values", "locals", "grads", "paths")
LOGIT_08 = math.log(0.8 / 0.2)

# (lesson, expression, point the lesson should use, what it asks, the old point if it changed)
EXPRESSIONS = [
    ("01 your turn", "(x1+x2)*(x2+1)", {"x1": 2, "x2": 4}, ALL, {"x1": 1, "x2": -2}),
    ("01 practice 1", "x1**2 + (x1 + x2)**2", {"x1": 2, "x2": 3}, ("values", "paths"), None),
    ("01 practice 2", "(x1 + x2)**2 * x2**2 + x2", {"x1": 2, "x2": 3}, ("grads", "paths"), None),
    (
        "02 neuron",
        "sigmoid(w1*x1 + w2*x2 + b)",
        {"w1": 2, "x1": 0.5, "w2": 0.5, "x2": 3, "b": 0.5},
        ("paths",),
        {"w1": 2, "x1": 1, "w2": -1, "x2": 3, "b": 1},
    ),
    (
        "02 tanh",
        "tanh(w1*x1 + w2*x2 + b)",
        {"w1": 2, "x1": 0.5, "w2": 0.5, "x2": 3, "b": -1},
        ("paths",),
        {"w1": 2, "x1": 1, "w2": -1, "x2": 3, "b": 1},
    ),
    (
        "03 last turn",
        "(w3*a + b3)**2/2 + (w4*a + b4)**2/2",
        {"w3": -1, "a": 2, "b3": -1, "w4": -3, "b4": 2},
        ("paths",),
        {"w3": 1, "a": 2, "b3": -1, "w4": 2, "b4": -3},
    ),
    ("05 output unit", "-log(sigmoid(z))", {"z": LOGIT_08}, ALL, None),
    (
        "07 chain",
        "tanh(w3*tanh(w2*tanh(w1*x)))",
        {"w1": 0.5, "w2": 0.5, "w3": 0.5, "x": -2},
        ALL,
        {"w1": 0.5, "w2": 0.5, "w3": 0.5, "x": 0},
    ),
    ("08 three", "x1*x2*x3", {"x1": 2, "x2": 3, "x3": 4}, ("grads", "paths"), {"x1": 1, "x2": 2, "x3": 3}),
    ("10 own", "x1*x2 + tanh(x1)", {"x1": 0.5, "x2": 5}, ("grads", "paths"), {"x1": 0, "x2": 5}),
]


@pytest.mark.parametrize(
    ("lesson", "text", "point", "ask", "old"), EXPRESSIONS, ids=[e[0] for e in EXPRESSIONS]
)
def test_each_lesson_expression_is_at_a_distinct_point(
    lesson: str, text: str, point: dict[str, float], ask: tuple[str, ...], old: dict[str, float] | None
) -> None:
    exercise = at.exercise(text, ask=ask, **point)
    assert distinct(exercise), clashes(exercise)[:3]
    if old is not None:  # the point the lesson used, and why it had to change
        assert not distinct(at.exercise(text, ask=ask, **old))


def lesson_03_network(x1: float = 1.0, x2: float = -2.0) -> Value:
    """Lesson 03's network, as its ``network()`` builds it, labelled with the tutorial's names."""
    p = {
        n: Value(v, label=n)
        for n, v in dict(w1=0.5, w2=-0.3, b=0.1, w3=0.8, w4=-1.2, b3=0.2, b4=-0.1).items()
    }
    x1v, x2v = Value(x1, label="x1"), Value(x2, label="x2")
    nodes = {"x1·w1": x1v * p["w1"], "x2·w2": x2v * p["w2"]}
    nodes["z"] = nodes["x1·w1"] + nodes["x2·w2"] + p["b"]
    nodes["a"] = nodes["z"].sigmoid()
    nodes["a·w3"], nodes["a·w4"] = nodes["a"] * p["w3"], nodes["a"] * p["w4"]
    nodes["z′"], nodes["z″"] = nodes["a·w3"] + p["b3"], nodes["a·w4"] + p["b4"]
    nodes["y1"], nodes["y2"] = nodes["z′"].sigmoid(), nodes["z″"].sigmoid()
    loss = 0.5 * ((nodes["y1"] - 1.0) ** 2 + (nodes["y2"] - 0.0) ** 2)
    loss.label = "l"
    for name, node in nodes.items():
        node.label = name
    return loss


def test_lesson_03_reversed_neuron_is_distinct() -> None:
    assert distinct(at.exercise(lesson_03_network()), ["∂l/∂z′", "∂l/∂z″", "∂l/∂a", "∂l/∂z"])


def test_lesson_09_second_derivative_needs_x_4() -> None:
    def exercise_at(x: float) -> at.Exercise:
        leaf = Value(x, label="x")
        (g,) = at.grad(leaf**3, [leaf], create_graph=True)
        g.label = "g"
        return at.exercise(g)

    assert distinct(exercise_at(4.0)) and not distinct(exercise_at(2.0))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def deltas(exercise: NetworkExercise) -> list[str]:
    return [key for key in exercise.keys if key.startswith("δ")]


def test_lesson_04_network_needs_seed_8() -> None:
    def turn(seed: int) -> NetworkExercise:
        start = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.normal(0.5), seed=seed)
        return NetworkExercise(start, [1.0, 0.0, -1.0], 0.0, loss="half_squared_error")

    assert distinct(turn(8), deltas(turn(8))) and not distinct(turn(7), deltas(turn(7)))


def test_lesson_05_networks_are_distinct_for_their_deltas() -> None:
    for (p1, p2, out), (w0, w1), y in (
        ((0.6, 0.7, 0.8), (0.8, 0.9), 1.0),
        ((0.5, 0.9, 0.3), (0.4, -0.6), 0.0),
    ):
        net = nn.MLP(2, [2, 1], "sigmoid", output_activation="sigmoid")
        net.load_state_dict(
            {
                "layers.0.neurons.0.w0": 0.0,
                "layers.0.neurons.0.w1": 0.0,
                "layers.0.neurons.0.b": logit(p1),
                "layers.0.neurons.1.w0": 0.0,
                "layers.0.neurons.1.w1": 0.0,
                "layers.0.neurons.1.b": logit(p2),
                "layers.1.neurons.0.w0": w0,
                "layers.1.neurons.0.w1": w1,
                "layers.1.neurons.0.b": logit(out) - w0 * p1 - w1 * p2,
            }
        )
        exercise = NetworkExercise(net, [1.0, 1.0], y, loss="binary_cross_entropy")
        assert distinct(exercise, deltas(exercise)), clashes(exercise, deltas(exercise))


def test_lesson_06_step_needs_x_2_3() -> None:
    def step(x: list[float]) -> NetworkExercise:
        neuron = nn.MLP(2, [1], output_activation="sigmoid", init=nn.init.constant(0.0))
        return NetworkExercise(neuron, x, 1.0, loss="binary_cross_entropy")

    weights = [key for key in step([2.0, 3.0]).keys if key.startswith("∂")]
    assert distinct(step([2.0, 3.0]), weights) and not distinct(step([1.0, 2.0]), weights)
