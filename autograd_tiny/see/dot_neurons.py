"""How a drawing shows a network's neurons: a dashed box per neuron, or one node per neuron.

The neurons are those of the backpropagation derivation, a = f(Σᵢ wᵢxᵢ + b), found by
``neurons.find_neurons``. Kept apart from ``dot.py``, which walks the graph, as ``dot_style.py`` keeps
the look apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from autograd_tiny.core.value import Value
from autograd_tiny.see.dot_style import FADED, line, quote, value_label, value_style
from autograd_tiny.see.neurons import Neuron, neuron_title, short_name

__all__ = ["bracketed", "cluster", "collapsed_edges", "short_parameter_names"]

_SIMPLE_NAME = re.compile(r"[\w′″]+")


def cluster(k: int, neuron: Neuron, block: list[str]) -> str:
    """A neuron's nodes in a dashed box titled ``layer 0 · neuron 2`` (nothing when collapsed)."""
    if not block:
        return ""
    title = quote(neuron_title(neuron.key))
    style = f'label="{title}", style="rounded,dashed", color="#909090", fontsize=10'
    head = f"  subgraph cluster_{k} {{\n    graph [{style}]\n"
    return head + "".join("  " + text for text in block) + "  }\n"


def collapsed_edges(
    neuron: Neuron,
    ids: dict[Value, str],
    names: dict[Value, str],
    number: Callable[[float], str],
    show_local: bool,
    edges: list[str],
) -> None:
    """One edge per input of a collapsed neuron, labelled ∂a/∂input (summed over the inner paths).

    A constant it reads (an example's number) is drawn as a grey number with an unlabelled dashed
    edge, as constants are everywhere: nothing differentiates them.
    """
    head = bracketed(names[neuron.head])
    for input_, local in neuron.inputs.items():
        symbol = quote(f"∂{head}/∂{bracketed(names[input_])}")
        label = [f'label="{symbol} = {number(local)}"'] if show_local else []
        edges.append(line(f"{ids[input_]} -> {ids[neuron.head]}", label))
    for k, constant in enumerate(neuron.constants):
        source = f"{ids[neuron.head]}in{k}"
        text = value_label(names[constant], None, None, constant=True)
        edges.append(line(source, [*value_style(constant, False, 0.0), f"label=<{text}>"]))
        edges.append(line(f"{source} -> {ids[neuron.head]}", ["style=dashed", f"color={FADED}"]))


def short_parameter_names(names: dict[Value, str], found: list[Neuron]) -> dict[Value, str]:
    """Inside its neuron's box a parameter is ``w0``, ``w1``, …, ``b``, unless another node has that name."""
    parameters = {member for neuron in found for member in neuron.members if not member.edges}
    others = {name for node, name in names.items() if node not in parameters}
    short = {node: short_name(names[node]) for node in parameters}
    return {
        node: short[node] if node in short and short[node] not in others else name
        for node, name in names.items()
    }


def bracketed(name: str) -> str:
    """A node name as it reads inside ∂…/∂…: ``x1``, but ``(x1·w1)``, never ``∂x1·w1/∂x1``."""
    return name if _SIMPLE_NAME.fullmatch(name) else f"({name})"
