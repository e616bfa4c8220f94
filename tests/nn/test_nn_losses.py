"""Losses against closed forms, their bad inputs, and gradient checks with every activation and loss."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value


def values(*numbers: float) -> list[Value]:
    return [Value(x) for x in numbers]


def test_half_squared_error_is_half_the_squared_distance() -> None:
    assert nn.half_squared_error(values(0.2, 0.9), [0.0, 1.0]).data == pytest.approx(0.5 * (0.04 + 0.01))
    assert nn.half_squared_error(Value(3.0), 1).data == 2.0


def test_binary_cross_entropy_is_seed_002_log_loss() -> None:
    h, y = [0.8, 0.3], [1.0, 0.0]
    expected = -sum(t * math.log(p) + (1 - t) * math.log(1 - p) for p, t in zip(h, y, strict=True))
    assert nn.binary_cross_entropy(values(*h), y).data == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("probability", [0.0, 1.0, -0.2, 1.5])
def test_binary_cross_entropy_refuses_numbers_that_are_not_probabilities(probability: float) -> None:
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        nn.binary_cross_entropy(Value(probability), 1)


def test_binary_cross_entropy_refuses_targets_outside_0_1() -> None:
    with pytest.raises(ValueError, match=r"target 0 is 2.0, but it must be in \[0, 1\]"):
        nn.binary_cross_entropy(Value(0.5), 2)


def test_cross_entropy_is_minus_log_softmax() -> None:
    z = [0.5, 2.0, -1.0]
    expected = -math.log(math.exp(z[1]) / sum(map(math.exp, z)))
    assert nn.cross_entropy(values(*z), 1).data == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("label", [3, -1, 1.0, True, "1"])
def test_cross_entropy_refuses_labels_that_are_not_class_indices(label: object) -> None:
    with pytest.raises(ValueError, match=r"label must be a class index in 0..2"):
        nn.cross_entropy(values(1, 2, 3), label)  # type: ignore[arg-type]


def test_hinge_loss_is_the_margin_loss() -> None:
    assert nn.hinge_loss(Value(0.3), 1).data == pytest.approx(0.7)
    assert nn.hinge_loss([Value(0.3)], -1).data == pytest.approx(1.3)
    assert nn.hinge_loss(Value(2.0), 1).data == 0.0
    with pytest.raises(ValueError, match="label must be -1 or \\+1, got 0"):
        nn.hinge_loss(Value(0.3), 0)
    with pytest.raises(ValueError, match="2 outputs but 1 targets"):
        nn.hinge_loss(values(0.3, 0.4), 1)


def test_l2_penalty_sums_the_squared_weights_without_biases() -> None:
    model = nn.MLP(2, [3, 1], init=nn.init.normal(1.0), seed=2)
    squares = sum(w * w for W, _ in model.to_matrices() for row in W for w in row)
    assert nn.l2_penalty(model, 0.3).data == pytest.approx(0.15 * squares, rel=1e-14)
    with pytest.raises(ValueError, match="lam must be a finite number ≥ 0, got -1"):
        nn.l2_penalty(model, -1)


def test_mean() -> None:
    assert nn.mean(values(1, 2, 6)).data == pytest.approx(3.0)
    with pytest.raises(ValueError, match="mean of no values"):
        nn.mean([])


@pytest.mark.parametrize(
    ("loss", "target"), [(nn.half_squared_error, [1.0]), (nn.binary_cross_entropy, [1.0, 0.0])]
)
def test_targets_must_match_the_outputs(loss: Callable[..., Value], target: list[float]) -> None:
    with pytest.raises(ValueError, match="outputs but"):
        loss(values(0.5, 0.5, 0.5), target)
    with pytest.raises(ValueError, match="a target must be a finite number"):
        loss(values(0.5), [math.nan])


X = [[0.4, -0.8, 1.2], [-1.1, 0.3, 0.6], [0.9, 1.4, -0.2]]
LOSS_SETUPS: dict[str, tuple[int, str, list[object]]] = {
    # name: (outputs, output activation, targets)
    "half_squared_error": (2, "sigmoid", [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]]),
    "binary_cross_entropy": (2, "sigmoid", [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
    "cross_entropy": (3, "linear", [2, 0, 1]),
    "hinge": (1, "linear", [1, -1, 1]),
}


@pytest.mark.parametrize("activation", sorted(nn.ACTIVATIONS))
@pytest.mark.parametrize("loss", sorted(LOSS_SETUPS))
def test_gradient_check_passes_on_an_mlp(activation: str, loss: str) -> None:
    """Seed 002's criterion: relative difference to central differences below 1e−7."""
    n_out, output_activation, targets = LOSS_SETUPS[loss]
    model = nn.MLP(3, [4, 3, n_out], activation, output_activation, init=nn.init.normal(0.7), seed=9)
    loss_function = nn.LOSSES[loss]

    def J(parameters: list[Value]) -> Value:
        data = nn.mean([loss_function(model(x), t) for x, t in zip(X, targets, strict=True)])
        return data + nn.l2_penalty(model, 0.05)

    assert J(model.parameters()).data > 1e-3  # the loss is not flat zero
    assert at.check_gradients(J, model.parameters(), tol=1e-7) < 1e-7
