"""A drawing of a forward pass: ∂node/∂x on every value box in place of its gradient.

Forward mode pushes the composite-function tutorial's sum over paths up from one input, so every
node gets ∂node/∂x (its tangent) where the backward pass gives ∂y/∂node. ``to_dot(y,
forward_from=x2)`` asks this module for each box's label and fill; the edges keep their local
derivatives, which both directions multiply. The fill uses the gradient colours: blue for a
positive tangent, red for a negative one, darker for larger.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograd_tiny.core.formatting import format_number
from autograd_tiny.core.value import Value
from autograd_tiny.forward.tangents import tangents
from autograd_tiny.see.dot_style import Attributes, escape, grad_colour

__all__ = ["TangentView", "tangent_view"]


@dataclass(frozen=True)
class TangentView:
    """The tangents of one forward pass, ready to draw.

    Attributes:
        tangents: ∂node/∂x for every node of the graph.
        wrt_name: the name of x, the node pushed from.
        largest: the largest |tangent| of a node that is not a constant (the darkest fill).
    """

    tangents: dict[Value, float]
    wrt_name: str
    largest: float

    @property
    def caption(self) -> str:
        """What the fill means, for the drawing's caption."""
        return f"forward pass from {self.wrt_name}: fill ∂node/∂{self.wrt_name} (blue > 0, red < 0)"

    def label(self, node: Value, name: str) -> str:
        """An HTML-like label: **name** = data, and below it ∂name/∂x = tangent; a constant is its number."""
        if node.constant:
            return f"<{escape(name)}>"
        tangent = format_number(self.tangents[node])
        partial = escape(f"∂{name}/∂{self.wrt_name} = {tangent}")
        data = format_number(node.data)
        return f'<<b>{escape(name)}</b> = {data}<br/><font point-size="10">{partial}</font>>'

    def fill(self, node: Value) -> Attributes:
        """The box's fill colour for its tangent (attributes that replace the gradient's fill)."""
        if node.constant:
            return {}
        return {"fillcolor": grad_colour(self.tangents[node], self.largest)}


def tangent_view(root: Value, wrt: object, names: dict[Value, str]) -> TangentView:
    """Push ∂·/∂``wrt`` through the graph under ``root`` (``names`` are the drawing's names).

    Raises:
        TypeError: ``wrt`` is not a ``Value``.
        ValueError: ``wrt`` is not part of the graph under ``root``.
    """
    if not isinstance(wrt, Value):
        raise TypeError(f"forward_from must be a Value or None, got {type(wrt).__name__} {wrt!r}")
    if wrt not in names:
        raise ValueError(f"forward_from={wrt!r} is not part of the graph under root")
    pushed = tangents(root, wrt)
    largest = max((abs(t) for node, t in pushed.items() if not node.constant), default=0.0)
    return TangentView(pushed, names[wrt], largest)
