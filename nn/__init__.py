"""nn: neurons, layers and MLPs on autograd_tiny's scalar ``Value``s, with the seeds' losses,
initialisers, optimisers and training loop.

The backpropagation derivation's forward pass z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ = f(z⁽ˡ⁺¹⁾) is written with
engine operations, so backpropagation through a whole network is the engine's generic backward pass.
"""

from nn import datasets, init, plots
from nn.activations import ACTIVATIONS, activation, leaky_relu, softmax
from nn.clipping import clip_gradients
from nn.diagram import NetworkDiagram, network_diagram
from nn.exercise import NetworkExercise
from nn.layers import MLP, Layer
from nn.losses import binary_cross_entropy, cross_entropy, half_squared_error, hinge_loss, l2_penalty, mean
from nn.module import LayerMatrices, Module
from nn.neuron import Neuron
from nn.objectives import LOSSES
from nn.optim import SGD, Adam, Optimizer
from nn.predict import accuracy, predict
from nn.torch_bridge import from_torch, to_torch
from nn.train import History, fit

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
