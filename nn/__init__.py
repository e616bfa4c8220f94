"""nn: neurons, layers and MLPs on autograd_tiny's scalar ``Value``s, with the seeds' losses,
initialisers, optimisers and training loop.

Seed 000's forward pass z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ = f(z⁽ˡ⁺¹⁾) is written with engine
operations, so backpropagation through a whole network is the engine's generic backward pass.
"""

from nn import init
from nn.activations import ACTIVATIONS, activation, leaky_relu, softmax
from nn.layers import MLP, Layer
from nn.module import LayerMatrices, Module
from nn.neuron import Neuron

__all__ = [
    "ACTIVATIONS",
    "MLP",
    "Layer",
    "LayerMatrices",
    "Module",
    "Neuron",
    "activation",
    "init",
    "leaky_relu",
    "softmax",
]
