"""Activations by name, softmax, and the initialisers' distributions and reproducibility."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable

import numpy as np
import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value

CLOSED_FORMS: dict[str, tuple[Callable[[float], float], Callable[[float], float]]] = {
    "sigmoid": (lambda z: 1 / (1 + math.exp(-z)), lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2),
    "tanh": (math.tanh, lambda z: 1 / math.cosh(z) ** 2),
    "relu": (lambda z: max(z, 0.0), lambda z: 1.0 if z > 0 else 0.0),
    "leaky_relu": (lambda z: z if z > 0 else 0.01 * z, lambda z: 1.0 if z > 0 else 0.01),
    "linear": (lambda z: z, lambda z: 1.0),
}


@pytest.mark.parametrize("name", sorted(CLOSED_FORMS))
@pytest.mark.parametrize("z", [-2.5, -0.3, 0.7, 3.0])
def test_activation_values_and_derivatives_match_closed_forms(name: str, z: float) -> None:
    f, derivative = CLOSED_FORMS[name]
    leaf = Value(z)
    out = nn.activation(name)(leaf)
    (gradient,) = at.grad(out, [leaf])
    assert out.data == pytest.approx(f(z), rel=1e-14)
    assert gradient.data == pytest.approx(derivative(z), rel=1e-12)


def test_every_named_activation_is_covered() -> None:
    assert set(nn.ACTIVATIONS) == set(CLOSED_FORMS)


def test_unknown_activation_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown activation 'gelu': choose one of sigmoid, tanh, relu"):
        nn.activation("gelu")


def test_softmax_equals_numpy_and_is_stable() -> None:
    logits = [1.0, -2.0, 0.5]
    expected = np.exp(logits) / np.exp(logits).sum()
    assert [p.data for p in nn.softmax([Value(v) for v in logits])] == pytest.approx(expected, rel=1e-14)
    shifted = [p.data for p in nn.softmax([Value(v + 800) for v in logits])]
    assert shifted == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="at least one"):
        nn.softmax([])


def draws(
    initializer: nn.init.Initializer, n_in: int = 50, n_out: int = 200
) -> tuple[list[float], list[float]]:
    layer = nn.Layer(n_in, n_out, init=initializer, seed=1)
    return [w.data for w in layer.weights()], [n.b.data for n in layer.neurons]


def test_normal_has_the_requested_spread() -> None:
    weights, biases = draws(nn.init.normal(0.01))
    assert statistics.fmean(weights) == pytest.approx(0.0, abs=3e-4)
    assert statistics.pstdev(weights) == pytest.approx(0.01, rel=0.03)
    assert statistics.pstdev(biases) == pytest.approx(0.01, rel=0.2)  # seed 000 draws b too


def test_uniform_stays_within_epsilon_and_fills_it() -> None:
    weights, biases = draws(nn.init.uniform(0.12))
    assert max(map(abs, weights + biases)) <= 0.12
    assert max(weights) > 0.119 and min(weights) < -0.119
    assert statistics.pstdev(weights) == pytest.approx(0.12 / math.sqrt(3), rel=0.03)


def test_xavier_and_he_scale_with_the_fans_and_start_biases_at_zero() -> None:
    weights, biases = draws(nn.init.xavier(), n_in=50, n_out=200)
    bound = math.sqrt(6 / 250)
    assert max(map(abs, weights)) <= bound and max(map(abs, weights)) > 0.99 * bound
    weights, _ = draws(nn.init.he(), n_in=50)
    assert statistics.pstdev(weights) == pytest.approx(math.sqrt(2 / 50), rel=0.03)
    assert biases == [0.0] * 200


def test_constant_keeps_hidden_units_identical_through_training() -> None:
    """Seed 002's symmetry problem: equal starting weights get equal gradients and stay equal."""
    model = nn.MLP(2, [3, 1], "sigmoid", output_activation="sigmoid", init=nn.init.constant(0.5))
    X, y = nn.datasets.make_xor(8, noise=0.1, seed=1)
    nn.fit(
        model,
        X,
        y,
        loss="binary_cross_entropy",
        optimizer=nn.SGD(model.parameters(), lr=1.0),
        epochs=5,
        progress=False,
    )
    W, b = model.to_matrices()[0]
    assert W[0] != [0.5, 0.5]  # it did train
    assert W[0] == W[1] == W[2] and b[0] == b[1] == b[2]


def test_random_init_breaks_the_symmetry() -> None:
    W, _ = nn.MLP(2, [3, 1], init=nn.init.uniform(0.12), seed=0).to_matrices()[0]
    assert len({tuple(row) for row in W}) == 3


@pytest.mark.parametrize(
    "make",
    [
        lambda: nn.init.normal(0),
        lambda: nn.init.normal(-1),
        lambda: nn.init.uniform(math.inf),
        lambda: nn.init.constant(math.nan),
        lambda: nn.init.constant("1"),  # type: ignore[arg-type]
    ],
)
def test_bad_initialiser_arguments_are_refused(make: object) -> None:
    with pytest.raises((ValueError, TypeError), match="must be a finite number"):  # TypeError: not a number
        make()  # type: ignore[operator]


def test_initialisers_use_only_the_given_generator() -> None:
    state = random.getstate()
    for initializer in [
        nn.init.normal(),
        nn.init.uniform(),
        nn.init.xavier(),
        nn.init.he(),
        nn.init.constant(1),
    ]:
        assert draws(initializer, 3, 2) == draws(initializer, 3, 2)
    assert random.getstate() == state
