"""``draw``: a picture of the graph (the composite-function tutorial's structure diagram) for Jupyter and for
files.

The DOT text comes from ``to_dot``; a renderer turns it into SVG or PNG. The renderer is the system
Graphviz ``dot`` when there is one, and otherwise the ``graphviz-pure`` command that
``pip install 'autograd-tiny[viz]'`` brings, so pip alone is enough. With neither, Jupyter shows how
to install one and the DOT source, and ``render`` raises. A picture is for reading: ``draw`` refuses a
graph of more than ``MAX_NODES`` values or ``MAX_EDGES`` edges, and the renderer is stopped after
``RENDER_SECONDS`` (a few dozen nodes can take minutes to lay out); ``to_dot`` has no bound.
"""

from __future__ import annotations

import html
from collections.abc import Collection
from pathlib import Path
from typing import Any

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.dot import to_dot
from autograd_tiny.see.render import (
    INSTALL_HINT,
    RENDER_SECONDS,
    TOO_BIG,
    RendererMissingError,
    find_renderer,
    render_bytes,
)

__all__ = [
    "FORMATS",
    "INSTALL_HINT",
    "MAX_EDGES",
    "MAX_NODES",
    "RENDER_SECONDS",
    "Drawing",
    "RendererMissingError",
    "draw",
    "find_renderer",
    "to_dot",
]

FORMATS = (".svg", ".png", ".dot")
MAX_NODES = 500
"""The most values ``draw`` draws: beyond it a picture is unreadable and slow to lay out."""
MAX_EDGES = 1000
"""The most edges ``draw`` draws (one ``at.sum`` of many terms is one node with many edges)."""
_SHOWN_LINES = 40  # of the DOT source, when Jupyter shows it instead of a picture


class Drawing:
    """DOT source that shows itself as SVG in Jupyter and renders to ``.svg``, ``.png`` or ``.dot``.

    Attributes:
        source: the DOT text, as ``to_dot`` made it.
    """

    __slots__ = ("_failure", "_svg", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._svg: str | None = None
        self._failure: RuntimeError | None = None

    def __repr__(self) -> str:
        lines = self.source.count("\n")
        return f"Drawing(<{lines} lines of DOT: .source to read them, .render(path) to save a picture>)"

    def svg(self) -> str:
        """The picture as SVG text (rendered once, then kept; a failure is kept too, not retried).

        Raises:
            RendererMissingError: no renderer is installed (the message says how to get one).
            RuntimeError: the renderer failed, or did not finish within ``RENDER_SECONDS``.
        """
        if self._failure is not None:
            raise self._failure
        if self._svg is None:
            try:
                self._svg = render_bytes(self.source, "svg").decode("utf-8")
            except RuntimeError as error:
                self._failure = error
                raise
        return self._svg

    def _repr_svg_(self) -> str | None:
        try:
            return self.svg()
        except RuntimeError:
            return None  # _repr_mimebundle_ shows the hint; a display hook must never raise

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        try:
            return {"image/svg+xml": self.svg()}
        except RuntimeError as error:
            lines = self.source.splitlines(keepends=True)
            shown = "".join(lines[:_SHOWN_LINES])
            if len(lines) > _SHOWN_LINES:
                shown += f"… ({len(lines) - _SHOWN_LINES} more lines of DOT in .source)\n"
            return {
                "text/plain": f"{error}\n\n{shown}",
                "text/html": f"<p>{html.escape(str(error))}</p><pre>{html.escape(shown)}</pre>",
            }

    def render(self, path: str | Path) -> Path:
        """Write the picture to ``path``; the suffix (``.svg``, ``.png`` or ``.dot``) picks the format.

        Returns:
            The path written.

        Raises:
            ValueError: the suffix is not one of ``.svg``, ``.png``, ``.dot``.
            RendererMissingError: ``.svg`` or ``.png`` was asked for and no renderer is installed.
            RuntimeError: the renderer failed, or did not finish within ``RENDER_SECONDS``.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ValueError(
                f"render: cannot tell the format of {str(path)!r}: use a name ending in {', '.join(FORMATS)}"
            )
        if suffix == ".dot":
            path.write_text(self.source, encoding="utf-8")
        elif suffix == ".svg":
            path.write_text(self.svg(), encoding="utf-8")
        else:
            path.write_bytes(render_bytes(self.source.replace("{\n", "{\n  graph [dpi=144]\n", 1), "png"))
        return path

    save = render


def draw(
    root: Value,
    *,
    show_grad: bool = True,
    show_local: bool = True,
    highlight: Value | None = None,
    rankdir: str = "LR",
    precision: int | None = 3,
    neurons: str = "box",
    forward_from: Value | None = None,
    blanks: Collection[str] = (),
    max_nodes: int | None = MAX_NODES,
    max_edges: int | None = MAX_EDGES,
) -> Drawing:
    """The graph under ``root`` as a ``Drawing``; the first options are those of ``to_dot``.

    In Jupyter the drawing shows itself; ``draw(y).render("y.png")`` writes a file.
    ``draw(y, forward_from=x2)`` shows forward mode's ∂node/∂x2 on every value instead of ``.grad``.

    Args:
        root, show_grad, show_local, highlight, rankdir, precision, neurons, forward_from, blanks:
            as for ``to_dot``.
        max_nodes: the most values (nodes of the graph) to draw; ``None`` for no bound.
        max_edges: the most edges to draw; ``None`` for no bound. Either way the renderer is
            stopped after ``RENDER_SECONDS``.

    Raises:
        ValueError: the graph is bigger than ``max_nodes`` or ``max_edges``, checked before any
            DOT text is made; the message says what to do instead. Also as for ``to_dot``.
        TypeError: a bound is not an int or None; also as for ``to_dot``.
    """
    if isinstance(root, Value):  # anything else: to_dot says what is wrong with it
        _check_size(root, max_nodes, max_edges)
    return Drawing(
        to_dot(
            root,
            show_grad=show_grad,
            show_local=show_local,
            highlight=highlight,
            rankdir=rankdir,
            precision=precision,
            neurons=neurons,
            forward_from=forward_from,
            blanks=blanks,
        )
    )


def _check_size(root: Value, max_nodes: int | None, max_edges: int | None) -> None:
    for what, bound in (("max_nodes", max_nodes), ("max_edges", max_edges)):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int) or bound < 1):
            raise TypeError(
                f"draw: {what} must be a positive int or None, got {type(bound).__name__} {bound!r}"
            )
    order = topological_order(root)
    nodes, edges = len(order), sum(len(node.edges) for node in order)
    for count, bound, kind, what in (
        (nodes, max_nodes, "values", "max_nodes"),
        (edges, max_edges, "edges", "max_edges"),
    ):
        if bound is not None and count > bound:
            raise ValueError(
                f"draw: the graph has {count:,} {kind}, more than {what}={bound:,}: too many to read in one "
                f"picture, and laying it out can take minutes. Instead, {TOO_BIG}; or pass {what}=None "
                f"to try anyway (the renderer is stopped after {RENDER_SECONDS:g} s)."
            )
