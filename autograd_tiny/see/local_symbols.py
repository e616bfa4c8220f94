"""How a local derivative is written so that it cannot be read as a gradient.

The composite-function tutorial writes the local derivative on the edge from x2 into a = x1 + x2 as
∂a/∂x2, and the gradient of a node as ∂y/∂node. The two share a symbol only on an edge into the
output y itself: there ∂y/∂x2 could be y's local derivative or x2's gradient. They are the same
number when that edge is x2's only path to y. When x2 also reaches y another way (y = d + x2 with d
made from x2), the edge carries only the direct path's share, and is written ∂y/∂x2|direct, in
drawings and in sums over paths alike: ∂y/∂x2 = ∂y/∂d·∂d/∂x2 + ∂y/∂x2|direct.
"""

from __future__ import annotations

from collections.abc import Collection

from autograd_tiny.core.gradients import topological_order
from autograd_tiny.core.value import Value

__all__ = ["DIRECT", "direct_mark", "routes_from"]

DIRECT = "|direct"
"""The mark of a local derivative of the output that is not the whole gradient: ∂y/∂x2|direct."""


def routes_from(root: Value) -> dict[Value, int]:
    """For every node under ``root``: 1 if exactly one path leads from ``root`` down to it, else 2.

    One pass from the root down (reverse topological order), one term per edge, so ``x*x`` counts
    two; counts stop at 2 ("more than one"), so a deep graph never makes a huge integer.
    """
    order = topological_order(root)
    routes = dict.fromkeys(order, 0)
    routes[root] = 1
    for node in reversed(order):
        for input_, _ in node.edges:
            routes[input_] = min(2, routes[input_] + routes[node])
    return routes


def direct_mark(
    output: Value,
    input_: Value,
    mark: str,
    root: Value,
    routes: dict[Value, int],
    hidden: Collection[Value] = (),
) -> str:
    """The mark after ∂output/∂input: ``mark`` (``[1]``, ``[2]`` for ``x*x``'s edges, or ``""``),
    or ``DIRECT`` when ``output`` is the root and ∂root/∂input alone would name a gradient with
    another number (the input reaches the root by another path too) or one a drawing hides
    (``hidden``: an exercise asks for it).
    """
    if mark or output is not root:
        return mark
    return DIRECT if routes.get(input_, 0) > 1 or input_ in hidden else ""
