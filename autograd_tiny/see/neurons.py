"""Neurons found in a scalar graph, so that a drawing can box or collapse each one.

A neuron of the backpropagation derivation computes a = f(z), z = Σᵢ wᵢxᵢ + b. In a scalar graph that is
a handful of operations; ``nn`` labels its parameters ``layers.0.neurons.2.w1`` and
``layers.0.neurons.2.b``, so a neuron is recognised from the graph alone (nothing here imports
``nn``): its parameters, every operation that takes one of them directly (the products wᵢxᵢ and
the sum z that adds b), and the one-input operation applied to that sum (the activation f).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from autograd_tiny.core.value import Value

__all__ = ["Neuron", "find_neurons", "neuron_title", "short_name"]

_PARAMETER = re.compile(r"^(?P<neuron>.+)\.(?:w\d+|b)$")


@dataclass(frozen=True)
class Neuron:
    """One neuron's part of a graph.

    Attributes:
        key: the common prefix of its parameters' labels, e.g. ``layers.0.neurons.2``.
        members: its nodes (parameters included), inputs first.
        head: its output, the last of ``members`` (the activation a, or z for a linear unit).
        inputs: ``{node outside the neuron: ∂head/∂node}``, the sum over the paths inside the neuron.
        constants: the constants it reads (an example's numbers x, given as plain floats), in order.
    """

    key: str
    members: tuple[Value, ...]
    head: Value
    inputs: dict[Value, float]
    constants: tuple[Value, ...] = ()


def neuron_title(key: str) -> str:
    """``layers.0.neurons.2`` → ``layer 0 · neuron 2``; other prefixes are kept as they are."""
    title = re.sub(r"layers\.(\d+)", r"layer \1", key)
    return re.sub(r"\.?neurons\.(\d+)", r" · neuron \1", title)


def short_name(label: str) -> str:
    """A parameter's name inside its neuron's box: ``layers.0.neurons.2.w1`` → ``w1``."""
    return label.rsplit(".", 1)[-1] if _PARAMETER.match(label) else label


def find_neurons(order: Sequence[Value]) -> list[Neuron]:
    """The neurons of a graph given in topological order (inputs first), in the order their outputs come.

    A graph whose labels name no neuron parameters (``….w0``, ``….b``) has none.
    """
    group: dict[Value, str] = {}
    for node in order:
        if not node.edges:
            match = _PARAMETER.match(node.label) if node.label else None
            if match:
                group[node] = match["neuron"]
            continue
        inputs = [input_ for input_, _ in node.edges if not input_.constant]
        owners = {group[x] for x in inputs if not x.edges and x in group}
        if len(owners) == 1:
            group[node] = owners.pop()
        elif (
            not owners
            and len(node.edges) == 1
            and inputs
            and inputs[0] in group
            and _holds_bias(inputs[0], group)
        ):
            group[node] = group[inputs[0]]  # the activation f(z)
    members: dict[str, list[Value]] = {}
    for node in order:
        if node in group:
            members.setdefault(group[node], []).append(node)
    heads = {node: position for position, node in enumerate(order)}
    keys = sorted(members, key=lambda key: heads[members[key][-1]])  # layer by layer
    return [_neuron(key, members[key]) for key in keys]


def _holds_bias(node: Value, group: dict[Value, str]) -> bool:
    """z: the operation of the neuron that adds its bias b (and has no activation applied yet)."""
    return any(x.label == f"{group[node]}.b" for x, _ in node.edges)


def _neuron(key: str, members: list[Value]) -> Neuron:
    """The neuron's head and, for each outside input, ∂head/∂input summed over the inner paths."""
    inside = set(members)
    head = members[-1]
    gradients: dict[Value, float] = {head: 1.0}
    outside: dict[Value, float] = {}
    constants: dict[Value, None] = {}
    for node in reversed(members):
        upstream = gradients.get(node, 0.0)
        for input_, local in node.edges:
            if input_.constant:
                constants[input_] = None
                continue
            target = gradients if input_ in inside else outside
            target[input_] = target.get(input_, 0.0) + local * upstream
    ordered = [x for node in members for x, _ in node.edges if x in constants]
    return Neuron(key, tuple(members), head, outside, tuple(dict.fromkeys(ordered)))
