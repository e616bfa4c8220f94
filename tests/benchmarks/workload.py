"""micrograd's own demo workload, shared by every implementation so they compute the same numbers.

MLP(2, [16, 16, 1]) with ReLU hidden layers and a linear output, on 100 two-moons points; the loss is
the mean max-margin loss relu(1 − yᵢ·scoreᵢ) plus 1e−4·Σp²; one step is forward, backward and an
SGD update. Weights start from a seeded uniform(−1, 1), biases at 0, as micrograd's Neuron does.
"""

from __future__ import annotations

import itertools
import math
import random

SIZES = (2, 16, 16, 1)
ALPHA = 1e-4
LEARNING_RATE = 1.0

Weights = list[list[list[float]]]  # [layer][neuron][input]
Biases = list[list[float]]  # [layer][neuron]


def moons(n: int = 100, noise: float = 0.1, seed: int = 1) -> tuple[list[list[float]], list[float]]:
    """Two interleaving half circles, labels −1 and +1 (the data of micrograd's demo)."""
    rng = random.Random(seed)
    points, labels = [], []
    for i in range(n):
        upper = i < n // 2
        t = math.pi * rng.random()
        x, y = (math.cos(t), math.sin(t)) if upper else (1 - math.cos(t), 0.5 - math.sin(t))
        points.append([x + rng.gauss(0, noise), y + rng.gauss(0, noise)])
        labels.append(-1.0 if upper else 1.0)
    return points, labels


def initial_parameters(sizes: tuple[int, ...] = SIZES, seed: int = 1337) -> tuple[Weights, Biases]:
    """Weights uniform in (−1, 1) from a seeded generator, biases 0, as micrograd's ``Neuron`` draws them."""
    rng = random.Random(seed)
    weights = [
        [[rng.uniform(-1, 1) for _ in range(n_in)] for _ in range(n_out)]
        for n_in, n_out in itertools.pairwise(sizes)
    ]
    biases = [[0.0] * n_out for n_out in sizes[1:]]
    return weights, biases


def flatten(weights: Weights, biases: Biases) -> list[float]:
    """Parameters in micrograd's order: layer by layer, each neuron's weights then its bias."""
    return [
        p
        for layer_w, layer_b in zip(weights, biases, strict=True)
        for w, b in zip(layer_w, layer_b, strict=True)
        for p in [*w, b]
    ]
