"""Tapes of nn networks: every activation and loss replayed on a batch, against the Value graph and torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_tiny as at
import nn
from autograd_tiny import Value

X = [[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8], [2.0, -1.2], [0.1, 0.05]]
LOSSES: dict[str, tuple[str | None, int, Callable[[list[Value]], Value]]] = {
    # name: (output activation, outputs, loss of one example with a fixed target)
    "cross_entropy": (None, 3, lambda out: nn.cross_entropy(out, 2)),
    "binary_cross_entropy": ("sigmoid", 2, lambda out: nn.binary_cross_entropy(out, [0.0, 1.0])),
    "half_squared_error": ("tanh", 2, lambda out: nn.half_squared_error(out, [0.3, -0.2])),
    "hinge": (None, 1, lambda out: nn.hinge_loss(out, -1)),
}


def _model(activation: str, loss: str) -> nn.MLP:
    output_activation, n_out, _ = LOSSES[loss]
    return nn.MLP(
        2, [4, 3, n_out], activation, output_activation=output_activation, init=nn.init.normal(0.8), seed=2
    )


def _graph(
    model: nn.MLP, loss: Callable[[list[Value]], Value], examples: list[list[float]]
) -> tuple[list[float], Any]:
    """Each example's loss, and Σ ∂loss/∂θ, from one Value graph per example."""
    at.zero_grad(model.parameters())
    losses = []
    for x in examples:
        example_loss = loss(model(x))
        example_loss.backward()
        losses.append(example_loss.data)
    return losses, np.array([p.grad for p in model.parameters()])


@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
def test_a_batch_replay_of_an_mlp_and_its_loss_matches_the_value_graph(activation: str, loss: str) -> None:
    """With the layers replayed as matrices (three found) and one operation at a time alike."""
    model = _model(activation, loss)
    example_loss = LOSSES[loss][2]
    expected_losses, expected_gradient = _graph(model, example_loss, X[1:])
    for matrices in (True, False):
        tape = at.record(lambda a, b: example_loss(model([a, b])), X[0], matrices=matrices)
        assert len(tape.matrices) == (3 if matrices else 0)
        at.zero_grad(model.parameters())
        losses = tape.forward(list(np.array(X[1:]).T))
        tape.backward()
        np.testing.assert_allclose(losses, expected_losses, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(
            [p.grad for p in model.parameters()], expected_gradient, rtol=1e-12, atol=1e-14
        )


def test_a_replay_after_the_parameters_moved_matches_the_value_graph() -> None:
    model = _model("tanh", "cross_entropy")
    example_loss = LOSSES["cross_entropy"][2]
    tape = at.record(lambda a, b: example_loss(model([a, b])), X[0])
    for p in model.parameters():
        p.data *= -1.5
    expected_losses, expected_gradient = _graph(model, example_loss, X)
    at.zero_grad(model.parameters())
    losses = tape.forward(list(np.array(X).T))
    tape.backward()
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-12)
    np.testing.assert_allclose(
        [p.grad for p in model.parameters()], expected_gradient, rtol=1e-12, atol=1e-14
    )


def test_the_tape_of_seed_003s_network_matches_pytorch() -> None:
    """An oracle outside the engine: the mean cross-entropy of a tanh network in float64 PyTorch."""
    torch = pytest.importorskip("torch")
    model = nn.MLP(2, [4, 3], "tanh", init=nn.init.normal(0.8), seed=4)
    labels = [0, 2, 1, 1, 0]
    (W1, b1), (W2, b2) = (
        [torch.tensor(part, dtype=torch.float64, requires_grad=True) for part in layer]
        for layer in model.to_matrices()
    )
    logits = torch.tanh(torch.tensor(X, dtype=torch.float64) @ W1.T + b1) @ W2.T + b2
    mean_loss = torch.nn.functional.cross_entropy(logits, torch.tensor(labels))
    mean_loss.backward()
    tape = at.record(lambda a, b: model([a, b]), X[0])
    outputs = np.array(tape.forward(list(np.array(X).T)))
    probabilities = np.exp(outputs) / np.exp(outputs).sum(axis=0)
    seeds = (probabilities - np.eye(3)[:, labels]) / len(X)  # seed 003: δ⁽ᴸ⁾ = ŷ − y
    at.zero_grad(model.parameters())
    tape.backward(list(seeds))
    gradients = [np.array([[w.grad for w in n.w] for n in layer.neurons]) for layer in model.layers]
    for gradient, W in zip(gradients, (W1, W2), strict=True):
        np.testing.assert_allclose(gradient, W.grad.numpy(), rtol=1e-12, atol=1e-15)
