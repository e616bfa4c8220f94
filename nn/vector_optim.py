"""``nn.SGD`` and ``nn.Adam`` on the parameters held as one numpy vector: the backpropagation derivation's
step W := W − α·∂J/∂W (with momentum and weight decay) and Adam, with exactly ``nn.optim``'s formulas.

The formulas are ``nn.optim``'s own ``update`` methods, run here on arrays, so every number is the
one the Value optimiser computes (IEEE arithmetic is the same on a float and on an array element).
The optimiser's state (velocity; Adam's m, v and step count) is read from it when made and written
back by ``store``; the finiteness checks and their messages are ``nn.optim``'s.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from nn.optim import SGD, Adam, not_finite_message

__all__ = ["VectorAdam", "VectorOptimizer", "VectorSGD", "vector_optimizer"]

Array = Any  # numpy.ndarray


class VectorOptimizer(ABC):
    """The state of an ``nn`` optimiser as arrays; ``step`` maps (θ, ∂J/∂θ) to the new θ."""

    def __init__(self, optimizer: SGD | Adam) -> None:
        self.optimizer = optimizer

    @abstractmethod
    def step(self, data: Array, gradients: Array) -> Array:
        """The new numbers of the optimiser's parameters (in ``optimizer.params`` order).

        Raises:
            FloatingPointError: a gradient or a new value is inf or nan; the state is unchanged.
        """

    @abstractmethod
    def store(self) -> None:
        """Write the state back into the optimiser, as its own ``step`` would have left it."""

    def _require_finite(self, what: str, numbers: Array) -> None:
        bad = np.flatnonzero(~np.isfinite(numbers))
        if len(bad):
            i = int(bad[0])
            name, parameter = type(self.optimizer).__name__, self.optimizer.params[i]
            raise FloatingPointError(not_finite_message(name, what, i, parameter, float(numbers[i])))


class VectorSGD(VectorOptimizer):
    """v := μ·v + ∂J/∂θ + λ·θ, θ := θ − α·v, as ``nn.SGD.step``."""

    def __init__(self, optimizer: SGD) -> None:
        super().__init__(optimizer)
        self.sgd = optimizer
        self.velocity = np.array(optimizer.velocity, dtype=np.float64)

    def step(self, data: Array, gradients: Array) -> Array:
        self._require_finite("gradient", gradients)
        updated, velocity = self.sgd.update(data, gradients, self.velocity)
        self._require_finite("updated value", updated)
        self.velocity = velocity
        return updated

    def store(self) -> None:
        self.sgd.velocity = self.velocity.tolist()


class VectorAdam(VectorOptimizer):
    """m := β₁m + (1 − β₁)g, v := β₂v + (1 − β₂)g², θ := θ − α·m̂ / (√v̂ + ε), as ``nn.Adam.step``."""

    def __init__(self, optimizer: Adam) -> None:
        super().__init__(optimizer)
        self.adam = optimizer
        self.steps = optimizer.steps
        self.m = np.array(optimizer.m, dtype=np.float64)
        self.v = np.array(optimizer.v, dtype=np.float64)

    def step(self, data: Array, gradients: Array) -> Array:
        self._require_finite("gradient", gradients)
        t = self.steps + 1
        updated, m, v = self.adam.update(data, gradients, self.m, self.v, t, sqrt=np.sqrt)
        self._require_finite("updated value", updated)
        self.steps, self.m, self.v = t, m, v
        return updated

    def store(self) -> None:
        self.adam.steps, self.adam.m, self.adam.v = self.steps, self.m.tolist(), self.v.tolist()


def vector_optimizer(optimizer: object) -> VectorOptimizer | None:
    """The vector form of ``nn.SGD`` or ``nn.Adam`` (exactly these classes); None for any other."""
    if type(optimizer) is SGD:
        return VectorSGD(optimizer)
    if type(optimizer) is Adam:
        return VectorAdam(optimizer)
    return None
