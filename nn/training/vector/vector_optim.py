"""``nn.SGD`` and ``nn.Adam`` on the parameters held as one numpy vector: the backpropagation derivation's
step W := W − α·∂J/∂W (with momentum and weight decay) and Adam, with exactly ``nn.optim``'s formulas.

The formulas are ``nn.optim``'s own ``update`` methods, run here on arrays, so every number is the
one the Value optimiser computes (IEEE arithmetic is the same on a float and on an array element).
The optimiser's state (velocity; Adam's m, v and step count) is read from it when made, in the
order the caller keeps its parameters, and written back by ``store`` in the optimiser's order; the
finiteness checks and their messages are ``nn.optim``'s, naming the parameter it would name.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from nn.training.optim import SGD, Adam, not_finite_message

__all__ = ["VectorAdam", "VectorOptimizer", "VectorSGD", "vector_optimizer", "vectorised"]

Array = Any  # numpy.ndarray


class VectorOptimizer(ABC):
    """The state of an ``nn`` optimiser as arrays; ``step`` maps (θ, ∂J/∂θ) to the new θ.

    Args:
        optimizer: the ``nn.SGD`` or ``nn.Adam``.
        order: θ's order: entry i is the index in ``optimizer.params`` of θ's i-th number.
    """

    def __init__(self, optimizer: SGD | Adam, order: Array) -> None:
        self.optimizer = optimizer
        self.order = order

    def _ours(self, state: list[float]) -> Array:
        """A list of the optimiser's state (in its order) as an array in θ's order."""
        return np.array(state, dtype=np.float64)[self.order]

    def _theirs(self, state: Array) -> list[float]:
        """An array of state in θ's order as a list in the optimiser's order."""
        listed = np.empty_like(state)
        listed[self.order] = state
        numbers: list[float] = listed.tolist()
        return numbers

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
        if math.isfinite(np.add.reduce(numbers)) or np.isfinite(numbers).all():  # a sum is finite
            return  # only if every number is (or it overflowed: then each is tested)
        bad = np.flatnonzero(~np.isfinite(numbers))
        k = int(bad[np.argmin(self.order[bad])])  # the first in the optimiser's order, as it names it
        i = int(self.order[k])
        name, parameter = type(self.optimizer).__name__, self.optimizer.params[i]
        raise FloatingPointError(not_finite_message(name, what, i, parameter, float(numbers[k])))


class VectorSGD(VectorOptimizer):
    """v := μ·v + ∂J/∂θ + λ·θ, θ := θ − α·v, as ``nn.SGD.step``."""

    def __init__(self, optimizer: SGD, order: Array) -> None:
        super().__init__(optimizer, order)
        self.sgd = optimizer
        self.velocity = self._ours(optimizer.velocity)

    def step(self, data: Array, gradients: Array) -> Array:
        self._require_finite("gradient", gradients)
        updated, velocity = self.sgd.update(data, gradients, self.velocity)
        self._require_finite("updated value", updated)
        self.velocity = velocity
        return updated

    def store(self) -> None:
        self.sgd.velocity = self._theirs(self.velocity)


class VectorAdam(VectorOptimizer):
    """m := β₁m + (1 − β₁)g, v := β₂v + (1 − β₂)g², θ := θ − α·m̂ / (√v̂ + ε), as ``nn.Adam.step``."""

    def __init__(self, optimizer: Adam, order: Array) -> None:
        super().__init__(optimizer, order)
        self.adam = optimizer
        self.steps = optimizer.steps
        self.m, self.v = self._ours(optimizer.m), self._ours(optimizer.v)

    def step(self, data: Array, gradients: Array) -> Array:
        self._require_finite("gradient", gradients)
        t = self.steps + 1
        updated, m, v = self.adam.update(data, gradients, self.m, self.v, t, sqrt=np.sqrt)
        self._require_finite("updated value", updated)
        self.steps, self.m, self.v = t, m, v
        return updated

    def store(self) -> None:
        self.adam.steps, self.adam.m, self.adam.v = self.steps, self._theirs(self.m), self._theirs(self.v)


def vectorised(optimizer: object) -> bool:
    """Whether ``optimizer`` has a vector form: it is exactly ``nn.SGD`` or ``nn.Adam`` (a subclass
    may step otherwise)."""
    return type(optimizer) in (SGD, Adam)


def vector_optimizer(optimizer: SGD | Adam, order: Array) -> VectorOptimizer:
    """The vector form of ``optimizer`` (``vectorised``), its state in the order ``order`` (see
    ``VectorOptimizer``)."""
    return VectorSGD(optimizer, order) if type(optimizer) is SGD else VectorAdam(optimizer, order)  # type: ignore[arg-type]
