"""The parts of ``fit(engine="tape")``'s vector path: a tape replayed with a parameter vector, the named
losses on a tape (against numpy's closed forms), and SGD and Adam on a vector (against nn.optim)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value
from nn.objectives import resolve
from nn.tape_epoch import VectorTraining
from nn.tape_losses import LossTape
from nn.vector_optim import vector_optimizer

RNG = np.random.default_rng(7)


def _recorded() -> tuple[nn.MLP, at.Tape]:
    model = nn.MLP(3, [4, 2], "tanh", init=nn.init.normal(0.8), seed=2)
    return model, at.record(lambda *x: model(list(x)), [0.1, 0.2, 0.3])


def test_a_replay_with_a_parameter_vector_reads_and_changes_no_parameter() -> None:
    model, tape = _recorded()
    before = [(p.data, p.grad) for p in tape.parameters]
    theta = RNG.normal(size=len(tape.parameters))
    inputs = RNG.normal(size=(3, 5))
    outputs = np.array(tape.forward(inputs, parameters=theta))
    tape.backward(np.ones((2, 5)), add_to_grad=False)
    gradient = tape.parameter_gradients
    assert [(p.data, p.grad) for p in tape.parameters] == before
    for p, x in zip(tape.parameters, theta, strict=True):  # the oracle: the Value graph at θ
        p.data = float(x)
    at.zero_grad(tape.parameters)
    for column in range(5):
        scores = model(list(inputs[:, column]))
        np.testing.assert_allclose([s.data for s in scores], outputs[:, column], rtol=1e-13)
        at.sum(scores).backward()
    np.testing.assert_allclose(gradient, [p.grad for p in tape.parameters], rtol=1e-12, atol=1e-15)


def test_a_replay_adds_to_grad_by_default_as_before() -> None:
    _, tape = _recorded()
    at.zero_grad(tape.parameters)
    tape.forward(RNG.normal(size=(3, 4)))
    tape.backward(np.ones((2, 4)))
    np.testing.assert_array_equal([p.grad for p in tape.parameters], tape.parameter_gradients)


@pytest.mark.parametrize(
    ("theta", "message"),
    [
        ([1.0, 2.0], r"parameters must be an array of 26 numbers \(one per parameter\), got \[1.0, 2.0\]"),
        ("abc", "parameters must be an array of 26 numbers"),
        (np.full(26, np.inf), r"parameters\[0\] \(parameter .+\) is inf; it must be a finite number"),
    ],
)
def test_a_bad_parameter_vector_is_named(theta: object, message: str) -> None:
    _, tape = _recorded()
    with pytest.raises(ValueError, match=message):
        tape.forward([0.1, 0.2, 0.3], parameters=theta)


def test_parameter_gradients_before_backward_is_refused() -> None:
    _, tape = _recorded()
    tape.forward([0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match=r"call backward\(\) first"):
        _ = tape.parameter_gradients


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def test_cross_entropy_on_a_tape_is_log_sum_exp_minus_the_labels_logit() -> None:
    labels = [0, 2, 1, 2]
    z = np.array([[1000.0, -3.0, 0.5, 2.0], [999.0, 4.0, 0.5, -1.0], [0.0, 1.0, 0.5, 700.0]])
    losses, gradient = LossTape("cross_entropy", 3, labels).replay(z, [0, 1, 2, 3])
    shift = z.max(axis=0)
    expected = np.log(np.exp(z - shift).sum(axis=0)) + shift - z[labels, range(4)]  # no overflow at 1000
    np.testing.assert_allclose(losses, expected, rtol=1e-13)
    np.testing.assert_allclose(gradient, _softmax(z) - np.eye(3)[:, labels], rtol=1e-12, atol=1e-15)


def test_the_other_named_losses_on_a_tape_match_their_closed_forms() -> None:
    h = RNG.uniform(0.05, 0.95, size=(3, 4))
    labels = [2, 0, 1, 1]
    t = np.eye(3)[:, labels]
    losses, gradient = LossTape("binary_cross_entropy", 3, labels).replay(h, [0, 1, 2, 3])
    np.testing.assert_allclose(losses, -(t * np.log(h) + (1 - t) * np.log(1 - h)).sum(axis=0), rtol=1e-13)
    np.testing.assert_allclose(gradient, (h - t) / (h * (1 - h)), rtol=1e-12)
    losses, gradient = LossTape("half_squared_error", 3, labels).replay(h, [0, 1, 2, 3])
    np.testing.assert_allclose(losses, 0.5 * ((h - t) ** 2).sum(axis=0), rtol=1e-13)
    np.testing.assert_allclose(gradient, h - t, rtol=1e-12)
    s = np.array([[0.3, -2.0, 1.5, -0.4]])
    y = [1, 1, 1, -1]
    losses, gradient = LossTape("hinge", 1, y).replay(s, [0, 1, 2, 3])
    np.testing.assert_allclose(losses, np.maximum(0, 1 - np.array(y) * s[0]), rtol=1e-13)
    np.testing.assert_allclose(gradient[0], np.where(1 - np.array(y) * s[0] > 0, -np.array(y), 0.0))


def test_a_saturated_sigmoid_is_refused_by_the_tape_as_by_the_loss() -> None:
    h = np.array([[0.5, 0.2], [0.5, 1.0]])
    with pytest.raises(ValueError) as expected:
        nn.binary_cross_entropy([Value(0.2), Value(1.0)], [1.0, 0.0])
    with pytest.raises(ValueError) as found:
        LossTape("binary_cross_entropy", 2, [0, 0]).replay(h, [0, 1])
    assert str(found.value) == str(expected.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda ps: nn.SGD(ps, lr=0.1),
        lambda ps: nn.SGD(ps, lr=0.07, momentum=0.9, weight_decay=0.01),
        lambda ps: nn.Adam(ps, lr=0.02),
        lambda ps: nn.Adam(ps, lr=0.3, betas=(0.5, 0.7), eps=1e-3),
    ],
)
def test_sgd_and_adam_on_a_vector_are_nn_optims_steps(make: object) -> None:
    start = RNG.normal(size=6)
    params = [Value(float(x)) for x in start]
    optimizer = make(params)  # type: ignore[operator]
    vector = vector_optimizer(make([Value(float(x)) for x in start]))  # type: ignore[operator]
    assert vector is not None
    theta = start.copy()
    for _ in range(5):
        gradient = RNG.normal(size=6) * 3
        for p, g in zip(params, gradient, strict=True):
            p.grad = float(g)
        optimizer.step()
        theta = vector.step(theta, gradient)
        np.testing.assert_allclose(theta, [p.data for p in params], rtol=1e-12, atol=1e-15)


def test_a_non_finite_gradient_is_refused_by_the_vector_step_as_by_nn_optim() -> None:
    vector = vector_optimizer(nn.Adam([Value(1.0, "w"), Value(2.0, "b")]))
    assert vector is not None
    with pytest.raises(FloatingPointError, match=r"Adam.step: the gradient of params\[1\] \(b\) is nan"):
        vector.step(np.array([1.0, 2.0]), np.array([0.5, math.nan]))


class _Halving(nn.SGD):
    """An optimiser of the user's: the vector path cannot know its formulas."""


def test_the_vector_path_is_taken_only_where_it_gives_the_graph_engines_numbers() -> None:
    model = nn.MLP(2, [3, 1], seed=0)
    X, y = [[0.1, 0.2], [0.3, -0.1]], [1, -1]
    sgd = nn.SGD(model.parameters(), lr=0.1)
    assert VectorTraining.make(model, X, y, "hinge", resolve("hinge"), sgd, 0.0) is not None
    own_loss = lambda outputs, target: (outputs[0] - target) ** 2  # noqa: E731
    assert VectorTraining.make(model, X, y, own_loss, own_loss, sgd, 0.0) is None
    subclass = _Halving(model.parameters(), lr=0.1)
    assert VectorTraining.make(model, X, y, "hinge", resolve("hinge"), subclass, 0.0) is None
