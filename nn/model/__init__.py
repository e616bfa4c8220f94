"""The model: neurons, layers and MLPs on the engine's ``Value``s, their activations and initialisers.

It imports nothing of training or of the views: a model is only its parameters and its forward pass
z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ = f(z⁽ˡ⁺¹⁾) (the backpropagation derivation's forward pass).
"""

from nn.model import init
from nn.model.activations import ACTIVATIONS, activation, leaky_relu, softmax
from nn.model.layers import MLP, Layer
from nn.model.module import LayerMatrices, Module
from nn.model.neuron import Neuron

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
