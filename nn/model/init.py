"""Initialisers: how a neuron draws its first weights, always from an explicit ``random.Random``.

``normal(0.01)`` is the backpropagation derivation's Normal(0, ε²) with ε = 0.01; ``uniform(0.12)`` is the
gradient-checking tutorial's U[−ε, ε] with ε = 0.12; ``xavier()`` is the gradient-checking tutorial's ε = √6 /
√(L_in + L_out); ``he()`` draws N(0, 2 / L_in) for ReLU networks; ``constant(c)`` gives every parameter the
same value, which shows the symmetry problem of the gradient-checking tutorial: every hidden unit then
computes, and learns, the same function. No initialiser touches the global ``random`` state.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from autograd_tiny import Value
from nn.model.arguments import check_number

__all__ = ["Initializer", "constant", "he", "normal", "uniform", "xavier"]


@dataclass(frozen=True)
class Initializer:
    """A rule for a neuron's starting parameters.

    Attributes:
        name: how reprs show it, e.g. ``normal(0.01)``.
        draw: ``draw(fan_in, fan_out, rng)`` gives one weight; ``fan_in`` is the neuron's number
            of inputs, ``fan_out`` the size of its layer.
        zero_bias: start the bias at 0 rather than drawing it like a weight.
    """

    name: str
    draw: Callable[[int, int, random.Random], float]
    zero_bias: bool = False

    def parameters(self, fan_in: int, fan_out: int, rng: random.Random) -> tuple[list[Value], Value]:
        """Draw ``fan_in`` weights, then the bias, in that order, from ``rng``."""
        weights = [Value(self.draw(fan_in, fan_out, rng)) for _ in range(fan_in)]
        bias = 0.0 if self.zero_bias else self.draw(fan_in, fan_out, rng)
        return weights, Value(bias)

    def __repr__(self) -> str:
        return self.name


def normal(std: float = 0.01) -> Initializer:
    """Weights and bias from Normal(0, std²); the backpropagation derivation uses std = 0.01.

    Raises:
        ValueError: ``std`` is not a positive finite number.
    """
    std = check_number(std, "normal: std", low=0, open_low=True)
    return Initializer(f"normal({std:g})", lambda fan_in, fan_out, rng: rng.gauss(0.0, std))


def uniform(eps: float = 0.12) -> Initializer:
    """Weights and bias from U[−eps, eps]; the gradient-checking tutorial uses eps = 0.12.

    Raises:
        ValueError: ``eps`` is not a positive finite number.
    """
    eps = check_number(eps, "uniform: eps", low=0, open_low=True)
    return Initializer(f"uniform({eps:g})", lambda fan_in, fan_out, rng: rng.uniform(-eps, eps))


def xavier() -> Initializer:
    """Weights from U[−ε, ε] with ε = √6 / √(fan_in + fan_out) (the gradient-checking tutorial); biases start
    at 0."""
    return Initializer(
        "xavier",
        lambda fan_in, fan_out, rng: rng.uniform(-1.0, 1.0) * math.sqrt(6 / (fan_in + fan_out)),
        zero_bias=True,
    )


def he() -> Initializer:
    """Weights from Normal(0, 2 / fan_in), which keeps ReLU activations' variance; biases start at 0."""
    return Initializer(
        "he", lambda fan_in, fan_out, rng: rng.gauss(0.0, math.sqrt(2 / fan_in)), zero_bias=True
    )


def constant(c: float) -> Initializer:
    """Every weight and bias equal to ``c``: the symmetry problem of the gradient-checking tutorial, for
    demonstration.

    Raises:
        ValueError: ``c`` is not a finite number.
    """
    value = check_number(c, "constant: c")
    return Initializer(f"constant({value:g})", lambda fan_in, fan_out, rng: value)
