"""``to_dot``: a graph as Graphviz DOT text, the composite-function tutorial's structure diagram.

Every value is a box showing its name, data and grad; every operation is a small circle with its
symbol from ``RULES``; every edge into an operation is labelled with its local derivative
∂output/∂input (the chain-rule tutorial's forward pass), so the picture shows both halves of the
rule ∂y/∂x = Σ local × upstream. A network's neurons (found by ``neurons.find_neurons``) are boxed
or collapsed to one node each. The text is deterministic: node ids and names come from traversal
position, never from ``id()``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from autograd_tiny.core.rules import RULES
from autograd_tiny.core.value import Value
from autograd_tiny.see.dot_neurons import bracketed, cluster, collapsed_edges, short_parameter_names
from autograd_tiny.see.dot_style import (
    BLANK,
    CURRENT,
    EDGE_DEFAULTS,
    FADED,
    HIGHLIGHT,
    NODE_DEFAULTS,
    OPERATION_STYLE,
    escape,
    line,
    number_format,
    quote,
    value_label,
    value_style,
)
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.neurons import find_neurons, neuron_title
from autograd_tiny.see.paths import Edge, edge_symbol, path_counts
from autograd_tiny.see.scene import Scene
from autograd_tiny.see.tangent_view import tangent_view

__all__ = ["BLANKABLE", "NEURON_MODES", "RANKDIRS", "to_dot"]

RANKDIRS = ("LR", "RL", "TB", "BT", "auto")
NEURON_MODES = ("box", "collapse", "none")
BLANKABLE = ("data", "grad", "local")  # what an exercise may leave for the learner to fill in
_AUTO_DEPTH = 6  # "auto": more operations than this on the longest path is drawn top to bottom


def to_dot(
    root: Value,
    *,
    show_grad: bool = True,
    show_local: bool = True,
    highlight: Value | None = None,
    rankdir: str = "LR",
    precision: int | None = 3,
    neurons: str = "box",
    scene: Scene | None = None,
    forward_from: Value | None = None,
    blanks: Collection[str] = (),
) -> str:
    """The graph under ``root`` as DOT text, byte-for-byte the same on every run.

    Inputs and parameters are boxes with a thick border, other values rounded boxes, the output a
    double border, constants plain grey numbers drawn apart at each use (an exponent such as the 2
    of ``x**2`` is written in the operation, ``^2``). With ``show_grad`` the fill shows ``.grad``:
    blue for positive, red for negative, darker for larger. Edges from constants carry no label:
    nothing differentiates them.

    Args:
        root: the output of the graph; call ``root.backward()`` first to see gradients.
        show_grad: write each value's ``.grad`` and colour it by sign and size.
        show_local: label each edge with its local derivative, e.g. ``∂a/∂x2 = 1``.
        highlight: a node under ``root``: emphasise every path from ``root`` down to it.
        rankdir: ``"LR"`` (inputs on the left), ``"RL"``, ``"TB"``, ``"BT"``, or ``"auto"``: left to
            right for a shallow graph, top to bottom for a deep one, so it fits a notebook's width.
        precision: significant digits of every number (None: six, as ``print(trace)`` writes them).
        neurons: ``"box"`` draws each neuron of an ``nn`` model (its parameters are labelled
            ``….w0``, ``….b``) in a box of its own, ``"collapse"`` as one node a = f(z) with an edge
            per input labelled ∂a/∂input, ``"none"`` as plain operations.
        scene: draw a frame of a pass instead of the graph's own numbers (``frames`` makes them).
        forward_from: a node x under ``root``: show forward mode's ∂node/∂x on every value, in
            place of its gradient (``see/tangent_view.py``).
        blanks: what to write as ``?`` for a learner to fill in (an exercise): ``"data"`` (the
            value of every node but the inputs), ``"grad"`` (every gradient but the output's 1;
            the fill then stays white, since its colour would give the sign away), ``"local"``
            (the local derivative on every edge).

    Returns:
        The DOT source.

    Raises:
        TypeError: ``root`` or ``highlight`` is not a ``Value``, or a flag is not a bool.
        ValueError: ``highlight`` or ``forward_from`` is not part of the graph, or ``rankdir``,
            ``precision``, ``neurons`` or ``blanks`` is not one of the values above.
    """
    _check(root, show_grad, show_local, rankdir, neurons)
    blanked = _blanks(blanks)
    number = number_format(precision)
    names = node_names(root)
    ids = {node: f"n{i}" for i, node in enumerate(names)}
    on_path = _on_path(root, highlight, names)
    view = None if forward_from is None else tangent_view(root, forward_from, names)
    found = find_neurons(list(names)) if neurons != "none" else []
    if neurons == "box":
        names = short_parameter_names(names, found)
    owner = {member: k for k, neuron in enumerate(found) for member in neuron.members}
    collapsed = {neuron.head: neuron for neuron in found} if neurons == "collapse" else {}
    hidden = {member for neuron in collapsed.values() for member in neuron.members} - set(collapsed)
    data: Callable[[Value], float | None] = (lambda n: scene.values.get(n)) if scene else (lambda n: n.data)
    grad: Callable[[Value], float | None] = (
        (lambda n: scene.grads.get(n)) if scene else (lambda n: n.grad if show_grad else None)
    )
    known = [abs(g) for n in names if not n.constant and (g := grad(n)) is not None]
    largest = 0.0 if "grad" in blanked else max(known, default=0.0)  # white: no sign given away
    current_node, current_edge = (scene.current, scene.edge) if scene else (None, None)
    blocks: list[list[str]] = [[] for _ in found]
    edges: list[str] = []

    def emphasis(on: bool, edge: bool = False) -> list[str]:
        if highlight is None:
            return []
        if on:
            return [f"color={HIGHLIGHT}", "penwidth=2.5"]
        return [f"color={FADED}", f"fontcolor={FADED}"] if edge else [f"color={FADED}"]

    def place(node: Value, text: str) -> None:
        (blocks[owner[node]] if node in owner and neurons == "box" else edges).append(text)

    def box(node: Value, extra: str = "") -> None:
        style = value_style(node, node is root, largest, grad(node)) + emphasis(node in on_path)
        if node is current_node:
            style += [f"color={CURRENT}", "penwidth=3.5"]
        elif current_edge and node is current_edge[0].edges[current_edge[1]][0]:
            style += [f"color={HIGHLIGHT}", "penwidth=3.5"]
        shown = None if "data" in blanked and node.edges else data(node)
        blank_grad = "grad" in blanked and node is not root and show_grad
        label = value_label(
            names[node], shown, grad(node), constant=node.constant, number=number, blank_grad=blank_grad
        )
        if view is not None:  # a forward pass: ∂node/∂x in place of the gradient
            style, label = style + view.fill(node), view.label(node, names[node])
        place(node, line(ids[node], [*style, f"label=<{label}{extra}>"]))

    for node in names:
        if (node.constant and node is not root) or node in hidden:
            continue  # a constant is drawn at each use, below (it may serve many operations)
        if node in collapsed:
            box(node, f'<br/><font point-size="9">{escape(neuron_title(collapsed[node].key))}</font>')
            collapsed_edges(collapsed[node], ids, names, number, show_local, edges)
            continue
        box(node)
        if not node.edges:
            continue
        op, op_on_path = f"{ids[node]}op", node in on_path and node is not highlight
        is_current = node is current_node
        op_style = [
            *OPERATION_STYLE,
            *emphasis(op_on_path),
            *([f"color={CURRENT}", "penwidth=3"] * is_current),
        ]
        place(node, line(op, [*op_style, f"label=<{escape(_symbol(node, number))}>"]))
        edges.append(line(f"{op} -> {ids[node]}", emphasis(op_on_path, edge=True)))
        for position, (input_, local) in enumerate(node.edges):
            if position and _exponent_folded(node):
                continue
            style = emphasis(op_on_path and input_ in on_path, edge=True)
            source = ids[input_]
            if input_.constant:
                source = f"{op}in{position}"
                label = value_label(names[input_], None, None, constant=True)
                place(node, line(source, [*value_style(input_, False, largest), f"label=<{label}>"]))
                style = ["style=dashed", f"color={FADED}"]
            elif show_local and (scene is None or node in scene.values):  # stored when node is computed
                output_name, input_name, mark = edge_symbol(Edge(node, input_, local, position), names)
                symbol = f"∂{bracketed(output_name)}/∂{bracketed(input_name)}{mark}"
                shown_local = BLANK if "local" in blanked else number(local)
                style = [f'label="{quote(symbol)} = {shown_local}"', *style]
            if current_edge == (node, position):
                style += [f"color={CURRENT}", f"fontcolor={CURRENT}", "penwidth=3.5"]
            edges.append(line(f"{source} -> {op}", style))
    caption = scene.caption if scene is not None else view.caption if view is not None else None
    graph = _graph_attributes(root, names, rankdir, show_grad and "grad" not in blanked, highlight, caption)
    clusters = [
        cluster(k, neuron, block) for k, (neuron, block) in enumerate(zip(found, blocks, strict=True))
    ]
    return (
        "".join(
            ["digraph autograd {\n", line("graph", graph), NODE_DEFAULTS, EDGE_DEFAULTS, *clusters, *edges]
        )
        + "}\n"
    )


def _graph_attributes(
    root: Value,
    names: dict[Value, str],
    rankdir: str,
    show_grad: bool,
    highlight: Value | None,
    pass_caption: str | None,
) -> list[str]:
    caption = []
    if pass_caption is not None:  # a frame of a pass, or a forward pass's tangents
        caption.append(pass_caption)
    elif show_grad:
        caption.append("fill: grad (blue > 0, red < 0, darker = larger)")
    if highlight is not None:
        caption.append(f"orange: the paths from {names[root]} to {names[highlight]}")
    if rankdir == "auto":
        rankdir = "TB" if _depth(names) > _AUTO_DEPTH else "LR"
    graph = [f"rankdir={rankdir}", "nodesep=0.25", "ranksep=0.35", 'fontname="Helvetica"', "fontsize=11"]
    caption = [text for text in caption if text]
    if caption:
        graph.append(f'label="{quote("; ".join(caption))}"')
    return graph


def _depth(names: dict[Value, str]) -> int:
    """The number of operations on the longest path from an input to the output."""
    level: dict[Value, int] = {}
    for node in names:  # inputs first
        level[node] = 1 + max((level[x] for x, _ in node.edges), default=-1)
    return max(level.values(), default=0)


def _exponent_folded(node: Value) -> bool:
    """``x**2``: a constant exponent is written in the operation's symbol rather than drawn."""
    return node.op == "pow" and node.edges[1][0].constant


def _symbol(node: Value, number: Callable[[float], str]) -> str:
    if _exponent_folded(node):
        return f"^{number(node.edges[1][0].data)}"
    return RULES[node.op].symbol


def _blanks(blanks: object) -> frozenset[str]:
    if isinstance(blanks, str) or not isinstance(blanks, Collection):
        raise TypeError(f"to_dot: blanks must be a collection such as ('grad',), got {blanks!r}")
    unknown = [item for item in blanks if item not in BLANKABLE]
    if unknown:
        raise ValueError(f"to_dot: blanks may hold {', '.join(BLANKABLE)}, not {unknown[0]!r}")
    return frozenset(blanks)


def _on_path(root: Value, highlight: Value | None, names: dict[Value, str]) -> set[Value]:
    if highlight is None:
        return set()
    if not isinstance(highlight, Value):
        raise TypeError(
            f"to_dot: highlight must be a Value or None, got {type(highlight).__name__} {highlight!r}"
        )
    if highlight not in names:
        raise ValueError(f"to_dot: highlight={highlight!r} is not part of the graph under root")
    return {node for node, count in path_counts(root, highlight).items() if count}


def _check(root: object, show_grad: object, show_local: object, rankdir: object, neurons: object) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"to_dot: root must be a Value, got {type(root).__name__} {root!r}")
    for what, flag in (("show_grad", show_grad), ("show_local", show_local)):
        if not isinstance(flag, bool):
            raise TypeError(f"to_dot: {what} must be True or False, got {type(flag).__name__} {flag!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"to_dot: rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    if neurons not in NEURON_MODES:
        raise ValueError(f"to_dot: neurons must be one of {', '.join(NEURON_MODES)}, got {neurons!r}")
