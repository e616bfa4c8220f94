"""The node and edge renderers of a drawing: a value's box, an operation's circle, an input's edge.

``Parts`` holds what every renderer of one drawing needs to know (the options, the names, which
nodes are on a highlighted path, the numbers of a frame or of a forward pass) and adds each part
to a ``graphviz`` graph with the package's own ``node`` and ``edge``, so the quoting is the
package's. ``dot.py`` walks the graph and decides where each part goes.
"""

from __future__ import annotations

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

from autograd_tiny.core.rules import RULES
from autograd_tiny.core.value import Value
from autograd_tiny.see.dot_neurons import bracketed
from autograd_tiny.see.dot_options import DrawingOptions
from autograd_tiny.see.dot_style import (
    BLANK,
    CURRENT,
    FADED,
    HIGHLIGHT,
    NAMED_OPERATION_STYLE,
    OPERATION_STYLE,
    Attributes,
    escape,
    number_format,
    plain,
    value_label,
    value_style,
)
from autograd_tiny.see.local_symbols import DIRECT, direct_mark, routes_from
from autograd_tiny.see.paths import Edge, edge_symbol, path_counts
from autograd_tiny.see.tangent_view import TangentView, tangent_view

__all__ = ["Parts", "exponent_folded"]


class Parts:
    """The renderers of one drawing of the graph under ``root``, named by ``names``.

    Raises:
        ValueError: ``options.highlight`` or ``options.forward_from`` is not part of the graph.
    """

    def __init__(self, root: Value, options: DrawingOptions, names: dict[Value, str], caller: str) -> None:
        self.root, self.options, self.names = root, options, names
        self.ids = {node: f"n{i}" for i, node in enumerate(names)}
        for what, node in (("highlight", options.highlight), ("forward_from", options.forward_from)):
            if node is not None and node not in names:
                raise ValueError(f"{caller}: {what}={node!r} is not part of the graph under root")
        highlight = options.highlight
        counts = path_counts(root, highlight) if highlight is not None else {}
        self.on_path = {node for node, count in counts.items() if count}
        wrt = options.forward_from
        self.view: TangentView | None = None if wrt is None else tangent_view(root, wrt, names)
        self.number = number_format(options.precision)
        scene = options.scene
        self.current_node, self.current_edge = (scene.current, scene.edge) if scene else (None, None)
        self.hidden = set(options.blank_grads) - {root}  # gradients written ?: the output's 1 is given
        if "grad" in options.blanks:
            self.hidden = set(names) - {root}
        known = [
            abs(g)
            for n in names
            if not n.constant and n not in self.hidden and (g := self.grad(n)) is not None
        ]
        self.largest = 0.0 if "grad" in options.blanks else max(known, default=0.0)  # white: no sign
        self.routes = routes_from(root) if options.show_local else {}
        # a forward pass's boxes show ∂node/∂x: paths from each node down to x, to mark x's edges
        self.to_wrt = path_counts(root, wrt) if wrt is not None and options.show_local else {}

    def data(self, node: Value) -> float | None:
        """The number a box shows: the node's, or the frame's (None: not computed yet)."""
        scene = self.options.scene
        return scene.values.get(node) if scene else node.data

    def grad(self, node: Value) -> float | None:
        """The gradient a box shows: the frame's, the one ``options.grads`` gives, the node's own, or
        None (not shown)."""
        scene = self.options.scene
        if scene:
            return scene.grads.get(node)
        if not self.options.show_grad:
            return None
        grads = self.options.grads
        return node.grad if grads is None else grads.get(node, 0.0)

    def fill_grad(self, node: Value) -> float | None:
        """The gradient a box's fill shows; white for a hidden one, whose colour would give its sign away."""
        return 0.0 if node in self.hidden else self.grad(node)

    def emphasis(self, on: bool, edge: bool = False) -> Attributes:
        """Orange for a part on a highlighted path, grey for the rest; nothing without a highlight."""
        if self.options.highlight is None:
            return {}
        if on:
            return {"color": HIGHLIGHT, "penwidth": "2.5"}
        return {"color": FADED, "fontcolor": FADED} if edge else {"color": FADED}

    def value_box(self, graph: graphviz.Digraph, node: Value, extra: str = "") -> None:
        """A value's box: **name** = data and its grad (or ∂node/∂x), filled by the grad's colour."""
        blanks = self.options.blanks
        style = value_style(node, node is self.root, self.largest, self.fill_grad(node))
        style |= self.emphasis(node in self.on_path)
        if node is self.current_node:
            style |= {"color": CURRENT, "penwidth": "3.5"}
        elif self.current_edge and node is self.current_edge[0].edges[self.current_edge[1]][0]:
            style |= {"color": HIGHLIGHT, "penwidth": "3.5"}
        shown = None if "data" in blanks and node.edges else self.data(node)
        blank_grad = node in self.hidden and self.options.show_grad
        label = value_label(
            self.names[node],
            shown,
            self.grad(node),
            constant=node.constant,
            number=self.number,
            blank_grad=blank_grad,
        )
        if self.view is not None:  # a forward pass: ∂node/∂x in place of the gradient
            style |= self.view.fill(node)
            label = self.view.label(node, self.names[node])
        graph.node(self.ids[node], label[:-1] + extra + ">", **style)

    def operation(self, graph: graphviz.Digraph, node: Value) -> bool:
        """The circle of the operation that made ``node``, and its edge into the box.

        Returns:
            Whether the operation is on a highlighted path (its input edges are too, if theirs are).
        """
        on = node in self.on_path and node is not self.options.highlight
        style = OPERATION_STYLE | self.emphasis(on)
        if node.op in ORDERED and not exponent_folded(node):
            style |= NAMED_OPERATION_STYLE
        if node is self.current_node:
            style |= {"color": CURRENT, "penwidth": "3"}
        operation = f"{self.ids[node]}op"
        graph.node(operation, f"<{escape(self.symbol(node))}>", **style)
        graph.edge(operation, self.ids[node], **self.emphasis(on, edge=True))
        return on

    def input_edge(
        self, place: graphviz.Digraph, edges: graphviz.Digraph, node: Value, position: int, on: bool
    ) -> None:
        """The edge from ``node``'s input at ``position`` into its operation, labelled ∂node/∂input.

        On an edge into the output the label is ∂y/∂input|direct when ∂y/∂input alone would name a
        different number (the input's gradient, through other paths too) or a hidden one
        (``see/local_symbols.py``); in a forward pass's drawing likewise ∂node/∂x|direct on an edge
        from x into a node that reaches x another way too (its box shows ∂node/∂x). A constant
        input is drawn at this use, as a grey number in ``place`` (its neuron's box, or the graph),
        with an unlabelled dashed edge: nothing differentiates a constant.
        """
        input_, local = node.edges[position]
        operation = f"{self.ids[node]}op"
        style = self.emphasis(on and input_ in self.on_path, edge=True)
        source, label = self.ids[input_], None
        scene = self.options.scene
        if input_.constant:
            source = f"{operation}in{position}"
            text = value_label(self.names[input_], None, None, constant=True)
            place.node(source, text, **value_style(input_, False, self.largest))
            style = {"style": "dashed", "color": FADED}
        elif self.options.show_local and (scene is None or node in scene.values):  # stored when computed
            output_name, input_name, mark = edge_symbol(Edge(node, input_, local, position), self.names)
            mark = direct_mark(node, input_, mark, self.root, self.routes, self.hidden)
            if not mark and input_ is self.options.forward_from and self.to_wrt.get(node, 0) > 1:
                mark = DIRECT  # the box of node shows ∂node/∂x through every path, this edge one
            shown = BLANK if "local" in self.options.blanks else self.number(local)
            label = plain(f"∂{bracketed(output_name)}/∂{bracketed(input_name)}{mark} = {shown}")
        if self.current_edge == (node, position):
            style |= {"color": CURRENT, "fontcolor": CURRENT, "penwidth": "3.5"}
        edges.edge(source, operation, label, **style)

    def symbol(self, node: Value) -> str:
        """What the operation's circle says: ``+``, ``^2`` (a folded exponent), or, where the order
        of the operands matters, the operation with their names, ``x1 − x2``, ``a ÷ b``, ``a ^ b``:
        a learner reads which edge is subtracted, or divides, by the name at its tail."""
        if exponent_folded(node):
            return f"^{self.number(node.edges[1][0].data)}"
        symbol = RULES[node.op].symbol
        if node.op not in ORDERED:
            return symbol
        first, second = (
            self.number(x.data) if x.constant else bracketed(self.names[x]) for x, _ in node.edges
        )
        return f"{first} {symbol} {second}"


ORDERED = ("sub", "div", "pow")
"""The operations whose circle names their operands, since a − b ≠ b − a."""


def exponent_folded(node: Value) -> bool:
    """``x**2``: a constant exponent is written in the operation's symbol rather than drawn."""
    return node.op == "pow" and node.edges[1][0].constant
