"""A network diagram as an ``at.Drawing`` (a ``graphviz.Digraph``): the backpropagation derivation's picture
of a network, built with the ``graphviz`` package's ``node`` and ``edge``.

Layers are numbered as the derivation numbers them: layer 1 is the input (a⁽¹⁾ = x), W⁽ˡ⁾ maps
layer l to layer l + 1. Forward: inputs and neurons as circles in layer columns, each neuron with
its z⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾), δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾, its bias, its incoming weights w, the inputs a⁽ˡ⁻¹⁾
they multiply (the previous layer's a, written out in the unit) and their ∂J/∂w = a⁽ˡ⁻¹⁾·δ⁽ˡ⁾ (the
chain-rule tutorial: ∂z/∂w is the input, not the unit's own a); the cost J at the end. The
numbers sit in the units, not on the edges, so that edges that cross carry no floating labels.
Reversed (the chain-rule tutorial's backward pass, a neuron run backwards): the same columns, δ
flowing right to left, each hidden neuron with δ = f′(z)·Σ w·δ and the terms of its sum written out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import autograd_tiny as at

if TYPE_CHECKING:  # for the annotations only: diagram.py imports this module
    from nn.views.diagram import NetworkDiagram

__all__ = ["layer_mark", "network_drawing"]

_FORWARD, _BACKWARD = "#2166ac", "#e66101"
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def layer_mark(level: int) -> str:
    """``⁽²⁾``: a layer's number as the tutorials write it, a superscript in brackets."""
    return f"⁽{str(level).translate(_SUPERSCRIPTS)}⁾"


def _plain_mark(level: int) -> str:
    """``(2)``: a layer's number in a drawing, in plain brackets as the lessons' printouts write it
    (common fonts, which a PNG still of the drawing falls back to, lack the superscript brackets)."""
    return f"({level})"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def network_drawing(diagram: NetworkDiagram) -> at.Drawing:
    """The drawing of ``diagram`` (forward, or reversed when ``diagram.reverse``).

    Each layer is one node, a table with a cell per unit: the units keep their order (unit 1 at the
    top) whatever the edges between the layers, and each edge joins two cells.
    """
    number, back, depth = diagram.number, diagram.reverse, len(diagram.layers)
    title = "forward: z = Σ w·a + b, a = f(z)"
    if back:
        title = "the reversed network: δ = f′(z)·Σ w·δ, from the cost back"
    drawing = at.Drawing(
        "network",
        graph_attr={
            "rankdir": "LR",
            "ranksep": "0.5",
            "fontname": "Helvetica",
            "fontsize": "12",
            "label": title,
        },
        node_attr={"fontname": "Helvetica", "fontsize": "10", "shape": "plain"},
        edge_attr={"arrowsize": "0.6"},
    )
    style = {"dir": "back", "color": _BACKWARD} if back else {"color": _FORWARD}
    inputs = [(f"<b>x{i + 1}</b><br/>{number(v)}", ' BGCOLOR="#f0f0f0"') for i, v in enumerate(diagram.x)]
    _layer_node(drawing, 0, f"layer 1: input<br/>a{_plain_mark(1)} = x", inputs)
    for level, layer in enumerate(diagram.layers, start=1):
        kind = "output" if level == depth else "hidden"
        units = []
        this, before = _plain_mark(level + 1), _plain_mark(level)
        incoming = ", ".join(number(v) for v in (diagram.x if level == 1 else diagram.layers[level - 2].a))
        inputs_row = f"inputs a{before} =<br/>{incoming}"
        for j, (z, a, delta, b) in enumerate(zip(layer.z, layer.a, layer.delta, layer.biases, strict=True)):
            weights = ", ".join(number(w) for w in layer.weights[j])
            gradient_values = ", ".join(number(g) for g in layer.weight_gradients[j])
            gradients = f"∂J/∂w = a{before}·δ{this} =<br/>{gradient_values}"
            values = [f"z{this} = {number(z)}", f"a{this} = {number(a)}"]
            if level == depth:
                values.append(_output_gradient(diagram, j))
            if not back:
                rows = [*values, _orange(f"δ{this} = {number(delta)}"), f"b = {number(b)}", f"w = {weights}"]
                rows += [inputs_row, gradients]
            else:
                f_prime = f"f′(z) = {number(layer.derivatives[j])}"
                if level < depth:
                    terms = [f"{number(w)}·{_factor(number(d))}" for w, d in _downstream(diagram, level, j)]
                    total = sum(w * d for w, d in _downstream(diagram, level, j))
                    rows = [_orange(f"δ{this} = f′(z)·Σw·δ<br/>= {number(delta)}"), f_prime]
                    rows.append("Σw·δ =<br/>" + "<br/>+ ".join(terms) + f"<br/>= {number(total)}")
                else:
                    rows = [_orange(f"δ{this} = ∂J/∂a·f′(z)<br/>= {number(delta)}"), f_prime]
                rows += [*values, inputs_row, gradients]
            units.append((f"<b>unit {j + 1}</b><br/>{'<br/>'.join(rows)}", ""))
        _layer_node(drawing, level, f"layer {level + 1}<br/>{kind}, {layer.activation}", units)
        for j in range(len(layer.weights)):
            for i in range(len(layer.weights[j])):
                drawing.edge(f"L{level - 1}:u{i}:e", f"L{level}:u{j}:w", **style)
    cost = "J = ½·Σ (a − y)²" if diagram.target is not None else "J = Σ outputs"
    target = "" if diagram.target is None else "<br/>y = " + ", ".join(number(t) for t in diagram.target)
    label = f"<<b>{_html(cost)}</b><br/>= {number(diagram.loss)}{target}>"
    drawing.node("cost", label, shape="box", style="rounded,filled", fillcolor="#fff2cc", margin="0.2,0.06")
    for j in range(len(diagram.layers[-1].a)):
        drawing.edge(f"L{depth}:u{j}:e", "cost", **style)
    return drawing


def _layer_node(drawing: at.Drawing, level: int, caption: str, units: list[tuple[str, str]]) -> None:
    """A layer as one node: a dashed table, its caption on top, then one rounded cell per unit."""
    cells = "".join(
        f'<TR><TD PORT="u{j}" BORDER="1" STYLE="rounded" CELLPADDING="3"{extra}>{text}</TD></TR>'
        for j, (text, extra) in enumerate(units)
    )
    table = (
        '<TABLE BORDER="1" STYLE="dashed" COLOR="#909090" CELLBORDER="0" CELLSPACING="4">'
        f'<TR><TD BORDER="0"><FONT POINT-SIZE="11">{caption}</FONT></TD></TR>{cells}</TABLE>'
    )
    drawing.node(f"L{level}", f"<{table}>")


def _output_gradient(diagram: NetworkDiagram, j: int) -> str:
    """∂J/∂a of output unit j: a − y for J = ½‖a − y‖², 1 for J = Σ outputs."""
    if diagram.target is None:
        return "∂J/∂a = 1"
    return f"∂J/∂a = a − y<br/>= {diagram.number(diagram.layers[-1].a[j] - diagram.target[j])}"


def _orange(text: str) -> str:
    return f'<FONT COLOR="{_BACKWARD}">{text}</FONT>'


def _factor(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def _downstream(diagram: NetworkDiagram, level: int, j: int) -> list[tuple[float, float]]:
    """(w, δ) for every edge from unit j of the diagram's layer ``level`` to the next: the terms of Σ w·δ."""
    following = diagram.layers[level]  # the next layer (diagram.layers[0] is the first hidden one)
    return [(weights[j], delta) for weights, delta in zip(following.weights, following.delta, strict=True)]
