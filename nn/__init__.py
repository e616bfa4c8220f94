"""nn: neurons, layers and MLPs on autograd_tiny's scalar ``Value``s, with the seeds' losses,
initialisers, optimisers and training loop.

The backpropagation derivation's forward pass z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ = f(z⁽ˡ⁺¹⁾) is written with
engine operations, so backpropagation through a whole network is the engine's generic backward pass.

Grouped by role, each importing only those before it: ``model`` (neurons, layers, MLPs,
activations, initialisers), ``training`` (losses, optimisers, data checks, ``fit``; its ``vector``
fast path is optional), ``views`` (diagrams, exercises, plots), ``bridge`` (PyTorch) and
``datasets``. This file only names the public surface.
"""

from nn import datasets
from nn.bridge import from_torch, to_torch
from nn.model import (
    ACTIVATIONS,
    MLP,
    Layer,
    LayerMatrices,
    Module,
    Neuron,
    activation,
    init,
    leaky_relu,
    softmax,
)
from nn.training import (
    LOSSES,
    SGD,
    Adam,
    History,
    Optimizer,
    accuracy,
    binary_cross_entropy,
    clip_gradients,
    cross_entropy,
    fit,
    half_squared_error,
    hinge_loss,
    l2_penalty,
    mean,
    predict,
)
from nn.views import NetworkDiagram, NetworkExercise, network_diagram, plots

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "MLP",
    "SGD",
    "Adam",
    "History",
    "Layer",
    "LayerMatrices",
    "Module",
    "NetworkDiagram",
    "NetworkExercise",
    "Neuron",
    "Optimizer",
    "accuracy",
    "activation",
    "binary_cross_entropy",
    "clip_gradients",
    "cross_entropy",
    "datasets",
    "fit",
    "from_torch",
    "half_squared_error",
    "hinge_loss",
    "init",
    "l2_penalty",
    "leaky_relu",
    "mean",
    "network_diagram",
    "plots",
    "predict",
    "softmax",
    "to_torch",
]
