"""micrograd's demo loss (see ``workload.py``) on an ``nn.MLP``: shared by the graph and tape steps."""

from __future__ import annotations

from collections.abc import Callable

import autograd_tiny as at
from autograd_tiny import Value
from tests.benchmarks.workload import ALPHA, LEARNING_RATE, Biases, Weights


def tiny_loss(
    weights: Weights, biases: Biases, X: list[list[float]], y: list[float]
) -> tuple[Callable[[], Value], list[Value]]:
    """The step's loss as a function of the model's current parameters, and those parameters.

    Returns:
        ``total_loss()``, the mean margin loss relu(1 − yᵢ·scoreᵢ) plus 1e−4·Σp², built anew as a
        graph at each call; and the parameters in micrograd's order (each neuron's weights, then
        its bias).
    """
    import nn

    model = nn.MLP(len(X[0]), [len(b) for b in biases], activation="relu")
    for layer, layer_w, layer_b in zip(model.layers, weights, biases, strict=True):
        for neuron, w, b in zip(layer.neurons, layer_w, layer_b, strict=True):
            for parameter, value in zip(neuron.w, w, strict=True):
                parameter.data = value
            neuron.b.data = b
    parameters = [p for layer in model.layers for n in layer.neurons for p in [*n.w, n.b]]

    def total_loss() -> Value:
        scores = [model(row)[0] for row in X]
        losses = [(1 - yi * score).relu() for yi, score in zip(y, scores, strict=True)]
        data_loss = at.sum(losses) * (1 / len(y))
        return data_loss + ALPHA * at.sum([p * p for p in parameters])

    return total_loss, parameters


def sgd_step(parameters: list[Value], backward: Callable[[], object]) -> list[float]:
    """Zero the parameters' gradients, run ``backward``, step SGD; return the gradient it used."""
    for p in parameters:
        p.grad = 0.0
    backward()
    gradient = [p.grad for p in parameters]
    for p in parameters:
        p.data -= LEARNING_RATE * p.grad
    return gradient
