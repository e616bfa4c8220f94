"""Neurons found in a scalar graph, so that a drawing can box or collapse each one.

A neuron of the backpropagation derivation computes a = f(z), z = Σᵢ wᵢxᵢ + b. In a scalar graph that is
a handful of operations. ``nn`` labels its weights and biases with a ``Label`` whose ``group`` is
the neuron's name (``layers.0.neurons.2``), so a neuron is found from the graph alone, by that
public attribute (nothing here imports ``nn``, and no label text is read): its parameters, every
operation that takes one of them directly (the products wᵢxᵢ and the sum z that adds b), and the
one-input operation applied to that sum (the activation f).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from autograd_tiny.core.value import Value
from autograd_tiny.see.grouping import group_of

__all__ = ["Neuron", "find_neurons", "neuron_title"]

_SUMS = ("add", "sum")  # the operations that can add a bias: z = Σᵢ wᵢxᵢ + b


@dataclass(frozen=True)
class Neuron:
    """One neuron's part of a graph.

    Attributes:
        key: its parameters' ``group``, e.g. ``layers.0.neurons.2``.
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
    """``layers.0.neurons.2`` → ``layer 0 · neuron 2`` (``nn``'s names); other groups are kept as they are."""
    title = re.sub(r"layers\.(\d+)", r"layer \1", key)
    return re.sub(r"\.?neurons\.(\d+)", r" · neuron \1", title)


def find_neurons(order: Sequence[Value]) -> list[Neuron]:
    """The neurons of a graph given in topological order (inputs first), in the order their outputs come.

    A graph with no leaf labelled with a ``Label`` in a group has none.
    """
    group: dict[Value, str] = {}
    for node in order:
        if not node.edges:
            if group_of(node):
                group[node] = group_of(node)
            continue
        inputs = [input_ for input_, _ in node.edges if not input_.constant]
        owners = {group[x] for x in inputs if not x.edges and x in group}
        if len(owners) == 1:
            group[node] = owners.pop()
        elif not owners and len(node.edges) == 1 and inputs and inputs[0] in group and _adds_bias(inputs[0]):
            group[node] = group[inputs[0]]  # the activation f(z)
    members: dict[str, list[Value]] = {}
    for node in order:
        if node in group:
            members.setdefault(group[node], []).append(node)
    heads = {node: position for position, node in enumerate(order)}
    keys = sorted(members, key=lambda key: heads[members[key][-1]])  # layer by layer
    return [_neuron(key, members[key]) for key in keys]


def _adds_bias(node: Value) -> bool:
    """z: a sum that takes a parameter of its group directly (the bias b; weights are multiplied first)."""
    return node.op in _SUMS and any(not x.edges and group_of(x) for x, _ in node.edges)


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
