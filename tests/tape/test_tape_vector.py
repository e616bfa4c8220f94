"""The parts of ``fit(engine="tape")``'s vector path: a tape replayed with a parameter vector, the named
losses on a batch (against the Value graph of ``nn.losses``), and SGD and Adam on a vector (against
nn.optim)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value
from nn.training.objectives import resolve
from nn.training.vector.batch_losses import BatchLoss
from nn.training.vector.tape_epoch import VectorTraining
from nn.training.vector.vector_optim import vector_optimizer

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


def test_a_training_loop_may_skip_the_inputs_gradients() -> None:
    _, tape = _recorded()
    theta = RNG.normal(size=len(tape.parameters))
    inputs = RNG.normal(size=(3, 6))
    tape.forward(inputs, parameters=theta)
    wanted = tape.backward(np.ones((2, 6)), add_to_grad=False)
    gradient = tape.parameter_gradients
    assert "x̄1 =" in str(tape)
    assert tape.backward(np.ones((2, 6)), add_to_grad=False, input_gradients=False) == ()
    np.testing.assert_array_equal(tape.parameter_gradients, gradient)
    assert len(wanted) == 3 and all(np.isfinite(row).all() for row in wanted)
    shown = str(tape)
    assert "x̄1 =" not in shown and "v̄1 =" in shown  # the inputs' adjoints were not computed: left blank


def test_a_replay_keeps_its_own_copy_of_the_parameter_vector() -> None:
    _, tape = _recorded()
    theta = RNG.normal(size=len(tape.parameters))
    inputs = RNG.normal(size=(3, 4))
    tape.forward(inputs, parameters=theta)
    tape.backward(np.ones((2, 4)), add_to_grad=False)
    expected = tape.parameter_gradients
    tape.forward(inputs, parameters=theta)
    theta += 1.0  # the caller's step between forward and backward changes nothing of the replay
    tape.backward(np.ones((2, 4)), add_to_grad=False)
    np.testing.assert_array_equal(tape.parameter_gradients, expected)


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


def _on_the_graph(name: str, outputs: np.ndarray, targets: list[object]) -> tuple[list[float], np.ndarray]:
    """The oracle: ``nn.losses`` on Values, one example at a time, and ∂J/∂outputs by backward."""
    losses, gradients = [], []
    for column, target in enumerate(targets):
        leaves = [Value(float(x)) for x in outputs[:, column]]
        loss = resolve(name)(leaves, target)
        loss.backward()
        losses.append(loss.data)
        gradients.append([v.grad for v in leaves])
    return losses, np.array(gradients).T


CASES = {
    "cross_entropy": (RNG.normal(size=(3, 6)) * 4, [0, 2, 1, 2, 0, 1]),
    "binary_cross_entropy": (RNG.uniform(0.01, 0.99, size=(3, 6)), [2, 0, 1, 1, 0, 2]),
    "half_squared_error": (RNG.normal(size=(3, 6)), [1, 0, 2, 2, 1, 0]),
    "hinge": (np.array([[0.3, -2.0, 1.5, -0.4, 1.0, -1.0]]), [1, 1, 1, -1, 1, 1]),  # the kink at 1·1 = 1
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_named_loss_on_a_batch_is_the_value_graphs(name: str) -> None:
    outputs, targets = CASES[name]
    losses, gradient = BatchLoss(name, len(outputs), targets)(outputs, list(range(len(targets))))
    expected_losses, expected_gradient = _on_the_graph(name, outputs, targets)
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-13)
    np.testing.assert_allclose(gradient, expected_gradient, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_named_loss_gradient_on_a_batch_matches_central_differences(name: str) -> None:
    """The closed-form ∂J/∂output against (J(z + h) − J(z − h)) / 2h of the batch loss's own J."""
    outputs, targets = CASES[name]
    batch = list(range(len(targets)))
    loss = BatchLoss(name, len(outputs), targets)
    _, gradient = loss(outputs, batch)
    h = 1e-6
    numeric = np.empty_like(outputs)
    for k in range(len(outputs)):
        step = np.zeros_like(outputs)
        step[k] = h
        numeric[k] = (loss(outputs + step, batch)[0] - loss(outputs - step, batch)[0]) / (2 * h)
    smooth = [c for c in batch if name != "hinge" or abs(1 - targets[c] * outputs[0, c]) > 1e-3]
    assert len(smooth) >= len(batch) - 1  # the hinge case's one kink, where no derivative exists
    np.testing.assert_allclose(gradient[:, smooth], numeric[:, smooth], rtol=1e-6, atol=1e-7)


def test_a_batch_is_any_subset_of_the_targets() -> None:
    outputs, targets = CASES["cross_entropy"]
    batch = [4, 1]
    losses, gradient = BatchLoss("cross_entropy", 3, targets)(outputs[:, batch], batch)
    expected_losses, expected_gradient = _on_the_graph(
        "cross_entropy", outputs[:, batch], [targets[i] for i in batch]
    )
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-13)
    np.testing.assert_allclose(gradient, expected_gradient, rtol=1e-12, atol=1e-15)


def test_cross_entropy_on_a_batch_does_not_overflow_at_large_logits() -> None:
    z = np.array([[1000.0, -3.0], [999.0, 4.0], [0.0, 700.0]])
    losses, gradient = BatchLoss("cross_entropy", 3, [0, 2])(z, [0, 1])
    expected_losses, expected_gradient = _on_the_graph("cross_entropy", z, [0, 2])
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-13)
    np.testing.assert_allclose(gradient, expected_gradient, rtol=1e-12, atol=1e-15)
    assert 0 < losses[0] < 1.32  # log(1 + e⁻¹) ≈ 0.313 for label 0; no inf, no nan


def test_a_loss_too_large_for_a_float_names_the_example() -> None:
    h = np.array([[1.0, 1e200]])
    with pytest.raises(OverflowError, match=r"the loss of example 7 or its gradient is too large"):
        BatchLoss("half_squared_error", 1, [0.0] * 8)(h, [3, 7])


def test_a_saturated_sigmoid_is_refused_on_a_batch_as_by_the_loss() -> None:
    h = np.array([[0.5, 0.2], [0.5, 1.0]])
    with pytest.raises(ValueError) as expected:
        nn.binary_cross_entropy([Value(0.2), Value(1.0)], [1.0, 0.0])
    with pytest.raises(ValueError) as found:
        BatchLoss("binary_cross_entropy", 2, [0, 0])(h, [0, 1])
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
@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5], [3, 0, 5, 1, 4, 2]])
def test_sgd_and_adam_on_a_vector_are_nn_optims_steps(make: object, order: list[int]) -> None:
    start = RNG.normal(size=6)
    params = [Value(float(x)) for x in start]
    optimizer = make(params)  # type: ignore[operator]
    twin = make([Value(float(x)) for x in start])  # type: ignore[operator]
    for _ in range(2):  # state carried over from Value steps, read in θ's order
        for p in [*params, *twin.params]:
            p.grad = 0.5
        optimizer.step()
        twin.step()
    vector = vector_optimizer(twin, np.array(order))  # θ holds params[order[i]] at i
    theta = np.array([p.data for p in twin.params])[order]
    for _ in range(5):
        gradient = RNG.normal(size=6) * 3
        for p, g in zip(params, gradient, strict=True):
            p.grad = float(g)
        optimizer.step()
        theta = vector.step(theta, gradient[order])
        np.testing.assert_allclose(theta, np.array([p.data for p in params])[order], rtol=1e-12, atol=1e-15)
    vector.store()
    for name in ("velocity", "m", "v", "steps"):
        if hasattr(optimizer, name):
            np.testing.assert_allclose(getattr(twin, name), getattr(optimizer, name), rtol=1e-12, atol=1e-15)


def test_a_non_finite_gradient_is_refused_by_the_vector_step_as_by_nn_optim() -> None:
    vector = vector_optimizer(nn.Adam([Value(1.0, "w"), Value(2.0, "b")]), np.array([0, 1]))
    with pytest.raises(FloatingPointError, match=r"Adam.step: the gradient of params\[1\] \(b\) is nan"):
        vector.step(np.array([1.0, 2.0]), np.array([0.5, math.nan]))


def test_the_vector_step_names_the_parameter_nn_optim_would_name_in_any_order() -> None:
    params = [Value(1.0, "a"), Value(2.0, "b"), Value(3.0, "c")]
    with pytest.raises(FloatingPointError) as expected:
        for p, g in zip(params, [0.5, math.inf, math.nan], strict=True):
            p.grad = g
        nn.SGD(params, lr=0.1).step()
    vector = vector_optimizer(nn.SGD(params, lr=0.1), np.array([2, 0, 1]))  # θ = (c, a, b)
    with pytest.raises(FloatingPointError) as found:
        vector.step(np.array([3.0, 1.0, 2.0]), np.array([math.nan, 0.5, math.inf]))
    assert str(found.value) == str(expected.value)


class _Halving(nn.SGD):
    """An optimiser of the user's: the vector path cannot know its formulas."""


def test_the_vector_path_is_taken_only_where_it_gives_the_graph_engines_numbers() -> None:
    model = nn.MLP(2, [3, 1], seed=0)
    X, y = [[0.1, 0.2], [0.3, -0.1]], [1, -1]
    sgd = nn.SGD(model.parameters(), lr=0.1)
    ps = model.parameters()
    assert VectorTraining.make(model, X, y, "hinge", resolve("hinge"), sgd, 0.0, ps) is not None
    own_loss = lambda outputs, target: (outputs[0] - target) ** 2  # noqa: E731
    assert VectorTraining.make(model, X, y, own_loss, own_loss, sgd, 0.0, ps) is None
    subclass = _Halving(model.parameters(), lr=0.1)
    assert VectorTraining.make(model, X, y, "hinge", resolve("hinge"), subclass, 0.0, ps) is None
