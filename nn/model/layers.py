"""``Layer`` and ``MLP``: the backpropagation derivation's forward pass z⁽ˡ⁺¹⁾ = W⁽ˡ⁾a⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁺¹⁾ =
f(z⁽ˡ⁺¹⁾), per layer.

Layers are lists of neurons and networks are lists of layers, all on engine ``Value``s, so the
backward pass through a whole network is the engine's generic one; nothing here knows a derivative.
"""

from __future__ import annotations

import random
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from typing import ClassVar

from autograd_tiny import Constant, Value
from nn.model.activations import activation as _activation_function
from nn.model.arguments import check_count
from nn.model.init import Initializer
from nn.model.module import LayerMatrices, Module
from nn.model.neuron import Neuron

__all__ = ["MLP", "Layer"]


class _Parts(Module):
    """A module made of parts (a layer's neurons, a network's layers): its parameters are theirs in
    turn, named ``{parts_name}.{i}.{the part's name}`` (``neurons.0.w1``, ``layers.1.neurons.0.b``)."""

    parts_name: ClassVar[str]

    @abstractmethod
    def _parts(self) -> Sequence[Module]: ...

    def _renamed(self) -> bool:
        """Whether a subclass changes ``named_parameters``: the quick listings below must ask it then."""
        return type(self).named_parameters is not _Parts.named_parameters

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for i, part in enumerate(self._parts()):
            for name, parameter in part.named_parameters():
                yield f"{self.parts_name}.{i}.{name}", parameter

    def parameters(self) -> list[Value]:
        """``named_parameters``' Values without making their names: each part's in turn (a subclass
        that changes ``named_parameters`` is asked it instead)."""
        if self._renamed():
            return super().parameters()
        return [parameter for part in self._parts() for parameter in part.parameters()]

    def weights(self) -> list[Value]:
        if self._renamed():
            return super().weights()
        return [weight for part in self._parts() for weight in part.weights()]


class Layer(_Parts):
    """``n_out`` neurons that all read the same inputs: a⁽ˡ⁾ = f(W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾) (the matrix tutorial).

    Its parameters are its neurons', named ``neurons.{i}.w{j}`` and ``neurons.{i}.b``.

    Args:
        n_in: inputs per neuron.
        n_out: how many neurons (outputs).
        activation, init, seed, rng: as for ``Neuron``; every neuron draws from one generator.

    Raises:
        ValueError: a size is not a positive integer, or the activation is unknown.
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: str = "sigmoid",
        *,
        init: Initializer | None = None,
        seed: int = 0,
        rng: random.Random | None = None,
    ) -> None:
        rng = rng or random.Random(seed)
        n_out = check_count(n_out, "n_out")
        self.neurons = [Neuron(n_in, activation, init=init, rng=rng, fan_out=n_out) for _ in range(n_out)]
        self.activation = activation
        self.label_parameters()

    def __call__(self, inputs: Sequence[Value | float]) -> list[Value]:
        """One output per neuron.

        Raises:
            ValueError: ``inputs`` does not have ``n_in`` numbers.
        """
        self.check_inputs(inputs)
        # one leaf per input, shared by every neuron as in the backpropagation derivation's network diagram
        shared = [x if isinstance(x, Value) else Constant(x) for x in inputs]
        return [neuron.output(shared) for neuron in self.neurons]  # inputs checked once, here

    @property
    def n_in(self) -> int:
        return self.neurons[0].n_in

    @property
    def n_out(self) -> int:
        return len(self.neurons)

    @property
    def output_activation(self) -> str:
        return self.activation

    parts_name = "neurons"

    def _parts(self) -> Sequence[Module]:
        return self.neurons

    def to_matrices(self) -> list[LayerMatrices]:
        rows = [neuron.to_matrices()[0] for neuron in self.neurons]
        return [LayerMatrices([row.W[0] for row in rows], [row.b[0] for row in rows])]

    def __repr__(self) -> str:
        return f"Layer({self.n_in} → {self.n_out}, {self.activation})"


class MLP(_Parts):
    """A multilayer perceptron: layers applied in turn, x = a⁽⁰⁾ → z⁽¹⁾ → a⁽¹⁾ → … → a⁽ᴸ⁾ (the matrix
    tutorial). Its parameters are its layers', named ``layers.{l}.neurons.{i}.w{j}`` and ``….b``.

    Args:
        n_in: inputs of the network.
        sizes: neurons per layer, the last being the outputs: ``MLP(3, [3, 1])`` is the backpropagation
        derivation's 3-3-1. activation: the hidden layers' activation. output_activation: the last layer's;
        ``None`` means ``"linear"`` (scores or logits, for
            ``cross_entropy`` and ``hinge_loss``). Give ``"sigmoid"`` for probabilities.
        init, seed, rng: as for ``Neuron``; the layers draw, in order, from one generator.

    Raises:
        ValueError: a size is not a positive integer, ``sizes`` is empty, or an activation is unknown.
    """

    def __init__(
        self,
        n_in: int,
        sizes: Sequence[int],
        activation: str = "tanh",
        output_activation: str | None = None,
        *,
        init: Initializer | None = None,
        seed: int = 0,
        rng: random.Random | None = None,
    ) -> None:
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
            raise ValueError(f"MLP: sizes must be a non-empty list of layer sizes, got {sizes!r}")
        _activation_function(activation)  # an unknown name is an error even with no hidden layer
        rng = rng or random.Random(seed)
        widths = [check_count(n_in, "n_in"), *(check_count(size, "a layer size") for size in sizes)]
        activations = [activation] * (len(sizes) - 1) + [output_activation or "linear"]
        self.layers = [
            Layer(fan_in, fan_out, name, init=init, rng=rng)
            for fan_in, fan_out, name in zip(widths[:-1], widths[1:], activations, strict=True)
        ]
        self.label_parameters()

    def __call__(self, inputs: Sequence[Value | float]) -> list[Value]:
        """The last layer's outputs, a list even for one output.

        Raises:
            ValueError: ``inputs`` does not have ``n_in`` numbers.
        """
        self.check_inputs(inputs)
        outputs = self.layers[0](inputs)
        for layer in self.layers[1:]:
            outputs = layer(outputs)
        return outputs

    @property
    def n_in(self) -> int:
        return self.layers[0].n_in

    @property
    def n_out(self) -> int:
        return self.layers[-1].n_out

    @property
    def output_activation(self) -> str:
        return self.layers[-1].activation

    parts_name = "layers"

    def _parts(self) -> Sequence[Module]:
        return self.layers

    def to_matrices(self) -> list[LayerMatrices]:
        return [layer.to_matrices()[0] for layer in self.layers]

    def __repr__(self) -> str:
        widths = " → ".join(str(n) for n in [self.n_in, *(layer.n_out for layer in self.layers)])
        hidden = {layer.activation for layer in self.layers[:-1]}
        if hidden <= {self.output_activation}:
            return f"MLP({widths}, {self.output_activation})"
        return f"MLP({widths}, {self.layers[0].activation}, output {self.output_activation})"
