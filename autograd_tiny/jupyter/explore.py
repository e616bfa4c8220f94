"""``explore("(x1+x2)*(x2+1)", x1=2, x2=3)``: the composite-function tutorial's exercise, live.

An expression box, a slider per input, and below them the drawing, each ∂y/∂x as a sum over paths
and the backward pass step by step, all redrawn whenever the text or a slider changes. A bad
expression shows the parser's one-line error in place of the pictures. ``Explorer.view`` does the
work and returns HTML, so it can be used (and tested) without a browser.
"""

from __future__ import annotations

import ast
import html
from typing import Any

from autograd_tiny.parsing.allow import FUNCTIONS
from autograd_tiny.parsing.build import parse
from autograd_tiny.see.draw import draw
from autograd_tiny.see.paths import explain
from autograd_tiny.see.trace import trace

__all__ = ["Explorer", "explore"]

DEFAULT_VALUE = 1.0  # the value of a name the learner has just typed


class Explorer:
    """The state of an explorer: the expression and a value per name.

    Attributes:
        text: the expression. values: the number of every name given or slid so far.
    """

    def __init__(self, text: str, **values: float) -> None:
        self.text = text
        self.values = dict(values)

    def names(self) -> list[str]:
        """The names the expression uses, in order of first appearance ([] if it does not parse)."""
        try:
            tree = ast.parse(self.text.strip(), mode="eval")
        except (SyntaxError, ValueError):
            return []
        callees = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
        found = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and id(node) not in callees and node.id not in FUNCTIONS
        ]
        found.sort(key=lambda node: (node.lineno, node.col_offset))
        return list(dict.fromkeys(node.id for node in found))

    def view(self, text: str | None = None, **values: float) -> str:
        """Take a new text and/or values, and return everything to show, as HTML.

        Names without a value get ``DEFAULT_VALUE``. A bad expression (or a value where it cannot
        be computed, such as ``log(0)``) gives the parser's one-line error, in red, instead.
        """
        if text is not None:
            self.text = text
        self.values.update(values)
        point = {name: self.values.setdefault(name, DEFAULT_VALUE) for name in self.names()}
        try:
            y, leaves = parse(self.text, **point)
            y.backward()  # every .grad, for the drawing
            steps = trace(y)
        except (ValueError, TypeError, ArithmeticError) as error:
            return f'<p style="color:#b2182b">error: {html.escape(str(error))}</p>'
        sums = "<br>".join(html.escape(str(explain(y, leaf))) for leaf in leaves.values())
        try:
            picture = draw(y).svg()
        except RuntimeError as error:  # no renderer: say how to get one, show the rest
            picture = f"<p>{html.escape(str(error))}</p>"
        return (
            f"<div>{picture}</div><p><b>sums over paths</b><br>{sums or 'no inputs'}</p>{steps._repr_html_()}"
        )


def explore(text: str, **values: float) -> Any:
    """A live explorer of ``text`` at ``values``: a text box and a slider per input, redrawn on change.

    Returns:
        An ``ipywidgets.VBox``.

    Raises:
        ImportError: ipywidgets is not installed (the message says how to install it).
    """
    try:
        import ipywidgets as widgets  # type: ignore[import-untyped]  # optional: only the widgets need it
    except ImportError:
        raise ImportError("the explorer needs ipywidgets: pip install 'autograd-tiny[notebooks]'") from None
    explorer = Explorer(text, **values)
    box = widgets.Text(value=text, description="y =", continuous_update=True)
    sliders = widgets.VBox()
    output = widgets.HTML(explorer.view())

    def slider(name: str) -> Any:
        value = explorer.values[name]
        made = widgets.FloatSlider(value=value, min=value - 5, max=value + 5, step=0.1, description=name)
        made.observe(lambda change: setattr(output, "value", explorer.view(**{name: change["new"]})), "value")
        return made

    def retext(change: dict[str, Any]) -> None:
        output.value = explorer.view(change["new"])
        if [s.description for s in sliders.children] != explorer.names():
            sliders.children = [slider(name) for name in explorer.names() if name in explorer.values]

    sliders.children = [slider(name) for name in explorer.names()]
    box.observe(retext, names="value")
    return widgets.VBox([box, sliders, output])
