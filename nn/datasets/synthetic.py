"""Seeded two-dimensional toy problems in pure Python: moons, circles, XOR and spirals.

Each generator draws from its own ``random.Random(seed)`` (never the global one) and returns
``(X, y)``: X a list of [x₁, x₂] points, y a list of integer class labels (0/1, or 0..K−1 for
spirals). For ``hinge_loss`` turn 0/1 into −1/+1 with ``[2 * label - 1 for label in y]``.
"""

from __future__ import annotations

import math
import random

from nn.model.arguments import check_count, check_number

__all__ = ["make_circles", "make_moons", "make_spiral", "make_xor"]

Dataset = tuple[list[list[float]], list[int]]


def make_moons(n_samples: int = 100, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles (micrograd's demo data): the upper one is class 0.

    Args:
        n_samples: points in all; the upper moon gets the odd one out.
        noise: the standard deviation of Gaussian noise added to each coordinate.
        seed: seeds the noise and the shuffle.

    Raises:
        ValueError: ``n_samples`` < 2 or ``noise`` is negative or not finite.
    """
    rng = _rng(n_samples, noise, seed)
    n_lower = n_samples // 2
    n_upper = n_samples - n_lower
    points = []
    for t in _angles(n_upper, math.pi, endpoint=True):
        points.append(([math.cos(t), math.sin(t)], 0))
    for t in _angles(n_lower, math.pi, endpoint=True):
        points.append(([1 - math.cos(t), 0.5 - math.sin(t)], 1))
    return _noisy_shuffled(points, noise, rng)


def make_circles(n_samples: int = 100, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> Dataset:
    """A circle of radius 1 (class 0) around one of radius ``factor`` (class 1).

    Raises:
        ValueError: ``n_samples`` < 2, ``noise`` negative, or ``factor`` not strictly between 0 and 1.
    """
    rng = _rng(n_samples, noise, seed)
    factor = check_number(factor, "make_circles: factor", low=0, high=1, open_low=True, open_high=True)
    n_inner = n_samples // 2
    points = []
    for t in _angles(n_samples - n_inner, 2 * math.pi, endpoint=False):
        points.append(([math.cos(t), math.sin(t)], 0))
    for t in _angles(n_inner, 2 * math.pi, endpoint=False):
        points.append(([factor * math.cos(t), factor * math.sin(t)], 1))
    return _noisy_shuffled(points, noise, rng)


def make_xor(n_samples: int = 100, noise: float = 0.2, seed: int = 0) -> Dataset:
    """Points around the four corners of XOR's truth table: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0.

    With ``noise=0`` and ``n_samples=4`` this is the truth table itself, the classic problem a
    single neuron cannot solve.

    Raises:
        ValueError: ``n_samples`` < 2 or ``noise`` is negative or not finite.
    """
    rng = _rng(n_samples, noise, seed)
    corners = [([0.0, 0.0], 0), ([0.0, 1.0], 1), ([1.0, 0.0], 1), ([1.0, 1.0], 0)]
    points = [(list(corners[i % 4][0]), corners[i % 4][1]) for i in range(n_samples)]
    return _noisy_shuffled(points, noise, rng)


def make_spiral(n_samples: int = 300, n_classes: int = 3, noise: float = 0.2, seed: int = 0) -> Dataset:
    """``n_classes`` interleaved spiral arms (CS231n's example), class k being arm k.

    Arm k has radii r from 0 to 1 and angles 4k to 4(k + 1) plus Gaussian noise on the angle.

    Raises:
        ValueError: ``n_samples`` < ``n_classes``, ``n_classes`` < 2, or ``noise`` negative.
    """
    rng = _rng(n_samples, noise, seed)
    check_count(n_classes, "make_spiral: n_classes", low=2, high=n_samples)
    points = []
    for k in range(n_classes):
        count = n_samples // n_classes + (k < n_samples % n_classes)
        for i in range(count):
            r = i / max(1, count - 1)
            t = 4 * (k + r) + rng.gauss(0.0, noise)
            points.append(([r * math.sin(t), r * math.cos(t)], k))
    return _noisy_shuffled(points, 0.0, rng)


def _angles(count: int, end: float, endpoint: bool) -> list[float]:
    """``count`` evenly spaced angles from 0 to ``end`` (included when ``endpoint``)."""
    steps = max(1, count - 1) if endpoint else count
    return [end * k / steps for k in range(count)]


def _rng(n_samples: int, noise: float, seed: int) -> random.Random:
    check_count(n_samples, "n_samples", low=2)
    check_number(noise, "noise", low=0)
    return random.Random(seed)


def _noisy_shuffled(points: list[tuple[list[float], int]], noise: float, rng: random.Random) -> Dataset:
    """Add N(0, noise²) to every coordinate, then shuffle the points (classes come in blocks)."""
    rng.shuffle(points)
    X = [[coordinate + rng.gauss(0.0, noise) if noise else coordinate for coordinate in x] for x, _ in points]
    return X, [label for _, label in points]
