"""A graph as a ``Drawing`` (a ``graphviz.Digraph``): the composite-function tutorial's structure diagram.

Every value is a box showing its name, data and grad; every operation is a small circle with its
symbol from ``RULES``; every edge into an operation is labelled with its local derivative
∂output/∂input (the chain-rule tutorial's forward pass), so the picture shows both halves of the
rule ∂y/∂x = Σ local × upstream; on an edge into the output whose input reaches it another way too,
∂y/∂x2|direct, so that no edge reads as a box's gradient ∂y/∂x2 (``see/local_symbols.py``). An
operation whose operands' order matters is written with their names, ``x1 − x2``. A network's
neurons (parameters whose ``Label`` has one ``group``) are boxed or collapsed to one node each.
The graph is built with the ``graphviz`` package's ``node``, ``edge`` and ``subgraph``
(``dot_parts.py`` renders each part); its text is deterministic: node ids and names come from
traversal position, never from ``id()``.
"""

from __future__ import annotations

from collections.abc import Mapping

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

from autograd_tiny.core.value import Value
from autograd_tiny.see.digraph import Drawing
from autograd_tiny.see.dot_neurons import cluster, collapsed_edges, short_parameter_names
from autograd_tiny.see.dot_options import DrawingOptions, options_from
from autograd_tiny.see.dot_parts import Parts, exponent_folded
from autograd_tiny.see.dot_style import EDGE_DEFAULTS, GRAPH_DEFAULTS, NODE_DEFAULTS, escape, plain
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.neurons import find_neurons, neuron_title
from autograd_tiny.see.tangent_view import TangentView

__all__ = ["drawing_of", "to_dot"]

_AUTO_DEPTH = 6  # "auto": more operations than this on the longest path is drawn top to bottom


def to_dot(root: Value, options: DrawingOptions | None = None, /, **choices: object) -> str:
    """The graph under ``root`` as DOT text, byte-for-byte the same on every run; no size bound.

    ``to_dot(y, show_grad=False)`` is ``draw(y, show_grad=False, max_nodes=None,
    max_edges=None).source``: the same options (``DrawingOptions``), the same text.

    Raises:
        TypeError, ValueError: as for ``DrawingOptions``, or ``root`` is not a ``Value``.
    """
    return drawing_of(root, options_from(options, choices, "to_dot"), "to_dot").source  # type: ignore[no-any-return]


def drawing_of(root: Value, options: DrawingOptions, caller: str) -> Drawing:
    """The ``Drawing`` of the graph under ``root`` (``draw`` checks its size first).

    Inputs and parameters are boxes with a thick border, other values rounded boxes, the output a
    double border, constants plain grey numbers drawn apart at each use (an exponent such as the 2
    of ``x**2`` is written in the operation, ``^2``). With ``show_grad`` the fill shows ``.grad``:
    blue for positive, red for negative, darker for larger. Edges from constants carry no label:
    nothing differentiates them.

    Raises:
        TypeError: ``root`` is not a ``Value``.
        ValueError: ``options.highlight`` or ``options.forward_from`` is not part of the graph.
    """
    if not isinstance(root, Value):
        raise TypeError(f"{caller}: root must be a Value, got {type(root).__name__} {root!r}")
    names = node_names(root)
    found = find_neurons(list(names)) if options.neurons != "none" else []
    if options.neurons == "box":
        names = short_parameter_names(names, found)
    parts = Parts(root, options, names, caller)
    boxes = [cluster(k, neuron) for k, neuron in enumerate(found)] if options.neurons == "box" else []
    owner = {member: boxes[k] for k, neuron in enumerate(found) for member in neuron.members} if boxes else {}
    collapsed = {neuron.head: neuron for neuron in found} if options.neurons == "collapse" else {}
    hidden = {member for neuron in collapsed.values() for member in neuron.members} - set(collapsed)
    rest = graphviz.Digraph()  # the nodes outside any box, then every edge, in the order of the walk
    for node in names:
        if (node.constant and node is not root) or node in hidden:
            continue  # a constant is drawn at each use, below (it may serve many operations)
        place = owner.get(node, rest)
        if node in collapsed:
            title = escape(neuron_title(collapsed[node].key))
            parts.value_box(place, node, f'<br/><font point-size="9">{title}</font>')
            collapsed_edges(rest, collapsed[node], parts.ids, names, parts.number, options.show_local)
            continue
        parts.value_box(place, node)
        if not node.edges:
            continue
        on = parts.operation(place, node)
        for position in range(len(node.edges)):
            if not (position and exponent_folded(node)):
                parts.input_edge(place, rest, node, position, on)
    drawing = Drawing(
        "autograd",
        graph_attr=_graph_attributes(root, names, options, parts.view),
        node_attr=NODE_DEFAULTS,
        edge_attr=EDGE_DEFAULTS,
    )
    for box in boxes:
        if box.body[1:]:  # more than its own attributes: a collapsed neuron's box stays empty
            drawing.subgraph(box)
    drawing.body += rest.body
    return drawing


def _graph_attributes(
    root: Value, names: dict[Value, str], options: DrawingOptions, view: TangentView | None
) -> Mapping[str, str]:
    caption = []
    if options.scene is not None:  # a frame of a pass
        caption.append(options.scene.caption)
    elif view is not None:  # a forward pass's tangents
        caption.append(view.caption)
    elif options.show_grad and "grad" not in options.blanks:
        caption.append(f"grad = ∂{names[root]}/∂(that value); fill: blue > 0, red < 0, darker = larger")
    if options.highlight is not None:
        caption.append(f"orange: the paths from {names[root]} to {names[options.highlight]}")
    rankdir = options.rankdir
    if rankdir == "auto":
        rankdir = "TB" if _depth(names) > _AUTO_DEPTH else "LR"
    graph = {"rankdir": rankdir, **GRAPH_DEFAULTS}
    caption = [text for text in caption if text]
    if caption:
        graph["label"] = plain("; ".join(caption))
    return graph


def _depth(names: dict[Value, str]) -> int:
    """The number of operations on the longest path from an input to the output."""
    level: dict[Value, int] = {}
    for node in names:  # inputs first
        level[node] = 1 + max((level[x] for x, _ in node.edges), default=-1)
    return max(level.values(), default=0)
