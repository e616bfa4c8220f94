"""``Neuron``: the backpropagation derivation's single unit h(x) = f(Σᵢ wᵢxᵢ + b), on engine ``Value``s.

With a sigmoid f it is logistic regression (the backpropagation derivation); its derivatives come from the
engine.
"""

from __future__ import annotations

import operator
import random
from collections.abc import Iterator, Sequence

import autograd_tiny as at
from autograd_tiny import Value
from nn.model.activations import activation as _activation_function
from nn.model.arguments import check_count
from nn.model.init import Initializer, xavier
from nn.model.module import LayerMatrices, Module, lists_otherwise

__all__ = ["Neuron"]


class Neuron(Module):
    """One unit: h(x) = f(w·x + b) (the backpropagation derivation).

    Args:
        n_in: how many inputs it takes.
        activation: ``sigmoid tanh relu leaky_relu linear``.
        init: how to draw w and b (``nn.init``); Xavier by default.
        seed: seeds a fresh ``random.Random`` for the initial parameters.
        rng: an explicit generator to draw from instead of ``seed`` (layers pass theirs on).
        fan_out: the size of the layer the neuron belongs to (Xavier's L_out).

    Raises:
        ValueError: ``n_in`` is not a positive integer, or the activation is unknown.
    """

    def __init__(
        self,
        n_in: int,
        activation: str = "sigmoid",
        *,
        init: Initializer | None = None,
        seed: int = 0,
        rng: random.Random | None = None,
        fan_out: int = 1,
    ) -> None:
        self._f = _activation_function(activation)
        self.activation = activation
        init = init or xavier()
        self.w, self.b = init.parameters(check_count(n_in, "n_in"), fan_out, rng or random.Random(seed))
        self.label_parameters()

    def __call__(self, inputs: Sequence[Value | float]) -> list[Value]:
        """``[f(Σᵢ wᵢxᵢ + b)]``, a list of one ``Value``.

        Raises:
            ValueError: ``inputs`` does not have ``n_in`` numbers.
        """
        self.check_inputs(inputs)
        return [self.output(inputs)]

    def output(self, inputs: Sequence[Value | float]) -> Value:
        """f(b + w₀x₀ + w₁x₁ + …) with z = Σ as one node, without checking ``inputs`` (a layer checks
        them once for all its neurons)."""
        z = at.sum([self.b, *map(operator.mul, self.w, inputs)])
        return self._f(z)

    @property
    def n_in(self) -> int:
        return len(self.w)

    @property
    def n_out(self) -> int:
        return 1

    @property
    def output_activation(self) -> str:
        return self.activation

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        """``w0 … w{n_in−1}``, then ``b``."""
        for i, w in enumerate(self.w):
            yield f"w{i}", w
        yield "b", self.b

    def parameters(self) -> list[Value]:
        """``named_parameters``' Values without making their names (a model lists thousands; a
        subclass that changes ``named_parameters`` is asked it instead)."""
        if lists_otherwise(self, Neuron):
            return super().parameters()
        return [*self.w, self.b]

    def weights(self) -> list[Value]:
        if lists_otherwise(self, Neuron):
            return super().weights()
        return list(self.w)

    def to_matrices(self) -> list[LayerMatrices]:
        return [LayerMatrices([[w.data for w in self.w]], [self.b.data])]

    def __repr__(self) -> str:
        return f"Neuron({self.n_in} → 1, {self.activation})"
