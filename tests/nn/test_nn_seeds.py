"""The seeds' formulas, computed independently with numpy and closed forms, against nn and the engine."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value

Array = np.ndarray

# seed 000: f′ written from the activation's value, f(1 − f) for sigmoid and 1 − f² for tanh
DERIVATIVES: dict[str, Callable[[Array], Array]] = {
    "sigmoid": lambda a: a * (1 - a),
    "tanh": lambda a: 1 - a * a,
}
FUNCTIONS: dict[str, Callable[[Array], Array]] = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
}

BATCH_X = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-0.3, 0.8, 0.1], [2.0, -1.2, 0.4]]
BATCH_Y = [0.0, 1.0, 1.0, 0.0]
LAMBDA = 0.1


def seed_000_gradients(model: nn.MLP, f: str, lam: float) -> list[tuple[Array, Array]]:
    """Seed 000's backpropagation in matrices: δ⁽ⁿˡ⁾ = −(y − a)⊙f′(z), δ⁽ˡ⁾ = (Wᵀδ⁽ˡ⁺¹⁾)⊙f′(z),
    ∇W = (1/m)Σ δaᵀ + λW, ∇b = (1/m)Σ δ."""
    layers = [(np.array(W), np.array(b)) for W, b in model.to_matrices()]
    delta_W = [np.zeros_like(W) for W, _ in layers]
    delta_b = [np.zeros_like(b) for _, b in layers]
    for x, y in zip(BATCH_X, BATCH_Y, strict=True):
        activations = [np.array(x)]
        for W, b in layers:
            activations.append(FUNCTIONS[f](W @ activations[-1] + b))
        delta = -(np.array([y]) - activations[-1]) * DERIVATIVES[f](activations[-1])
        for layer in reversed(range(len(layers))):
            delta_W[layer] += np.outer(delta, activations[layer])
            delta_b[layer] += delta
            delta = (layers[layer][0].T @ delta) * DERIVATIVES[f](activations[layer])
    m = len(BATCH_X)
    return [(dW / m + lam * W, db / m) for (W, _), dW, db in zip(layers, delta_W, delta_b, strict=True)]


def engine_gradients(model: nn.MLP) -> list[tuple[Array, Array]]:
    return [
        (
            np.array([[w.grad for w in n.w] for n in layer.neurons]),
            np.array([n.b.grad for n in layer.neurons]),
        )
        for layer in model.layers
    ]


@pytest.mark.parametrize("f", ["sigmoid", "tanh"])
def test_seed_000_network_gradients_equal_the_matrix_formulas(f: str) -> None:
    model = nn.MLP(3, [3, 1], f, output_activation=f, init=nn.init.normal(0.5), seed=7)
    losses = [nn.half_squared_error(model(x), y) for x, y in zip(BATCH_X, BATCH_Y, strict=True)]
    J = nn.mean(losses) + nn.l2_penalty(model, LAMBDA)
    J.backward()
    for (dW, db), (gW, gb) in zip(engine_gradients(model), seed_000_gradients(model, f, LAMBDA), strict=True):
        np.testing.assert_allclose(dW, gW, rtol=0, atol=1e-12)
        np.testing.assert_allclose(db, gb, rtol=0, atol=1e-12)
    assert np.abs(gW).max() > 1e-3  # the comparison is not between zeros


def test_seed_000_batch_gradient_descent_step_in_fit() -> None:
    """One full-batch step of fit = seed 000's W := W − α[(1/m)ΔW + λW], b := b − α(1/m)Δb."""
    model = nn.MLP(3, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.normal(0.5), seed=3)
    alpha = 0.7
    expected = [
        (np.array(W) - alpha * gW, np.array(b) - alpha * gb)
        for (W, b), (gW, gb) in zip(
            model.to_matrices(), seed_000_gradients(model, "sigmoid", LAMBDA), strict=True
        )
    ]
    optimizer = nn.SGD(model.parameters(), lr=alpha)
    nn.fit(
        model,
        BATCH_X,
        BATCH_Y,
        loss="half_squared_error",
        optimizer=optimizer,
        epochs=1,
        l2=LAMBDA,
        progress=False,
    )
    for (W, b), (eW, eb) in zip(model.to_matrices(), expected, strict=True):
        np.testing.assert_allclose(W, eW, rtol=0, atol=1e-12)
        np.testing.assert_allclose(b, eb, rtol=0, atol=1e-12)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_seed_002_worked_exercise() -> None:
    """δ⁽³⁾ = 0.8 − 1 = −0.2 and δ⁽²⁾ = (Θ⁽²⁾)ᵀδ⁽³⁾ ⊙ a(1 − a) = [−0.0384, −0.0378].

    The exercise states a⁽²⁾ = [0.6, 0.7] and a⁽³⁾ = 0.8 with Θ⁽²⁾ = [0.5, 0.8, 0.9], but
    σ(0.5 + 0.8·0.6 + 0.9·0.7) is 0.83, not 0.8. δ⁽²⁾ does not depend on the bias weight, so the graph
    keeps the weights 0.8 and 0.9 and adds a constant to z⁽³⁾ that makes the output the stated 0.8.
    """
    z2 = [Value(logit(0.6), "z2_1"), Value(logit(0.7), "z2_2")]  # a⁽²⁾ = σ(z⁽²⁾) = [0.6, 0.7]
    a2 = [z.sigmoid() for z in z2]
    theta = [0.5, 0.8, 0.9]
    z3 = theta[0] + theta[1] * a2[0] + theta[2] * a2[1]
    z3 = z3 + (logit(0.8) - z3.data)
    a3 = z3.sigmoid()
    J = nn.binary_cross_entropy(a3, 1)
    assert a3.data == pytest.approx(0.8, abs=1e-15)
    dz3, dz2_1, dz2_2 = (g.data for g in at.grad(J, [z3, *z2]))
    assert dz3 == pytest.approx(-0.2, abs=1e-12)
    assert [dz2_1, dz2_2] == pytest.approx([-0.0384, -0.0378], abs=1e-12)


def test_seed_003_softmax_cross_entropy_gradient_is_prediction_minus_target() -> None:
    logits = [2.0, -1.0, 0.5, 3.0]
    label = 2
    z = [Value(v) for v in logits]
    gradient = [g.data for g in at.grad(nn.cross_entropy(z, label), z)]
    y_hat = np.exp(logits) / np.exp(logits).sum()
    np.testing.assert_allclose(gradient, y_hat - np.eye(4)[label], rtol=0, atol=1e-14)


@pytest.mark.parametrize(("z", "y"), [(0.3, 1.0), (-2.0, 0.0), (1.5, 0.25)])
def test_seed_002_log_loss_through_sigmoid_gradient_is_activation_minus_target(z: float, y: float) -> None:
    leaf = Value(z)
    (gradient,) = at.grad(nn.binary_cross_entropy(leaf.sigmoid(), y), [leaf])
    assert gradient.data == pytest.approx(1 / (1 + math.exp(-z)) - y, abs=1e-14)


def test_seed_002_log_loss_over_k_sigmoid_outputs_gives_a_minus_y_per_output() -> None:
    z = [Value(v) for v in [0.4, -1.2, 2.2]]
    y = [0.0, 1.0, 0.0]
    gradient = [g.data for g in at.grad(nn.binary_cross_entropy([v.sigmoid() for v in z], y), z)]
    a = 1 / (1 + np.exp(-np.array([0.4, -1.2, 2.2])))
    np.testing.assert_allclose(gradient, a - np.array(y), rtol=0, atol=1e-14)


def test_cross_entropy_is_stable_for_large_logits() -> None:
    z = [Value(1000.0), Value(0.0), Value(-1000.0)]
    assert nn.cross_entropy(z, 0).data == pytest.approx(0.0, abs=1e-300)
    assert nn.cross_entropy(z, 1).data == pytest.approx(1000.0, rel=1e-15)
    assert nn.cross_entropy(z, 2).data == pytest.approx(2000.0, rel=1e-15)
    gradient = [g.data for g in at.grad(nn.cross_entropy(z, 1), z)]
    assert gradient == pytest.approx([1.0, -1.0, 0.0], abs=1e-15)
    assert [p.data for p in nn.softmax(z)] == pytest.approx([1.0, 0.0, 0.0], abs=1e-300)
