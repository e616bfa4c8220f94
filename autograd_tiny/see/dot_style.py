"""How a drawing looks: value boxes, operation circles, gradient colours, and HTML-like labels.

Kept apart from ``dot.py`` (which decides *what* is drawn) so that the look can change without
touching the graph walk. Attributes are plain ``{name: value}`` dicts that the ``graphviz`` package
quotes; only the HTML-like labels (``<b>x1</b> = 2``) are written here, with their text escaped.
Gradient colour: white for 0, towards blue for ∂y/∂v > 0 and towards red for ∂y/∂v < 0, darker as
|grad| nears the largest |grad| in the graph.
"""

from __future__ import annotations

from collections.abc import Callable

import graphviz  # type: ignore[import-untyped]  # no type hints shipped

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value

__all__ = [
    "BLANK",
    "CURRENT",
    "EDGE_DEFAULTS",
    "FADED",
    "GRAPH_DEFAULTS",
    "HIGHLIGHT",
    "NAMED_OPERATION_STYLE",
    "NODE_DEFAULTS",
    "OPERATION_STYLE",
    "Attributes",
    "escape",
    "grad_colour",
    "number_format",
    "plain",
    "value_label",
    "value_style",
]

Attributes = dict[str, str]
"""A node's, an edge's or the graph's DOT attributes, e.g. ``{"shape": "box"}``."""

BLUE, RED = (33, 102, 172), (178, 24, 43)  # positive and negative gradients
BLANK = "?"  # a number left for the learner to fill in (see.dot's blanks)
HIGHLIGHT, FADED = "#e66101", "#b0b0b0"
CURRENT = "#1b9e77"  # the node and edge of the current step of an animation
GRAPH_DEFAULTS: Attributes = {
    "nodesep": "0.25",
    "ranksep": "0.35",
    "fontname": "Helvetica",
    "fontsize": "11",
}
NODE_DEFAULTS: Attributes = {"fontname": "Helvetica", "fontsize": "12", "penwidth": "1.2"}
EDGE_DEFAULTS: Attributes = {"fontname": "Helvetica", "fontsize": "10", "arrowsize": "0.7"}
OPERATION_STYLE: Attributes = {
    "shape": "circle",
    "style": "filled",
    "fillcolor": "#eeeeee",
    "margin": "0.01",
    "fontsize": "14",
}

NAMED_OPERATION_STYLE: Attributes = {"fontsize": "12", "margin": "0.03"}
"""An operation written with its operands' names, ``x1 − x2``: a smaller font in a wider circle."""


def number_format(precision: int | None) -> Callable[[float], str]:
    """How a drawing writes numbers: ``precision`` significant digits, or ``format_number``'s six.

    Raises:
        ValueError: ``precision`` is not None or an integer from 1 to 17.
    """
    if precision is None:
        return format_number
    if isinstance(precision, bool) or not isinstance(precision, int) or not 1 <= precision <= 17:
        raise ValueError(
            f"precision must be None or a whole number of digits from 1 to 17, got {precision!r}"
        )
    return lambda x: f"{x:.{precision}g}"


def value_label(
    name: str,
    data: float | None,
    grad: float | None,
    *,
    constant: bool = False,
    number: Callable[[float], str] = format_number,
    blank_grad: bool = False,
) -> str:
    """An HTML-like label, ``<…>``: **name** = data, and below it the grad; a constant is its number.

    ``data=None`` writes ``?`` (not computed yet, or left for a learner to fill in); ``grad=None``
    leaves the gradient row out; ``blank_grad`` writes the row with ``?`` for a learner to fill in.
    """
    if constant:
        return f"<{escape(name)}>"
    rows = [f"<b>{escape(name)}</b> = {BLANK if data is None else number(data)}"]
    if blank_grad:
        rows.append(f'<font point-size="10">grad {BLANK}</font>')
    elif grad is not None:
        rows.append(f'<font point-size="10">grad {number(grad)}</font>')
    return "<" + "<br/>".join(rows) + ">"


def value_style(node: Value, is_root: bool, largest: float, grad: float | None = None) -> Attributes:
    """Inputs and parameters: thick box; other values: rounded; the output: double; constants: text.

    The fill is the colour of ``grad`` (``node.grad`` when None).
    """
    if node.constant:
        return {"shape": "plaintext", "fontcolor": "#606060", "fontsize": "11", "margin": "0.02"}
    style: Attributes = {"shape": "box"}
    if not node.edges:
        style["penwidth"] = "2.2"
    style["style"] = "rounded,filled" if node.edges else "filled"
    style["fillcolor"] = grad_colour(node.grad if grad is None else grad, largest)
    if is_root:
        style["peripheries"] = "2"
    return style


def grad_colour(grad: float, largest: float) -> str:
    """White for 0; towards blue (positive) or red (negative) as |grad| nears the largest |grad|."""
    if not largest or not grad:
        return "#ffffff"
    strength = 0.15 + 0.45 * (abs(grad) / largest) ** 0.5  # light enough for black text
    target = BLUE if grad > 0 else RED
    return "#" + "".join(f"{round(255 + (c - 255) * strength):02x}" for c in target)


def escape(text: str) -> str:
    """Text for inside an HTML-like label (the package leaves ``<…>`` labels as they are)."""
    text = _encodable(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def plain(text: str) -> str:
    """Text for a plain label, its backslashes kept (``graphviz.escape``); the package quotes it."""
    return str(graphviz.escape(_encodable(text)))


def _encodable(text: str) -> str:
    """``text`` with anything UTF-8 cannot hold (a lone surrogate) written as ``?``."""
    return text.encode("utf-8", "replace").decode("utf-8")
