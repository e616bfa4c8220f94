"""``Solution``: the worked answers of an exercise: every number, the filled-in graph, and each
input's gradient as a sum over paths, as the composite-function tutorial writes
∂y/∂x2 = ∂y/∂a·∂a/∂x2 + ∂y/∂b·∂b/∂x2.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from autograd_tiny.core.formatting import format_number
from autograd_tiny.see.draw import Drawing
from autograd_tiny.see.paths import explain

if TYPE_CHECKING:
    from autograd_tiny.practice.exercise import Exercise

__all__ = ["Solution", "svg_or_text"]


class Solution:
    """The worked answers of an exercise, as text and, in Jupyter, with the filled-in drawing."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise

    def lines(self) -> list[str]:
        """One line per answer, then each input's gradient as a sum over paths."""
        worked = self.exercise.worked
        answers = [f"{q.key} = {format_number(q.answer)}" for q in self.exercise.questions]
        sums = [str(explain(worked.root, q.node)) for q in worked.questions.values() if q.kind == "path"]
        return [*answers, "sums over paths:", *(f"  {line}" for line in sums)]

    def __str__(self) -> str:
        return "\n".join([f"solution: {self.exercise.title}", *self.lines()])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        text = html.escape("\n".join(self.lines()))
        drawing = self.exercise.drawing(filled=True)
        picture = svg_or_text(drawing, self.exercise.graph_text())
        return f"<p><b>solution: {html.escape(self.exercise.title)}</b></p>{picture}<pre>{text}</pre>"


def svg_or_text(drawing: Drawing, lines: list[str]) -> str:
    """The drawing as inline SVG, or, with no Graphviz renderer, ``lines`` (the graph in words)."""
    try:
        return drawing.svg()
    except RuntimeError:  # no renderer: the graph in words instead
        return f"<pre>{html.escape(chr(10).join(lines))}</pre>"
