"""``to_dot``: a graph as Graphviz DOT text, seed 004's structure diagram with values and local derivatives.

Every value is a box showing its name, data and grad; every operation is a small circle with its
symbol from ``RULES``; every edge into an operation is labelled with its local derivative
∂output/∂input (seed 001's forward pass), so the picture shows both halves of seed 004's rule. The
text is deterministic: node ids and names come from traversal position, never from ``id()``.
"""

from __future__ import annotations

from collections.abc import Collection

from autograd_tiny.formatting import format_number
from autograd_tiny.rules import RULES
from autograd_tiny.see.dot_style import (
    BLANK,
    EDGE_DEFAULTS,
    FADED,
    HIGHLIGHT,
    NODE_DEFAULTS,
    OPERATION_STYLE,
    escape,
    line,
    quote,
    value_label,
    value_style,
)
from autograd_tiny.see.naming import node_names
from autograd_tiny.see.paths import Edge, edge_symbol, path_counts
from autograd_tiny.value import Value

__all__ = ["BLANKABLE", "RANKDIRS", "to_dot"]

RANKDIRS = ("LR", "RL", "TB", "BT")
BLANKABLE = ("data", "grad", "local")  # what an exercise may leave for the learner to fill in


def to_dot(
    root: Value,
    *,
    show_grad: bool = True,
    show_local: bool = True,
    highlight: Value | None = None,
    rankdir: str = "LR",
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
        rankdir: ``"LR"`` (inputs on the left), ``"RL"``, ``"TB"`` or ``"BT"``.
        blanks: what to write as ``?`` for a learner to fill in (an exercise): ``"data"`` (the
            value of every node but the inputs), ``"grad"`` (every gradient but the output's 1;
            the fill then stays white, since its colour would give the sign away), ``"local"``
            (the local derivative on every edge).

    Returns:
        The DOT source.

    Raises:
        TypeError: ``root`` or ``highlight`` is not a ``Value``, or a flag is not a bool.
        ValueError: ``highlight`` is not part of the graph, ``rankdir`` is unknown, or ``blanks``
            names something other than ``BLANKABLE``.
    """
    _check(root, show_grad, show_local, rankdir)
    hidden = _blanks(blanks)
    names = node_names(root)
    ids = {node: f"n{i}" for i, node in enumerate(names)}
    on_path = _on_path(root, highlight, names)
    largest = max((abs(n.grad) for n in names if not n.constant), default=0.0) if show_grad else 0.0
    if "grad" in hidden:
        largest = 0.0  # white: a colour would give the gradient's sign away
    caption = []
    if show_grad and "grad" not in hidden:
        caption.append("fill: grad (blue > 0, red < 0, darker = larger)")
    if highlight is not None:
        caption.append(f"orange: the paths from {names[root]} to {names[highlight]}")
    graph = [f"rankdir={rankdir}", "nodesep=0.25", "ranksep=0.35", 'fontname="Helvetica"', "fontsize=11"]
    if caption:
        graph.append(f'label="{quote("; ".join(caption))}"')
    lines = ["digraph autograd {\n", line("graph", graph), NODE_DEFAULTS, EDGE_DEFAULTS]

    def emphasis(on: bool, edge: bool = False) -> list[str]:
        if highlight is None:
            return []
        if on:
            return [f"color={HIGHLIGHT}", "penwidth=2.5"]
        return [f"color={FADED}", f"fontcolor={FADED}"] if edge else [f"color={FADED}"]

    for node in names:
        if node.constant and node is not root:
            continue  # drawn at each use, below (the same constant may serve many operations)
        style = value_style(node, node is root, largest) + emphasis(node in on_path)
        blank = ("data" in hidden and bool(node.edges), "grad" in hidden and node is not root)
        label = value_label(node, names[node], show_grad, *blank)
        lines.append(line(ids[node], [*style, f"label=<{label}>"]))
        if not node.edges:
            continue
        op, op_on_path = f"{ids[node]}op", node in on_path and node is not highlight
        lines.append(line(op, [*OPERATION_STYLE, *emphasis(op_on_path), f"label=<{escape(_symbol(node))}>"]))
        lines.append(line(f"{op} -> {ids[node]}", emphasis(op_on_path, edge=True)))
        for position, (input_, local) in enumerate(node.edges):
            if position and _exponent_folded(node):
                continue
            style = emphasis(op_on_path and input_ in on_path, edge=True)
            source = ids[input_]
            if input_.constant:
                source = f"{op}in{position}"
                label = value_label(input_, names[input_], show_grad)
                lines.append(line(source, [*value_style(input_, False, largest), f"label=<{label}>"]))
                style = ["style=dashed", f"color={FADED}"]
            elif show_local:
                symbol = "∂{}/∂{}{}".format(*edge_symbol(Edge(node, input_, local, position), names))
                number = BLANK if "local" in hidden else format_number(local)
                style = [f'label="{quote(symbol)} = {number}"', *style]
            lines.append(line(f"{source} -> {op}", style))
    return "".join(lines) + "}\n"


def _exponent_folded(node: Value) -> bool:
    """``x**2``: a constant exponent is written in the operation's symbol rather than drawn."""
    return node.op == "pow" and node.edges[1][0].constant


def _symbol(node: Value) -> str:
    if _exponent_folded(node):
        return f"^{format_number(node.edges[1][0].data)}"
    return RULES[node.op].symbol


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


def _blanks(blanks: object) -> frozenset[str]:
    if isinstance(blanks, str) or not isinstance(blanks, Collection):
        raise TypeError(f"to_dot: blanks must be a collection such as ('grad',), got {blanks!r}")
    unknown = [item for item in blanks if item not in BLANKABLE]
    if unknown:
        raise ValueError(f"to_dot: blanks may hold {', '.join(BLANKABLE)}, not {unknown[0]!r}")
    return frozenset(blanks)


def _check(root: object, show_grad: object, show_local: object, rankdir: object) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"to_dot: root must be a Value, got {type(root).__name__} {root!r}")
    for what, flag in (("show_grad", show_grad), ("show_local", show_local)):
        if not isinstance(flag, bool):
            raise TypeError(f"to_dot: {what} must be True or False, got {type(flag).__name__} {flag!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"to_dot: rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
