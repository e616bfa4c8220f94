"""A network diagram as an ``at.Drawing`` (a ``graphviz.Digraph``): the backpropagation derivation's picture
of a network, built with the ``graphviz`` package's ``node``, ``edge`` and ``subgraph``.

Forward: inputs and neurons as circles in layer columns, each neuron with its z, a = f(z) and
δ = ∂J/∂z, each edge with its weight w and ∂J/∂w = a·δ (the chain-rule tutorial: ∂z/∂w is the
input), and the cost J at the end. Reversed (the chain-rule tutorial's backward pass, a neuron run
backwards): the same columns, δ flowing right to left, each edge carrying w·δ and each neuron
δ = f′(z)·Σ w·δ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

import autograd_tiny as at

if TYPE_CHECKING:  # for the annotations only: diagram.py imports this module
    from nn.views.diagram import NetworkDiagram

__all__ = ["network_drawing"]

_FORWARD, _BACKWARD = "#2166ac", "#e66101"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def network_drawing(diagram: NetworkDiagram) -> at.Drawing:
    """The drawing of ``diagram`` (forward, or reversed when ``diagram.reverse``)."""
    number, back, depth = diagram.number, diagram.reverse, len(diagram.layers)
    title = "forward: z = Σ w·a + b, a = f(z)"
    if back:
        title = "the reversed network: δ = f′(z)·Σ w·δ, from the cost back"
    drawing = at.Drawing(
        "network",
        graph_attr={"rankdir": "LR", "nodesep": "0.2", "ranksep": "0.8", "fontname": "Helvetica"}
        | {"fontsize": "12", "label": title},
        node_attr={"fontname": "Helvetica", "fontsize": "10", "shape": "circle", "margin": "0.02"},
        edge_attr={"fontname": "Helvetica", "fontsize": "8", "arrowsize": "0.6"},
    )
    inputs = _column(0, "input a⁽⁰⁾ = x")
    for i, v in enumerate(diagram.x):
        inputs.node(f"u0_{i}", f"<<b>x{i + 1}</b><br/>{number(v)}>", style="filled", fillcolor="#f0f0f0")
    drawing.subgraph(inputs)  # (the inputs keep their order without help; a chain would turn it over)
    red = f'"{_BACKWARD}"'
    for level, layer in enumerate(diagram.layers, start=1):
        kind = "output" if level == depth else "hidden"
        column = _column(level, f"layer {level} ({kind}, {layer.activation})")
        for j, (z, a, delta, b) in enumerate(zip(layer.z, layer.a, layer.delta, layer.biases, strict=True)):
            values = [f"z = {number(z)}", f"a = {number(a)}"]
            rows = [*values, f"<font color={red}>δ = {number(delta)}</font>", f"b = {number(b)}"]
            if back and level < depth:
                total = sum(w * d for w, d in _downstream(diagram, level, j))
                formula = f"<font color={red}>δ = f′(z)·Σw·δ<br/>= {number(delta)}</font>"
                rows = [formula, f"Σw·δ = {number(total)}", *values]
            elif back:
                rows = [f"<font color={red}>δ = ∂J/∂a·f′(z)<br/>= {number(delta)}</font>", *values]
            column.node(f"u{level}_{j}", f"<<b>unit {j + 1}</b><br/>{'<br/>'.join(rows)}>")
        _in_order(column, level, len(layer.z))
        drawing.subgraph(column)
        for j, (weights, gradients) in enumerate(zip(layer.weights, layer.weight_gradients, strict=True)):
            for i, (w, g) in enumerate(zip(weights, gradients, strict=True)):
                if back:
                    product = (
                        f"w·δ = {number(w)}·{_factor(number(layer.delta[j]))} = {number(w * layer.delta[j])}"
                    )
                    label = f"{product if level > 1 else ''}\n∂J/∂w = a·δ = {number(g)}".strip()
                    style = {"dir": "back", "color": _BACKWARD, "fontcolor": _BACKWARD}
                else:
                    label, style = f"w = {number(w)}\n∂J/∂w = {number(g)}", {"color": _FORWARD}
                drawing.edge(f"u{level - 1}_{i}", f"u{level}_{j}", label, **style)
    cost = "J = ½‖a − y‖²" if diagram.target is not None else "J = Σ outputs"
    drawing.node(
        "cost",
        f"<<b>{_html(cost)}</b><br/>= {number(diagram.loss)}>",
        shape="box",
        style="rounded,filled",
        fillcolor="#fff2cc",
        margin="0.2,0.06",
    )
    for j, a in enumerate(diagram.layers[-1].a):
        label = "∂J/∂a = 1"
        if diagram.target is not None:
            label = f"y = {number(diagram.target[j])}\n∂J/∂a = a − y = {number(a - diagram.target[j])}"
        style = {"dir": "back", "color": _BACKWARD, "fontcolor": _BACKWARD} if back else {"color": _FORWARD}
        drawing.edge(f"u{depth}_{j}", "cost", label, **style)
    return drawing


def _column(level: int, caption: str) -> graphviz.Digraph:
    column = graphviz.Digraph(name=f"cluster_{level}")
    column.attr("graph", label=caption, style="dashed", color="#909090")
    return column


def _in_order(column: graphviz.Digraph, level: int, size: int) -> None:
    """Invisible edges that keep a column's units in order, unit 1 at the top."""
    if size > 1:
        chain = " -> ".join(f"u{level}_{j}" for j in range(size))
        column.body.append(f"\t{{ rank=same; {chain} [style=invis] }}\n")  # a chain: no graphviz call for it


def _factor(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def _downstream(diagram: NetworkDiagram, level: int, j: int) -> list[tuple[float, float]]:
    """(w, δ) for every edge from unit j of layer ``level`` to the next layer: the terms of Σ w·δ."""
    following = diagram.layers[level]  # layer level + 1 (layers are numbered from 1)
    return [(weights[j], delta) for weights, delta in zip(following.weights, following.delta, strict=True)]
