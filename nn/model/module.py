"""``Module``: what every neuron, layer and network shares: named parameters, state, matrices.

Parameters are listed explicitly by each class (no attribute magic), under dotted names that are
their Python paths: ``layers.0.neurons.2.w1`` is ``model.layers[0].neurons[2].w[1]``. A parameter
whose own name is ``b`` is a bias; all the others are weights, the W that the backpropagation derivation's
weight decay λ/2·ΣW² runs over. ``to_matrices`` gives the matrix tutorial's view, W⁽ˡ⁾ ∈ R^(m⁽ˡ⁾×m⁽ˡ⁻¹⁾) and
b⁽ˡ⁾ per layer.
"""

from __future__ import annotations

import math
import numbers
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import autograd_tiny as at
from autograd_tiny import Value

__all__ = ["LayerMatrices", "Module", "lists_otherwise"]


class LayerMatrices(NamedTuple):
    """One layer as the matrix tutorial writes it: z = W·a + b.

    Attributes:
        W: one row per neuron, one column per input (m⁽ˡ⁾ × m⁽ˡ⁻¹⁾).
        b: one bias per neuron.
    """

    W: list[list[float]]
    b: list[float]


class Module(ABC):
    """Something with parameters that maps a list of inputs to a list of ``Value``s.

    A subclass gives the two things only it knows: ``__call__`` (the outputs for one input vector)
    and ``named_parameters``. Everything else has a default that a subclass may override:
    ``output_activation`` is ``"linear"`` (the outputs are scores), and ``n_in``, ``n_out`` and
    ``to_matrices`` say clearly that the subclass has not defined them.
    """

    @abstractmethod
    def __call__(self, inputs: Sequence[Value | float]) -> list[Value]:
        """The outputs for one input vector."""

    @abstractmethod
    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        """``(dotted name, parameter)`` pairs in a fixed order."""

    def to_matrices(self) -> list[LayerMatrices]:
        """The matrix tutorial's view: ``(W, b)`` for each layer, as nested lists of floats."""
        raise NotImplementedError(f"{type(self).__name__} does not define to_matrices()")

    @property
    def n_in(self) -> int:
        """How many numbers one input has."""
        raise NotImplementedError(f"{type(self).__name__} does not define n_in")

    @property
    def n_out(self) -> int:
        """How many outputs it returns."""
        raise NotImplementedError(f"{type(self).__name__} does not define n_out")

    @property
    def output_activation(self) -> str:
        """The name of the activation of the last layer: how ``predict`` reads the outputs."""
        return "linear"

    def label_parameters(self) -> None:
        """Give every parameter its dotted name as ``label``, for drawings and error messages: an
        ``at.Label`` whose ``group`` is the unit that holds it (``layers.0.neurons.2`` for
        ``layers.0.neurons.2.w1``), which is how ``at.draw`` boxes a neuron."""
        for name, parameter in self.named_parameters():
            parameter.label = at.Label(name, group=name.rpartition(".")[0])

    def check_inputs(self, inputs: Sequence[Value | float]) -> None:
        """Raise unless ``inputs`` is a list (tuple, numpy array) of ``n_in`` numbers or ``Value``s.

        Raises:
            TypeError: ``inputs`` has no length or cannot be iterated, or is a string or a mapping.
            ValueError: it has the wrong length; the message gives the expected and actual sizes.
        """
        if isinstance(inputs, (str, bytes, Mapping)) or not _sized_iterable(inputs):
            raise TypeError(f"{self!r} expects a list of {self.n_in} inputs, got {type(inputs).__name__}")
        if len(inputs) != self.n_in:
            raise ValueError(f"{self!r} expects {self.n_in} inputs, got {len(inputs)}")

    def parameters(self) -> list[Value]:
        """Every parameter, weights and biases, in ``named_parameters`` order."""
        return [parameter for _, parameter in self.named_parameters()]

    def weights(self) -> list[Value]:
        """Every parameter except the biases: what weight decay λ/2·ΣW² runs over (the backpropagation
        derivation and the gradient-checking tutorial)."""
        return [parameter for name, parameter in self.named_parameters() if name.rsplit(".", 1)[-1] != "b"]

    def zero_grad(self) -> None:
        """Set every parameter's ``.grad`` to 0 (leaves accumulate across backward passes)."""
        at.zero_grad(self.parameters())

    def num_parameters(self) -> int:
        """How many numbers the module learns."""
        return sum(1 for _ in self.named_parameters())

    def state_dict(self) -> dict[str, float]:
        """Every parameter's number under its dotted name: plain floats, ready for ``json.dumps``."""
        return {name: parameter.data for name, parameter in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, float]) -> None:
        """Set every parameter from ``state``, after checking all of it: on any error nothing changes.

        Args:
            state: one finite real number per parameter name, as ``state_dict`` makes (numpy
                scalars too).

        Raises:
            TypeError: ``state`` is not a mapping.
            ValueError: names are missing or unexpected, or an entry is not a finite real number;
                the message counts each kind of problem and names the first few of each.
        """
        if not isinstance(state, Mapping):
            raise TypeError(
                f"load_state_dict needs a mapping of names to numbers, got {type(state).__name__}"
            )
        parameters = dict(self.named_parameters())
        problems = []
        missing = [name for name in parameters if name not in state]
        unexpected = [name for name in state if name not in parameters]
        bad = [name for name in parameters if name in state and not _is_finite_number(state[name])]
        if missing:
            problems.append(f"missing {len(missing)} entries: {_first(missing)}")
        if unexpected:
            problems.append(f"unexpected {len(unexpected)} entries: {_first(unexpected, _short)}")
        if bad:

            def wrong(name: str) -> str:
                return f"{name} must be a finite number, got {_short(state[name])}"

            problems.append(f"{len(bad)} bad entries: {_first(bad, wrong)}")
        if problems:
            raise ValueError(f"load_state_dict: nothing loaded into {self!r}: " + "; ".join(problems))
        for name, parameter in parameters.items():
            parameter.data = float(state[name])  # finite: checked above


def _sized_iterable(inputs: object) -> bool:
    try:
        len(inputs)  # type: ignore[arg-type]  # whatever it is, len() says whether it has a length
        iter(inputs)  # type: ignore[call-overload]
    except TypeError:  # no len(), not iterable, or a 0-d numpy array
        return False
    return True


def _is_finite_number(x: object) -> bool:
    """Whether ``x`` is a real number (a numpy scalar too, never a bool) that is a finite float."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return False
    try:
        return math.isfinite(float(x))
    except OverflowError:  # an int too large for a float
        return False


def _short(x: object, most: int = 40) -> str:
    """``repr(x)``, cut to ``most`` characters (a key or an entry can be anything, of any size)."""
    try:
        text = repr(x)
    except Exception:  # an int past Python's digit limit, or an object whose repr fails
        text = f"<{type(x).__name__}>"
    return text if len(text) <= most else text[: most - 1] + "…"


def _first(names: list[Any], written: Callable[[Any], str] = str, shown: int = 5) -> str:
    """The first ``shown`` names, each ``written`` (only those: a repr can be megabytes), and a count."""
    more = f", … ({len(names) - shown} more)" if len(names) > shown else ""
    return ", ".join(map(written, names[:shown])) + more


def lists_otherwise(module: Module, cls: type[Module]) -> bool:
    """Whether ``module``'s class (a subclass of ``cls``) changes ``named_parameters``: ``cls``'s quick
    ``parameters`` and ``weights``, which skip the names, must then ask it instead."""
    return type(module).named_parameters is not cls.named_parameters
