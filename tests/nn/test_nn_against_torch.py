"""MLP gradients against PyTorch in float64, for every activation and every loss."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import nn
from nn.model.activations import LEAKY_SLOPE

torch = pytest.importorskip("torch")

TORCH_ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, negative_slope=LEAKY_SLOPE),
    "linear": lambda z: z,
}

X = [[0.4, -0.8, 1.2], [-1.1, 0.3, 0.6], [0.9, 1.4, -0.2], [0.1, -0.5, -1.3]]
SETUPS: dict[str, tuple[int, str, list[Any]]] = {
    "half_squared_error": (2, "tanh", [[0.5, -0.5], [1.0, 0.0], [-1.0, 0.25], [0.0, 0.0]]),
    "binary_cross_entropy": (2, "sigmoid", [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.2, 0.7]]),
    "cross_entropy": (3, "linear", [2, 0, 1, 1]),
    "hinge": (1, "linear", [1, -1, 1, -1]),
}


def torch_loss(name: str, outputs: Any, targets: list[Any]) -> Any:
    if name == "half_squared_error":
        return 0.5 * ((outputs - torch.tensor(targets, dtype=torch.float64)) ** 2).sum(dim=1).mean()
    if name == "binary_cross_entropy":
        y = torch.tensor(targets, dtype=torch.float64)
        return torch.nn.functional.binary_cross_entropy(outputs, y, reduction="sum") / len(targets)
    if name == "cross_entropy":
        return torch.nn.functional.cross_entropy(outputs, torch.tensor(targets))
    return torch.relu(1 - torch.tensor(targets, dtype=torch.float64) * outputs[:, 0]).mean()


@pytest.mark.parametrize("activation", sorted(TORCH_ACTIVATIONS))
@pytest.mark.parametrize("loss", sorted(SETUPS))
def test_mlp_gradients_match_torch_float64(activation: str, loss: str) -> None:
    n_out, output_activation, targets = SETUPS[loss]
    model = nn.MLP(3, [5, 4, n_out], activation, output_activation, init=nn.init.normal(0.8), seed=21)
    lam = 0.03

    tensors = [
        [torch.tensor(part, dtype=torch.float64, requires_grad=True) for part in layer]
        for layer in model.to_matrices()
    ]
    a = torch.tensor(X, dtype=torch.float64)
    for i, (W, b) in enumerate(tensors):
        f = TORCH_ACTIVATIONS[activation if i < len(tensors) - 1 else output_activation]
        a = f(a @ W.T + b)
    reference = torch_loss(loss, a, targets) + lam / 2 * sum((W**2).sum() for W, _ in tensors)
    reference.backward()

    J = nn.mean([nn.LOSSES[loss](model(x), t) for x, t in zip(X, targets, strict=True)]) + nn.l2_penalty(
        model, lam
    )
    J.backward()
    assert J.data == pytest.approx(reference.item(), rel=1e-13)
    for layer, (W, b) in zip(model.layers, tensors, strict=True):
        np.testing.assert_allclose(
            [[w.grad for w in n.w] for n in layer.neurons], W.grad.numpy(), rtol=1e-11, atol=1e-14
        )
        np.testing.assert_allclose([n.b.grad for n in layer.neurons], b.grad.numpy(), rtol=1e-11, atol=1e-14)
