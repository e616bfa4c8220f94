"""How a drawing looks: value boxes, operation circles, gradient colours, and DOT quoting.

Kept apart from ``dot.py`` (which decides *what* is drawn) so that the look can change without
touching the graph walk. Gradient colour: white for 0, towards blue for ∂y/∂v > 0 and towards red
for ∂y/∂v < 0, darker as |grad| nears the largest |grad| in the graph.
"""

from __future__ import annotations

from collections.abc import Callable

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value

__all__ = [
    "BLANK",
    "CURRENT",
    "EDGE_DEFAULTS",
    "FADED",
    "HIGHLIGHT",
    "NODE_DEFAULTS",
    "OPERATION_STYLE",
    "escape",
    "grad_colour",
    "line",
    "number_format",
    "quote",
    "value_label",
    "value_style",
]

BLUE, RED = (33, 102, 172), (178, 24, 43)  # positive and negative gradients
BLANK = "?"  # a number left for the learner to fill in (see.dot's blanks)
HIGHLIGHT, FADED = '"#e66101"', '"#b0b0b0"'
CURRENT = '"#1b9e77"'  # the node and edge of the current step of an animation
NODE_DEFAULTS = '  node [fontname="Helvetica", fontsize=12, penwidth=1.2]\n'
EDGE_DEFAULTS = '  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7]\n'
OPERATION_STYLE = ("shape=circle", "style=filled", 'fillcolor="#eeeeee"', "margin=0.01", "fontsize=14")


def line(head: str, attributes: list[str]) -> str:
    """``  head [key=value, …]``; a later ``key=`` replaces an earlier one in its place."""
    merged: dict[str, str] = {}
    for attribute in attributes:
        merged[attribute.split("=", 1)[0]] = attribute
    return f"  {head} [{', '.join(merged.values())}]\n" if merged else f"  {head}\n"


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
    """An HTML-like label: **name** = data, and below it the grad; a constant is just its number.

    ``data=None`` writes ``?`` (not computed yet, or left for a learner to fill in); ``grad=None``
    leaves the gradient row out; ``blank_grad`` writes the row with ``?`` for a learner to fill in.
    """
    if constant:
        return escape(name)
    rows = [f"<b>{escape(name)}</b> = {BLANK if data is None else number(data)}"]
    if blank_grad:
        rows.append(f'<font point-size="10">grad {BLANK}</font>')
    elif grad is not None:
        rows.append(f'<font point-size="10">grad {number(grad)}</font>')
    return "<br/>".join(rows)


def value_style(node: Value, is_root: bool, largest: float, grad: float | None = None) -> list[str]:
    """Inputs and parameters: thick box; other values: rounded; the output: double; constants: text.

    The fill is the colour of ``grad`` (``node.grad`` when None).
    """
    if node.constant:
        return ["shape=plaintext", 'fontcolor="#606060"', "fontsize=11", "margin=0.02"]
    shape = ["shape=box", "penwidth=2.2"] if not node.edges else ["shape=box"]
    rounded = "" if not node.edges else "rounded,"
    peripheries = ["peripheries=2"] if is_root else []
    return [
        *shape,
        f'style="{rounded}filled"',
        f'fillcolor="{grad_colour(node.grad if grad is None else grad, largest)}"',
        *peripheries,
    ]


def grad_colour(grad: float, largest: float) -> str:
    """White for 0; towards blue (positive) or red (negative) as |grad| nears the largest |grad|."""
    if not largest or not grad:
        return "#ffffff"
    strength = 0.15 + 0.45 * (abs(grad) / largest) ** 0.5  # light enough for black text
    target = BLUE if grad > 0 else RED
    return "#" + "".join(f"{round(255 + (c - 255) * strength):02x}" for c in target)


def escape(text: str) -> str:
    """Text for an HTML-like label."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def quote(text: str) -> str:
    """Text for a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
