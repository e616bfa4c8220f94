"""How a drawing shows a network's neurons: a dashed box per neuron, or one node per neuron.

The neurons are those of the backpropagation derivation, a = f(Σᵢ wᵢxᵢ + b), found by
``neurons.find_neurons`` from the ``group`` of their parameters' ``Label``s. Kept apart from ``dot.py``,
which walks the graph, as ``dot_style.py`` keeps the look apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

from autograd_tiny.core.value import Value
from autograd_tiny.see.dot_style import FADED, plain, value_label, value_style
from autograd_tiny.see.grouping import group_of, short_name
from autograd_tiny.see.neurons import Neuron, neuron_title

__all__ = ["bracketed", "cluster", "collapsed_edges", "short_parameter_names"]

_SIMPLE_NAME = re.compile(r"[\w′″]+")


def cluster(k: int, neuron: Neuron) -> graphviz.Digraph:
    """An empty dashed box titled ``layer 0 · neuron 2``, for the neuron's nodes."""
    box = graphviz.Digraph(name=f"cluster_{k}")
    box.attr(
        "graph",
        label=plain(neuron_title(neuron.key)),
        style="rounded,dashed",
        color="#909090",
        fontsize="10",
    )
    return box


def collapsed_edges(
    graph: graphviz.Digraph,
    neuron: Neuron,
    ids: dict[Value, str],
    names: dict[Value, str],
    number: Callable[[float], str],
    show_local: bool,
) -> None:
    """One edge per input of a collapsed neuron, labelled ∂a/∂input (summed over the inner paths).

    A constant it reads (an example's number) is drawn as a grey number with an unlabelled dashed
    edge, as constants are everywhere: nothing differentiates them.
    """
    head = bracketed(names[neuron.head])
    for input_, local in neuron.inputs.items():
        label = f"∂{head}/∂{bracketed(names[input_])} = {number(local)}" if show_local else None
        graph.edge(ids[input_], ids[neuron.head], label=None if label is None else plain(label))
    for k, constant in enumerate(neuron.constants):
        source = f"{ids[neuron.head]}in{k}"
        text = value_label(names[constant], None, None, constant=True)
        graph.node(source, text, **value_style(constant, False, 0.0))
        graph.edge(source, ids[neuron.head], style="dashed", color=FADED)


def short_parameter_names(names: dict[Value, str], found: list[Neuron]) -> dict[Value, str]:
    """Inside its neuron's box a parameter is ``w0``, ``w1``, …, ``b`` (``grouping.short_name``),
    unless another node has that name (``node_names`` gives no unlabelled node such a name)."""
    parameters = {member for neuron in found for member in neuron.members if group_of(member)}
    others = {name for node, name in names.items() if node not in parameters}
    short = {node: short_name(node) for node in parameters}
    return {
        node: short[node] if node in short and short[node] not in others else name
        for node, name in names.items()
    }


def bracketed(name: str) -> str:
    """A node name as it reads inside ∂…/∂…: ``x1``, but ``(x1·w1)``, never ``∂x1·w1/∂x1``."""
    return name if _SIMPLE_NAME.fullmatch(name) else f"({name})"
