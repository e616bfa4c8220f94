"""Optimisers: the backpropagation derivation's gradient step W := W − α·∂J/∂W, with momentum, and Adam.

Each ``step()`` reads the parameters' ``.grad``, computes every new number first and writes them
only if all are finite, so a non-finite gradient is refused with an error and changes nothing.
Each optimiser's formula is written once, in its ``update``, with ordinary arithmetic, so that the
same lines serve one float at a time here and whole numpy arrays in ``fit(engine="tape")``
(``nn/vector_optim.py``).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.arguments import check_number

__all__ = ["SGD", "Adam", "Optimizer", "not_finite_message"]

Number = Any  # a float, or a numpy array of them (fit(engine="tape"))


class Optimizer(ABC):
    """What every optimiser shares: the parameter list, ``zero_grad`` and the finiteness checks.

    Args:
        params: the ``Value``s to update, e.g. ``model.parameters()``.
        lr: the learning rate α, a positive finite number.

    Raises:
        TypeError: a parameter is not a leaf ``Value`` (an operation's result or a ``Constant``).
        ValueError: no parameters, a repeated one, or a bad learning rate.
    """

    def __init__(self, params: Iterable[Value], lr: float) -> None:
        self.params = list(params)
        if not self.params:
            raise ValueError(f"{type(self).__name__}: no parameters to optimise")
        for i, p in enumerate(self.params):
            if not isinstance(p, Value) or p.constant or p.op:
                raise TypeError(
                    f"{type(self).__name__}: params[{i}] is not a parameter Value "
                    f"(a leaf, not a Constant): {p!r}"
                )
        if len(set(self.params)) != len(self.params):
            raise ValueError(f"{type(self).__name__}: a parameter is listed twice and would be updated twice")
        self.lr = check_number(lr, "lr", low=0, open_low=True)

    @abstractmethod
    def step(self) -> None:
        """Update every parameter from its ``.grad``."""

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to 0 before accumulating the next batch."""
        at.zero_grad(self.params)

    def _gradients(self) -> list[float]:
        """Every ``.grad``; raises, before anything changes, if one is inf or nan."""
        gradients = [p.grad for p in self.params]
        _require_finite(type(self).__name__, "gradient", gradients, self.params)
        return gradients

    def _write(self, data: list[float]) -> None:
        """Set every parameter's number, if all are finite."""
        _require_finite(type(self).__name__, "updated value", data, self.params)
        for p, x in zip(self.params, data, strict=True):
            p.data = x


class SGD(Optimizer):
    """Gradient descent θ := θ − α·v with v := μ·v + ∂J/∂θ + λ·θ (momentum μ, weight decay λ).

    With ``momentum=0`` this is the backpropagation derivation's update. ``weight_decay`` adds λθ to every
    parameter given (PyTorch's convention); for the backpropagation derivation's decay that skips biases, use
    ``fit(..., l2=λ)`` or add ``nn.l2_penalty(model, λ)`` to the loss.

    Args:
        params: the parameters to update.
        lr: the learning rate α.
        momentum: μ in [0, 1).
        weight_decay: λ ≥ 0.
    """

    def __init__(
        self, params: Iterable[Value], lr: float, momentum: float = 0.0, weight_decay: float = 0.0
    ) -> None:
        super().__init__(params, lr)
        self.momentum = check_number(momentum, "momentum", low=0, high=1, open_high=True)
        self.weight_decay = check_number(weight_decay, "weight_decay", low=0)
        self.velocity = [0.0] * len(self.params)

    def step(self) -> None:
        """Move every parameter against its gradient.

        Raises:
            FloatingPointError: a gradient or a new value is inf or nan; nothing is updated.
        """
        gradients = self._gradients()
        steps = [
            self.update(p.data, g, v) for p, g, v in zip(self.params, gradients, self.velocity, strict=True)
        ]
        self._write([data for data, _ in steps])
        self.velocity = [velocity for _, velocity in steps]

    def update(self, data: Number, gradient: Number, velocity: Number) -> tuple[Number, Number]:
        """v := μ·v + g + λ·θ and θ := θ − α·v: the new (θ, v), for floats or arrays alike (a term
        whose μ or λ is 0 is left out: the same numbers, fewer array operations)."""
        velocity = self.momentum * velocity + gradient if self.momentum else gradient
        if self.weight_decay:
            velocity = velocity + self.weight_decay * data
        return data - self.lr * velocity, velocity


class Adam(Optimizer):
    """Adam: θ := θ − α·m̂ / (√v̂ + ε), m and v running means of g and g² with bias correction.

    Args:
        params: the parameters to update.
        lr: the step size α.
        betas: (β₁, β₂), each in [0, 1): how slowly m and v forget.
        eps: ε > 0, which keeps the division finite.
    """

    def __init__(
        self,
        params: Iterable[Value],
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__(params, lr)
        beta1, beta2 = betas
        self.betas = (
            check_number(beta1, "betas[0]", low=0, high=1, open_high=True),
            check_number(beta2, "betas[1]", low=0, high=1, open_high=True),
        )
        self.eps = check_number(eps, "eps", low=0, open_low=True)
        self.steps = 0
        self.m = [0.0] * len(self.params)
        self.v = [0.0] * len(self.params)

    def step(self) -> None:
        """Move every parameter by its bias-corrected Adam step.

        Raises:
            FloatingPointError: a gradient or a new value is inf or nan; nothing is updated.
        """
        gradients = self._gradients()
        t = self.steps + 1
        steps = [
            self.update(p.data, g, m, v, t)
            for p, g, m, v in zip(self.params, gradients, self.m, self.v, strict=True)
        ]
        self._write([data for data, _, _ in steps])
        self.steps, self.m, self.v = t, [m for _, m, _ in steps], [v for _, _, v in steps]

    def update(
        self,
        data: Number,
        gradient: Number,
        m: Number,
        v: Number,
        t: int,
        sqrt: Callable[[Any], Any] = math.sqrt,
    ) -> tuple[Number, Number, Number]:
        """m := β₁m + (1 − β₁)g, v := β₂v + (1 − β₂)g², θ := θ − α·m̂ / (√v̂ + ε) at step ``t``: the new
        (θ, m, v), for floats or arrays alike (``sqrt``: ``math.sqrt`` or ``numpy.sqrt``)."""
        beta1, beta2 = self.betas
        m = beta1 * m + (1 - beta1) * gradient
        v = beta2 * v + (1 - beta2) * gradient * gradient
        return data - self.lr * (m / (1 - beta1**t)) / (sqrt(v / (1 - beta2**t)) + self.eps), m, v


def _require_finite(optimizer: str, what: str, numbers: list[float], params: list[Value]) -> None:
    for i, x in enumerate(numbers):
        if not math.isfinite(x):
            raise FloatingPointError(not_finite_message(optimizer, what, i, params[i], x))


def not_finite_message(optimizer: str, what: str, i: int, parameter: Value, x: float) -> str:
    """The error of a ``step`` that refuses an inf or nan, naming the parameter (shared with
    ``nn/vector_optim.py``)."""
    label = parameter.label or "no label"
    return f"{optimizer}.step: the {what} of params[{i}] ({label}) is {x}; no parameter was updated"
