"""One training step of micrograd's demo (see ``workload.py``) in five implementations.

Each ``setup_<name>(weights, biases, X, y)`` returns a ``step()`` that runs forward, backward and an
SGD update, and returns the loss and the gradient (flattened in micrograd's parameter order) that
it used, so that the implementations can be checked against each other before any is timed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tests.benchmarks.tape_step import setup_tape
from tests.benchmarks.tiny_model import sgd_step, tiny_loss
from tests.benchmarks.workload import ALPHA, LEARNING_RATE, Biases, Weights, flatten

Step = Callable[[], tuple[float, list[float]]]


def setup_autograd_tiny(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    total_loss, parameters = tiny_loss(weights, biases, X, y)

    def step() -> tuple[float, list[float]]:
        total = total_loss()
        return total.data, sgd_step(parameters, total.backward)

    return step


def setup_autograd_tiny_plus(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    """micrograd's own graph on autograd-tiny ``Value``s: every Σ a chain of ``+`` (65k nodes).

    ``nn.MLP`` writes a neuron's Σᵢ wᵢxᵢ + b as one node; this row shows what the engine does on
    exactly the graph micrograd and torch 0-d build, operation for operation.
    """
    from autograd_tiny import Value

    w = [[[Value(v) for v in row] for row in layer] for layer in weights]
    b = [[Value(v) for v in layer] for layer in biases]
    parameters = [
        p for lw, lb in zip(w, b, strict=True) for row, bias in zip(lw, lb, strict=True) for p in [*row, bias]
    ]
    inputs = [[Value(v) for v in row] for row in X]
    last = len(w) - 1

    def step() -> tuple[float, list[float]]:
        scores = []
        for row in inputs:
            a = row
            for layer, (lw, lb) in enumerate(zip(w, b, strict=True)):
                z = [  # micrograd's Neuron: sum(w·x, start=b)
                    sum((wi * ai for wi, ai in zip(wr, a, strict=True)), bias)
                    for wr, bias in zip(lw, lb, strict=True)
                ]
                a = z if layer == last else [zj.relu() for zj in z]
            scores.append(a[0])
        losses = [(1 + -yi * s).relu() for yi, s in zip(y, scores, strict=True)]
        data_loss = sum(losses[1:], losses[0]) * (1.0 / len(y))
        total = data_loss + ALPHA * sum((p * p for p in parameters[1:]), parameters[0] * parameters[0])
        return total.data, sgd_step(parameters, total.backward)

    return step


def setup_micrograd(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    from micrograd.engine import Value
    from micrograd.nn import MLP

    model = MLP(len(X[0]), [len(b) for b in biases])
    for layer, layer_w, layer_b in zip(model.layers, weights, biases, strict=True):
        for neuron, w, b in zip(layer.neurons, layer_w, layer_b, strict=True):
            for parameter, value in zip(neuron.w, w, strict=True):
                parameter.data = value
            neuron.b.data = b
    parameters = model.parameters()

    def step() -> tuple[float, list[float]]:  # micrograd's demo loss(), verbatim in spirit
        inputs = [list(map(Value, row)) for row in X]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * score).relu() for yi, score in zip(y, scores, strict=True)]
        data_loss = sum(losses) * (1.0 / len(losses))
        total = data_loss + ALPHA * sum(p * p for p in parameters)
        model.zero_grad()
        total.backward()
        gradient = [float(p.grad) for p in parameters]
        for p in parameters:
            p.data -= LEARNING_RATE * p.grad
        return float(total.data), gradient

    return step


def setup_torch_scalar(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    """micrograd's scalar graph with one 0-d float64 tensor per number."""
    return _torch_scalar(weights, biases, X, y, stacked=False)


def setup_torch_stacked(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    """``nn.MLP``'s graph on 0-d tensors: each Σ one ``torch.stack(terms).sum()`` rather than a chain of +."""
    return _torch_scalar(weights, biases, X, y, stacked=True)


def _torch_scalar(
    weights: Weights, biases: Biases, X: list[list[float]], y: list[float], stacked: bool
) -> Step:
    import torch

    def total(terms: list[Any], start: Any) -> Any:
        if stacked:
            return torch.stack([start, *terms]).sum()
        return sum(terms, start)

    def scalar(v: float, requires_grad: bool = False) -> Any:
        return torch.tensor(v, dtype=torch.float64, requires_grad=requires_grad)

    w = [[[scalar(v, True) for v in row] for row in layer] for layer in weights]
    b = [[scalar(v, True) for v in layer] for layer in biases]
    parameters = [
        p for lw, lb in zip(w, b, strict=True) for row, bias in zip(lw, lb, strict=True) for p in [*row, bias]
    ]
    inputs = [[scalar(v) for v in row] for row in X]
    last = len(w) - 1

    def step() -> tuple[float, list[float]]:
        scores = []
        for row in inputs:
            a = row
            for layer, (lw, lb) in enumerate(zip(w, b, strict=True)):
                z = [  # micrograd's Neuron: sum(w·x, start=b)
                    total([wi * ai for wi, ai in zip(wr, a, strict=True)], bias)
                    for wr, bias in zip(lw, lb, strict=True)
                ]
                a = z if layer == last else [torch.relu(zj) for zj in z]
            scores.append(a[0])
        losses = [torch.relu(1 - yi * s) for yi, s in zip(y, scores, strict=True)]
        data_loss = total(losses[1:], losses[0]) * (1.0 / len(y))
        squares = [p * p for p in parameters]
        loss = data_loss + ALPHA * total(squares[1:], squares[0])
        for p in parameters:
            p.grad = None
        loss.backward()
        gradient = [p.grad.item() for p in parameters]
        with torch.no_grad():
            for p in parameters:
                p -= LEARNING_RATE * p.grad
        return loss.item(), gradient

    return step


def setup_floats(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    """Hand-written backprop on Python floats, no graph: the floor for pure-Python scalar code.

    Seed 000's residuals: δ⁽ⁿˡ⁾ = ∂loss/∂score, δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀδ⁽ˡ⁺¹⁾)⊙f′(z⁽ˡ⁾), ∇W = δaᵀ, ∇b = δ.
    """
    w = copy.deepcopy(weights)
    b = copy.deepcopy(biases)
    last = len(w) - 1
    n = len(X)

    def step() -> tuple[float, list[float]]:
        grad_w = [[[0.0] * len(row) for row in layer] for layer in w]
        grad_b = [[0.0] * len(layer) for layer in b]
        data_loss = 0.0
        for row, target in zip(X, y, strict=True):
            activations = [row]
            pre = []
            a = row
            for layer, (lw, lb) in enumerate(zip(w, b, strict=True)):
                z = [
                    bias + sum(wi * ai for wi, ai in zip(wr, a, strict=True))
                    for wr, bias in zip(lw, lb, strict=True)
                ]
                pre.append(z)
                a = z if layer == last else [zj if zj > 0 else 0.0 for zj in z]
                activations.append(a)
            margin = 1 - target * a[0]
            if margin <= 0:
                continue
            data_loss += margin
            delta = [-target / n]
            for layer in range(last, -1, -1):
                if layer != last:
                    delta = [d if zj > 0 else 0.0 for d, zj in zip(delta, pre[layer], strict=True)]
                inputs = activations[layer]
                for j, d in enumerate(delta):
                    grad_b[layer][j] += d
                    gw = grad_w[layer][j]
                    for i, ai in enumerate(inputs):
                        gw[i] += d * ai
                if layer:
                    lw = w[layer]
                    delta = [sum(lw[j][i] * d for j, d in enumerate(delta)) for i in range(len(inputs))]
        parameters = flatten(w, b)
        total = data_loss / n + ALPHA * sum(p * p for p in parameters)
        gradient = [g + 2 * ALPHA * p for g, p in zip(flatten(grad_w, grad_b), parameters, strict=True)]
        for layer, (lw, lb) in enumerate(zip(w, b, strict=True)):
            for j, wr in enumerate(lw):
                for i in range(len(wr)):
                    wr[i] -= LEARNING_RATE * (grad_w[layer][j][i] + 2 * ALPHA * wr[i])
                lb[j] -= LEARNING_RATE * (grad_b[layer][j] + 2 * ALPHA * lb[j])
        return total, gradient

    return step


def setup_numpy(weights: Weights, biases: Biases, X: list[list[float]], y: list[float]) -> Step:
    """The same step as matrix algebra on the whole batch (seed 003's notation), in float64."""
    import numpy as np

    w = [np.array(layer, dtype=np.float64) for layer in weights]
    b = [np.array(layer, dtype=np.float64) for layer in biases]
    inputs = np.array(X, dtype=np.float64)
    targets = np.array(y, dtype=np.float64)
    last = len(w) - 1

    def step() -> tuple[float, list[float]]:
        activations = [inputs]
        pre = []
        a = inputs
        for layer, (lw, lb) in enumerate(zip(w, b, strict=True)):
            z = a @ lw.T + lb
            pre.append(z)
            a = z if layer == last else np.maximum(z, 0.0)
            activations.append(a)
        margin = 1 - targets * a[:, 0]
        data_loss = float(np.maximum(margin, 0).sum()) / len(targets)
        delta = np.where(margin > 0, -targets / len(targets), 0.0)[:, None]
        grads_w: list[Any] = [None] * len(w)
        grads_b: list[Any] = [None] * len(w)
        for layer in range(last, -1, -1):
            if layer != last:
                delta = delta * (pre[layer] > 0)
            grads_w[layer] = delta.T @ activations[layer] + 2 * ALPHA * w[layer]
            grads_b[layer] = delta.sum(axis=0) + 2 * ALPHA * b[layer]
            delta = delta @ w[layer]
        total = data_loss + ALPHA * sum(float((p * p).sum()) for p in [*w, *b])
        gradient = flatten([g.tolist() for g in grads_w], [g.tolist() for g in grads_b])
        for layer in range(len(w)):
            w[layer] -= LEARNING_RATE * grads_w[layer]
            b[layer] -= LEARNING_RATE * grads_b[layer]
        return total, gradient

    return step


IMPLEMENTATIONS: dict[str, Callable[..., Step]] = {  # run in this order in every round
    "floats": setup_floats,
    "autograd-tiny": setup_autograd_tiny,
    "autograd-tiny, micrograd's graph": setup_autograd_tiny_plus,
    "autograd-tiny tape": setup_tape,  # issue 7: the step recorded once, replayed (tape_step.py)
    "numpy": setup_numpy,
    "torch 0-d": setup_torch_scalar,
    "torch 0-d, nn's graph": setup_torch_stacked,
    "micrograd": setup_micrograd,
}
