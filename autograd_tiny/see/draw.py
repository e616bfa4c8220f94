"""``draw``: a picture of the graph (the composite-function tutorial's structure diagram), as a
``graphviz.Digraph`` for Jupyter and for files.

``draw(y)`` is a ``Drawing``, a ``graphviz.Digraph``: it shows itself in Jupyter, and
``.render("y", format="png")``, ``.pipe(format="svg")``, ``.attr(rankdir="TB")``, ``.source`` and
``.view()`` work as the ``graphviz`` package documents them. The layout runs through the system
Graphviz ``dot`` when there is one, and otherwise through the ``graphviz-pure`` command that
``pip install 'autograd-tiny[viz]'`` brings, so pip alone is enough. With neither, Jupyter shows how
to install one and the DOT source, and rendering raises. A picture is for reading: ``draw`` refuses a
graph of more than ``MAX_NODES`` values or ``MAX_EDGES`` edges, and the renderer is stopped after
``RENDER_SECONDS`` (a few dozen nodes can take minutes to lay out); ``to_dot`` has no bound.
"""

from __future__ import annotations

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value
from autograd_tiny.see.digraph import FORMATS, Drawing
from autograd_tiny.see.dot import drawing_of, to_dot
from autograd_tiny.see.dot_options import DrawingOptions, options_from
from autograd_tiny.see.render import (
    INSTALL_HINT,
    RENDER_SECONDS,
    TOO_BIG,
    RendererMissingError,
    find_renderer,
)

__all__ = [
    "FORMATS",
    "INSTALL_HINT",
    "MAX_EDGES",
    "MAX_NODES",
    "RENDER_SECONDS",
    "Drawing",
    "DrawingOptions",
    "RendererMissingError",
    "draw",
    "find_renderer",
    "to_dot",
]

MAX_NODES = 500
"""The most values ``draw`` draws: beyond it a picture is unreadable and slow to lay out."""
MAX_EDGES = 1000
"""The most edges ``draw`` draws (one ``at.sum`` of many terms is one node with many edges)."""


def draw(
    root: Value,
    options: DrawingOptions | None = None,
    /,
    *,
    max_nodes: int | None = MAX_NODES,
    max_edges: int | None = MAX_EDGES,
    **choices: object,
) -> Drawing:
    """The graph under ``root`` as a ``Drawing``, a ``graphviz.Digraph`` that renders with pip alone.

    In Jupyter the drawing shows itself; ``draw(y).render("y", format="png")`` writes ``y.png``
    (and the DOT source as ``y``), ``draw(y).pipe(format="svg")`` gives the SVG bytes, and
    ``draw(y).attr(rankdir="TB")`` turns it, as for any ``graphviz.Digraph``.
    ``draw(y, forward_from=x2)`` shows forward mode's ∂node/∂x2 on every value instead of ``.grad``.

    Args:
        root: the output of the graph; call ``root.backward()`` first to see gradients.
        options: a ``DrawingOptions`` record (the defaults when None); keywords replace its fields.
        max_nodes: the most values (nodes of the graph) to draw; ``None`` for no bound.
        max_edges: the most edges to draw; ``None`` for no bound. Either way the renderer is
            stopped after ``RENDER_SECONDS``.
        **choices: any field of ``DrawingOptions``: ``show_grad``, ``show_local``, ``highlight``,
            ``rankdir``, ``precision``, ``neurons``, ``scene``, ``forward_from``, ``blanks``,
            ``blank_grads``.

    Raises:
        ValueError: the graph is bigger than ``max_nodes`` or ``max_edges``, checked before any
            DOT text is made; the message says what to do instead. Also as for ``DrawingOptions``.
        TypeError: a bound is not an int or None, ``root`` is not a ``Value``, or as for
            ``DrawingOptions``.
    """
    chosen = options_from(options, choices, "draw")
    if isinstance(root, Value):  # anything else: drawing_of says what is wrong with it
        _check_size(root, max_nodes, max_edges)
    return drawing_of(root, chosen, "draw")


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
