"""The network-level exercise against the gradient-checking tutorial's worked numbers and numpy's formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest

import nn
from nn.views.exercise import NetworkExercise


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def worked_exercise() -> NetworkExercise:
    """The tutorial's 2-2-1 exercise: a⁽²⁾ = [0.6, 0.7], a⁽³⁾ = 0.8, Θ⁽²⁾ = [bias, 0.8, 0.9], y = 1."""
    model = nn.MLP(2, [2, 1], "sigmoid", output_activation="sigmoid")
    hidden = {"w0": 0.0, "w1": 0.0}
    model.load_state_dict(
        {
            **{f"layers.0.neurons.0.{k}": v for k, v in hidden.items()},
            "layers.0.neurons.0.b": logit(0.6),
            **{f"layers.0.neurons.1.{k}": v for k, v in hidden.items()},
            "layers.0.neurons.1.b": logit(0.7),
            "layers.1.neurons.0.w0": 0.8,
            "layers.1.neurons.0.w1": 0.9,
            "layers.1.neurons.0.b": logit(0.8) - 0.8 * 0.6 - 0.9 * 0.7,
        }
    )
    return NetworkExercise(model, [1.0, 1.0], 1.0, loss="binary_cross_entropy")


def test_the_worked_exercise_is_graded_right() -> None:
    report = worked_exercise().check(deltas=[[-0.0384, -0.0378], [-0.2]])
    assert report.all_right and [v.key for v in report.verdicts] == ["δ⁽²⁾₁", "δ⁽²⁾₂", "δ⁽³⁾₁"]


def test_forgetting_f_prime_and_a_sign_are_named_with_the_formula() -> None:
    forgot, sign, unfilled = worked_exercise().check(deltas=[[-0.16, 0.0378], ...]).verdicts
    assert forgot.message.startswith("f′(z) left out")
    assert "δ⁽²⁾₁ = (W⁽²⁾ᵀδ⁽³⁾)₁·f′(z⁽²⁾₁) = (0.8·(-0.2))·0.24 = ?" in forgot.message
    assert "A whole-sign error" in sign.message and unfilled.status == "unfilled"
    (value,) = worked_exercise().check(deltas=[[-0.16 * 0.6, ...], ...]).verdicts[:1]
    assert value.message.startswith("f(z) in place of f′(z)")


def test_weight_gradients_are_delta_times_the_input() -> None:
    exercise = worked_exercise()
    report = exercise.check(weights=[[[-0.0384, -0.0384], [-0.0378, -0.0378]], [[-0.2 * 0.6, -0.2 * 0.7]]])
    assert report.all_right
    wrong = exercise.check(weights=[..., [[-0.2, ...]]]).verdicts
    assert "the upstream gradient without the local derivative" in wrong[4].message.lower()
    assert "δ⁽³⁾₁·a⁽²⁾₁ = -0.2·0.6 = ?" in wrong[4].message


def test_a_three_layer_network_against_numpy_formulas() -> None:
    model = nn.MLP(3, [3, 2, 1], "tanh", output_activation="sigmoid", seed=4)
    x, y = [0.5, -1.0, 2.0], 0.0
    exercise = NetworkExercise(model, x, y, loss="half_squared_error")
    layers = [(np.array(m.W), np.array(m.b)) for m in model.to_matrices()]
    activations, zs = [np.array(x)], []
    for k, (W, b) in enumerate(layers):
        zs.append(W @ activations[-1] + b)
        activations.append(np.tanh(zs[-1]) if k < len(layers) - 1 else 1 / (1 + np.exp(-zs[-1])))
    out = activations[-1]
    deltas = [-(y - out) * out * (1 - out)]  # δ⁽ⁿˡ⁾ = −(y − a) ⊙ f′(z), the derivation's output residual
    for k in range(len(layers) - 2, -1, -1):
        deltas.insert(0, (layers[k + 1][0].T @ deltas[0]) * (1 - activations[k + 1] ** 2))
    report = exercise.check(deltas=[d.tolist() for d in deltas])
    assert report.all_right, str(report)
    np.testing.assert_allclose(
        np.concatenate(deltas), [d for layer in exercise.delta for d in layer], rtol=1e-12
    )
    dW = [np.outer(d, a) for d, a in zip(deltas, activations[:-1], strict=True)]
    assert exercise.check(weights=[w.tolist() for w in dW]).all_right


def test_shapes_and_non_numbers() -> None:
    exercise = worked_exercise()
    with pytest.raises(ValueError, match="needs a list of 2 layers"):
        exercise.check(deltas=[[-0.0384, -0.0378]])
    with pytest.raises(ValueError, match=r"δ⁽²⁾ needs 2 numbers"):
        exercise.check(deltas=[[-0.0384], [-0.2]])
    with pytest.raises(ValueError, match="give deltas"):
        exercise.check()
    (verdict,) = exercise.check(deltas=[..., ["-0.2x"]]).verdicts[2:]
    assert verdict.status == "not a number"
    assert exercise.check(deltas=[..., ["-0.2"]]).verdicts[2].right  # text is read as a number
    assert "δ⁽³⁾₁ = ∂J/∂a⁽³⁾₁·f′(z⁽³⁾₁)" in exercise.solution()
